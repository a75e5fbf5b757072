/**
 * The impact preview's wire shapes: the body of `POST /api/models/{id}/impact-preview`
 * and its answer — also the tool-call record's output and the page's view model.
 */
import { type Static, Type } from 'typebox';
import { PayoutLineJson } from '../../credit/credit.schemas.ts';
import { HistogramSchema } from './rescore.schemas.ts';

/** The most edges one preview may consider (ten passes' worth at the default limit). */
export const MAX_PREVIEW_EDGES = 100_000;

/** `POST /api/models/{id}/impact-preview` body. */
export const ImpactPreviewBody = Type.Object(
  {
    max_edges: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: MAX_PREVIEW_EDGES,
        description: 'The most edges to re-score (default: MODELGRAPH_RESCORE_MAX_EDGES, one pass)',
      }),
    ),
  },
  { additionalProperties: false },
);

/** One of the largest changes. */
export const ImpactChange = Type.Object({
  edge_id: Type.String(),
  subject: Type.String(),
  predicate: Type.String(),
  object: Type.String(),
  old_confidence: Type.Number(),
  new_confidence: Type.Number(),
  delta: Type.Number(),
  bucket: Type.String(),
});

/** The preview: what a rescore pass after promoting the candidate would do, and the payout. */
export const ImpactPreviewJson = Type.Object({
  child_id: Type.String(),
  parent_id: Type.String(),
  edges_total: Type.Integer({ description: "Active edges attributed to the lineage's promoted version" }),
  edges_considered: Type.Integer({ description: 'Edges re-scored, skipped or failed: at most max_edges' }),
  histogram: HistogramSchema,
  would_flag: Type.Object({ count: Type.Integer(), edge_ids: Type.Array(Type.String()) }),
  largest_changes: Type.Array(ImpactChange, { description: 'The 20 largest changes by |delta|' }),
  payout_preview: Type.Object({
    pool: Type.Number(),
    pool_micro: Type.Integer(),
    payouts: Type.Array(PayoutLineJson),
    withheld: Type.Number(),
    withheld_micro: Type.Integer(),
  }),
  computed_at: Type.String({ format: 'date-time' }),
});
/** The preview as sent. */
export type ImpactPreviewJson = Static<typeof ImpactPreviewJson>;
