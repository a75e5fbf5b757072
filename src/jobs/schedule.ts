/**
 * The daily jobs inside `modelgraph serve`, on `MODELGRAPH_RESCORE_CRON`: a rescore pass, then
 * the payout of any promotion that has none yet. A run that overlaps the previous one is skipped
 * (croner's `protect`); a failure is logged and the schedule goes on.
 */
import { Cron } from 'croner';
import { actingAs } from '../caller.ts';
import { payMissingPayouts } from '../credit/payout.job.ts';
import type { Deps } from '../deps.ts';
import { performRescore } from './rescore/rescore.job.ts';

/** Starts the schedule; returns how to stop it (undefined when the schedule is off). */
export function scheduleDailyJobs(deps: Deps): (() => void) | undefined {
  if (!deps.config.rescoreCron) return undefined;
  const job = new Cron(deps.config.rescoreCron, { protect: true }, async () => {
    try {
      await performRescore(deps, { caller: actingAs('schedule'), dryRun: false });
      await payMissingPayouts(deps);
    } catch (error) {
      deps.logger.error({ err: error }, 'scheduled rescore failed');
    }
  });
  deps.logger.info(
    { cron: deps.config.rescoreCron, next: job.nextRun()?.toISOString() },
    'daily jobs scheduled',
  );
  return () => job.stop();
}
