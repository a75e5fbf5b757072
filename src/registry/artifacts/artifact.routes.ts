/**
 * Artifacts, versions and links over HTTP (docs/api.md#artifacts-and-links).
 */
import type { App, RouteDeps } from '../../http/route-deps.ts';
import { ErrorResponse, IdParams, writeErrors } from '../../http/schemas.ts';
import { runInUnit } from '../../unit-of-work.ts';
import { presentArtifactDetail, presentLink, presentVersion } from './artifact.presenter.ts';
import {
  ArtifactDetail,
  ArtifactVersion,
  CreateArtifactBody,
  CreateLinkBody,
  CreateVersionBody,
  Link,
} from './artifact.schemas.ts';
import { createArtifact, createArtifactVersion, createLink, getArtifactDetail } from './artifact.service.ts';

/** Registers the artifact, version and link routes. */
export function registerArtifactRoutes(app: App, deps: RouteDeps) {
  const { authenticate } = deps;
  const security = [{ bearer: [] }];
  app.post(
    '/api/artifacts',
    {
      schema: {
        tags: ['artifacts'],
        summary: 'Create an artifact with its version 1 (not for models)',
        security,
        body: CreateArtifactBody,
        response: { 201: ArtifactDetail, ...writeErrors },
      },
    },
    async (request, reply) => {
      const caller = await authenticate(request);
      const { id, type, title, metadata = {}, version = {} } = request.body;
      const created = await runInUnit(deps, (unit) =>
        createArtifact(deps, { unit, caller, id, type, title, metadata, version }),
      );
      return reply.status(201).send(presentArtifactDetail(await getArtifactDetail(deps, created)));
    },
  );

  app.post(
    '/api/artifacts/:id/versions',
    {
      schema: {
        tags: ['artifacts'],
        summary: 'Add the next version of an artifact',
        security,
        params: IdParams,
        body: CreateVersionBody,
        response: { 201: ArtifactVersion, 404: ErrorResponse, ...writeErrors },
      },
    },
    async (request, reply) => {
      const caller = await authenticate(request);
      const { digest, uri, metadata = {} } = request.body;
      const artifactId = request.params.id;
      const version = await runInUnit(deps, (unit) =>
        createArtifactVersion(deps, { unit, caller, artifactId, digest, uri, metadata }),
      );
      return reply.status(201).send(presentVersion(version));
    },
  );

  app.get(
    '/api/artifacts/:id',
    {
      schema: {
        tags: ['artifacts'],
        summary: 'An artifact with its versions and links',
        params: IdParams,
        response: { 200: ArtifactDetail, 404: ErrorResponse },
      },
    },
    async (request) => presentArtifactDetail(await getArtifactDetail(deps, request.params.id)),
  );

  app.post(
    '/api/links',
    {
      schema: {
        tags: ['artifacts'],
        summary: 'Link two artifacts, optionally pinned to a version of the target',
        security,
        body: CreateLinkBody,
        response: { 201: Link, ...writeErrors },
      },
    },
    async (request, reply) => {
      const caller = await authenticate(request);
      const { source_id, target_id, link_type, target_version = null } = request.body;
      const spec = {
        sourceId: source_id,
        targetId: target_id,
        linkType: link_type,
        targetVersion: target_version,
      };
      const link = await runInUnit(deps, (unit) => createLink(deps, { unit, spec, caller }));
      return reply.status(201).send(presentLink(link));
    },
  );
}
