/**
 * The catalog page (`/models`): the list API's filters and sorts as a form, paginated.
 */
import { nextCursorOf } from '../../http/cursor.ts';
import type { App, RouteDeps } from '../../http/route-deps.ts';
import { presentModelPage } from '../../registry/models/model.presenter.ts';
import { catalogQueryOf, ListModelsQuery } from '../../registry/models/model.schemas.ts';
import { listModels } from '../../registry/models/model-read.service.ts';
import { dropEmptyParameters, registerPageScope, sendPage } from '../shared/page-reply.ts';
import { renderCatalogPage } from './catalog.view.ts';

/** Registers `GET /models`. */
export function registerCatalogPages(app: App, deps: RouteDeps): void {
  registerPageScope(app, (pages) => {
    pages.get(
      '/models',
      { schema: { hide: true, querystring: ListModelsQuery }, preValidation: dropEmptyParameters },
      async (request, reply) => {
        const { sort, props } = catalogQueryOf(request.query);
        const page = await listModels(deps, props);
        const { limit, offset } = request.query;
        const nextCursor = nextCursorOf(sort, page.next, request.query.filter);
        const list = presentModelPage(page, { limit, offset, nextCursor });
        return sendPage(reply, renderCatalogPage(request.query, list));
      },
    );
  });
}
