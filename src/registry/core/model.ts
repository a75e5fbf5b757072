/**
 * The registry's domain types: a model version, its outgoing links, and what lists and details
 * are made of. Plain data; the repositories build them from rows, the presenters turn them into
 * wire JSON.
 */
import type { Provenance } from './provenance.ts';

/** Model families. */
export const MODEL_FAMILIES = ['biophysical', 'deep_learning', 'statistical'] as const;
/** Model version statuses. */
export const MODEL_STATUSES = ['candidate', 'promoted', 'superseded', 'archived'] as const;
/** Sort keys of the catalog; it also sorts by any metric, `metrics.<name>`. */
export const MODEL_SORTS = ['quality_score', 'created_at', 'parameter_count'] as const;
/** The prefix of a sort by a metric. */
export const METRIC_SORT_PREFIX = 'metrics.';
/** A sort of the catalog: one of `MODEL_SORTS`, or `metrics.<name>`. */
export type ModelSort = (typeof MODEL_SORTS)[number] | `metrics.${string}`;

/** The metric a sort orders by, or undefined for the other sorts. */
export function sortMetricOf(sort: ModelSort): string | undefined {
  return sort.startsWith(METRIC_SORT_PREFIX) ? sort.slice(METRIC_SORT_PREFIX.length) : undefined;
}

/** One model version: its artifact fields, lineage bookkeeping, scores and runtime. */
export interface ModelVersion {
  id: string;
  title: string;
  metadata: Record<string, unknown>;
  createdBy: string;
  modelName: string;
  versionNumber: number;
  parentId: string | null;
  isLatest: boolean;
  status: string;
  modelFamily: string;
  architecture: Record<string, unknown>;
  parameters: Record<string, unknown>;
  parameterCount: number | null;
  trainingConfig: Record<string, unknown>;
  evaluationMetrics: Record<string, number>;
  rawQualityScore: number | null;
  qualityScore: number;
  /** The stored provenance verdict (docs/concepts.md#provenance-and-the-quality-score). */
  provenance: Provenance;
  trainedBy: string;
  evalDatasetId: string | null;
  benchmarkId: string | null;
  runtime: Record<string, unknown> | null;
  /** Whether an `admin` registered the runtime (docs/security.md#the-sandbox). */
  isRuntimeByAdmin: boolean;
  createdAt: Date;
}

/**
 * A version as registry clients that only track versions see it (the MLflow face): its lineage
 * and number, status, description, source, run, tags and aliases — without the fat JSON columns,
 * so a page of them is one narrow query plus tags and aliases.
 */
export interface VersionCard {
  id: string;
  modelName: string;
  versionNumber: number;
  status: string;
  /** Its own Markdown description (may be empty). */
  description: string;
  /** Where its bytes live: the URI of its artifact version, or null. */
  sourceUri: string | null;
  /** `metadata.run_id` and `metadata.run_link` when they are strings. */
  runId: string | null;
  runLink: string | null;
  /** The logged model (`m-…`) an MLflow 3 client created it from, if any. */
  modelId: string | null;
  createdBy: string;
  createdAt: Date;
  /** When its own fields (status, evaluation, family, description, tags) last changed. */
  updatedAt: Date;
  tags: Record<string, string>;
  /** The aliases naming it, sorted. */
  aliases: string[];
}

/**
 * The states of a version's enrichment from the MLflow tracking server: queued, waiting to retry,
 * finished, given up, or never queued (no tracking server was configured).
 */
export const ENRICHMENT_STATUSES = ['pending', 'retrying', 'done', 'failed', 'off'] as const;
/** One state of an enrichment. */
export type EnrichmentStatus = (typeof ENRICHMENT_STATUSES)[number];

/** The MLflow record of a version created through the MLflow face. */
export interface MlflowRecord {
  /** The logged model (`m-…`) the version was created from, when the client named one. */
  modelId: string | null;
  /** Its enrichment from the MLflow tracking server. */
  enrichment: {
    status: EnrichmentStatus;
    attempts: number;
    lastError: string | null;
    updatedAt: Date;
  };
}

/** An outgoing link of a model version with what it points at. */
export interface ModelLink {
  modelId: string;
  linkType: string;
  targetId: string;
  targetType: string;
  targetTitle: string;
  targetVersion: number | null;
}

/** A model version with its outgoing links, aliases and tags: what a list item is made of. */
export interface ModelSummary {
  model: ModelVersion;
  links: ModelLink[];
  /** The aliases naming this version, sorted. */
  aliases: string[];
  /** The version's own tags. */
  tags: Record<string, string>;
}

/** One version of a lineage, as the lineage's version history shows it. */
export interface LineageVersion {
  id: string;
  versionNumber: number;
  status: string;
  isLatest: boolean;
  qualityScore: number;
  evaluationMetrics: Record<string, number>;
  createdAt: Date;
}

/** The ids of the artifacts a model's links of one type point at, oldest link first. */
export function linkTargets(summary: ModelSummary, linkType: string): string[] {
  return summary.links.filter((link) => link.linkType === linkType).map((link) => link.targetId);
}
