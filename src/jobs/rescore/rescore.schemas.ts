/**
 * The rescore's wire shapes: the pass histogram and summary — the log line, the job
 * route's answer and the tool-call record are this one object — and the job route's body.
 */
import { type Static, Type } from 'typebox';

/** The counts a pass reports. */
export const HistogramSchema = Type.Object({
  large_decrease: Type.Integer(),
  decrease: Type.Integer(),
  stable: Type.Integer(),
  increase: Type.Integer(),
  skipped_no_inputs: Type.Integer(),
  failed: Type.Integer(),
});
/** The counts a pass reports. */
export type Histogram = Static<typeof HistogramSchema>;

/** The pass summary: the JSON line of `logs/model_rescore.log`. */
export const RescoreSummarySchema = Type.Object({
  at: Type.String({ format: 'date-time' }),
  parent_id: Type.Union([Type.String(), Type.Null()]),
  child_id: Type.Union([Type.String(), Type.Null()]),
  edges_processed: Type.Integer(),
  histogram: HistogramSchema,
  queued_edges: Type.Integer(),
  queued_promotions: Type.Integer(),
  duration_ms: Type.Integer(),
  outcome: Type.Enum(['ok', 'noop', 'failed', 'dry_run']),
  reason: Type.Optional(Type.String()),
  /** How the child's process runtime ran: in the sandbox, unconfined by choice, or unconfined for lack of it. */
  sandbox: Type.Optional(Type.Enum(['bwrap', 'off', 'unavailable'])),
});
/** The pass summary. */
export type RescoreSummary = Static<typeof RescoreSummarySchema>;

/** `POST /api/jobs/rescore` body. */
export const RescoreBody = Type.Object(
  {
    dry_run: Type.Optional(Type.Boolean()),
    since_hours: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 24 * 365 })),
  },
  { additionalProperties: false },
);
