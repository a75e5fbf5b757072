/**
 * Request and response schemas of the model routes (docs/api.md#models); the TypeScript types of the
 * handlers derive from them, and so does the OpenAPI document.
 */
import { type Static, Type } from 'typebox';
import { EventJson } from '../../events/event.schemas.ts';
import { pageStartOf } from '../../http/cursor.ts';
import {
  BigInteger,
  FilterParam,
  Id,
  JsonObject,
  Nullable,
  Offset,
  VersionNumber,
} from '../../http/schemas.ts';
import { RuntimeSchema } from '../../inference/runtime.ts';
import { parseFilter } from '../../search/core/filter-parser.ts';
import { parseTagFilters } from '../core/lineage.ts';
import {
  ENRICHMENT_STATUSES,
  METRIC_SORT_PREFIX,
  MODEL_FAMILIES,
  MODEL_SORTS,
  MODEL_STATUSES,
  type ModelSort,
} from '../core/model.ts';
import { MODEL_FLAGS } from '../core/provenance.ts';
import { TagFilterParam } from './tag.schemas.ts';

const Score = Type.Number({ minimum: 0, maximum: 1 });
const Metrics = Type.Record(Type.String(), Type.Number());
const Pin = Type.Optional(Nullable(VersionNumber));

/** `POST /api/models` body. */
export const RegisterModelBody = Type.Object(
  {
    id: Type.Optional(Id),
    model_name: Id,
    title: Type.String({ minLength: 1, maxLength: 500 }),
    model_family: Type.Enum(MODEL_FAMILIES),
    architecture: Type.Optional(JsonObject),
    parameters: Type.Optional(JsonObject),
    parameter_count: Type.Optional(Nullable(BigInteger(0))),
    training_config: Type.Optional(JsonObject),
    evaluation_metrics: Type.Optional(Metrics),
    raw_quality_score: Type.Optional(Nullable(Score)),
    trained_by: Type.Optional(Id),
    eval_dataset_id: Type.Optional(Nullable(Id)),
    benchmark_id: Type.Optional(Nullable(Id)),
    runtime: Type.Optional(Nullable(RuntimeSchema)),
    trained_on: Type.Optional(
      Type.Array(Type.Object({ dataset_id: Id, version: Pin }, { additionalProperties: false }), {
        maxItems: 1000,
      }),
    ),
    produced_by: Type.Optional(Nullable(Type.Object({ analysis_id: Id }, { additionalProperties: false }))),
    tests_hypothesis: Type.Optional(
      Nullable(Type.Object({ hypothesis_id: Id }, { additionalProperties: false })),
    ),
    inputs: Type.Optional(
      Type.Array(Type.Object({ artifact_id: Id, version: Pin }, { additionalProperties: false }), {
        maxItems: 1000,
      }),
    ),
    metadata: Type.Optional(JsonObject),
  },
  { additionalProperties: false },
);
/** A parsed `POST /api/models` body. */
export type RegisterModelRequest = Static<typeof RegisterModelBody>;

/** `GET /api/models` query. */
export const ListModelsQuery = Type.Object(
  {
    family: Type.Optional(Type.Enum(MODEL_FAMILIES)),
    dataset: Type.Optional(Id),
    hypothesis: Type.Optional(Id),
    status: Type.Optional(Type.Enum(MODEL_STATUSES)),
    flag: Type.Optional(
      Type.Enum(MODEL_FLAGS, {
        description: 'Only the versions that carry this flag (their score is capped)',
      }),
    ),
    all_versions: Type.Boolean({ default: false }),
    q: Type.Optional(Type.String({ maxLength: 200 })),
    tag: Type.Optional(TagFilterParam),
    filter: Type.Optional(FilterParam),
    sort: Type.String({
      default: 'created_at',
      pattern: `^(${MODEL_SORTS.join('|')}|${METRIC_SORT_PREFIX.replace('.', '[.]')}[^\\u0000-\\u001f]{1,128})$`,
      description: `${MODEL_SORTS.join(', ')}, or ${METRIC_SORT_PREFIX}<name> (versions without the metric come last)`,
    }),
    order: Type.Enum(['desc', 'asc'], { default: 'desc' }),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
    offset: Type.Optional(Offset),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  },
  { additionalProperties: false },
);
/** A parsed `GET /api/models` query. */
export type ListModelsRequest = Static<typeof ListModelsQuery>;

/**
 * The catalog query as the list command's props, and the sort its cursors are bound to (and its
 * `filter`, which `pageStartOf` and `nextCursorOf` read from the query). 400 `invalid_filter` when
 * the filter does not parse.
 */
export function catalogQueryOf(query: ListModelsRequest) {
  const sort = `${query.sort}:${query.order}`;
  const filter = {
    family: query.family,
    dataset: query.dataset,
    hypothesis: query.hypothesis,
    status: query.status,
    flag: query.flag,
    allVersions: query.all_versions,
    q: query.q,
    tags: parseTagFilters(query.tag),
    expression: parseFilter(query.filter),
    sort: query.sort as ModelSort,
    order: query.order,
  };
  return { sort, props: { filter, start: pageStartOf(query, sort), limit: query.limit } };
}

