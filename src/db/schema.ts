/**
 * The one schema file: every table of modelgraph. drizzle-kit generates the SQL migrations in
 * `drizzle/` from it, and the same migrations run on embedded PGlite and on PostgreSQL 15+.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/** A JSON object column's TypeScript type. */
export type JsonObject = Record<string, unknown>;

// clock_timestamp(), not now(): rows written in one transaction still get their own times, in order.
const createdAt = () =>
  timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().default(sql`clock_timestamp()`);

/** People and AI agents; every write names one as `created_by`. */
export const agents = pgTable(
  'agents',
  {
    id: text('id').primaryKey(),
    displayName: text('display_name').notNull(),
    kind: text('kind').notNull(),
    /** An inactive agent's tokens are all refused; its data stays. */
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [check('agents_kind_check', sql`${t.kind} in ('human', 'ai')`)],
);

/**
 * API tokens, stored as SHA-256 hashes, each with its scopes and a public handle (`id`) by which it
 * is listed and revoked. Revoked tokens stay, so the list shows when each was withdrawn.
 */
export const tokens = pgTable(
  'tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    // The default also names the tokens issued before handles existed.
    id: text('id')
      .notNull()
      .default(sql`('tok_' || substr(md5(random()::text || clock_timestamp()::text), 1, 20))`),
    agentId: text('agent_id')
      .notNull()
      .references(() => agents.id),
    scopes: text('scopes').array().notNull(),
    label: text('label'),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }),
    /** Written at most once a minute per token, after the request (it may lag by up to a minute). */
    lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('tokens_agent_idx').on(t.agentId), uniqueIndex('tokens_id_idx').on(t.id)],
);

/** Everything the platform versions: datasets, analyses, hypotheses, benchmarks and model versions. */
export const artifacts = pgTable(
  'artifacts',
  {
    id: text('id').primaryKey(),
    type: text('type').notNull(),
    title: text('title').notNull(),
    metadata: jsonb('metadata').$type<JsonObject>().notNull().default({}),
    createdBy: text('created_by')
      .notNull()
      .references(() => agents.id),
    createdAt: createdAt(),
  },
  (t) => [
    check(
      'artifacts_type_check',
      sql`${t.type} in ('dataset', 'analysis', 'hypothesis', 'benchmark', 'model')`,
    ),
    index('artifacts_type_idx').on(t.type),
    // A filter's `created_by = 'agent'`, and an agent's page listing what it registered.
    index('artifacts_created_by_idx').on(t.createdBy),
  ],
);

/** Immutable snapshots of an artifact, numbered 1, 2, 3… per artifact by the server. */
export const artifactVersions = pgTable(
  'artifact_versions',
  {
    artifactId: text('artifact_id')
      .notNull()
      .references(() => artifacts.id),
    versionNumber: integer('version_number').notNull(),
    digest: text('digest'),
    uri: text('uri'),
    metadata: jsonb('metadata').$type<JsonObject>().notNull().default({}),
    createdBy: text('created_by')
      .notNull()
      .references(() => agents.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.artifactId, t.versionNumber] }),
    index('artifact_versions_digest_idx').on(t.digest),
  ],
);

/**
 * Typed, directed edges between artifacts. A pinned link names a version; the composite foreign
 * key checks it exists (MATCH SIMPLE skips the check when `target_version` is null).
 */
export const links = pgTable(
  'links',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    sourceId: text('source_id')
      .notNull()
      .references(() => artifacts.id),
    targetId: text('target_id')
      .notNull()
      .references(() => artifacts.id),
    linkType: text('link_type').notNull(),
    targetVersion: integer('target_version'),
    createdBy: text('created_by')
      .notNull()
      .references(() => agents.id),
    createdAt: createdAt(),
  },
  (t) => [
    check(
      'links_type_check',
      sql`${t.linkType} in ('trained_on', 'produced_by', 'tests_hypothesis', 'input', 'derived_from')`,
    ),
    foreignKey({
      name: 'links_target_version_fk',
      columns: [t.targetId, t.targetVersion],
      foreignColumns: [artifactVersions.artifactId, artifactVersions.versionNumber],
    }),
    unique('links_unique').on(t.sourceId, t.linkType, t.targetId, t.targetVersion).nullsNotDistinct(),
    // INCLUDE (source_id) in drizzle/0006_covering_catalog_indexes.sql (drizzle-kit cannot say it).
    index('links_target_idx').on(t.targetId, t.linkType),
  ],
);

