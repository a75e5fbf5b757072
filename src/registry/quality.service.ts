/**
 * Keeps each model's stored provenance verdict and quality score right: called inside the
 * transaction of every change that can move them (SPEC §3).
 */
import type { Tx } from '../db/database.ts';
import { computeQualityScore, evaluateProvenance } from './provenance.ts';
import {
  findModelsAffectedBy,
  loadProvenanceFacts,
  loadRawScores,
  storeScores,
} from './quality.repository.ts';

/** Recomputes and stores the provenance and quality score of the listed models. */
export async function refreshQualityScores(tx: Tx, modelIds: string[], cap: number): Promise<void> {
  if (modelIds.length === 0) return;
  const [facts, rawScores] = await Promise.all([
    loadProvenanceFacts(tx, modelIds),
    loadRawScores(tx, modelIds),
  ]);
  const updates = [...rawScores].map(([id, raw]) => {
    const provenance = evaluateProvenance(facts.get(id) ?? { links: [], analysisInputs: [] });
    return { id, provenance, qualityScore: computeQualityScore(raw, provenance, cap) };
  });
  await storeScores(tx, updates);
}

/** Recomputes the models whose provenance involves `artifactId` (after a new link or version). */
export async function refreshQualityAround(tx: Tx, artifactId: string, cap: number): Promise<void> {
  await refreshQualityScores(tx, await findModelsAffectedBy(tx, artifactId), cap);
}
