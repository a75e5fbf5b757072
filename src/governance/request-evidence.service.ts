/**
 * The evidence of promotion requests: their checks, computed from the real provenance verdict and
 * the real newest impact preview (the `tool_calls` record the preview writes), and the view every
 * face shows — an open request under the lineage's current policy, a decided one as it was decided.
 */
import type { Deps } from '../deps.ts';
import { findLatestImpactPreview } from '../jobs/rescore/impact-preview.job.ts';
import type { ModelVersion } from '../registry/core/model.ts';
import type { PromotionPolicy } from '../registry/core/policy.ts';
import { getPolicies } from '../registry/lineages/policy.service.ts';
import {
  findPromotedVersion,
  findPromotedVersions,
  getModelVersions,
} from '../registry/models/model-read.service.ts';
import { type Check, computeChecks } from './core/checks.ts';
import type { PromotionRequest, RequestView } from './core/request.ts';

/**
 * The checks of a promotion of `version` under `policy`, against the lineage's promoted version —
 * or, when `parentId` is given, against that one (a request being superseded is judged against the
 * version that was promoted before).
 */
export async function checksOf(
  deps: Pick<Deps, 'db' | 'clock'>,
  version: ModelVersion,
  policy: PromotionPolicy,
  parentId?: string | null,
): Promise<Check[]> {
  const needsPreview = policy.requireImpactPreview || policy.maxFlagFraction !== null;
  const parent =
    parentId !== undefined ? parentId : ((await findPromotedVersion(deps, version.modelName))?.id ?? null);
  const preview =
    needsPreview && parent !== null ? await findLatestImpactPreview(deps, version.id, parent) : undefined;
  return computeChecks(policy, {
    versionId: version.id,
    provenance: version.provenance,
    parentId: parent,
    preview,
    now: deps.clock.now(),
  });
}

/** The requests as every face shows them: with the approvals they need and their checks. */
export async function viewRequests(
  deps: Pick<Deps, 'db' | 'clock'>,
  requests: PromotionRequest[],
): Promise<RequestView[]> {
  const open = requests.filter((request) => request.status === 'open');
  const lineages = [...new Set(open.map((request) => request.modelName))];
  // Each list read once for the page, not once per request.
  const [versions, policies, promoted] = await Promise.all([
    getModelVersions(
      deps,
      open.map((request) => request.modelId),
    ),
    getPolicies(deps.db, lineages),
    findPromotedVersions(deps, lineages),
  ]);
  const versionById = new Map(versions.map((version) => [version.id, version]));
  return Promise.all(
    requests.map(async (request) => {
      const version = versionById.get(request.modelId);
      const policy = policies.get(request.modelName);
      if (request.status !== 'open' || !version || !policy) {
        return { request, requiredApprovals: request.requiredApprovals ?? 0, checks: request.checks ?? [] };
      }
      return {
        request,
        requiredApprovals: policy.requiredApprovals,
        checks: await checksOf(deps, version, policy, promoted.get(request.modelName) ?? null),
      };
    }),
  );
}
