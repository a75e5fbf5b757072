/**
 * Links as a registration or a reserved tag declares them: the pinned and single targets of a
 * model version, turned into the link rows to create. Pure data.
 */

/** The link types (docs/concepts.md#links-and-pinning). */
export type LinkType = 'trained_on' | 'produced_by' | 'tests_hypothesis' | 'input' | 'derived_from';

/** A link to create. */
export interface LinkSpec {
  sourceId: string;
  targetId: string;
  linkType: LinkType;
  targetVersion: number | null;
}

/** An artifact, optionally pinned to one of its versions. */
export interface Pin {
  id: string;
  version: number | null;
}

/** The links a model version declares: datasets and inputs (pinned or not), its analysis and hypothesis. */
export interface DeclaredLinks {
  trainedOn?: Pin[];
  producedBy?: string | null;
  testsHypothesis?: string | null;
  inputs?: Pin[];
}

/** The link rows that `declared` makes from the version `sourceId`. */
export function linkSpecsOf(sourceId: string, declared: DeclaredLinks): LinkSpec[] {
  const pinned = (linkType: 'trained_on' | 'input', pins: Pin[] = []) =>
    pins.map((pin): LinkSpec => ({ sourceId, targetId: pin.id, linkType, targetVersion: pin.version }));
  const single = (linkType: 'produced_by' | 'tests_hypothesis', targetId: string | null | undefined) =>
    targetId ? [{ sourceId, targetId, linkType, targetVersion: null }] : [];
  return [
    ...pinned('trained_on', declared.trainedOn),
    ...single('produced_by', declared.producedBy),
    ...single('tests_hypothesis', declared.testsHypothesis),
    ...pinned('input', declared.inputs),
  ];
}
