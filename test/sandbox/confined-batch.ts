/**
 * Runs one batch of a process runtime in the sandbox, the way the rescore job does, and prints
 * what happened as one JSON line: `node --import tsx confined-batch.ts '<runtime JSON>'`. The
 * unprivileged-server suite starts it as `nobody`, to run the sandbox as a server that is not root.
 */
import { loadConfig } from '../../src/config.ts';
import { createRunner, runnerOptionsFor } from '../../src/inference/runners.ts';
import { createLogger } from '../../src/logger.ts';

const runtime = JSON.parse(process.argv[2]);
const config = loadConfig({ LOG_LEVEL: 'silent', MODELGRAPH_DATA_DIR: '/nonexistent' });
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
