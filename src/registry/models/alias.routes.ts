/**
 * Aliases over HTTP (docs/api.md#lineages-aliases-tags-and-maintainers): set or move one (`PUT`), delete one
 * (`DELETE`), scope `evaluate`; a protected alias only with `admin`.
 */
import type { App, RouteDeps } from '../../http/route-deps.ts';
import { ErrorResponse, writeErrors } from '../../http/schemas.ts';
import { runInUnit } from '../../unit-of-work.ts';
import { removeAlias, setAlias } from './alias.service.ts';
import { presentAlias } from './lineage.presenter.ts';
import { AliasJson, AliasParams, SetAliasBody } from './lineage.schemas.ts';

/** Registers `PUT` and `DELETE /api/lineages/{model_name}/aliases/{alias}`. */
export function registerAliasRoutes(app: App, deps: RouteDeps) {
  const base = { tags: ['lineages'], security: [{ bearer: [] }], params: AliasParams };
  app.put(
    '/api/lineages/:model_name/aliases/:alias',
    {
      schema: {
        ...base,
        summary: 'Point an alias at a version of the lineage, creating or moving it (scope evaluate)',
        body: SetAliasBody,
        response: { 200: AliasJson, 404: ErrorResponse, ...writeErrors },
      },
    },
    async (request) => {
      const caller = await deps.authenticate(request);
      const { model_name: modelName, alias } = request.params;
      const { version_number: versionNumber, protected: isProtected } = request.body;
      const set = await runInUnit(deps, (unit) =>
        setAlias(deps, { unit, caller, modelName, alias, versionNumber, isProtected }),
      );
      return presentAlias(set);
    },
  );

  app.delete(
    '/api/lineages/:model_name/aliases/:alias',
    {
      schema: {
        ...base,
        summary: 'Delete an alias (scope evaluate)',
        response: { 204: { type: 'null' }, 404: ErrorResponse, ...writeErrors },
      },
    },
    async (request, reply) => {
      const caller = await deps.authenticate(request);
      const { model_name: modelName, alias } = request.params;
      await runInUnit(deps, (unit) => removeAlias(deps, { unit, caller, modelName, alias }));
      return reply.status(204).send(null);
    },
  );
}
