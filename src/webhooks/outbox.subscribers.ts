/**
 * The outbox's reactions to domain events, in the transaction of the change (a rolled-back change
 * sends nothing): a webhook delivery to every active subscription of the event's type, and — when
 * an OpenLineage server is configured — the RunEvents of registrations, promotions and rescore
 * passes. What each message carries is read here, and only when someone will receive it.
 */
import { presentPayout } from '../credit/credit.presenter.ts';
import { getPayout } from '../credit/payout.service.ts';
import type { Db } from '../db/database.ts';
import type { JsonObject } from '../db/schema.ts';
import { type Deps, inTransaction, type Unit } from '../deps.ts';
import type { DomainEventOf } from '../domain-events.ts';
import { presentEvent } from '../events/event.presenter.ts';
import { modelVersionRun, promotionRun, rescoreRun } from '../formats/core/openlineage.ts';
import { loadProvenanceRecord } from '../formats/format.service.ts';
import { presentRequest } from '../governance/promotion-request.presenter.ts';
import { getPromotionRequest } from '../governance/promotion-request.service.ts';
import { presentModelListItem } from '../registry/models/model.presenter.ts';
import { getModelSummaries, getModelVersions } from '../registry/models/model-read.service.ts';
import { publishEvent, publishLineage, sendsLineage } from './outbox.service.ts';

/** The most ids a message's list carries (flagged edges of a pass, versions built on a retraction); counts are whole. */
const IDS_SENT = 1000;

type Delivered = DomainEventOf<
  | 'model_version_registered'
  | 'model_version_promoted'
  | 'model_alias_set'
  | 'model_alias_deleted'
  | 'kg_edge_reviewed'
  | 'credit_payout_completed'
  | 'rescore_pass_completed'
  | 'promotion_requested'
  | 'promotion_request_decided'
  | 'artifact_retracted'
  | 'artifact_reinstated'
>;

/** What a retraction or reinstatement message says: the target, why, who and when, and what it reached. */
function retractionDataOf(event: DomainEventOf<'artifact_retracted' | 'artifact_reinstated'>): JsonObject {
  const { logged } = event;
  const common = {
    artifact_id: event.artifactId,
    version: event.version,
    reason: event.reason,
    event_id: logged.id,
    affected_models_count: event.affectedModelIds.length,
    affected_models: event.affectedModelIds.slice(0, IDS_SENT),
  };
  if (event.type === 'artifact_retracted') {
    return {
      ...common,
      evidence_url: event.evidenceUrl,
      retracted_by: logged.actor,
      retracted_at: logged.createdAt.toISOString(),
      flagged_edges: event.flaggedEdges,
    };
  }
  return {
    ...common,
    reinstated_by: logged.actor,
    reinstated_at: logged.createdAt.toISOString(),
    restored_models_count: event.restoredModelIds.length,
    restored_models: event.restoredModelIds.slice(0, IDS_SENT),
  };
}

/** The body's `data` of a webhook message about `event`. */
async function dataOf(deps: Pick<Deps, 'clock'>, db: Db, event: Delivered): Promise<JsonObject> {
  switch (event.type) {
    case 'promotion_requested':
    case 'promotion_request_decided': {
      const request = presentRequest(await getPromotionRequest({ db, clock: deps.clock }, event.requestId));
      return { ...request, approvers: request.approvals.map((approval) => approval.agent_id) };
    }
    case 'model_version_registered': {
      const [summary] = await getModelSummaries({ db }, [event.versionId]);
      return presentModelListItem(summary);
    }
    case 'credit_payout_completed':
      return presentPayout(await getPayout({ db }, event.promotionEventId));
    case 'rescore_pass_completed':
      return { ...event.summary, flagged_edge_ids: event.flaggedEdgeIds.slice(0, IDS_SENT) };
    case 'artifact_retracted':
    case 'artifact_reinstated':
      return retractionDataOf(event);
    default:
      return presentEvent(event.logged);
  }
}

/** The events-log entry a message reports, if there is one (a payout reports its promotion's). */
function eventIdOf(event: Delivered): number | null {
  if ('logged' in event) return event.logged.id;
  return event.type === 'credit_payout_completed' ? event.promotionEventId : null;
}

async function queueWebhooks(deps: Deps, unit: Unit, event: Delivered): Promise<void> {
  await publishEvent(unit.tx, deps, {
    type: event.type,
    data: () => dataOf(deps, unit.tx, event),
    eventId: eventIdOf(event),
  });
}

type Traced = DomainEventOf<
  'model_version_registered' | 'model_version_promoted' | 'rescore_pass_started' | 'rescore_pass_completed'
>;

async function queueRunEvents(deps: Deps, unit: Unit, event: Traced): Promise<void> {
  if (!sendsLineage(deps.config)) return;
  const { tx } = unit;
  const at = deps.clock.now();
  switch (event.type) {
    case 'model_version_registered': {
      const record = await loadProvenanceRecord({ db: tx }, event.versionId);
      const run = modelVersionRun(record);
      await publishLineage(tx, deps, {
        eventType: event.type,
        run,
        states: ['START', 'COMPLETE'],
        at: record.model.createdAt,
      });
      return;
    }
    case 'model_version_promoted': {
      const run = promotionRun({
        eventId: event.logged.id,
        modelName: event.modelName,
        versionNumber: event.versionNumber,
      });
      await publishLineage(tx, deps, {
        eventType: event.type,
        eventId: event.logged.id,
        run,
        states: ['START', 'COMPLETE'],
        at: event.logged.createdAt,
      });
      return;
    }
    default: {
      const [child] = await getModelVersions({ db: tx }, [event.childId]);
      if (!child) return;
      const run = rescoreRun({
        passId: event.passId,
        modelName: child.modelName,
        childVersion: child.versionNumber,
      });
      const state =
        event.type === 'rescore_pass_started'
          ? 'START'
          : event.summary.outcome === 'ok'
            ? 'COMPLETE'
            : 'FAIL';
      await publishLineage(tx, deps, { eventType: event.type, run, states: [state], at });
    }
  }
}

/** The outbox's subscribers: webhook deliveries and OpenLineage RunEvents. */
export const outboxSubscribers = [
  inTransaction(
    'webhooks: queue deliveries',
    [
      'model_version_registered',
      'model_version_promoted',
      'model_alias_set',
      'model_alias_deleted',
      'kg_edge_reviewed',
      'credit_payout_completed',
      'rescore_pass_completed',
      'promotion_requested',
      'promotion_request_decided',
      'artifact_retracted',
      'artifact_reinstated',
    ],
    queueWebhooks,
  ),
  inTransaction(
    'OpenLineage: queue run events',
    ['model_version_registered', 'model_version_promoted', 'rescore_pass_started', 'rescore_pass_completed'],
    queueRunEvents,
  ),
];
