/**
 * The demo world's inference process (runtime kind `process`): reads JSON Lines
 * `{"id", "inputs"}` on stdin and writes `{"id", "confidence"}` per line on stdout.
 *
 * confidence = logistic(weight × mean(inputs.features) + bias), where `weight` (required) and
 * `bias` (optional, default 0) are the command-line arguments each demo model version is
 * registered with. It is deterministic, so a rescore of the same edges always gives the same
 * histogram, and a newer version with a larger weight moves confidences away from 0.5.
 *
 * Usage: node confidence-model.mjs <weight> [bias]
 */
import { createInterface } from 'node:readline';

function fail(message) {
  // The runner keeps stderr in the tool-call record, so the reason reaches whoever reads it.
  process.stderr.write(`confidence-model: ${message}\n`);
  process.exit(1);
}

const [weightArg, biasArg = '0'] = process.argv.slice(2);
const weight = Number(weightArg);
const bias = Number(biasArg);
if (weightArg === undefined || !Number.isFinite(weight) || !Number.isFinite(bias)) {
  fail(`usage: confidence-model.mjs <weight> [bias], got ${JSON.stringify(process.argv.slice(2))}`);
}

function meanOfFeatures(inputs, id) {
  const features = inputs?.features;
  // A guessed value would be a silent wrong confidence; failing the batch shows the bad edge.
  if (!Array.isArray(features) || features.length === 0 || !features.every(Number.isFinite)) {
    fail(`edge ${JSON.stringify(id)}: inputs.features must be a non-empty array of numbers`);
  }
  return features.reduce((sum, value) => sum + value, 0) / features.length;
}

for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === '') continue;
  let item;
  try {
    item = JSON.parse(line);
  } catch {
    fail(`stdin line is not JSON: ${line.slice(0, 200)}`);
  }
  const z = weight * meanOfFeatures(item.inputs, item.id) + bias;
  process.stdout.write(`${JSON.stringify({ id: item.id, confidence: 1 / (1 + Math.exp(-z)) })}\n`);
}
