/**
 * How the pages answer: an HTML document, and failures as pages in the layout — the API's status
 * and message for a known failure, a logged 500 with no detail for anything else.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toHttpFailure } from '../http/error-handler.ts';
import type { Html } from './html.ts';

/** Sends a page as `text/html`. */
export function sendPage(reply: FastifyReply, page: Html) {
  return reply.type('text/html; charset=utf-8').send(page.toString());
}

/**
 * An error handler that renders failures with `renderError`. `onKnownFailure` runs before a known
 * failure is sent (the review pages clear a stale session cookie on a 401).
 */
export function pageErrorHandler(
  renderError: (status: number, message: string) => Html,
  onKnownFailure?: (status: number, request: FastifyRequest, reply: FastifyReply) => void,
) {
  return (error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const known = toHttpFailure(error);
    if (!known) {
      request.log.error({ err: error, url: request.url }, 'unhandled error on a page');
      return sendPage(
        reply.status(500),
        renderError(500, 'The server failed to handle this request. Please try again later.'),
      );
    }
    onKnownFailure?.(known.status, request, reply);
    return sendPage(reply.status(known.status), renderError(known.status, known.body.error.message));
  };
}
