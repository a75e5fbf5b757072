/**
 * The artifact page (`GET /artifacts/{id}`): any artifact, the page every provenance node leads to.
 */
import type { App, RouteDeps } from '../../http/route-deps.ts';
import { IdParams } from '../../http/schemas.ts';
import { registerPageScope, sendPage } from '../shared/page-reply.ts';
import { findSignedIn } from '../shared/session.ts';
import { loadArtifactPage } from './artifact-page.query.ts';
import { renderArtifactPage } from './artifact-page.view.ts';

/** Registers `GET /artifacts/{id}`. */
export function registerArtifactPage(app: App, deps: RouteDeps): void {
  registerPageScope(app, (pages) => {
    pages.get('/artifacts/:id', { schema: { hide: true, params: IdParams } }, async (request, reply) => {
      const viewer = await findSignedIn(deps.authenticate, request);
      return sendPage(reply, renderArtifactPage(await loadArtifactPage(deps, request.params.id, viewer)));
    });
  });
}
