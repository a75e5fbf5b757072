/**
 * How the pages answer: an HTML document, and failures as pages in the layout — the API's status
 * and message for a known failure, a logged 500 with no detail for anything else — each page
 * feature in a Fastify scope of its own.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toHttpFailure } from '../../http/error-handler.ts';
import { assertStorableValue } from '../../http/input-guard.ts';
import type { App } from '../../http/route-deps.ts';
import type { Html } from './html.ts';
import { renderErrorPage } from './layout.view.ts';
import { requireSameOrigin } from './same-origin.ts';

/** Sends a page as `text/html`. */
export function sendPage(reply: FastifyReply, page: Html) {
  return reply.type('text/html; charset=utf-8').send(page.toString());
}

/**
 * An error handler that renders failures with `renderError` (given the request, for a way back to
 * the page that failed). `onKnownFailure` runs before a known failure is sent (the review pages
 * clear a stale session cookie on a 401).
 */
export function pageErrorHandler(
  renderError: (status: number, message: string, request: FastifyRequest) => Html,
  onKnownFailure?: (status: number, request: FastifyRequest, reply: FastifyReply) => void,
) {
  return (error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const known = toHttpFailure(error);
    if (!known) {
      request.log.error({ err: error, url: request.url }, 'unhandled error on a page');
      return sendPage(
        reply.status(500),
        renderError(500, 'The server failed to handle this request. Please try again later.', request),
      );
    }
    onKnownFailure?.(known.status, request, reply);
    return sendPage(reply.status(known.status), renderError(known.status, known.body.error.message, request));
  };
}

/** Whether a URL belongs to the pages rather than the API, its documentation or the OpenAPI document. */
export function isPageUrl(url: string): boolean {
  return !/^\/(api|docs|openapi\.json)(\/|\?|$)/.test(url);
}

/** The 400 page for a URL the server cannot even route (a malformed percent-encoding). */
export function sendBadRequestPage(request: FastifyRequest, reply: FastifyReply, reason: string) {
  return sendPage(
    reply.status(400),
    renderErrorPage(400, `The address ${request.url} cannot be read: ${reason}.`),
  );
}

/** The 404 page for a URL no route answers. */
export function sendNotFoundPage(request: FastifyRequest, reply: FastifyReply) {
  return sendPage(reply.status(404), renderErrorPage(404, `There is no page at ${request.url}.`));
}

/**
 * HTML forms post `application/x-www-form-urlencoded`; a repeated field keeps its last value, and
 * a field that cannot be stored (a NUL, a lone surrogate) is the form's 400.
 */
function parseForm(
  _request: FastifyRequest,
  body: string | Buffer,
  done: (error: Error | null, body?: unknown) => void,
) {
  try {
    const fields = Object.fromEntries(new URLSearchParams(body.toString()));
    assertStorableValue(fields, 'the form');
    done(null, fields);
  } catch (error) {
    done(error as Error);
  }
}

/**
 * Registers page routes in a scope of their own, so that their failures answer as HTML pages in
 * the layout (400, 404, 500 — or the review pages' own) while the JSON API keeps its error format;
 * every state-changing request in it must come from a page of this server (403 otherwise).
 */
export function registerPageScope(
  app: App,
  routes: (pages: App) => void,
  errorHandler: ReturnType<typeof pageErrorHandler> = pageErrorHandler((status, message) =>
    renderErrorPage(status, message),
  ),
): void {
  app.register(async (scope) => {
    const pages = scope.withTypeProvider<TypeBoxTypeProvider>();
    pages.setErrorHandler(errorHandler);
    pages.addHook('onRequest', requireSameOrigin);
    pages.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, parseForm);
    routes(pages);
  });
}

/**
 * A GET form sends its empty fields (`family=&q=`); to the list API they mean "no filter", so they
 * are dropped before the API's own schema validates what is left.
 */
export async function dropEmptyParameters(request: FastifyRequest) {
  const query = request.query as Record<string, unknown>;
  for (const [key, value] of Object.entries(query)) {
    const kept = Array.isArray(value) ? value.filter((item) => item !== '') : value;
    if (kept === '' || (Array.isArray(kept) && kept.length === 0)) delete query[key];
    else query[key] = kept;
  }
}
