/**
 * `modelgraph demo`, also run by `serve` on an empty database: writes the demo world of
 * `demo-world.ts` through the registry services — never raw inserts — so every link check,
 * lineage rule and quality score applies to it exactly as to a client's writes.
 */
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { count, eq, sql } from 'drizzle-orm';
import { insertAgent } from '../agents/agent.repository.ts';
import type { Config } from '../config.ts';
import { type Db, queryRows, type Tx } from '../db/database.ts';
import { models } from '../db/schema.ts';
import { insertEdges } from '../kg/edge.service.ts';
import { createArtifact, createArtifactVersion, createLink } from '../registry/artifact.service.ts';
import type { RegisterModelRequest } from '../registry/model.schemas.ts';
import { promoteModel, registerModel } from '../registry/model.service.ts';
import { demoEdges } from './demo-edges.ts';
import type { DemoArtifact, DemoLineage, DemoModelVersion, DemoPin } from './demo-types.ts';
import { DEMO_WORLD } from './demo-world.ts';

/** What the demo loader wrote, for the start-up log line. */
export interface DemoSummary {
  /** Agents created (demo agents that existed already are not counted). */
  agents: number;
  /** Datasets, analyses, hypotheses and benchmarks (model versions are counted in `models`). */
  artifacts: number;
  /** Versions of those artifacts. */
  artifact_versions: number;
  links: number;
  lineages: number;
  /** Model versions. */
  models: number;
  promotions: number;
  /** Model versions whose provenance fails a rule of SPEC §3, so their score is capped. */
  incomplete_provenance: number;
  /** Knowledge-graph edges (attributed to the microglia model's v2, and legacy ones to backfill). */
  edges: number;
}

/** The version the demo's attributed edges came from: promote its v3 and rescore to see them move. */
export const DEMO_EDGE_SOURCE = 'model-biophys-microglia-v2';

/** The demo inference process every demo model version's runtime starts (SPEC §5.3). */
export const CONFIDENCE_MODEL_SCRIPT = fileURLToPath(
  new URL('./models/confidence-model.mjs', import.meta.url),
);

/** Whether the database holds no artifact yet. */
export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const [row] = await queryRows<{ empty: boolean }>(
    db,
    sql`select not exists (select 1 from artifacts) as empty`,
  );
  return row.empty;
}

/** A content hash derived from the artifact and version, so every load gives the same digests. */
function demoDigest(artifactId: string, versionNumber: number): string {
  return `sha256:${createHash('sha256').update(`${artifactId}@v${versionNumber}`).digest('hex')}`;
}

function versionLocation(artifact: DemoArtifact, versionNumber: number): { digest: string; uri?: string } {
  const digest = demoDigest(artifact.id, versionNumber);
  return artifact.uri ? { digest, uri: `${artifact.uri}/v${versionNumber}/` } : { digest };
}

/** Creates an artifact with all its versions; returns how many links its inputs added. */
async function writeArtifact(tx: Tx, artifact: DemoArtifact, qualityCap: number): Promise<number> {
  const [first, ...later] = artifact.versions;
  await createArtifact(tx, {
    id: artifact.id,
    type: artifact.type,
    title: artifact.title,
    metadata: { ...artifact.metadata, initial_version: first.metadata, demo: true },
    version: versionLocation(artifact, 1),
    createdBy: artifact.createdBy,
  });
  for (const [index, version] of later.entries()) {
    await createArtifactVersion(
      tx,
      {
        artifactId: artifact.id,
        ...versionLocation(artifact, index + 2),
        metadata: version.metadata,
        createdBy: version.createdBy ?? artifact.createdBy,
      },
      qualityCap,
    );
  }
  for (const input of artifact.inputs ?? []) {
    const spec = { sourceId: artifact.id, targetId: input.id, linkType: 'input' as const };
    await createLink(tx, { ...spec, targetVersion: input.version ?? null }, artifact.createdBy, qualityCap);
  }
  return artifact.inputs?.length ?? 0;
}

const pinOf = (pin: DemoPin) => ({ version: pin.version ?? null });

