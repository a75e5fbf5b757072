/**
 * The checks of a promotion request (docs/concepts.md#governed-promotion): one per requirement of the
 * lineage's policy, each computed from facts about the version — its provenance verdict and the
 * newest impact preview of it over the lineage's promoted version. Pure.
 */
import type { PromotionPolicy } from '../../registry/core/policy.ts';
import { ruleInWords } from '../../registry/core/provenance.ts';

/** The names of the checks, in the order a request lists them. */
export const CHECK_NAMES = ['complete_provenance', 'impact_preview', 'flag_fraction'] as const;

/** One check of a request. */
export interface Check {
  name: (typeof CHECK_NAMES)[number];
  passed: boolean;
  /** What was found, in a sentence a reviewer can act on. */
  detail: string;
}

/** A recorded impact preview of the version over the lineage's promoted version. */
export interface PreviewFacts {
  toolCallId: number;
  computedAt: Date;
  wouldFlag: number;
  scoredEdges: number;
}

/** What the checks are computed from. */
export interface CheckFacts {
  versionId: string;
  /** The version's stored provenance verdict. */
  provenance: { complete: boolean; missing: string[] };
  /** The lineage's promoted version, which a preview must be over; null when it has none. */
  parentId: string | null;
  /** The newest preview of the version over `parentId`, if one was recorded. */
  preview?: PreviewFacts;
  now: Date;
}

const HOUR_MS = 3_600_000;

function hoursSince(then: Date, now: Date): number {
  return (now.getTime() - then.getTime()) / HOUR_MS;
}

function provenanceCheck(facts: CheckFacts): Check {
  const { complete, missing } = facts.provenance;
  return {
    name: 'complete_provenance',
    passed: complete,
    detail: complete
      ? 'the provenance passes every rule'
      : `the provenance lacks ${missing.map((rule) => `${ruleInWords(rule)} (${rule})`).join(', ')}`,
  };
}

/** The preview the checks accept: young enough, or a reason why there is none. */
function usablePreview(policy: PromotionPolicy, facts: CheckFacts): PreviewFacts | string {
  const { preview, parentId, versionId } = facts;
  if (!preview) {
    return `no impact preview of ${versionId} over ${parentId}: run POST /api/models/${versionId}/impact-preview`;
  }
  const age = hoursSince(preview.computedAt, facts.now);
  if (age >= policy.previewMaxAgeHours) {
    return (
      `the newest preview over ${parentId} (${preview.computedAt.toISOString()}) is ${age.toFixed(1)} h old; ` +
      `the policy accepts ${policy.previewMaxAgeHours} h: run the preview again`
    );
  }
  return preview;
}

function previewCheck(preview: PreviewFacts | string, facts: CheckFacts): Check {
  if (typeof preview === 'string') return { name: 'impact_preview', passed: false, detail: preview };
  const age = hoursSince(preview.computedAt, facts.now);
  return {
    name: 'impact_preview',
    passed: true,
    detail: `previewed over ${facts.parentId} at ${preview.computedAt.toISOString()} (${age.toFixed(1)} h ago, tool call ${preview.toolCallId})`,
  };
}

function flagCheck(preview: PreviewFacts | string, maxFraction: number): Check {
  if (typeof preview === 'string') return { name: 'flag_fraction', passed: false, detail: preview };
  const fraction = preview.scoredEdges === 0 ? 0 : preview.wouldFlag / preview.scoredEdges;
  const passed = fraction <= maxFraction;
  return {
    name: 'flag_fraction',
    passed,
    detail:
      `the preview would flag ${preview.wouldFlag} of ${preview.scoredEdges} scored edges ` +
      `(${fraction.toFixed(3)} ${passed ? '≤' : '>'} ${maxFraction})`,
  };
}

/** The request's checks: one per requirement the policy sets, in `CHECK_NAMES` order. */
export function computeChecks(policy: PromotionPolicy, facts: CheckFacts): Check[] {
  const checks: Check[] = [];
  if (policy.requireCompleteProvenance) checks.push(provenanceCheck(facts));
  const needsPreview = policy.requireImpactPreview || policy.maxFlagFraction !== null;
  if (!needsPreview) return checks;
  if (facts.parentId === null) {
    // A first promotion re-scores nothing and flags nothing: there is nothing to preview against
    // (the preview itself is refused), so the evidence it would give is vacuously there.
    const detail = 'the lineage has no promoted version: nothing to preview against, nothing to flag';
    if (policy.requireImpactPreview) checks.push({ name: 'impact_preview', passed: true, detail });
    if (policy.maxFlagFraction !== null) checks.push({ name: 'flag_fraction', passed: true, detail });
    return checks;
  }
  const preview = usablePreview(policy, facts);
  if (policy.requireImpactPreview) checks.push(previewCheck(preview, facts));
  if (policy.maxFlagFraction !== null) checks.push(flagCheck(preview, policy.maxFlagFraction));
  return checks;
}

/** Whether every check passed (true when the policy requires none). */
export function allPassed(checks: readonly Check[]): boolean {
  return checks.every((check) => check.passed);
}
