/**
 * How a process runtime's batch process is started: directly (the sandbox is off, or unavailable
 * for an admin's runtime) or through bubblewrap (`sandbox.ts`). The process runner spawns either
 * the same way: its own process group, a clean environment, JSON Lines on stdin and stdout.
 */
import { type ChildProcess, type ChildProcessByStdio, spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import type { ProcessRuntime } from './runtime.ts';

/** A program to spawn for one batch, and what to do right after. */
export interface Launch {
  readonly file: string;
  readonly args: readonly string[];
  /** The working directory of the spawned program on the host (none inside the sandbox: bwrap changes it). */
  readonly cwd?: string;
  /** Pipes the program gets after stdin, stdout and stderr (bwrap's descriptors 3 and 4 as root). */
  readonly extraPipes: number;
  /** Finishes starting the spawned program (the sandbox's uid map); rejects saying why it cannot. */
  start?(child: ChildProcess): Promise<void>;
  /** What an exit status means beyond its number (a sandbox limit that killed it). */
  explainExit?(code: number): string | undefined;
}

/** The launch of a runtime's own program, unconfined. */
export function directLaunch(runtime: ProcessRuntime): Launch {
  const [file, ...args] = runtime.command;
  return { file, args, cwd: runtime.cwd, extraPipes: 0 };
}

/**
 * Spawns a launch in its own process group (killed whole by the caller) with `env` and no other
 * variable of the server's.
 */
export function spawnLaunch(
  launch: Launch,
  env: NodeJS.ProcessEnv,
): ChildProcessByStdio<Writable, Readable, Readable> {
  return spawn(launch.file, launch.args, {
    cwd: launch.cwd,
    env,
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe', ...Array.from({ length: launch.extraPipes }, () => 'pipe' as const)],
  }) as ChildProcessByStdio<Writable, Readable, Readable>;
}
