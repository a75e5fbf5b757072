/**
 * `modelgraph credit payouts|wallet|mint`: the credit ledger from the command line.
 */
import { parseArgs } from 'node:util';
import type { Config } from '../config.ts';
import { toMicro } from '../credit/core/money.ts';
import { presentPayout, presentWallet } from '../credit/credit.presenter.ts';
import { getWallet, mintCredit, TREASURY } from '../credit/ledger.service.ts';
import { getPayout, listUnpaidPromotions, payMissingPayouts } from '../credit/payout.service.ts';
import { withDeps } from '../deps.ts';
import type { Logger } from '../logger.ts';

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
  await withDeps(config, { logger }, async (deps) => {
    if (sub === 'payouts' && values['event-id']) {
      print(formatPayoutTable(presentPayout(await getPayout(deps, Number(values['event-id'])))));
    } else if (sub === 'payouts') {
      if (values['pay-missing']) print(`paid ${await payMissingPayouts(deps)} promotion(s)`);
      const unpaid = await listUnpaidPromotions(deps);
      print(`${unpaid.length} promotion(s) without a payout${unpaid.length ? ':' : ''}`);
      for (const promotion of unpaid) print(`  event ${promotion.eventId}\t${promotion.childId}`);
    } else if (sub === 'wallet' && positionals[0]) {
      print(JSON.stringify(presentWallet(await getWallet(deps, positionals[0])), null, 2));
    } else if (sub === 'mint' && values.id && values.amount && values.reason) {
      const amount = Number(values.amount);
      if (!(amount > 0)) throw new Error('--amount must be a number of credits > 0');
      const minted = await mintCredit(deps, {
        id: values.id,
        amountMicro: toMicro(amount),
        reason: values.reason,
        actor: 'cli',
      });
      print(minted ? `minted ${amount} credits into ${TREASURY}` : `mint '${values.id}' was made already`);
    } else {
      throw new Error(`usage:\n${CREDIT_USAGE}`);
    }
  });
}
