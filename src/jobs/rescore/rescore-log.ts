/**
 * The rescore log: one JSON line per pass, appended to `MODELGRAPH_RESCORE_LOG`.
 */
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Appends one JSON line to the log file, creating its folder if needed. */
export async function appendRescoreLog(path: string, line: object): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await appendFile(path, `${JSON.stringify(line)}\n`);
}
