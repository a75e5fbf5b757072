/**
 * The server-rendered pages (SPEC §2 Pages): `/` → `/models`, the catalog, the model page and the
 * stylesheet. They live in their own Fastify scope so that their errors answer as HTML pages in
 * the layout (400, 404, 500) while the JSON API keeps its error format.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, RouteDeps } from '../http/app.ts';
import { IdParams } from '../http/schemas.ts';
import { listModels } from '../registry/model.routes.ts';
import { ListModelsQuery } from '../registry/model.schemas.ts';
import { renderCatalogPage } from './catalog.view.ts';
import { renderComparePage } from './compare.view.ts';
import { ComparePageQuery, loadComparePage } from './compare-page.query.ts';
import { FAVICON_SVG } from './favicon.ts';
import { renderErrorPage } from './layout.view.ts';
import { renderModelPage } from './model-detail.view.ts';
import { loadModelPage } from './model-page.query.ts';
import { STYLESHEET } from './page.style.ts';
import { pageErrorHandler, sendPage } from './page-reply.ts';
import { registerReviewRoutes } from './review.routes.ts';

/** Sends a rendered page with the HTML content type. */
/** Whether a URL belongs to the pages rather than the API, its documentation or the OpenAPI document. */
export function isPageUrl(url: string): boolean {
  return !/^\/(api|docs|openapi\.json)(\/|\?|$)/.test(url);
}

/** The 404 page for a URL no route answers. */
export function sendNotFoundPage(request: FastifyRequest, reply: FastifyReply) {
  return sendPage(reply.status(404), renderErrorPage(404, `There is no page at ${request.url}.`));
}

/**
 * A GET form sends its empty fields (`family=&q=`); to the list API they mean "no filter", so they
 * are dropped before the API's own schema validates what is left.
 */
async function dropEmptyParameters(request: FastifyRequest) {
  const query = request.query as Record<string, unknown>;
  for (const [key, value] of Object.entries(query)) if (value === '') delete query[key];
}

/** Registers the page routes in their own scope. */
export function registerPageRoutes(app: App, deps: RouteDeps) {
  const { db } = deps;
  app.register(async (scope) => {
    const pages = scope.withTypeProvider<TypeBoxTypeProvider>();
    pages.setErrorHandler(pageErrorHandler(renderErrorPage));

    pages.get('/', { schema: { hide: true } }, (_request, reply) => reply.redirect('/models', 302));

    pages.get('/assets/style.css', { schema: { hide: true } }, (_request, reply) =>
      reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(STYLESHEET),
    );

    pages.get('/assets/favicon.svg', { schema: { hide: true } }, (_request, reply) =>
      reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(FAVICON_SVG),
    );

    pages.get(
      '/models',
      { schema: { hide: true, querystring: ListModelsQuery }, preValidation: dropEmptyParameters },
      async (request, reply) =>
        sendPage(reply, renderCatalogPage(request.query, await listModels(db, request.query))),
    );

    pages.get(
      '/models/compare',
      { schema: { hide: true, querystring: ComparePageQuery } },
      async (request, reply) =>
        sendPage(reply, renderComparePage(await loadComparePage(db, request.query.ids))),
    );

    pages.get('/models/:id', { schema: { hide: true, params: IdParams } }, async (request, reply) =>
      sendPage(reply, renderModelPage(await loadModelPage(db, request.params.id))),
    );

    registerReviewRoutes(pages, deps);
  });
}
