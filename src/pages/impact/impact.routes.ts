/**
 * The impact preview's page route: `POST /models/{id}/impact-preview`, the model page panel's form.
 * A normal POST in a page scope of its own (form parser, failures as pages): the signed-in
 * evaluator of the review queue's `mg_token` cookie (SameSite=Strict, which keeps other sites'
 * forms out) runs the same command as `POST /api/models/{id}/impact-preview`, and the answer is
 * rendered as a page. A 401 offers the sign-in form, which comes back to the model page.
 */
import type { FastifyRequest } from 'fastify';
import { InvalidRequest } from '../../errors.ts';
import type { App, RouteDeps } from '../../http/route-deps.ts';
import { IdParams } from '../../http/schemas.ts';
import { previewImpact } from '../../jobs/rescore/impact-preview.job.ts';
import { MAX_PREVIEW_EDGES } from '../../jobs/rescore/impact-preview.schemas.ts';
import { renderErrorPage } from '../shared/layout.view.ts';
import { pageErrorHandler, registerPageScope, sendPage } from '../shared/page-reply.ts';
import { dropStaleSession, requireSignedIn } from '../shared/session.ts';
import { renderSignInForm } from '../shared/sign-in.view.ts';
import { ImpactForm } from './impact.schemas.ts';
import { renderImpactPage } from './impact.view.ts';
import { impactPanelUrl } from './impact-panel.view.ts';

/** The form's `max_edges` as the command's option: empty is the default (one pass). */
function maxEdgesOf(text: string | undefined): number | undefined {
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (value < 1 || value > MAX_PREVIEW_EDGES) {
    throw new InvalidRequest(`max_edges must be between 1 and ${MAX_PREVIEW_EDGES}, got ${text}`);
  }
  return value;
}

/** A failure of the form as a page, with the way back to the model page (and the sign-in form on a 401). */
function renderImpactErrorPage(status: number, message: string, request: FastifyRequest) {
  const id = (request.params as { id?: string } | undefined)?.id;
  const back = id ? impactPanelUrl(id) : '/models';
  return renderErrorPage(status, message, {
    extra: status === 401 ? renderSignInForm(back) : '',
    back: { href: back, label: id ? 'Back to the model page' : 'Back to the model catalog' },
  });
}

/** Registers `POST /models/{id}/impact-preview`. */
export function registerImpactPages(app: App, deps: RouteDeps): void {
  registerPageScope(
    app,
    (pages) => {
      pages.post(
        '/models/:id/impact-preview',
        { schema: { hide: true, params: IdParams, body: ImpactForm } },
        async (request, reply) => {
          const maxEdges = maxEdgesOf(request.body.max_edges);
          const caller = await requireSignedIn(deps.authenticate, request, 'preview a promotion');
          const preview = await previewImpact(deps, { id: request.params.id, caller, maxEdges });
          return sendPage(reply, renderImpactPage({ preview, caller, maxEdges }));
        },
      );
    },
    pageErrorHandler(renderImpactErrorPage, dropStaleSession),
  );
}
