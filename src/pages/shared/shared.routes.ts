/**
 * What every page shares: `/` → `/models`, the stylesheet and the favicon.
 */
import type { App } from '../../http/route-deps.ts';
import { ACTION_STYLESHEET } from './action.style.ts';
import { FAVICON_SVG } from './favicon.ts';
import { STYLESHEET } from './page.style.ts';
import { registerPageScope } from './page-reply.ts';

/** Registers the redirect from `/` and the page assets. */
export function registerSharedPages(app: App): void {
  registerPageScope(app, (pages) => {
    pages.get('/', { schema: { hide: true } }, (_request, reply) => reply.redirect('/models', 302));
    pages.get('/assets/style.css', { schema: { hide: true } }, (_request, reply) =>
      reply
        .type('text/css; charset=utf-8')
        .header('cache-control', 'public, max-age=3600')
        .send(STYLESHEET + ACTION_STYLESHEET),
    );
    pages.get('/assets/favicon.svg', { schema: { hide: true } }, (_request, reply) =>
      reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(FAVICON_SVG),
    );
  });
}
