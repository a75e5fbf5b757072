/**
 * Lineages over HTTP: who maintains one (SPEC §15). A maintainer or `admin` adds and removes
 * maintainers; a lineage keeps at least one.
 */
import type { App, RouteDeps } from '../http/route-deps.ts';
import { ErrorResponse, writeErrors } from '../http/schemas.ts';
import { MaintainerParams, MaintainersJson } from './lineage.schemas.ts';
import { addMaintainer, removeMaintainer } from './lineage.service.ts';

/** Registers `PUT` and `DELETE /api/lineages/{model_name}/maintainers/{agent_id}`. */
export function registerLineageRoutes(app: App, deps: RouteDeps) {
  const schema = { tags: ['lineages'], security: [{ bearer: [] }], params: MaintainerParams };
  app.put(
    '/api/lineages/:model_name/maintainers/:agent_id',
    {
      schema: {
        ...schema,
        summary: 'Make an agent a maintainer of the lineage (a maintainer or admin)',
        response: { 200: MaintainersJson, 404: ErrorResponse, ...writeErrors },
      },
    },
    async (request) => {
      const caller = await deps.authenticate(request, 'write');
      const { model_name: modelName, agent_id: agentId } = request.params;
      return {
        model_name: modelName,
        maintainers: await addMaintainer(deps, { caller, modelName, agentId }),
      };
    },
  );

  app.delete(
    '/api/lineages/:model_name/maintainers/:agent_id',
    {
      schema: {
        ...schema,
        summary: 'Remove a maintainer of the lineage (a maintainer or admin); the last one stays',
        response: { 204: { type: 'null' }, 404: ErrorResponse, ...writeErrors },
      },
    },
    async (request, reply) => {
      const caller = await deps.authenticate(request, 'write');
      const { model_name: modelName, agent_id: agentId } = request.params;
      await removeMaintainer(deps, { caller, modelName, agentId });
      return reply.status(204).send(null);
    },
  );
}