/**
 * Retractions of datasets, analyses and benchmarks (docs/concepts.md#retraction): a whole artifact
 * (`version_number` null) or one version, who retracted it, why and on what evidence. Reinstating
 * ends a retraction and keeps its row, so the table is the history; at most one is active per target.
 */
export const retractions = pgTable(
  'retractions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    artifactId: text('artifact_id')
      .notNull()
      .references(() => artifacts.id),
    /** The retracted version; null when the whole artifact is retracted. */
    versionNumber: integer('version_number'),
    reason: text('reason').notNull(),
    evidenceUrl: text('evidence_url'),
    /** The agent, or the name a face acts under (`cli`), as the events log's `actor`: no foreign key. */
    retractedBy: text('retracted_by').notNull(),
    retractedAt: timestamp('retracted_at', { withTimezone: true, mode: 'date' })
      .notNull()
      .default(sql`clock_timestamp()`),
    /** When the retraction ended; null while it is in force. */
    reinstatedAt: timestamp('reinstated_at', { withTimezone: true, mode: 'date' }),
    reinstatedBy: text('reinstated_by'),
    reinstateReason: text('reinstate_reason'),
  },
  (t) => [
    foreignKey({
      name: 'retractions_version_fk',
      columns: [t.artifactId, t.versionNumber],
      foreignColumns: [artifactVersions.artifactId, artifactVersions.versionNumber],
    }),
    check(
      'retractions_reinstated_check',
      sql`(${t.reinstatedAt} is null) = (${t.reinstatedBy} is null) and (${t.reinstatedAt} is null) = (${t.reinstateReason} is null)`,
    ),
    // One retraction in force per artifact and per version (0 stands for the whole artifact);
    // the provenance evaluation finds the ones in force through it.
    uniqueIndex('retractions_active_idx')
      .on(t.artifactId, sql`coalesce(${t.versionNumber}, 0)`)
      .where(sql`${t.reinstatedAt} is null`),
    index('retractions_artifact_idx').on(t.artifactId, t.id),
  ],
);

