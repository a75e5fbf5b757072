/**
 * A small world to retract in, built through the HTTP API with fresh ids: a dataset with two
 * versions and the model versions built on it in every way a retraction reaches (pinned to v2,
 * unpinned, through a model input and a `derived_from` chain) and ways it does not (pinned to v1,
 * through an analysis's input), with active edges on some of them and one edge already retracted
 * by a reviewer.
 */
import { sql } from 'drizzle-orm';
import { ADMIN_TOKEN, type TestApp } from './app.ts';
import {
  addVersion,
  buildModelBody,
  createAnalysis,
  createDataset,
  createHypothesis,
  createLink,
  registerModel,
  uniqueId,
} from './factories.ts';
import { insertEdges } from './world.ts';

/** The ids of the world, and what each model version is built on. */
export interface RetractionWorld {
  datasetId: string;
  /** An analysis whose `input` is the dataset's v1. */
  analysisId: string;
  hypothesisId: string;
  /** Trained on the dataset's v2 (pinned), produced by the analysis: complete provenance, raw 0.9. */
  pinnedV2: string;
  /** Trained on the dataset, unpinned. */
  unpinned: string;
  /** Trained on the dataset's v1 (pinned). */
  pinnedV1: string;
  /** An `input` link to `pinnedV2` (a model version). */
  viaInput: string;
  /** A `derived_from` link to `viaInput`. */
  viaDerived: string;
  /** Only produced by the analysis (which consumed v1). */
  viaAnalysis: string;
  /** Edges per model version: active ones, and one a reviewer retracted on `pinnedV2`. */
  edges: { pinnedV2: string[]; viaDerived: string[]; retractedByReviewer: string };
}

/** Builds the world; every version gets a raw score, so caps show. */
export async function buildRetractionWorld(t: TestApp): Promise<RetractionWorld> {
  const datasetId = await createDataset(t);
  await addVersion(t, datasetId);
  const analysisId = await createAnalysis(t, [{ artifact_id: datasetId, version: 1 }]);
  const hypothesisId = await createHypothesis(t);
  const register = async (overrides: Record<string, unknown>) =>
    (await registerModel(t, buildModelBody({ raw_quality_score: 0.9, ...overrides }))).id as string;
  const pinnedV2 = await register({
    trained_on: [{ dataset_id: datasetId, version: 2 }],
    produced_by: { analysis_id: analysisId },
    tests_hypothesis: { hypothesis_id: hypothesisId },
  });
  const unpinned = await register({ trained_on: [{ dataset_id: datasetId }], raw_quality_score: 0.2 });
  const pinnedV1 = await register({ trained_on: [{ dataset_id: datasetId, version: 1 }] });
  const viaInput = await register({
    inputs: [{ artifact_id: pinnedV2, version: 1 }],
    raw_quality_score: 0.8,
  });
  const viaDerived = await register({ raw_quality_score: 0.7 });
  await createLink(t, { source_id: viaDerived, target_id: viaInput, link_type: 'derived_from' });
  const viaAnalysis = await register({ produced_by: { analysis_id: analysisId } });
  const edge = (source: string, confidence: number) => ({
    id: uniqueId('edge'),
    subject: `GENE:${uniqueId('g')}`,
    predicate: 'biolink:regulates',
    object: 'MONDO:0004975',
    confidence,
    origin: 'model',
    source_artifact_id: source,
    source_version: 1,
  });
  const onPinned = [edge(pinnedV2, 0.9), edge(pinnedV2, 0.6), edge(pinnedV2, 0.3)];
  const onDerived = [edge(viaDerived, 0.8), edge(viaDerived, 0.4)];
  const reviewed = edge(pinnedV2, 0.5);
  await insertEdges(t, [...onPinned, ...onDerived, reviewed, edge(pinnedV1, 0.7), edge(viaAnalysis, 0.7)]);
  // A reviewer retracted one edge before: a retraction leaves it as it is.
  await t.store.db.execute(sql`update kg_edges set review_flag = true where id = ${reviewed.id}`);
  const review = await t.request('POST', `/api/kg/edges/${reviewed.id}/review`, {
    token: ADMIN_TOKEN,
    body: { decision: 'retract', note: 'wrong gene' },
  });
  if (review.statusCode !== 200) throw new Error(review.body);
  return {
    datasetId,
    analysisId,
    hypothesisId,
    pinnedV2,
    unpinned,
    pinnedV1,
    viaInput,
    viaDerived,
    viaAnalysis,
    edges: {
      pinnedV2: onPinned.map((e) => e.id),
      viaDerived: onDerived.map((e) => e.id),
      retractedByReviewer: reviewed.id,
    },
  };
}

/**
 * Writes `count` model versions trained on `datasetId@version`, each the first of a lineage of its
 * own named `<prefix>-<n>`, in a few set-based statements (many versions without many requests);
 * returns their ids, sorted. Their stored scores are what a registration would store before the
 * retraction: raw 0.9, complete provenance left false (no analysis), so capped at 0.3 already.
 */
export async function bulkModelsTrainedOn(
  t: TestApp,
  target: { datasetId: string; version: number },
  count: number,
  prefix: string,
): Promise<string[]> {
  const names = sql`(select ${prefix} || '-' || lpad(n::text, 5, '0') as name
                       from generate_series(1, ${count}::int) as n) as names`;
  await t.store.db.execute(sql`insert into lineages (model_name) select name from ${names}`);
  await t.store.db.execute(
    sql`insert into artifacts (id, type, title, created_by) select name || '-v1', 'model', name, 'admin' from ${names}`,
  );
  await t.store.db.execute(
    sql`insert into artifact_versions (artifact_id, version_number, created_by) select name || '-v1', 1, 'admin' from ${names}`,
  );
  await t.store.db.execute(
    sql`insert into models (id, model_name, version_number, is_latest, model_family, trained_by, raw_quality_score,
                            quality_score, provenance_missing)
        select name || '-v1', name, 1, true, 'statistical', 'admin', 0.9, 0.3, '{produced_by_analysis}' from ${names}`,
  );
  await t.store.db.execute(
    sql`insert into links (source_id, target_id, link_type, target_version, created_by)
        select name || '-v1', ${target.datasetId}, 'trained_on', ${target.version}::int, 'admin' from ${names}`,
  );
  return Array.from({ length: count }, (_, i) => `${prefix}-${String(i + 1).padStart(5, '0')}-v1`).sort();
}
