/**
 * Tokens: how they are made and hashed. Plain functions.
 */
import { createHash, randomBytes } from 'node:crypto';

/** A new random bearer token (shown to the client once, never stored in clear). */
export function generateToken(): string {
  return `mg_${randomBytes(32).toString('base64url')}`;
}

/** The SHA-256 hash under which a token is stored. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