/** Model versions: one row per artifact of type `model`, with its lineage and scores. */
export const models = pgTable(
  'models',
  {
    id: text('id')
      .primaryKey()
      .references(() => artifacts.id),
    modelName: text('model_name').notNull(),
    versionNumber: integer('version_number').notNull(),
    parentId: text('parent_id'),
    isLatest: boolean('is_latest').notNull(),
    status: text('status').notNull().default('candidate'),
    modelFamily: text('model_family').notNull(),
    architecture: jsonb('architecture').$type<JsonObject>().notNull().default({}),
    parameters: jsonb('parameters').$type<JsonObject>().notNull().default({}),
    parameterCount: bigint('parameter_count', { mode: 'number' }),
    trainingConfig: jsonb('training_config').$type<JsonObject>().notNull().default({}),
    evaluationMetrics: jsonb('evaluation_metrics').$type<Record<string, number>>().notNull().default({}),
    rawQualityScore: doublePrecision('raw_quality_score'),
    qualityScore: doublePrecision('quality_score').notNull().default(0),
    provenanceComplete: boolean('provenance_complete').notNull().default(false),
    provenanceMissing: text('provenance_missing').array().notNull().default(sql`'{}'::text[]`),
    /**
     * The retracted artifacts and versions the version was built on, directly or through other model
     * versions (docs/concepts.md#retraction); empty when none. Non-empty caps the score like incomplete provenance.
     */
    provenanceRetracted: jsonb('provenance_retracted')
      .$type<{ artifact_id: string; version: number | null }[]>()
      .notNull()
      .default([]),
    trainedBy: text('trained_by')
      .notNull()
      .references(() => agents.id),
    evalDatasetId: text('eval_dataset_id').references(() => artifacts.id),
    benchmarkId: text('benchmark_id').references(() => artifacts.id),
    runtime: jsonb('runtime').$type<JsonObject>(),
    /** Whether the runtime was registered with the `admin` scope: only such code may ever run unconfined. */
    runtimeByAdmin: boolean('runtime_by_admin').notNull().default(false),
    /** The version's own Markdown description (the MLflow face's `description`; may be empty). */
    description: text('description').notNull().default(''),
    createdAt: createdAt(),
    /** When the version's own fields (status, evaluation, family, description, tags) last changed. */
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' })
      .notNull()
      .default(sql`clock_timestamp()`),
  },
  (t) => [
    foreignKey({ name: 'models_parent_fk', columns: [t.parentId], foreignColumns: [t.id] }),
    foreignKey({ name: 'models_lineage_fk', columns: [t.modelName], foreignColumns: [lineages.modelName] }),
    check('models_status_check', sql`${t.status} in ('candidate', 'promoted', 'superseded', 'archived')`),
    check('models_family_check', sql`${t.modelFamily} in ('biophysical', 'deep_learning', 'statistical')`),
    check('models_raw_quality_check', sql`${t.rawQualityScore} between 0 and 1`),
    check('models_parameter_count_check', sql`${t.parameterCount} >= 0`),
    unique('models_lineage_version_unique').on(t.modelName, t.versionNumber),
    uniqueIndex('models_one_latest_idx').on(t.modelName).where(sql`${t.isLatest}`),
    uniqueIndex('models_one_promoted_idx').on(t.modelName).where(sql`${t.status} = 'promoted'`),
    // DESC NULLS FIRST is PostgreSQL's plain DESC: only then does `order by x desc, id` (or its
    // reverse, asc) walk these indexes instead of sorting. drizzle's bare .desc() says NULLS LAST.
    // The three models_latest_* indexes INCLUDE (model_family, status): drizzle/0006_*.sql.
    index('models_latest_created_idx').on(t.isLatest, t.createdAt.desc().nullsFirst(), t.id),
    index('models_latest_quality_idx').on(t.isLatest, t.qualityScore.desc().nullsFirst(), t.id),
    // The catalog sorts an unknown parameter count as the smallest value (coalesce), so index that.
    index('models_latest_params_idx').on(t.isLatest, sql`coalesce(${t.parameterCount}, -1) desc`, t.id),
    // A filter's `parameter_count` range over the latest versions; INCLUDE (provenance_complete),
    // hand-written in drizzle/*_search_parameter_count.sql, answers it with the provenance flag
    // from the index alone.
    index('models_latest_param_range_idx').on(t.isLatest, t.parameterCount),
    index('models_created_idx').on(t.createdAt.desc().nullsFirst(), t.id),
    index('models_quality_idx').on(t.qualityScore.desc().nullsFirst(), t.id),
    index('models_family_idx').on(t.modelFamily),
    // A filter's `trained_by = 'agent'`, and an agent's page listing what it trained.
    index('models_trained_by_idx').on(t.trainedBy),
    // The catalog's `flag=retracted_input`: the few versions built on a retraction, found without a scan.
    index('models_retracted_idx').on(t.id).where(sql`${t.provenanceRetracted} <> '[]'::jsonb`),
  ],
);

/** Model lineages (a `model_name`) as resources of their own: description and bookkeeping times. */
export const lineages = pgTable(
  'lineages',
  {
    modelName: text('model_name').primaryKey(),
    description: text('description').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /**
     * When the lineage was retired (MLflow's `registered-models/delete`): every version archived,
     * hidden from the MLflow face; the native API still shows it. Null while it is in use.
     */
    retiredAt: timestamp('retired_at', { withTimezone: true, mode: 'date' }),
  },
  // The lineage list and the MLflow search sort by the last change, newest first, then by name.
  // A trigram index on the name (drizzle/0012_mlflow_face_backfill.sql) serves `name LIKE` / `ILIKE` searches.
  (t) => [index('lineages_updated_idx').on(t.updatedAt.desc().nullsFirst(), t.modelName)],
);

/**
 * Who maintains a lineage (docs/concepts.md#maintainers): may register its versions, tag it, link and
 * attribute to it.
 */
export const lineageMaintainers = pgTable(
  'lineage_maintainers',
  {
    modelName: text('model_name')
      .notNull()
      .references(() => lineages.modelName),
    agentId: text('agent_id')
      .notNull()
      .references(() => agents.id),
    addedBy: text('added_by')
      .notNull()
      .references(() => agents.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.modelName, t.agentId] }),
    index('lineage_maintainers_agent_idx').on(t.agentId),
  ],
);

