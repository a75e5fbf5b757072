/**
 * Promotion requests react to promotions: when a version of a lineage is promoted — directly, by an
 * override, through the MLflow face or through another request — the lineage's requests still open
 * become `superseded`, in the promotion's transaction. The request the promotion carries out is
 * approved before it promotes, so it is not open any more.
 */
import { inTransaction } from '../deps.ts';
import { policyOfLineage } from '../registry/lineages/policy.service.ts';
import { getModelVersions } from '../registry/models/model-read.service.ts';
import { findOpenRequestIdsOfLineage, findRequests } from './promotion-request.repository.ts';
import { closeAndLog, inUnit } from './request-decision.service.ts';
import { checksOf } from './request-evidence.service.ts';

/** The promotion requests' subscribers. */
export const promotionRequestSubscribers = [
  inTransaction(
    'promotion requests: supersede the open ones',
    ['model_version_promoted'],
    async (deps, unit, event) => {
      const ids = await findOpenRequestIdsOfLineage(unit.tx, event.modelName);
      if (ids.length === 0) return;
      const reads = inUnit(deps, unit);
      const [requests, policy] = await Promise.all([
        findRequests(unit.tx, ids),
        policyOfLineage(unit.tx, event.modelName),
      ]);
      const versions = new Map(
        (
          await getModelVersions(
            reads,
            requests.map((request) => request.modelId),
          )
        ).map((v) => [v.id, v]),
      );
      for (const request of requests) {
        const version = versions.get(request.modelId);
        // Judged against the version promoted until now: the evidence the request was waiting on.
        const checks = version ? await checksOf(reads, version, policy, event.previousId) : [];
        await closeAndLog(unit, request, {
          status: 'superseded',
          actor: event.logged.actor,
          requiredApprovals: policy.requiredApprovals,
          checks,
          promotedId: event.versionId,
        });
      }
    },
  ),
];
