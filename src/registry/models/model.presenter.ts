/**
 * The wire forms of model versions (docs/api.md#models): list items, the detail, the comparison. The pages
 * render these same view models.
 */
import { presentEvent } from '../../events/event.presenter.ts';
import type { Comparison } from '../core/compare.ts';
import { linkTargets, type ModelLink, type ModelSummary } from '../core/model.ts';
import { flagsOf, type Provenance, storedProvenance } from '../core/provenance.ts';
import type { CompareJson } from './compare.schemas.ts';
import type { ModelDetailJson, ModelListItemJson } from './model.schemas.ts';
import type { ListItemRow } from './model-catalog.repository.ts';
import type { ModelDetail, ModelPage } from './model-read.service.ts';

/** A provenance verdict as sent: `retracted` only when the version is built on a retraction in force. */
export function presentProvenance(provenance: Provenance): ModelListItemJson['provenance'] {
  const { complete, missing, completeness, retracted } = provenance;
  if (retracted.length === 0) return { complete, missing, completeness };
  return {
    complete,
    missing,
    completeness,
    retracted: retracted.map((target) => ({ artifact_id: target.artifactId, version: target.version })),
  };
}

/** A model version as a list item. */
export function presentModelListItem(summary: ModelSummary): ModelListItemJson {
  const { model } = summary;
  return {
    id: model.id,
    title: model.title,
    model_name: model.modelName,
    model_family: model.modelFamily,
    version_number: model.versionNumber,
    is_latest: model.isLatest,
    status: model.status,
    quality_score: model.qualityScore,
    raw_quality_score: model.rawQualityScore,
    evaluation_metrics: model.evaluationMetrics,
    parameter_count: model.parameterCount,
    aliases: summary.aliases,
    tags: summary.tags,
    trained_on: linkTargets(summary, 'trained_on'),
    produced_by: linkTargets(summary, 'produced_by')[0] ?? null,
    tests_hypothesis: linkTargets(summary, 'tests_hypothesis')[0] ?? null,
    provenance: presentProvenance(model.provenance),
    flags: flagsOf(model.provenance),
    created_at: model.createdAt.toISOString(),
  };
}

/** A catalog row made a list item: the same object, with the fields computed from what is stored. */
function completeListItem(row: ListItemRow): ModelListItemJson {
  const { complete, missing, retracted, createdAt } = row.stored;
  const provenance = storedProvenance(
    complete,
    missing,
    retracted.map((target) => ({ artifactId: target.artifact_id, version: target.version })),
  );
  return Object.assign(row, {
    provenance: presentProvenance(provenance),
    flags: flagsOf(provenance),
    created_at: createdAt.toISOString(),
  });
}

const linked = (link: ModelLink) => ({
  id: link.targetId,
  type: link.targetType,
  title: link.targetTitle,
  version: link.targetVersion,
});

/**
 * A page of the catalog as sent: its items, the total, the paging it was asked with and the next
 * cursor. The items were read under the names the API sends; each row is completed in place — its
 * provenance verdict, flags and ISO time — and goes to the compiled serializer as it is (the
 * columns it also carries are not in the response schema, so they are not sent).
 */
export function presentModelPage(
  page: ModelPage,
  paging: { limit: number; offset?: number; nextCursor: string | null },
) {
  return {
    models: page.items.map(completeListItem),
    total: page.total,
    limit: paging.limit,
    offset: paging.offset ?? 0,
    next_cursor: paging.nextCursor,
  };
}

/** Everything about one model version, as sent. */
export function presentModelDetail(detail: ModelDetail): ModelDetailJson {
  const { model, links, aliases, tags } = detail.summary;
  const ofType = (linkType: string) => links.filter((link) => link.linkType === linkType).map(linked);
  return {
    id: model.id,
    type: 'model',
    title: model.title,
    model_name: model.modelName,
    version_number: model.versionNumber,
    parent_id: model.parentId,
    is_latest: model.isLatest,
    status: model.status,
    model_family: model.modelFamily,
    architecture: model.architecture,
    parameters: model.parameters,
    parameter_count: model.parameterCount,
    training_config: model.trainingConfig,
    evaluation_metrics: model.evaluationMetrics,
    raw_quality_score: model.rawQualityScore,
    quality_score: model.qualityScore,
    flags: flagsOf(model.provenance),
    trained_by: model.trainedBy,
    eval_dataset_id: model.evalDatasetId,
    benchmark_id: model.benchmarkId,
    runtime: model.runtime,
    aliases,
    tags,
    metadata: model.metadata,
    created_by: model.createdBy,
    created_at: model.createdAt.toISOString(),
    versions: detail.lineage.map((version) => ({
      id: version.id,
      version_number: version.versionNumber,
      status: version.status,
      is_latest: version.isLatest,
      quality_score: version.qualityScore,
      created_at: version.createdAt.toISOString(),
    })),
    links: {
      trained_on: ofType('trained_on'),
      produced_by: ofType('produced_by'),
      tests_hypothesis: ofType('tests_hypothesis'),
      inputs: ofType('input'),
    },
    provenance: presentProvenance(model.provenance),
    attributed_edges: detail.attributedEdges,
    events: detail.events.map(presentEvent),
    mlflow: detail.mlflow && {
      model_id: detail.mlflow.modelId,
      run_id: typeof model.metadata.run_id === 'string' ? model.metadata.run_id : null,
      enrichment: {
        status: detail.mlflow.enrichment.status,
        attempts: detail.mlflow.enrichment.attempts,
        last_error: detail.mlflow.enrichment.lastError,
        updated_at: detail.mlflow.enrichment.updatedAt.toISOString(),
      },
    },
  };
}

/** A comparison as sent: the compared versions as list items. */
export function presentComparison(comparison: Comparison): CompareJson {
  return { ...comparison, models: comparison.models.map(presentModelListItem) };
}
