/**
 * The rules of a retraction request and what a retraction or reinstatement answers, as plain data
 * (docs/concepts.md#retraction): the reason and evidence checks every face shares, which versions a
 * reinstatement gives their scores back, and the capped list of ids an event carries.
 */
import { isSameTarget, type RetractionTarget } from '../../registry/core/retraction.ts';

/** The longest reason a retraction or reinstatement keeps. */
export const MAX_REASON_LENGTH = 2000;

/** The most affected model ids an event or webhook message carries (the counts are whole). */
export const IDS_SENT = 1000;

/** Why a request is refused before anything is read: the field and a sentence. */
export interface RequestProblem {
  field: 'reason' | 'evidence_url';
  message: string;
}

/** What is wrong with a reason (1…2000 characters, not only blanks), if anything. */
export function reasonProblem(reason: string): RequestProblem | undefined {
  if (reason.trim().length === 0)
    return { field: 'reason', message: 'reason must say why, in 1 to 2000 characters' };
  if (reason.length > MAX_REASON_LENGTH) {
    return { field: 'reason', message: `reason must be at most ${MAX_REASON_LENGTH} characters` };
  }
  return undefined;
}

/** What is wrong with an evidence URL (an absolute http or https URL), if anything. */
export function evidenceUrlProblem(url: string | undefined): RequestProblem | undefined {
  if (url === undefined) return undefined;
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    protocol = '';
  }
  return protocol === 'http:' || protocol === 'https:'
    ? undefined
    : { field: 'evidence_url', message: 'evidence_url must be an http or https URL' };
}

/**
 * The model versions a reinstatement of `target` gives their scores back: of those built on it,
 * the ones whose only retraction in force is `target` (`reached` lists each version's).
 */
export function restoredBy(
  target: RetractionTarget,
  affected: readonly string[],
  reached: ReadonlyMap<string, readonly RetractionTarget[]>,
): string[] {
  return affected.filter((id) => (reached.get(id) ?? []).every((other) => isSameTarget(other, target)));
}

/** A retraction as its answer shows it. */
export interface RetractedFacts {
  at: Date;
  by: string;
  reason: string;
  evidenceUrl: string | null;
}

/** What a retraction did, or would do (`dryRun`). */
export interface RetractionOutcome {
  artifactId: string;
  version: number | null;
  retracted: RetractedFacts;
  /** Every model version built on the target, sorted. */
  affectedModels: string[];
  /** Active edges of those versions, flagged for review. */
  flaggedEdges: number;
  dryRun: boolean;
}

/** What a reinstatement did, or would do (`dryRun`). */
export interface ReinstatementOutcome {
  artifactId: string;
  version: number | null;
  reinstated: { at: Date; by: string; reason: string };
  /** The retraction it ends. */
  retraction: RetractedFacts;
  /** Every model version built on the target, sorted. */
  affectedModels: string[];
  /** Those no other retraction reaches: they lose `retracted_input` and get their scores back. */
  restoredModels: string[];
  dryRun: boolean;
}
