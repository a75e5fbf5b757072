/**
 * Shared steps of the sandbox suites: whether bubblewrap can run here (a suite that needs it is
 * skipped locally without it, and fails in CI), the fixture folders, a scratch folder that a
 * sandboxed runtime (which runs as `nobody`) may read, and a suite's app with a writer whose
 * runtimes rescore one pass after another.
 */
import { chmodSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../src/config.ts';
import { checkSandbox } from '../../src/inference/sandbox-policy.ts';
import { type Scenario, scenarioRunner, WINDOW_HOURS } from '../jobs/rescore-scenarios.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { uniqueId } from '../support/factories.ts';
import type { TestStore } from '../support/stores.ts';

/** The hostile and well-behaved runtimes of these suites. */
export const SANDBOX_FIXTURES = fileURLToPath(new URL('../fixtures/sandbox/', import.meta.url)).replace(
  /\/$/,
  '',
);

/** The runtimes of the runner suites (the Node echo model among them). */
export const INFERENCE_FIXTURES = fileURLToPath(new URL('../fixtures/inference/', import.meta.url)).replace(
  /\/$/,
  '',
);

/** Why the sandbox suites cannot run here, or `false` when bubblewrap starts. Throws in CI. */
export async function bwrapUnavailable(): Promise<string | false> {
  const { status, reason } = await checkSandbox(loadConfig({}));
  if (status === 'bwrap') return false;
  const why = `the bubblewrap sandbox cannot start here (${reason}); apt-get install bubblewrap`;
  if (process.env.CI === 'true') throw new Error(`${why} (a failure in CI)`);
  return why;
}

/** The host processes whose command line holds `marker`. */
function hostProcessesWith(marker: string): string[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker);
      } catch {
        return false;
      }
    });
}

/**
 * The host processes still holding `marker` once teardown had its chance: polls for up to ten
 * seconds (the kernel reaps a dead sandbox's processes asynchronously), so only a process that
 * stays is reported.
 */
export async function survivorsOf(marker: string): Promise<string[]> {
  for (let i = 0; i < 100 && hostProcessesWith(marker).length > 0; i++) await sleep(100);
  return hostProcessesWith(marker);
}

/** A fresh folder under the system's temporary directory that every user may read and enter. */
export function readableTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  return dir;
}

/** A suite's app, a `write` token, and rescore scenarios whose lineages that writer registers. */
export interface WriterSuite {
  readonly app: TestApp;
  readonly writer: string;
  run(runtime: object, edges: { confidence: number; inputs: unknown }[]): Promise<Scenario>;
}

/**
 * Starts an app on `store` before the suite's tests (stopped after them) with the configuration
 * `env()` gives — passes may follow each other quickly, and the rescore log sits apart — and a
 * writer. Call inside a `describe`.
 */
export function useWriterSuite(store: TestStore, env: () => Record<string, string>): WriterSuite {
  let app: TestApp | undefined;
  let writer = '';
  const started = () => {
    if (!app) throw new Error('the suite has not started its app yet');
    return app;
  };
  before(async () => {
    app = await startTestApp(store, {
      MODELGRAPH_RESCORE_WINDOW_HOURS: String(WINDOW_HOURS),
      MODELGRAPH_RESCORE_LOG: join(readableTempDir('mg-sandbox-log-'), 'model_rescore.log'),
      ...env(),
    });
    writer = await app.agentToken(uniqueId('writer'), ['write']);
  });
  after(() => app?.close());
  return {
    get app() {
      return started();
    },
    get writer() {
      return writer;
    },
    run: scenarioRunner(started, () => writer),
  };
}
