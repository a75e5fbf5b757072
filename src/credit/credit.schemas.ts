/**
 * Request and response schemas of the credit routes (docs/api.md#events-and-credit).
 */
import { Type } from 'typebox';
import { BigInteger } from '../http/schemas.ts';

/** One ledger transfer. */
export const Transfer = Type.Object({
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

/** One payout line: an agent, the role it is paid for, its weight and amount, and the cap that cut it. */
export const PayoutLineJson = Type.Object({
  agent_id: Type.String(),
  role: Type.String(),
  weight: Type.Number(),
  amount: Type.Number(),
  amount_micro: Type.Integer(),
  capped_by: Type.Optional(Type.String()),
});

/** `GET /api/credit/payouts` response. */
export const Payout = Type.Object({
  event_id: Type.Integer(),
  pool: Type.Number(),
  pool_micro: Type.Integer(),
  payouts: Type.Array(PayoutLineJson),
  withheld: Type.Number(),
  withheld_micro: Type.Integer(),
});

/** `GET /api/credit/accounts` response. */
export const Accounts = Type.Object({
  accounts: Type.Array(
    Type.Object({ id: Type.String(), balance: Type.Number(), balance_micro: Type.Integer() }),
  ),
  total: Type.Number(),
  total_micro: Type.Integer(),
});

/** `POST /api/credit/mint` body. */
export const MintBody = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 200 }),
    amount: Type.Number({ exclusiveMinimum: 0, maximum: 1e9 }),
    reason: Type.String({ minLength: 1, maxLength: 500 }),
  },
  { additionalProperties: false },
);

/** `GET /api/credit/payouts` query. */
export const PayoutQuery = Type.Object({ event_id: BigInteger(1) }, { additionalProperties: false });

/** `POST /api/credit/mint` response. */
export const MintResponse = Type.Object({ minted: Type.Boolean(), treasury: Accounts });
