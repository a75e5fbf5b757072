/**
 * A server process for the sandbox suites, reduced to one batch of a process runtime:
 * `node --import tsx confined-batch.ts '<runtime JSON>' [run | die-at-start | die-while-running]`.
 * `run` (the default) runs a batch the way the rescore job does and prints what happened as one
 * JSON line; the unprivileged-server suite starts it as `nobody`. The `die-…` modes start the
 * sandbox and exit at once — before its user namespace is ready, or once the runtime has said
 * "ready" on stdout — as a server that crashes would, to see that nothing of the sandbox is left;
 * `die-at-start` prints the pid of the stand-in it leaves (see below) for the test to stop.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { loadConfig } from '../../src/config.ts';
import { spawnLaunch } from '../../src/inference/launch.ts';
import { createRunner, runnerOptionsFor } from '../../src/inference/runners.ts';
import { planSandboxedLaunch, readChildPid, sandboxSettingsOf } from '../../src/inference/sandbox.ts';
import { createLogger } from '../../src/logger.ts';

const runtime = JSON.parse(process.argv[2]);
const mode = process.argv[3] ?? 'run';
const config = loadConfig({ LOG_LEVEL: 'silent', MODELGRAPH_DATA_DIR: '/nonexistent' });

async function runBatch() {
  const runner = await createRunner(
    runtime,
    runnerOptionsFor(
      { config, logger: createLogger('silent') },
      { id: 'confined-batch', isRuntimeByAdmin: false },
    ),
  );
  const items = [
    { id: 'a', inputs: { confidence: 0.25 } },
    { id: 'b', inputs: { confidence: 0.75 } },
  ];
  try {
    const scores = await runner.infer(items);
    console.log(JSON.stringify({ sandbox: runner.sandbox, scores: Object.fromEntries(scores) }));
  } catch (error) {
    const { message, stderr } = error as { message: string; stderr?: string };
    console.log(JSON.stringify({ sandbox: runner.sandbox, error: message, stderr }));
  } finally {
    await runner.close();
  }
}

async function die() {
  const env = { PATH: '/usr/bin:/bin' };
  const launch = await planSandboxedLaunch(runtime, sandboxSettingsOf(config), env);
  const child = spawnLaunch(launch, env);
  const [info, ready] = [child.stdio[3] as Readable | null, child.stdio[4] as Writable | null];
  if (mode === 'die-at-start' && info && ready) {
    // As root: bwrap has made the sandbox and waits for the map this server never writes. The pid
    // is read as the server reads it, keeping the pipe open: bwrap writes more after it, and a
    // pipe closed under it kills bwrap (SIGPIPE) but not its child, which a live server never does.
    // A stand-in keeps the other end of its wait open, as a server dying before it closes would.
    await readChildPid(info);
    const holder = spawn('/usr/bin/sleep', ['60'], {
      stdio: ['ignore', 'ignore', 'ignore', ready],
      detached: true,
    });
    console.log(JSON.stringify({ holder: holder.pid }));
  }
  if (mode === 'die-while-running') {
    await launch.start?.(child);
    for await (const line of createInterface({ input: child.stdout })) if (line === 'ready') break;
  }
  process.exit(0);
}

await (mode === 'run' ? runBatch() : die());
