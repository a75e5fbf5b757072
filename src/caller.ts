/**
 * Who is calling: the agent a valid token belongs to and the scopes it carries, with the scope
 * checks every face and command shares. Plain data and functions, no HTTP.
 */
import { Forbidden } from './errors.ts';

/** The rights a token can carry. `admin` implies every other scope. */
export const SCOPES = ['write', 'evaluate', 'admin'] as const;
/** One scope. */
export type Scope = (typeof SCOPES)[number];

/** The id of the agent the bootstrap admin token acts as. */
export const ADMIN_AGENT_ID = 'admin';

/** The actor of what the server does on its own (the treasury's initial mint). */
export const SYSTEM_AGENT_ID = 'system';

/** The agent behind a request and its scopes. */
export interface Caller {
  agentId: string;
  scopes: readonly string[];
}

/** Whether the caller holds `scope` (directly or through `admin`). */
export function hasScope(caller: Caller, scope: Scope): boolean {
  return caller.scopes.includes(scope) || caller.scopes.includes('admin');
}

/** A caller acting with `admin` rights under the given name: the demo loader, the CLI, the server itself. */
export function actingAs(agentId: string): Caller {
  return { agentId, scopes: ['admin'] };
}

/** Throws `Forbidden` unless the caller holds `scope`. */
export function assertScope(caller: Caller, scope: Scope): void {
  if (!hasScope(caller, scope)) throw new Forbidden(`this action needs the '${scope}' scope`);
}