/**
 * A lineage's promotion policy (docs/concepts.md#governed-promotion): the approvals and evidence a
 * promotion needs. A lineage without a row has the defaults (a direct promotion); every change is
 * also a `promotion_policy_set` event, which the lineage's history reads.
 */
export const promotionPolicies = pgTable(
  'promotion_policies',
  {
    modelName: text('model_name')
      .primaryKey()
      .references(() => lineages.modelName),
    requiredApprovals: integer('required_approvals').notNull(),
    excludeContributors: boolean('exclude_contributors').notNull(),
    requireCompleteProvenance: boolean('require_complete_provenance').notNull(),
    requireImpactPreview: boolean('require_impact_preview').notNull(),
    previewMaxAgeHours: integer('preview_max_age_hours').notNull(),
    maxFlagFraction: doublePrecision('max_flag_fraction'),
    setBy: text('set_by')
      .notNull()
      .references(() => agents.id),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    check('promotion_policies_approvals_check', sql`${t.requiredApprovals} between 0 and 5`),
    check('promotion_policies_age_check', sql`${t.previewMaxAgeHours} between 1 and 720`),
    check('promotion_policies_fraction_check', sql`${t.maxFlagFraction} between 0 and 1`),
  ],
);

/**
 * Promotion requests (docs/concepts.md#governed-promotion): a version of a governed lineage waiting
 * for approvals and evidence. At most one open request per version. `required_approvals` and
 * `checks` are kept when the request is decided (while it is open they follow the current policy and
 * evidence).
 */
export const promotionRequests = pgTable(
  'promotion_requests',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    modelId: text('model_id')
      .notNull()
      .references(() => models.id),
    modelName: text('model_name')
      .notNull()
      .references(() => lineages.modelName),
    status: text('status').notNull().default('open'),
    requestedBy: text('requested_by')
      .notNull()
      .references(() => agents.id),
    note: text('note'),
    createdAt: createdAt(),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
    /** Who decided it (the last approver, the rejecter, the withdrawer; for `superseded`, the promoter). */
    decidedBy: text('decided_by').references(() => agents.id),
    requiredApprovals: integer('required_approvals'),
    checks: jsonb('checks').$type<JsonObject[]>(),
  },
  (t) => [
    check(
      'promotion_requests_status_check',
      sql`${t.status} in ('open', 'approved', 'rejected', 'withdrawn', 'superseded')`,
    ),
    uniqueIndex('promotion_requests_one_open_idx').on(t.modelId).where(sql`${t.status} = 'open'`),
    // The list, newest first: all, by status, by lineage (which also finds a lineage's open requests).
    index('promotion_requests_created_idx').on(t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('promotion_requests_status_idx').on(
      t.status,
      t.createdAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index('promotion_requests_lineage_idx').on(
      t.modelName,
      t.createdAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
  ],
);

/** The approvals and rejections of promotion requests: one per agent and request. */
export const promotionRequestDecisions = pgTable(
  'promotion_request_decisions',
  {
    requestId: bigint('request_id', { mode: 'number' })
      .notNull()
      .references(() => promotionRequests.id),
    agentId: text('agent_id')
      .notNull()
      .references(() => agents.id),
    verdict: text('verdict').notNull(),
    comment: text('comment'),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().default(sql`clock_timestamp()`),
  },
  (t) => [
    primaryKey({ columns: [t.requestId, t.agentId] }),
    check('promotion_request_decisions_verdict_check', sql`${t.verdict} in ('approve', 'reject')`),
  ],
);

/** Aliases of lineages: a name for one version, like MLflow's `@champion`. */
export const lineageAliases = pgTable(
  'lineage_aliases',
  {
    modelName: text('model_name')
      .notNull()
      .references(() => lineages.modelName),
    alias: text('alias').notNull(),
    versionId: text('version_id')
      .notNull()
      .references(() => models.id),
    isProtected: boolean('is_protected').notNull().default(false),
    setBy: text('set_by')
      .notNull()
      .references(() => agents.id),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.modelName, t.alias] }),
    index('lineage_aliases_version_idx').on(t.versionId),
    // A filter's `alias = 'champion'` from the alias side.
    index('lineage_aliases_alias_idx').on(t.alias, t.versionId),
  ],
);

