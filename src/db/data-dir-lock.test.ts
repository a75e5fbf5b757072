import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, describe, it } from 'node:test';
import { DataDirInUse, LOCK_FILE, lockDataDir } from './data-dir-lock.ts';

const root = mkdtempSync(join(tmpdir(), 'mg-lock-'));
after(() => rmSync(root, { recursive: true, force: true }));

let dirs = 0;
const freshDir = () => mkdtempSync(join(root, `d${dirs++}-`));

const lockFileOf = (dir: string) => join(dir, LOCK_FILE);
const writeRecord = (dir: string, record: unknown) => writeFileSync(lockFileOf(dir), JSON.stringify(record));

/** The start time /proc gives a process (Linux), as the lock records it. */
function startedOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function sleeper(): ChildProcess {
  return spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
}

describe('the data-directory lock', () => {
  it('refuses a second lock on a held directory, naming the holder, until it is released', () => {
    const dir = freshDir();
    const lock = lockDataDir(dir);
    assert.throws(
      () => lockDataDir(dir),
      (error: unknown) =>
        error instanceof DataDirInUse &&
        error.pid === process.pid &&
        error.message === `the data directory ${dir} is in use by process ${process.pid}`,
    );
    lock.release();
    assert.equal(existsSync(lockFileOf(dir)), false, 'release removes the lock file');
    lockDataDir(dir).release();
  });

  it('names the directory as an absolute path when given a relative one', () => {
    const dir = freshDir();
    const lock = lockDataDir(dir);
    try {
      assert.throws(() => lockDataDir(relative(process.cwd(), dir)), {
        message: `the data directory ${dir} is in use by process ${process.pid}`,
      });
    } finally {
      lock.release();
    }
  });

  it('refuses while another live process holds the directory', async () => {
    const dir = freshDir();
    const child = sleeper();
    try {
      await new Promise((resolve) => child.once('spawn', resolve));
      writeRecord(dir, { pid: child.pid, started: startedOf(child.pid as number) ?? null });
      assert.throws(() => lockDataDir(dir), {
        message: `the data directory ${dir} is in use by process ${child.pid}`,
      });
      assert.equal(
        JSON.parse(readFileSync(lockFileOf(dir), 'utf8')).pid,
        child.pid,
        'the holder keeps its lock',
      );
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('takes over a lock left by a process that has exited', () => {
    const dir = freshDir();
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    writeRecord(dir, { pid: gone, started: null });
    const lock = lockDataDir(dir);
    assert.equal(JSON.parse(readFileSync(lockFileOf(dir), 'utf8')).pid, process.pid);
    lock.release();
  });

  it('takes over a lock whose pid now belongs to a process started later (a reused pid)', async (t) => {
    if (startedOf(process.pid) === undefined) return t.skip('no /proc on this system');
    const dir = freshDir();
    const child = sleeper();
    try {
      await new Promise((resolve) => child.once('spawn', resolve));
      writeRecord(dir, { pid: child.pid, started: '1' });
      lockDataDir(dir).release();
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('takes over a lock naming this very pid that this process does not hold (a restarted container)', () => {
    const dir = freshDir();
    writeRecord(dir, { pid: process.pid, started: '1' });
    lockDataDir(dir).release();
  });

  it('takes over a lock file that names no process', () => {
    const dir = freshDir();
    writeFileSync(lockFileOf(dir), 'not json');
    lockDataDir(dir).release();
  });

  it('leaves no file behind but the lock, and never removes a lock it no longer holds', () => {
    const dir = freshDir();
    const lock = lockDataDir(dir);
    assert.deepEqual(readdirSync(dir), [LOCK_FILE]);
    writeRecord(dir, { pid: 1, started: null });
    lock.release();
    assert.equal(JSON.parse(readFileSync(lockFileOf(dir), 'utf8')).pid, 1);
  });
});
