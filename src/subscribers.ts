/**
 * Who reacts to what happens, wired once for every process (the server, the CLI, the jobs, the
 * tests): the commands publish domain events and know nothing of this list. Adding a reaction to a
 * promotion or a registration is a line here and a subscriber in the feature that reacts.
 */
import { payoutSubscribers } from './credit/payout.subscribers.ts';
import type { Subscriber } from './deps.ts';
import { promotionRequestSubscribers } from './governance/promotion-request.subscribers.ts';
import { rescoreSubscribers } from './jobs/rescore/rescore.subscribers.ts';
import { provenanceSubscribers } from './registry/models/provenance.subscribers.ts';
import { outboxSubscribers } from './webhooks/outbox.subscribers.ts';

/** Every subscriber, in the order each event reaches them. */
export const SUBSCRIBERS: readonly Subscriber[] = [
  ...provenanceSubscribers,
  ...rescoreSubscribers,
  ...promotionRequestSubscribers,
  ...outboxSubscribers,
  ...payoutSubscribers,
];
