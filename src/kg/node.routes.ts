/**
 * Node names over HTTP (docs/api.md#node-names): `POST /api/kg/nodes` names up to 10,000 nodes, all
 * or none; `GET /api/kg/nodes/{id}` reads one back.
 */
import type { App, RouteDeps } from '../http/route-deps.ts';
import { ErrorResponse, writeErrors } from '../http/schemas.ts';
import { runInUnit } from '../unit-of-work.ts';
import { NewNodesBody, NodeJson, NodeParams, UpsertNodesResponse } from './node.schemas.ts';
import { getNode, upsertNodes } from './node.service.ts';

/** Registers the node-name routes. */
export function registerNodeRoutes(app: App, deps: RouteDeps) {
  const tags = ['knowledge graph'];
  app.post(
    '/api/kg/nodes',
    {
      schema: {
        tags,
        summary: 'Name up to 10,000 nodes (scope write), all or none; a node named again is renamed',
        security: [{ bearer: [] }],
        body: NewNodesBody,
        response: { 200: UpsertNodesResponse, ...writeErrors },
      },
    },
    async (request) => {
      const caller = await deps.authenticate(request);
      return runInUnit(deps, (unit) => upsertNodes(deps, { unit, caller, nodes: request.body }));
    },
  );

  app.get(
    '/api/kg/nodes/:id',
    {
      schema: {
        tags,
        summary: "A node's name and Biolink category (404 for a node never named)",
        params: NodeParams,
        response: { 200: NodeJson, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    (request) => getNode(deps, request.params.id),
  );
}
