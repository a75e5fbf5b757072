/**
 * Retraction as plain data (docs/concepts.md#retraction): what can be retracted, which links carry a
 * retraction to the model versions built on it, a retraction as the registry keeps it, and which one
 * covers a version.
 */

/** The artifact types a retraction applies to; model versions are archived, hypotheses are tested. */
export const RETRACTABLE_TYPES = ['dataset', 'analysis', 'benchmark'] as const;

/** Whether an artifact of this type can be retracted. */
export function isRetractable(type: string): boolean {
  return (RETRACTABLE_TYPES as readonly string[]).includes(type);
}

/** The link types from a model version to a retracted artifact that make the version built on it. */
export const BUILT_ON_LINK_TYPES = ['trained_on', 'input', 'produced_by'] as const;

/** The link types from one model version to another through which a retraction travels on. */
export const MODEL_TO_MODEL_LINK_TYPES = ['input', 'derived_from'] as const;

/** What a retraction names: a whole artifact (`version` null) or one of its versions. */
export interface RetractionTarget {
  artifactId: string;
  version: number | null;
}

/** A retraction, in force or ended (reinstated). */
export interface Retraction extends RetractionTarget {
  id: number;
  reason: string;
  evidenceUrl: string | null;
  retractedBy: string;
  retractedAt: Date;
  /** When it ended; null while it is in force. */
  reinstatedAt: Date | null;
  reinstatedBy: string | null;
  reinstateReason: string | null;
}

/** Whether two targets name the same artifact and version (or both the whole artifact). */
export function isSameTarget(a: RetractionTarget, b: RetractionTarget): boolean {
  return a.artifactId === b.artifactId && a.version === b.version;
}

/**
 * Whether a link to `artifactId`, pinned to `linkVersion` (null when unpinned), reaches `target`:
 * every link reaches a wholly retracted artifact, only a link pinned to it reaches a retracted version.
 */
export function linkReaches(
  target: RetractionTarget,
  artifactId: string,
  linkVersion: number | null,
): boolean {
  return target.artifactId === artifactId && (target.version === null || target.version === linkVersion);
}

/** The retraction in force that covers `version` of an artifact: its own, else the whole artifact's. */
export function coveringRetraction(inForce: readonly Retraction[], version: number): Retraction | undefined {
  return (
    inForce.find((retraction) => retraction.version === version) ??
    inForce.find((retraction) => retraction.version === null)
  );
}

/** Targets in a stable order: by artifact id, the whole artifact before its versions, versions ascending. */
export function sortTargets<T extends RetractionTarget>(targets: T[]): T[] {
  return [...targets].sort(
    (a, b) => a.artifactId.localeCompare(b.artifactId, 'en') || (a.version ?? 0) - (b.version ?? 0),
  );
}
