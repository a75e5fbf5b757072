/**
 * The sandbox of process runtimes (docs/security.md#the-sandbox): Debian's bubblewrap with new
 * user, PID, IPC, UTS and network namespaces, a read-only view of the system directories and the
 * runtime's own, a small private `/tmp`, and limits on memory, CPU time and processes. Here: the
 * settings from the configuration, the launch of one sandboxed batch, the start-up probe, and the
 * choice between confined, unconfined (`off`, or an admin's runtime when the sandbox cannot
 * start) and refused.
 */
import type { ChildProcess } from 'node:child_process';
import { stat, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { Config } from '../config.ts';
import { RuntimeUnavailable } from './inference-errors.ts';
import type { Launch } from './launch.ts';
import type { ProcessRuntime } from './runtime.ts';
import {
  buildBwrapArgs,
  explainSandboxExit,
  INFO_FD,
  SANDBOX_UID,
  type SandboxLimits,
  USERNS_READY_FD,
} from './sandbox-argv.ts';
import {
  inspectHost,
  isExecutableFile,
  isVisible,
  locateProgram,
  ownDirectories,
  type ServerPlaces,
} from './sandbox-host.ts';
import { planMounts } from './sandbox-mounts.ts';

/** The sandbox as configured (`MODELGRAPH_RUNTIME_*`). */
export interface SandboxSettings {
  readonly bwrap: string;
  /** Directories every sandboxed runtime sees read-only. */
  readonly paths: readonly string[];
  readonly limits: SandboxLimits;
  /** The data directory and the rescore log, hidden wherever they would show. */
  readonly places: ServerPlaces;
}

/** The sandbox settings of a configuration. */
export function sandboxSettingsOf(config: Config): SandboxSettings {
  return {
    bwrap: config.runtimeBwrap,
    paths: config.runtimePaths,
    limits: {
      tmpMb: config.runtimeTmpMb,
      memoryMb: config.runtimeMemoryMb,
      cpuSeconds: config.runtimeCpuSeconds,
    },
    places: { dataDir: config.dataDir, logFile: config.rescoreLog },
  };
}

/** Reads bwrap's `{"child-pid": …}` from its info descriptor. */
export function readChildPid(info: Readable): Promise<number> {
  return new Promise((resolve, reject) => {
    let text = '';
    info.setEncoding('utf8');
    info.on('data', (chunk: string) => {
      text += chunk;
      const pid = /"child-pid"\s*:\s*(\d+)/.exec(text)?.[1];
      if (pid !== undefined) resolve(Number(pid));
      else if (text.length > 65_536) reject(new Error('bwrap wrote no child pid'));
    });
    info.on('error', reject);
    info.on('close', () => reject(new Error('bwrap exited before its user namespace was ready')));
  });
}

/**
 * As root, maps the sandbox's root to the server's (bwrap sets the sandbox up with it, so it can
 * bind directories only root may traverse) and `nobody` to `nobody`, which `setpriv` then becomes.
 */
async function mapSandboxUsers(child: ChildProcess): Promise<void> {
  const pid = await readChildPid(child.stdio[INFO_FD] as Readable);
  const map = `0 0 1\n${SANDBOX_UID} ${SANDBOX_UID} 1\n`;
  await writeFile(`/proc/${pid}/uid_map`, map);
  await writeFile(`/proc/${pid}/gid_map`, map);
  (child.stdio[USERNS_READY_FD] as Writable).end('1');
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Runs bwrap (its arguments after the server's pid follow the script) in the guard's process group,
 * and kills that whole group when the server dies. bwrap's own `--die-with-parent` covers the
 * sandbox once it runs, but not bwrap's setup process while it waits for its user namespace: that
 * waits on an eventfd, which no death ends. Two ways of noticing, since either alone has a gap:
 * `setpriv --pdeathsig` sends the TERM the trap turns into the group's kill, and a watchdog that
 * checks the server's pid every second catches a server that died before the signal was set up.
 * The watchdog holds none of the batch's pipes (a pipe it held open would keep the batch waiting)
 * and ends with the batch. Standard input is passed on explicitly, since sh gives a background
 * command /dev/null; the guard exits with bwrap's status.
 */
const GUARD_SCRIPT = [
  'trap "kill -KILL 0" TERM',
  'server=$1; shift',
  '( while kill -0 "$server" 2>/dev/null; do sleep 1; done; kill -KILL 0 ) </dev/null >/dev/null 2>&1 3>&- 4>&- &',
  'watchdog=$!',
  'exec 5<&0',
  '"$@" <&5 5<&- &',
  'wait $!; status=$?',
  'kill "$watchdog" 2>/dev/null',
  'exit $status',
].join('\n');

/**
 * The launch of one sandboxed batch. Throws `RuntimeUnavailable` when the runtime cannot start in
 * it: its `cwd` is gone, or its program is missing or outside what the sandbox shows.
 */
export async function planSandboxedLaunch(
  runtime: ProcessRuntime,
  settings: SandboxSettings,
  env: NodeJS.ProcessEnv,
): Promise<Launch> {
  if (!(await isExecutableFile(settings.bwrap))) {
    throw new RuntimeUnavailable(`cannot run ${settings.bwrap}: it is not an executable file`);
  }
  // Spelled as a path the mount plan compares: absolute, without a trailing slash.
  const cwd = runtime.cwd === undefined ? undefined : resolve(runtime.cwd);
  const own = ownDirectories([...settings.paths, ...(cwd === undefined ? [] : [cwd])]);
  const mounts = planMounts(inspectHost(settings.places), own);
  const [program] = runtime.command;
  const where = runtime.cwd === undefined ? '' : ` in ${runtime.cwd}`;
  const unavailable = (why: string) =>
    new RuntimeUnavailable(`cannot start ${JSON.stringify(program)}${where}: ${why}`);
  if (cwd !== undefined) {
    if (!(await isDirectory(cwd))) throw unavailable('ENOENT');
    // A cwd of /tmp is the sandbox's private /tmp; any other hidden one is refused.
    if (cwd !== '/tmp' && !(await isVisible(cwd, mounts))) {
      throw unavailable("the sandbox hides that directory (it holds the server's files or the system's)");
    }
  }
  const found = await locateProgram(program, cwd ?? '/tmp', env.PATH ?? '', mounts);
  if (found === undefined) throw unavailable('ENOENT');
  if (!found.isVisible) {
    throw unavailable(
      `${found.path} is outside what the sandbox shows (the system directories, runtime.cwd and MODELGRAPH_RUNTIME_PATHS)`,
    );
  }
  const isRoot = process.getuid?.() === 0;
  const args = buildBwrapArgs({
    command: runtime.command,
    cwd,
    mounts,
    limits: settings.limits,
    isRoot,
  });
  return {
    // The guard (below) runs bwrap, so that nothing of the sandbox outlives a server that dies.
    file: '/usr/bin/setpriv',
    args: [
      '--pdeathsig',
      'SIGTERM',
      '--',
      '/bin/sh',
      '-c',
      GUARD_SCRIPT,
      'sandbox-guard',
      String(process.pid),
      settings.bwrap,
      ...args,
    ],
    extraPipes: isRoot ? 2 : 0,
    start: isRoot ? mapSandboxUsers : undefined,
    explainExit: (code) => explainSandboxExit(code, settings.limits),
  };
}
