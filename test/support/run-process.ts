/**
 * Runs a program to its end and collects what it wrote, for the suites that drive a tool from the
 * outside (the Python client's suite, the README's walk-throughs).
 */
import { spawn } from 'node:child_process';

/** How a run ended and what it wrote. */
export interface ProcessRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `command` with `args` in `cwd` (this process's by default) with exactly the environment `env`. */
export function runProcess(
  command: string,
  args: string[],
  options: { env: NodeJS.ProcessEnv; cwd?: string },
): Promise<ProcessRun> {
  const child = spawn(command, args, options);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}
