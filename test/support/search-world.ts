/**
 * A small registry built through the API for the search-language suites — lineages with versions
 * of every family and status, metrics present and absent, tags whose values hold quotes,
 * backslashes, `%`, `_` and characters outside ASCII, pinned and unpinned training data, aliases,
 * maintainers and edges — and its rows read back through the API as the reference evaluator's
 * input (`filter-reference.ts`).
 */
import assert from 'node:assert/strict';
import { ADMIN_TOKEN, type TestApp } from './app.ts';
import {
  addVersion,
  createAnalysis,
  createDataset,
  createHypothesis,
  promote,
  uniqueId,
} from './factories.ts';
import type { PinnedRef, RefTable } from './filter-reference.ts';

/** A model version as the reference sees it. */
export interface ModelRow {
  id: string;
  model_name: string;
  title: string;
  family: string;
  status: string;
  quality_score: number;
  raw_quality_score: number | null;
  parameter_count: number | null;
  created_at: string;
  created_by: string;
  trained_by: string;
  is_latest: boolean;
  metrics: Record<string, number>;
  tags: Record<string, string>;
  trained_on: PinnedRef[];
  produced_by: string[];
  tests_hypothesis: string[];
  flags: string[];
  aliases: string[];
}

/** A lineage as the reference sees it. */
export interface LineageRow {
  model_name: string;
  title: string;
  tags: Record<string, string>;
  maintainers: string[];
  promoted_quality_score: number | null;
}

/** An edge as the reference sees it. */
export interface EdgeRow {
  id: string;
  subject: string;
  predicate: string;
  object: string;
  confidence: number;
  origin: string;
  status: string;
  source_artifact_id: string | null;
  review_flag: boolean;
  review_reason: string | null;
  created_at: string;
}

/** The awkward tag value: a quote, a backslash, a percent sign, an underscore, a snowman and a brain. */
export const AWKWARD = "it's 100% a\\b_c ☃ 🧠";

/** What the world holds, and the ids a test names. */
export interface SearchWorld {
  models: ModelRow[];
  lineages: LineageRow[];
  edges: EdgeRow[];
  seaAd: string;
  rosmap: string;
  analysis: string;
  hypothesis: string;
  writer: string;
  /** The lineages by role: a classifier, an ODE, a writer's statistical model, a twice-trained one. */
  names: { classifier: string; ode: string; stat: string; both: string };
}

async function ok(t: TestApp, method: string, url: string, body: unknown, token = ADMIN_TOKEN) {
  const response = await t.request(method, url, { token, body });
  assert.ok(response.statusCode < 300, `${method} ${url}: ${response.body}`);
  return response.json();
}

const pin = (dataset_id: string, version: number | null) => ({ dataset_id, version });

/**
 * Builds the world on a fresh app and reads it back; with `retracted`, ROSMAP's first version is
 * retracted before the read, so `flag = 'retracted_input'` and edges with a `review_reason` exist.
 */
