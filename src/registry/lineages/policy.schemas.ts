/**
 * Request and response schemas of a lineage's promotion policy (docs/api.md#governed-promotion).
 */
import { type Static, Type } from 'typebox';
import { DEFAULT_POLICY, MAX_PREVIEW_AGE_HOURS, MAX_REQUIRED_APPROVALS } from '../core/policy.ts';

const approvals = (options = {}) => Type.Integer({ minimum: 0, maximum: MAX_REQUIRED_APPROVALS, ...options });
const ageHours = (options = {}) => Type.Integer({ minimum: 1, maximum: MAX_PREVIEW_AGE_HOURS, ...options });
const fraction = (options = {}) =>
  Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()], options);
// The defaults are documented in the schema; the route fills them in (`policyOf`).
const byDefault = (value: unknown) => ({ default: value });

/** A lineage's promotion policy as sent. */
export const PolicyJson = Type.Object({
  required_approvals: approvals(),
  exclude_contributors: Type.Boolean(),
  require_complete_provenance: Type.Boolean(),
  require_impact_preview: Type.Boolean(),
  preview_max_age_hours: ageHours(),
  max_flag_fraction: fraction(),
});

/** A policy as sent. */
export type PolicyJsonType = Static<typeof PolicyJson>;

/** `PUT /api/lineages/{model_name}/policy` body: the whole policy; what it leaves out takes its default. */
export const SetPolicyBody = Type.Object(
  {
    required_approvals: Type.Optional(approvals(byDefault(DEFAULT_POLICY.requiredApprovals))),
    exclude_contributors: Type.Optional(Type.Boolean(byDefault(DEFAULT_POLICY.excludeContributors))),
    require_complete_provenance: Type.Optional(
      Type.Boolean(byDefault(DEFAULT_POLICY.requireCompleteProvenance)),
    ),
    require_impact_preview: Type.Optional(Type.Boolean(byDefault(DEFAULT_POLICY.requireImpactPreview))),
    preview_max_age_hours: Type.Optional(ageHours(byDefault(DEFAULT_POLICY.previewMaxAgeHours))),
    max_flag_fraction: Type.Optional(fraction(byDefault(DEFAULT_POLICY.maxFlagFraction))),
  },
  { additionalProperties: false },
);
