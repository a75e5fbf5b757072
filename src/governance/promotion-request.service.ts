/**
 * Promotion requests (docs/concepts.md#governed-promotion): opening one for a candidate version, and
 * reading them — one, or a page of them filtered by status and lineage. Deciding them is
 * `request-decision.service.ts`.
 */
import { type Caller, hasScope } from '../caller.ts';
import { lockKey } from '../db/database.ts';
import type { KeysetPosition } from '../db/keyset.ts';
import type { Deps, Unit } from '../deps.ts';
import { Forbidden, IllegalStatusChange, NotFound, RequestExists } from '../errors.ts';
import { logEvent } from '../events/event.service.ts';
import { getMaintainers } from '../registry/lineages/lineage.service.ts';
import { resolveVersionRef } from '../registry/models/alias.service.ts';
import { getModelVersion } from '../registry/models/model-read.service.ts';
import type { RequestView } from './core/request.ts';
import {
  findOpenRequestId,
  findRequestPage,
  findRequests,
  insertRequest,
  type RequestFilter,
} from './promotion-request.repository.ts';
import { viewRequests } from './request-evidence.service.ts';

/** A request to open. */
export interface OpenRequestProps {
  unit: Unit;
  /** An evaluator (scope `evaluate`) or a maintainer of the lineage. */
  caller: Caller;
  /** The version: its id or `<model_name>@<alias>`. */
  id: string;
  note?: string;
}

async function assertMayRequest(deps: Pick<Deps, 'db'>, caller: Caller, modelName: string): Promise<void> {
  if (hasScope(caller, 'evaluate')) return;
  if ((await getMaintainers(deps, modelName)).includes(caller.agentId)) return;
  throw new Forbidden(
    `requesting a promotion needs the 'evaluate' scope or to maintain lineage '${modelName}'`,
  );
}

/**
 * Opens a promotion request for a candidate version under its lineage's lock, logs and publishes
 * `promotion_requested`; returns the request's id. 409 `request_exists` when the version has an
 * open request, 409 `illegal_status_change` when it is not a candidate.
 */
export async function openPromotionRequest(_deps: Deps, props: OpenRequestProps): Promise<number> {
  const { unit, caller } = props;
  const id = await resolveVersionRef(unit.tx, props.id);
  const { modelName } = await getModelVersion({ db: unit.tx }, id);
  await assertMayRequest({ db: unit.tx }, caller, modelName);
  await lockKey(unit.tx, `lineage:${modelName}`);
  const version = await getModelVersion({ db: unit.tx }, id);
  if (version.status !== 'candidate') {
    throw new IllegalStatusChange(
      `'${id}' is ${version.status}: only a candidate can be requested for promotion`,
    );
  }
  const existing = await findOpenRequestId(unit.tx, id);
  if (existing !== undefined) {
    throw new RequestExists(`'${id}' has an open promotion request (${existing})`, { request_id: existing });
  }
  const note = props.note ?? null;
  const requestId = await insertRequest(unit.tx, {
    modelId: id,
    modelName,
    requestedBy: caller.agentId,
    note,
  });
  const logged = await logEvent(unit, {
    eventType: 'promotion_requested',
    targetArtifactId: id,
    actor: caller.agentId,
    detectionMetadata: { request_id: requestId, model_name: modelName, note, actor: caller.agentId },
  });
  await unit.publish({ type: 'promotion_requested', logged, requestId });
  return requestId;
}

/** One request as every face shows it; 404 when unknown. */
export async function getPromotionRequest(
  deps: Pick<Deps, 'db' | 'clock'>,
  id: number,
): Promise<RequestView> {
  const [request] = await findRequests(deps.db, [id]);
  if (!request) throw new NotFound(`promotion request '${id}' does not exist`);
  const [view] = await viewRequests(deps, [request]);
  return view;
}

/** A page of requests, newest first, and the position after it (null on the last page). */
export async function listPromotionRequests(
  deps: Pick<Deps, 'db' | 'clock'>,
  props: { filter: RequestFilter; after?: KeysetPosition; limit: number },
): Promise<{ requests: RequestView[]; next: KeysetPosition | null }> {
  const rows = await findRequestPage(deps.db, props.filter, props.after, props.limit);
  const page = rows.slice(0, props.limit);
  const requests = await findRequests(
    deps.db,
    page.map((row) => row.id),
  );
  const next = rows.length > props.limit ? (page.at(-1)?.position ?? null) : null;
  return { requests: await viewRequests(deps, requests), next };
}
