/**
 * Reserved version tags that declare provenance (the `modelgraph.*` tags): a client that can only set tags
 * (the MLflow face, or anyone through the tag API) declares a version's links, family and raw score with
 * `modelgraph.*` keys. Pure parsing: which tags are reserved and what each one says.
 */
import type { DeclaredLinks, Pin } from './links.ts';
import { MODEL_FAMILIES } from './model.ts';

/** The reserved keys, each with what it declares. */
export const PROVENANCE_TAGS = {
  trainedOn: 'modelgraph.trained_on',
  producedBy: 'modelgraph.produced_by',
  testsHypothesis: 'modelgraph.tests_hypothesis',
  inputs: 'modelgraph.inputs',
  modelFamily: 'modelgraph.model_family',
  rawQualityScore: 'modelgraph.raw_quality_score',
} as const;

/** What reserved tags declare; a field is absent when its tag is. */
export interface DeclaredProvenance extends DeclaredLinks {
  trainedOn?: Pin[];
  producedBy?: string;
  testsHypothesis?: string;
  inputs?: Pin[];
  modelFamily?: (typeof MODEL_FAMILIES)[number];
  rawQualityScore?: number;
}

/** A reserved tag whose value does not say what its key needs. */
export class BadProvenanceTag extends Error {}

const RESERVED = new Set<string>(Object.values(PROVENANCE_TAGS));

/** Whether a version tag key is one of the reserved provenance keys. */
export function isProvenanceTag(key: string): boolean {
  return RESERVED.has(key);
}

/** `a, b@2` → pins; a version must be a positive integer. */
function parsePins(key: string, value: string): Pin[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const at = part.lastIndexOf('@');
      if (at < 0) return { id: part, version: null };
      const version = part.slice(at + 1);
      if (!/^[1-9][0-9]{0,8}$/.test(version)) {
        throw new BadProvenanceTag(
          `${key}: '${part}' must be 'artifact_id' or 'artifact_id@<version number>'`,
        );
      }
      return { id: part.slice(0, at), version: Number(version) };
    });
}

function parseOne(key: string, value: string): DeclaredProvenance {
  const text = value.trim();
  switch (key) {
    case PROVENANCE_TAGS.trainedOn:
      return { trainedOn: parsePins(key, text) };
    case PROVENANCE_TAGS.inputs:
      return { inputs: parsePins(key, text) };
    case PROVENANCE_TAGS.producedBy:
      return text ? { producedBy: text } : {};
    case PROVENANCE_TAGS.testsHypothesis:
      return text ? { testsHypothesis: text } : {};
    case PROVENANCE_TAGS.modelFamily: {
      const family = MODEL_FAMILIES.find((name) => name === text);
      if (!family) throw new BadProvenanceTag(`${key} must be one of ${MODEL_FAMILIES.join(', ')}`);
      return { modelFamily: family };
    }
    case PROVENANCE_TAGS.rawQualityScore: {
      const score = Number(text);
      if (text === '' || !Number.isFinite(score) || score < 0 || score > 1) {
        throw new BadProvenanceTag(`${key} must be a number from 0 to 1, not '${value}'`);
      }
      return { rawQualityScore: score };
    }
    default:
      return {};
  }
}

/** What the reserved tags among `tags` declare; throws `BadProvenanceTag` for a malformed value. */
export function readProvenanceTags(tags: Record<string, string>): DeclaredProvenance {
  return Object.assign({}, ...Object.entries(tags).map(([key, value]) => parseOne(key, value)));
}
