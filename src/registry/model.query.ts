/**
 * Read models of model versions: list items and the full detail, each assembled from a fixed
 * number of batched queries whatever the number of models.
 */
import type { Db } from '../db/database.ts';
import { NotFound } from '../errors.ts';
import { findEventsForTarget, presentEvent } from '../events/event.repository.ts';
import {
  countAttributedEdges,
  findLineage,
  findModelLinks,
  findModelRows,
  type ModelLink,
  type ModelRow,
} from './model.repository.ts';
import type { ModelListItemJson } from './model.schemas.ts';
import { flagsOf, PROVENANCE_RULES } from './provenance.ts';

/** The stored provenance verdict of a row, in the API's shape. */
export function provenanceOf(row: Pick<ModelRow, 'provenanceComplete' | 'provenanceMissing'>) {
  return {
    complete: row.provenanceComplete,
    missing: row.provenanceMissing,
    completeness: (PROVENANCE_RULES.length - row.provenanceMissing.length) / PROVENANCE_RULES.length,
  };
}

function targetsOf(links: ModelLink[], linkType: string): ModelLink[] {
  return links.filter((link) => link.linkType === linkType);
}

/** A row and its links as a list item. */
export function presentListItem(row: ModelRow, links: ModelLink[]): ModelListItemJson {
  const provenance = provenanceOf(row);
  return {
    id: row.id,
    title: row.title,
    model_name: row.modelName,
    model_family: row.modelFamily,
    version_number: row.versionNumber,
    is_latest: row.isLatest,
    status: row.status,
    quality_score: row.qualityScore,
    raw_quality_score: row.rawQualityScore,
    evaluation_metrics: row.evaluationMetrics,
    parameter_count: row.parameterCount,
    trained_on: targetsOf(links, 'trained_on').map((link) => link.targetId),
    produced_by: targetsOf(links, 'produced_by')[0]?.targetId ?? null,
    tests_hypothesis: targetsOf(links, 'tests_hypothesis')[0]?.targetId ?? null,
    provenance,
    flags: flagsOf(provenance),
    created_at: row.createdAt.toISOString(),
  };
}

/** Rows and links of the listed models, keyed by id. */
export async function loadModelsWithLinks(db: Db, ids: string[]) {
  const [rows, links] = await Promise.all([findModelRows(db, ids), findModelLinks(db, ids)]);
  return new Map(
    rows.map((row) => [row.id, { row, links: links.filter((link) => link.modelId === row.id) }] as const),
  );
}

/** List items for the given ids, in the given order (unknown ids are skipped). */
export async function loadModelItems(db: Db, ids: string[]): Promise<ModelListItemJson[]> {
  const loaded = await loadModelsWithLinks(db, ids);
  return ids.flatMap((id) => {
    const entry = loaded.get(id);
    return entry ? [presentListItem(entry.row, entry.links)] : [];
  });
}

const linked = (link: ModelLink) => ({
  id: link.targetId,
  type: link.targetType,
  title: link.targetTitle,
  version: link.targetVersion,
});

/** Everything about one model version (SPEC §2 `GET /api/models/{id}`); 404 when unknown. */
export async function loadModelDetail(db: Db, id: string) {
  const entry = (await loadModelsWithLinks(db, [id])).get(id);
  if (!entry) throw new NotFound(`model version '${id}' does not exist`);
  const { row, links } = entry;
  const [lineage, attributedEdges, events] = await Promise.all([
    findLineage(db, row.modelName),
    countAttributedEdges(db, id),
    findEventsForTarget(db, id, 20),
  ]);
  const provenance = provenanceOf(row);
  return {
    id: row.id,
    type: 'model' as const,
    title: row.title,
    model_name: row.modelName,
    version_number: row.versionNumber,
    parent_id: row.parentId,
    is_latest: row.isLatest,
    status: row.status,
    model_family: row.modelFamily,
    architecture: row.architecture,
    parameters: row.parameters,
    parameter_count: row.parameterCount,
    training_config: row.trainingConfig,
    evaluation_metrics: row.evaluationMetrics,
    raw_quality_score: row.rawQualityScore,
    quality_score: row.qualityScore,
    flags: flagsOf(provenance),
    trained_by: row.trainedBy,
    eval_dataset_id: row.evalDatasetId,
    benchmark_id: row.benchmarkId,
    runtime: row.runtime,
    metadata: row.metadata,
    created_by: row.createdBy,
    created_at: row.createdAt.toISOString(),
    versions: lineage.map((version) => ({
      id: version.id,
      version_number: version.versionNumber,
      status: version.status,
      is_latest: version.isLatest,
      quality_score: version.qualityScore,
      created_at: version.createdAt.toISOString(),
    })),
    links: {
      trained_on: targetsOf(links, 'trained_on').map(linked),
      produced_by: targetsOf(links, 'produced_by').map(linked),
      tests_hypothesis: targetsOf(links, 'tests_hypothesis').map(linked),
      inputs: targetsOf(links, 'input').map(linked),
    },
    provenance,
    attributed_edges: attributedEdges,
    events: events.map(presentEvent),
  };
}
