/**
 * The bubblewrap command line of a sandboxed process runtime (docs/security.md#the-sandbox): the
 * namespaces, the mounts of `sandbox-mounts.ts`, and the programs that drop to `nobody` and set
 * the limits before the runtime's own program starts. Pure; `sandbox.ts` runs it.
 */
import type { Mount } from './sandbox-mounts.ts';

/** The uid and gid a sandboxed runtime runs as: `nobody`, which owns nothing. */
export const SANDBOX_UID = 65534;

/** How many processes (threads count too) one sandbox may hold at once. */
export const SANDBOX_PROCESSES = 64;

/** Where bwrap tells a root server the sandbox's pid (root only). */
export const INFO_FD = 3;
/** The descriptor bwrap reads one byte from once the server wrote the uid map (root only). */
export const USERNS_READY_FD = 4;

/** What each sandbox may use. */
export interface SandboxLimits {
  /** Size of the private `/tmp` (and of `/dev/shm`), in MiB. */
  readonly tmpMb: number;
  /** Address space of each process, in MiB. */
  readonly memoryMb: number;
  /** CPU time of each process, in seconds. */
  readonly cpuSeconds: number;
}

/** One sandboxed run. */
export interface SandboxedCommand {
  /** The program and its arguments as the runtime names them. */
  readonly command: readonly string[];
  /** The runtime's working directory, if it has one. */
  readonly cwd?: string;
  /** The mounts of the sandbox (`planMounts`). */
  readonly mounts: readonly Mount[];
  readonly limits: SandboxLimits;
  /**
   * Whether the server runs as root. Then the processes inside must not be root outside either, or
   * the process limit would not hold (the kernel exempts root from it): the server writes a uid map
   * of its own and `setpriv` switches to `nobody` before the runtime starts.
   */
  readonly isRoot: boolean;
}

const MIB = 1024 * 1024;

/** Namespaces, the session, and who the processes inside are. */
function identityArgs(isRoot: boolean): string[] {
  const common = [
    ...['--unshare-user', '--unshare-pid', '--unshare-net', '--unshare-ipc', '--unshare-uts'],
    ...['--unshare-cgroup-try', '--hostname', 'sandbox', '--die-with-parent', '--new-session'],
  ];
  if (!isRoot) {
    return [...common, '--uid', String(SANDBOX_UID), '--gid', String(SANDBOX_UID), '--disable-userns'];
  }
  // bwrap maps only the caller's own uid; as root that would leave the processes root outside.
  return [
    ...common,
    ...['--info-fd', String(INFO_FD), '--userns-block-fd', String(USERNS_READY_FD)],
    ...['--cap-add', 'CAP_SETUID', '--cap-add', 'CAP_SETGID'],
  ];
}

function mountArgs(mount: Mount, limits: SandboxLimits): string[] {
  switch (mount.kind) {
    case 'bind':
      return ['--ro-bind', mount.path, mount.path];
    case 'link':
      return ['--symlink', mount.target, mount.path];
    case 'dir':
      // Directories bwrap creates on its own would be private to root.
      return ['--perms', '0755', '--dir', mount.path];
    case 'tmpfs':
      if (mount.use === 'private') {
        return ['--perms', '1777', '--size', String(limits.tmpMb * MIB), '--tmpfs', mount.path];
      }
      return ['--perms', mount.use === 'mask' ? '0000' : '0755', '--tmpfs', mount.path];
    case 'null-file':
      return ['--ro-bind', '/dev/null', mount.path];
    case 'proc':
      return ['--proc', mount.path];
    case 'dev':
      return ['--dev', mount.path];
    case 'remount-ro':
      return ['--remount-ro', mount.path];
  }
}

/** The programs that drop to `nobody` (root only) and set the limits before the runtime starts. */
function limitArgs(isRoot: boolean, limits: SandboxLimits): string[] {
  const drop = isRoot
    ? [
        '/usr/bin/setpriv',
        `--reuid=${SANDBOX_UID}`,
        `--regid=${SANDBOX_UID}`,
        '--clear-groups',
        '--inh-caps=-all',
        '--bounding-set=-all',
        '--',
      ]
    : [];
  return [
    ...drop,
    '/usr/bin/prlimit',
    `--nproc=${SANDBOX_PROCESSES}`,
    `--as=${limits.memoryMb * MIB}`,
    // SIGXCPU at the limit tells the process why; SIGKILL a second later if it ignores that.
    `--cpu=${limits.cpuSeconds}:${limits.cpuSeconds + 1}`,
    '--core=0',
    '--',
  ];
}

/** The arguments of `bwrap` that run `run.command` confined. */
export function buildBwrapArgs(run: SandboxedCommand): string[] {
  return [
    ...identityArgs(run.isRoot),
    ...run.mounts.flatMap((mount) => mountArgs(mount, run.limits)),
    ...['--chdir', run.cwd ?? '/tmp'],
    '--',
    ...limitArgs(run.isRoot, run.limits),
    ...run.command,
  ];
}

/** The signal names of the exit statuses bwrap reports for a process killed by a signal (128 + n). */
const SIGNALS: Record<number, string> = {
  6: 'SIGABRT',
  9: 'SIGKILL',
  11: 'SIGSEGV',
  15: 'SIGTERM',
  24: 'SIGXCPU',
};

/** What an exit status of a sandboxed process means beyond its number, if anything. */
export function explainSandboxExit(code: number, limits: SandboxLimits): string | undefined {
  const signal = SIGNALS[code - 128];
  if (signal === 'SIGXCPU')
    return `killed by SIGXCPU: it used the ${limits.cpuSeconds} s of CPU time a process may`;
  if (signal === 'SIGKILL') {
    return `killed by SIGKILL: past the ${limits.cpuSeconds} s CPU time limit, or out of memory`;
  }
  if (signal === 'SIGABRT') {
    return `killed by SIGABRT, as a program aborts when it cannot allocate past the ${limits.memoryMb} MiB memory limit`;
  }
  return signal === undefined ? undefined : `killed by ${signal}`;
}
