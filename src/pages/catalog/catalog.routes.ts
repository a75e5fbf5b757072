/**
 * The catalog page (`/models`): the list API's filters and sorts as a form, paginated. A filter
 * the search language refuses is shown in place, under the filter box, with the form kept.
 */
import { InvalidFilter } from '../../errors.ts';
import { nextCursorOf } from '../../http/cursor.ts';
import type { App, RouteDeps } from '../../http/route-deps.ts';
import { presentModelPage } from '../../registry/models/model.presenter.ts';
import { catalogQueryOf, ListModelsQuery } from '../../registry/models/model.schemas.ts';
import { listModelFilterFields, listModels } from '../../registry/models/model-read.service.ts';
import { dropEmptyParameters, registerPageScope, sendPage } from '../shared/page-reply.ts';
import { renderCatalogPage } from './catalog.view.ts';

/** Registers `GET /models`. */
export function registerCatalogPages(app: App, deps: RouteDeps): void {
  registerPageScope(app, (pages) => {
    pages.get(
      '/models',
      { schema: { hide: true, querystring: ListModelsQuery }, preValidation: dropEmptyParameters },
      async (request, reply) => {
        const fields = listModelFilterFields();
        try {
          const { sort, props } = catalogQueryOf(request.query);
          const page = await listModels(deps, props);
          const { limit, offset } = request.query;
          const nextCursor = nextCursorOf(sort, page.next, request.query.filter);
          const list = presentModelPage(page, { limit, offset, nextCursor });
          return sendPage(reply, renderCatalogPage(request.query, list, fields));
        } catch (error) {
          if (!(error instanceof InvalidFilter)) throw error;
          const problem = { message: error.message, ...error.details };
          return sendPage(reply.status(400), renderCatalogPage(request.query, undefined, fields, problem));
        }
      },
    );
  });
}
