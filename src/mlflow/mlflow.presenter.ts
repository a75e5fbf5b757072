/**
 * modelgraph's lineages and versions in MLflow's JSON shapes: a registered model is a
 * lineage, a model version a version. Timestamps are milliseconds, `version` is a string (the
 * client's protobuf parser refuses a number), `status` is always `READY` (anything else makes the
 * client poll for five minutes), and empty optional fields are left out as MLflow's server does.
 */
import type { LineageCard } from '../registry/core/lineage.ts';
import type { VersionCard } from '../registry/core/model.ts';

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

/** A ModelVersion; `withAliases` adds the aliases naming it (get answers carry them, searches do not). */
export function presentModelVersion(card: VersionCard, withAliases = true) {
  const tags = tagList(card.tags);
  return {
    name: card.modelName,
    version: String(card.versionNumber),
    creation_timestamp: card.createdAt.getTime(),
    last_updated_timestamp: card.updatedAt.getTime(),
    user_id: card.createdBy,
    current_stage: stageOf(card.status),
    description: card.description,
    source: card.sourceUri ?? '',
    run_id: card.runId ?? '',
    run_link: card.runLink ?? '',
    status: 'READY',
    ...(card.modelId ? { model_id: card.modelId } : {}),
    ...(tags.length > 0 ? { tags } : {}),
    ...(withAliases && card.aliases.length > 0 ? { aliases: card.aliases } : {}),
  };
}

/**
 * The newest version in each stage among the newest version of each status: the `latest_versions`
 * of a registered model and the answer of `get-latest-versions` (`stages` empty: all of them).
 */
export function latestPerStage(newestPerStatus: VersionCard[], stages: readonly Stage[] = []): VersionCard[] {
  const best = new Map<Stage, VersionCard>();
  for (const card of newestPerStatus) {
    const stage = stageOf(card.status);
    const held = best.get(stage);
    if (!held || held.versionNumber < card.versionNumber) best.set(stage, card);
  }
  return [...best.entries()]
    .filter(([stage]) => stages.length === 0 || stages.includes(stage))
    .map(([, card]) => card)
    .sort((a, b) => a.versionNumber - b.versionNumber);
}

/** A RegisteredModel, with its newest version per stage and the version number of each alias. */
export function presentRegisteredModel(lineage: LineageCard, newestPerStatus: VersionCard[]) {
  const latest = latestPerStage(newestPerStatus).map((card) => presentModelVersion(card, false));
  const tags = tagList(lineage.tags);
  const aliases = Object.entries(lineage.aliases).map(([alias, number]) => ({
    alias,
    version: String(number),
  }));
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
