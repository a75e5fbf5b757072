/**
 * The compare page (`/models/compare?ids=a,b[,…]`).
 */
import type { App, RouteDeps } from '../../http/route-deps.ts';
import { presentComparison } from '../../registry/models/model.presenter.ts';
import { compareModelVersions, parseCompareIds } from '../../registry/models/model-read.service.ts';
import { registerPageScope, sendPage } from '../shared/page-reply.ts';
import { renderComparePage } from './compare.view.ts';
import { ComparePageQuery, catalogBackUrl, joinCompareIds } from './compare-page.query.ts';

/** Registers `GET /models/compare`. */
export function registerComparePage(app: App, deps: RouteDeps): void {
  registerPageScope(app, (pages) => {
    pages.get(
      '/models/compare',
      { schema: { hide: true, querystring: ComparePageQuery } },
      async (request, reply) => {
        const ids = joinCompareIds(request.query.ids);
        // Fewer than two ticked on the catalog: back there, saying so, with its filters kept.
        const back = catalogBackUrl(ids, request.query.back);
        if (back) return reply.redirect(back, 303);
        const comparison = await compareModelVersions(deps, parseCompareIds(ids));
        return sendPage(reply, renderComparePage(presentComparison(comparison)));
      },
    );
  });
}
