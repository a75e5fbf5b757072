/**
 * Child processes run to their end without blocking the event loop — a server the test started
 * keeps answering meanwhile — with their exit status and output collected; and `modelgraph` itself
 * (`bin/modelgraph.js`) as a reader runs it.
 */
import { type SpawnOptions, spawn } from 'node:child_process';
import { join } from 'node:path';

/** What a finished process left: its exit status (null when a signal ended it) and its output. */
export interface ProcessRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `command` to its end and collects its output (`timeout` in the options kills it with SIGKILL). */
export function runProcess(command: string, args: string[], options: SpawnOptions = {}): Promise<ProcessRun> {
  const child = spawn(command, args, { killSignal: 'SIGKILL', ...options });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}

const BIN = join(import.meta.dirname, '../../bin/modelgraph.js');

/**
 * Runs `modelgraph <args>` with a minimal environment (no schedule, warnings only) plus `env`, as
 * one would from a shell.
 */
export function runModelgraph(args: string[], env: Record<string, string> = {}): Promise<ProcessRun> {
  return runProcess(process.execPath, [BIN, ...args], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      LOG_LEVEL: 'warn',
      MODELGRAPH_RESCORE_CRON: 'off',
      ...env,
    },
  });
}
