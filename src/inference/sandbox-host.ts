/**
 * What the sandbox shows of this machine (docs/security.md#the-sandbox): the system directories as
 * they are here (a merged `/usr` or not), the runtime's own directories, and what stays hidden
 * wherever it would show — secrets under `/etc`, the server's own directories, its data and its
 * log. Also answers, before a batch starts, whether a runtime's program can be found among what
 * the sandbox shows.
 */
import { constants, readdirSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { access, realpath, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { type HostView, isShownBy, type Mount } from './sandbox-mounts.ts';

/**
 * Files and directories under `/etc` that hold secrets on common systems. Most are readable by
 * root only, and the sandbox does not run as root; hiding them also covers a server that runs as
 * a user who may read them.
 */
const ETC_SECRETS = [
  'shadow',
  'shadow-',
  'gshadow',
  'gshadow-',
  'sudoers',
  'sudoers.d',
  'environment',
  'security/opasswd',
  'ssl/private',
  'pki/tls/private',
  'letsencrypt',
  'krb5.keytab',
  'ipsec.secrets',
  'ppp/chap-secrets',
  'ppp/pap-secrets',
  'wireguard',
  'openvpn',
  'NetworkManager/system-connections',
  'credstore',
  'credstore.encrypted',
  'kubernetes',
  'mysql/debian.cnf',
  'modelgraph',
];

function realOrNothing(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/** The system entries of `/`: `/usr`, `/etc`, `/bin` and the `/lib*` — directories, or links into `/usr`. */
function systemEntries(): Pick<HostView, 'systemDirs' | 'systemLinks'> {
  const names = ['usr', 'etc', 'bin', ...readdirSync('/').filter((name) => /^lib(32|64|x32)?$/.test(name))];
  const systemDirs: string[] = [];
  const systemLinks: { path: string; target: string }[] = [];
  for (const name of [...new Set(names)].sort()) {
    const path = `/${name}`;
    try {
      const target = readlinkSync(path);
      systemLinks.push({ path, target });
    } catch {
      if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) systemDirs.push(path);
    }
  }
  return { systemDirs, systemLinks };
}

function secretPaths(): string[] {
  let hostKeys: string[] = [];
  try {
    hostKeys = readdirSync('/etc/ssh')
      .filter((name) => /^ssh_host_.*_key$/.test(name))
      .map((name) => `ssh/${name}`);
  } catch {
    // No /etc/ssh: no host keys to hide.
  }
  return [...ETC_SECRETS, ...hostKeys].map((name) => `/etc/${name}`);
}

/**
 * The directories a runtime's sandbox binds besides the system ones: each as given and, when a
 * symbolic link leads elsewhere, as it really is, so both spellings work inside.
 */
export function ownDirectories(dirs: readonly string[]): string[] {
  return [...new Set(dirs.map((dir) => resolve(dir)).flatMap((dir) => [dir, realOrNothing(dir) ?? dir]))];
}

/** The server's own places (docs/security.md#the-sandbox), to hide from its runtimes. */
export interface ServerPlaces {
  /** `MODELGRAPH_DATA_DIR`. */
  readonly dataDir: string;
  /** `MODELGRAPH_RESCORE_LOG`. */
  readonly logFile: string;
}

/** Where this server's code is installed: the folder holding `src/`. */
const INSTALL_DIR = resolve(import.meta.dirname, '../..');

function hiddenEntry(path: string) {
  const real = realOrNothing(path);
  return real === undefined ? [] : [{ path: real, isDirectory: statSync(real).isDirectory() }];
}

/**
 * The host as the sandbox mirrors it: the system entries as they are here, and — wherever they
 * would show — the server's directories, the data directory and the rescore log, secrets under `/etc`,
 * the sockets of local services under `/run`, and `/sys`.
 */
export function inspectHost(places: ServerPlaces): HostView {
  const serverDirs = [process.cwd(), INSTALL_DIR, homedir()].filter((dir) => dir !== '/');
  return {
    ...systemEntries(),
    serverDirs: [...new Set(serverDirs.flatMap((dir) => realOrNothing(dir) ?? []))],
    hidden: [...secretPaths(), '/run', '/var/run', '/sys', places.dataDir, places.logFile].flatMap((path) =>
      hiddenEntry(resolve(path)),
    ),
  };
}

/** Whether `path` is a file this process may execute. */
export async function isExecutableFile(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Whether a path, as spelled and as it really is, shows inside after `mounts`. */
export async function isVisible(path: string, mounts: readonly Mount[]): Promise<boolean> {
  return isShownBy(path, mounts) && isShownBy(await realpath(path).catch(() => path), mounts);
}

/**
 * Where the program `name` is found the way the sandbox will look for it: a path is taken as it
 * is (relative to `cwd`), a bare name is searched in the `PATH` directories the sandbox shows.
 * Answers the program found on the host, whether the sandbox shows it, or nothing found.
 */
export async function locateProgram(
  name: string,
  cwd: string,
  searchPath: string,
  mounts: readonly Mount[],
): Promise<{ path: string; isVisible: boolean } | undefined> {
  if (name.includes('/')) {
    const path = isAbsolute(name) ? name : resolve(cwd, name);
    return (await isExecutableFile(path)) ? { path, isVisible: await isVisible(path, mounts) } : undefined;
  }
  let invisible: string | undefined;
  for (const dir of searchPath.split(delimiter).filter((entry) => isAbsolute(entry))) {
    const path = join(dir, name);
    if (!(await isExecutableFile(path))) continue;
    if (await isVisible(path, mounts)) return { path, isVisible: true };
    invisible ??= path;
  }
  return invisible === undefined ? undefined : { path: invisible, isVisible: false };
}
