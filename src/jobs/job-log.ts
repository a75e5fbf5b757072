/**
 * A job's own log file: one JSON line per run (the rescore's `MODELGRAPH_RESCORE_LOG`).
 */
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Appends one JSON line to the file, creating its folder if needed. */
export async function appendJsonLine(path: string, line: object): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await appendFile(path, `${JSON.stringify(line)}\n`);
}
