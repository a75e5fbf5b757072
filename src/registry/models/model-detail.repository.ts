/**
 * A version's detail's own reads in one statement: its summary, its lineage, the knowledge-graph
 * edges attributed to it and its MLflow record — one statement sent, parsed and answered instead
 * of four, the API's hottest read with the catalog page (built once: `db/prepared.ts`). The events
 * that target the version are the events feature's to read.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { builtOnce, UNNAMED } from '../../db/prepared.ts';
import { artifacts, models } from '../../db/schema.ts';
import type { EnrichmentStatus, LineageVersion, MlflowRecord, ModelSummary } from '../core/model.ts';
import { rowToModelSummary, summaryColumns } from './model.repository.ts';

/** A time as `json_build_object` writes it (ISO 8601 with its offset). */
type JsonTime = string;

const detailById = builtOnce((db: Db) =>
  db
    .select({
      ...summaryColumns(models),
      lineage: sql<(Omit<LineageVersion, 'createdAt'> & { createdAt: JsonTime })[]>`(
        select coalesce(json_agg(json_build_object(
                 'id', v.id, 'versionNumber', v.version_number, 'status', v.status,
                 'isLatest', v.is_latest, 'qualityScore', v.quality_score,
                 'evaluationMetrics', v.evaluation_metrics, 'createdAt', v.created_at)
                 order by v.version_number), '[]')
          from models v where v.model_name = ${models.modelName})`,
      attributedEdges: sql<{ count: number; flagged: number }>`(
        select json_build_object('count', count(*)::int, 'flagged', (count(*) filter (where e.review_flag))::int)
          from kg_edges e where e.source_artifact_id = ${models.id})`,
      mlflow: sql<{
        modelId: string | null;
        status: EnrichmentStatus;
        attempts: number;
        lastError: string | null;
        updatedAt: JsonTime;
      } | null>`(
        select json_build_object('modelId', r.model_id, 'status', r.enrichment_status, 'attempts', r.attempts,
                                 'lastError', r.last_error, 'updatedAt', r.updated_at)
          from mlflow_versions r where r.version_id = ${models.id})`,
    })
    .from(models)
    .innerJoin(artifacts, eq(artifacts.id, models.id))
    .where(eq(models.id, sql.placeholder('id')))
    .prepare(UNNAMED),
);

/** A version's own detail reads, as `findModelDetailReads` answers them. */
export interface ModelDetailReads {
  summary: ModelSummary;
  /** The whole lineage, oldest first. */
  lineage: LineageVersion[];
  attributedEdges: { count: number; flagged: number };
  mlflow: MlflowRecord | null;
}

/** The summary, lineage, attributed-edge counts and MLflow record of a version, if it exists. */
export async function findModelDetailReads(db: Db, id: string): Promise<ModelDetailReads | undefined> {
  const [row] = await detailById(db).execute({ id });
  if (!row) return undefined;
  const { lineage, attributedEdges, mlflow, ...summary } = row;
  return {
    summary: rowToModelSummary(summary),
    lineage: lineage.map((version) => ({ ...version, createdAt: new Date(version.createdAt) })),
    attributedEdges,
    mlflow: mlflow && {
      modelId: mlflow.modelId,
      enrichment: {
        status: mlflow.status,
        attempts: mlflow.attempts,
        lastError: mlflow.lastError,
        updatedAt: new Date(mlflow.updatedAt),
      },
    },
  };
}
