/**
 * Credit over HTTP (docs/api.md#events-and-credit): payouts, the account list, and mints. An
 * agent's wallet is served with the agent (`agents/agent.routes.ts`).
 */
import type { App, RouteDeps } from '../http/route-deps.ts';
import { ErrorResponse, writeErrors } from '../http/schemas.ts';
import { runInUnit } from '../unit-of-work.ts';
import { toMicro } from './core/money.ts';
import { presentAccounts, presentPayout } from './credit.presenter.ts';
import { Accounts, MintBody, MintResponse, Payout, PayoutQuery } from './credit.schemas.ts';
import { listAccounts, mintCredit } from './ledger.service.ts';
import { getPayout } from './payout.service.ts';

/** Registers the credit routes. */
export function registerCreditRoutes(app: App, deps: RouteDeps) {
  const tags = ['credit'];
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
      const caller = await deps.authenticate(request);
      return presentAccounts(await runInUnit(deps, (unit) => listAccounts(deps, { unit, caller })));
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
      const caller = await deps.authenticate(request);
      const { id, amount, reason } = request.body;
      return runInUnit(deps, async (unit) => {
        const minted = await mintCredit(deps, { unit, caller, id, amountMicro: toMicro(amount), reason });
        return { minted, treasury: presentAccounts(await listAccounts(deps, { unit, caller })) };
      });
    },
  );
}