/** Key–value tags on lineages. */
export const lineageTags = pgTable(
  'lineage_tags',
  {
    modelName: text('model_name')
      .notNull()
      .references(() => lineages.modelName),
    key: text('key').notNull(),
    value: text('value').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.modelName, t.key] }), // Values may be 5,000 characters, too long for a btree entry: the filter narrows by key.
    index('lineage_tags_key_idx').on(t.key, t.modelName),
    // A filter's `tags.<key> = 'value'` from the value side: a hash index takes values of any length.
    index('lineage_tags_value_idx').using('hash', t.value),
  ],
);

/** Key–value tags on model versions. */
export const modelTags = pgTable(
  'model_tags',
  {
    modelId: text('model_id')
      .notNull()
      .references(() => models.id),
    key: text('key').notNull(),
    value: text('value').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.modelId, t.key] }),
    index('model_tags_key_idx').on(t.key, t.modelId),
    // A filter's `tags.<key> = 'value'` from the value side: a hash index takes values of any length.
    index('model_tags_value_idx').using('hash', t.value),
  ],
);

/**
 * Each version's numeric evaluation metrics, one row per (version, metric): the search language's
 * `metrics.<name>` comparisons find versions through the (name, value) index instead of reading
 * every version's JSON. `models.evaluation_metrics` stays the record (the API's shape); this copy
 * is kept exact by triggers on `models` (`drizzle/*_model_metrics.sql`), so every way a version is
 * written — each registration face, an edit, a bulk load — writes it in the same transaction.
 */
export const modelMetrics = pgTable(
  'model_metrics',
  {
    versionId: text('version_id')
      .notNull()
      .references(() => models.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    value: doublePrecision('value').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.versionId, t.name] }),
    index('model_metrics_name_value_idx').on(t.name, t.value, t.versionId),
  ],
);

/**
 * How many model versions there are per (latest?, family, status): the catalog's `total` without a
 * text, dataset or hypothesis filter is a sum over a few of these rows instead of a count over
 * every version. Kept exact by statement-level triggers on `models` (`drizzle/0004_*.sql`).
 */
export const modelCounts = pgTable(
  'model_counts',
  {
    isLatest: boolean('is_latest').notNull(),
    modelFamily: text('model_family').notNull(),
    status: text('status').notNull(),
    versions: bigint('versions', { mode: 'number' }).notNull(),
  },
  // No `versions >= 0` check: an upsert of a negative delta is checked as an insert before it
  // becomes an update of the existing row, so the check would refuse every decrement.
  (t) => [primaryKey({ columns: [t.isLatest, t.modelFamily, t.status] })],
);

