/**
 * Request and response schemas of the knowledge-graph routes (docs/api.md#knowledge-graph).
 */
import { type Static, Type } from 'typebox';
import { FilterParam, Id, JsonObject, Nullable, Offset, VersionNumber } from '../http/schemas.ts';
import { REVIEW_REASONS } from './core/edge.ts';

const Text = Type.String({ minLength: 1, maxLength: 1000 });

/** The sort of every edge list, as named in its keyset cursors: highest confidence first, ties by id. */
export const EDGE_SORT = 'confidence:desc';

/**
 * The sort a cursor is bound to: an `as_of` list's cursors name its moment too, so a cursor from
 * the graph now (or as of another moment) is refused instead of paging a different list.
 */
export function edgeSortOf(asOf: string | undefined): string {
  return asOf === undefined ? EDGE_SORT : `${EDGE_SORT} as_of=${asOf}`;
}

const AsOf = Type.String({
  minLength: 1,
  maxLength: 64,
  description:
    'Read the graph as it stood at this moment (ISO 8601: 2026-04-05, 2026-04-05T12:00:00Z; no offset means UTC). ' +
    "Each edge's confidence and source are those of its last history entry at or before it; edges with none are left out.",
});

/** The most edges one `POST /api/kg/edges` may carry. */
export const MAX_EDGES_PER_CALL = 10_000;

/** One edge in `POST /api/kg/edges`. */
export const NewEdge = Type.Object(
  {
    id: Type.Optional(Id),
    subject: Text,
    predicate: Text,
    object: Text,
    confidence: Type.Number({ minimum: 0, maximum: 1 }),
    origin: Type.Union([
      Type.Literal('model'),
      Type.Literal('curated'),
      Type.Literal('literature'),
      Type.Literal('other'),
    ]),
    source_artifact_id: Type.Optional(Nullable(Id)),
    source_version: Type.Optional(Nullable(VersionNumber)),
    inputs: Type.Optional(Type.Unknown()),
    metadata: Type.Optional(JsonObject),
  },
  { additionalProperties: false },
);
/** A parsed new edge. */
export type NewEdgeRequest = Static<typeof NewEdge>;

/** `POST /api/kg/edges` body. */
export const NewEdgesBody = Type.Array(NewEdge, { minItems: 1, maxItems: MAX_EDGES_PER_CALL });

/** `POST /api/kg/edges` response. */
export const NewEdgesResponse = Type.Object({
  inserted: Type.Integer(),
  unchanged: Type.Integer(),
  ids: Type.Array(Type.String()),
});

/** One edge as the API shows it. */
export const Edge = Type.Object({
  id: Type.String(),
  subject: Type.String(),
  predicate: Type.String(),
  object: Type.String(),
  confidence: Type.Number(),
  origin: Type.String(),
  status: Type.String(),
  source_artifact_id: Nullable(Type.String()),
  source_version: Nullable(Type.Integer()),
  provenance_unknown: Type.Boolean(),
  review_flag: Type.Boolean(),
  review_reason: Type.Union([Type.Enum(REVIEW_REASONS), Type.Null()], {
    description:
      'Why the edge waits for review: large_decrease (a rescore lowered its confidence sharply) or retracted_input (its model version is built on a retracted artifact); null when it does not',
  }),
  inputs: Type.Unknown(),
  metadata: JsonObject,
  knowledge_level: Type.String(),
  agent_type: Type.String(),
  created_at: Type.String({ format: 'date-time' }),
  updated_at: Type.String({ format: 'date-time' }),
});

/** One entry of an edge's confidence history. */
export const HistoryEntry = Type.Object({
  confidence: Type.Number(),
  source_artifact_id: Nullable(Type.String()),
  source_version: Nullable(Type.Integer()),
  event_id: Nullable(Type.Integer()),
  at: Type.String({ format: 'date-time' }),
});

/** `GET /api/kg/edges/{id}` response. */
export const EdgeWithHistory = Type.Intersect([Edge, Type.Object({ history: Type.Array(HistoryEntry) })]);

/** `{edges, total}`. */
export const EdgeList = Type.Object({ edges: Type.Array(Edge), total: Type.Integer() });

/** `GET /api/kg/edges` answer: a page, the count of all matches, and the cursor of the next page. */
export const EdgePage = Type.Object({
  edges: Type.Array(Edge),
  total: Type.Integer(),
  next_cursor: Type.Union([Type.String(), Type.Null()], {
    description: 'Pass as `cursor` for the next page (keyset, fast at any depth); null on the last page',
  }),
});

const Paging = {
  limit: Type.Integer({ minimum: 1, maximum: 1000, default: 50 }),
  offset: Type.Integer({ ...Offset, default: 0 }),
};

/** The filters of every edge query: the list, the KGX export and the graph browser page. */
export const EDGE_FILTERS = {
  source_artifact_id: Type.Optional(Id),
  subject: Type.Optional(Text),
  object: Type.Optional(Text),
  predicate: Type.Optional(Text),
  flagged: Type.Optional(Type.Boolean()),
  status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('retracted')])),
  provenance_unknown: Type.Optional(Type.Boolean()),
  min_confidence: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
};

/** `GET /api/kg/export/{nodes,edges}.jsonl` query: the list's filters, no paging. */
export const KgxExportQuery = Type.Object(EDGE_FILTERS, { additionalProperties: false });
/** A parsed edge-filter query. */
export type EdgeFilterRequest = Static<typeof KgxExportQuery>;

/** An edge query's filters as the commands take them (`EdgeFilter`). */
export function edgeFilterOf(q: EdgeFilterRequest) {
  return {
    sourceArtifactId: q.source_artifact_id,
    subject: q.subject,
    object: q.object,
    predicate: q.predicate,
    flagged: q.flagged,
    status: q.status,
    provenanceUnknown: q.provenance_unknown,
    minConfidence: q.min_confidence,
  };
}

/** `GET /api/kg/edges` query. */
export const ListEdgesQuery = Type.Object(
  {
    ...EDGE_FILTERS,
    filter: Type.Optional(FilterParam),
    limit: Paging.limit,
    offset: Type.Optional(Offset),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    as_of: Type.Optional(AsOf),
  },
  { additionalProperties: false },
);
/** A parsed `GET /api/kg/edges` query. */
export type ListEdgesRequest = Static<typeof ListEdgesQuery>;

/** `GET /api/kg/edges/{id}` query. */
export const EdgeQuery = Type.Object({ as_of: Type.Optional(AsOf) }, { additionalProperties: false });

/** `GET /api/kg/review` query. */
export const ReviewQueueQuery = Type.Object(
  {
    ...Paging,
    reason: Type.Optional(
      Type.Enum(REVIEW_REASONS, { description: 'Only the edges flagged for this reason' }),
    ),
  },
  { additionalProperties: false },
);
/** A parsed `GET /api/kg/review` query. */
export type ReviewQueueRequest = Static<typeof ReviewQueueQuery>;

/** `POST /api/kg/edges/{id}/review` body. */
export const ReviewBody = Type.Object(
  {
    decision: Type.Union([Type.Literal('keep'), Type.Literal('retract')]),
    note: Type.String({ maxLength: 5000 }),
  },
  { additionalProperties: false },
);
