/**
 * The jobs over HTTP (admin): the same passes as the CLI, run inside the server process — the only
 * way with the embedded database while the server holds it.
 */
import { Type } from 'typebox';
import type { App, RouteDeps } from '../http/route-deps.ts';
import { writeErrors } from '../http/schemas.ts';
import { DEFAULT_CONCURRENCY, performBackfill } from './backfill/backfill.job.ts';
import { BackfillBody, BackfillSummarySchema } from './backfill/backfill.schemas.ts';
import { performRescore } from './rescore/rescore.job.ts';
import { RescoreBody, RescoreSummarySchema } from './rescore/rescore.schemas.ts';

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
        response: { 200: RescoreSummarySchema, ...writeErrors },
      },
    },
    async (request) => {
      const caller = await deps.authenticate(request);
      const body = request.body ?? {};
      return performRescore(deps, { caller, dryRun: body.dry_run ?? false, sinceHours: body.since_hours });
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
        response: { 200: BackfillSummarySchema, ...writeErrors },
      },
    },
    async (request) => {
      const caller = await deps.authenticate(request);
      const body = request.body ?? {};
      return performBackfill(deps, {
        caller,
        concurrency: body.concurrency ?? DEFAULT_CONCURRENCY,
        dryRun: body.dry_run ?? false,
      });
    },
  );
}
