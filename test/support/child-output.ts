/**
 * A child process run to its end by a test: its exit status and everything it wrote.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';

/** How a child process ended and what it wrote. */
export interface ChildOutput {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Collects a spawned child's stdout and stderr until it closes. */
export function outputOf(child: ChildProcessWithoutNullStreams): Promise<ChildOutput> {
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