/** The `POST /api/models` body one demo version amounts to, with its demo runtime. */
function registrationOf(lineage: DemoLineage, version: DemoModelVersion): RegisterModelRequest {
  const { weight, bias } = version.runtime;
  return {
    model_name: lineage.modelName,
    title: version.title,
    model_family: lineage.family,
    architecture: { ...lineage.architecture, ...version.architecture },
    parameters: version.parameters,
    parameter_count: version.parameterCount,
    training_config: { ...lineage.trainingConfig, ...version.trainingConfig },
    evaluation_metrics: version.evaluationMetrics,
    raw_quality_score: version.rawQualityScore,
    trained_by: version.trainedBy,
    eval_dataset_id: version.evalDatasetId,
    benchmark_id: version.benchmarkId,
    runtime: {
      kind: 'process',
      command: [
        process.execPath,
        CONFIDENCE_MODEL_SCRIPT,
        String(weight),
        ...(bias === undefined ? [] : [String(bias)]),
      ],
    },
    trained_on: version.trainedOn.map((pin) => ({ dataset_id: pin.id, ...pinOf(pin) })),
    produced_by: version.producedBy ? { analysis_id: version.producedBy } : null,
    tests_hypothesis: version.testsHypothesis ? { hypothesis_id: version.testsHypothesis } : null,
    inputs: (version.inputs ?? []).map((pin) => ({ artifact_id: pin.id, ...pinOf(pin) })),
    metadata: { notes: version.notes, demo: true },
  };
}

/** How many links registering this version creates, counted the way `registerModel` makes them. */
function linkCountOf(request: RegisterModelRequest): number {
  const single = (request.produced_by ? 1 : 0) + (request.tests_hypothesis ? 1 : 0);
  return request.trained_on.length + (request.inputs?.length ?? 0) + single;
}

/** Registers a lineage's versions in order and replays its promotions; returns links created. */
async function writeLineage(tx: Tx, lineage: DemoLineage, qualityCap: number): Promise<number> {
  const ids: string[] = [];
  let links = 0;
  for (const version of lineage.versions) {
    const request = registrationOf(lineage, version);
    const props = { request, createdBy: lineage.registeredBy, trainedBy: version.trainedBy, qualityCap };
    ids.push(await registerModel(tx, props));
    links += linkCountOf(request);
  }
  for (const promotion of lineage.promotions) {
    const id = ids[promotion.version - 1];
    if (id === undefined) {
      throw new Error(`demo data: ${lineage.modelName} has no version ${promotion.version}`);
    }
    await promoteModel(tx, { id, actor: promotion.by, notes: promotion.notes });
  }
  return links;
}

async function countIncompleteProvenance(tx: Tx): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(models).where(eq(models.provenanceComplete, false));
  return row.n;
}

/**
 * Loads the demo world in one transaction: all of it or, on any failure (for example when the
 * demo is loaded already and its ids are taken), nothing. Promotions go through `promoteModel`,
 * which writes their `model_version_promoted` events; the promote route's after-commit credit
 * payout is not run here (SPEC §6 has the daily job pay promotions that have no payout).
 */
export async function loadDemoWorld(db: Db, config: Config): Promise<DemoSummary> {
  const world = DEMO_WORLD;
  return db.transaction(async (tx) => {
    let agents = 0;
    // An agent that exists already (an operator may have created it) is kept as it is.
    for (const agent of world.agents) if (await insertAgent(tx, agent)) agents += 1;
    let links = 0;
    for (const artifact of world.artifacts) links += await writeArtifact(tx, artifact, config.qualityCap);
    for (const lineage of world.lineages) links += await writeLineage(tx, lineage, config.qualityCap);
    const edges = await insertEdges(tx, demoEdges({ id: DEMO_EDGE_SOURCE, versionNumber: 2 }));
    return {
      agents,
      artifacts: world.artifacts.length,
      artifact_versions: world.artifacts.reduce((sum, artifact) => sum + artifact.versions.length, 0),
      links,
      lineages: world.lineages.length,
      models: world.lineages.reduce((sum, lineage) => sum + lineage.versions.length, 0),
      promotions: world.lineages.reduce((sum, lineage) => sum + lineage.promotions.length, 0),
      incomplete_provenance: await countIncompleteProvenance(tx),
      edges: edges.inserted,
    };
  });
}
