/**
 * `modelgraph credit payouts|wallet|mint`: the credit ledger from the command line.
 */
import { parseArgs } from 'node:util';
import { systemClock } from '../clock.ts';
import type { Config } from '../config.ts';
import { loadPayout, loadWallet } from '../credit/credit.query.ts';
import { mint, openAccounts, TREASURY } from '../credit/ledger.service.ts';
import { toMicro } from '../credit/money.ts';
import { findUnpaidPromotions } from '../credit/payout.repository.ts';
import { payMissingPayouts } from '../credit/payout.service.ts';
import type { Logger } from '../logger.ts';
import { openMigratedStore } from '../server.ts';

/** The usage lines of `credit`. */
export const CREDIT_USAGE = `  credit payouts [--event-id N] [--pay-missing]
                        show one promotion's payout table (or list/pay the unpaid promotions)
  credit wallet <agent-id>
                        show an agent's balance (demurrage applied) and last transfers
  credit mint --id ID --amount CREDITS --reason TEXT
                        mint credit into the treasury (logged; the id makes it idempotent)`;

function formatPayoutTable(payout: Awaited<ReturnType<typeof loadPayout>>): string {
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
  const store = await openMigratedStore(config, logger);
  const deps = { db: store.db, config, logger, clock: systemClock };
  const print = (text: string) => process.stdout.write(`${text}\n`);
  try {
    if (sub === 'payouts' && values['event-id']) {
      print(formatPayoutTable(await loadPayout(store.db, Number(values['event-id']))));
    } else if (sub === 'payouts') {
      if (values['pay-missing']) print(`paid ${await payMissingPayouts(deps)} promotion(s)`);
      const unpaid = await findUnpaidPromotions(store.db);
      print(`${unpaid.length} promotion(s) without a payout${unpaid.length ? ':' : ''}`);
      for (const promotion of unpaid) print(`  event ${promotion.eventId}\t${promotion.childId}`);
    } else if (sub === 'wallet' && positionals[0]) {
      print(JSON.stringify(await loadWallet(deps, positionals[0]), null, 2));
    } else if (sub === 'mint' && values.id && values.amount && values.reason) {
      const amount = Number(values.amount);
      if (!(amount > 0)) throw new Error('--amount must be a number of credits > 0');
      const props = {
        id: values.id,
        account: TREASURY,
        amountMicro: toMicro(amount),
        reason: values.reason,
        actor: 'cli',
      };
      const minted = await store.db.transaction(async (tx) => {
        await openAccounts(tx, []);
        return mint(tx, props, { now: systemClock.now(), ratePerDay: config.demurragePerDay });
      });
      logger.info({ mint: { ...props, minted } }, minted ? 'credit minted' : 'mint already made');
      print(minted ? `minted ${amount} credits into ${TREASURY}` : `mint '${values.id}' was made already`);
    } else {
      throw new Error(`usage:\n${CREDIT_USAGE}`);
    }
  } finally {
    await store.close();
  }
}
