/**
 * The model page (`/models/{id}`). It reads the review queue's session cookie, if any, so that a
 * signed-in evaluator sees the "Promotion impact" form on a candidate's page.
 */
import type { App, RouteDeps } from '../../http/route-deps.ts';
import { IdParams } from '../../http/schemas.ts';
import { registerPageScope, sendPage } from '../shared/page-reply.ts';
import { findSignedIn } from '../shared/session.ts';
import { renderModelPage } from './model-detail.view.ts';
import { loadModelPage } from './model-page.query.ts';

/** Registers `GET /models/{id}`. */
export function registerModelPage(app: App, deps: RouteDeps): void {
  registerPageScope(app, (pages) => {
    pages.get('/models/:id', { schema: { hide: true, params: IdParams } }, async (request, reply) => {
      const caller = await findSignedIn(deps.authenticate, request);
      return sendPage(reply, renderModelPage(await loadModelPage(deps, request.params.id, caller)));
    });
  });
}
