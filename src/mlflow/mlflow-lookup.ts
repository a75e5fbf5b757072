/**
 * What the MLflow face looks up before it answers or writes: a registered model it may show (a
 * lineage that exists and is not retired — a retired one is gone from this face), one of its
 * versions by number, and registered models in MLflow's shape, each from a query or two.
 */
import type { Deps } from '../deps.ts';
import { NotFound } from '../errors.ts';
import type { LineageCard } from '../registry/core/lineage.ts';
import type { VersionCard } from '../registry/core/model.ts';
import { resolveVersionNumber } from '../registry/models/alias.service.ts';
import { getLineageCards, getNewestPerStatus, getVersionCards } from '../registry/models/card.service.ts';
import { getLineageState } from '../registry/models/lineage-read.service.ts';
import { presentRegisteredModel } from './mlflow.presenter.ts';

type ReadDeps = Pick<Deps, 'db'>;

const missingModel = (name: string) => new NotFound(`Registered Model with name=${name} not found`);

/** Throws RESOURCE_DOES_NOT_EXIST unless the registered model exists on this face. */
export async function assertVisible(deps: ReadDeps, name: string): Promise<void> {
  const state = await getLineageState(deps, name);
  if (!state || state.retiredAt) throw missingModel(name);
}

/** The card of a registered model this face shows. */
export async function visibleLineage(deps: ReadDeps, name: string): Promise<LineageCard> {
  const [lineage] = await getLineageCards(deps, [name]);
  if (!lineage || lineage.isRetired) throw missingModel(name);
  return lineage;
}

/** A version of a registered model this face shows, by number. */
export async function visibleVersion(deps: ReadDeps, name: string, version: number): Promise<VersionCard> {
  await assertVisible(deps, name);
  const missing = new NotFound(`Model Version (name=${name}, version=${version}) not found`);
  const id = await resolveVersionNumber(deps.db, name, version).catch(() => {
    throw missing;
  });
  const [card] = await getVersionCards(deps, [id]);
  if (!card) throw missing;
  return card;
}

/** The card of one version by id (after a write that returned it). */
export async function versionById(deps: ReadDeps, id: string): Promise<VersionCard> {
  const [card] = await getVersionCards(deps, [id]);
  if (!card) throw new NotFound(`model version '${id}' does not exist`);
  return card;
}

/** Registered models in MLflow's shape, in the order given, from their cards and newest versions. */
export function presentLineages(lineages: LineageCard[], newest: Map<string, VersionCard[]>) {
  return lineages.map((lineage) => presentRegisteredModel(lineage, newest.get(lineage.modelName) ?? []));
}

/** One registered model this face shows, in MLflow's shape. */
export async function registeredModelNamed(deps: ReadDeps, name: string) {
  const [[lineage], newest] = await Promise.all([
    getLineageCards(deps, [name]),
    getNewestPerStatus(deps, [name]),
  ]);
  if (!lineage || lineage.isRetired) throw missingModel(name);
  return presentRegisteredModel(lineage, newest.get(name) ?? []);
}
