/**
 * The edge page (`GET /kg/edges/{id}`, optionally `?as_of=`). The review queue's form posts to
 * `POST /kg/edges/{id}/review` in its own scope; this scope only reads.
 */
import type { App, RouteDeps } from '../../http/route-deps.ts';
import { IdParams } from '../../http/schemas.ts';
import { dropEmptyParameters, registerPageScope, sendPage } from '../shared/page-reply.ts';
import { loadEdgePage } from './edge-page.query.ts';
import { EdgePageQuery } from './edge-page.schemas.ts';
import { renderEdgePage } from './edge-page.view.ts';

/** Registers `GET /kg/edges/{id}`. */
export function registerEdgePage(app: App, deps: RouteDeps): void {
  registerPageScope(app, (pages) => {
    pages.get(
      '/kg/edges/:id',
      // An empty "as of" field means now.
      {
        schema: { hide: true, params: IdParams, querystring: EdgePageQuery },
        preValidation: dropEmptyParameters,
      },
      async (request, reply) =>
        sendPage(reply, renderEdgePage(await loadEdgePage(deps, request.params.id, request.query.as_of))),
    );
  });
}
