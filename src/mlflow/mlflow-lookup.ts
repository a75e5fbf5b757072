/**
 * What the MLflow face looks up before it answers or writes: a registered model it may show (a
 * lineage that exists and is not retired — a retired one is gone from this face), one of its
 * versions by number, and registered models in MLflow's shape, each from batched reads.
 */
import type { Deps } from '../deps.ts';
import { NotFound } from '../errors.ts';
import { resolveVersionNumber } from '../registry/alias.service.ts';
import type { Lineage } from '../registry/core/lineage.ts';
import type { ModelSummary } from '../registry/core/model.ts';
import { getLineageState, loadLineages } from '../registry/lineage-read.service.ts';
import { getModelSummaries } from '../registry/model-read.service.ts';
import { getNewestPerStatus, getVersionNumbers } from '../registry/search.service.ts';
import { presentRegisteredModel } from './mlflow.presenter.ts';

type ReadDeps = Pick<Deps, 'db'>;

const missingModel = (name: string) => new NotFound(`Registered Model with name=${name} not found`);

/** Throws RESOURCE_DOES_NOT_EXIST unless the registered model exists on this face. */
export async function assertVisible(deps: ReadDeps, name: string): Promise<void> {
  const state = await getLineageState(deps, name);
  if (!state || state.retiredAt) throw missingModel(name);
}

/** The lineage behind a registered model this face shows. */
export async function visibleLineage(deps: ReadDeps, name: string): Promise<Lineage> {
  const [lineage] = await loadLineages(deps, [name]);
  if (!lineage || lineage.retiredAt) throw missingModel(name);
  return lineage;
}

/** A version of a registered model this face shows, by number. */
export async function visibleVersion(deps: ReadDeps, name: string, version: number): Promise<ModelSummary> {
  await assertVisible(deps, name);
  const missing = new NotFound(`Model Version (name=${name}, version=${version}) not found`);
  const id = await resolveVersionNumber(deps.db, name, version).catch(() => {
    throw missing;
  });
  const [summary] = await getModelSummaries(deps, [id]);
  if (!summary) throw missing;
  return summary;
}

/** The summary of one version by id (after a write that returned it). */
export async function versionById(deps: ReadDeps, id: string): Promise<ModelSummary> {
  const [summary] = await getModelSummaries(deps, [id]);
  if (!summary) throw new NotFound(`model version '${id}' does not exist`);
  return summary;
}

/** Registered models in MLflow's shape, in the order given. */
export async function presentLineages(deps: ReadDeps, lineages: Lineage[]) {
  const names = lineages.map((lineage) => lineage.modelName);
  const aliasTargets = [...new Set(lineages.flatMap((lineage) => Object.values(lineage.aliases)))];
  const [newest, numbers] = await Promise.all([
    getNewestPerStatus(deps, names),
    getVersionNumbers(deps, aliasTargets),
  ]);
  return lineages.map((lineage) =>
    presentRegisteredModel(lineage, newest.get(lineage.modelName) ?? [], numbers),
  );
}