/** The append-only improvement log (`model_version_promoted`, `model_rescore`, `credit_payout`, …). */
export const events = pgTable(
  'events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    eventType: text('event_type').notNull(),
    targetArtifactId: text('target_artifact_id').notNull(),
    actor: text('actor').notNull(),
    detectionMetadata: jsonb('detection_metadata').$type<JsonObject>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    index('events_target_idx').on(
      t.targetArtifactId,
      t.createdAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index('events_type_idx').on(t.eventType, t.createdAt.desc().nullsFirst()),
    index('events_created_idx').on(t.createdAt.desc().nullsFirst()),
    // What one agent did, newest first (the agent page's promotions, `GET /api/events?actor=&type=`).
    index('events_actor_idx').on(
      t.actor,
      t.eventType,
      t.createdAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    // What an alias named at a moment: its last set or delete by then is the first entry of one range.
    index('events_alias_history_idx')
      .on(
        sql`(${t.detectionMetadata}->>'model_name')`,
        sql`(${t.detectionMetadata}->>'alias')`,
        t.createdAt.desc().nullsFirst(),
        t.id.desc().nullsFirst(),
      )
      .where(sql`${t.eventType} in ('model_alias_set', 'model_alias_deleted')`),
  ],
);

/** Knowledge-graph edges. No code path deletes one: retraction is a status. */
export const kgEdges = pgTable(
  'kg_edges',
  {
    id: text('id').primaryKey(),
    subject: text('subject').notNull(),
    predicate: text('predicate').notNull(),
    object: text('object').notNull(),
    confidence: doublePrecision('confidence').notNull(),
    origin: text('origin').notNull(),
    status: text('status').notNull().default('active'),
    sourceArtifactId: text('source_artifact_id').references(() => models.id),
    sourceVersion: integer('source_version'),
    provenanceUnknown: boolean('provenance_unknown').notNull().default(false),
    reviewFlag: boolean('review_flag').notNull().default(false),
    /** Why the edge waits for review: `large_decrease` (a rescore) or `retracted_input`; null when not flagged. */
    reviewReason: text('review_reason').$type<'large_decrease' | 'retracted_input'>(),
    inputs: jsonb('inputs'),
    metadata: jsonb('metadata').$type<JsonObject>().notNull().default({}),
    knowledgeLevel: text('knowledge_level').notNull(),
    /** SHA-256 of the edge as first sent through the API, so a re-send is recognised even after rescoring. */
    contentHash: text('content_hash'),
    agentType: text('agent_type').notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    check('kg_edges_confidence_check', sql`${t.confidence} between 0 and 1`),
    check('kg_edges_origin_check', sql`${t.origin} in ('model', 'curated', 'literature', 'other')`),
    check('kg_edges_status_check', sql`${t.status} in ('active', 'retracted')`),
    check('kg_edges_review_reason_check', sql`${t.reviewReason} in ('large_decrease', 'retracted_input')`),
    // A version's edges in list order (confidence, then id), with or without a status filter:
    // status last, so a list by source alone walks the index too instead of the whole table.
    index('kg_edges_source_idx').on(t.sourceArtifactId, t.confidence.desc().nullsFirst(), t.id, t.status),
    // The rescore's batches: a parent version's active edges in id order, 500 at a time.
    index('kg_edges_source_id_idx').on(t.sourceArtifactId, t.status, t.id),
    // The order of every edge list (confidence, then id), for lists without a source filter.
    index('kg_edges_confidence_idx').on(t.confidence.desc().nullsFirst(), t.id),
    index('kg_edges_subject_idx').on(t.subject),
    index('kg_edges_object_idx').on(t.object),
    // A filter's `predicate = …` in list order.
    index('kg_edges_predicate_idx').on(t.predicate, t.confidence.desc().nullsFirst(), t.id),
    index('kg_edges_review_idx').on(t.id).where(sql`${t.reviewFlag}`),
    // The review queue by reason, in list order (confidence, then id).
    index('kg_edges_review_reason_idx')
      .on(t.reviewReason, t.confidence.desc().nullsFirst(), t.id)
      .where(sql`${t.reviewFlag}`),
    index('kg_edges_unattributed_idx')
      .on(t.id)
      .where(sql`${t.origin} = 'model' and ${t.sourceArtifactId} is null and not ${t.provenanceUnknown}`),
  ],
);

/**
 * The names of knowledge-graph nodes (the CURIEs edges name as subject or object), so pages and the
 * KGX export can say `Alzheimer disease (MONDO:0004975)`. A node without a row is simply unnamed.
 */
export const kgNodes = pgTable('kg_nodes', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** A Biolink category (`biolink:Gene`) when the writer gave one. */
  category: text('category'),
  /** The agent that last named it. */
  namedBy: text('named_by')
    .notNull()
    .references(() => agents.id),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' })
    .notNull()
    .default(sql`clock_timestamp()`),
});

/** Every confidence an edge has had, with the model version and event that set it. */
export const edgeHistory = pgTable(
  'edge_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    edgeId: text('edge_id')
      .notNull()
      .references(() => kgEdges.id),
    confidence: doublePrecision('confidence').notNull(),
    sourceArtifactId: text('source_artifact_id'),
    sourceVersion: integer('source_version'),
    eventId: bigint('event_id', { mode: 'number' }),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    // An edge's history, and its last entry at or before a moment (`as_of`).
    index('edge_history_edge_at_idx').on(t.edgeId, t.at, t.id),
    // The edges changed after a moment: the only ones an `as_of` list looks up in the history.
    index('edge_history_at_idx').on(t.at),
  ],
);

/** The persisted FIFO queue of promotions whose parent's edges are to be re-scored by the child. */
export const rescoreQueue = pgTable(
  'rescore_queue',
  {
    eventId: bigint('event_id', { mode: 'number' })
      .primaryKey()
      .references(() => events.id),
    parentId: text('parent_id').notNull(),
    childId: text('child_id').notNull(),
    status: text('status').notNull().default('queued'),
    enqueuedAt: timestamp('enqueued_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    check('rescore_queue_status_check', sql`${t.status} in ('queued', 'done')`),
    index('rescore_queue_queued_idx').on(t.eventId).where(sql`${t.status} = 'queued'`),
  ],
);

/** Edges a promotion could not re-score (no inputs, or the runner failed): never retried for it. */
export const rescoreSkips = pgTable(
  'rescore_skips',
  {
    eventId: bigint('event_id', { mode: 'number' })
      .notNull()
      .references(() => rescoreQueue.eventId),
    edgeId: text('edge_id')
      .notNull()
      .references(() => kgEdges.id),
    reason: text('reason').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.edgeId] }),
    check('rescore_skips_reason_check', sql`${t.reason} in ('skipped_no_inputs', 'failed')`),
  ],
);

