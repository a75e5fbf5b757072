import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { writeKgxFiles } from '../../src/cli/export-kgx.command.ts';
import { loadDemoWorld } from '../../src/demo/load-demo.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { testStores } from '../support/stores.ts';

const BIN = fileURLToPath(new URL('../../bin/modelgraph.js', import.meta.url));
const workDir = mkdtempSync(join(tmpdir(), 'mg-export-kgx-'));
after(() => rmSync(workDir, { recursive: true, force: true }));

const linesOf = (text: string) => text.split('\n').filter(Boolean).sort();
const fileLines = (dir: string, file: string) => linesOf(readFileSync(join(dir, `${file}.jsonl`), 'utf8'));

for (const store of testStores()) {
  describe(`export-kgx's command on ${store.name}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(store);
      await loadDemoWorld(t.deps);
    });
    after(() => t.close());

    it('writes the same edges and nodes as the API serves, reporting its progress to the end', async () => {
      const dir = join(workDir, `api-parity-${store.name}`);
      const progress: Record<string, [number, number]> = {};
      const size = await writeKgxFiles(t.deps, {
        dir,
        filter: { minConfidence: 0.4 },
        onProgress: (file, done, total) => {
          progress[file] = [done, total];
        },
      });
      for (const file of ['edges', 'nodes'] as const) {
        const response = await t.request('GET', `/api/kg/export/${file}.jsonl?min_confidence=0.4`);
        assert.deepEqual(fileLines(dir, file), linesOf(response.body));
        assert.equal(fileLines(dir, file).length, size[file]);
        assert.deepEqual(progress[file], [size[file], size[file]]);
      }
      assert.ok(size.edges > 0 && size.edges < 48, 'the filter narrows the demo graph');
      assert.equal(size.skipped_edges, 0, 'every demo edge names CURIEs');
    });
  });
}

describe('modelgraph export-kgx', () => {
  const dataDir = join(workDir, 'data');
  const env = { ...process.env, MODELGRAPH_DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: '' };
  const run = (args: string[]) =>
    spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env, timeout: 120_000 });
  before(() => {
    const demo = run(['demo']);
    assert.equal(demo.status, 0, demo.stderr);
  });

  it('writes DIR/edges.jsonl and DIR/nodes.jsonl with a progress bar on stderr and counts on stdout', () => {
    const out = join(workDir, 'out');
    const result = run(['export-kgx', '--out', out, '--min-confidence', '0.5', '--status', 'active']);
    assert.equal(result.status, 0, result.stderr);
    const summary = JSON.parse(result.stdout);
    assert.deepEqual(Object.keys(summary).sort(), ['duration_ms', 'edges', 'nodes', 'out', 'skipped_edges']);
    assert.equal(fileLines(out, 'edges').length, summary.edges);
    assert.equal(fileLines(out, 'nodes').length, summary.nodes);
    assert.ok(summary.edges > 0);
    for (const line of fileLines(out, 'edges')) assert.ok(JSON.parse(line).has_confidence_score >= 0.5);
    assert.match(result.stderr, /export-kgx edges \[#{30}\] 100% (\d+)\/\1/);
    assert.match(result.stderr, /export-kgx nodes \[#{30}\] 100% (\d+)\/\1/);
  });

  const refusals: [string, string[], RegExp][] = [
    ['a filter value outside its schema', ['--status', 'gone'], /--status must be one of active, retracted/],
    ['a confidence above 1', ['--min-confidence', '1.5'], /--min-confidence must be <= 1/],
    ['an option the API has no filter for', ['--limit', '5'], /unknown option --limit for export-kgx/],
  ];
  for (const [what, args, message] of refusals) {
    it(`refuses ${what} as a usage error (exit 2) and writes nothing`, () => {
      const out = join(workDir, `refused-${args[0].slice(2)}`);
      const result = run(['export-kgx', '--out', out, ...args]);
      assert.equal(result.status, 2);
      assert.match(result.stderr, message);
      assert.equal(existsSync(out), false, 'no output directory');
    });
  }

  it('refuses to run without --out', () => {
    const result = run(['export-kgx']);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /export-kgx needs --out DIR/);
  });
});
