/**
 * Credit over HTTP (SPEC §2 Events and credit): wallets, payouts, the account list, and mints.
 */
import { Type } from 'typebox';
import { findAgentById } from '../agents/agent.repository.ts';
import { systemClock } from '../clock.ts';
import { NotFound } from '../errors.ts';
import type { App, RouteDeps } from '../http/app.ts';
import { ErrorResponse, IdParams, writeErrors } from '../http/schemas.ts';
import { loadAccounts, loadPayout, loadWallet } from './credit.query.ts';
import { mint, openAccounts, TREASURY } from './ledger.service.ts';
import { toMicro } from './money.ts';
import type { CreditDeps } from './payout.service.ts';

const Transfer = Type.Object({
  id: Type.String(),
  debit_account: Type.String(),
  credit_account: Type.String(),
  amount: Type.Number(),
  amount_micro: Type.Integer(),
  reason: Type.String(),
  event_id: Type.Union([Type.Integer(), Type.Null()]),
  created_at: Type.String({ format: 'date-time' }),
});

/** `GET /api/agents/{id}/wallet` response. */
export const Wallet = Type.Object({
  agent_id: Type.String(),
  balance: Type.Number(),
  balance_micro: Type.Integer(),
  transfers: Type.Array(Transfer),
});

const Payout = Type.Object({
  event_id: Type.Integer(),
  pool: Type.Number(),
  pool_micro: Type.Integer(),
  payouts: Type.Array(
    Type.Object({
      agent_id: Type.String(),
      role: Type.String(),
      weight: Type.Number(),
      amount: Type.Number(),
      amount_micro: Type.Integer(),
      capped_by: Type.Optional(Type.String()),
    }),
  ),
  withheld: Type.Number(),
  withheld_micro: Type.Integer(),
});

const Accounts = Type.Object({
  accounts: Type.Array(
    Type.Object({ id: Type.String(), balance: Type.Number(), balance_micro: Type.Integer() }),
  ),
  total: Type.Number(),
  total_micro: Type.Integer(),
});

const MintBody = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 200 }),
    amount: Type.Number({ exclusiveMinimum: 0, maximum: 1e9 }),
    reason: Type.String({ minLength: 1, maxLength: 500 }),
  },
  { additionalProperties: false },
);

/** The credit dependencies of the HTTP app. */
export function creditDepsOf(deps: RouteDeps): CreditDeps {
  return { db: deps.db, config: deps.config, logger: deps.logger, clock: deps.clock ?? systemClock };
}

/** Registers the credit routes. */
export function registerCreditRoutes(app: App, deps: RouteDeps) {
  const credit = creditDepsOf(deps);
  const tags = ['credit'];
  app.get(
    '/api/agents/:id/wallet',
    {
      schema: {
        tags,
        summary: "An agent's balance (demurrage applied as of now) and last 50 transfers",
        params: IdParams,
        response: { 200: Wallet, 404: ErrorResponse },
      },
    },
    async (request) => {
      if (!(await findAgentById(deps.db, request.params.id))) {
        throw new NotFound(`agent '${request.params.id}' does not exist`);
      }
      return loadWallet(credit, request.params.id);
    },
  );

  app.get(
    '/api/credit/payouts',
    {
      schema: {
        tags,
        summary:
          "One promotion's payout: pool, each contributor's role, weight and amount, and what was withheld",
        querystring: Type.Object({ event_id: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
        response: { 200: Payout, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    (request) => loadPayout(deps.db, request.query.event_id),
  );

  app.get(
    '/api/credit/accounts',
    {
      schema: {
        tags,
        summary: 'Every account, treasury included, demurrage applied as of now (admin)',
        security: [{ bearer: [] }],
        response: { 200: Accounts, 401: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request) => {
      await deps.authenticate(request, 'admin');
      return loadAccounts(credit);
    },
  );

  app.post(
    '/api/credit/mint',
    {
      schema: {
        tags,
        summary: 'Mint credit into the treasury (admin); the id makes it idempotent',
        security: [{ bearer: [] }],
        body: MintBody,
        response: { 200: Type.Object({ minted: Type.Boolean(), treasury: Accounts }), ...writeErrors },
      },
    },
    async (request) => {
      const caller = await deps.authenticate(request, 'admin');
      const { id, amount, reason } = request.body;
      const minted = await deps.db.transaction(async (tx) => {
        await openAccounts(tx, []);
        const props = { id, account: TREASURY, amountMicro: toMicro(amount), reason, actor: caller.agentId };
        return mint(tx, props, { now: credit.clock.now(), ratePerDay: deps.config.demurragePerDay });
      });
      if (minted) deps.logger.info({ mint: { id, amount, reason, actor: caller.agentId } }, 'credit minted');
      return { minted, treasury: await loadAccounts(credit) };
    },
  );
}
