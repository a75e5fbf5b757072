/**
 * Shared steps of the sandbox suites: whether bubblewrap can run here (a suite that needs it is
 * skipped locally without it, and fails in CI), the fixture folders, and a scratch folder that a
 * sandboxed runtime (which runs as `nobody`) may read.
 */
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../src/config.ts';
import { checkSandbox } from '../../src/inference/sandbox-policy.ts';

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

/** A fresh folder under the system's temporary directory that every user may read and enter. */
export function readableTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  return dir;
}
