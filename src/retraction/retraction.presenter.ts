/**
 * The wire forms of a retraction's and a reinstatement's answers (docs/api.md#retraction).
 */
import type { ReinstatementOutcome, RetractedFacts, RetractionOutcome } from './core/outcome.ts';
import type { ReinstateJson, RetractJson } from './retraction.schemas.ts';

function presentFacts(facts: RetractedFacts) {
  return { at: facts.at.toISOString(), by: facts.by, reason: facts.reason, evidence_url: facts.evidenceUrl };
}

/** A retraction's answer. */
export function presentRetraction(outcome: RetractionOutcome): RetractJson {
  return {
    artifact_id: outcome.artifactId,
    version: outcome.version,
    retracted: presentFacts(outcome.retracted),
    affected_models: outcome.affectedModels,
    flagged_edges: outcome.flaggedEdges,
    dry_run: outcome.dryRun,
  };
}

/** A reinstatement's answer. */
export function presentReinstatement(outcome: ReinstatementOutcome): ReinstateJson {
  const { reinstated } = outcome;
  return {
    artifact_id: outcome.artifactId,
    version: outcome.version,
    reinstated: { at: reinstated.at.toISOString(), by: reinstated.by, reason: reinstated.reason },
    retraction: presentFacts(outcome.retraction),
    affected_models: outcome.affectedModels,
    restored_models: outcome.restoredModels,
    dry_run: outcome.dryRun,
  };
}
