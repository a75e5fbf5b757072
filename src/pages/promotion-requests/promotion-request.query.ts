/**
 * What the promotion request pages read: a page of requests (as the API lists them), and one
 * request with the newest impact preview of its version over the lineage's promoted version.
 */

import type { KeysetPosition } from '../../db/keyset.ts';
import type { Deps } from '../../deps.ts';
import type { RequestStatus } from '../../governance/core/request.ts';
import { presentRequest } from '../../governance/promotion-request.presenter.ts';
import { getPromotionRequest, listPromotionRequests } from '../../governance/promotion-request.service.ts';
import {
  findLatestImpactPreview,
  type RecordedImpactPreview,
} from '../../jobs/rescore/impact-preview.job.ts';
import { findPromotedVersion } from '../../registry/models/model-read.service.ts';

/** A request as the API sends it. */
export type RequestView = ReturnType<typeof presentRequest>;

/** One request page's data. */
export interface RequestPageData {
  request: RequestView;
  /** The lineage's promoted version now, which a promotion would replace. */
  promotedId: string | null;
  /** The newest impact preview of the version over `promotedId`, if one was run. */
  preview?: RecordedImpactPreview;
}

/** A page of requests, newest first, by status and lineage. */
export async function loadRequestList(
  deps: Pick<Deps, 'db' | 'clock'>,
  props: { status?: RequestStatus; modelName?: string; after?: KeysetPosition; limit: number },
) {
  const { status, modelName, after, limit } = props;
  const page = await listPromotionRequests(deps, { filter: { status, modelName }, after, limit });
  return { requests: page.requests.map(presentRequest), next: page.next };
}

/** One request with its preview; 404 when unknown. */
export async function loadRequestPage(
  deps: Pick<Deps, 'db' | 'clock'>,
  id: number,
): Promise<RequestPageData> {
  const request = presentRequest(await getPromotionRequest(deps, id));
  const promoted = await findPromotedVersion(deps, request.model_name);
  const promotedId = promoted?.id ?? null;
  const preview =
    promotedId === null || promotedId === request.model_id
      ? undefined
      : await findLatestImpactPreview(deps, request.model_id, promotedId);
  return { request, promotedId, preview };
}
