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
        response: { 200: Type.Unknown(), ...writeErrors },
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
        response: { 200: Type.Unknown(), ...writeErrors },
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
