/**
 * What a sandboxed runtime sees (docs/security.md#the-sandbox), as an ordered list of mounts: a
 * later mount covers what an earlier one showed below it, exactly as bubblewrap applies them. The
 * same list renders bwrap's arguments (`sandbox-argv.ts`) and answers whether a path shows, so a
 * program that cannot be seen inside is refused before anything starts.
 */
import { dirname } from 'node:path';

/** Whether `path` is `root` or lies below it. */
export function isWithin(path: string, root: string): boolean {
  return path === root || path.startsWith(root === '/' ? '/' : `${root}/`);
}

/** The host's root as the sandbox mirrors it, and what must not show. */
export interface HostView {
  /** System directories bound read-only at their own path (`/usr`, `/etc`, the `/lib*` that are directories). */
  readonly systemDirs: readonly string[];
  /** System entries that are symbolic links on the host (`/bin` → `usr/bin` with a merged `/usr`). */
  readonly systemLinks: readonly { readonly path: string; readonly target: string }[];
  /**
   * The server's own directories (its working and install directories, its home): hidden wherever
   * they would show, except the runtime's own directories inside them.
   */
  readonly serverDirs: readonly string[];
  /** Files and directories hidden wherever they would show: secrets, the data directory, `/run`, `/sys`. */
  readonly hidden: readonly { readonly path: string; readonly isDirectory: boolean }[];
}

/** One mount of the plan, applied in order. */
export type Mount =
  | { readonly kind: 'bind'; readonly path: string }
  | { readonly kind: 'link'; readonly path: string; readonly target: string }
  /** An empty directory created on a tmpfs, so a later mount has somewhere to go. */
  | { readonly kind: 'dir'; readonly path: string }
  /** A fresh tmpfs: `private` for the writable /tmp and /dev/shm, `mask` to hide what was there. */
  | { readonly kind: 'tmpfs'; readonly path: string; readonly use: 'private' | 'mask' | 'skeleton' }
  | { readonly kind: 'null-file'; readonly path: string }
  | { readonly kind: 'proc' | 'dev'; readonly path: string }
  | { readonly kind: 'remount-ro'; readonly path: string };

/** Whether a host path shows inside after `mounts`: the last mount covering it decides. */
export function isShownBy(path: string, mounts: readonly Mount[]): boolean {
  let shown = false;
  for (const mount of mounts) {
    if (mount.kind === 'dir' || mount.kind === 'remount-ro' || !isWithin(path, mount.path)) continue;
    shown = mount.kind === 'bind' || mount.kind === 'link';
  }
  return shown;
}

function byDepth(paths: Iterable<string>): string[] {
  const depth = (path: string) => path.split('/').length;
  return [...new Set(paths)].sort((a, b) => depth(a) - depth(b) || a.localeCompare(b));
}

/** Directories to create so `paths` have mount points: their ancestors strictly below `base`. */
function skeleton(paths: readonly string[], base: string): Mount[] {
  const dirs = new Set<string>();
  for (const path of paths) {
    for (let parent = dirname(path); parent !== base && isWithin(parent, base); parent = dirname(parent)) {
      dirs.add(parent);
    }
  }
  return byDepth(dirs).map((path) => ({ kind: 'dir', path }));
}

/** Directories the sandbox never binds: the kernel's and bwrap's own, which it provides fresh. */
const NEVER_BOUND = ['/proc', '/dev', '/sys'];

/**
 * The mounts of a sandbox showing `own` (the runtime's cwd and `MODELGRAPH_RUNTIME_PATHS`, read-only)
 * beside the system directories, with private `/tmp` and `/dev/shm`, the server's directories and
 * everything in `hidden` covered, and the root and `/dev` read-only.
 */
export function planMounts(view: HostView, ownDirs: readonly string[]): Mount[] {
  // A path through a system link (/lib/… on a merged /usr) is bound by its real spelling instead.
  const own = byDepth(ownDirs).filter(
    (dir) =>
      !NEVER_BOUND.some((never) => isWithin(dir, never)) &&
      !view.systemLinks.some((link) => isWithin(dir, link.path)),
  );
  // The host's /tmp never shows (it holds other programs' sockets); own directories inside it do.
  const inTmp = own.filter((dir) => isWithin(dir, '/tmp') && dir !== '/tmp');
  const plain = own.filter((dir) => !isWithin(dir, '/tmp'));
  const mounts: Mount[] = [
    ...skeleton(plain, '/'),
    ...view.systemDirs.map((path): Mount => ({ kind: 'bind', path })),
    ...view.systemLinks.map(({ path, target }): Mount => ({ kind: 'link', path, target })),
    ...plain.map((path): Mount => ({ kind: 'bind', path })),
    { kind: 'proc', path: '/proc' },
    { kind: 'dev', path: '/dev' },
    { kind: 'tmpfs', path: '/tmp', use: 'private' },
    { kind: 'tmpfs', path: '/dev/shm', use: 'private' },
    ...skeleton(inTmp, '/tmp'),
    ...inTmp.map((path): Mount => ({ kind: 'bind', path })),
  ];
  const masked: string[] = [];
  for (const dir of byDepth(view.serverDirs)) {
    if (!isShownBy(dir, mounts)) continue;
    const inside = own.filter((path) => path !== dir && isWithin(path, dir));
    mounts.push({ kind: 'tmpfs', path: dir, use: 'skeleton' }, ...skeleton(inside, dir));
    mounts.push(...inside.map((path): Mount => ({ kind: 'bind', path })));
    masked.push(dir);
  }
  for (const { path, isDirectory } of [...view.hidden].sort((a, b) => a.path.localeCompare(b.path))) {
    // Hidden too when only an own directory inside it would show.
    if (!isShownBy(path, mounts) && !own.some((dir) => isWithin(dir, path))) continue;
    mounts.push(
      ...(isDirectory
        ? [{ kind: 'tmpfs', path, use: 'mask' } as const, { kind: 'remount-ro', path } as const]
        : [{ kind: 'null-file', path } as const]),
    );
  }
  // Writable only where meant to be: a tmpfs the runtime could fill without limit stays read-only.
  for (const path of [...masked, '/dev', '/']) mounts.push({ kind: 'remount-ro', path });
  return mounts;
}
