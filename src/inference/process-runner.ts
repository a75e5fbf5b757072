import { createInterface } from 'node:readline';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describeBadConfidence, isProbability, stringifyInputs } from './batch-checks.ts';
import { BatchFailed, RuntimeUnavailable } from './inference-errors.ts';
import { directLaunch, type Launch, spawnLaunch } from './launch.ts';
import type { InferenceItem, InferenceRunner, RunnerOptions } from './runner.ts';
import type { ProcessRuntime } from './runtime.ts';
import { planSandboxedLaunch } from './sandbox.ts';
import { type Confinement, chooseConfinement } from './sandbox-policy.ts';

/** The variables of the server's environment a runtime process inherits; everything else stays out. */
const INHERITED = ['PATH', 'HOME', 'LANG', 'TMPDIR'];

/** Inside the sandbox the server's home and temporary directory do not exist; its private /tmp does. */
const SANDBOX_DIRS = { HOME: '/tmp', TMPDIR: '/tmp' };

/** The environment of a runtime process: the inherited basics and the runtime's own `env`. */
export function childEnvironment(
  runtime: Pick<ProcessRuntime, 'env'>,
  isConfined = false,
): NodeJS.ProcessEnv {
  const inherited = INHERITED.flatMap((name) =>
    process.env[name] === undefined ? [] : [[name, process.env[name]]],
  );
  return { ...Object.fromEntries(inherited), ...(isConfined ? SANDBOX_DIRS : {}), ...runtime.env };
}

/** Enough for any traceback; a model that floods stderr must not grow our memory without bound. */
const STDERR_CAP_BYTES = 64 * 1024;

/**
 * Runs a `process` runtime: one child process per batch, JSON Lines in on stdin and out on
 * stdout, inside the sandbox unless the policy says otherwise (`sandbox` tells which). Nothing
 * outlives a batch, so `close()` has nothing to free. Throws `RuntimeUnavailable` when the sandbox
 * cannot start and the runtime may not run without it.
 */
export async function createProcessRunner(
  runtime: ProcessRuntime,
  options: RunnerOptions,
): Promise<InferenceRunner> {
  const confinement = await chooseConfinement(options.sandbox);
  return {
    sandbox: confinement.status,
    infer: (items) => runProcessBatch(runtime, items, options.timeoutMs, confinement),
    close: async () => {},
  };
}

async function launchOf(runtime: ProcessRuntime, confinement: Confinement, env: NodeJS.ProcessEnv) {
  return confinement.settings
    ? planSandboxedLaunch(runtime, confinement.settings, env)
    : directLaunch(runtime);
}

function describeExit(code: number | null, launch: Launch): string {
  const meaning = code === null ? undefined : launch.explainExit?.(code);
  return `process exited with code ${code}${meaning ? ` (${meaning})` : ''}`;
}

/** Keeps the last `cap` bytes, because a traceback ends with the line that explains it. */
function collectTail(stream: Readable, cap: number): () => string | undefined {
  let tail = Buffer.alloc(0);
  let truncated = false;
  stream.on('data', (chunk: Buffer) => {
    tail = Buffer.concat([tail, chunk]);
    if (tail.length > cap) {
      tail = tail.subarray(tail.length - cap);
      truncated = true;
    }
  });
  return () => {
    if (tail.length === 0) return undefined;
    return (truncated ? '[stderr truncated]\n' : '') + tail.toString('utf8');
  };
}

function writeLines(stdin: Writable, lines: readonly string[]): void {
  // A process may exit without reading all its input (a crash, an early answer). The exit code
  // and the missing ids then tell what went wrong, so EPIPE here is not a failure of its own.
  pipeline(Readable.from(lines), stdin).catch(() => {});
  // A late EPIPE after the pipeline settled would otherwise be an uncaught 'error' event.
  stdin.on('error', () => {});
}

