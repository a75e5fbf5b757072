/**
 * Node names (docs/concepts.md#node-names): writers name the CURIEs their edges use, all or none per
 * call, and every face reads the names back to show `name (CURIE)`.
 */
import { assertScope, type Caller } from '../caller.ts';
import type { Deps, Unit } from '../deps.ts';
import { InvalidRequest, NotFound } from '../errors.ts';
import { type KgNode, type NodeNames, repeatedIds } from './core/node.ts';
import { findNodes, upsertNodeRows } from './node.repository.ts';
import type { NewNodeRequest } from './node.schemas.ts';

/** Nodes to name. */
export interface UpsertNodesProps {
  unit: Unit;
  /** Any agent with `write`: a name is a label, not a claim, so no maintainer rule applies. */
  caller: Caller;
  nodes: NewNodeRequest[];
}

/**
 * Names (or renames) every node of the call in one statement; 400 naming the ids sent twice, since
 * one call cannot say two things about one node.
 */
export async function upsertNodes(
  _deps: Pick<Deps, 'db'>,
  props: UpsertNodesProps,
): Promise<{ upserted: number }> {
  assertScope(props.caller, 'write');
  const repeated = repeatedIds(props.nodes);
  if (repeated.length > 0) {
    throw new InvalidRequest(`node ids sent more than once: ${repeated.slice(0, 10).join(', ')}`, {
      field: 'id',
      ids: repeated.slice(0, 100),
    });
  }
  const rows = props.nodes.map((node) => ({ id: node.id, name: node.name, category: node.category ?? null }));
  return { upserted: await upsertNodeRows(props.unit.tx, rows, props.caller.agentId) };
}

/** The node with this id; 404 when nobody has named it. */
export async function getNode(deps: Pick<Deps, 'db'>, id: string): Promise<KgNode> {
  const [node] = await findNodes(deps.db, [id]);
  if (!node) throw new NotFound(`node '${id}' has no name`);
  return node;
}

/** The names of the named nodes among `ids`, in one query (for pages that list edges). */
export async function findNodeNames(deps: Pick<Deps, 'db'>, ids: Iterable<string>): Promise<NodeNames> {
  const nodes = await findNodes(deps.db, [...new Set(ids)]);
  return new Map(nodes.map((node) => [node.id, node.name]));
}
