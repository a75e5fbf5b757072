/**
 * modelgraph's lineages and versions in MLflow's JSON shapes (SPEC §9): a registered model is a
 * lineage, a model version a version. Timestamps are milliseconds, `version` is a string (the
 * client's protobuf parser refuses a number), `status` is always `READY` (anything else makes the
 * client poll for five minutes), and empty optional fields are left out as MLflow's server does.
 */
import type { Lineage } from '../registry/core/lineage.ts';
import type { ModelSummary } from '../registry/core/model.ts';

/** MLflow's stages, as modelgraph's statuses give them. */
export const STAGES = ['None', 'Staging', 'Production', 'Archived'] as const;
/** One stage. */
export type Stage = (typeof STAGES)[number];

/** `Production` for the promoted version, `Archived` for an archived one, else `None`. */
export function stageOf(status: string): Stage {
  if (status === 'promoted') return 'Production';
  if (status === 'archived') return 'Archived';
  return 'None';
}

const tagList = (tags: Record<string, string>) =>
  Object.entries(tags).map(([key, value]) => ({ key, value }));

function metadataText(metadata: Record<string, unknown>, key: string): string {
  const value = metadata[key];
  return typeof value === 'string' ? value : '';
}

/** A ModelVersion; `withAliases` adds the aliases naming it (get answers carry them, searches do not). */
export function presentModelVersion(summary: ModelSummary, withAliases = true) {
  const { model } = summary;
  const tags = tagList(summary.tags);
  return {
    name: model.modelName,
    version: String(model.versionNumber),
    creation_timestamp: model.createdAt.getTime(),
    last_updated_timestamp: model.updatedAt.getTime(),
    user_id: model.createdBy,
    current_stage: stageOf(model.status),
    description: model.description,
    source: model.sourceUri ?? '',
    run_id: metadataText(model.metadata, 'run_id'),
    run_link: metadataText(model.metadata, 'run_link'),
    status: 'READY',
    ...(tags.length > 0 ? { tags } : {}),
    ...(withAliases && summary.aliases.length > 0 ? { aliases: summary.aliases } : {}),
  };
}

/**
 * The newest version in each stage among the newest version of each status: the `latest_versions`
 * of a registered model and the answer of `get-latest-versions` (`stages` empty: all of them).
 */
export function latestPerStage(
  newestPerStatus: ModelSummary[],
  stages: readonly Stage[] = [],
): ModelSummary[] {
  const best = new Map<Stage, ModelSummary>();
  for (const summary of newestPerStatus) {
    const stage = stageOf(summary.model.status);
    const held = best.get(stage);
    if (!held || held.model.versionNumber < summary.model.versionNumber) best.set(stage, summary);
  }
  return [...best.entries()]
    .filter(([stage]) => stages.length === 0 || stages.includes(stage))
    .map(([, summary]) => summary)
    .sort((a, b) => a.model.versionNumber - b.model.versionNumber);
}

/** A RegisteredModel, with its newest version per stage and its aliases' version numbers. */
export function presentRegisteredModel(
  lineage: Lineage,
  newestPerStatus: ModelSummary[],
  versionNumbers: Map<string, number>,
) {
  const latest = latestPerStage(newestPerStatus).map((summary) => presentModelVersion(summary, false));
  const tags = tagList(lineage.tags);
  const aliases = Object.entries(lineage.aliases).flatMap(([alias, versionId]) => {
    const number = versionNumbers.get(versionId);
    return number === undefined ? [] : [{ alias, version: String(number) }];
  });
  return {
    name: lineage.modelName,
    creation_timestamp: lineage.createdAt.getTime(),
    last_updated_timestamp: lineage.updatedAt.getTime(),
    ...(lineage.description ? { description: lineage.description } : {}),
    ...(latest.length > 0 ? { latest_versions: latest } : {}),
    ...(tags.length > 0 ? { tags } : {}),
    ...(aliases.length > 0 ? { aliases } : {}),
  };
}
