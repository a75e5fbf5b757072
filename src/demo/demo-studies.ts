/**
 * The demo world's analyses (with the dataset versions they consumed), hypotheses and
 * benchmarks: plain, invented data in an Alzheimer's disease / microglia setting.
 */
import type { DemoArtifact } from './demo-types.ts';

const NOTEBOOKS = 's3://modelgraph-demo/analyses';

/** Analyses, each pinned to the dataset versions it read. */
export const DEMO_ANALYSES: DemoArtifact[] = [
  {
    id: 'SDA-2026-01-30-001',
    type: 'analysis',
    title: 'Cross-cohort integration of SEA-AD and ROSMAP nuclei',
    createdBy: 'dr-kenji-watanabe',
    uri: `${NOTEBOOKS}/SDA-2026-01-30-001`,
    metadata: { notebook: 'integration/scvi_cross_cohort.ipynb', environment: 'python 3.11, scvi-tools 1.1' },
    versions: [{ metadata: { status: 'completed' } }],
    inputs: [
      { id: 'dataset-allen_brain-SEA-AD', version: 2 },
      { id: 'dataset-rosmap-snrnaseq', version: 1 },
    ],
  },
  {
    id: 'SDA-2026-02-10-001',
    type: 'analysis',
    title: 'Microglial state annotation by foundation-model fine-tuning',
    createdBy: 'agent-cell-atlas-curator',
    uri: `${NOTEBOOKS}/SDA-2026-02-10-001`,
    metadata: {
      notebook: 'annotation/finetune_microglia_states.ipynb',
      environment: 'python 3.11, torch 2.3',
    },
    versions: [{ metadata: { status: 'completed' } }],
    inputs: [
      { id: 'dataset-allen_brain-SEA-AD', version: 2 },
      { id: 'dataset-allen_brain-SEA-AD', version: 3 },
      { id: 'dataset-rosmap-snrnaseq', version: 2 },
    ],
  },
  {
    id: 'SDA-2026-02-27-001',
    type: 'analysis',
    title: 'Gene regulatory networks of disease-associated microglia',
    createdBy: 'agent-hypothesis-forge',
    uri: `${NOTEBOOKS}/SDA-2026-02-27-001`,
    metadata: { notebook: 'grn/dam_regulons.ipynb', environment: 'python 3.11, torch-geometric 2.5' },
    versions: [{ metadata: { status: 'completed' } }],
    inputs: [
      { id: 'dataset-ampad-coexpression', version: 1 },
      { id: 'dataset-ampad-coexpression', version: 2 },
      { id: 'dataset-allen_brain-SEA-AD', version: 3 },
    ],
  },
  {
    id: 'SDA-2026-03-05-001',
    type: 'analysis',
    title: 'Genetic risk and microglial burden in ROSMAP',
    createdBy: 'dr-priya-natarajan',
    uri: `${NOTEBOOKS}/SDA-2026-03-05-001`,
    metadata: { notebook: 'genetics/apoe_trem2_glmm.Rmd', environment: 'R 4.4, lme4 1.1-35' },
    versions: [{ metadata: { status: 'completed' } }],
    inputs: [
      { id: 'dataset-rosmap-clinical', version: 2 },
      { id: 'dataset-rosmap-clinical', version: 3 },
      { id: 'dataset-rosmap-snrnaseq', version: 2 },
    ],
  },
  {
    id: 'SDA-2026-03-12-001',
    type: 'analysis',
    title: 'Longitudinal cognitive decline and microglial density',
    createdBy: 'dr-priya-natarajan',
    uri: `${NOTEBOOKS}/SDA-2026-03-12-001`,
    metadata: { notebook: 'cognition/decline_lmm.Rmd', environment: 'R 4.4, lme4 1.1-35' },
    versions: [{ metadata: { status: 'completed' } }],
    inputs: [
      { id: 'dataset-rosmap-clinical', version: 3 },
      { id: 'dataset-rosmap-snrnaseq', version: 2 },
    ],
  },
  {
    id: 'SDA-2026-03-18-001',
    type: 'analysis',
    title: 'Amyloid–tau spread on the structural connectome',
    createdBy: 'dr-ana-rivera',
    uri: `${NOTEBOOKS}/SDA-2026-03-18-001`,
    metadata: {
      notebook: 'biophysics/network_diffusion.jl',
      environment: 'Julia 1.10, DifferentialEquations.jl',
    },
    versions: [{ metadata: { status: 'completed' } }],
    inputs: [
      { id: 'dataset-adni-tau-pet', version: 1 },
      { id: 'dataset-adni-tau-pet', version: 2 },
    ],
  },
  {
    id: 'SDA-2026-03-22-001',
    type: 'analysis',
    title: 'Complement cascade kinetics in iPSC microglia co-cultures',
    createdBy: 'agent-ode-fitter',
    uri: `${NOTEBOOKS}/SDA-2026-03-22-001`,
    metadata: { notebook: 'biophysics/complement_kinetics.jl', environment: 'Julia 1.10, Turing.jl' },
    versions: [{ metadata: { status: 'completed' } }],
    inputs: [
      { id: 'dataset-ipsc-microglia-kinetics', version: 1 },
      { id: 'dataset-ipsc-microglia-kinetics', version: 2 },
    ],
  },
  {
    id: 'SDA-2026-03-28-001',
    type: 'analysis',
    title: 'Cell-type composition across Braak stages',
    createdBy: 'dr-priya-natarajan',
    uri: `${NOTEBOOKS}/SDA-2026-03-28-001`,
    metadata: { notebook: 'composition/dirichlet_braak.stan', environment: 'CmdStan 2.35' },
    versions: [{ metadata: { status: 'completed' } }],
    inputs: [{ id: 'dataset-allen_brain-SEA-AD', version: 3 }],
  },
  {
    id: 'SDA-2026-04-01-001',
    type: 'analysis',
    title: 'Plaque-niche modelling on MERFISH sections',
    createdBy: 'dr-kenji-watanabe',
    uri: `${NOTEBOOKS}/SDA-2026-04-01-001`,
    metadata: { notebook: 'spatial/plaque_niche_cnn.ipynb', environment: 'python 3.11, torch 2.3' },
    versions: [{ metadata: { status: 'completed' } }],
    inputs: [
      { id: 'dataset-sea-ad-merfish', version: 1 },
      { id: 'dataset-sea-ad-merfish', version: 2 },
    ],
  },
  {
    id: 'SDA-2026-04-05-001',
    type: 'analysis',
    title: 'Microglial activation trajectory fitting on SEA-AD',
    createdBy: 'dr-ana-rivera',
    uri: `${NOTEBOOKS}/SDA-2026-04-05-001`,
    metadata: { notebook: 'biophysics/microglia_activation_ode.jl', environment: 'Julia 1.10, SciML' },
    versions: [
      { metadata: { status: 'completed', note: 'fits on SEA-AD release 2024-02' } },
      {
        createdBy: 'agent-ode-fitter',
        metadata: { status: 'completed', note: 'rerun on SEA-AD release 2025-09' },
      },
    ],
    inputs: [
      { id: 'dataset-allen_brain-SEA-AD', version: 2 },
      { id: 'dataset-allen_brain-SEA-AD', version: 3 },
      { id: 'dataset-ipsc-microglia-kinetics', version: 1 },
      { id: 'dataset-ipsc-microglia-kinetics', version: 2 },
    ],
  },
];

