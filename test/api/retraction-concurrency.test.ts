/**
 * A retraction racing a registration that links what it retracts, on PostgreSQL: whichever commits
 * first, the new version ends up flagged and capped — directly (trained on the retracted version)
 * or transitively (an input from a version built on it). Each round holds one side's transaction
 * open at its last step (a subscriber that waits for a signal), starts the other, waits until that
 * one either finished or is waiting for a lock (read from `pg_locks`, not from a clock), and only
 * then lets the first commit. Without the lock that orders them, the second side finishes first
 * having read the state before the first's commit, and the version is left unflagged.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { actingAs } from '../../src/caller.ts';
import { queryRows } from '../../src/db/database.ts';
import { type Deps, inTransaction } from '../../src/deps.ts';
import { registerModel as registerCommand } from '../../src/registry/models/model.service.ts';
import type { RetractionOutcome } from '../../src/retraction/core/outcome.ts';
import { retractArtifact } from '../../src/retraction/retraction.service.ts';
import { runInUnit } from '../../src/unit-of-work.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import {
  addVersion,
  buildModelBody,
  createDataset,
  getModel,
  registerModel,
  uniqueId,
} from '../support/factories.ts';
import { testStores } from '../support/stores.ts';

const ROUNDS = 6;
const ADMIN = actingAs('admin');

/** A signal one side waits for before it commits. */
function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

for (const store of testStores().filter((candidate) => candidate.name === 'postgres')) {
  describe(`a retraction racing a registration on ${store.name}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(store);
    });
    after(() => t.close());

    /** How many advisory locks in this database someone waits for. */
    const waitingForLocks = async () => {
      const [row] = await queryRows<{ n: number }>(
        t.store.db,
        sql`select count(*)::int as n from pg_locks
             where locktype = 'advisory' and not granted
               and database = (select oid from pg_database where datname = current_database())`,
      );
      return row.n;
    };

    /** Waits (bounded) until `done` settled or someone waits for an advisory lock. */
    async function untilFinishedOrBlocked(done: { settled: boolean }) {
      for (let poll = 0; poll < 2000; poll++) {
        if (done.settled || (await waitingForLocks()) > 0) return;
        await new Promise((resolve) => setImmediate(resolve));
      }
      assert.fail('the second transaction neither finished nor waited for a lock');
    }

    /** Deps whose in-transaction subscribers wait for `held` when `type` is published. */
    function holding(type: 'artifact_retracted' | 'model_version_registered', held: ReturnType<typeof gate>) {
      const reached = gate();
      const hold = inTransaction('test: hold the transaction open', [type], async () => {
        reached.open();
        await held.opened;
      });
      return { deps: { ...t.deps, subscribers: [...t.deps.subscribers, hold] } as Deps, reached };
    }

    const retract = (deps: Deps, datasetId: string) =>
      runInUnit(deps, (unit) =>
        retractArtifact(deps, {
          unit,
          caller: ADMIN,
          artifactId: datasetId,
          version: 2,
          reason: 'race',
          dryRun: false,
        }),
      );
    const register = (deps: Deps, body: { modelName: string; datasetId: string; inputOf?: string }) =>
      runInUnit(deps, (unit) =>
        registerCommand(deps, {
          unit,
          caller: ADMIN,
          modelName: body.modelName,
          modelFamily: 'statistical',
          rawQualityScore: 0.9,
          trainedOn: body.inputOf ? [] : [{ id: body.datasetId, version: 2 }],
          inputs: body.inputOf ? [{ id: body.inputOf, version: 1 }] : [],
        }),
      );

    /** One round: `first` holds its transaction open until `second` finished or waits for a lock. */
    async function race(first: 'retraction' | 'registration', transitive: boolean) {
      const datasetId = await createDataset(t);
      await addVersion(t, datasetId);
      // For the transitive case the new version's input is a version already built on v2.
      const upstream = transitive
        ? (await registerModel(t, buildModelBody({ trained_on: [{ dataset_id: datasetId, version: 2 }] }))).id
        : undefined;
      const modelName = uniqueId('raced');
      const held = gate();
      const track = (promise: Promise<unknown>) => {
        const state = { settled: false, promise };
        promise.finally(() => {
          state.settled = true;
        });
        return state;
      };
      const holdType = first === 'retraction' ? 'artifact_retracted' : 'model_version_registered';
      const { deps: holdingDeps, reached } = holding(holdType, held);
      const firstRun = track(
        first === 'retraction'
          ? retract(holdingDeps, datasetId)
          : register(holdingDeps, { modelName, datasetId, inputOf: upstream }),
      );
      await reached.opened;
      const secondRun = track(
        first === 'retraction'
          ? register(t.deps, { modelName, datasetId, inputOf: upstream })
          : retract(t.deps, datasetId),
      );
      await untilFinishedOrBlocked(secondRun);
      held.open();
      const [a, b] = await Promise.all([firstRun.promise, secondRun.promise]);
      const outcome = (first === 'retraction' ? a : b) as RetractionOutcome;
      const versionId = (first === 'retraction' ? b : a) as string;
      const model = await getModel(t, versionId);
      const label = `${first} first${transitive ? ', transitively' : ''}`;
      assert.ok(model.flags.includes('retracted_input'), `${label}: the new version is flagged`);
      assert.equal(model.quality_score, 0.3, `${label}: and capped`);
      if (first === 'registration') {
        assert.ok(outcome.affectedModels.includes(versionId), `${label}: the retraction found it`);
      }
    }

    it(`flags the new version whichever commits first (${ROUNDS} rounds each way, direct and transitive)`, async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const transitive = round % 2 === 1;
        await race('registration', transitive);
        await race('retraction', transitive);
      }
    });

    it('flags every version when retractions and registrations run at once, unordered', async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const datasetId = await createDataset(t);
        await addVersion(t, datasetId);
        const names = Array.from({ length: 4 }, () => uniqueId('unordered'));
        const [outcome, ...ids] = await Promise.all([
          retract(t.deps, datasetId),
          ...names.map((modelName) => register(t.deps, { modelName, datasetId })),
        ]);
        for (const id of ids as string[]) {
          assert.ok((await getModel(t, id)).flags.includes('retracted_input'), `round ${round}: ${id}`);
        }
        assert.ok((outcome as RetractionOutcome).affectedModels.length <= ids.length);
      }
    });
  });
}
