/**
 * The demo world's governed lineage (docs/concepts.md#governed-promotion): the cohort integration
 * VAE, whose v2 was trained from an exported AnnData without its dataset link. Its policy asks one
 * approval by someone who did not build it, complete provenance, and a fresh impact preview flagging
 * at most a fifth of the edges; its maintainer has requested v2's promotion, and the request waits
 * on the missing link and a preview. Plain data; `load-demo.ts` writes it through the commands.
 */
import type { PromotionPolicy } from '../registry/core/policy.ts';

/** A lineage's policy and the promotion requests open on it. */
export interface DemoGovernance {
  modelName: string;
  /** The admin who set the policy. */
  setBy: string;
  policy: PromotionPolicy;
  requests: { version: number; by: string; note: string }[];
}

/** The governed lineage of the demo world; not microglia, whose promotion "Before you promote" walks through. */
export const DEMO_GOVERNANCE: DemoGovernance = {
  modelName: 'model-dl-cohort-integration-vae',
  setBy: 'dr-lena-hoffmann',
  policy: {
    requiredApprovals: 1,
    excludeContributors: true,
    requireCompleteProvenance: true,
    requireImpactPreview: true,
    previewMaxAgeHours: 24,
    maxFlagFraction: 0.2,
  },
  requests: [
    {
      version: 2,
      by: 'dr-kenji-watanabe',
      note: 'scANVI refinement: accuracy 0.91 and iLISI 1.94 on held-out donors',
    },
  ],
};
