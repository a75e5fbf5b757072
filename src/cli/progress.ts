/**
 * A one-line progress bar on stderr for long CLI work (redrawn in place on a terminal, one line per
 * update otherwise so logs stay readable).
 */

/** Returns an `onProgress(done, total)` callback that draws a bar labelled `label`. */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr) {
  const width = 30;
  return (done: number, total: number) => {
    const ratio = total === 0 ? 1 : Math.min(1, done / total);
    const filled = Math.round(ratio * width);
    const bar = `${'#'.repeat(filled)}${'-'.repeat(width - filled)}`;
    const line = `${label} [${bar}] ${(ratio * 100).toFixed(0).padStart(3)}% ${done}/${total}`;
    stream.write(stream.isTTY ? `\r${line}${done >= total ? '\n' : ''}` : `${line}\n`);
  };
}
