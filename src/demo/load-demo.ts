/**
 * `modelgraph demo`, also run by `serve` on an empty database: writes the demo world of
 * `demo-world.ts` through the registry services — never raw inserts — so every link check,
 * lineage rule and quality score applies to it exactly as to a client's writes.
 */
import { createHash } from 'node:crypto';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureAgent } from '../agents/agent.service.ts';
import { actingAs } from '../caller.ts';
import type { Deps, Unit } from '../deps.ts';
import { openPromotionRequest } from '../governance/promotion-request.service.ts';
import { insertEdges } from '../kg/edge.service.ts';
import { upsertNodes } from '../kg/node.service.ts';
import {
  createArtifact,
  createArtifactVersion,
  createLink,
  hasNoArtifacts,
} from '../registry/artifacts/artifact.service.ts';
import { setPolicy } from '../registry/lineages/policy.service.ts';
import { type RegisterModelProps, registerModel } from '../registry/models/model.service.ts';
import { countIncompleteProvenance } from '../registry/models/model-read.service.ts';
import { promoteModel } from '../registry/models/promotion.service.ts';
import { runInUnit } from '../unit-of-work.ts';
import { demoEdges, demoNodes } from './demo-edges.ts';
import { DEMO_GOVERNANCE, type DemoGovernance } from './demo-governance.ts';
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
  /** Promotion requests left open on the governed lineage. */
  promotion_requests: number;
  /** Model versions whose provenance fails a provenance rule, so their score is capped. */
  incomplete_provenance: number;
  /** Knowledge-graph edges (attributed to the microglia model's v2, and legacy ones to backfill). */
  edges: number;
  /** Knowledge-graph nodes given a name. */
  nodes: number;
}

/** The version the demo's attributed edges came from: promote its v3 and rescore to see them move. */
export const DEMO_EDGE_SOURCE = 'model-biophys-microglia-v2';

/** Who wrote the demo's edges: a maintainer of the microglia lineage (its registrant). */
const DEMO_EDGE_WRITER = 'dr-ana-rivera';

/** The demo inference process every demo model version's runtime starts. */
export const CONFIDENCE_MODEL_SCRIPT = fileURLToPath(
  new URL('./models/confidence-model.mjs', import.meta.url),
);

