/**
 * A lineage's promotion policy (docs/concepts.md#governed-promotion) as plain data: how many people
 * must approve a promotion and what evidence it needs, the defaults of a lineage that never set one,
 * and whether a policy governs the lineage at all. Pure.
 */

/** What a promotion of the lineage needs. */
export interface PromotionPolicy {
  /** Approvals by eligible evaluators (0…5). */
  requiredApprovals: number;
  /** The version's trainer, its registrant and the lineage's maintainers may not approve or reject. */
  excludeContributors: boolean;
  /** The version's provenance must pass every rule. */
  requireCompleteProvenance: boolean;
  /** An impact preview of the version over the promoted version, younger than `previewMaxAgeHours`. */
  requireImpactPreview: boolean;
  /** How old (1…720 hours) the preview the checks read may be. */
  previewMaxAgeHours: number;
  /** The largest share of the preview's scored edges it may flag (0…1); null: no limit. */
  maxFlagFraction: number | null;
}

/** The policy of a lineage that never set one: a direct promotion by an evaluator. */
export const DEFAULT_POLICY: Readonly<PromotionPolicy> = Object.freeze({
  requiredApprovals: 0,
  excludeContributors: true,
  requireCompleteProvenance: false,
  requireImpactPreview: false,
  previewMaxAgeHours: 24,
  maxFlagFraction: null,
});

/** The most approvals a policy may require. */
export const MAX_REQUIRED_APPROVALS = 5;
/** The oldest a required preview may be, in hours (30 days). */
export const MAX_PREVIEW_AGE_HOURS = 720;

/**
 * Whether the policy governs its lineage: it requires an approval or some evidence, so a direct
 * promotion is refused and a promotion goes through a request.
 */
export function isGoverned(policy: PromotionPolicy): boolean {
  return (
    policy.requiredApprovals > 0 ||
    policy.requireCompleteProvenance ||
    policy.requireImpactPreview ||
    policy.maxFlagFraction !== null
  );
}

/** A policy with what was given and the defaults for the rest (a `PUT` replaces the whole policy). */
export function policyOf(given: Partial<PromotionPolicy>): PromotionPolicy {
  const defined = Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined));
  return { ...DEFAULT_POLICY, ...defined };
}

/** The policy's wire form, as the policy route, the lineage resource and its events carry it. */
export interface PolicyJson {
  required_approvals: number;
  exclude_contributors: boolean;
  require_complete_provenance: boolean;
  require_impact_preview: boolean;
  preview_max_age_hours: number;
  max_flag_fraction: number | null;
}

/** A policy in its wire form. */
export function policyToJson(policy: PromotionPolicy): PolicyJson {
  return {
    required_approvals: policy.requiredApprovals,
    exclude_contributors: policy.excludeContributors,
    require_complete_provenance: policy.requireCompleteProvenance,
    require_impact_preview: policy.requireImpactPreview,
    preview_max_age_hours: policy.previewMaxAgeHours,
    max_flag_fraction: policy.maxFlagFraction,
  };
}

/** A policy read back from its wire form (an event's record of it); defaults for what it lacks. */
export function policyFromJson(json: Partial<PolicyJson>): PromotionPolicy {
  return policyOf({
    requiredApprovals: json.required_approvals,
    excludeContributors: json.exclude_contributors,
    requireCompleteProvenance: json.require_complete_provenance,
    requireImpactPreview: json.require_impact_preview,
    previewMaxAgeHours: json.preview_max_age_hours,
    maxFlagFraction: json.max_flag_fraction,
  });
}
