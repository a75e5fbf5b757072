/**
 * The rescore queue's reaction to a promotion: a promotion that supersedes a version enters the
 * queue in the promote transaction itself, so it can never fall out of the rescore.
 */
import { inTransaction } from '../../deps.ts';
import { enqueuePromotion } from './rescore.repository.ts';

/** Queues each promotion with a parent for the rescore. */
export const rescoreSubscribers = [
  inTransaction('rescore: queue the promotion', ['model_version_promoted'], async (_deps, unit, event) => {
    if (event.previousId === null) return;
    await enqueuePromotion(unit.tx, {
      eventId: event.logged.id,
      parentId: event.previousId,
      childId: event.versionId,
    });
  }),
];
