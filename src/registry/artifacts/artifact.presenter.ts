/**
 * The wire forms of artifacts, their versions and links.
 */
import type { ArtifactVersionRow, LinkRow } from './artifact.repository.ts';
import type { ArtifactDetail } from './artifact.service.ts';

/** An artifact version as sent. */
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

/** A link as sent. */
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

/** An artifact with its versions and its links in both directions, as sent. */
export function presentArtifactDetail({ artifact, versions, links }: ArtifactDetail) {
  return {
    id: artifact.id,
    type: artifact.type,
    title: artifact.title,
    metadata: artifact.metadata,
    created_by: artifact.createdBy,
    created_at: artifact.createdAt.toISOString(),
    versions: versions.map(presentVersion),
    links: links.map(({ link, sourceType, sourceTitle, targetType, targetTitle }) => {
      const isOutgoing = link.sourceId === artifact.id;
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
