/**
 * Timing statistics for the benchmarks: run a function many times after a warm-up and summarise
 * the wall times as p50, p95, p99 and mean. Pure apart from the clock.
 */
import { performance } from 'node:perf_hooks';

/** A summary of wall times in milliseconds. */
export interface Timing {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
}

/** The `q`-quantile (0–1) of ascending `sorted` values, nearest-rank. */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** Summarises samples (milliseconds). */
export function summarise(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((total, value) => total + value, 0);
  return {
    n: sorted.length,
    p50: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    p99: quantile(sorted, 0.99),
    mean: sum / sorted.length,
  };
}

/** Runs `fn` `warmup` times unmeasured, then `runs` times one after another; the summary of those. */
export async function timeRuns(
  fn: () => Promise<unknown>,
  runs: number,
  warmup = Math.min(20, runs),
): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return summarise(samples);
}

/**
 * Runs `first` and `second` alternately — `warmup` pairs unmeasured, then `runs` pairs — and
 * summarises each one's wall times: both see the same machine, so a drift in its load (another
 * process, autovacuum, the collector) falls on both sides of a ratio instead of on one batch.
 */
export async function timeAlternately(
  first: () => Promise<unknown>,
  second: () => Promise<unknown>,
  runs: number,
  warmup = Math.min(20, runs),
): Promise<[Timing, Timing]> {
  for (let i = 0; i < warmup; i++) {
    await first();
    await second();
  }
  const samples: [number[], number[]] = [[], []];
  for (let i = 0; i < runs; i++) {
    for (const [side, fn] of [first, second].entries()) {
      const start = performance.now();
      await fn();
      samples[side].push(performance.now() - start);
    }
  }
  return [summarise(samples[0]), summarise(samples[1])];
}

/** Wall time of one call, in milliseconds, with its result. */
export async function timeOnce<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  const result = await fn();
  return { ms: performance.now() - start, result };
}
