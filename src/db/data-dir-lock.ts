/**
 * One process per embedded database: the process that opens a PGlite data directory holds
 * `modelgraph.lock` inside it, a file naming its pid. PGlite itself locks nothing (its
 * `postmaster.pid` always says -42), and two processes writing one directory lose each other's
 * writes, so a second process is refused before it opens anything.
 *
 * The file is created whole and atomically (written aside, then hard-linked into place, which
 * fails when the name exists). A lock whose process is gone — killed, crashed, or a pid since
 * reused by another program (told apart by the process's start time on Linux) — is stale and
 * taken over, so no crash leaves a directory locked for good.
 */
import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The lock file's name inside the data directory. */
export const LOCK_FILE = 'modelgraph.lock';

/** Another live process holds the data directory; the message is the one line the CLI prints. */
export class DataDirInUse extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`the data directory ${dataDir} is in use by process ${pid}`);
    this.name = 'DataDirInUse';
  }
}

/** A held lock: release it when the store closes (it is released at exit too). */
export interface DataDirLock {
  /** The lock file. */
  readonly file: string;
  release(): void;
}

/** What the lock file holds: who holds the directory, and since when that process has run. */
interface LockRecord {
  pid: number;
  /** The process's start time in clock ticks since boot (Linux), to tell a reused pid apart. */
  started: string | null;
}

/** Lock files this process holds, so a second open in the same process is refused too. */
const heldHere = new Set<string>();

/** How often a lock is tried when other processes take over the same stale lock at once. */
const ATTEMPTS = 5;

/** The start time and state of a process from `/proc/<pid>/stat`, or undefined off Linux. */
function procStat(pid: number): { started: string; zombie: boolean } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after its last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { started: fields[19], zombie: fields[0] === 'Z' };
  } catch {
    return undefined;
  }
}

function parseRecord(text: string): LockRecord | undefined {
  try {
    const record = JSON.parse(text) as Partial<LockRecord>;
    return Number.isInteger(record.pid) && (record.pid as number) > 0
      ? { pid: record.pid as number, started: record.started ?? null }
      : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the process a lock record names still runs (and is the one that wrote it). */
function isHeldByLiveProcess(record: LockRecord, file: string): boolean {
  if (record.pid === process.pid) return heldHere.has(file);
  try {
    process.kill(record.pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const stat = procStat(record.pid);
  if (stat?.zombie) return false;
  return !(stat && record.started !== null && stat.started !== record.started);
}

function tryCreate(file: string, text: string): boolean {
  const aside = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(aside, text);
  try {
    linkSync(aside, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(aside);
  }
}

function readOrUndefined(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Moves a stale lock out of the way. Renaming is atomic, so of several processes removing the
 * same stale lock one moves it; one that moved a fresh lock instead (taken meanwhile) puts it back.
 */
function removeStale(file: string, staleText: string): void {
  const aside = `${file}.stale.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (readFileSync(aside, 'utf8') !== staleText) {
    try {
      linkSync(aside, file);
    } catch {
      // Yet another process locked it meanwhile; its lock stands.
    }
  }
  unlinkSync(aside);
}

/**
 * Takes the exclusive lock on a data directory (which must exist), or throws `DataDirInUse`
 * naming the process that holds it.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  const shown = resolve(dataDir);
  const file = join(shown, LOCK_FILE);
  const text = `${JSON.stringify({ pid: process.pid, started: procStat(process.pid)?.started ?? null })}\n`;
  let holder: LockRecord | undefined;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (tryCreate(file, text)) return hold(file, text);
    const found = readOrUndefined(file);
    if (found === undefined) continue;
    holder = parseRecord(found);
    if (holder && isHeldByLiveProcess(holder, file)) throw new DataDirInUse(shown, holder.pid);
    removeStale(file, found);
  }
  throw new DataDirInUse(shown, holder?.pid ?? 0);
}

function hold(file: string, text: string): DataDirLock {
  heldHere.add(file);
  const release = () => {
    if (!heldHere.delete(file)) return;
    process.off('exit', release);
    // Only our own lock is removed: never one another process took over meanwhile.
    if (readOrUndefined(file) === text) unlinkSync(file);
  };
  // A process that exits without closing its store (process.exit after an error) still lets go.
  process.on('exit', release);
  return { file, release };
}