/** Every rescore pass that did or tried work; the 24-hour limit reads it. */
export const rescorePasses = pgTable(
  'rescore_passes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
    outcome: text('outcome').notNull().default('running'),
    summary: jsonb('summary').$type<JsonObject>(),
  },
  (t) => [index('rescore_passes_started_idx').on(t.startedAt.desc().nullsFirst())],
);

/** A record of every tool run (the rescore job among them): inputs, outputs, errors, duration. */
export const toolCalls = pgTable(
  'tool_calls',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tool: text('tool').notNull(),
    input: jsonb('input').$type<JsonObject>().notNull().default({}),
    output: jsonb('output').$type<JsonObject>().notNull().default({}),
    error: text('error'),
    durationMs: integer('duration_ms').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('tool_calls_tool_idx').on(t.tool, t.createdAt.desc().nullsFirst()),
    // A promotion request's checks read the latest impact preview of a version over a parent.
    index('tool_calls_preview_idx')
      .on(sql`(${t.input}->>'child_id')`, sql`(${t.input}->>'parent_id')`, t.id)
      .where(sql`${t.tool} = 'impact_preview'`),
  ],
);

/** Ledger accounts: one wallet per agent (`agent:<id>`) and system accounts such as `treasury`. */
export const ledgerAccounts = pgTable(
  'ledger_accounts',
  {
    id: text('id').primaryKey(),
    agentId: text('agent_id').references(() => agents.id),
    /** Maintained only by the ledger triggers from transfers and mints. */
    balanceMicro: bigint('balance_micro', { mode: 'number' }).notNull().default(0),
    /** When demurrage was last settled on this balance. */
    settledAt: timestamp('settled_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [
    check('ledger_accounts_balance_check', sql`${t.balanceMicro} >= 0`),
    uniqueIndex('ledger_accounts_agent_idx').on(t.agentId),
  ],
);

/** Transfers between accounts: append-only; the id is the idempotency key. */
export const ledgerTransfers = pgTable(
  'ledger_transfers',
  {
    id: text('id').primaryKey(),
    debitAccount: text('debit_account')
      .notNull()
      .references(() => ledgerAccounts.id),
    creditAccount: text('credit_account')
      .notNull()
      .references(() => ledgerAccounts.id),
    amountMicro: bigint('amount_micro', { mode: 'number' }).notNull(),
    reason: text('reason').notNull(),
    eventId: bigint('event_id', { mode: 'number' }).references(() => events.id),
    createdAt: createdAt(),
  },
  (t) => [
    check('ledger_transfers_amount_check', sql`${t.amountMicro} > 0`),
    check('ledger_transfers_accounts_check', sql`${t.debitAccount} <> ${t.creditAccount}`),
    index('ledger_transfers_debit_idx').on(t.debitAccount, t.createdAt.desc().nullsFirst()),
    index('ledger_transfers_credit_idx').on(t.creditAccount, t.createdAt.desc().nullsFirst()),
    index('ledger_transfers_event_idx').on(t.eventId),
  ],
);

/** Mints: the only way the ledger's total grows; each is logged with who minted and why. */
export const ledgerMints = pgTable(
  'ledger_mints',
  {
    id: text('id').primaryKey(),
    account: text('account')
      .notNull()
      .references(() => ledgerAccounts.id),
    amountMicro: bigint('amount_micro', { mode: 'number' }).notNull(),
    reason: text('reason').notNull(),
    actor: text('actor').notNull(),
    createdAt: createdAt(),
  },
  (t) => [check('ledger_mints_amount_check', sql`${t.amountMicro} > 0`)],
);

/** One row per paid promotion: its pool and what the caps held back. */
export const creditPayouts = pgTable('credit_payouts', {
  eventId: bigint('event_id', { mode: 'number' })
    .primaryKey()
    .references(() => events.id),
  poolMicro: bigint('pool_micro', { mode: 'number' }).notNull(),
  withheldMicro: bigint('withheld_micro', { mode: 'number' }).notNull(),
  createdAt: createdAt(),
});

/** The lines of a payout: each agent and role with its weight, amount and binding cap. */
export const creditPayoutLines = pgTable(
  'credit_payout_lines',
  {
    eventId: bigint('event_id', { mode: 'number' })
      .notNull()
      .references(() => creditPayouts.eventId),
    agentId: text('agent_id')
      .notNull()
      .references(() => agents.id),
    role: text('role').notNull(),
    weight: doublePrecision('weight').notNull(),
    amountMicro: bigint('amount_micro', { mode: 'number' }).notNull(),
    cappedBy: text('capped_by'),
    transferId: text('transfer_id'),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.agentId, t.role] }),
    index('credit_payout_lines_agent_idx').on(t.agentId),
  ],
);

