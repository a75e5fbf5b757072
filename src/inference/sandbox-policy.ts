/**
 * Whether a process runtime runs in the sandbox (docs/security.md#the-sandbox): always, when the
 * sandbox is on and starts; unconfined when the operator turned it off; and when it cannot start —
 * no bubblewrap, or it fails its start-up probe — only a runtime an `admin` registered runs
 * unconfined (with a warning), any other is refused. A writer's code never runs outside it.
 */
import type { Config } from '../config.ts';
import { RuntimeUnavailable } from './inference-errors.ts';
import { spawnLaunch } from './launch.ts';
import { planSandboxedLaunch, type SandboxSettings, sandboxSettingsOf } from './sandbox.ts';

/** How process runtimes run here: confined, unconfined by choice, or unconfined only for admins. */
export type SandboxStatus = 'bwrap' | 'off' | 'unavailable';

/** What decides how one runtime runs. */
export type SandboxPolicy =
  | { readonly mode: 'off' }
  | {
      readonly mode: 'bwrap';
      readonly settings: SandboxSettings;
      /** Whether the runtime was registered with the `admin` scope. */
      readonly isAdminRegistered: boolean;
      /** Told why an admin's runtime runs unconfined. */
      readonly warn: (reason: string) => void;
    };

/** How one runtime runs: in the sandbox of `settings`, or unconfined when there are none. */
export interface Confinement {
  readonly status: SandboxStatus;
  readonly settings?: SandboxSettings;
}

type ProbeResult = { ok: true } | { ok: false; reason: string };

const PROBE_TIMEOUT_MS = 10_000;
const PROBE_ENV = { PATH: '/usr/bin:/bin' };

/** Starts `/usr/bin/true` in the sandbox exactly as a runtime would start. */
async function runProbe(settings: SandboxSettings): Promise<ProbeResult> {
  const launch = await planSandboxedLaunch(
    { kind: 'process', command: ['/usr/bin/true'] },
    settings,
    PROBE_ENV,
  );
  const child = spawnLaunch(launch, PROBE_ENV);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-2000);
  });
  let failure: string | undefined;
  child.once('error', (error: NodeJS.ErrnoException) => {
    failure ??= `cannot run ${settings.bwrap}: ${error.code ?? error.message}`;
  });
  const stop = (reason: string) => {
    failure ??= reason;
    child.kill('SIGKILL');
  };
  launch.start?.(child).catch((error: Error) => stop(`cannot map the sandbox's users: ${error.message}`));
  const timer = setTimeout(() => stop(`no answer within ${PROBE_TIMEOUT_MS} ms`), PROBE_TIMEOUT_MS);
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  clearTimeout(timer);
  if (failure !== undefined) return { ok: false, reason: failure };
  if (code !== 0)
    return { ok: false, reason: `${settings.bwrap} exited with code ${code}: ${stderr.trim()}` };
  return { ok: true };
}

const probes = new Map<string, Promise<ProbeResult>>();

/**
 * Whether the sandbox starts here. A success is remembered for the process's life; a failure is
 * asked again next time, so installing bubblewrap needs no restart.
 */
export function probeSandbox(settings: SandboxSettings): Promise<ProbeResult> {
  const key = JSON.stringify(settings);
  const known = probes.get(key);
  if (known) return known;
  const probe = runProbe(settings).catch(
    (error: Error): ProbeResult => ({ ok: false, reason: error.message }),
  );
  probes.set(key, probe);
  probe.then((result) => {
    if (!result.ok) probes.delete(key);
  });
  return probe;
}

/** How process runtimes run under this configuration, and why the sandbox cannot start if it cannot. */
export async function checkSandbox(config: Config): Promise<{ status: SandboxStatus; reason?: string }> {
  if (config.runtimeSandbox === 'off') return { status: 'off' };
  const probe = await probeSandbox(sandboxSettingsOf(config));
  return probe.ok ? { status: 'bwrap' } : { status: 'unavailable', reason: probe.reason };
}

/** How process runtimes run under this configuration (`GET /api/health`'s `runtime_sandbox`). */
export async function sandboxStatus(config: Config): Promise<SandboxStatus> {
  return (await checkSandbox(config)).status;
}

/**
 * How a runtime runs under `policy`. Throws `RuntimeUnavailable` naming why when the sandbox cannot
 * start and the runtime was not registered by `admin`.
 */
export async function chooseConfinement(policy: SandboxPolicy): Promise<Confinement> {
  if (policy.mode === 'off') return { status: 'off' };
  const probe = await probeSandbox(policy.settings);
  if (probe.ok) return { status: 'bwrap', settings: policy.settings };
  if (!policy.isAdminRegistered) {
    throw new RuntimeUnavailable(
      `the sandbox cannot start (${probe.reason}), and only a runtime registered by admin runs without it`,
    );
  }
  policy.warn(probe.reason);
  return { status: 'unavailable' };
}
