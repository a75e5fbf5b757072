/**
 * `modelgraph retract` and `reinstate` on an embedded database the demo was loaded into: the dry
 * run's line and nothing written, the retraction's line and its effect as the API then shows it,
 * the reinstatement's line, and the refusals (exit 1, the message, nothing written).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/modelgraph.js', import.meta.url));
const workDir = mkdtempSync(join(tmpdir(), 'mg-retract-cli-'));
after(() => rmSync(workDir, { recursive: true, force: true }));

const SEA_AD = 'dataset-allen_brain-SEA-AD';

describe('modelgraph retract and reinstate', () => {
  const env = {
    ...process.env,
    MODELGRAPH_DATA_DIR: join(workDir, 'data'),
    LOG_LEVEL: 'warn',
    DATABASE_URL: '',
  };
  const run = (args: string[]) =>
    spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env, timeout: 120_000 });
  /** How many retractions the database holds, read through the CLI's own demo-free path: a dry run's line. */
  const retractedLine = () => run(['retract', SEA_AD, '--version', '2', '--reason', 'probe', '--dry-run']);

  before(() => {
    const demo = run(['demo']);
    assert.equal(demo.status, 0, demo.stderr);
  });

  it('says in its help what it does and that it needs the embedded database to itself', () => {
    const help = run(['--help']);
    assert.match(help.stderr, /retract <artifact-id> \[--version N\] --reason TEXT/);
    assert.match(help.stderr, /reinstate <artifact-id>/);
    assert.match(help.stderr, /while no server holds it/);
  });

  it('answers a dry run in one line and writes nothing', () => {
    const first = retractedLine();
    assert.equal(first.status, 0, first.stderr);
    assert.match(
      first.stdout,
      /^dry run: retracting dataset-allen_brain-SEA-AD v2 would flag (\d+) model versions and (\d+) edges for review; nothing was written\n$/,
    );
    assert.equal(
      retractedLine().stdout,
      first.stdout,
      'a second dry run finds the same: nothing was written',
    );
  });

  it('retracts in one line, and a second retraction of the same version is refused', () => {
    const expected = /would flag (\d+) model versions and (\d+) edges/.exec(retractedLine().stdout);
    const done = run(['retract', SEA_AD, '--version', '2', '--reason', 'donor labels swapped']);
    assert.equal(done.status, 0, done.stderr);
    assert.equal(
      done.stdout,
      `retracted ${SEA_AD} v2: ${expected?.[1]} model versions flagged and capped, ${expected?.[2]} edges flagged for review\n`,
    );
    const again = run(['retract', SEA_AD, '--version', '2', '--reason', 'twice']);
    assert.equal(again.status, 1);
    assert.match(again.stderr, /is retracted already/);
  });

  it('reinstates in one line', () => {
    const done = run(['reinstate', SEA_AD, '--version', '2', '--reason', 'labels were right']);
    assert.equal(done.status, 0, done.stderr);
    assert.match(
      done.stdout,
      /^reinstated dataset-allen_brain-SEA-AD v2: (\d+) model versions got their scores back \(of \1 built on it\); edges keep their review flags\n$/,
    );
  });

  // Exit 2 for a command used wrongly, 1 for a refusal of what it asked.
  const refusals: [string, string[], RegExp, 1 | 2][] = [
    ['no reason', ['retract', SEA_AD], /retract needs one artifact id and --reason TEXT/, 2],
    ['no artifact', ['retract', '--reason', 'x'], /retract needs one artifact id and --reason TEXT/, 2],
    [
      'a version that is no number',
      ['retract', SEA_AD, '--version', 'two', '--reason', 'x'],
      /--version must be/,
      2,
    ],
    [
      'an unknown artifact',
      ['retract', 'dataset-nope', '--reason', 'x'],
      /artifact 'dataset-nope' does not exist/,
      1,
    ],
    ['a model version', ['retract', 'model-biophys-microglia-v1', '--reason', 'x'], /cannot be retracted/, 1],
    [
      'an evidence URL on a reinstatement',
      ['reinstate', SEA_AD, '--reason', 'x', '--evidence-url', 'https://x.org'],
      /unknown option --evidence-url for reinstate/,
      2,
    ],
    [
      'a reinstatement of what is not retracted',
      ['reinstate', SEA_AD, '--reason', 'x'],
      /has no retraction in force/,
      1,
    ],
  ];
  describe('refusals', () => {
    // Each refusal leaves the database as it was: the dry run reads the same before the first and
    // after the last (a write by any of them would change it; nothing in between writes).
    let before = '';
    it('starts from a dry run', () => {
      before = retractedLine().stdout;
      assert.match(before, /^dry run: /);
    });
    for (const [what, args, message, exitCode] of refusals) {
      it(`refuses ${what} with exit ${exitCode}`, () => {
        const result = run(args);
        assert.equal(result.status, exitCode, result.stdout);
        assert.match(result.stderr, message);
      });
    }
    it('wrote nothing for any of them', () => {
      assert.equal(retractedLine().stdout, before);
    });
  });
});
