/**
 * The agent page (`GET /agents/{id}`).
 */
import type { App, RouteDeps } from '../../http/route-deps.ts';
import { IdParams } from '../../http/schemas.ts';
import { registerPageScope, sendPage } from '../shared/page-reply.ts';
import { loadAgentPage } from './agent-page.query.ts';
import { renderAgentPage } from './agent-page.view.ts';

/** Registers `GET /agents/{id}`. */
export function registerAgentPage(app: App, deps: RouteDeps): void {
  registerPageScope(app, (pages) => {
    pages.get('/agents/:id', { schema: { hide: true, params: IdParams } }, async (request, reply) =>
      sendPage(reply, renderAgentPage(await loadAgentPage(deps, request.params.id))),
    );
  });
}
