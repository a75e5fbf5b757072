/**
 * Agents: the commands behind `/api/agents` — create, read, rename, deactivate and reactivate.
 * Their tokens are `token.service.ts`'s.
 */
import { ADMIN_AGENT_ID, assertScope, type Caller } from '../caller.ts';
import type { Deps, Unit } from '../deps.ts';
import { AlreadyExists, NotFound, RuleViolation } from '../errors.ts';
import { logEvent } from '../events/event.service.ts';
import {
  type Agent,
  findAgentById,
  findAgentForUpdate,
  insertAgent,
  updateAgentRow,
} from './agent.repository.ts';

/** An agent's fields. */
export interface AgentFields {
  id: string;
  displayName: string;
  kind: 'human' | 'ai';
}

/** A new agent, created by `admin`. */
export interface CreateAgentProps extends AgentFields {
  unit: Unit;
  caller: Caller;
}

/** Creates an agent; 409 when the id is taken. */
export async function createAgent(_deps: Deps, props: CreateAgentProps): Promise<Agent> {
  assertScope(props.caller, 'admin');
  const { id, displayName, kind } = props;
  const agent = await insertAgent(props.unit.tx, { id, displayName, kind });
  if (!agent) throw new AlreadyExists(`agent '${props.id}' already exists`);
  return agent;
}

/** Creates the agent unless one has its id (kept as it is); returns whether it was created. */
export async function ensureAgent(_deps: Deps, props: { unit: Unit; agent: AgentFields }): Promise<boolean> {
  return (await insertAgent(props.unit.tx, props.agent)) !== undefined;
}

/** The agent with this id, or undefined. */
export function findAgent(deps: Pick<Deps, 'db'>, id: string): Promise<Agent | undefined> {
  return findAgentById(deps.db, id);
}

/** The agent with this id; 404 when there is none. */
export async function getAgent(deps: Pick<Deps, 'db'>, id: string): Promise<Agent> {
  const agent = await findAgentById(deps.db, id);
  if (!agent) throw new NotFound(`agent '${id}' does not exist`);
  return agent;
}

/** A change to an agent by `admin`: a new display name, deactivation or reactivation. */
export interface UpdateAgentProps {
  unit: Unit;
  caller: Caller;
  agentId: string;
  displayName?: string;
  /** `false` refuses every token of the agent from now on; `true` accepts them again. */
  isActive?: boolean;
}

/**
 * Renames, deactivates or reactivates an agent, each change logged (`agent_updated`,
 * `agent_deactivated`, `agent_reactivated`); asking for what already is logs nothing. The
 * bootstrap `admin` agent cannot be deactivated (422): its token is the operator's way back in.
 */
export async function updateAgent(_deps: Deps, props: UpdateAgentProps): Promise<Agent> {
  assertScope(props.caller, 'admin');
  const { unit, caller, agentId } = props;
  const agent = await findAgentForUpdate(unit.tx, agentId);
  if (!agent) throw new NotFound(`agent '${agentId}' does not exist`);
  if (props.isActive === false && agent.id === ADMIN_AGENT_ID) {
    throw new RuleViolation(
      `agent '${ADMIN_AGENT_ID}' cannot be deactivated: MODELGRAPH_ADMIN_TOKEN acts as it; unset that variable to withdraw it`,
    );
  }
  const renamed = props.displayName !== undefined && props.displayName !== agent.displayName;
  const toggled = props.isActive !== undefined && props.isActive !== agent.isActive;
  if (!renamed && !toggled) return agent;
  const updated = await updateAgentRow(unit.tx, agentId, {
    displayName: renamed ? props.displayName : undefined,
    isActive: toggled ? props.isActive : undefined,
  });
  const record = async (type: 'agent_updated' | 'agent_deactivated' | 'agent_reactivated', metadata = {}) => {
    const logged = await logEvent(unit, {
      eventType: type,
      targetArtifactId: agentId,
      actor: caller.agentId,
      detectionMetadata: { agent_id: agentId, actor: caller.agentId, ...metadata },
    });
    await unit.publish({ type, logged });
  };
  if (renamed)
    await record('agent_updated', { display_name: { from: agent.displayName, to: updated.displayName } });
  if (toggled) await record(updated.isActive ? 'agent_reactivated' : 'agent_deactivated');
  return updated;
}

/** Makes sure the bootstrap admin agent exists. */
export async function ensureAdminAgent(deps: Deps, props: { unit: Unit }): Promise<void> {
  await ensureAgent(deps, {
    unit: props.unit,
    agent: { id: ADMIN_AGENT_ID, displayName: 'Administrator', kind: 'human' },
  });
}
