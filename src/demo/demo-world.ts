/**
 * The demo world of `modelgraph demo`: a small Alzheimer's disease research group (people and AI
 * agents), the datasets, analyses, hypotheses and benchmarks they work with, and ten model
 * lineages across the three families. Plain data only; `load-demo.ts` writes it.
 */
import { DEMO_DATASETS } from './demo-datasets.ts';
import { BIOPHYSICAL_LINEAGES } from './demo-models-biophysical.ts';
import { DEEP_LEARNING_LINEAGES } from './demo-models-deep-learning.ts';
import { STATISTICAL_LINEAGES } from './demo-models-statistical.ts';
import { DEMO_ANALYSES, DEMO_BENCHMARKS, DEMO_HYPOTHESES } from './demo-studies.ts';
import type { DemoAgent, DemoWorld } from './demo-types.ts';

/** The people and AI agents that created, trained and evaluated everything in the demo. */
export const DEMO_AGENTS: DemoAgent[] = [
  { id: 'dr-ana-rivera', displayName: 'Dr. Ana Rivera (computational neuroscience)', kind: 'human' },
  { id: 'dr-kenji-watanabe', displayName: 'Dr. Kenji Watanabe (single-cell genomics)', kind: 'human' },
  { id: 'dr-priya-natarajan', displayName: 'Dr. Priya Natarajan (biostatistics)', kind: 'human' },
  { id: 'dr-samuel-okafor', displayName: 'Dr. Samuel Okafor (cohort data curation)', kind: 'human' },
  { id: 'dr-lena-hoffmann', displayName: 'Dr. Lena Hoffmann (model evaluation)', kind: 'human' },
  { id: 'agent-hypothesis-forge', displayName: 'Hypothesis Forge (AI research agent)', kind: 'ai' },
  { id: 'agent-ode-fitter', displayName: 'ODE Fitter (AI modelling agent)', kind: 'ai' },
  { id: 'agent-cell-atlas-curator', displayName: 'Cell Atlas Curator (AI data agent)', kind: 'ai' },
  { id: 'agent-benchmark-evaluator', displayName: 'Benchmark Evaluator (AI evaluation agent)', kind: 'ai' },
];

/** Everything `loadDemoWorld` writes, with artifacts before the links and models that name them. */
export const DEMO_WORLD: DemoWorld = {
  agents: DEMO_AGENTS,
  artifacts: [...DEMO_DATASETS, ...DEMO_HYPOTHESES, ...DEMO_BENCHMARKS, ...DEMO_ANALYSES],
  lineages: [...BIOPHYSICAL_LINEAGES, ...DEEP_LEARNING_LINEAGES, ...STATISTICAL_LINEAGES],
};
