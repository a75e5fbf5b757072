/**
 * Loads everything the model page shows: the API's detail, each lineage version's metrics, the
 * provenance DAG and the attributed-edges panel. Unknown ids throw the API's `NotFound`.
 */
import type { Caller } from '../../caller.ts';
import type { Deps } from '../../deps.ts';
import { DEFAULT_POLICY, isGoverned } from '../../registry/core/policy.ts';
import { getLineageRights } from '../../registry/lineages/policy.service.ts';
import { getVersionCards } from '../../registry/models/card.service.ts';
import { presentModelDetail } from '../../registry/models/model.presenter.ts';
import { getModelDetail } from '../../registry/models/model-read.service.ts';
import { loadProvenanceDags } from '../../registry/models/provenance.service.ts';
import { renderImpactPanel } from '../impact/impact-panel.view.ts';
import { renderAttributedEdges } from './attributed-edges.widget.ts';
import { renderModelActions } from './model-actions.view.ts';
import type { ModelPageProps } from './model-detail.view.ts';

/**
 * Who maintains the lineage and whether it is governed (one statement beside the page's other
 * reads): asked only for a signed-in agent, whose actions depend on them.
 */
async function loadRights(deps: Pick<Deps, 'db'>, modelName: string, caller?: Caller) {
  if (!caller) return { maintainers: [], policy: DEFAULT_POLICY };
  return getLineageRights(deps, modelName);
}

/**
 * The model page's data for version `id`; `caller` is the agent signed in, if any (the forms it
 * may use), `done` the flash code of the form just sent.
 */
export async function loadModelPage(
  deps: Pick<Deps, 'db'>,
  id: string,
  caller?: Caller,
  done?: string,
): Promise<ModelPageProps> {
  const detail = await getModelDetail(deps, id);
  const { model } = detail.summary;
  const [dags, edgesPanel, [card], rights] = await Promise.all([
    loadProvenanceDags(deps.db, [{ id: model.id, title: model.title }]),
    renderAttributedEdges(deps, model.id),
    getVersionCards(deps, [model.id]),
    loadRights(deps, model.modelName, caller),
  ]);
  const presented = presentModelDetail(detail);
  const promoted = presented.versions.find((version) => version.status === 'promoted');
  return {
    detail: presented,
    impactPanel: renderImpactPanel({
      modelId: model.id,
      status: model.status,
      promotedId: promoted?.id ?? null,
      caller,
    }),
    versionMetrics: detail.lineage.map((version) => ({
      version: version.versionNumber,
      metrics: version.evaluationMetrics,
    })),
    dag: dags.get(model.id) ?? { nodes: [], edges: [] },
    actions: renderModelActions({
      modelId: model.id,
      status: model.status,
      description: card?.description ?? '',
      tags: presented.tags,
      maintainers: rights.maintainers,
      isGoverned: isGoverned(rights.policy),
      caller,
      done,
    }),
    edgesPanel,
  };
}
