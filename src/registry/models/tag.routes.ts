/**
 * Tags over HTTP: `PUT` and `DELETE` on a lineage's and on a version's tags, scope
 * `write`, by a maintainer of the lineage.
 */
import { Type } from 'typebox';
import type { App, RouteDeps } from '../../http/route-deps.ts';
import { ErrorResponse, writeErrors } from '../../http/schemas.ts';
import { runInUnit } from '../../unit-of-work.ts';
import { LineageTagParams } from './lineage.schemas.ts';
import { SetTagBody, TagChangeJson, TagKey } from './tag.schemas.ts';
import { deleteTag, setTag, type TagOwner } from './tag.service.ts';

const ModelTagParams = Type.Object({ id: Type.String(), key: TagKey }, { additionalProperties: false });

/** Registers the tag routes of lineages and model versions. */
export function registerTagRoutes(app: App, deps: RouteDeps) {
  const routes: [
    string,
    typeof LineageTagParams | typeof ModelTagParams,
    (params: Record<string, string>) => TagOwner,
  ][] = [
    ['/api/lineages/:model_name/tags/:key', LineageTagParams, (params) => ({ modelName: params.model_name })],
    ['/api/models/:id/tags/:key', ModelTagParams, (params) => ({ versionRef: params.id })],
  ];
  for (const [url, params, ownerOf] of routes) {
    const base = { tags: ['tags'], security: [{ bearer: [] }], params };
    app.put(
      url,
      {
        schema: {
          ...base,
          summary: 'Set a tag (a maintainer of the lineage or admin)',
          body: SetTagBody,
          response: { 200: TagChangeJson, 404: ErrorResponse, ...writeErrors },
        },
      },
      async (request) => {
        const caller = await deps.authenticate(request);
        const { key } = request.params as { key: string };
        const owner = ownerOf(request.params as Record<string, string>);
        const { value } = request.body as { value: string };
        return runInUnit(deps, (unit) => setTag(deps, { unit, caller, owner, key, value }));
      },
    );
    app.delete(
      url,
      {
        schema: {
          ...base,
          summary: 'Delete a tag (a maintainer of the lineage or admin)',
          response: { 204: { type: 'null' }, 404: ErrorResponse, ...writeErrors },
        },
      },
      async (request, reply) => {
        const caller = await deps.authenticate(request);
        const { key } = request.params as { key: string };
        const owner = ownerOf(request.params as Record<string, string>);
        await runInUnit(deps, (unit) => deleteTag(deps, { unit, caller, owner, key }));
        return reply.status(204).send(null);
      },
    );
  }
}
