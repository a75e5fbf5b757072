/**
 * The backfill's wire shapes: the counts by rule, and the job route's body.
 */
import { type Static, Type } from 'typebox';

/** What one backfill pass did, or would do in a dry run. */
export const BackfillSummarySchema = Type.Object({
  attributed: Type.Object({ model_id: Type.Integer(), model_name: Type.Integer(), analysis: Type.Integer() }),
  unknown: Type.Integer(),
  scanned: Type.Integer(),
  duration_ms: Type.Number(),
  dry_run: Type.Boolean(),
});
/** What one backfill pass did. */
export type BackfillSummary = Static<typeof BackfillSummarySchema>;

/** `POST /api/jobs/backfill-edges` body. */
export const BackfillBody = Type.Object(
  {
    dry_run: Type.Optional(Type.Boolean()),
    concurrency: Type.Optional(Type.Integer({ minimum: 1, maximum: 16 })),
  },
  { additionalProperties: false },
);
