/**
 * Helpers for the credit suites: a clock the test moves, promotable model versions built through
 * the API by distinct agents, the payout and account read models, and snapshots of every ledger
 * table (to show that a refused or replayed operation moved nothing).
 */
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import type { Clock } from '../../src/clock.ts';
import { loadConfig } from '../../src/config.ts';
import { type Db, queryRows } from '../../src/db/database.ts';
import { inProcessLocks } from '../../src/db/locks.ts';
import type { Deps } from '../../src/deps.ts';
import { createLogger } from '../../src/logger.ts';
import { createMetrics } from '../../src/metrics.ts';
import { SUBSCRIBERS } from '../../src/subscribers.ts';
import { ADMIN_TOKEN, type TestApp } from '../support/app.ts';
import { createArtifact, promote, registerModel, uniqueId } from '../support/factories.ts';

/** One day in milliseconds. */
export const DAY_MS = 86_400_000;
/** The default pool, in micro-credits. */
export const POOL_MICRO = 100_000_000;
/** The default initial treasury mint, in micro-credits. */
export const GENESIS_MICRO = 1_000_000 * 1_000_000;

/** Credit dependencies over a test app's database, with the same configuration the app read. */
export function creditDeps(db: Db, clock: Clock, env: Record<string, string> = {}): Deps {
  return {
    db,
    locks: inProcessLocks(),
    config: loadConfig({ MODELGRAPH_DEMO: 'off', ...env }),
    logger: createLogger('silent'),
    clock,
    metrics: createMetrics(),
    subscribers: SUBSCRIBERS,
  };
}

/** The agents of one promotion; `evaluator` promotes. */
export interface Contributors {
  trainer: string;
  curator: string;
  evalCurator: string;
  author: string;
  evaluator: string;
}

/** The contributors of a promotion with their tokens. */
export interface ContributorTokens {
  ids: Contributors;
  tokens: Contributors;
}

/** Agents (with their tokens) for every role of a promotion: fresh ones, except those `reused`. */
export async function createContributors(
  t: TestApp,
  reused: Partial<Record<keyof Contributors, { id: string; token: string }>> = {},
): Promise<ContributorTokens> {
  const roles: (keyof Contributors)[] = ['trainer', 'curator', 'evalCurator', 'author', 'evaluator'];
  const result = { ids: {}, tokens: {} } as ContributorTokens;
  for (const role of roles) {
    const given = reused[role];
    const id = given?.id ?? uniqueId(role.toLowerCase());
    // The trainer may evaluate too, so that a suite can have it promote its own version.
    const scopes =
      role === 'evaluator' ? ['evaluate'] : role === 'trainer' ? ['write', 'evaluate'] : ['write'];
    result.ids[role] = id;
    result.tokens[role] = given?.token ?? (await t.agentToken(id, scopes));
  }
  return result;
}

/**
 * Registers a model version with a training set (by the curator), an eval set (by the eval
 * curator) and a benchmark (by the author), trained by the trainer; returns its id.
 */
export async function registerPaidModel(t: TestApp, contributors: ContributorTokens): Promise<string> {
  const { tokens } = contributors;
  const trainingSet = await createArtifact(t, 'dataset', {}, tokens.curator);
  const evalSet = await createArtifact(t, 'dataset', {}, tokens.evalCurator);
  const benchmark = await createArtifact(t, 'benchmark', {}, tokens.author);
  const model = await registerModel(
    t,
    {
      model_name: uniqueId('lineage'),
      title: 'A model worth paying for',
      model_family: 'statistical',
      trained_on: [{ dataset_id: trainingSet, version: 1 }],
      eval_dataset_id: evalSet,
      benchmark_id: benchmark,
    },
    tokens.trainer,
  );
  return model.id;
}

/** Promotes through the API with `token`; returns the promotion event's id. */
export async function promoteAs(t: TestApp, modelId: string, token: string): Promise<number> {
  const { event } = await promote(t, modelId, token);
  return event.id;
}

/** Mints `amount` credits into the treasury through the API; asserts a new mint was made. */
export async function mintCredits(t: TestApp, amount: number, id = uniqueId('mint')) {
  const response = await t.request('POST', '/api/credit/mint', {
    token: ADMIN_TOKEN,
    body: { id, amount, reason: 'test funding' },
  });
  assert.equal(response.statusCode, 200, response.body);
  assert.equal(response.json().minted, true);
}

/** One payout line as `GET /api/credit/payouts` shows it. */
export interface PayoutLineJson {
  agent_id: string;
  role: string;
  weight: number;
  amount: number;
  amount_micro: number;
  capped_by?: string;
}

/** `GET /api/credit/payouts?event_id=`; asserts the 200. */
export async function readPayout(t: TestApp, eventId: number) {
  const response = await t.request('GET', `/api/credit/payouts?event_id=${eventId}`);
  assert.equal(response.statusCode, 200, response.body);
  return response.json() as {
    event_id: number;
    pool: number;
    pool_micro: number;
    payouts: PayoutLineJson[];
    withheld: number;
    withheld_micro: number;
  };
}

/** `GET /api/credit/accounts` as the admin; asserts the 200. */
export async function readAccounts(t: TestApp) {
  const response = await t.request('GET', '/api/credit/accounts', { token: ADMIN_TOKEN });
  assert.equal(response.statusCode, 200, response.body);
  return response.json() as {
    accounts: { id: string; balance: number; balance_micro: number }[];
    total: number;
    total_micro: number;
  };
}

/** `GET /api/agents/{id}/wallet`; asserts the 200. */
export async function readWallet(t: TestApp, agentId: string) {
  const response = await t.request('GET', `/api/agents/${agentId}/wallet`);
  assert.equal(response.statusCode, 200, response.body);
  return response.json() as {
    agent_id: string;
    balance: number;
    balance_micro: number;
    transfers: { id: string; amount_micro: number; reason: string; event_id: number | null }[];
  };
}

/** The balance of one account in an accounts listing (0 when it has no account yet). */
export function balanceOf(accounts: Awaited<ReturnType<typeof readAccounts>>, id: string): number {
  return accounts.accounts.find((account) => account.id === id)?.balance_micro ?? 0;
}

/** Every ledger row that a money movement could touch, read straight from the tables. */
export async function snapshotLedger(db: Db) {
  const read = (query: string) => queryRows<Record<string, unknown>>(db, sql.raw(query));
  return {
    accounts: await read(
      'select id, balance_micro::text as balance, settled_at::text as settled from ledger_accounts order by id',
    ),
    transfers: await read('select id, amount_micro::text as amount from ledger_transfers order by id'),
    mints: await read('select id, amount_micro::text as amount from ledger_mints order by id'),
    payouts: await read(
      'select event_id::text as event, withheld_micro::text as withheld from credit_payouts',
    ),
    lines: await read('select count(*)::int as n from credit_payout_lines'),
    events: await read('select count(*)::int as n from events'),
  };
}

/** The sum of all balances and the sum of all mints, in micro-credits, read from the tables. */
export async function ledgerSums(db: Db): Promise<{ balances: number; mints: number; negative: number }> {
  const [row] = await queryRows<{ balances: string; mints: string; negative: number }>(
    db,
    sql`select (select coalesce(sum(balance_micro), 0) from ledger_accounts)::text as balances,
               (select coalesce(sum(amount_micro), 0) from ledger_mints)::text as mints,
               (select count(*)::int from ledger_accounts where balance_micro < 0) as negative`,
  );
  return { balances: Number(row.balances), mints: Number(row.mints), negative: row.negative };
}