/** Checks one stdout line and records its score; returns why the batch fails, if it does. */
function recordLine(
  line: string,
  lineNumber: number,
  expected: ReadonlySet<string>,
  scores: Map<string, number>,
): string | undefined {
  let answer: unknown;
  try {
    answer = JSON.parse(line);
  } catch {
    return `bad JSON on stdout line ${lineNumber}: ${line.slice(0, 200)}`;
  }
  const { id, confidence } = (typeof answer === 'object' && answer !== null ? answer : {}) as {
    id?: unknown;
    confidence?: unknown;
  };
  if (typeof id !== 'string') return `stdout line ${lineNumber} has no string "id"`;
  if (!expected.has(id)) return `unknown id "${id}" on stdout line ${lineNumber}`;
  if (scores.has(id)) return `duplicate id "${id}" on stdout line ${lineNumber}`;
  if (!isProbability(confidence)) return describeBadConfidence(id, confidence);
  scores.set(id, confidence);
  return undefined;
}

function describeMissing(items: readonly InferenceItem[], scores: ReadonlyMap<string, number>): string {
  const missing = items.filter((item) => !scores.has(item.id)).map((item) => `"${item.id}"`);
  const shown = missing.slice(0, 5).join(', ');
  return missing.length > 5 ? `missing ids ${shown} and ${missing.length - 5} more` : `missing id ${shown}`;
}

async function runProcessBatch(
  runtime: ProcessRuntime,
  items: readonly InferenceItem[],
  timeoutMs: number,
  confinement: Confinement,
): Promise<Map<string, number>> {
  const lines = items.map((item) => `{"id":${JSON.stringify(item.id)},"inputs":${stringifyInputs(item)}}\n`);
  const env = childEnvironment(runtime, confinement.settings !== undefined);
  const launch = await launchOf(runtime, confinement, env);
  // Its own process group (killed whole), and a clean environment: never the server's secrets.
  const child = spawnLaunch(launch, env);
  const killGroup = () => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // The group is gone already (ESRCH): nothing is left to stop.
    }
  };
  let spawnError: NodeJS.ErrnoException | undefined;
  child.once('error', (error) => {
    spawnError ??= error;
  });
  const readStderr = collectTail(child.stderr, STDERR_CAP_BYTES);

  let failure: string | undefined;
  const fail = (reason: string): void => {
    failure ??= reason;
    killGroup();
    // A grandchild may still hold the pipes open; destroying our ends lets 'close' fire anyway.
    child.stdout.destroy();
    child.stderr.destroy();
  };
  const timer = setTimeout(() => fail(`timed out after ${timeoutMs} ms`), timeoutMs);
  launch.start?.(child).catch((error: Error) => fail(`the sandbox could not start: ${error.message}`));

  const expected = new Set(items.map((item) => item.id));
  const scores = new Map<string, number>();
  let lineNumber = 0;
  createInterface({ input: child.stdout, crlfDelay: Number.POSITIVE_INFINITY }).on('line', (line) => {
    lineNumber += 1;
    if (failure !== undefined || line.trim() === '') return;
    const reason = recordLine(line, lineNumber, expected, scores);
    if (reason !== undefined) fail(reason);
  });
  writeLines(child.stdin, lines);

  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => {
    child.once('close', (exitCode, exitSignal) => resolve([exitCode, exitSignal]));
  });
  clearTimeout(timer);
  // Nothing the batch started outlives it, even a background grandchild of a process that exited 0.
  killGroup();

  // No pid means the program never ran; a later 'error' (a failed kill) is not a start failure.
  if (spawnError !== undefined && child.pid === undefined) {
    const where = runtime.cwd === undefined ? '' : ` in ${runtime.cwd}`;
    throw new RuntimeUnavailable(
      `cannot start ${JSON.stringify(launch.file)}${where}: ${spawnError.code ?? spawnError.message}`,
    );
  }
  if (failure !== undefined) throw new BatchFailed(failure, readStderr());
  if (signal !== null) throw new BatchFailed(`process killed by signal ${signal}`, readStderr());
  if (code !== 0) throw new BatchFailed(describeExit(code, launch), readStderr());
  if (scores.size < items.length) throw new BatchFailed(describeMissing(items, scores), readStderr());
  return scores;
}
