/**
 * Provenance rules and the quality score (docs/concepts.md#provenance-and-the-quality-score), as
 * plain functions over plain data — retractions included: a version built on a retracted artifact
 * is flagged and capped exactly as one with incomplete provenance (docs/concepts.md#retraction).
 */
import { type RetractionTarget, sortTargets } from './retraction.ts';

/** The names of the four provenance rules, in their documented order. */
export const PROVENANCE_RULES = [
  'trained_on_dataset',
  'produced_by_analysis',
  'inputs_pinned',
  'hypothesis_link',
] as const;
/** One provenance rule. */
export type ProvenanceRule = (typeof PROVENANCE_RULES)[number];

/** What each rule asks of a version, in words (pages and check details name a rule so, its code beside). */
const RULE_IN_WORDS: Record<ProvenanceRule, string> = {
  trained_on_dataset: 'a training dataset',
  produced_by_analysis: 'the analysis that produced it',
  inputs_pinned: "pinned versions of that analysis's inputs",
  hypothesis_link: 'the hypothesis it tests',
};

/** A rule in words, or its code for a name that is not a rule (a verdict stored by an older release). */
export function ruleInWords(rule: string): string {
  return Object.hasOwn(RULE_IN_WORDS, rule) ? RULE_IN_WORDS[rule as ProvenanceRule] : rule;
}

/** A link as the rules see it: what it points at and whether it names a version. */
export interface LinkFact {
  sourceId: string;
  linkType: string;
  targetId: string;
  targetType: string;
  isPinned: boolean;
}

/**
 * Whether a link is pinned, or superseded by a pinned link with the same ends and type: links are
 * never deleted, so adding the pinned link is how a client fixes an unpinned one.
 */
function isPinnedOrFixed(link: LinkFact, all: LinkFact[]): boolean {
  return (
    link.isPinned ||
    all.some(
      (other) =>
        other.isPinned &&
        other.sourceId === link.sourceId &&
        other.linkType === link.linkType &&
        other.targetId === link.targetId,
    )
  );
}

/** What the rules need to know about one model version. */
export interface ProvenanceFacts {
  /** The model's own outgoing links. */
  links: LinkFact[];
  /** The `input` links of the analyses the model is `produced_by`. */
  analysisInputs: LinkFact[];
  /** The retractions in force the model is built on, directly or through other model versions. */
  retracted?: RetractionTarget[];
}

/** The verdict on one model version. */
export interface Provenance {
  complete: boolean;
  missing: ProvenanceRule[];
  /** Passed rules / 4. */
  completeness: number;
  /** The retractions in force it is built on (empty when none), in `sortTargets` order. */
  retracted: RetractionTarget[];
}

/** Applies the four provenance rules to one model version. */
export function evaluateProvenance(facts: ProvenanceFacts): Provenance {
  const ofType = (type: string) => facts.links.filter((link) => link.linkType === type);
  const hypotheses = ofType('tests_hypothesis');
  const mustBePinned = [...ofType('trained_on'), ...ofType('input'), ...facts.analysisInputs];
  const passed: Record<ProvenanceRule, boolean> = {
    trained_on_dataset: ofType('trained_on').some((link) => link.targetType === 'dataset'),
    produced_by_analysis: ofType('produced_by').some((link) => link.targetType === 'analysis'),
    inputs_pinned: mustBePinned.every((link) => isPinnedOrFixed(link, mustBePinned)),
    hypothesis_link: hypotheses.every((link) => link.targetType === 'hypothesis'),
  };
  const missing = PROVENANCE_RULES.filter((rule) => !passed[rule]);
  return {
    complete: missing.length === 0,
    missing,
    completeness: (PROVENANCE_RULES.length - missing.length) / PROVENANCE_RULES.length,
    retracted: sortTargets(facts.retracted ?? []),
  };
}

/** The verdict as stored beside a model version: whether it is complete, which rules failed, what it is built on that is retracted. */
export function storedProvenance(
  complete: boolean,
  missing: readonly string[],
  retracted: readonly RetractionTarget[] = [],
): Provenance {
  const rules = PROVENANCE_RULES.filter((rule) => missing.includes(rule));
  return {
    complete,
    missing: rules,
    completeness: (PROVENANCE_RULES.length - rules.length) / PROVENANCE_RULES.length,
    retracted: [...retracted],
  };
}

/** Whether the score is capped: provenance is incomplete, or the version is built on a retraction in force. */
export function isCapped(provenance: Pick<Provenance, 'complete' | 'retracted'>): boolean {
  return !provenance.complete || provenance.retracted.length > 0;
}

/**
 * The stored, sortable score: the raw score (0 when null), capped at `cap` when provenance is
 * incomplete or the version is built on a retracted artifact.
 */
export function computeQualityScore(
  rawQualityScore: number | null,
  provenance: Pick<Provenance, 'complete' | 'retracted'>,
  cap: number,
): number {
  const raw = rawQualityScore ?? 0;
  return isCapped(provenance) ? Math.min(raw, cap) : raw;
}

/** The flags a list item can carry, each a value of the catalog's `flag` filter. */
export const MODEL_FLAGS = ['provenance_incomplete', 'retracted_input'] as const;
/** One flag. */
export type ModelFlag = (typeof MODEL_FLAGS)[number];

/** The list flags a model version carries, in `MODEL_FLAGS` order. */
export function flagsOf(provenance: Pick<Provenance, 'complete' | 'retracted'>): ModelFlag[] {
  return [
    ...(provenance.complete ? [] : (['provenance_incomplete'] as const)),
    ...(provenance.retracted.length > 0 ? (['retracted_input'] as const) : []),
  ];
}
