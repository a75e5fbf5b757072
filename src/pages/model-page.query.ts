/**
 * Loads everything the model page shows: the API's detail, each lineage version's metrics, the
 * provenance DAG and the attributed-edges panel. Unknown ids throw the API's `NotFound`.
 */
import type { Db } from '../db/database.ts';
import { loadModelDetail, loadModelItems } from '../registry/model.query.ts';
import { loadProvenanceDags } from '../registry/provenance-dag.repository.ts';
import { renderAttributedEdges } from './attributed-edges.widget.ts';
import type { ModelPageProps } from './model-detail.view.ts';

/** The model page's data for version `id`. */
export async function loadModelPage(db: Db, id: string): Promise<ModelPageProps> {
  const detail = await loadModelDetail(db, id);
  const [versions, dags, edgesPanel] = await Promise.all([
    loadModelItems(
      db,
      detail.versions.map((version) => version.id),
    ),
    loadProvenanceDags(db, [{ id: detail.id, title: detail.title }]),
    renderAttributedEdges(db, detail.id),
  ]);
  return {
    detail,
    versionMetrics: versions.map((item) => ({
      version: item.version_number,
      metrics: item.evaluation_metrics,
    })),
    dag: dags.get(detail.id) ?? { nodes: [], edges: [] },
    edgesPanel,
  };
}
