import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { writeKgxFiles } from '../../src/cli/export-kgx.command.ts';
import { loadDemoWorld } from '../../src/demo/load-demo.ts';
import terms from '../../src/kg/core/biolink-terms.json' with { type: 'json' };
import { kgxEdgeOf, kgxNodeOf } from '../../src/kg/core/kgx.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { pythonUnavailable, venvPython } from '../support/python.ts';
import { testStores } from '../support/stores.ts';
import { registerLineage } from '../support/world.ts';
import { insertGeneratedGraph } from './kgx-world.ts';
import { runOffline, validateKgx } from './offline-tools.ts';

const skip = pythonUnavailable('kgx');
const workDir = mkdtempSync(join(tmpdir(), 'mg-kgx-'));
after(() => rmSync(workDir, { recursive: true, force: true }));

const lineCount = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean).length;

describe('the Biolink terms of the KGX exporter', { skip }, () => {
  it('are exactly what kgx validate loads (Biolink context 2.2.5, model 4.4.6)', () => {
    const run = runOffline(venvPython('kgx'), [join(import.meta.dirname, 'biolink_terms.py')]);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), terms);
  });
});

describe('kgx validate', { skip }, () => {
  it('rejects a graph with a free-text node and an unknown predicate (the wiring really validates)', () => {
    const row = {
      id: 'bad-1',
      subject: 'HGNC:1',
      predicate: 'biolink:regulates',
      object: 'MONDO:0004975',
      confidence: 0.5,
      status: 'active',
      review_flag: false,
      knowledge_level: 'prediction',
      agent_type: 'computational_model',
      source_artifact_id: null,
      source_version: null,
      model_name: null,
    };
    const nodes = join(workDir, 'broken_nodes.jsonl');
    const edges = join(workDir, 'broken_edges.jsonl');
    const lines = (records: object[]) => records.map((record) => `${JSON.stringify(record)}\n`).join('');
    writeFileSync(
      nodes,
      lines([
        kgxNodeOf({ id: 'HGNC:1', name: 'A1BG' }),
        kgxNodeOf({ id: 'MONDO:0004975', name: 'Alzheimer disease' }),
        { id: 'TREM2', category: [] },
      ]),
    );
    // What the exporter would never write: a free-text subject and a predicate Biolink does not name.
    const broken = { ...kgxEdgeOf(row), id: 'bad-2', subject: 'TREM2', predicate: 'biolink:eats' };
    writeFileSync(edges, lines([kgxEdgeOf(row), broken]));
    const run = validateKgx(nodes, edges);
    assert.equal(run.status, 1, `${run.stdout}${run.stderr}`);
    const report = JSON.stringify(run.report);
    assert.match(report, /'TREM2' which is not a proper CURIE/);
    assert.match(report, /Edge predicate 'eats' is not in Biolink Model/);
  });
});

for (const store of testStores()) {
  describe(`kgx validate of the export on ${store.name}`, { skip }, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(store);
    });
    after(() => t.close());

    it('passes the demo world, as GET /api/kg/export/*.jsonl serves it', async () => {
      await loadDemoWorld(t.deps);
      const dir = mkdtempSync(join(workDir, `demo-${store.name}-`));
      for (const file of ['nodes', 'edges']) {
        const response = await t.request('GET', `/api/kg/export/${file}.jsonl`);
        assert.equal(response.statusCode, 200, response.body);
        writeFileSync(join(dir, `${file}.jsonl`), response.body);
      }
      assert.equal(lineCount(join(dir, 'edges.jsonl')), 48, 'every demo edge is exported');
      const run = validateKgx(join(dir, 'nodes.jsonl'), join(dir, 'edges.jsonl'));
      assert.equal(run.status, 0, `${run.stdout}${run.stderr}`);
      assert.deepEqual(run.report, {});
    });

    // Ten of the exporter's 2,000-row batches, so what the stream joins is validated whole; a
    // full-world export is the bench's to time (kgx's validation grows with the graph).
    it('passes a generated 20,000-edge graph, as export-kgx writes it', async () => {
      const [model] = await registerLineage(t, `kgx-bulk-${store.name}`, [null]);
      const graph = await insertGeneratedGraph(t.store.db, model, 20_000);
      const dir = mkdtempSync(join(workDir, `bulk-${store.name}-`));
      const size = await writeKgxFiles(t.deps, { dir, filter: {} });
      // The demo's 48 edges are in the same database; the generated graph's free-text subjects are not exported.
      assert.equal(size.edges, 48 + graph.edges - graph.freeText);
      assert.equal(size.skipped_edges, graph.freeText);
      assert.equal(lineCount(join(dir, 'edges.jsonl')), size.edges);
      assert.equal(lineCount(join(dir, 'nodes.jsonl')), size.nodes);
      const run = validateKgx(join(dir, 'nodes.jsonl'), join(dir, 'edges.jsonl'));
      assert.equal(run.status, 0, `${run.stdout}${run.stderr}`);
      assert.deepEqual(run.report, {});
    });
  });
}
