/**
 * Tokens in the database: the only SQL on `tokens`. A token is found by the hash of its secret
 * (authentication) or by its public handle `id` within its agent (listing, revocation).
 */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/database.ts';
import { agents, tokens } from '../db/schema.ts';
import type { Credential } from './core/credential.ts';

/** A stored token as its agent and admins see it: never its secret or hash. */
export interface TokenRecord {
  id: string;
  agentId: string;
  scopes: string[];
  label: string | null;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const recordColumns = {
  id: tokens.id,
  agentId: tokens.agentId,
  scopes: tokens.scopes,
  label: tokens.label,
  createdAt: tokens.createdAt,
  expiresAt: tokens.expiresAt,
  lastUsedAt: tokens.lastUsedAt,
  revokedAt: tokens.revokedAt,
};

/** A token to store: the hash of its secret, its agent, scopes, label and expiry. */
export interface NewToken {
  tokenHash: string;
  agentId: string;
  scopes: string[];
  label: string | null;
  expiresAt: Date | null;
}

/** Stores a token; the database names it (`tok_…`). */
export async function insertToken(tx: Tx, row: NewToken): Promise<TokenRecord> {
  const [inserted] = await tx.insert(tokens).values(row).returning(recordColumns);
  return inserted;
}

/** Every token of an agent, oldest first, revoked and expired ones included. */
export function findTokensOfAgent(db: Db, agentId: string): Promise<TokenRecord[]> {
  return db
    .select(recordColumns)
    .from(tokens)
    .where(eq(tokens.agentId, agentId))
    .orderBy(asc(tokens.createdAt), asc(tokens.id));
}

/** One token of an agent by its handle, or undefined. */
export async function findTokenOfAgent(
  db: Db,
  agentId: string,
  tokenId: string,
): Promise<TokenRecord | undefined> {
  const [row] = await db
    .select(recordColumns)
    .from(tokens)
    .where(and(eq(tokens.agentId, agentId), eq(tokens.id, tokenId)));
  return row;
}

/** Revokes a token that is not revoked yet; undefined when there was none to revoke (unknown, or revoked already). */
export async function markTokenRevoked(
  tx: Tx,
  key: { agentId: string; tokenId: string },
  at: Date,
): Promise<TokenRecord | undefined> {
  const [row] = await tx
    .update(tokens)
    .set({ revokedAt: at })
    .where(and(eq(tokens.agentId, key.agentId), eq(tokens.id, key.tokenId), isNull(tokens.revokedAt)))
    .returning(recordColumns);
  return row;
}

/** What authentication needs to know of the token with this hash, or undefined when none has it. */
export async function findCredentialByHash(db: Db, tokenHash: string): Promise<Credential | undefined> {
  const [row] = await db
    .select({
      tokenId: tokens.id,
      agentId: tokens.agentId,
      scopes: tokens.scopes,
      expiresAt: tokens.expiresAt,
      revokedAt: tokens.revokedAt,
      isAgentActive: agents.active,
    })
    .from(tokens)
    .innerJoin(agents, eq(agents.id, tokens.agentId))
    .where(eq(tokens.tokenHash, tokenHash));
  return row;
}

/**
 * Records when tokens were last used, in one statement. A token whose stored time is less than a
 * minute older than the new one keeps it, so processes flushing side by side still write each token
 * at most once a minute.
 */
export async function recordTokenUses(db: Db, uses: { tokenId: string; at: Date }[]): Promise<void> {
  if (uses.length === 0) return;
  await db.execute(
    sql`update tokens set last_used_at = u.at
          from unnest(${sql.param(uses.map((use) => use.tokenId))}::text[],
                      ${sql.param(uses.map((use) => use.at.toISOString()))}::timestamptz[]) as u(id, at)
         where tokens.id = u.id
           and (tokens.last_used_at is null or tokens.last_used_at <= u.at - interval '1 minute')`,
  );
}