/** Hypotheses the models test. */
export const DEMO_HYPOTHESES: DemoArtifact[] = [
  {
    id: 'hyp-trem2-dam-transition',
    type: 'hypothesis',
    title: 'TREM2 signalling gates the homeostatic-to-DAM microglial transition',
    createdBy: 'agent-hypothesis-forge',
    metadata: { statement: 'Loss of TREM2 function stalls microglia at DAM stage 1 near amyloid plaques.' },
    versions: [{ metadata: { status: 'under_test' } }],
  },
  {
    id: 'hyp-complement-synapse-loss',
    type: 'hypothesis',
    title: 'C1q/C3 complement tagging drives early synapse loss near plaques',
    createdBy: 'dr-ana-rivera',
    metadata: {
      statement: 'Microglial CR3-mediated engulfment of C3-tagged synapses precedes tau pathology.',
    },
    versions: [{ metadata: { status: 'under_test' } }],
  },
  {
    id: 'hyp-microglia-tau-spread',
    type: 'hypothesis',
    title: 'Activated microglia accelerate tau spread along the connectome',
    createdBy: 'agent-hypothesis-forge',
    metadata: {
      statement: 'Regional microglial activation raises the effective tau diffusion rate between regions.',
    },
    versions: [{ metadata: { status: 'under_test' } }],
  },
  {
    id: 'hyp-apoe4-microglial-burden',
    type: 'hypothesis',
    title: 'APOE ε4 raises disease-associated microglial burden beyond amyloid',
    createdBy: 'agent-hypothesis-forge',
    metadata: { statement: 'APOE ε4 dose predicts the DAM fraction after adjusting for amyloid load.' },
    versions: [
      { metadata: { status: 'proposed' } },
      {
        createdBy: 'dr-priya-natarajan',
        metadata: { status: 'under_test', note: 'adjusts for CERAD score' },
      },
    ],
  },
];

/** Benchmarks the evaluators score models on. */
export const DEMO_BENCHMARKS: DemoArtifact[] = [
  [
    'bench-microglia-state-classification',
    'Microglial state classification on held-out SEA-AD donors',
    'macro-F1',
  ],
  ['bench-activation-trajectory', 'Microglial activation trajectory forecast', 'RMSE of state fractions'],
  ['bench-tau-spread-forecast', 'Regional tau SUVR forecast at two-year follow-up', 'RMSE (SUVR)'],
  ['bench-grn-edge-recovery', 'Regulatory edge recovery against the ChIP-seq/CRISPRi gold standard', 'AUROC'],
  ['bench-ad-pathology-risk', "Alzheimer's neuropathology risk prediction (ROSMAP autopsies)", 'AUROC'],
  ['bench-cognitive-decline', 'Global cognition slope prediction (ROSMAP)', 'RMSE'],
  ['bench-cell-composition', 'Cell-type composition across Braak stages', 'R²'],
  ['bench-cohort-integration', 'Cross-cohort integration: label transfer and batch mixing', 'accuracy'],
  ['bench-plaque-niche', 'Plaque-niche detection on MERFISH tiles', 'AUROC'],
].map(([id, title, primaryMetric], index) => ({
  id,
  type: 'benchmark',
  title,
  // Alternating authors give the credit payouts more than one benchmark author.
  createdBy: index % 2 === 0 ? 'dr-lena-hoffmann' : 'agent-benchmark-evaluator',
  uri: `s3://modelgraph-demo/benchmarks/${id}`,
  metadata: { primary_metric: primaryMetric },
  versions: [{ metadata: { protocol: 'frozen splits, 5 seeds' } }],
}));
