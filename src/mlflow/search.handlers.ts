/**
 * `registered-models/search` and `model-versions/search` of the MLflow face: MLflow's filter,
 * `order_by`, `max_results` and `page_token` over modelgraph's searches, keyset pages behind an
 * opaque token. Results and `next_page_token` are left out when empty, as MLflow's server does.
 */
import type { App, RouteDeps } from '../http/route-deps.ts';
import { getNewestPerStatus } from '../registry/models/card.service.ts';
import { searchLineages, searchModelVersions } from '../registry/models/search.service.ts';
import { parseMlflowFilter } from './core/filter.ts';
import { parseOrderBy } from './core/order-by.ts';
import { decodePageToken, encodePageToken, type TokenScope } from './core/page-token.ts';
import { presentModelVersion } from './mlflow.presenter.ts';
import { presentLineages } from './mlflow-lookup.ts';
import { maxResultsOf, optionalString, type Params, paramsOf, stringList } from './mlflow-request.ts';

const LINEAGE_ORDER_KEYS = {
  name: 'name',
  timestamp: 'updated_at',
  last_updated_timestamp: 'updated_at',
} as const;
const VERSION_ORDER_KEYS = {
  name: 'name',
  version_number: 'version_number',
  creation_timestamp: 'created_at',
  last_updated_timestamp: 'updated_at',
} as const;

/** The most versions one page holds: MLflow's client asks for 10,000 unless told otherwise. */
export const MAX_VERSION_RESULTS = 10_000;

function searchRequest(params: Params, endpoint: string) {
  const filter = optionalString(params, 'filter') ?? '';
  const orderBy = stringList(params, 'order_by');
  const scope: TokenScope = { endpoint, filter, orderBy };
  return { filter, orderBy, scope, after: decodePageToken(scope, optionalString(params, 'page_token')) };
}

function pageAnswer<T>(key: string, items: T[], scope: TokenScope, next: string[] | null) {
  return {
    ...(items.length > 0 ? { [key]: items } : {}),
    ...(next ? { next_page_token: encodePageToken(scope, next) } : {}),
  };
}

/** Registers both search endpoints on the MLflow scope. */
export function registerSearchRoutes(app: App, deps: RouteDeps) {
  const hidden = { schema: { hide: true } };

  app.get('/registered-models/search', hidden, async (request) => {
    const params = paramsOf(request);
    const { filter, orderBy, scope, after } = searchRequest(params, 'registered-models');
    const limit = maxResultsOf(params, 100, 1000);
    const page = await searchLineages(
      deps,
      {
        search: parseMlflowFilter(filter),
        order: parseOrderBy(orderBy, LINEAGE_ORDER_KEYS),
        after,
        limit,
      },
      (names) => getNewestPerStatus(deps, names),
    );
    return pageAnswer('registered_models', presentLineages(page.items, page.extra), scope, page.next);
  });

  app.get('/model-versions/search', hidden, async (request) => {
    const params = paramsOf(request);
    const { filter, orderBy, scope, after } = searchRequest(params, 'model-versions');
    const limit = maxResultsOf(params, MAX_VERSION_RESULTS, MAX_VERSION_RESULTS);
    const order = parseOrderBy(orderBy, VERSION_ORDER_KEYS);
    const page = await searchModelVersions(deps, {
      search: parseMlflowFilter(filter),
      // MLflow's default: the most recently changed first.
      order: order.length > 0 ? order : [{ key: 'updated_at', direction: 'desc' }],
      after,
      limit,
    });
    const versions = page.items.map((card) => presentModelVersion(card, false));
    return pageAnswer('model_versions', versions, scope, page.next);
  });
}
