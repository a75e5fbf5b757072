/**
 * The plans of the search workload's filters (bench/workloads/search-filters.ts): every statement
 * `GET /api/models?filter=…` runs for them — the page and the count — is explained with sequential
 * scans priced out (`enable_seqscan = off`), so a sequential scan left in the plan is one no index
 * can replace, whatever the table's size. None may fall on the big tables.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { searchFilterCases } from '../../bench/workloads/search-filters.ts';
import type { Store } from '../../src/db/database.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { testStores } from '../support/stores.ts';

const BIG_TABLES = [
  'artifacts',
  'links',
  'models',
  'model_metrics',
  'model_tags',
  'lineage_aliases',
  'kg_edges',
];

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

/** Every node of a plan, as `<node type> <relation or index>`. */
const nodesIn = (node: PlanNode): string[] => [
  [node['Node Type'], node['Index Name'] ?? node['Relation Name'] ?? ''].join(' ').trim(),
  ...(node.Plans ?? []).flatMap(nodesIn),
];

interface Client {
  query(text: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

/** The nodes of the plan of `text` (`nodesIn`), with sequential scans priced out. */
async function planNodes(store: Store, text: string, params: unknown[]): Promise<string[]> {
  const client = (
    store.db as unknown as { $client: Client & { connect?: () => Promise<Client & { release(): void }> } }
  ).$client;
  const connection = client.connect ? await client.connect() : client;
  try {
    await connection.query('set enable_seqscan = off');
    const { rows } = await connection.query(`explain (format json) ${text}`, params);
    const plan = rows[0]['QUERY PLAN'];
    const [root] = (typeof plan === 'string' ? JSON.parse(plan) : plan) as { Plan: PlanNode }[];
    return nodesIn(root.Plan);
  } finally {
    await connection.query('reset enable_seqscan');
    if ('release' in connection) (connection as { release(): void }).release();
  }
}

/** The tables scanned sequentially in the plan of `text`, with sequential scans priced out. */
async function seqScans(store: Store, text: string, params: unknown[]): Promise<string[]> {
  const nodes = await planNodes(store, text, params);
  return nodes.filter((node) => node.startsWith('Seq Scan ')).map((node) => node.slice('Seq Scan '.length));
}

/** Runs `request` with the store's statements recorded (drizzle's query logger). */
async function recordStatements(store: Store, request: () => Promise<unknown>) {
  const session = (store.db as unknown as { session: { logger: unknown } }).session;
  const statements: { text: string; params: unknown[] }[] = [];
  const previous = session.logger;
  session.logger = { logQuery: (text: string, params: unknown[]) => statements.push({ text, params }) };
  try {
    await request();
  } finally {
    session.logger = previous;
  }
  return statements;
}

for (const store of testStores()) {
  describe(`the plans of the search workload's filters on ${store.name}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(store);
    });
    after(() => t.close());

    it('finds a sequential scan no index can replace (the check itself)', async () => {
      const scans = await seqScans(t.store, `select id from kg_edges where metadata ->> 'note' = $1`, ['x']);
      assert.deepEqual(scans, ['kg_edges']);
    });

    const cases = searchFilterCases({
      datasetId: 'dataset-000000',
      otherDatasetId: 'dataset-000001',
      hypothesisId: 'hypothesis-00000',
      agentId: 'agent-00001',
    });
    it(`reads the big tables through indexes for all ${cases.length} filters, page and count`, async () => {
      for (const c of cases) {
        const statements = await recordStatements(t.store, async () => {
          const response = await t.request(
            'GET',
            `/api/models?limit=20&filter=${encodeURIComponent(c.filter)}`,
          );
          assert.equal(response.statusCode, 200, `${c.label}: ${response.body}`);
        });
        const listed = statements.filter(({ text }) => /from "?(models|model_counts)"? "?m"?/i.test(text));
        assert.ok(listed.length >= 2, `${c.label}: the page and the count were recorded`);
        for (const { text, params } of listed) {
          const scans = (await seqScans(t.store, text, params)).filter((table) => BIG_TABLES.includes(table));
          assert.deepEqual(scans, [], `${c.label}: ${text}`);
        }
      }
    });

    /** The statements `GET /api/models?filter=…` runs, and the one of them that counts. */
    async function countFor(filter: string) {
      const statements = await recordStatements(t.store, async () => {
        const response = await t.request('GET', `/api/models?limit=20&filter=${encodeURIComponent(filter)}`);
        assert.equal(response.statusCode, 200, response.body);
      });
      const counts = statements.filter(({ text }) => /count\(\*\)|sum\(/i.test(text));
      assert.equal(counts.length, 1, `${filter}: one count among ${statements.length} statements`);
      return { ...counts[0], nodes: await planNodes(t.store, counts[0].text, counts[0].params) };
    }

    it('counts a filter over family and status from the counters, one over anything else from the versions', async () => {
      const counters = await countFor("status IN ('promoted', 'candidate') AND NOT family = 'statistical'");
      assert.match(counters.text, /from "?model_counts"?/i);
      const versions = await countFor("status = 'candidate' AND quality_score > 0.5");
      assert.doesNotMatch(versions.text, /model_counts/i);
    });

    it("compares a metric through model_metrics' (name, value) index", async () => {
      const { nodes } = await countFor('metrics.auc > 0.8 OR metrics.r2 <= 0.5');
      assert.ok(
        nodes.filter((node) => node.endsWith('model_metrics_name_value_idx')).length === 2,
        nodes.join('\n'),
      );
    });

    it('reads a flag from the version row alone, never from a list of the flags', async () => {
      const { nodes } = await countFor("NOT flag = 'provenance_incomplete' AND parameter_count > 1000000");
      assert.ok(!nodes.some((node) => node.startsWith('Values Scan')), nodes.join('\n'));
    });
  });
}
