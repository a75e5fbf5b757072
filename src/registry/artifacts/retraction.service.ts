/**
 * The retraction state the registry keeps (docs/concepts.md#retraction): which retractions are in
 * force, their history, the model versions each one reaches, and the lock that orders a retraction
 * against every write that reads the state. The retract and reinstate commands (`src/retraction/`)
 * write it through these steps inside their unit of work; the provenance evaluation reads it.
 */
import type { Db, Tx } from '../../db/database.ts';
import { lockKey, lockKeyShared } from '../../db/database.ts';
import type { Unit } from '../../deps.ts';
import type { Retraction, RetractionTarget } from '../core/retraction.ts';
import {
  endRetraction,
  findModelsBuiltOn,
  findRetractionHistory,
  findRetractionsInForce,
  findRetractionsInForceOn,
  findRetractionsReachedBy,
  insertRetraction,
  type RetractionInsert,
} from './retraction.repository.ts';

// One key for the whole registry: a retraction reaches model versions through any chain of links,
// so no narrower key covers every write that could link into what it reaches.
const RETRACTIONS_LOCK = 'retractions';

/**
 * Holds the retraction state steady for the rest of the transaction (a shared lock): a retraction
 * or reinstatement waits until this transaction ends, and this one waits for one under way. Every
 * write that evaluates provenance takes it before it reads the state — and before it locks any
 * model row, so a retraction that holds the state never waits for a row held by one waiting on it.
 */
export async function holdRetractionState(tx: Tx): Promise<void> {
  await lockKeyShared(tx, RETRACTIONS_LOCK);
}

/**
 * Takes the retraction state for a retraction or reinstatement (an exclusive lock): the writes that
 * evaluate provenance wait until it commits, and it waits for those under way, so a registration
 * linking what it retracts either commits first (and its links are found) or reads the retraction.
 */
export async function takeRetractionState(tx: Tx): Promise<void> {
  await lockKey(tx, RETRACTIONS_LOCK);
}

/** Records a retraction in force, in the unit's transaction. */
export function recordRetraction(unit: Unit, row: RetractionInsert): Promise<Retraction> {
  return insertRetraction(unit.tx, row);
}

/** Ends a retraction in force, in the unit's transaction; it stays in the history. */
export function endRetractionInForce(
  unit: Unit,
  id: number,
  ended: { by: string; reason: string },
): Promise<Retraction> {
  return endRetraction(unit.tx, id, ended);
}

/** The retractions of an artifact in force now. */
export function getRetractionsInForce(deps: { db: Db }, artifactId: string): Promise<Retraction[]> {
  return findRetractionsInForce(deps.db, artifactId);
}

/** Every retraction of an artifact, ended or not, oldest first. */
export function getRetractionHistory(deps: { db: Db }, artifactId: string): Promise<Retraction[]> {
  return findRetractionHistory(deps.db, artifactId);
}

/** The retractions in force on exactly these targets (what the open formats describe). */
export function getRetractionsInForceOn(
  deps: { db: Db },
  targets: RetractionTarget[],
): Promise<Retraction[]> {
  return findRetractionsInForceOn(deps.db, targets);
}

/** Every model version built on `target`, directly or through other model versions, sorted by id. */
export function listModelsBuiltOn(deps: { db: Db }, target: RetractionTarget): Promise<string[]> {
  return findModelsBuiltOn(deps.db, target);
}

/** The retractions in force each listed model version is built on (absent: none). */
export function getRetractionsReachedBy(
  deps: { db: Db },
  modelIds: string[],
): Promise<Map<string, RetractionTarget[]>> {
  return findRetractionsReachedBy(deps.db, modelIds);
}
