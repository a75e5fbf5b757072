/**
 * The jobs over HTTP (admin): the same passes as the CLI, run inside the server process — the only
 * way with the embedded database while the server holds it.
 */
import { Type } from 'typebox';
import type { App, RouteDeps } from '../http/app.ts';
import { writeErrors } from '../http/schemas.ts';
import { DEFAULT_CONCURRENCY, performBackfill } from './backfill/backfill.job.ts';
import { performRescore } from './rescore/rescore.job.ts';

const RescoreBody = Type.Object(
  {
    dry_run: Type.Optional(Type.Boolean()),
    since_hours: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 24 * 365 })),
  },
  { additionalProperties: false },
);

const Histogram = Type.Object({
  large_decrease: Type.Integer(),
  decrease: Type.Integer(),
  stable: Type.Integer(),
  increase: Type.Integer(),
  skipped_no_inputs: Type.Integer(),
  failed: Type.Integer(),
});

/** The pass summary: the same object as the `logs/model_rescore.log` line (SPEC §5.1). */
const RescoreSummary = Type.Object({
  at: Type.String({ format: 'date-time' }),
  parent_id: Type.Union([Type.String(), Type.Null()]),
  child_id: Type.Union([Type.String(), Type.Null()]),
  edges_processed: Type.Integer(),
  histogram: Histogram,
  queued_edges: Type.Integer(),
  queued_promotions: Type.Integer(),
  duration_ms: Type.Integer(),
  outcome: Type.Enum(['ok', 'noop', 'failed', 'dry_run']),
  reason: Type.Optional(Type.String()),
});

/** The backfill counts (SPEC §4). */
const BackfillSummary = Type.Object({
  attributed: Type.Object({ model_id: Type.Integer(), model_name: Type.Integer(), analysis: Type.Integer() }),
  unknown: Type.Integer(),
  scanned: Type.Integer(),
  duration_ms: Type.Number(),
  dry_run: Type.Boolean(),
});

const BackfillBody = Type.Object(
  {
    dry_run: Type.Optional(Type.Boolean()),
    concurrency: Type.Optional(Type.Integer({ minimum: 1, maximum: 16 })),
  },
  { additionalProperties: false },
);

/** Registers `POST /api/jobs/rescore` and `POST /api/jobs/backfill-edges`. */
export function registerJobRoutes(app: App, deps: RouteDeps) {
  const tags = ['jobs'];
  const security = [{ bearer: [] }];
  app.post(
    '/api/jobs/rescore',
    {
      schema: {
        tags,
        summary: 'Run one rescore pass now (admin); answers with the pass summary',
        security,
        body: Type.Optional(RescoreBody),
        response: { 200: RescoreSummary, ...writeErrors },
      },
    },
    async (request) => {
      await deps.authenticate(request, 'admin');
      const body = request.body ?? {};
      return performRescore(deps, { dryRun: body.dry_run ?? false, sinceHours: body.since_hours });
    },
  );

  app.post(
    '/api/jobs/backfill-edges',
    {
      schema: {
        tags,
        summary: 'Attribute unattributed model edges now (admin); answers with the counts by rule',
        security,
        body: Type.Optional(BackfillBody),
        response: { 200: BackfillSummary, ...writeErrors },
      },
    },
    async (request) => {
      await deps.authenticate(request, 'admin');
      const body = request.body ?? {};
      const summary = await performBackfill(deps.db, {
        concurrency: body.concurrency ?? DEFAULT_CONCURRENCY,
        dryRun: body.dry_run ?? false,
      });
      deps.logger.info({ backfill: summary }, 'backfill finished');
      return summary;
    },
  );
}
