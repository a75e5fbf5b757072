/**
 * The review queue's routes: `GET /kg/review`, sign-in and sign-out (`POST /kg/session`,
 * `POST /kg/session/logout`) and the keep/retract form (`POST /kg/edges/{id}/review`). They run in
 * their own scope inside the pages', with a parser for HTML forms and an error handler that
 * answers every failure as a page in the layout (a 401 with the sign-in form).
 *
 * CSRF: the forms carry no token of their own because the session cookie is `SameSite=Strict`;
 * a form posted from another site arrives without it and is refused as signed out (see
 * `review-session.ts`).
 */
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { App, RouteDeps } from '../../http/route-deps.ts';
import { IdParams } from '../../http/schemas.ts';
import { reviewEdge } from '../../kg/edge.service.ts';
import { runInUnit } from '../../unit-of-work.ts';
import { pageErrorHandler, registerPageScope, sendPage } from '../shared/page-reply.ts';
import {
  authenticateToken,
  clearedSessionCookie,
  dropStaleSession,
  findSignedIn,
  isSecure,
  requireSignedIn,
  sessionCookie,
} from '../shared/session.ts';
import { loadReviewQueue } from './review.query.ts';
import { ReviewForm, ReviewPageQuery, SignInForm, SignOutForm } from './review.schemas.ts';
import { renderReviewErrorPage, renderReviewPage } from './review.view.ts';

/** After an action, back to the queue with a flash message (303: the browser follows with a GET). */
function redirectToQueue(reply: FastifyReply, done: string) {
  return reply.redirect(`/kg/review?done=${encodeURIComponent(done)}`, 303);
}

/** Failures as pages; a 401 also drops a stale session cookie. */
const handleReviewError = pageErrorHandler(renderReviewErrorPage, dropStaleSession);

/** Registers the review queue's routes in a page scope of their own. */
export function registerReviewPages(app: App, deps: RouteDeps) {
  const { authenticate } = deps;
  registerPageScope(
    app,
    (review) => {
      review.get(
        '/kg/review',
        { schema: { hide: true, querystring: ReviewPageQuery } },
        async (request, reply) => {
          const { limit, offset, reason, done, source_artifact_id: sourceArtifactId } = request.query;
          const [queue, caller] = await Promise.all([
            loadReviewQueue(deps, { limit, offset, reason, sourceArtifactId }),
            findSignedIn(authenticate, request),
          ]);
          const filter = { limit, offset, reason, sourceArtifactId };
          return sendPage(reply, renderReviewPage({ queue, ...filter, caller, done }));
        },
      );

      review.post('/kg/session', { schema: { hide: true, body: SignInForm } }, async (request, reply) => {
        await authenticateToken(authenticate, request.body.token);
        reply.header('set-cookie', sessionCookie(request.body.token, isSecure(request)));
        // A sign-in form on another page (the model page's impact panel) comes back to that page.
        const { next } = request.body;
        return next ? reply.redirect(next, 303) : redirectToQueue(reply, 'signed-in');
      });

      review.post(
        '/kg/session/logout',
        { schema: { hide: true, body: Type.Optional(SignOutForm) } },
        async (request, reply) => {
          reply.header('set-cookie', clearedSessionCookie(isSecure(request)));
          const next = request.body?.next;
          return next ? reply.redirect(next, 303) : redirectToQueue(reply, 'signed-out');
        },
      );

      review.post(
        '/kg/edges/:id/review',
        { schema: { hide: true, params: IdParams, body: ReviewForm } },
        async (request, reply) => {
          const caller = await requireSignedIn(authenticate, request, 'review edges');
          const { decision, note = '' } = request.body;
          const edgeId = request.params.id;
          await runInUnit(deps, (unit) => reviewEdge(deps, { unit, caller, edgeId, decision, note }));
          return redirectToQueue(reply, `${decision}:${request.params.id}`);
        },
      );
    },
    handleReviewError,
  );
}
