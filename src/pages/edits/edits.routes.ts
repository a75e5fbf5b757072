/**
 * The edit forms of the lineage and model pages: a lineage's or a version's description
 * (`POST /lineages/{model_name}/description`, `POST /models/{id}/description`) and tags
 * (`POST …/tags`, `POST …/tags/{key}/remove`). Each calls the command the API's `PATCH` and tag
 * routes call, in one unit of work, as the agent signed in through the session cookie (the
 * command checks the `write` scope and that the agent maintains the lineage), then redirects back
 * to the page with a flash code.
 */
import type { FastifyRequest } from 'fastify';
import type { Caller } from '../../caller.ts';
import type { Unit } from '../../deps.ts';
import type { App, RouteDeps } from '../../http/route-deps.ts';
import { setDescription } from '../../registry/lineages/lineage.service.ts';
import { setVersionDescription } from '../../registry/models/model-edit.service.ts';
import { deleteTag, setTag, type TagOwner } from '../../registry/models/tag.service.ts';
import { runInUnit } from '../../unit-of-work.ts';
import { actionErrorHandler, type BackLink, redirectDone } from '../shared/action-reply.ts';
import { registerPageScope } from '../shared/page-reply.ts';
import { requireSignedIn } from '../shared/session.ts';
import { DescriptionForm, LineageFormParams, ModelFormParams, TagForm } from './edits.schemas.ts';

type Params = Record<string, string>;

/** What differs between a lineage's forms and a version's. */
interface EditedThing {
  /** The page the forms live on, as a route. */
  route: string;
  params: typeof LineageFormParams | typeof ModelFormParams;
  pageOf(params: Params): string;
  backLabel: string;
  ownerOf(params: Params): TagOwner;
  describe(deps: RouteDeps, unit: Unit, caller: Caller, params: Params, description: string): Promise<void>;
}

const EDITED: EditedThing[] = [
  {
    route: '/lineages/:model_name',
    params: LineageFormParams,
    pageOf: (params) => `/lineages/${encodeURIComponent(params.model_name)}`,
    backLabel: 'Back to the lineage',
    ownerOf: (params) => ({ modelName: params.model_name }),
    describe: (deps, unit, caller, params, description) =>
      setDescription(deps, { unit, caller, modelName: params.model_name, description }),
  },
  {
    route: '/models/:id',
    params: ModelFormParams,
    pageOf: (params) => `/models/${encodeURIComponent(params.id)}`,
    backLabel: 'Back to the model version',
    ownerOf: (params) => ({ versionRef: params.id }),
    describe: (deps, unit, caller, params, description) =>
      setVersionDescription(deps, { unit, caller, id: params.id, description }),
  },
];

/** The page a failed form goes back to: the lineage's or the version's, or the catalog. */
function backOf(request: FastifyRequest): BackLink {
  const params = (request.params ?? {}) as Params;
  const thing = EDITED.find((candidate) =>
    Object.keys(candidate.params.properties).every((name) => name === 'key' || params[name] !== undefined),
  );
  return thing
    ? { href: thing.pageOf(params), label: thing.backLabel }
    : { href: '/models', label: 'Back to the model catalog' };
}

/** Registers the description and tag forms of lineages and versions. */
export function registerEditForms(app: App, deps: RouteDeps): void {
  const signedIn = (request: FastifyRequest, action: string) =>
    requireSignedIn(deps.authenticate, request, action);
  registerPageScope(
    app,
    (pages) => {
      for (const thing of EDITED) {
        const schema = { hide: true, params: thing.params };
        pages.post(
          `${thing.route}/description`,
          { schema: { ...schema, body: DescriptionForm } },
          async (request, reply) => {
            const caller = await signedIn(request, 'edit the description');
            const params = request.params as Params;
            const { description } = request.body as { description: string };
            await runInUnit(deps, (unit) => thing.describe(deps, unit, caller, params, description));
            return redirectDone(reply, `${thing.pageOf(params)}#h-about`, 'description_saved');
          },
        );
        pages.post(
          `${thing.route}/tags`,
          { schema: { ...schema, body: TagForm } },
          async (request, reply) => {
            const caller = await signedIn(request, 'set a tag');
            const params = request.params as Params;
            const { key, value } = request.body as { key: string; value: string };
            const owner = thing.ownerOf(params);
            await runInUnit(deps, (unit) => setTag(deps, { unit, caller, owner, key, value }));
            return redirectDone(reply, `${thing.pageOf(params)}#h-tags`, 'tag_set');
          },
        );
        pages.post(`${thing.route}/tags/:key/remove`, { schema }, async (request, reply) => {
          const caller = await signedIn(request, 'remove a tag');
          const params = request.params as Params;
          const owner = thing.ownerOf(params);
          await runInUnit(deps, (unit) => deleteTag(deps, { unit, caller, owner, key: params.key }));
          return redirectDone(reply, `${thing.pageOf(params)}#h-tags`, 'tag_removed');
        });
      }
    },
    actionErrorHandler(backOf),
  );
}
