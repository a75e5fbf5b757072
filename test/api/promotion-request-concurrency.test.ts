/**
 * Promotion requests decided at the same time, on PostgreSQL (the pool's connections run them in
 * parallel; PGlite has one connection). Invariants, over several rounds: two approvals that would
 * each complete a request promote the version once; an approval racing an admin's direct promotion
 * of another version ends with exactly one promoted version and the request either approved (its
 * version was promoted, then superseded or not) or superseded (never promoted by it).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/database.ts';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { buildModelBody, registerModel, uniqueId } from '../support/factories.ts';
import { decide, decideOk, openRequest, readRequest, setPolicy, statusesOf } from '../support/governance.ts';
import { testStores } from '../support/stores.ts';
import { promote } from '../support/world.ts';

const ROUNDS = 6;

for (const store of testStores().filter((candidate) => candidate.name === 'postgres')) {
  describe(`concurrent decisions on promotion requests on ${store.name}`, () => {
    let t: TestApp;
    const tokens: Record<string, string> = {};

    before(async () => {
      t = await startTestApp(store);
      for (const agent of ['alice', 'bob', 'carol', 'dave']) {
        tokens[agent] = await t.agentToken(uniqueId(agent), ['evaluate']);
      }
    });
    after(() => t.close());

    /** A lineage of `versions` versions, v1 promoted, under `policy`; returns its name. */
    async function governedLineage(versions: number, policy: object): Promise<string> {
      const name = uniqueId('raced');
      for (let i = 0; i < versions; i++) await registerModel(t, buildModelBody({ model_name: name }));
      await promote(t, `${name}-v1`);
      await setPolicy(t, name, policy);
      return name;
    }

    const count = async (query: ReturnType<typeof sql>) =>
      (await queryRows<{ n: number }>(t.store.db, query))[0].n;

    it('promotes once when two approvals would each complete the request', async () => {
      for (let round = 0; round < ROUNDS; round++) {
        // Odd rounds need two approvals and have one already: the race is for the second.
        const required = 1 + (round % 2);
        const name = await governedLineage(2, { required_approvals: required });
        const v2 = `${name}-v2`;
        const request = await openRequest(t, v2, tokens.alice);
        if (required === 2) await decideOk(t, request.id, 'approve', tokens.dave);

        const responses = await Promise.all([
          decide(t, request.id, 'approve', tokens.bob),
          decide(t, request.id, 'approve', tokens.carol),
        ]);

        const statuses = responses.map((response) => response.statusCode).sort();
        assert.deepEqual(statuses, [200, 409], `round ${round}: ${responses.map((r) => r.body).join(' | ')}`);
        const loser = responses.find((response) => response.statusCode === 409);
        assert.equal(loser?.json().error.code, 'already_decided');
        const settled = await readRequest(t, request.id);
        assert.equal(settled.status, 'approved');
        assert.equal(settled.approvals.length, required, `round ${round}: the losing approval is not kept`);
        assert.deepEqual(await statusesOf(t, name), { [`${name}-v1`]: 'superseded', [v2]: 'promoted' });
        assert.equal(
          await count(sql`select count(*)::int as n from events
                           where event_type = 'model_version_promoted' and target_artifact_id = ${v2}`),
          1,
          `round ${round}: one promotion`,
        );
        assert.equal(
          await count(sql`select count(*)::int as n from events
                           where event_type = 'promotion_request_decided'
                             and (detection_metadata->>'request_id')::int = ${request.id}`),
          1,
        );
        assert.equal(
          await count(sql`select count(*)::int as n from rescore_queue where child_id = ${v2}`),
          1,
          `round ${round}: one rescore entry`,
        );
      }
    });

    it("ends with one promoted version when an approval races an admin's promotion of another version", async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const name = await governedLineage(3, { required_approvals: 1 });
        const [v2, v3] = [`${name}-v2`, `${name}-v3`];
        const request = await openRequest(t, v2, tokens.alice);

        const [approval, direct] = await Promise.all([
          decide(t, request.id, 'approve', tokens.bob),
          t.request('POST', `/api/models/${v3}/promote`, {
            token: ADMIN_TOKEN,
            body: { override: true, reason: `race round ${round}` },
          }),
        ]);

        assert.equal(direct.statusCode, 200, direct.body);
        const statuses = await statusesOf(t, name);
        const promoted = Object.entries(statuses).filter(([, status]) => status === 'promoted');
        assert.equal(promoted.length, 1, `round ${round}: ${JSON.stringify(statuses)}`);
        const settled = await readRequest(t, request.id);
        const promotionsOfV2 = await count(
          sql`select count(*)::int as n from events
               where event_type = 'model_version_promoted' and target_artifact_id = ${v2}
                 and (detection_metadata->>'request_id')::int = ${request.id}`,
        );
        if (settled.status === 'approved') {
          // The approval ran first and promoted v2; the admin's promotion then superseded it.
          assert.equal(approval.statusCode, 200, approval.body);
          assert.equal(promotionsOfV2, 1);
          assert.equal(statuses[v2], 'superseded');
        } else {
          assert.equal(settled.status, 'superseded', `round ${round}`);
          assert.equal(approval.statusCode, 409, approval.body);
          assert.equal(approval.json().error.code, 'already_decided');
          assert.equal(promotionsOfV2, 0);
          assert.equal(statuses[v2], 'candidate');
        }
        // Either order ends with the admin's version promoted: it ran second, or it superseded the request.
        assert.equal(statuses[v3], 'promoted');
      }
    });
  });
}
