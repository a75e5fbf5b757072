/**
 * Retraction over HTTP (docs/api.md#retraction): `POST /api/artifacts/{id}/retract` and
 * `/reinstate`, each one command in one unit of work.
 */
import type { App, RouteDeps } from '../http/route-deps.ts';
import { ErrorResponse, IdParams, writeErrors } from '../http/schemas.ts';
import { runInUnit } from '../unit-of-work.ts';
import { presentReinstatement, presentRetraction } from './retraction.presenter.ts';
import { ReinstateBody, ReinstateResponse, RetractBody, RetractResponse } from './retraction.schemas.ts';
import { reinstateArtifact, retractArtifact } from './retraction.service.ts';

/** Registers the retract and reinstate routes. */
export function registerRetractionRoutes(app: App, deps: RouteDeps) {
  const { authenticate } = deps;
  const tags = ['artifacts'];
  const security = [{ bearer: [] }];

  app.post(
    '/api/artifacts/:id/retract',
    {
      schema: {
        tags,
        summary:
          'Retract a dataset, analysis or benchmark (or one version): flag and cap every model version built on it, and put their edges up for review (its creator, or scope evaluate)',
        security,
        params: IdParams,
        body: RetractBody,
        response: { 200: RetractResponse, 404: ErrorResponse, ...writeErrors },
      },
    },
    async (request) => {
      const caller = await authenticate(request);
      const { version, reason, evidence_url, dry_run } = request.body;
      const outcome = await runInUnit(deps, (unit) =>
        retractArtifact(deps, {
          unit,
          caller,
          artifactId: request.params.id,
          version: version ?? undefined,
          reason,
          evidenceUrl: evidence_url,
          dryRun: dry_run ?? false,
        }),
      );
      return presentRetraction(outcome);
    },
  );

  app.post(
    '/api/artifacts/:id/reinstate',
    {
      schema: {
        tags,
        summary:
          'End the retraction of an artifact or version (kept in its history): the versions no other retraction reaches get their scores back',
        security,
        params: IdParams,
        body: ReinstateBody,
        response: { 200: ReinstateResponse, 404: ErrorResponse, ...writeErrors },
      },
    },
    async (request) => {
      const caller = await authenticate(request);
      const { version, reason, dry_run } = request.body;
      const outcome = await runInUnit(deps, (unit) =>
        reinstateArtifact(deps, {
          unit,
          caller,
          artifactId: request.params.id,
          version: version ?? undefined,
          reason,
          dryRun: dry_run ?? false,
        }),
      );
      return presentReinstatement(outcome);
    },
  );
}
