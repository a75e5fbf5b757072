/**
 * `modelgraph credit payouts|wallet|mint`: the credit ledger from the command line — the
 * arguments checked here, the work in `credit.actions.ts`.
 */
import { parseArgs } from 'node:util';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { UsageError } from './cli-failure.ts';
import type { CreditRequest } from './credit.actions.ts';

/** The usage lines of `credit`. */
export const CREDIT_USAGE = `  credit payouts [--event-id N] [--pay-missing]
                        show one promotion's payout table (or list/pay the unpaid promotions)
  credit wallet <agent-id>
                        show an agent's balance (demurrage applied) and last transfers
  credit mint --id ID --amount CREDITS --reason TEXT
                        mint credit into the treasury (logged; the id makes it idempotent)`;

/** Runs `modelgraph credit <sub-command>`: checks the arguments, then loads the ledger and does it. */
export async function runCreditCommand(config: Config, logger: Logger, args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      'event-id': { type: 'string' },
      'pay-missing': { type: 'boolean', default: false },
      id: { type: 'string' },
      amount: { type: 'string' },
      reason: { type: 'string' },
    },
  });
  checkCreditArgs(sub, values, positionals);
  // The store and the ledger load only once the arguments are read.
  const { runCreditRequest } = await import('./credit.actions.ts');
  await runCreditRequest(config, logger, { sub: sub as CreditRequest['sub'], values, positionals });
}

/** Refuses a credit command line that is incomplete or malformed before the store is opened. */
function checkCreditArgs(sub: string | undefined, values: Record<string, unknown>, positionals: string[]) {
  const extra = positionals.slice(sub === 'wallet' ? 1 : 0);
  if (sub !== undefined && extra.length > 0)
    throw new UsageError(
      `unexpected argument '${extra[0]}' for credit ${sub}: modelgraph --help lists its options`,
    );
  const eventId = values['event-id'] as string | undefined;
  const amount = values.amount as string | undefined;
  if (sub === 'payouts') {
    if (eventId !== undefined && !/^[1-9][0-9]*$/.test(eventId))
      throw new UsageError(`--event-id must be a promotion's event id, a whole number (got '${eventId}')`);
  } else if (sub === 'wallet') {
    if (!positionals[0])
      throw new UsageError('credit wallet needs an agent id: modelgraph credit wallet <agent-id>');
  } else if (sub === 'mint') {
    const missing = ['id', 'amount', 'reason'].filter((name) => !values[name]).map((name) => `--${name}`);
    if (missing.length > 0) throw new UsageError(`credit mint needs ${missing.join(', ')}`);
    if (!(Number(amount) > 0))
      throw new UsageError(`--amount must be a number of credits > 0 (got '${amount}')`);
  } else {
    throw new UsageError(
      `${sub === undefined ? 'credit needs a sub-command' : `unknown credit sub-command '${sub}'`}: payouts, wallet or mint (modelgraph --help)`,
    );
  }
}
