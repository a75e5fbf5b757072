/**
 * The knowledge-graph pages: `GET /kg` (the landing) and `GET /kg/edges` (the graph browser).
 * The edge page `/kg/edges/{id}` and the review queue have their own folders.
 */
import type { App, RouteDeps } from '../../http/route-deps.ts';
import { dropEmptyParameters, registerPageScope, sendPage } from '../shared/page-reply.ts';
import { loadEdgeBrowser, loadGraphSummary } from './kg-pages.query.ts';
import { EdgeBrowserQuery } from './kg-pages.schemas.ts';
import { renderEdgeBrowser, renderGraphLanding } from './kg-pages.view.ts';

/** Registers `GET /kg` and `GET /kg/edges`. */
export function registerGraphPages(app: App, deps: RouteDeps): void {
  registerPageScope(app, (pages) => {
    pages.get('/kg', { schema: { hide: true } }, async (_request, reply) =>
      sendPage(reply, renderGraphLanding(await loadGraphSummary(deps))),
    );
    pages.get(
      '/kg/edges',
      // The form's empty fields mean "no filter".
      { schema: { hide: true, querystring: EdgeBrowserQuery }, preValidation: dropEmptyParameters },
      async (request, reply) =>
        sendPage(reply, renderEdgeBrowser(await loadEdgeBrowser(deps, request.query))),
    );
  });
}
