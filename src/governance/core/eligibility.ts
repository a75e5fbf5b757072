/**
 * Who may approve or reject a promotion request (docs/concepts.md#governed-promotion): never the
 * agent that requested it, and — when the policy excludes contributors — not the version's trainer,
 * its registrant or a maintainer of its lineage either. Pure.
 */

/** The people around a request whose part in it can disqualify them. */
export interface ApproverFacts {
  requestedBy: string;
  /** The version's `trained_by`. */
  trainedBy: string;
  /** Who registered the version (its `created_by`). */
  registeredBy: string;
  /** The lineage's maintainers. */
  maintainers: readonly string[];
  excludeContributors: boolean;
}

/** Why `agentId` may not decide the request, or null when it may. */
export function ineligibilityOf(agentId: string, facts: ApproverFacts): string | null {
  if (agentId === facts.requestedBy) return 'requested this promotion';
  if (!facts.excludeContributors) return null;
  if (agentId === facts.trainedBy) return 'trained this version';
  if (agentId === facts.registeredBy) return 'registered this version';
  if (facts.maintainers.includes(agentId)) return 'maintains this lineage';
  return null;
}