/** `POST /api/models/{id}/promote` body. */
export const PromoteBody = Type.Object(
  {
    notes: Type.Optional(Type.String({ maxLength: 5000 })),
    override: Type.Optional(
      Type.Boolean({
        description: 'admin only: promote a governed lineage without a promotion request (needs reason)',
      }),
    ),
    reason: Type.Optional(
      Type.String({ minLength: 1, maxLength: 2000, description: 'why the override was needed' }),
    ),
  },
  { additionalProperties: false },
);

/** `PATCH /api/models/{id}` body. */
export const PatchModelBody = Type.Object(
  {
    raw_quality_score: Type.Optional(Nullable(Score)),
    evaluation_metrics: Type.Optional(Metrics),
    status: Type.Optional(Type.Literal('archived')),
  },
  { additionalProperties: false, minProperties: 1 },
);

const ProvenanceSummary = Type.Object({
  complete: Type.Boolean(),
  missing: Type.Array(Type.String()),
  completeness: Type.Number(),
  retracted: Type.Optional(
    Type.Array(Type.Object({ artifact_id: Type.String(), version: Nullable(Type.Integer()) }), {
      description:
        'The retractions in force the version is built on (directly or through other model versions): a whole artifact (version null) or one version. Present only when there is one.',
    }),
  ),
});

/** One model version in a list. */
export const ModelListItem = Type.Object({
  id: Type.String(),
  title: Type.String(),
  model_name: Type.String(),
  model_family: Type.String(),
  version_number: Type.Integer(),
  is_latest: Type.Boolean(),
  status: Type.String(),
  quality_score: Type.Number(),
  raw_quality_score: Nullable(Type.Number()),
  evaluation_metrics: Metrics,
  parameter_count: Nullable(Type.Integer()),
  aliases: Type.Array(Type.String()),
  tags: Type.Record(Type.String(), Type.String()),
  trained_on: Type.Array(Type.String()),
  produced_by: Nullable(Type.String()),
  tests_hypothesis: Nullable(Type.String()),
  provenance: ProvenanceSummary,
  flags: Type.Array(Type.String()),
  created_at: Type.String({ format: 'date-time' }),
});
/** A list item as sent. */
export type ModelListItemJson = Static<typeof ModelListItem>;

/** `GET /api/models` response. */
export const ModelListResponse = Type.Object({
  models: Type.Array(ModelListItem),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
  next_cursor: Nullable(Type.String()),
});

const LinkedArtifact = Type.Object({
  id: Type.String(),
  type: Type.String(),
  title: Type.String(),
  version: Nullable(Type.Integer()),
});

/** A version's MLflow record: the logged model and run it came from, and its enrichment from the tracking server. */
const MlflowJson = Type.Object({
  model_id: Nullable(Type.String()),
  run_id: Nullable(Type.String()),
  enrichment: Type.Object({
    status: Type.Enum(ENRICHMENT_STATUSES),
    attempts: Type.Integer(),
    last_error: Nullable(Type.String()),
    updated_at: Type.String({ format: 'date-time' }),
  }),
});

/** `GET /api/models/{id}`: every field of a model version plus lineage, links, provenance and events. */
export const ModelDetail = Type.Object({
  id: Type.String(),
  type: Type.Literal('model'),
  title: Type.String(),
  model_name: Type.String(),
  version_number: Type.Integer(),
  parent_id: Nullable(Type.String()),
  is_latest: Type.Boolean(),
  status: Type.String(),
  model_family: Type.String(),
  architecture: JsonObject,
  parameters: JsonObject,
  parameter_count: Nullable(Type.Integer()),
  training_config: JsonObject,
  evaluation_metrics: Metrics,
  raw_quality_score: Nullable(Type.Number()),
  quality_score: Type.Number(),
  flags: Type.Array(Type.String()),
  trained_by: Type.String(),
  eval_dataset_id: Nullable(Type.String()),
  benchmark_id: Nullable(Type.String()),
  runtime: Nullable(JsonObject),
  aliases: Type.Array(Type.String()),
  tags: Type.Record(Type.String(), Type.String()),
  metadata: JsonObject,
  created_by: Type.String(),
  created_at: Type.String({ format: 'date-time' }),
  versions: Type.Array(
    Type.Object({
      id: Type.String(),
      version_number: Type.Integer(),
      status: Type.String(),
      is_latest: Type.Boolean(),
      quality_score: Type.Number(),
      created_at: Type.String({ format: 'date-time' }),
    }),
  ),
  links: Type.Object({
    trained_on: Type.Array(LinkedArtifact),
    produced_by: Type.Array(LinkedArtifact),
    tests_hypothesis: Type.Array(LinkedArtifact),
    inputs: Type.Array(LinkedArtifact),
  }),
  provenance: ProvenanceSummary,
  attributed_edges: Type.Object({ count: Type.Integer(), flagged: Type.Integer() }),
  events: Type.Array(EventJson),
  mlflow: Nullable(MlflowJson),
});
/** A model detail as sent. */
export type ModelDetailJson = Static<typeof ModelDetail>;

/** `POST /api/models/{id}/promote` response. */
export const PromoteResponse = Type.Object({ model: ModelDetail, event: EventJson });
