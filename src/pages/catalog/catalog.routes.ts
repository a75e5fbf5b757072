/**
 * The catalog page (`/models`): the list API's filters and sorts as a form, paginated. A filter
 * the search language refuses is shown in place, under the filter box, with the form kept.
 */
import type { FastifyRequest } from 'fastify';
import { InvalidFilter } from '../../errors.ts';
import { nextCursorOf } from '../../http/cursor.ts';
import type { App, RouteDeps } from '../../http/route-deps.ts';
import { presentModelPage } from '../../registry/models/model.presenter.ts';
import { catalogQueryOf, ListModelsQuery } from '../../registry/models/model.schemas.ts';
import { listModelFilterFields, listModels } from '../../registry/models/model-read.service.ts';
import { COMPARE_NOTICE } from '../compare/compare-page.query.ts';
import { dropEmptyParameters, registerPageScope, sendPage } from '../shared/page-reply.ts';
import { renderCatalogPage } from './catalog.view.ts';

// Requests whose `notice` (a page-only parameter, taken out before the list API's schema sees
// the query) asked to say that a comparison needs two versions.
const noticed = new WeakSet<FastifyRequest>();

/** Takes the page's own `notice` parameter out of the query, remembering a known one. */
async function takeNotice(request: FastifyRequest) {
  const query = request.query as Record<string, unknown>;
  if (query.notice === COMPARE_NOTICE) noticed.add(request);
  delete query.notice;
}

/** Registers `GET /models`. */
export function registerCatalogPages(app: App, deps: RouteDeps): void {
  registerPageScope(app, (pages) => {
    pages.get(
      '/models',
      {
        schema: { hide: true, querystring: ListModelsQuery },
        preValidation: [dropEmptyParameters, takeNotice],
      },
      async (request, reply) => {
        const page = { fields: listModelFilterFields(), compareNotice: noticed.has(request) };
        try {
          const { sort, props } = catalogQueryOf(request.query);
          const found = await listModels(deps, props);
          const { limit, offset } = request.query;
          const nextCursor = nextCursorOf(sort, found.next, request.query.filter);
          const list = presentModelPage(found, { limit, offset, nextCursor });
          return sendPage(reply, renderCatalogPage(request.query, list, page));
        } catch (error) {
          if (!(error instanceof InvalidFilter)) throw error;
          const problem = { message: error.message, ...error.details };
          return sendPage(
            reply.status(400),
            renderCatalogPage(request.query, undefined, { ...page, problem }),
          );
        }
      },
    );
  });
}
