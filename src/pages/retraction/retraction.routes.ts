/**
 * The retract and reinstate pages of an artifact: `GET /artifacts/{id}/retract` and
 * `GET /artifacts/{id}/reinstate` (`?version=n` for one version) run the command of
 * `POST /api/artifacts/{id}/retract` / `reinstate` as a dry run, which writes nothing, and show
 * what it would touch; `POST` on the same paths runs it for real with the form's reason (and
 * evidence URL), as the agent signed in through the session cookie (the command checks it is the
 * artifact's creator or holds `evaluate`), and shows what it did.
 */
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { InvalidRequest } from '../../errors.ts';
import type { App, RouteDeps } from '../../http/route-deps.ts';
import { IdParams, INT4_MAX } from '../../http/schemas.ts';
import { reinstateArtifact, retractArtifact } from '../../retraction/retraction.service.ts';
import { runInUnit } from '../../unit-of-work.ts';
import { actionErrorHandler } from '../shared/action-reply.ts';
import { dropEmptyParameters, registerPageScope, sendPage } from '../shared/page-reply.ts';
import { requireSignedIn } from '../shared/session.ts';
import {
  type RetractionAction,
  type RetractionPageProps,
  renderRetractionDonePage,
  renderRetractionPage,
} from './retraction-page.view.ts';

/** The reason the dry run is asked with: the command wants one, and the page never shows it. */
const DRY_RUN_REASON = 'dry run from the retraction page';

const Digits = Type.String({ pattern: '^[1-9][0-9]{0,9}$' });
const VersionQuery = Type.Object({ version: Type.Optional(Digits) }, { additionalProperties: false });
const ChangeForm = Type.Object(
  {
    version: Type.Optional(Digits),
    reason: Type.String({ minLength: 1, maxLength: 2000 }),
    evidence_url: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

/** A form's version text as a number (forms send text), or null for the whole artifact. */
function versionOf(text: string | undefined): number | null {
  if (text === undefined) return null;
  const version = Number(text);
  if (version > INT4_MAX) throw new InvalidRequest(`version ${text} is out of range`, { field: 'version' });
  return version;
}

/** What a request asks: the version's digits, the reason, the evidence URL, and whether only to look. */
interface Asked {
  version?: string;
  reason: string;
  evidenceUrl?: string;
  dryRun: boolean;
}

/**
 * Runs the change the signed-in agent asks for on artifact `id`, in one unit of work; the page's
 * props. 401 when nobody is signed in; the command checks the rest.
 */
async function runChange(
  deps: RouteDeps,
  request: FastifyRequest,
  action: RetractionAction,
  asked: Asked,
): Promise<RetractionPageProps> {
  const caller = await requireSignedIn(deps.authenticate, request, `${action} an artifact`);
  const version = versionOf(asked.version);
  const artifactId = (request.params as { id: string }).id;
  const target = {
    caller,
    artifactId,
    version: version ?? undefined,
    reason: asked.reason,
    dryRun: asked.dryRun,
  };
  if (action === 'retract') {
    const outcome = await runInUnit(deps, (unit) =>
      retractArtifact(deps, { ...target, unit, evidenceUrl: asked.evidenceUrl }),
    );
    return { action, outcome, caller, version };
  }
  const outcome = await runInUnit(deps, (unit) => reinstateArtifact(deps, { ...target, unit }));
  return { action, outcome, caller, version };
}

function backOf(request: FastifyRequest) {
  const id = (request.params as { id?: string } | undefined)?.id;
  return id
    ? { href: `/artifacts/${encodeURIComponent(id)}`, label: 'Back to the artifact' }
    : { href: '/models', label: 'Back to the model catalog' };
}

/** Registers the retract and reinstate pages. */
export function registerRetractionPages(app: App, deps: RouteDeps): void {
  registerPageScope(
    app,
    (pages) => {
      for (const action of ['retract', 'reinstate'] as const) {
        pages.get(
          `/artifacts/:id/${action}`,
          {
            schema: { hide: true, params: IdParams, querystring: VersionQuery },
            preValidation: dropEmptyParameters,
          },
          async (request, reply) => {
            const { version } = request.query;
            const asked = { version, reason: DRY_RUN_REASON, dryRun: true };
            return sendPage(reply, renderRetractionPage(await runChange(deps, request, action, asked)));
          },
        );
        pages.post(
          `/artifacts/:id/${action}`,
          { schema: { hide: true, params: IdParams, body: ChangeForm } },
          async (request, reply) => {
            const { version, reason } = request.body;
            // An empty evidence field is no evidence; anything else is checked by the command.
            const evidenceUrl = request.body.evidence_url || undefined;
            const asked = { version, reason, evidenceUrl, dryRun: false };
            return sendPage(reply, renderRetractionDonePage(await runChange(deps, request, action, asked)));
          },
        );
      }
    },
    actionErrorHandler(backOf),
  );
}
