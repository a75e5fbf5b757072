/**
 * Tokens: how they are made, hashed and checked against a scope. Plain functions.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Forbidden } from '../errors.ts';

/** The rights a token can carry. `admin` implies every other scope. */
export const SCOPES = ['write', 'evaluate', 'admin'] as const;
/** One scope. */
export type Scope = (typeof SCOPES)[number];

/** Who is calling: the agent a valid token belongs to, and its scopes. */
export interface Caller {
  agentId: string;
  scopes: readonly string[];
}

/** A new random bearer token (shown to the client once, never stored in clear). */
export function generateToken(): string {
  return `mg_${randomBytes(32).toString('base64url')}`;
}

/** The SHA-256 hash under which a token is stored. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Whether the caller holds `scope` (directly or through `admin`). */
export function hasScope(caller: Caller, scope: Scope): boolean {
  return caller.scopes.includes(scope) || caller.scopes.includes('admin');
}

/** Throws `Forbidden` unless the caller holds `scope`. */
export function assertScope(caller: Caller, scope: Scope): void {
  if (!hasScope(caller, scope)) throw new Forbidden(`this action needs the '${scope}' scope`);
}
