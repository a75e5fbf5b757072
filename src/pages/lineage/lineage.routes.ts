/**
 * The lineage page (`/lineages/{model_name}`).
 */
import type { App, RouteDeps } from '../../http/route-deps.ts';
import { presentLineageDetail } from '../../registry/models/lineage.presenter.ts';
import { LineageParams } from '../../registry/models/lineage.schemas.ts';
import { getLineage } from '../../registry/models/lineage-read.service.ts';
import { registerPageScope, sendPage } from '../shared/page-reply.ts';
import { renderLineagePage } from './lineage.view.ts';

/** Registers `GET /lineages/{model_name}`. */
export function registerLineagePage(app: App, deps: RouteDeps): void {
  registerPageScope(app, (pages) => {
    pages.get(
      '/lineages/:model_name',
      { schema: { hide: true, params: LineageParams } },
      async (request, reply) =>
        sendPage(
          reply,
          renderLineagePage(presentLineageDetail(await getLineage(deps, request.params.model_name))),
        ),
    );
  });
}
