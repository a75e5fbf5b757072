/**
 * The catalog's `total` without a text, dataset or hypothesis filter comes from `model_counts`,
 * kept by triggers on `models`. After registrations (which move `is_latest`), promotions (which
 * supersede), archiving and concurrent registrations, the counters must equal a count over the
 * rows for every combination of filters.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/database.ts';
import { MODEL_FAMILIES, MODEL_STATUSES } from '../../src/registry/core/model.ts';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { buildModelBody, promote, registerModel, uniqueId } from '../support/factories.ts';
import { testStores } from '../support/stores.ts';

for (const store of testStores()) {
  describe(`catalog counts on ${store.name}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(store);
    });
    after(() => t.close());

    /** Registers `versions` versions of a new lineage of `family`; returns their ids. */
    const lineage = async (family: string, versions: number) => {
      const name = uniqueId(`count-${family}`);
      const ids: string[] = [];
      for (let n = 0; n < versions; n++) {
        ids.push((await registerModel(t, buildModelBody({ model_name: name, model_family: family }))).id);
      }
      return ids;
    };

    const assertCountsMatchRows = async () => {
      const stored = await queryRows<{ key: string; versions: number }>(
        t.store.db,
        sql`select concat_ws('/', is_latest, model_family, status) as key, versions::int as versions
              from model_counts where versions <> 0 order by key`,
      );
      const counted = await queryRows<{ key: string; versions: number }>(
        t.store.db,
        sql`select concat_ws('/', is_latest, model_family, status) as key, count(*)::int as versions
              from models group by is_latest, model_family, status order by key`,
      );
      assert.deepEqual(stored, counted);
      for (const allVersions of [false, true]) {
        for (const family of ['', ...MODEL_FAMILIES]) {
          for (const status of ['', ...MODEL_STATUSES]) {
            const query = `all_versions=${allVersions}${family && `&family=${family}`}${status && `&status=${status}`}`;
            const response = await t.request('GET', `/api/models?${query}&limit=200`);
            assert.equal(response.statusCode, 200, response.body);
            const [{ n }] = await queryRows<{ n: number }>(
              t.store.db,
              sql`select count(*)::int as n from models
                   where (${allVersions} or is_latest)
                     and (${family} = '' or model_family = ${family})
                     and (${status} = '' or status = ${status})`,
            );
            assert.equal(response.json().total, n, query);
          }
        }
      }
    };

    it('stay equal to the rows through registrations, promotions and archiving', async () => {
      const [a1, a2, a3] = await lineage('biophysical', 3);
      const [b1] = await lineage('deep_learning', 1);
      const [c1, c2] = await lineage('statistical', 2);
      await promote(t, a1);
      await promote(t, a2); // supersedes a1
      await promote(t, c2);
      const archived = await t.request('PATCH', `/api/models/${a3}`, {
        token: ADMIN_TOKEN,
        body: { status: 'archived' },
      });
      assert.equal(archived.statusCode, 200, archived.body);
      assert.ok(b1 && c1);
      await assertCountsMatchRows();
    });

    it('stay equal to the rows after concurrent registrations in one family', async () => {
      await Promise.all(Array.from({ length: 6 }, (_, i) => lineage('deep_learning', 1 + (i % 3))));
      await assertCountsMatchRows();
    });
  });
}
