/**
 * The open formats of a model version over HTTP (docs/integrations.md#formats): `GET /api/models/{id}/prov`,
 * `/ro-crate` and `/openlineage`. Each names the version's artifacts and agents by this server's
 * URLs, as the client reached it.
 */
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { App, RouteDeps } from '../http/route-deps.ts';
import { ErrorResponse, IdParams } from '../http/schemas.ts';
import { exportOpenLineage, exportProv, exportRoCrate } from './format.service.ts';

const AnyJson = Type.Record(Type.String(), Type.Unknown());
// No parameters: an unknown one is a 400, not silently ignored.
const NoQuery = Type.Object({}, { additionalProperties: false });
const baseOf = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

/** Registers the three export routes. */
export function registerFormatRoutes(app: App, deps: RouteDeps) {
  const tags = ['open formats'];
  app.get(
    '/api/models/:id/prov',
    {
      schema: {
        tags,
        summary: "The version's provenance DAG as a W3C PROV-JSON document",
        params: IdParams,
        querystring: NoQuery,
        response: { 200: AnyJson, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => exportProv(deps, { id: request.params.id, base: baseOf(request) }),
  );

  app.get(
    '/api/models/:id/ro-crate',
    {
      schema: {
        tags,
        summary: 'The version, its datasets, analysis, hypothesis and agents as RO-Crate 1.1 metadata',
        description: 'The `ro-crate-metadata.json` of a crate describing the version (JSON-LD).',
        params: IdParams,
        querystring: NoQuery,
        response: {
          200: {
            description: 'ro-crate-metadata.json',
            content: { 'application/ld+json': { schema: AnyJson } },
          },
          400: ErrorResponse,
          404: ErrorResponse,
        },
      },
    },
    async (request, reply) =>
      reply
        .type('application/ld+json')
        .send(await exportRoCrate(deps, { id: request.params.id, base: baseOf(request) })),
  );

  app.get(
    '/api/models/:id/openlineage',
    {
      schema: {
        tags,
        summary: 'The OpenLineage 2-0-2 RunEvents (START, COMPLETE) of the run that produced the version',
        params: IdParams,
        querystring: NoQuery,
        response: {
          200: Type.Object({ events: Type.Array(AnyJson) }),
          400: ErrorResponse,
          404: ErrorResponse,
        },
      },
    },
    async (request) => ({
      events: await exportOpenLineage(deps, { id: request.params.id, base: baseOf(request) }),
    }),
  );
}
