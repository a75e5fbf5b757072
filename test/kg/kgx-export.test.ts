import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isKgxNodeId } from '../../src/kg/core/kgx.ts';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { countRows, expectError } from '../support/factories.ts';
import { testStores } from '../support/stores.ts';
import { registerLineage } from '../support/world.ts';
import { buildEdge, countKgRows, flagEdge, insertEdges } from './kg-support.ts';

type Line = Record<string, unknown> & { id: string };

/** Fetches one export file; asserts the 200 and the content type, and parses every line. */
async function fetchExport(t: TestApp, file: 'edges' | 'nodes', query = ''): Promise<Line[]> {
  const response = await t.request('GET', `/api/kg/export/${file}.jsonl${query ? `?${query}` : ''}`);
  assert.equal(response.statusCode, 200, response.body);
  assert.match(String(response.headers['content-type']), /^application\/x-ndjson/);
  if (response.body === '') return [];
  assert.ok(response.body.endsWith('\n'), 'every line ends in a newline');
  return response.body
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line));
}

const idsOf = (lines: { id: string }[]) => lines.map((line) => line.id).sort();

for (const store of testStores()) {
  describe(`KGX export on ${store.name}`, () => {
    let t: TestApp;
    let model: string;
    const edge = (key: string, overrides: Record<string, unknown>) =>
      buildEdge({ id: `kgx-${key}`, origin: 'curated', ...overrides });
    const attributed = (key: string, overrides: Record<string, unknown>) =>
      edge(key, { origin: 'model', source_artifact_id: model, source_version: 1, ...overrides });
    /** The edges KGX can carry, by the key of their id. */
    const EXPORTED = ['a', 'b', 'c', 'g', 'h', 'i', 'j', 'k'].map((key) => `kgx-${key}`).sort();

    before(async () => {
      t = await startTestApp(store);
      [model] = await registerLineage(t, 'kgx-lineage', [null]);
      await insertEdges(t, [
        attributed('a', { subject: 'HGNC:1', object: 'MONDO:0004975', confidence: 0.9 }),
        edge('b', { subject: 'HGNC:2', predicate: 'RO:0002434', object: 'GO:0001774', confidence: 0.6 }),
        edge('c', { subject: 'HGNC:3', predicate: 'inhibits', object: 'HP:0000001', origin: 'literature' }),
        edge('d', { subject: 'TREM2', object: 'MONDO:0004975' }),
        edge('e', { subject: 'HGNC:4', object: 'doi:10.1000/xyz' }),
        edge('f', { subject: 'GENE:xyz', object: 'MONDO:0004975' }),
        attributed('g', { subject: 'HGNC:5', predicate: 'biolink:causes', confidence: 0.4 }),
        attributed('h', { subject: 'HGNC:6', confidence: 0.3 }),
        attributed('i', { subject: 'HGNC:7', confidence: 0.8 }),
        edge('j', { subject: 'HGNC:8', origin: 'model', confidence: 0.7 }),
        edge('k', { subject: 'HGNC:9', predicate: 'biolink:RelatedTo', confidence: 0.1 }),
      ]);
      for (const key of ['g', 'h', 'i']) await flagEdge(t, `kgx-${key}`);
      for (const [key, decision] of [
        ['h', 'retract'],
        ['i', 'keep'],
      ]) {
        const response = await t.request('POST', `/api/kg/edges/kgx-${key}/review`, {
          token: ADMIN_TOKEN,
          body: { decision, note: 'checked' },
        });
        assert.equal(response.statusCode, 200, response.body);
      }
      // The legacy edge j has no trail: the backfill marks its provenance unknown.
      const backfill = await t.request('POST', '/api/jobs/backfill-edges', { token: ADMIN_TOKEN, body: {} });
      assert.equal(backfill.json().unknown, 1, backfill.body);
    });
    after(() => t.close());

    it('streams every edge whose subject and object are KGX CURIEs, with its Biolink fields', async () => {
      const lines = await fetchExport(t, 'edges');
      assert.deepEqual(idsOf(lines), EXPORTED);
      // The SQL that selects them and the core's rule agree.
      const listed: Line[] = (await t.request('GET', '/api/kg/edges?limit=1000')).json().edges;
      const byRule = listed.filter(
        (line) => isKgxNodeId(String(line.subject)) && isKgxNodeId(String(line.object)),
      );
      assert.deepEqual(idsOf(byRule), EXPORTED);
      assert.deepEqual(
        lines.find((line) => line.id === 'kgx-a'),
        {
          id: 'kgx-a',
          subject: 'HGNC:1',
          predicate: 'biolink:regulates',
          object: 'MONDO:0004975',
          knowledge_level: 'prediction',
          agent_type: 'computational_model',
          primary_knowledge_source: 'infores:modelgraph-kgx-lineage',
          aggregator_knowledge_source: ['infores:modelgraph'],
          has_confidence_score: 0.9,
          source_artifact_id: model,
          source_version: 1,
          review_state: 'unreviewed',
        },
      );
    });

    it('says a predicate Biolink does not name as biolink:related_to, keeping the original', async () => {
      const byId = new Map((await fetchExport(t, 'edges')).map((line) => [line.id, line]));
      for (const [id, original] of [
        ['kgx-b', 'RO:0002434'],
        ['kgx-c', 'inhibits'],
        ['kgx-k', 'biolink:RelatedTo'],
      ]) {
        assert.equal(byId.get(id)?.predicate, 'biolink:related_to', id);
        assert.equal(byId.get(id)?.original_predicate, original, id);
      }
      assert.equal(byId.get('kgx-g')?.predicate, 'biolink:causes');
      assert.equal('original_predicate' in (byId.get('kgx-g') ?? {}), false);
    });

    it('gives the review state, the Biolink labels and the knowledge source of each edge', async () => {
      const byId = new Map((await fetchExport(t, 'edges')).map((line) => [line.id, line]));
      const pick = (id: string) => {
        const { review_state, knowledge_level, agent_type, primary_knowledge_source } =
          byId.get(id) ?? ({} as Line);
        return { review_state, knowledge_level, agent_type, primary_knowledge_source };
      };
      const lineage = 'infores:modelgraph-kgx-lineage';
      assert.deepEqual(pick('kgx-g'), {
        review_state: 'flagged',
        knowledge_level: 'prediction',
        agent_type: 'computational_model',
        primary_knowledge_source: lineage,
      });
      assert.equal(pick('kgx-h').review_state, 'retracted');
      assert.deepEqual(pick('kgx-i'), {
        review_state: 'kept',
        knowledge_level: 'prediction',
        agent_type: 'manual_validation_of_automated_agent',
        primary_knowledge_source: lineage,
      });
      assert.deepEqual(pick('kgx-j'), {
        review_state: 'unreviewed',
        knowledge_level: 'not_provided',
        agent_type: 'not_provided',
        primary_knowledge_source: 'infores:modelgraph',
      });
      assert.equal(byId.get('kgx-j')?.source_artifact_id, null);
      assert.equal('aggregator_knowledge_source' in (byId.get('kgx-j') ?? {}), false);
      assert.deepEqual(pick('kgx-c'), {
        review_state: 'unreviewed',
        knowledge_level: 'knowledge_assertion',
        agent_type: 'text_mining_agent',
        primary_knowledge_source: 'infores:modelgraph',
      });
    });

    it('streams each subject and object of the exported edges once, with a Biolink category', async () => {
      const edges = await fetchExport(t, 'edges');
      const nodes = await fetchExport(t, 'nodes');
      const expected = [...new Set(edges.flatMap((line) => [line.subject, line.object]))].sort();
      assert.deepEqual(idsOf(nodes), expected);
      const category = new Map(nodes.map((node) => [node.id, node.category]));
      assert.deepEqual(category.get('HGNC:1'), ['biolink:Gene']);
      assert.deepEqual(category.get('MONDO:0004975'), ['biolink:Disease']);
      assert.deepEqual(category.get('GO:0001774'), ['biolink:BiologicalProcessOrActivity']);
      assert.deepEqual(category.get('HP:0000001'), ['biolink:PhenotypicFeature']);
      for (const absent of ['TREM2', 'GENE:xyz', 'doi:10.1000/xyz', 'HGNC:4']) {
        assert.equal(category.has(absent), false, `${absent} is no node`);
      }
    });

    describe('applies the filters of GET /api/kg/edges', () => {
      const queries = [
        'source_artifact_id=kgx-lineage-v1',
        'subject=HGNC%3A1',
        'object=MONDO%3A0004975',
        'predicate=biolink%3Aregulates',
        'flagged=true',
        'flagged=false',
        'status=retracted',
        'status=active',
        'provenance_unknown=true',
        'min_confidence=0.5',
        'source_artifact_id=kgx-lineage-v1&min_confidence=0.5',
      ];
      for (const query of queries) {
        it(`exports what the list answers for ${query}, less what KGX cannot carry`, async () => {
          const list = await t.request('GET', `/api/kg/edges?${query}&limit=1000`);
          assert.equal(list.statusCode, 200, list.body);
          const listed: string[] = list.json().edges.map((line: { id: string }) => line.id);
          const expected = listed.filter((id) => EXPORTED.includes(id)).sort();
          assert.ok(expected.length > 0 && expected.length < EXPORTED.length, `${query} narrows the graph`);
          const edges = await fetchExport(t, 'edges', query);
          assert.deepEqual(idsOf(edges), expected);
          const nodes = await fetchExport(t, 'nodes', query);
          assert.deepEqual(idsOf(nodes), [...new Set(edges.flatMap((e) => [e.subject, e.object]))].sort());
        });
      }
    });

    describe('refuses bad parameters with 400 and writes nothing', () => {
      const cases: [string, string][] = [
        ['limit=5', 'unknown_parameter'],
        ['offset=0', 'unknown_parameter'],
        ['cursor=abc', 'unknown_parameter'],
        ['colour=red', 'unknown_parameter'],
        ['min_confidence=1.5', 'invalid_request'],
        ['min_confidence=high', 'invalid_request'],
        ['status=gone', 'invalid_request'],
        ['flagged=perhaps', 'invalid_request'],
        ['source_artifact_id=%20bad%20id', 'invalid_request'],
      ];
      for (const file of ['edges', 'nodes']) {
        for (const [query, code] of cases) {
          it(`answers ${code} to ${file}.jsonl?${query}`, async () => {
            const [kgBefore, registryBefore] = [await countKgRows(t), await countRows(t)];
            const response = await t.request('GET', `/api/kg/export/${file}.jsonl?${query}`);
            expectError(response, 400, code);
            assert.match(String(response.headers['content-type']), /^application\/json/);
            assert.deepEqual([await countKgRows(t), await countRows(t)], [kgBefore, registryBefore]);
          });
        }
      }
    });

    it('streams thousands of edges and nodes across database batches, each once', async () => {
      const bulk = Array.from({ length: 4500 }, (_, index) =>
        edge(`bulk-${index}`, {
          subject: `NCBIGene:${100_000 + index}`,
          predicate: 'biolink:coexpressed_with',
          object: `GO:${String(index % 700).padStart(7, '0')}`,
        }),
      );
      await insertEdges(t, bulk);
      const query = 'predicate=biolink%3Acoexpressed_with';
      const edges = await fetchExport(t, 'edges', query);
      assert.equal(edges.length, 4500);
      assert.equal(new Set(edges.map((line) => line.id)).size, 4500);
      const nodes = await fetchExport(t, 'nodes', query);
      assert.equal(nodes.length, 4500 + 700);
      assert.equal(new Set(nodes.map((line) => line.id)).size, 5200);
      assert.equal((await fetchExport(t, 'edges')).length, EXPORTED.length + 4500);
    });
  });
}
