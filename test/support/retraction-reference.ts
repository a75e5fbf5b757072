/**
 * The retraction rule written the plain way, for the property test to compare the server with:
 * the links of a world as a list, and a breadth-first walk over them — no SQL, no recursion trick.
 */

/** A link of the world: from an artifact to another, pinned to a version or not. */
export interface RefLink {
  source: string;
  type: 'trained_on' | 'produced_by' | 'input' | 'derived_from' | 'tests_hypothesis';
  target: string;
  version: number | null;
}

/** A retraction target: an artifact, or one version of it. */
export interface RefTarget {
  artifactId: string;
  version: number | null;
}

const BUILT_ON = new Set(['trained_on', 'input', 'produced_by']);
const MODEL_TO_MODEL = new Set(['input', 'derived_from']);

const reaches = (target: RefTarget, link: RefLink) =>
  link.target === target.artifactId && (target.version === null || link.version === target.version);

/**
 * The model versions built on `target`: those with a built-on link reaching it, then every model
 * with a model-to-model link to one already found, until nothing new is found.
 */
export function referenceBuiltOn(target: RefTarget, links: RefLink[], models: Set<string>): string[] {
  const found = new Set(
    links
      .filter((l) => models.has(l.source) && BUILT_ON.has(l.type) && reaches(target, l))
      .map((l) => l.source),
  );
  let frontier = [...found];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const link of links) {
      if (MODEL_TO_MODEL.has(link.type) && models.has(link.source) && frontier.includes(link.target)) {
        if (!found.has(link.source)) {
          found.add(link.source);
          next.push(link.source);
        }
      }
    }
    frontier = next;
  }
  return [...found].sort();
}

/** For each model, the targets in force it is built on (a model reached by none is absent). */
export function referenceRetracted(
  inForce: RefTarget[],
  links: RefLink[],
  models: Set<string>,
): Map<string, RefTarget[]> {
  const reached = new Map<string, RefTarget[]>();
  for (const target of inForce) {
    for (const model of referenceBuiltOn(target, links, models)) {
      reached.set(model, [...(reached.get(model) ?? []), target]);
    }
  }
  return reached;
}
