/**
 * The wire forms of artifacts, their versions, links and retractions.
 */
import { coveringRetraction, type Retraction } from '../core/retraction.ts';
import type { ArtifactVersionRow, LinkRow } from './artifact.repository.ts';
import type { ArtifactDetail } from './artifact.service.ts';

/** A retraction as sent where something is retracted: when, by whom, why and on what evidence. */
export function presentRetracted(retraction: Retraction) {
  return {
    at: retraction.retractedAt.toISOString(),
    by: retraction.retractedBy,
    reason: retraction.reason,
    evidence_url: retraction.evidenceUrl,
  };
}

/** A retraction as an artifact's history lists it: what it named, and whether and how it ended. */
export function presentRetractionEntry(retraction: Retraction) {
  return {
    id: retraction.id,
    version: retraction.version,
    ...presentRetracted(retraction),
    reinstated:
      retraction.reinstatedAt === null
        ? null
        : {
            at: retraction.reinstatedAt.toISOString(),
            by: retraction.reinstatedBy ?? '',
            reason: retraction.reinstateReason ?? '',
          },
  };
}

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

/**
 * An artifact with its versions, its links in both directions and its retractions, as sent: the
 * artifact's `retracted` is the retraction of the whole artifact in force (or null), each version's
 * the one that covers it (its own, else the whole artifact's).
 */
export function presentArtifactDetail({ artifact, versions, links, retractions }: ArtifactDetail) {
  const inForce = retractions.filter((retraction) => retraction.reinstatedAt === null);
  const whole = inForce.find((retraction) => retraction.version === null);
  return {
    id: artifact.id,
    type: artifact.type,
    title: artifact.title,
    metadata: artifact.metadata,
    created_by: artifact.createdBy,
    created_at: artifact.createdAt.toISOString(),
    retracted: whole ? presentRetracted(whole) : null,
    versions: versions.map((version) => {
      const covering = coveringRetraction(inForce, version.versionNumber);
      return { ...presentVersion(version), retracted: covering ? presentRetracted(covering) : null };
    }),
    retractions: retractions.map(presentRetractionEntry),
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
