/**
 * Sending what the outbox holds: `deliverDueMessages` claims due deliveries in batches,
 * sends each batch's attempts side by side and settles each by its own attempt number — 2xx is
 * delivered, anything else is retried on `MODELGRAPH_WEBHOOK_RETRY_SCHEDULE` and then `failed`.
 * Shared by the dispatcher inside `serve` and by `modelgraph deliver-webhooks`.
 */
import type { Deps } from '../deps.ts';
import { messageIdOf } from './core/message.ts';
import { afterFailure } from './core/retry-schedule.ts';
import { signMessage } from './core/signature.ts';
import {
  type ClaimedAttempt,
  claimDueDeliveries,
  markAttemptFailed,
  markDelivered,
} from './delivery.repository.ts';
import { type SendOutcome, sendMessage } from './delivery-sender.ts';

/** Deliveries claimed at once; each batch's attempts are sent side by side. */
const DELIVERY_BATCH_SIZE = 32;
/** How long a claim holds a delivery past the request timeout before another dispatcher may retry it. */
const LEASE_MARGIN_MS = 30_000;

/** What one sweep did. */
export interface DeliverySummary {
  attempted: number;
  delivered: number;
  retrying: number;
  failed: number;
}

/** The path Marquez (and any OpenLineage HTTP backend) receives RunEvents on. */
const OPENLINEAGE_PATH = '/api/v1/lineage';

function requestOf(deps: Pick<Deps, 'config' | 'clock'>, claimed: ClaimedAttempt) {
  const json = { 'content-type': 'application/json', 'user-agent': 'modelgraph-webhooks' };
  if (claimed.destination === 'openlineage') {
    return { url: `${deps.config.openLineageUrl}${OPENLINEAGE_PATH}`, headers: json };
  }
  const id = messageIdOf(claimed.id);
  const timestamp = Math.floor(deps.clock.now().getTime() / 1000);
  const signature = signMessage(claimed.secret as string, { id, timestamp, body: claimed.body });
  return {
    url: claimed.url as string,
    headers: {
      ...json,
      'webhook-id': id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signature,
    },
  };
}

async function settle(
  deps: Pick<Deps, 'db' | 'config' | 'clock'>,
  claimed: ClaimedAttempt,
  outcome: SendOutcome,
): Promise<keyof Omit<DeliverySummary, 'attempted'> | 'lost'> {
  const now = deps.clock.now();
  const statusCode = 'statusCode' in outcome ? outcome.statusCode : null;
  const result = { id: claimed.id, attempt: claimed.attempt, now, statusCode };
  if (statusCode !== null && statusCode >= 200 && statusCode < 300) {
    return (await markDelivered(deps.db, { ...result, error: null })) ? 'delivered' : 'lost';
  }
  const error = 'error' in outcome ? outcome.error : `answered ${statusCode}`;
  const next = afterFailure(deps.config.webhookRetrySchedule, claimed.attemptInCycle);
  const retryAt = 'retryInMs' in next ? new Date(now.getTime() + next.retryInMs) : null;
  const recorded = await markAttemptFailed(deps.db, { ...result, error, retryAt });
  if (!recorded) return 'lost';
  return retryAt ? 'retrying' : 'failed';
}

/** Options of a sweep. */
export interface DeliverOptions {
  /** Stops the sweep between batches and aborts the requests in flight. */
  signal?: AbortSignal;
}

/**
 * Sends every delivery due now, batch by batch, until none is due; returns what it did. A
 * dispatcher that stops mid-batch records its aborted attempts as failed, to be retried.
 */
export async function deliverDueMessages(
  deps: Pick<Deps, 'db' | 'config' | 'clock' | 'logger' | 'metrics'>,
  options: DeliverOptions = {},
): Promise<DeliverySummary> {
  const signal = options.signal ?? new AbortController().signal;
  const summary: DeliverySummary = { attempted: 0, delivered: 0, retrying: 0, failed: 0 };
  while (!signal.aborted) {
    const claimed = await claimDueDeliveries(deps.db, {
      now: deps.clock.now(),
      leaseMs: deps.config.webhookTimeoutMs + LEASE_MARGIN_MS,
      limit: DELIVERY_BATCH_SIZE,
      includeLineage: deps.config.openLineageUrl !== undefined,
    });
    if (claimed.length === 0) break;
    await Promise.all(
      claimed.map(async (attempt) => {
        const request = requestOf(deps, attempt);
        const outcome = await sendMessage({
          ...request,
          body: attempt.body,
          timeoutMs: deps.config.webhookTimeoutMs,
          signal,
        });
        const settled = await settle(deps, attempt, outcome);
        summary.attempted++;
        if (settled !== 'lost') {
          summary[settled]++;
          deps.metrics.observeDelivery(attempt.destination, settled);
        }
        deps.logger.info(
          {
            delivery_id: attempt.id,
            destination: attempt.destination,
            event_type: attempt.eventType,
            attempt: attempt.attempt,
            ...('statusCode' in outcome ? { status_code: outcome.statusCode } : { error: outcome.error }),
            result: settled,
          },
          'webhook delivery attempt',
        );
      }),
    );
  }
  return summary;
}
