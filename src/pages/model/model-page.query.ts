/**
 * Loads everything the model page shows: the API's detail, each lineage version's metrics, the
 * provenance DAG and the attributed-edges panel. Unknown ids throw the API's `NotFound`.
 */
import type { Caller } from '../../caller.ts';
import type { Deps } from '../../deps.ts';
import { presentModelDetail } from '../../registry/models/model.presenter.ts';
import { getModelDetail } from '../../registry/models/model-read.service.ts';
import { loadProvenanceDags } from '../../registry/models/provenance.service.ts';
import { renderImpactPanel } from '../impact/impact-panel.view.ts';
import { renderAttributedEdges } from './attributed-edges.widget.ts';
import type { ModelPageProps } from './model-detail.view.ts';

/** The model page's data for version `id`; `caller` is the evaluator signed in, if any (the impact panel's form). */
export async function loadModelPage(
  deps: Pick<Deps, 'db'>,
  id: string,
  caller?: Caller,
): Promise<ModelPageProps> {
  const detail = await getModelDetail(deps, id);
  const { model } = detail.summary;
  const [dags, edgesPanel] = await Promise.all([
    loadProvenanceDags(deps.db, [{ id: model.id, title: model.title }]),
    renderAttributedEdges(deps, model.id),
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
    edgesPanel,
  };
}
