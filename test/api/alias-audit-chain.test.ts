/**
 * Audit under concurrency: racing alias changes leave `model_alias_set` events whose `from → to`
 * form one unbroken chain in commit order (event id order), the first from `null`, each next `from`
 * the previous `to`, the alias ending where the last event says. Twenty first-time sets of one
 * alias race per round, on PostgreSQL (PGlite has one connection, so nothing races there).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/database.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { buildModelBody, registerModel, uniqueId } from '../support/factories.ts';
import { testStores } from '../support/stores.ts';

const RACERS = 20;
const ROUNDS = 5;
const VERSIONS = 3;

for (const store of testStores().filter((candidate) => candidate.name === 'postgres')) {
  describe('the alias audit chain under concurrency on postgres', () => {
    let t: TestApp;
    let evaluator: string;
    before(async () => {
      t = await startTestApp(store);
      evaluator = await t.agentToken(uniqueId('evaluator'), ['evaluate']);
    });
    after(() => t.close());

    for (let round = 1; round <= ROUNDS; round++) {
      it(`chains ${RACERS} racing first-time sets of one alias, round ${round}`, async () => {
        const name = uniqueId('raced');
        for (let i = 0; i < VERSIONS; i++) await registerModel(t, buildModelBody({ model_name: name }));
        const responses = await Promise.all(
          Array.from({ length: RACERS }, (_, i) =>
            t.request('PUT', `/api/lineages/${name}/aliases/champ`, {
              token: evaluator,
              body: { version_number: (i % VERSIONS) + 1 },
            }),
          ),
        );
        assert.deepEqual(
          responses.map((response) => response.statusCode),
          Array(RACERS).fill(200),
          responses.map((response) => response.body).join('\n'),
        );

        const chain = await queryRows<{ from: string | null; to: string }>(
          t.store.db,
          sql`select detection_metadata->>'from' as "from", detection_metadata->>'to' as "to"
                from events
               where event_type = 'model_alias_set' and detection_metadata->>'model_name' = ${name}
                 and detection_metadata->>'alias' = 'champ'
               order by id`,
        );
        assert.equal(chain.length, RACERS, 'one event per set');
        assert.equal(chain[0].from, null, 'the first set comes from nothing');
        for (let i = 1; i < chain.length; i++) {
          assert.equal(chain[i].from, chain[i - 1].to, `event ${i + 1} continues from event ${i}`);
        }
        const lineage = (await t.request('GET', `/api/lineages/${name}`)).json();
        assert.equal(lineage.aliases.champ, chain.at(-1)?.to, 'the alias is where the last event says');
      });
    }
  });
}
