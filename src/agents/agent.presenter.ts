/**
 * The wire form of agents.
 */
import type { Agent } from './agent.repository.ts';

/** An agent as sent. */
export function presentAgent(agent: Agent) {
  return {
    id: agent.id,
    display_name: agent.displayName,
    kind: agent.kind,
    created_at: agent.createdAt.toISOString(),
  };
}
