/**
 * The model page (`/models/{id}`). It reads the pages' session cookie, if any, so that a signed-in
 * agent sees the forms it may use (the impact preview, the promotion action, the description and
 * tag forms).
 */
import { Type } from 'typebox';
import type { App, RouteDeps } from '../../http/route-deps.ts';
import { IdParams } from '../../http/schemas.ts';
import { registerPageScope, sendPage } from '../shared/page-reply.ts';
import { findSignedIn } from '../shared/session.ts';
import { renderModelPage } from './model-detail.view.ts';
import { loadModelPage } from './model-page.query.ts';

const ModelPageQuery = Type.Object({ done: Type.Optional(Type.String({ maxLength: 50 })) });

/** Registers `GET /models/{id}`. */
export function registerModelPage(app: App, deps: RouteDeps): void {
  registerPageScope(app, (pages) => {
    pages.get(
      '/models/:id',
      { schema: { hide: true, params: IdParams, querystring: ModelPageQuery } },
      async (request, reply) => {
        const caller = await findSignedIn(deps.authenticate, request);
        const page = await loadModelPage(deps, request.params.id, caller, request.query.done);
        return sendPage(reply, renderModelPage(page));
      },
    );
  });
}
