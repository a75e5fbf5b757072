/**
 * The READMEs' walk-throughs run as written, in any order: every block marked
 * `<!-- walkthrough: NAME -->` in README.md and clients/python/README.md is read from the Markdown
 * (never copied here) and run with `bash -euo pipefail` — Python parts by the venv's interpreter —
 * against a real `serve` on an embedded store loaded with the demo world and started as the README
 * says. Each runs on a fresh demo world, and again on a used one, after all the others (and
 * itself) ran; each must exit 0 and print what the README promises. `curl` fails on an HTTP error.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CONFIDENCE_MODEL_SCRIPT } from '../../src/demo/load-demo.ts';
import { pythonUnavailable, venvBin, venvPython, venvRuntimePaths } from '../support/python.ts';
import { type ProcessRun, runProcess } from '../support/run-process.ts';
import { type ServeProcess, startServe } from '../support/serve-process.ts';
import {
  readWalkthroughs,
  scriptOf,
  serverEnvironment,
  type Walkthrough,
  withNeeds,
} from '../support/walkthroughs.ts';

const ROOT = join(import.meta.dirname, '../..');
const README = join(ROOT, 'README.md');
const FILES = [README, join(ROOT, 'clients/python/README.md')];
const workDir = mkdtempSync(join(tmpdir(), 'mg-walkthroughs-'));
after(() => rmSync(workDir, { recursive: true, force: true }));

const read = FILES.map((file) => readWalkthroughs(file));
const walkthroughs = new Map<string, Walkthrough>(
  read.flatMap(({ walkthroughs: found }) => found.map((walkthrough) => [walkthrough.name, walkthrough])),
);

/**
 * What the READMEs promise each walk-through prints (a walk-through without an entry must still
 * exit 0 and print no API error). The numbers come from the walk-throughs' own data.
 */
