/**
 * A lineage's history read from its append-only records: the lineage as it stood at each moment of a
 * scripted life (registrations, an alias set, moved and removed, a direct promotion, a policy, a
 * request approved into a promotion, an archive), the version an alias named then (404
 * `alias_not_set` when none; 404 before the lineage existed), the timeline newest first with its
 * exact entries and cursor pages, and the migration that gives archives made before it their events.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/database.ts';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { buildModelBody, expectError, registerModel, uniqueId } from '../support/factories.ts';
import { decideOk, openRequest, setPolicy } from '../support/governance.ts';
import { mlflow } from '../support/mlflow.ts';
import { testStores } from '../support/stores.ts';

/** The database's clock now, as an `as_of` value with microseconds. */
async function dbNow(t: TestApp): Promise<string> {
  const [row] = await queryRows<{ now: string }>(
    t.store.db,
    sql`select to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as now`,
  );
  return row.now;
}

interface Entry {
  at: string;
  kind: string;
  version_id: string | null;
  actor: string;
  alias?: string;
  from?: string | null;
  to?: string | null;
  reason?: string;
  request_id?: number;
}

for (const store of testStores()) {
  describe(`lineage history on ${store.name}`, () => {
    let t: TestApp;
    const name = uniqueId('history');
    const v = (n: number) => `${name}-v${n}`;
    const moments: string[] = [];
    const tokens: Record<string, string> = {};
    const ids: Record<string, string> = {};
    let requestId: number;

    const lineageAt = async (asOf: string) => {
      const response = await t.request('GET', `/api/lineages/${name}?as_of=${encodeURIComponent(asOf)}`);
      assert.equal(response.statusCode, 200, response.body);
      return response.json();
    };
    const aliasAt = (ref: string, asOf: string) =>
      t.request('GET', `/api/models/${ref}?as_of=${encodeURIComponent(asOf)}`);
    const timeline = async (query = '') => {
      const response = await t.request('GET', `/api/lineages/${name}/timeline${query}`);
      assert.equal(response.statusCode, 200, response.body);
      return response.json() as { entries: Entry[]; next_cursor: string | null };
    };
    const mark = async () => moments.push(await dbNow(t));

    before(async () => {
      t = await startTestApp(store);
      for (const agent of ['maya', 'alice', 'bob']) {
        ids[agent] = uniqueId(agent);
        tokens[agent] = await t.agentToken(ids[agent], agent === 'maya' ? ['write'] : ['evaluate']);
      }
      const aliasUrl = `/api/lineages/${name}/aliases/champion`;
      await mark(); // 0: before the lineage
      await registerModel(t, buildModelBody({ model_name: name }), tokens.maya);
      await mark(); // 1: v1
      await registerModel(t, buildModelBody({ model_name: name }), tokens.maya);
      assert.equal(
        (await t.request('PUT', aliasUrl, { token: tokens.bob, body: { version_number: 1 } })).statusCode,
        200,
      );
      await mark(); // 2: v2, @champion → v1
      assert.equal(
        (await t.request('POST', `/api/models/${v(1)}/promote`, { token: ADMIN_TOKEN })).statusCode,
        200,
      );
      await mark(); // 3: v1 promoted
      await setPolicy(t, name, { required_approvals: 1 });
      await mark(); // 4: governed
      requestId = (await openRequest(t, v(2), tokens.alice)).id;
      await decideOk(t, requestId, 'approve', tokens.bob);
      await mark(); // 5: v2 promoted through the request
      assert.equal(
        (await t.request('PUT', aliasUrl, { token: tokens.bob, body: { version_number: 2 } })).statusCode,
        200,
      );
      await registerModel(t, buildModelBody({ model_name: name }), tokens.maya);
      await mark(); // 6: @champion → v2, v3
      assert.equal((await t.request('DELETE', aliasUrl, { token: tokens.bob })).statusCode, 204);
      const archived = await t.request('PATCH', `/api/models/${v(3)}`, {
        token: ADMIN_TOKEN,
        body: { status: 'archived' },
      });
      assert.equal(archived.statusCode, 200, archived.body);
      await mark(); // 7: @champion removed, v3 archived
    });
    after(() => t.close());

    it('answers 404 for the lineage as of a moment before it existed, and 400 for a moment that is not one', async () => {
      expectError(await t.request('GET', `/api/lineages/${name}?as_of=${moments[0]}`), 404, 'not_found');
      expectError(await t.request('GET', `/api/lineages/${name}?as_of=yesterday`), 400, 'invalid_request');
      expectError(await t.request('GET', `/api/lineages/${name}?as_of=2026-02-30`), 400, 'invalid_request');
      expectError(
        await t.request('GET', `/api/lineages/${name}?when=${moments[1]}`),
        400,
        'unknown_parameter',
      );
      expectError(
        await t.request('GET', `/api/lineages/${uniqueId('nope')}?as_of=${moments[1]}`),
        404,
        'not_found',
      );
    });

    it('shows the lineage as it stood at each moment: latest, promoted, aliases, policy, versions and their statuses', async () => {
      // [latest, promoted, @champion, required approvals, statuses] as of moments 1…7.
      const expected: [number, number | null, number | null, number, string[]][] = [
        [1, null, null, 0, ['candidate']],
        [2, null, 1, 0, ['candidate', 'candidate']],
        [2, 1, 1, 0, ['promoted', 'candidate']],
        [2, 1, 1, 1, ['promoted', 'candidate']],
        [2, 2, 1, 1, ['superseded', 'promoted']],
        [3, 2, 2, 1, ['superseded', 'promoted', 'candidate']],
        [3, 2, null, 1, ['superseded', 'promoted', 'archived']],
      ];
      for (const [index, [latest, promoted, champion, approvals, statuses]] of expected.entries()) {
        const asOf = moments[index + 1];
        const lineage = await lineageAt(asOf);
        const label = `as of moment ${index + 1}`;
        assert.equal(lineage.as_of, asOf, label);
        assert.equal(lineage.latest, v(latest), label);
        assert.equal(lineage.promoted, promoted && v(promoted), label);
        assert.deepEqual(lineage.aliases, champion ? { champion: v(champion) } : {}, label);
        assert.equal(lineage.policy.required_approvals, approvals, label);
        assert.deepEqual(
          lineage.versions.map((version: { status: string }) => version.status),
          statuses,
          label,
        );
        assert.deepEqual(
          lineage.versions.map((version: { is_latest: boolean }) => version.is_latest),
          statuses.map((_, i) => i === latest - 1),
          label,
        );
        assert.deepEqual(
          lineage.versions.map((version: { aliases: string[] }) => version.aliases),
          statuses.map((_, i) => (champion === i + 1 ? ['champion'] : [])),
          label,
        );
      }
      // The last moment is now: the history agrees with the lineage as it is.
      const now = (await t.request('GET', `/api/lineages/${name}`)).json();
      const { as_of: _asOf, ...then } = await lineageAt(moments[7]);
      assert.deepEqual(then, now);
    });

    it('resolves name@alias, @latest and @promoted as they stood, 404 alias_not_set when they named nothing', async () => {
      const cases: [string, number, string | null][] = [
        [`${name}@champion`, 1, null],
        [`${name}@champion`, 2, v(1)],
        [`${name}@champion`, 5, v(1)],
        [`${name}@champion`, 6, v(2)],
        [`${name}@champion`, 7, null],
        [`${name}@latest`, 2, v(2)],
        [`${name}@latest`, 7, v(3)],
        [`${name}@promoted`, 2, null],
        [`${name}@promoted`, 3, v(1)],
        [`${name}@promoted`, 5, v(2)],
        [`${name}@nope`, 7, null],
      ];
      for (const [ref, moment, expected] of cases) {
        const response = await aliasAt(ref, moments[moment]);
        if (expected === null) {
          const error = expectError(response, 404, 'alias_not_set');
          assert.match(error.message, new RegExp(ref));
        } else {
          assert.equal(response.statusCode, 200, response.body);
          assert.equal(response.json().id, expected, `${ref} as of moment ${moment}`);
        }
      }
      expectError(await aliasAt(`${name}@champion`, moments[0]), 404, 'not_found');
      expectError(await aliasAt(`${uniqueId('nope')}@champion`, moments[7]), 404, 'not_found');
      // A plain id names itself, once it is registered.
      assert.equal((await aliasAt(v(1), moments[5])).json().id, v(1));
      expectError(await aliasAt(v(3), moments[5]), 404, 'not_found');
      expectError(await t.request('GET', `/api/models/${name}@champion?as_of=soon`), 400, 'invalid_request');
      expectError(await t.request('GET', `/api/models/${v(1)}?version=2`), 400, 'unknown_parameter');
    });

    it('tells what happened, newest first, each entry with the fields of its kind', async () => {
      const { entries, next_cursor } = await timeline();
      assert.equal(next_cursor, null);
      const shown = entries.map(({ at: _at, ...entry }) => entry);
      assert.deepEqual(shown, [
        { kind: 'archived', version_id: v(3), actor: 'admin' },
        { kind: 'alias_removed', version_id: v(2), actor: ids.bob, alias: 'champion', from: v(2), to: null },
        { kind: 'registered', version_id: v(3), actor: ids.maya },
        { kind: 'alias_set', version_id: v(2), actor: ids.bob, alias: 'champion', from: v(1), to: v(2) },
        { kind: 'promoted', version_id: v(2), actor: ids.bob, from: v(1), request_id: requestId },
        { kind: 'superseded', version_id: v(1), actor: ids.bob, to: v(2), request_id: requestId },
        { kind: 'request_decided', version_id: v(2), actor: ids.bob, request_id: requestId },
        { kind: 'policy_set', version_id: null, actor: 'admin' },
        { kind: 'promoted', version_id: v(1), actor: 'admin', from: null },
        { kind: 'alias_set', version_id: v(1), actor: ids.bob, alias: 'champion', from: null, to: v(1) },
        { kind: 'registered', version_id: v(2), actor: ids.maya },
        { kind: 'registered', version_id: v(1), actor: ids.maya },
      ]);
      const times = entries.map((entry) => entry.at);
      assert.deepEqual([...times].sort().reverse(), times);
      assert.ok(times.every((at) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/.test(at)));
    });

    it('shows, as of an entry, the lineage right after it', async () => {
      const { entries } = await timeline();
      const firstPromotion = entries.find((entry) => entry.kind === 'promoted' && entry.version_id === v(1));
      assert.equal((await lineageAt(firstPromotion?.at as string)).promoted, v(1));
      const aliasMove = entries.find((entry) => entry.kind === 'alias_set' && entry.to === v(2));
      assert.equal((await aliasAt(`${name}@champion`, aliasMove?.at as string)).json().id, v(2));
    });

    it('pages the timeline by cursor without overlap or gap, whatever the page size', async () => {
      const { entries: all } = await timeline();
      for (const limit of [1, 2, 3, 5, 11, 12]) {
        const pages: Entry[] = [];
        let cursor: string | null = null;
        do {
          const page: { entries: Entry[]; next_cursor: string | null } = await timeline(
            `?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
          );
          assert.ok(page.entries.length <= limit);
          pages.push(...page.entries);
          cursor = page.next_cursor;
        } while (cursor);
        assert.deepEqual(pages, all, `limit ${limit}`);
      }
      expectError(
        await t.request('GET', `/api/lineages/${name}/timeline?cursor=abc`),
        400,
        'invalid_request',
      );
      expectError(await t.request('GET', `/api/lineages/${name}/timeline?limit=0`), 400, 'invalid_request');
      expectError(await t.request('GET', `/api/lineages/${uniqueId('nope')}/timeline`), 404, 'not_found');
    });

    it('gives archives made before the history was kept their events, at the retirement or the last change', async () => {
      const patched = uniqueId('patched');
      const retired = uniqueId('retired');
      for (const lineage of [patched, retired]) {
        await registerModel(t, buildModelBody({ model_name: lineage }));
        await registerModel(t, buildModelBody({ model_name: lineage }));
      }
      const patch = await t.request('PATCH', `/api/models/${patched}-v1`, {
        token: ADMIN_TOKEN,
        body: { status: 'archived' },
      });
      assert.equal(patch.statusCode, 200, patch.body);
      const deleted = await mlflow(t, 'DELETE', 'registered-models/delete', { name: retired }, ADMIN_TOKEN);
      assert.equal(deleted.statusCode, 200, deleted.body);
      const archiveEvents = () =>
        queryRows<{ target: string; actor: string; at: string; backfilled: boolean | null }>(
          t.store.db,
          sql`select target_artifact_id as target, actor, created_at::text as at,
                     (detection_metadata->>'backfilled')::boolean as backfilled
                from events where event_type = 'model_version_archived'
                 and target_artifact_id in (${`${patched}-v1`}, ${`${retired}-v1`}, ${`${retired}-v2`})
               order by target_artifact_id`,
        );
      const logged = await archiveEvents();
      assert.deepEqual(
        logged.map((row) => [row.target, row.backfilled]),
        [
          [`${patched}-v1`, null],
          [`${retired}-v1`, null],
          [`${retired}-v2`, null],
        ],
      );
      // A database from before: no archive events. The migration's statements bring them back.
      await t.store.db.execute(sql`delete from events where event_type = 'model_version_archived'`);
      // Found by its name, whatever number the migration has when branches are merged.
      const drizzle = new URL('../../drizzle/', import.meta.url);
      const file = readdirSync(drizzle).find((name) => name.endsWith('_governance_history_backfill.sql'));
      const migration = readFileSync(new URL(file as string, drizzle), 'utf8');
      for (const statement of migration.split('--> statement-breakpoint'))
        await t.store.db.execute(sql.raw(statement));
      const [retirement] = await queryRows<{ at: string }>(
        t.store.db,
        sql`select created_at::text as at from events where event_type = 'lineage_retired' and target_artifact_id = ${retired}`,
      );
      const [updated] = await queryRows<{ at: string }>(
        t.store.db,
        sql`select updated_at::text as at from models where id = ${`${patched}-v1`}`,
      );
      assert.deepEqual(await archiveEvents(), [
        { target: `${patched}-v1`, actor: 'system', at: updated.at, backfilled: true },
        { target: `${retired}-v1`, actor: 'admin', at: retirement.at, backfilled: true },
        { target: `${retired}-v2`, actor: 'admin', at: retirement.at, backfilled: true },
      ]);
      // v3 of the scripted lineage was archived too: it got its event back as well.
      const { entries } = await timeline();
      assert.deepEqual(
        entries.filter((entry) => entry.kind === 'archived').map((entry) => [entry.version_id, entry.actor]),
        [[v(3), 'system']],
      );
    });
  });
}
