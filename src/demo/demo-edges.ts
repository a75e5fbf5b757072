/**
 * The demo knowledge graph: edges inferred by `model-biophys-microglia-v2` (the promoted version,
 * so promoting v3 and running the rescore job re-scores them), a few with no stored inputs, and
 * legacy model edges without a source for the backfill to attribute. Deterministic: values come
 * from a hash of the edge's index, never from a random source.
 */
import { createHash } from 'node:crypto';
import type { NewEdgeRequest } from '../kg/edge.schemas.ts';

const GENES = [
  'TREM2',
  'APOE',
  'CD33',
  'TYROBP',
  'SPI1',
  'CLU',
  'BIN1',
  'PICALM',
  'ABCA7',
  'MS4A6A',
  'INPP5D',
  'PLCG2',
];
const TARGETS = [
  ['biolink:positively_correlated_with', 'GO:0001774'], // microglial cell activation
  ['biolink:regulates', 'GO:0150076'], // neuroinflammatory response
  ['biolink:contributes_to', 'MONDO:0004975'], // Alzheimer disease
  ['biolink:negatively_correlated_with', 'GO:0150094'], // amyloid-beta clearance by cellular catabolic process
] as const;

/** A number in [0, 1) derived from a label, stable across runs and machines. */
function unit(label: string): number {
  return createHash('sha256').update(label).digest().readUInt32BE(0) / 2 ** 32;
}

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

function statement(index: number) {
  const [predicate, object] = TARGETS[index % TARGETS.length];
  return { subject: `HGNC:${GENES[index % GENES.length]}`, predicate, object };
}

/** The edges `model-biophys-microglia-v2` inferred, with the feature vectors it read. */
function attributedEdges(source: string, version: number): NewEdgeRequest[] {
  return Array.from({ length: 40 }, (_, index) => {
    const features = [0, 1, 2].map((k) => round(unit(`features:${index}:${k}`) * 6 - 3, 3));
    return {
      id: `demo-edge-${String(index + 1).padStart(3, '0')}`,
      ...statement(index),
      confidence: round(0.05 + unit(`confidence:${index}`) * 0.9, 3),
      origin: 'model',
      source_artifact_id: source,
      source_version: version,
      // Every tenth edge predates input recording: the rescore job skips it.
      ...(index % 10 === 9 ? {} : { inputs: { features } }),
      metadata: { pipeline: 'microglia-ode-inference', demo: true },
    };
  });
}

/** Older model edges that only left a trail in their metadata, for the edge backfill. */
function legacyEdges(): NewEdgeRequest[] {
  const trails = [
    { model_id: 'model-biophys-microglia-v1' },
    { model_id: 'model-biophys-tau-spread-v1' },
    { model_name: 'model-dl-microglia-states', inferred_at: '2030-01-01T00:00:00Z' },
    { model_name: 'model-stat-apoe-trem2-glmm' },
    { analysis_id: 'SDA-2026-03-18-001' },
    { analysis_id: 'SDA-2026-04-05-001' },
    { model_name: 'model-that-never-existed' },
    { notes: 'imported from a 2023 notebook; producer unknown' },
  ];
  return trails.map((metadata, index) => ({
    id: `demo-legacy-edge-${index + 1}`,
    ...statement(index + 40),
    confidence: round(0.3 + unit(`legacy:${index}`) * 0.6, 3),
    origin: 'model',
    metadata: { ...metadata, demo: true },
  }));
}

/** What the demo's genes and terms are called, so the pages show `name (CURIE)`. */
export function demoNodes(): { id: string; name: string; category: string }[] {
  const genes = GENES.map((gene) => ({ id: `HGNC:${gene}`, name: `${gene} gene`, category: 'biolink:Gene' }));
  return [
    ...genes,
    { id: 'GO:0001774', name: 'microglial cell activation', category: 'biolink:BiologicalProcess' },
    { id: 'GO:0150076', name: 'neuroinflammatory response', category: 'biolink:BiologicalProcess' },
    { id: 'MONDO:0004975', name: 'Alzheimer disease', category: 'biolink:Disease' },
    {
      id: 'GO:0150094',
      name: 'amyloid-beta clearance by cellular catabolic process',
      category: 'biolink:BiologicalProcess',
    },
  ];
}

/** Every demo edge, attributed ones first. */
export function demoEdges(source: { id: string; versionNumber: number }): NewEdgeRequest[] {
  return [...attributedEdges(source.id, source.versionNumber), ...legacyEdges()];
}