/** Whether the database holds no artifact yet (the demo loads only into an empty one). */
export function isDatabaseEmpty(deps: Pick<Deps, 'db'>): Promise<boolean> {
  return hasNoArtifacts(deps);
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
async function writeArtifact(deps: Deps, unit: Unit, artifact: DemoArtifact): Promise<number> {
  const [first, ...later] = artifact.versions;
  await createArtifact(deps, {
    unit,
    caller: actingAs(artifact.createdBy),
    id: artifact.id,
    type: artifact.type,
    title: artifact.title,
    metadata: { ...artifact.metadata, initial_version: first.metadata, demo: true },
    version: versionLocation(artifact, 1),
  });
  for (const [index, version] of later.entries()) {
    await createArtifactVersion(deps, {
      unit,
      caller: actingAs(version.createdBy ?? artifact.createdBy),
      artifactId: artifact.id,
      ...versionLocation(artifact, index + 2),
      metadata: version.metadata,
    });
  }
  for (const input of artifact.inputs ?? []) {
    const spec = { sourceId: artifact.id, targetId: input.id, linkType: 'input' as const };
    await createLink(deps, {
      unit,
      spec: { ...spec, targetVersion: input.version ?? null },
      caller: actingAs(artifact.createdBy),
    });
  }
  return artifact.inputs?.length ?? 0;
}

const pinOf = (pin: DemoPin) => ({ id: pin.id, version: pin.version ?? null });

/** The registration one demo version amounts to, with its demo runtime. */
function registrationOf(unit: Unit, lineage: DemoLineage, version: DemoModelVersion): RegisterModelProps {
  const { weight, bias } = version.runtime;
  return {
    unit,
    caller: actingAs(lineage.registeredBy),
    modelName: lineage.modelName,
    title: version.title,
    modelFamily: lineage.family,
    architecture: { ...lineage.architecture, ...version.architecture },
    parameters: version.parameters,
    parameterCount: version.parameterCount,
    trainingConfig: { ...lineage.trainingConfig, ...version.trainingConfig },
    evaluationMetrics: version.evaluationMetrics,
    rawQualityScore: version.rawQualityScore,
    trainedBy: version.trainedBy,
    evalDatasetId: version.evalDatasetId,
    benchmarkId: version.benchmarkId,
    runtime: {
      kind: 'process',
      command: [
        process.execPath,
        CONFIDENCE_MODEL_SCRIPT,
        String(weight),
        ...(bias === undefined ? [] : [String(bias)]),
      ],
      // The sandbox shows a runtime its cwd, so the demo script is visible there.
      cwd: dirname(CONFIDENCE_MODEL_SCRIPT),
    },
    trainedOn: version.trainedOn.map(pinOf),
    producedBy: version.producedBy ?? null,
    testsHypothesis: version.testsHypothesis ?? null,
    inputs: (version.inputs ?? []).map(pinOf),
    metadata: { notes: version.notes, demo: true },
  };
}

/** How many links registering this version creates, counted the way `registerModel` makes them. */
function linkCountOf(props: RegisterModelProps): number {
  const single = (props.producedBy ? 1 : 0) + (props.testsHypothesis ? 1 : 0);
  return (props.trainedOn?.length ?? 0) + (props.inputs?.length ?? 0) + single;
}

/** Registers a lineage's versions in order and replays its promotions (each paid); returns links created. */
async function writeLineage(deps: Deps, unit: Unit, lineage: DemoLineage): Promise<number> {
  const ids: string[] = [];
  let links = 0;
  for (const version of lineage.versions) {
    const props = registrationOf(unit, lineage, version);
    ids.push(await registerModel(deps, props));
    links += linkCountOf(props);
  }
  for (const promotion of lineage.promotions) {
    const id = ids[promotion.version - 1];
    if (id === undefined) {
      throw new Error(`demo data: ${lineage.modelName} has no version ${promotion.version}`);
    }
    await promoteModel(deps, { unit, caller: actingAs(promotion.by), id, notes: promotion.notes });
  }
  return links;
}

/** Sets the governed lineage's policy (after its promotions were replayed) and opens its requests; returns how many. */
async function governLineage(deps: Deps, unit: Unit, governance: DemoGovernance): Promise<number> {
  const { modelName, policy } = governance;
  await setPolicy(deps, { unit, caller: actingAs(governance.setBy), modelName, policy });
  for (const request of governance.requests) {
    const id = `${modelName}-v${request.version}`;
    await openPromotionRequest(deps, { unit, caller: actingAs(request.by), id, note: request.note });
  }
  return governance.requests.length;
}

/**
 * Loads the demo world in one unit of work: all of it or, on any failure (for example when the demo
 * is loaded already and its ids are taken), nothing. Every write is the command a client's write
 * would be, acting for the demo's agents with admin rights as an operator seeding a registry would;
 * its promotions are paid once it has committed, in order, exactly as through the API.
 */
export async function loadDemoWorld(deps: Deps): Promise<DemoSummary> {
  const world = DEMO_WORLD;
  return runInUnit(deps, async (unit) => {
    let agents = 0;
    // An agent that exists already (an operator may have created it) is kept as it is.
    for (const agent of world.agents) if (await ensureAgent(deps, { unit, agent })) agents += 1;
    let links = 0;
    for (const artifact of world.artifacts) links += await writeArtifact(deps, unit, artifact);
    for (const lineage of world.lineages) links += await writeLineage(deps, unit, lineage);
    const requests = await governLineage(deps, unit, DEMO_GOVERNANCE);
    const edges = await insertEdges(deps, {
      unit,
      caller: actingAs(DEMO_EDGE_WRITER),
      edges: demoEdges({ id: DEMO_EDGE_SOURCE, versionNumber: 2 }),
    });
    const nodes = await upsertNodes(deps, { unit, caller: actingAs(DEMO_EDGE_WRITER), nodes: demoNodes() });
    return {
      agents,
      artifacts: world.artifacts.length,
      artifact_versions: world.artifacts.reduce((sum, artifact) => sum + artifact.versions.length, 0),
      links,
      lineages: world.lineages.length,
      models: world.lineages.reduce((sum, lineage) => sum + lineage.versions.length, 0),
      promotions: world.lineages.reduce((sum, lineage) => sum + lineage.promotions.length, 0),
      promotion_requests: requests,
      incomplete_provenance: await countIncompleteProvenance({ db: unit.tx }),
      edges: edges.inserted,
      nodes: nodes.upserted,
    };
  });
}