export async function buildSearchWorld(
  t: TestApp,
  options: { retracted?: boolean } = {},
): Promise<SearchWorld> {
  const writerId = uniqueId('writer');
  const writer = await t.agentToken(writerId, ['write']);
  const seaAd = await createDataset(t, { title: 'SEA-AD snRNA-seq' });
  await addVersion(t, seaAd);
  await addVersion(t, seaAd);
  const rosmap = await createDataset(t, { title: 'ROSMAP bulk' });
  const analysis = await createAnalysis(t, [{ artifact_id: rosmap, version: 1 }]);
  const hypothesis = await createHypothesis(t);
  const names = {
    classifier: uniqueId('classifier'),
    ode: uniqueId('ode'),
    stat: uniqueId('stat'),
    both: uniqueId('both'),
  };
  const register = (body: Record<string, unknown>, token = ADMIN_TOKEN) =>
    ok(t, 'POST', '/api/models', { trained_on: [], ...body }, token);
  const dl = { model_family: 'deep_learning', produced_by: { analysis_id: analysis } };
  const c1 = await register({
    ...dl,
    model_name: names.classifier,
    title: 'Microglia classifier v1',
    raw_quality_score: 0.85,
    parameter_count: 1_000_000,
    evaluation_metrics: { auc: 0.91, f1: 0.8 },
    trained_on: [pin(seaAd, 2)],
    tests_hypothesis: { hypothesis_id: hypothesis },
  });
  const c2 = await register({
    ...dl,
    model_name: names.classifier,
    title: 'Microglia classifier v2',
    raw_quality_score: 0.7,
    parameter_count: 2_000_000,
    evaluation_metrics: { auc: 0.79 },
    trained_on: [pin(seaAd, 3)],
    trained_by: writerId,
  });
  const c3 = await register({
    ...dl,
    model_name: names.classifier,
    title: 'Microglia classifier v3',
    evaluation_metrics: { auc: 0.95, 'val loss': 0.2 },
    trained_on: [pin(seaAd, 1), pin(rosmap, null)],
  });
  const o1 = await register({
    model_name: names.ode,
    title: 'Activation ODE',
    model_family: 'biophysical',
    raw_quality_score: 0.6,
    parameter_count: 12,
    evaluation_metrics: { rmse: 0.02 },
    trained_on: [pin(rosmap, 1)],
  });
  const o2 = await register({
    model_name: names.ode,
    title: 'Activation ODE, refit',
    model_family: 'biophysical',
    raw_quality_score: 0.65,
    evaluation_metrics: { rmse: 0.01, auc: 0.5 },
  });
  const s1 = await register(
    {
      model_name: names.stat,
      title: 'Zoë\'s "GLM" 50%_x \\ fit',
      model_family: 'statistical',
      raw_quality_score: 0.3,
    },
    writer,
  );
  const b1 = await register({
    ...dl,
    model_name: names.both,
    title: 'Two cohorts',
    raw_quality_score: 0.9,
    evaluation_metrics: { auc: 0.99 },
    trained_on: [pin(seaAd, 2), pin(seaAd, 3)],
  });
  const tag = (id: string, key: string, value: string, token = ADMIN_TOKEN) =>
    ok(t, 'PUT', `/api/models/${id}/tags/${encodeURIComponent(key)}`, { value }, token);
  await tag(c1.id, 'task', 'classification');
  await tag(c1.id, 'stage', 'prod');
  await tag(c2.id, 'task', 'classification');
  await tag(c3.id, 'task', AWKWARD);
  await tag(o1.id, 'task', 'regression');
  await tag(o2.id, 'stage', 'staging');
  await tag(b1.id, 'task', 'classification');
  await tag(s1.id, 'team:ml/x-1', 'Ünïcode', writer);
  await ok(t, 'PUT', `/api/lineages/${names.classifier}/tags/team`, { value: 'neuro' });
  await ok(t, 'PUT', `/api/lineages/${names.ode}/tags/team`, { value: 'systems' });
  await ok(t, 'PUT', `/api/lineages/${names.stat}/tags/note`, { value: AWKWARD }, writer);
  await ok(t, 'PUT', `/api/lineages/${names.classifier}/maintainers/${writerId}`, undefined);
  await promote(t, c1.id);
  await promote(t, o1.id);
  await promote(t, o2.id);
  await ok(t, 'PUT', `/api/lineages/${names.classifier}/aliases/champion`, { version_number: 3 });
  await ok(t, 'PATCH', `/api/models/${c2.id}`, { status: 'archived' });
  await ok(t, 'POST', '/api/kg/edges', [
    edge('TREM2', 'biolink:regulates', 'MONDO:0004975', 0.9, 'model', c1),
    edge('APOE', 'biolink:regulates', "Alzheimer's \\ 50%", 0.4, 'model', c1),
    edge('CD33', 'biolink:treats', 'MONDO:0004975', 0.75, 'curated'),
    edge('TREM2', 'biolink:interacts_with', 'TYROBP ☃', 0.2, 'literature'),
    edge('SPI1', 'biolink:regulates', 'MONDO:0004975', 0.55, 'model', o1),
  ]);
  if (options.retracted) {
    await ok(t, 'POST', `/api/artifacts/${rosmap}/retract`, { version: 1, reason: 'sample swap' });
  }
  return {
    ...(await readSearchWorld(t, Object.values(names))),
    seaAd,
    rosmap,
    analysis,
    hypothesis,
    writer: writerId,
    names,
  };
}

function edge(
  subject: string,
  predicate: string,
  object: string,
  confidence: number,
  origin: string,
  source?: { id: string; version_number: number },
) {
  return {
    id: uniqueId('edge'),
    subject,
    predicate,
    object,
    confidence,
    origin,
    ...(source ? { source_artifact_id: source.id, source_version: source.version_number } : {}),
  };
}

const idsOf = (links: { id: string }[]) => links.map((link) => link.id);

