/**
 * What every write form of the pages shares: the path a form may come back to, the redirect after
 * an action (303 with a `done` code the page turns into a sentence), and failures as pages with
 * the way back (and, on a 401, the sign-in form that comes back there).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Html } from './html.ts';
import { renderErrorPage } from './layout.view.ts';
import { pageErrorHandler } from './page-reply.ts';
import { dropStaleSession } from './session.ts';
import { renderSignInForm } from './sign-in.view.ts';

/** A path of this site (one leading slash, never two), so a form cannot send the browser elsewhere. */
export const LocalPath = Type.String({ pattern: '^/(?![/\\\\])[^\\s\\\\]*$', maxLength: 500 });

/** `path` with the flash code of the action just done. */
export function withDone(path: string, done: string): string {
  const [base, hash] = path.split('#');
  const separator = base.includes('?') ? '&' : '?';
  return `${base}${separator}done=${encodeURIComponent(done)}${hash === undefined ? '' : `#${hash}`}`;
}

/** After an action, back to a page with its flash code (303: the browser follows with a GET). */
export function redirectDone(reply: FastifyReply, path: string, done: string) {
  return reply.redirect(withDone(path, done), 303);
}

/** Where a failed form offers to go back to. */
export interface BackLink {
  href: string;
  label: string;
}

/**
 * A form's failure as a page with the way back; a 401 offers the sign-in form (which comes back to
 * the page asked for, or after a refused POST to the way back) and drops a stale cookie.
 */
export function actionErrorHandler(backOf: (request: FastifyRequest) => BackLink) {
  return pageErrorHandler((status: number, message: string, request: FastifyRequest): Html => {
    const back = backOf(request);
    const next = request.method === 'GET' ? request.url : back.href;
    return renderErrorPage(status, message, {
      extra: status === 401 ? renderSignInForm(next) : '',
      back,
    });
  }, dropStaleSession);
}
