/**
 * What `modelgraph credit` does on the store once its arguments are read (`credit.command.ts`):
 * a payout table, the unpaid promotions (paid on request), a wallet, a mint.
 */
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

/** A `credit` command line its checks accepted. */
export interface CreditRequest {
  sub: 'payouts' | 'wallet' | 'mint';
  values: { 'event-id'?: string; 'pay-missing'?: boolean; id?: string; amount?: string; reason?: string };
  positionals: string[];
}

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

/** Does what a checked `credit` command line asks, on the store, and prints it. */
export async function runCreditRequest(
  config: Config,
  logger: Logger,
  { sub, values, positionals }: CreditRequest,
): Promise<void> {
  const print = (text: string) => process.stdout.write(`${text}\n`);
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