/** The world's rows as the API shows them: every version's detail, every lineage, every edge. */
async function readSearchWorld(t: TestApp, lineageNames: string[]) {
  const models: ModelRow[] = [];
  const lineages: LineageRow[] = [];
  for (const name of lineageNames) {
    const lineage = await ok(t, 'GET', `/api/lineages/${name}`, undefined);
    const promoted = lineage.versions.find((v: { id: string }) => v.id === lineage.promoted);
    lineages.push({
      model_name: name,
      title: lineage.versions.find((v: { is_latest: boolean }) => v.is_latest).title,
      tags: lineage.tags,
      maintainers: lineage.maintainers,
      promoted_quality_score: promoted?.quality_score ?? null,
    });
    for (const { id } of lineage.versions) {
      const detail = await ok(t, 'GET', `/api/models/${id}`, undefined);
      models.push({
        id,
        model_name: detail.model_name,
        title: detail.title,
        family: detail.model_family,
        status: detail.status,
        quality_score: detail.quality_score,
        raw_quality_score: detail.raw_quality_score,
        parameter_count: detail.parameter_count,
        created_at: detail.created_at,
        created_by: detail.created_by,
        trained_by: detail.trained_by,
        is_latest: detail.is_latest,
        metrics: detail.evaluation_metrics,
        tags: detail.tags,
        trained_on: detail.links.trained_on.map((link: PinnedRef) => ({
          id: link.id,
          version: link.version,
        })),
        produced_by: idsOf(detail.links.produced_by),
        tests_hypothesis: idsOf(detail.links.tests_hypothesis),
        flags: detail.flags,
        aliases: detail.aliases,
      });
    }
  }
  const edges: EdgeRow[] = (await ok(t, 'GET', '/api/kg/edges?limit=1000', undefined)).edges;
  return { models, lineages, edges };
}

const one = <T>(value: T | null | undefined) => (value === null || value === undefined ? [] : [value]);
const keyed = (record: Record<string, string | number>, key: string | undefined) => one(record[key ?? '']);

/** The reference's reading of the catalog's fields. */
export const MODEL_REFERENCE: RefTable<ModelRow> = {
  id: { type: 'text', values: (row) => [row.id] },
  model_name: { type: 'text', values: (row) => [row.model_name] },
  title: { type: 'text', values: (row) => [row.title] },
  family: { type: 'text', values: (row) => [row.family] },
  status: { type: 'text', values: (row) => [row.status] },
  quality_score: { type: 'number', values: (row) => [row.quality_score] },
  raw_quality_score: { type: 'number', values: (row) => one(row.raw_quality_score) },
  parameter_count: { type: 'number', values: (row) => one(row.parameter_count) },
  created_at: { type: 'timestamp', values: (row) => [row.created_at] },
  created_by: { type: 'text', values: (row) => [row.created_by] },
  trained_by: { type: 'text', values: (row) => [row.trained_by] },
  metrics: { type: 'number', keyed: true, values: (row, key) => keyed(row.metrics, key) },
  tags: { type: 'text', keyed: true, values: (row, key) => keyed(row.tags, key) },
  trained_on: { type: 'text', values: (row) => row.trained_on },
  produced_by: { type: 'text', values: (row) => row.produced_by },
  tests_hypothesis: { type: 'text', values: (row) => row.tests_hypothesis },
  flag: { type: 'text', values: (row) => row.flags },
  alias: { type: 'text', values: (row) => row.aliases },
};

/** The reference's reading of the lineage list's fields. */
export const LINEAGE_REFERENCE: RefTable<LineageRow> = {
  model_name: { type: 'text', values: (row) => [row.model_name] },
  title: { type: 'text', values: (row) => [row.title] },
  tags: { type: 'text', keyed: true, values: (row, key) => keyed(row.tags, key) },
  maintainer: { type: 'text', values: (row) => row.maintainers },
  promoted_quality_score: { type: 'number', values: (row) => one(row.promoted_quality_score) },
};

/** The reference's reading of the edge list's fields. */
export const EDGE_REFERENCE: RefTable<EdgeRow> = {
  subject: { type: 'text', values: (row) => [row.subject] },
  predicate: { type: 'text', values: (row) => [row.predicate] },
  object: { type: 'text', values: (row) => [row.object] },
  confidence: { type: 'number', values: (row) => [row.confidence] },
  origin: { type: 'text', values: (row) => [row.origin] },
  status: { type: 'text', values: (row) => [row.status] },
  source_artifact_id: { type: 'text', values: (row) => one(row.source_artifact_id) },
  review_flag: { type: 'boolean', values: (row) => [row.review_flag] },
  review_reason: { type: 'text', values: (row) => one(row.review_reason) },
  created_at: { type: 'timestamp', values: (row) => [row.created_at] },
};