const PROMISES: Record<string, RegExp[]> = {
  'using-the-api': [
    /"id":"model-maya-activation-[^"]+-v1","type":"model".*"quality_score":0\.74/,
    /"provenance":\{"complete":true/,
    /"maintainers":\["dr-maya-[^"]+","dr-ana-rivera"\]/,
    /"status":"promoted"/,
  ],
  'rescore-and-credit': [
    /"inserted":6,"unchanged":0/,
    /"edges_processed":6,"histogram":\{"large_decrease":2,"decrease":1,"stable":1,"increase":1,"skipped_no_inputs":1,"failed":0\}/,
    /"outcome":"ok"/,
    /"history":\[\{"confidence":0\.71,.*\{"confidence":0\.047/,
    /"payouts":\[\{"agent_id":"dr-maya-[^"]+","role":"trainer"/,
  ],
  'open-formats': [/"wasDerivedFrom"/, /"@context"/, /"eventType":"START"/, /"has_confidence_score"/],
  webhooks: [/"secret":"whsec_/, /"event_type":"webhook_test"/, /"deliveries":\[/],
  'governed-promotion': [
    /^promotion_needs_request$/m,
    /"name":"impact_preview","passed":false/,
    /^not_an_eligible_approver$/m,
    /^approved$/m,
    /"request_id":\d+,"approved_by":\["gov-ben"\]/,
  ],
  retraction: [
    /"affected_models":\["model-biophys-microglia-v1","model-biophys-microglia-v2"/,
    /"dry_run":true/,
    /^\["retracted_input"\]$/m,
    /^retracted_input$/m,
    /^\[\]$/m,
    /^the erratum was wrong, not the data$/m,
  ],
  credentials: [
    /"token_id":"tok_[0-9a-f]+","scopes":\["write"\],"label":"nightly CI","expires_at":"\d{4}-/,
    /^token_revoked$/m,
    /^agent_inactive$/m,
    /"active":true/,
  ],
  search: [
    /^model-dl-microglia-states-v2$/m,
    /"id":"model-biophys-microglia-v3","rmse":0\.023/,
    /"code":"invalid_filter","details":\{"position":24,"expected":\["id","model_name"/,
  ],
  'from-python': [
    /^model-biophys-microglia-v3 0\.78 \(\)$/m,
    // The withheld amount moves with the contributors' daily caps, as other walk-throughs pay them.
    /^\{'large_decrease': 9, 'decrease': 6, 'stable': 7, 'increase': 14, 'skipped_no_inputs': 4, 'failed': 0\} \d+\.\d+$/m,
  ],
  'before-you-promote': [
    /"edges_considered": 5/,
    /"large_decrease": 1,\s+"decrease": 1,\s+"stable": 0,\s+"increase": 3/,
    /^the pass did what the preview said$/m,
    /^0\.989\d*\n0\.047\d*\n5$/m,
  ],
  mlflow: [/^Production$/m],
  'python-families': [
    /^5 0 1$/m,
    /^ok model-maya-activation-[0-9a-f]{8}-v2 \{'large_decrease': 2, 'decrease': 1, 'stable': 1, 'increase': 1, 'skipped_no_inputs': 0, 'failed': 0\}$/m,
    /^large_decrease$/m,
  ],
  'worked-example': [
    /^rescore pass: ok \(400 edges/m,
    /^rescore histogram \((model-genes-ad-[0-9a-f]{8})-v1 -> \1-v2\):$/m,
    /^payout of promotion event \d+: pool 100$/m,
  ],
};

/** The worked example's own check: the flags it prints are its own pass's large decreases. */
function assertOwnFlags(output: string) {
  const largeDecreases = output.slice(output.indexOf('rescore histogram')).match(/large_decrease\s+(\d+)/);
  const flagged = output.match(/^flagged for review: (\d+)$/m);
  assert.ok(largeDecreases && flagged, output);
  assert.equal(flagged[1], largeDecreases[1], 'the flags beside the histogram are its own');
}

const venvOf = (walkthrough: Walkthrough) =>
  walkthrough.venv ??
  (withNeeds(walkthrough.name, walkthroughs).some((part) => part.parts.some((p) => p.language === 'python'))
    ? 'client'
    : undefined);

/** Why a walk-through cannot run here (its venv is missing), or false. Throws in CI. */
const unavailable = (walkthrough: Walkthrough) => {
  const venv = venvOf(walkthrough);
  return venv ? pythonUnavailable(venv) : false;
};

/** The server the READMEs' walk-throughs expect, on a copy of the demo world. */
async function startWalkthroughServer(pristine: string, label: string): Promise<ServeProcess> {
  const dataDir = join(workDir, label);
  cpSync(pristine, dataDir, { recursive: true });
  const readme = serverEnvironment(README);
  // The worked example registers its venv's interpreter, as the Python README's server allows, and
  // its sandbox shows the venv, the Python it was made from, the package's folder (predict.py) and
  // the example's own folder (its runtime's cwd). With those paths set, a runtime's cwd must lie
  // inside them: the demo's scripts folder is one, as for an operator who keeps the demo's runtimes.
  const commands = [readme.MODELGRAPH_RUNTIME_COMMANDS, venvPython('client')].filter(Boolean).join(',');
  const exampleDir = join(tmpdir(), 'modelgraph-example');
  mkdirSync(exampleDir, { recursive: true });
  const paths = [
    ...venvRuntimePaths('client'),
    join(ROOT, 'clients', 'python'),
    exampleDir,
    dirname(CONFIDENCE_MODEL_SCRIPT),
  ].join(',');
  return startServe({
    ...readme,
    MODELGRAPH_RUNTIME_COMMANDS: commands,
    MODELGRAPH_RUNTIME_PATHS: paths,
    MODELGRAPH_DATA_DIR: dataDir,
    MODELGRAPH_RESCORE_CRON: 'off',
    MODELGRAPH_RESCORE_LOG: join(workDir, `${label}-rescore.log`),
  });
}

/** Runs a walk-through (after what it needs) as one bash session in the checkout, as a reader would. */
function runWalkthrough(walkthrough: Walkthrough, server: ServeProcess): Promise<ProcessRun> {
  const venv = venvOf(walkthrough) ?? 'client';
  const script = scriptOf(withNeeds(walkthrough.name, walkthroughs), {
    baseUrl: server.baseUrl,
    python: venvPython(venv),
  });
  // --norc: bash reads ~/.bashrc when its stdin is a socket (it takes node for rshd), which may
  // put another Python first on PATH; stdin is /dev/null anyway, as nothing is typed in.
  return runProcess('bash', ['--norc', '--noprofile', '-c', script], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      // The venv is active, and the package installed in it (here: importable from its source).
      PATH: `${venvBin(venv)}:${process.env.PATH}`,
      HOME: process.env.HOME,
      LANG: 'C.UTF-8',
      PYTHONPATH: join(ROOT, 'clients/python/src'),
    },
    // A walk-through that hangs fails the test rather than the run.
    timeout: 300_000,
  });
}

function assertKeptPromises(walkthrough: Walkthrough, run: ProcessRun) {
  const where = `${walkthrough.name} (${walkthrough.file}:${walkthrough.parts[0].line})`;
  assert.equal(run.status, 0, `${where} failed:\n${run.stdout.slice(-3000)}\n${run.stderr.slice(-3000)}`);
  assert.doesNotMatch(run.stdout, /\{"error":\{"code"/, `${where} printed an API error`);
  for (const promise of PROMISES[walkthrough.name] ?? []) {
    assert.match(run.stdout, promise, `${where} did not print what the README promises`);
  }
  if (walkthrough.name === 'worked-example') assertOwnFlags(run.stdout);
}

describe('the READMEs mark their walk-throughs', () => {
  it('marks every block that talks to the server, or says why it is not a walk-through', () => {
    assert.deepEqual(
      read.flatMap(({ unmarked }) => unmarked),
      [],
    );
  });

  it('finds the walk-throughs of both READMEs, each with what it needs', () => {
    assert.deepEqual(
      [...walkthroughs.keys()],
      [
        'using-the-api',
        'rescore-and-credit',
        'open-formats',
        'webhooks',
        'credentials',
        'search',
        'from-python',
        'before-you-promote',
        'governed-promotion',
        'retraction',
        'mlflow',
        'python-families',
        'worked-example',
      ],
    );
    assert.deepEqual(
      withNeeds('before-you-promote', walkthroughs).map((walkthrough) => walkthrough.name),
      ['using-the-api', 'rescore-and-credit', 'before-you-promote'],
    );
    for (const name of Object.keys(PROMISES)) assert.ok(walkthroughs.has(name), `no walk-through ${name}`);
  });

  it('reads parts, needs and venvs from the markers, and notices an unmarked block', () => {
    const file = join(workDir, 'example.md');
    writeFileSync(
      file,
      [
        '<!-- walkthrough: first -->',
        '```sh',
        'API=http://127.0.0.1:8080/api',
        '```',
        'Then:',
        '<!-- walkthrough: second; needs: first; venv: dev -->',
        '```python',
        'print(1)',
        '```',
        '<!-- walkthrough: second -->',
        '```python',
        'print(2)',
        '```',
        '```sh',
        'curl -s $API/models',
        '```',
        '<!-- not a walk-through: for the example -->',
        '```sh',
        'curl -s $API/agents',
        '```',
      ].join('\n'),
    );
    const { walkthroughs: found, unmarked } = readWalkthroughs(file);
    assert.deepEqual(
      found.map(({ name, needs, venv, parts }) => ({ name, needs, venv, parts: parts.length })),
      [
        { name: 'first', needs: [], venv: undefined, parts: 1 },
        { name: 'second', needs: ['first'], venv: 'dev', parts: 2 },
      ],
    );
    assert.deepEqual(
      unmarked.map((block) => block.line),
      [14],
    );
    const script = scriptOf(withNeeds('second', new Map(found.map((w) => [w.name, w]))), {
      baseUrl: 'http://127.0.0.1:9',
      python: '/venv/python',
    });
    assert.match(script, /^set -euo pipefail$/m);
    assert.match(script, /^API=http:\/\/127\.0\.0\.1:9\/api$/m);
    assert.match(
      script,
      /<<'END_OF_WALKTHROUGH_PYTHON'\nprint\(1\)\n\nprint\(2\)\nEND_OF_WALKTHROUGH_PYTHON/,
    );
  });
});

describe('the walk-throughs, each on a fresh demo world', () => {
  const pristine = join(workDir, 'pristine');
  before(() => {
    const loaded = spawnSync(process.execPath, [join(ROOT, 'bin/modelgraph.js'), 'demo'], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        LOG_LEVEL: 'warn',
        MODELGRAPH_DATA_DIR: pristine,
      },
      encoding: 'utf8',
    });
    assert.equal(loaded.status, 0, loaded.stderr);
  });

  for (const walkthrough of walkthroughs.values()) {
    it(`runs ${walkthrough.name} as written`, { skip: unavailable(walkthrough) }, async () => {
      const server = await startWalkthroughServer(pristine, `fresh-${walkthrough.name}`);
      try {
        assertKeptPromises(walkthrough, await runWalkthrough(walkthrough, server));
      } finally {
        await server.stop();
      }
    });
  }

  describe('and again on a used demo world, after all the others', () => {
    const runnable = [...walkthroughs.values()].filter((walkthrough) => !unavailable(walkthrough));
    let server: ServeProcess;
    before(async () => {
      server = await startWalkthroughServer(pristine, 'used');
    });
    after(() => server?.stop());

    it('runs every walk-through in the READMEs order on one server', async () => {
      for (const walkthrough of runnable)
        assertKeptPromises(walkthrough, await runWalkthrough(walkthrough, server));
    });

    for (const walkthrough of [...runnable].reverse()) {
      it(`runs ${walkthrough.name} again, in reverse order, after every other`, async () => {
        assertKeptPromises(walkthrough, await runWalkthrough(walkthrough, server));
      });
    }
  });
});
