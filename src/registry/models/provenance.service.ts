/**
 * Provenance as the registry keeps it: the stored verdict and score of every model a change can
 * move — the retractions it is built on included — recomputed set-based in the change's
 * transaction, and the provenance DAGs of model versions, loaded in one recursive query for all
 * models together.
 */
import type { Db, Tx } from '../../db/database.ts';
import {
  findLinkHopsWithin,
  findModelsAffectedBy,
  findProvenanceFacts,
  type LinkHop,
} from '../artifacts/artifact.repository.ts';
import { findModelsDownstreamOf, findRetractionsReachedBy } from '../artifacts/retraction.repository.ts';
import { holdRetractionState } from '../artifacts/retraction.service.ts';
import { computeQualityScore, evaluateProvenance } from '../core/provenance.ts';
import { type ProvenanceDag, walkProvenanceDag } from '../core/provenance-dag.ts';
import { findRawScores, storeScores } from './model.repository.ts';

/**
 * Recomputes and stores the provenance and quality score of the listed models, reading the
 * retraction state under its shared lock (a retraction under way is waited for, so a version never
 * misses the retraction it is built on).
 */
export async function refreshQualityScores(tx: Tx, modelIds: string[], cap: number): Promise<void> {
  if (modelIds.length === 0) return;
  await holdRetractionState(tx);
  const facts = await findProvenanceFacts(tx, modelIds);
  const retracted = await findRetractionsReachedBy(tx, modelIds);
  const rawScores = await findRawScores(tx, modelIds);
  const updates = [...rawScores].map(([id, raw]) => {
    const provenance = evaluateProvenance({
      ...(facts.get(id) ?? { links: [], analysisInputs: [] }),
      retracted: retracted.get(id) ?? [],
    });
    return { id, provenance, qualityScore: computeQualityScore(raw, provenance, cap) };
  });
  await storeScores(tx, updates);
}

/**
 * Recomputes the models whose provenance involves `artifactId` (after a new link or version), and
 * the model versions built on those through model-to-model links, whose retraction state follows.
 */
export async function refreshQualityAround(tx: Tx, artifactId: string, cap: number): Promise<void> {
  const affected = await findModelsDownstreamOf(tx, await findModelsAffectedBy(tx, artifactId));
  await refreshQualityScores(tx, affected, cap);
}

/** How far a model's provenance DAG reaches from it, on its page, in compare and in the exports. */
export const PROVENANCE_DAG_HOPS = 3;

/**
 * The DAG of each listed model (each model is the root node of its own), from one read of every
 * link the walks can take.
 */
export async function loadProvenanceDags(
  db: Db,
  roots: { id: string; title: string }[],
  maxHops = PROVENANCE_DAG_HOPS,
): Promise<Map<string, ProvenanceDag>> {
  const hops = await findLinkHopsWithin(
    db,
    roots.map((root) => root.id),
    maxHops,
  );
  return provenanceDagsOf(roots, hops, maxHops);
}

/** The DAG of each listed model over already-read hops (`findLinkHopsWithin`, oldest first). */
export function provenanceDagsOf(
  roots: { id: string; title: string }[],
  hops: LinkHop[],
  maxHops = PROVENANCE_DAG_HOPS,
): Map<string, ProvenanceDag> {
  const outgoing = new Map<string, LinkHop[]>();
  const nodes = new Map(roots.map((root) => [root.id, { id: root.id, type: 'model', title: root.title }]));
  for (const link of hops) {
    const out = outgoing.get(link.sourceId);
    if (out) out.push(link);
    else outgoing.set(link.sourceId, [link]);
    if (!nodes.has(link.targetId))
      nodes.set(link.targetId, { id: link.targetId, type: link.targetType, title: link.targetTitle });
  }
  return new Map(roots.map((root) => [root.id, walkProvenanceDag(root.id, outgoing, nodes, maxHops)]));
}
