/**
 * Agents and tokens: the commands behind `/api/agents` and the token lookup the authenticator
 * uses. The bootstrap `MODELGRAPH_ADMIN_TOKEN` is checked by hash in memory and acts as `admin`.
 */
import { ADMIN_AGENT_ID, assertScope, type Caller, type Scope } from '../caller.ts';
import type { Deps, Unit } from '../deps.ts';
import { AlreadyExists, NotFound } from '../errors.ts';
import { type Agent, findAgentById, findTokenByHash, insertAgent, insertToken } from './agent.repository.ts';
import { generateToken, hashToken } from './token.ts';

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

/** Issues a token with these scopes for an existing agent (by `admin`); the token is returned once, stored hashed. */
export async function issueToken(
  _deps: Deps,
  props: { unit: Unit; caller: Caller; agentId: string; scopes: Scope[] },
): Promise<string> {
  assertScope(props.caller, 'admin');
  const agent = await getAgent({ db: props.unit.tx }, props.agentId);
  const token = generateToken();
  await insertToken(props.unit.tx, { tokenHash: hashToken(token), agentId: agent.id, scopes: props.scopes });
  return token;
}

/** The token lookup of the authenticator: stored tokens by hash, and the bootstrap admin token. */
export function tokenLookup(
  deps: Pick<Deps, 'db' | 'config'>,
): (token: string) => Promise<Caller | undefined> {
  const adminHash = deps.config.adminToken ? hashToken(deps.config.adminToken) : undefined;
  return async (token) => {
    const tokenHash = hashToken(token);
    if (tokenHash === adminHash) return { agentId: ADMIN_AGENT_ID, scopes: ['admin'] };
    return findTokenByHash(deps.db, tokenHash);
  };
}

/** Makes sure the bootstrap admin agent exists. */
export async function ensureAdminAgent(deps: Deps, props: { unit: Unit }): Promise<void> {
  await ensureAgent(deps, {
    unit: props.unit,
    agent: { id: ADMIN_AGENT_ID, displayName: 'Administrator', kind: 'human' },
  });
}
