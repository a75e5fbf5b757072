/**
 * Artifacts, versions and links over HTTP (SPEC §2 Artifacts).
 */

import type { Db } from '../db/database.ts';
import { NotFound } from '../errors.ts';
import type { App, RouteDeps } from '../http/app.ts';
import { ErrorResponse, IdParams, writeErrors } from '../http/schemas.ts';
import {
  type ArtifactVersionRow,
  findArtifactById,
  findLinksOf,
  findVersions,
  type LinkRow,
} from './artifact.repository.ts';
import {
  ArtifactDetail,
  ArtifactVersion,
  CreateArtifactBody,
  CreateLinkBody,
  CreateVersionBody,
  Link,
} from './artifact.schemas.ts';
import { createArtifact, createArtifactVersion, createLink } from './artifact.service.ts';

/** The public JSON form of an artifact version. */
export function presentVersion(row: ArtifactVersionRow) {
  return {
    artifact_id: row.artifactId,
    version_number: row.versionNumber,
    digest: row.digest,
    uri: row.uri,
    metadata: row.metadata,
    created_by: row.createdBy,
    created_at: row.createdAt.toISOString(),
  };
}

/** The public JSON form of a link. */
export function presentLink(row: LinkRow) {
  return {
    id: row.id,
    source_id: row.sourceId,
    target_id: row.targetId,
    link_type: row.linkType,
    target_version: row.targetVersion,
    created_by: row.createdBy,
    created_at: row.createdAt.toISOString(),
  };
}

/** An artifact with its versions and its links in both directions. */
export async function loadArtifactDetail(db: Db, id: string) {
  const artifact = await findArtifactById(db, id);
  if (!artifact) throw new NotFound(`artifact '${id}' does not exist`);
  const [versions, links] = await Promise.all([findVersions(db, id), findLinksOf(db, id)]);
  return {
    id: artifact.id,
    type: artifact.type,
    title: artifact.title,
    metadata: artifact.metadata,
    created_by: artifact.createdBy,
    created_at: artifact.createdAt.toISOString(),
    versions: versions.map(presentVersion),
    links: links.map(({ link, sourceType, sourceTitle, targetType, targetTitle }) => {
      const isOutgoing = link.sourceId === id;
      return {
        ...presentLink(link),
        direction: isOutgoing ? ('out' as const) : ('in' as const),
        other: isOutgoing
          ? { id: link.targetId, type: targetType, title: targetTitle }
          : { id: link.sourceId, type: sourceType, title: sourceTitle },
      };
    }),
  };
}

/** Registers the artifact, version and link routes. */
export function registerArtifactRoutes(app: App, { db, config, authenticate }: RouteDeps) {
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
      const caller = await authenticate(request, 'write');
      const { id, type, title, metadata = {}, version = {} } = request.body;
      const artifact = await db.transaction((tx) =>
        createArtifact(tx, { id, type, title, metadata, version, createdBy: caller.agentId }),
      );
      return reply.status(201).send(await loadArtifactDetail(db, artifact.id));
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
      const caller = await authenticate(request, 'write');
      const { digest, uri, metadata = {} } = request.body;
      const props = { artifactId: request.params.id, digest, uri, metadata, createdBy: caller.agentId };
      const version = await db.transaction((tx) => createArtifactVersion(tx, props, config.qualityCap));
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
    (request) => loadArtifactDetail(db, request.params.id),
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
      const caller = await authenticate(request, 'write');
      const { source_id, target_id, link_type, target_version = null } = request.body;
      const spec = {
        sourceId: source_id,
        targetId: target_id,
        linkType: link_type,
        targetVersion: target_version,
      };
      const link = await db.transaction((tx) => createLink(tx, spec, caller.agentId, config.qualityCap));
      return reply.status(201).send(presentLink(link));
    },
  );
}
