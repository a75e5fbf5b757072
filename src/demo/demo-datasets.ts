/**
 * The demo world's datasets: plain data modelled on public Alzheimer's disease resources (Allen
 * Brain SEA-AD, ROSMAP, AMP-AD, ADNI). Sizes and releases are plausible but invented — every
 * record is demo data, and the loader marks it so.
 */
import type { DemoArtifact } from './demo-types.ts';

/** Datasets with their releases, oldest first. */
export const DEMO_DATASETS: DemoArtifact[] = [
  {
    id: 'dataset-allen_brain-SEA-AD',
    type: 'dataset',
    title: 'SEA-AD middle temporal gyrus single-nucleus RNA-seq',
    createdBy: 'dr-kenji-watanabe',
    uri: 's3://modelgraph-demo/allen-brain/sea-ad/mtg-snrnaseq',
    metadata: {
      source: "Allen Brain Map — Seattle Alzheimer's Disease Brain Cell Atlas (SEA-AD), demo subset",
      modality: 'snRNA-seq (10x Multiome)',
      tissue: 'middle temporal gyrus',
      organism: 'Homo sapiens',
      format: 'h5ad',
    },
    versions: [
      { metadata: { release: '2023-05', donors: 84, nuclei: 1_240_908, note: 'initial release' } },
      {
        metadata: {
          release: '2024-02',
          donors: 84,
          nuclei: 1_378_211,
          note: 'reprocessed with CellBender ambient-RNA removal; supertype labels v2',
        },
      },
      {
        createdBy: 'agent-cell-atlas-curator',
        metadata: {
          release: '2025-09',
          donors: 89,
          nuclei: 1_402_557,
          note: 'five donors added; Micro-PVM supertypes split into six microglial states',
        },
      },
    ],
  },
  {
    id: 'dataset-sea-ad-holdout-donors',
    type: 'dataset',
    title: 'SEA-AD held-out donor split for evaluation',
    createdBy: 'dr-lena-hoffmann',
    uri: 's3://modelgraph-demo/allen-brain/sea-ad/holdout-donors',
    metadata: {
      derived_from: 'dataset-allen_brain-SEA-AD',
      split: 'donor-level, stratified by ADNC',
      format: 'h5ad',
    },
    versions: [
      { metadata: { donors: 12, nuclei: 188_420, note: 'first frozen split' } },
      {
        metadata: {
          donors: 14,
          nuclei: 214_903,
          note: 'rebalanced so every ADNC level has two or more donors',
        },
      },
    ],
  },
  {
    id: 'dataset-sea-ad-merfish',
    type: 'dataset',
    title: 'SEA-AD MTG MERFISH spatial transcriptomics',
    createdBy: 'dr-kenji-watanabe',
    uri: 's3://modelgraph-demo/allen-brain/sea-ad/mtg-merfish',
    metadata: {
      source: 'SEA-AD spatial (demo subset)',
      modality: 'MERFISH',
      gene_panel: 140,
      format: 'zarr',
    },
    versions: [
      { metadata: { sections: 69, cells: 1_893_404, note: 'cell segmentation and supertype mapping' } },
      {
        createdBy: 'agent-cell-atlas-curator',
        metadata: {
          sections: 69,
          cells: 1_893_404,
          note: 'adds 6E10 amyloid plaque masks from adjacent sections',
        },
      },
    ],
  },
  {
    id: 'dataset-rosmap-snrnaseq',
    type: 'dataset',
    title: 'ROSMAP prefrontal cortex single-nucleus RNA-seq',
    createdBy: 'dr-samuel-okafor',
    uri: 's3://modelgraph-demo/amp-ad/rosmap/pfc-snrnaseq',
    metadata: {
      source: 'AMP-AD Knowledge Portal — ROSMAP, demo subset',
      modality: 'snRNA-seq (10x 3′ v3)',
      tissue: 'dorsolateral prefrontal cortex (BA9)',
      format: 'h5ad',
    },
    versions: [
      { metadata: { donors: 48, nuclei: 80_660, note: 'pilot cohort' } },
      { metadata: { donors: 427, nuclei: 2_327_742, note: 'full cohort; harmonised cell-type labels' } },
    ],
  },
  {
    id: 'dataset-rosmap-clinical',
    type: 'dataset',
    title: 'ROSMAP longitudinal cognition and neuropathology',
    createdBy: 'dr-samuel-okafor',
    uri: 's3://modelgraph-demo/amp-ad/rosmap/clinical',
    metadata: {
      source: 'Religious Orders Study and Rush Memory and Aging Project, demo extract',
      variables: ['cogdx', 'globcog', 'braaksc', 'ceradsc', 'apoe_genotype', 'age_death', 'educ', 'msex'],
      format: 'parquet',
    },
    versions: [
      { metadata: { freeze: '2022-06', participants: 3_412, autopsied: 1_781 } },
      {
        metadata: {
          freeze: '2023-06',
          participants: 3_489,
          autopsied: 1_846,
          note: 'TREM2 R47H genotype added',
        },
      },
      {
        metadata: { freeze: '2024-06', participants: 3_561, autopsied: 1_902, note: 'annual follow-up 2024' },
      },
    ],
  },
  {
    id: 'dataset-ampad-coexpression',
    type: 'dataset',
    title: 'AMP-AD bulk RNA-seq co-expression modules',
    createdBy: 'agent-cell-atlas-curator',
    uri: 's3://modelgraph-demo/amp-ad/coexpression-modules',
    metadata: {
      source: 'AMP-AD harmonised bulk RNA-seq (ROSMAP, MSBB, Mayo), demo extract',
      modules: 30,
      method: 'consensus WGCNA',
      format: 'parquet',
    },
    versions: [
      { metadata: { samples: 2_114, note: 'ROSMAP and MSBB' } },
      { metadata: { samples: 2_876, note: 'Mayo temporal cortex added; modules re-derived' } },
    ],
  },
  {
    id: 'dataset-adni-tau-pet',
    type: 'dataset',
    title: 'ADNI amyloid and tau PET regional SUVR',
    createdBy: 'dr-ana-rivera',
    uri: 's3://modelgraph-demo/adni/pet-suvr',
    metadata: {
      source: "Alzheimer's Disease Neuroimaging Initiative, demo extract",
      tracers: ['florbetapir (amyloid)', 'flortaucipir (tau)'],
      parcellation: 'Desikan-Killiany, 68 cortical regions',
      format: 'csv',
    },
    versions: [
      { metadata: { participants: 812, scans: 1_904, note: 'baseline and 2-year follow-up' } },
      {
        metadata: {
          participants: 871,
          scans: 2_466,
          note: 'partial-volume corrected; 4-year follow-up added',
        },
      },
    ],
  },
  {
    id: 'dataset-ipsc-microglia-kinetics',
    type: 'dataset',
    title: 'iPSC-derived microglia amyloid-beta challenge time course',
    createdBy: 'dr-ana-rivera',
    uri: 's3://modelgraph-demo/lab/ipsc-microglia-kinetics',
    metadata: {
      system: 'iPSC-derived microglia co-cultured with cortical neurons',
      stimulus: 'oligomeric Aβ42, 1 µM',
      readouts: ['bulk RNA-seq', 'IL-1β / TNF ELISA', 'phagocytosis assay'],
      format: 'csv',
    },
    versions: [
      { metadata: { timepoints_h: [0, 2, 6, 12, 24, 48, 72, 96], lines: ['WT'], replicates: 3 } },
      {
        metadata: {
          timepoints_h: [0, 2, 6, 12, 24, 48, 72, 96],
          lines: ['WT', 'TREM2-R47H'],
          replicates: 4,
          note: 'TREM2 R47H line and C1q/C3 ELISA added',
        },
      },
    ],
  },
  {
    id: 'dataset-grn-gold-standard',
    type: 'dataset',
    title: 'Microglial TF–target gold standard (ChIP-seq and CRISPRi)',
    createdBy: 'agent-cell-atlas-curator',
    uri: 's3://modelgraph-demo/reference/microglia-grn-gold-standard',
    metadata: {
      sources: ['public microglia ChIP-seq (PU.1, IRF8, MITF)', 'CRISPRi perturb-seq'],
      format: 'tsv',
    },
    versions: [
      { metadata: { transcription_factors: 31, edges: 12_480 } },
      {
        metadata: {
          transcription_factors: 38,
          edges: 15_902,
          note: 'CRISPRi screen of DAM regulators added',
        },
      },
    ],
  },
];
