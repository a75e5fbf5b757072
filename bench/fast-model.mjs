/**
 * The benchmark world's inference process (runtime kind `process`): reads JSON Lines
 * `{"id", "inputs"}` on stdin and answers each line at once with `{"id", "confidence"}` on stdout,
 * so a rescore benchmark measures the job and not a model.
 *
 * confidence = logistic(weight × mean(inputs.features) + bias); inputs without usable features
 * get logistic(bias). Deterministic: the same edges always get the same confidences.
 *
 * Usage: node fast-model.mjs [weight = 1] [bias = 0]
 */
import { createInterface } from 'node:readline';

const weight = Number(process.argv[2] ?? '1');
const bias = Number(process.argv[3] ?? '0');
if (!Number.isFinite(weight) || !Number.isFinite(bias)) {
  process.stderr.write(`fast-model: usage: fast-model.mjs [weight] [bias], got ${process.argv.slice(2)}\n`);
  process.exit(1);
}

function meanOf(features) {
  if (!Array.isArray(features) || features.length === 0) return 0;
  let sum = 0;
  for (const value of features) sum += Number.isFinite(value) ? value : 0;
  return sum / features.length;
}

for await (const line of createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY })) {
  if (line.trim() === '') continue;
  const { id, inputs } = JSON.parse(line);
  const confidence = 1 / (1 + Math.exp(-(weight * meanOf(inputs?.features) + bias)));
  process.stdout.write(`${JSON.stringify({ id, confidence })}\n`);
}
