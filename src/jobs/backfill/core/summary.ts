/**
 * The arithmetic of a backfill summary: counts per rule, what a plan predicts, and the
 * JSON object the CLI prints and the jobs endpoint returns.
 */
import { InvalidRequest } from '../../../errors.ts';
import type { BackfillSummary } from '../backfill.schemas.ts';
import { type AttributionRule, isAttributed, type ResolvedGroup } from './slices.ts';

/** Edges attributed by each rule. */
export type RuleCounts = Record<AttributionRule, number>;

/** The counts a pass accumulates before it becomes a summary. */
export interface BackfillTally {
  attributed: RuleCounts;
  unknown: number;
  scanned: number;
}

/** Workers a pass uses when the caller names none, and the range it accepts. */
export const DEFAULT_CONCURRENCY = 4;
const MAX_CONCURRENCY = 16;

/** A tally of nothing. */
export function emptyTally(scanned = 0): BackfillTally {
  return { attributed: { model_id: 0, model_name: 0, analysis: 0 }, unknown: 0, scanned };
}

/** Adds `count` edges attributed by `rule` to `tally` (mutates it: workers share one tally). */
export function addAttributed(tally: BackfillTally, rule: AttributionRule, count: number): void {
  tally.attributed[rule] += count;
}

/** What the resolved groups of a plan would do if every edge were still unattributed when written. */
export function tallyPlan(groups: ResolvedGroup[]): BackfillTally {
  const tally = emptyTally();
  for (const group of groups) {
    tally.scanned += group.edgeIds.length;
    if (isAttributed(group)) addAttributed(tally, group.rule, group.edgeIds.length);
    else tally.unknown += group.edgeIds.length;
  }
  return tally;
}

/** The summary of a finished pass. */
export function toSummary(tally: BackfillTally, durationMs: number, isDryRun: boolean): BackfillSummary {
  return {
    attributed: { ...tally.attributed },
    unknown: tally.unknown,
    scanned: tally.scanned,
    duration_ms: Math.max(0, Math.round(durationMs)),
    dry_run: isDryRun,
  };
}

/** Checks a worker count: an integer from 1 to 16, else `InvalidRequest`. */
export function checkConcurrency(concurrency: number): number {
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) {
    throw new InvalidRequest(`concurrency must be an integer from 1 to ${MAX_CONCURRENCY}`, { concurrency });
  }
  return concurrency;
}
