/**
 * The model page (`/models/{id}`).
 */
import type { App, RouteDeps } from '../../http/route-deps.ts';
import { IdParams } from '../../http/schemas.ts';
import { registerPageScope, sendPage } from '../shared/page-reply.ts';
import { renderModelPage } from './model-detail.view.ts';
import { loadModelPage } from './model-page.query.ts';

/** Registers `GET /models/{id}`. */
export function registerModelPage(app: App, deps: RouteDeps): void {
  registerPageScope(app, (pages) => {
    pages.get('/models/:id', { schema: { hide: true, params: IdParams } }, async (request, reply) =>
      sendPage(reply, renderModelPage(await loadModelPage(deps, request.params.id))),
    );
  });
}
