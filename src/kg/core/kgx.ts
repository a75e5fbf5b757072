/**
 * The knowledge graph as KGX JSON Lines: which edges KGX can carry, and the Biolink
 * form of an edge and of a node. Pure: the export repository selects the rows with the same rule
 * (`KGX_NODE_ID_PATTERN` and `KGX_PREFIXES`), the service streams them through these functions.
 *
 * The terms come from `biolink-terms.json`, computed from what `kgx validate` itself loads (the
 * Biolink 2.2.5 JSON-LD context for CURIE prefixes, Biolink model 4.4.6 for predicates and
 * categories) by `test/validators/biolink_terms.py`; a test keeps the two equal.
 */
import terms from './biolink-terms.json' with { type: 'json' };

/** The CURIE prefixes a KGX node id may have (keys of the Biolink JSON-LD context kgx checks). */
export const KGX_PREFIXES: readonly string[] = terms.prefixes;
/** kgx's own CURIE shape: a prefix without spaces, brackets or colons, a local part without `/`, space or `:`. */
export const KGX_NODE_ID_PATTERN = '^[^ <()>:]*:[^/ :]+$';

const PREFIXES = new Set(terms.prefixes);
const PREDICATES = new Set(terms.predicates);
const NODE_ID = new RegExp(KGX_NODE_ID_PATTERN);

/** Our own knowledge source; a lineage's is derived from it. */
export const MODELGRAPH_INFORES = 'infores:modelgraph';
/** The most general Biolink predicate: what a statement KGX has no name for still says. */
export const ROOT_PREDICATE = 'biolink:related_to';

/** Whether `id` can be a KGX node: a CURIE whose prefix the Biolink context knows. */
export function isKgxNodeId(id: string): boolean {
  return NODE_ID.test(id) && PREFIXES.has(id.slice(0, id.indexOf(':')));
}

// The Biolink class of the things each common prefix names; anything else is a NamedThing.
const CATEGORY_BY_PREFIX: Record<string, string> = {
  HGNC: 'biolink:Gene',
  NCBIGene: 'biolink:Gene',
  ENSEMBL: 'biolink:Gene',
  MGI: 'biolink:Gene',
  RGD: 'biolink:Gene',
  ZFIN: 'biolink:Gene',
  UniProtKB: 'biolink:Protein',
  PR: 'biolink:Protein',
  MONDO: 'biolink:Disease',
  DOID: 'biolink:Disease',
  OMIM: 'biolink:Disease',
  ORPHANET: 'biolink:Disease',
  HP: 'biolink:PhenotypicFeature',
  // GO also names components; the graph's GO terms are processes and activities.
  GO: 'biolink:BiologicalProcessOrActivity',
  REACT: 'biolink:Pathway',
  WIKIPATHWAYS: 'biolink:Pathway',
  CHEBI: 'biolink:ChemicalEntity',
  'PUBCHEM.COMPOUND': 'biolink:ChemicalEntity',
  'CHEMBL.COMPOUND': 'biolink:ChemicalEntity',
  DRUGBANK: 'biolink:ChemicalEntity',
  UBERON: 'biolink:AnatomicalEntity',
  CL: 'biolink:Cell',
  NCBITaxon: 'biolink:OrganismTaxon',
};

/** The Biolink category of a node, from its CURIE prefix. */
export function categoryOf(id: string): string {
  return CATEGORY_BY_PREFIX[id.slice(0, id.indexOf(':'))] ?? 'biolink:NamedThing';
}

/** An edge row as the export reads it. */
export interface KgxEdgeRow {
  id: string;
  subject: string;
  predicate: string;
  object: string;
  confidence: number;
  status: string;
  review_flag: boolean;
  knowledge_level: string;
  agent_type: string;
  source_artifact_id: string | null;
  source_version: number | null;
  /** The lineage of the source version, when there is one. */
  model_name: string | null;
}

/** Where an edge stands in review: waiting, retracted, kept by a reviewer, or never reviewed. */
export function reviewStateOf(row: Pick<KgxEdgeRow, 'status' | 'review_flag' | 'agent_type'>): string {
  if (row.review_flag) return 'flagged';
  if (row.status === 'retracted') return 'retracted';
  return row.agent_type === 'manual_validation_of_automated_agent' ? 'kept' : 'unreviewed';
}

/** The knowledge source of a lineage: `infores:modelgraph-<model_name>` (a CURIE's local part has no `:`). */
export function lineageInfores(modelName: string): string {
  return `${MODELGRAPH_INFORES}-${modelName.replaceAll(':', '.')}`;
}

/** One edge in KGX form: Biolink slots first, then modelgraph's own fields. */
export function kgxEdgeOf(row: KgxEdgeRow): Record<string, unknown> {
  const known = PREDICATES.has(row.predicate);
  return {
    id: row.id,
    subject: row.subject,
    predicate: known ? row.predicate : ROOT_PREDICATE,
    ...(known ? {} : { original_predicate: row.predicate }),
    object: row.object,
    knowledge_level: row.knowledge_level,
    agent_type: row.agent_type,
    ...(row.model_name === null
      ? { primary_knowledge_source: MODELGRAPH_INFORES }
      : {
          primary_knowledge_source: lineageInfores(row.model_name),
          aggregator_knowledge_source: [MODELGRAPH_INFORES],
        }),
    has_confidence_score: row.confidence,
    source_artifact_id: row.source_artifact_id,
    source_version: row.source_version,
    review_state: reviewStateOf(row),
  };
}

/** A node as the export reads it: its id, and its name and category when a writer gave them. */
export interface KgxNodeRow {
  id: string;
  name?: string | null;
  category?: string | null;
}

const CATEGORIES = new Set<string>(terms.categories);

/**
 * One node in KGX form: its name when it has one, and the category its writer gave when Biolink
 * knows it (else the one of its CURIE prefix).
 */
export function kgxNodeOf(row: KgxNodeRow): Record<string, unknown> {
  const category = row.category && CATEGORIES.has(row.category) ? row.category : categoryOf(row.id);
  return {
    id: row.id,
    ...(row.name ? { name: row.name } : {}),
    category: [category],
    provided_by: [MODELGRAPH_INFORES],
  };
}
