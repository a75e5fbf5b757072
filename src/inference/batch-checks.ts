import { BatchFailed } from './inference-errors.ts';
import type { InferenceItem } from './runner.ts';

/** Whether a model's answer is usable as a confidence: a finite number within 0…1. */
export function isProbability(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1;
}

/** The failure message for an answer that is not a probability, shared so every runtime says it alike. */
export function describeBadConfidence(id: string, value: unknown): string {
  // JSON.stringify would print NaN and Infinity as null, hiding what the model really said.
  const shown = typeof value === 'number' ? String(value) : JSON.stringify(value);
  return `confidence out of range for id "${id}": ${shown}`;
}

/**
 * Pairs each item with the value at the same position (runtimes that answer in order) and
 * fails the batch on the first value that is not a probability.
 */
export function pairScores(items: readonly InferenceItem[], values: ArrayLike<unknown>): Map<string, number> {
  const scores = new Map<string, number>();
  items.forEach((item, index) => {
    const value = values[index];
    if (!isProbability(value)) throw new BatchFailed(describeBadConfidence(item.id, value));
    scores.set(item.id, value);
  });
  return scores;
}

/** The JSON text of an item's inputs; fails the batch, naming the id, when they cannot be JSON. */
export function stringifyInputs(item: InferenceItem): string {
  try {
    // JSON.stringify returns undefined for undefined; the wire formats need a JSON value.
    return JSON.stringify(item.inputs) ?? 'null';
  } catch (error) {
    throw new BatchFailed(`inputs of id "${item.id}" are not JSON: ${(error as Error).message}`);
  }
}
