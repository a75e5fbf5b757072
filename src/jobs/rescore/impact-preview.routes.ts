/**
 * The impact preview over HTTP: `POST /api/models/{id}/impact-preview`, scope `evaluate`.
 */
import type { App, RouteDeps } from '../../http/route-deps.ts';
import { ErrorResponse, IdParams, writeErrors } from '../../http/schemas.ts';
import { previewImpact } from './impact-preview.job.ts';
import { ImpactPreviewBody, ImpactPreviewJson } from './impact-preview.schemas.ts';

/** Registers `POST /api/models/{id}/impact-preview`. */
export function registerImpactPreviewRoutes(app: App, deps: RouteDeps) {
  app.post(
    '/api/models/:id/impact-preview',
    {
      schema: {
        tags: ['models'],
        summary:
          "Preview what promoting this candidate would do: its real inference over the promoted version's edges, and the payout (scope evaluate; writes only a tool-call record)",
        security: [{ bearer: [] }],
        params: IdParams,
        body: ImpactPreviewBody,
        response: { 200: ImpactPreviewJson, 404: ErrorResponse, ...writeErrors },
      },
      // Every field is optional, so a bare POST previews with the defaults; a JSON `null` is still a 400.
      preValidation: async (request) => {
        if (request.body === undefined) request.body = {};
      },
    },
    async (request) => {
      const caller = await deps.authenticate(request);
      return previewImpact(deps, { id: request.params.id, caller, maxEdges: request.body.max_edges });
    },
  );
}
