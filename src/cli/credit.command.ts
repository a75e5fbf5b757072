/**
 * `modelgraph credit payouts|wallet|mint`: the credit ledger from the command line.
 */
import { parseArgs } from 'node:util';
import { getAgent } from '../agents/agent.service.ts';
import { withAppDeps } from '../app-deps.ts';
import { actingAs } from '../caller.ts';
import type { Config } from '../config.ts';
import { toMicro } from '../credit/core/money.ts';
import { presentPayout, presentWallet } from '../credit/credit.presenter.ts';
import { getWallet, mintCredit, TREASURY } from '../credit/ledger.service.ts';
import { payMissingPayouts } from '../credit/payout.job.ts';
import { getPayout, listUnpaidPromotions } from '../credit/payout.service.ts';
import type { Logger } from '../logger.ts';
import { runInUnit } from '../unit-of-work.ts';
import { UsageError } from './cli-failure.ts';

/** The usage lines of `credit`. */
export const CREDIT_USAGE = `  credit payouts [--event-id N] [--pay-missing]
                        show one promotion's payout table (or list/pay the unpaid promotions)
  credit wallet <agent-id>
                        show an agent's balance (demurrage applied) and last transfers
  credit mint --id ID --amount CREDITS --reason TEXT
                        mint credit into the treasury (logged; the id makes it idempotent)`;

function formatPayoutTable(payout: ReturnType<typeof presentPayout>): string {
  const rows = payout.payouts.map((line) =>
    [line.agent_id, line.role, line.weight.toFixed(4), line.amount.toFixed(6), line.capped_by ?? ''].join(
      '\t',
    ),
  );
  return [
    `event ${payout.event_id}: pool ${payout.pool.toFixed(6)}, withheld ${payout.withheld.toFixed(6)}`,
    ['agent', 'role', 'weight', 'amount', 'capped_by'].join('\t'),
    ...rows,
  ].join('\n');
}

/** Runs `modelgraph credit <sub-command>`. */
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
  const print = (text: string) => process.stdout.write(`${text}\n`);
  checkCreditArgs(sub, values, positionals);
  await withAppDeps(config, { logger }, async (deps) => {
    if (sub === 'payouts' && values['event-id']) {
      print(formatPayoutTable(presentPayout(await getPayout(deps, Number(values['event-id'])))));
    } else if (sub === 'payouts') {
      if (values['pay-missing']) print(`paid ${await payMissingPayouts(deps)} promotion(s)`);
      const unpaid = await listUnpaidPromotions(deps);
      print(`${unpaid.length} promotion(s) without a payout${unpaid.length ? ':' : ''}`);
      for (const promotion of unpaid) print(`  event ${promotion.eventId}\t${promotion.childId}`);
    } else if (sub === 'wallet' && positionals[0]) {
      const agent = await getAgent(deps, positionals[0]);
      const wallet = await runInUnit(deps, (unit) => getWallet(deps, { unit, agentId: agent.id }));
      print(JSON.stringify(presentWallet(wallet), null, 2));
    } else if (sub === 'mint' && values.id && values.amount && values.reason) {
      const amount = Number(values.amount);
      const { id, reason } = values;
      const minted = await runInUnit(deps, (unit) =>
        mintCredit(deps, { unit, caller: actingAs('cli'), id, amountMicro: toMicro(amount), reason }),
      );
      print(minted ? `minted ${amount} credits into ${TREASURY}` : `mint '${values.id}' was made already`);
    }
  });
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
