/**
 * Credit over HTTP (docs/api.md#events-and-credit): wallets, payouts, the account list, and mints.
 */
import { getAgent } from '../agents/agent.service.ts';
import type { App, RouteDeps } from '../http/route-deps.ts';
import { ErrorResponse, IdParams, writeErrors } from '../http/schemas.ts';
import { toMicro } from './core/money.ts';
import { presentAccounts, presentPayout, presentWallet } from './credit.presenter.ts';
import { Accounts, MintBody, MintResponse, Payout, PayoutQuery, Wallet } from './credit.schemas.ts';
import { getWallet, listAccounts, mintCredit } from './ledger.service.ts';
import { getPayout } from './payout.service.ts';

/** Registers the credit routes. */
export function registerCreditRoutes(app: App, deps: RouteDeps) {
  const tags = ['credit'];
  app.get(
    '/api/agents/:id/wallet',
    {
      // Reading a balance settles its demurrage, which writes: never on the replica.
      config: { needsPrimary: true },
      schema: {
        tags,
        summary: "An agent's balance (demurrage applied as of now) and last 50 transfers",
        params: IdParams,
        response: { 200: Wallet, 404: ErrorResponse },
      },
    },
    async (request) => {
      const agent = await getAgent(deps, request.params.id);
      return presentWallet(await getWallet(deps, agent.id));
    },
  );

  app.get(
    '/api/credit/payouts',
    {
      schema: {
        tags,
        summary:
          "One promotion's payout: pool, each contributor's role, weight and amount, and what was withheld",
        querystring: PayoutQuery,
        response: { 200: Payout, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => presentPayout(await getPayout(deps, request.query.event_id)),
  );

  app.get(
    '/api/credit/accounts',
    {
      // Reading a balance settles its demurrage, which writes: never on the replica.
      config: { needsPrimary: true },
      schema: {
        tags,
        summary: 'Every account, treasury included, demurrage applied as of now (admin)',
        security: [{ bearer: [] }],
        response: { 200: Accounts, 401: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request) => {
      await deps.authenticate(request, 'admin');
      return presentAccounts(await listAccounts(deps));
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
        response: { 200: MintResponse, ...writeErrors },
      },
    },
    async (request) => {
      const caller = await deps.authenticate(request, 'admin');
      const { id, amount, reason } = request.body;
      const minted = await mintCredit(deps, {
        id,
        amountMicro: toMicro(amount),
        reason,
        actor: caller.agentId,
      });
      return { minted, treasury: presentAccounts(await listAccounts(deps)) };
    },
  );
}
