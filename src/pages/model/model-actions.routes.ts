/**
 * The promotion forms of the model and lineage pages: `POST /models/{id}/promote` (a direct
 * promotion, the command of `POST /api/models/{id}/promote`) and `POST /models/{id}/promotion-requests`
 * (a request on a governed lineage, the command of `POST /api/models/{id}/promotion-requests`), as
 * the agent signed in through the session cookie. A promotion goes back to the page it came from;
 * a request opens the request's page.
 */
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { openPromotionRequest } from '../../governance/promotion-request.service.ts';
import type { App, RouteDeps } from '../../http/route-deps.ts';
import { IdParams } from '../../http/schemas.ts';
import { promoteModel } from '../../registry/models/promotion.service.ts';
import { runInUnit } from '../../unit-of-work.ts';
import { actionErrorHandler, LocalPath, redirectDone } from '../shared/action-reply.ts';
import { registerPageScope } from '../shared/page-reply.ts';
import { requireSignedIn } from '../shared/session.ts';

const PromoteForm = Type.Object(
  { notes: Type.Optional(Type.String({ maxLength: 5000 })), next: Type.Optional(LocalPath) },
  { additionalProperties: false },
);

const RequestForm = Type.Object(
  { note: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);

const modelPath = (id: string) => `/models/${encodeURIComponent(id)}`;

function backOf(request: FastifyRequest) {
  const id = (request.params as { id?: string } | undefined)?.id;
  return id
    ? { href: modelPath(id), label: 'Back to the model version' }
    : { href: '/models', label: 'Back to the model catalog' };
}

/** Registers the promote and request-promotion forms. */
export function registerModelActions(app: App, deps: RouteDeps): void {
  registerPageScope(
    app,
    (pages) => {
      pages.post(
        '/models/:id/promote',
        { schema: { hide: true, params: IdParams, body: PromoteForm } },
        async (request, reply) => {
          const caller = await requireSignedIn(deps.authenticate, request, 'promote a version');
          const { id } = request.params;
          // An empty notes field is no notes, as a promotion without a body.
          const notes = request.body.notes || undefined;
          await runInUnit(deps, (unit) => promoteModel(deps, { unit, caller, id, notes }));
          return redirectDone(reply, request.body.next ?? modelPath(id), 'promoted');
        },
      );

      pages.post(
        '/models/:id/promotion-requests',
        { schema: { hide: true, params: IdParams, body: RequestForm } },
        async (request, reply) => {
          const caller = await requireSignedIn(deps.authenticate, request, 'request a promotion');
          const note = request.body.note || undefined;
          const requestId = await runInUnit(deps, (unit) =>
            openPromotionRequest(deps, { unit, caller, id: request.params.id, note }),
          );
          return redirectDone(reply, `/promotion-requests/${requestId}`, 'request_opened');
        },
      );
    },
    actionErrorHandler(backOf),
  );
}