/** Webhook subscriptions: where to send which event types, and the signing secret. */
export const webhooks = pgTable('webhooks', {
  id: text('id').primaryKey(),
  url: text('url').notNull(),
  /** The event types it receives; `['*']` for all of them. */
  eventTypes: text('event_types').array().notNull(),
  description: text('description'),
  active: boolean('active').notNull().default(true),
  /** `whsec_` + base64 of 32 random bytes, the Standard Webhooks form; shown once at creation. */
  secret: text('secret').notNull(),
  createdBy: text('created_by')
    .notNull()
    .references(() => agents.id),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/**
 * The outbox: one row per message to send — a webhook delivery to one subscription, or an
 * OpenLineage RunEvent — written in the transaction of the change it reports and sent by the
 * dispatcher. A claim takes a lease and the next attempt number; only that attempt may record its
 * result, so two dispatchers never send the same attempt.
 */
export const deliveries = pgTable(
  'deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** `webhook` (to `webhook_id`) or `openlineage` (to `MODELGRAPH_OPENLINEAGE_URL`). */
    destination: text('destination').notNull(),
    webhookId: text('webhook_id').references(() => webhooks.id),
    eventType: text('event_type').notNull(),
    /** The events-log entry the message reports, when the change wrote one. */
    eventId: bigint('event_id', { mode: 'number' }),
    /** The request body exactly as sent on every attempt. */
    body: text('body').notNull(),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** `attempts` when it was last (re)queued: the retry schedule counts from there. */
    scheduleStart: integer('schedule_start').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'date' }),
    leaseExpiresAt: timestamp('lease_expires_at', { withTimezone: true, mode: 'date' }),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('deliveries_due_idx').on(t.nextAttemptAt, t.id).where(sql`status = 'pending'`),
    index('deliveries_webhook_idx').on(
      t.webhookId,
      t.createdAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    check(
      'deliveries_destination_check',
      sql`(destination = 'webhook') = (webhook_id is not null)
      and destination in ('webhook', 'openlineage')`,
    ),
    check('deliveries_status_check', sql`status in ('pending', 'delivered', 'failed')`),
  ],
);

/**
 * Model versions created through the MLflow face: the logged model the client named (MLflow 3's
 * `model_id`) and the version's enrichment from the MLflow tracking server — a durable queue entry
 * written in the registration's transaction and worked after it commits. A claim takes a lease and
 * the next attempt number; only that attempt may record its outcome.
 */
export const mlflowVersions = pgTable(
  'mlflow_versions',
  {
    versionId: text('version_id')
      .primaryKey()
      .references(() => models.id),
    /** The logged model (`m-…`) the version was created from, when the client named one. */
    modelId: text('model_id'),
    /** `pending`, `retrying`, `done`, `failed`, or `off` (no tracking server was configured). */
    enrichmentStatus: text('enrichment_status').notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'date' }),
    leaseExpiresAt: timestamp('lease_expires_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' })
      .notNull()
      .default(sql`clock_timestamp()`),
  },
  (t) => [
    index('mlflow_versions_due_idx')
      .on(t.nextAttemptAt, t.versionId)
      .where(sql`enrichment_status in ('pending', 'retrying')`),
    check(
      'mlflow_versions_status_check',
      sql`enrichment_status in ('pending', 'retrying', 'done', 'failed', 'off')`,
    ),
  ],
);
