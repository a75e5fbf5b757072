/**
 * The world of the rules suite: a few lineages with hand-set creation times, analyses with one and
 * with two producing lineages, and one edge per case of the backfill's rules, with where each must end up.
 */
import { sql } from 'drizzle-orm';
import type { Store } from '../../src/db/database.ts';
import { addArtifact, addEdge, addModel, addProducedBy, at, seedAgent } from './backfill-world.ts';

/** Where each edge of the world must end up: `[model version, rule]`, or `unknown`. */
export const EXPECTED: Record<string, [string, string] | 'unknown'> = {
  'e-id-wins': ['alpha-v1', 'model_id'],
  'e-id-missing': ['alpha-v2', 'model_name'],
  'e-id-not-a-model': 'unknown',
  'e-name-inferred-v1': ['alpha-v1', 'model_name'],
  'e-name-inferred-v2': ['alpha-v2', 'model_name'],
  'e-name-inferred-exact': ['alpha-v2', 'model_name'],
  'e-name-inferred-zoneless': ['alpha-v2', 'model_name'],
  'e-name-inferred-invalid': ['alpha-v1', 'model_name'],
  'e-name-created-v1': ['alpha-v1', 'model_name'],
  'e-name-created-v2': ['alpha-v2', 'model_name'],
  'e-name-too-early-analysis': ['gamma-v1', 'analysis'],
  'e-name-too-early': 'unknown',
  'e-analysis-newest': ['gamma-v2', 'analysis'],
  'e-analysis-too-early': 'unknown',
  'e-analysis-two-lineages': 'unknown',
  'e-analysis-not-analysis': 'unknown',
  'e-no-trail': 'unknown',
};
/** Edges the backfill must not touch: not from a model, already attributed, already unknown. */
export const UNTOUCHED = ['u-curated', 'u-attributed', 'u-unknown'];
/** The counts of a pass over the whole world. */
export const FULL_PASS = { attributed: { model_id: 1, model_name: 8, analysis: 2 }, unknown: 6, scanned: 17 };

/** Lineages alpha…delta, analyses, and one edge per case of the backfill's rules (see `EXPECTED`). */
export async function seedRulesWorld(store: Store): Promise<void> {
  const db = store.db;
  await seedAgent(db);
  await addModel(db, 'alpha', 1, at('01-10'));
  await addModel(db, 'alpha', 2, at('02-10T03:00'));
  await addModel(db, 'beta', 1, at('03-10'));
  await addModel(db, 'gamma', 1, at('01-05'));
  await addModel(db, 'gamma', 2, at('02-05'));
  await addModel(db, 'delta', 1, at('01-05'));
  await addArtifact(db, 'analysis-one', 'analysis');
  await addArtifact(db, 'analysis-two', 'analysis');
  await addArtifact(db, 'dataset-x', 'dataset');
  await addProducedBy(db, 'gamma-v1', 'analysis-one');
  await addProducedBy(db, 'gamma-v1', 'analysis-two');
  await addProducedBy(db, 'delta-v1', 'analysis-two');
  await addProducedBy(db, 'delta-v1', 'dataset-x');
  const late = at('03-01');
  await addEdge(db, 'e-id-wins', {
    metadata: { model_id: 'alpha-v1', model_name: 'gamma' },
    createdAt: late,
  });
  await addEdge(db, 'e-id-missing', { metadata: { model_id: 'nope', model_name: 'alpha' }, createdAt: late });
  await addEdge(db, 'e-id-not-a-model', { metadata: { model_id: 'analysis-one' } });
  await addEdge(db, 'e-name-inferred-v1', {
    metadata: { model_name: 'alpha', inferred_at: '2024-01-15T00:00:00Z' },
    createdAt: late,
  });
  await addEdge(db, 'e-name-inferred-v2', { metadata: { model_name: 'alpha', inferred_at: '2024-02-15' } });
  await addEdge(db, 'e-name-inferred-exact', {
    metadata: { model_name: 'alpha', inferred_at: '2024-02-10T03:00:00.000Z' },
  });
  // 05:00 read as UTC is after v2; read in Tokyo time it would be the evening before, v1.
  await addEdge(db, 'e-name-inferred-zoneless', {
    metadata: { model_name: 'alpha', inferred_at: '2024-02-10T05:00' },
  });
  // February has no 30th: the trail is ignored and the edge's own time (Jan 20, v1) counts.
  await addEdge(db, 'e-name-inferred-invalid', {
    metadata: { model_name: 'alpha', inferred_at: '2024-02-30T00:00Z' },
  });
  await addEdge(db, 'e-name-created-v1', { metadata: { model_name: 'alpha' } });
  await addEdge(db, 'e-name-created-v2', {
    metadata: { model_name: 'alpha', inferred_at: 'soon' },
    createdAt: late,
  });
  await addEdge(db, 'e-name-too-early-analysis', {
    metadata: { model_name: 'beta', analysis_id: 'analysis-one' },
  });
  await addEdge(db, 'e-name-too-early', { metadata: { model_name: 'beta' } });
  await addEdge(db, 'e-analysis-newest', { metadata: { analysis_id: 'analysis-one' }, createdAt: late });
  await addEdge(db, 'e-analysis-too-early', {
    metadata: { analysis_id: 'analysis-one' },
    createdAt: at('01-01'),
  });
  await addEdge(db, 'e-analysis-two-lineages', { metadata: { analysis_id: 'analysis-two' } });
  await addEdge(db, 'e-analysis-not-analysis', { metadata: { analysis_id: 'dataset-x' } });
  await addEdge(db, 'e-no-trail', { confidence: 0.9 });
  await addEdge(db, 'u-curated', { origin: 'curated', metadata: { model_id: 'alpha-v1' } });
  await addEdge(db, 'u-attributed', {
    metadata: { model_id: 'alpha-v2' },
    sourceArtifactId: 'alpha-v1',
    sourceVersion: 1,
  });
  await addEdge(db, 'u-unknown', { metadata: { model_id: 'alpha-v1' }, provenanceUnknown: true });
  // A session zone far from UTC, so that reading offset-less times in it would show (PGlite has one session).
  await db.execute(sql`set time zone 'Asia/Tokyo'`);
}
