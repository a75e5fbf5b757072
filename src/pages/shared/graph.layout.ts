/**
 * Lays out a small directed graph with dagre: node boxes sized from their labels, edge routes and
 * label positions, all translated so the drawing starts at the origin. Pure: no markup here.
 */
import dagre from '@dagrejs/dagre';

/** A node to draw. */
export interface GraphNode {
  id: string;
  /** Short text drawn in the box (truncated to fit). */
  label: string;
  /** Full description shown as the node's tooltip. */
  tooltip: string;
  /** The page the node leads to, when it has one. */
  href?: string;
  fill: string;
  stroke: string;
}

/** An edge to draw. */
export interface GraphEdge {
  from: string;
  to: string;
  /** Text drawn on the edge (may be empty). */
  label: string;
  tooltip: string;
  stroke: string;
  isDashed?: boolean;
}

/** A point of the drawing. */
export interface Point {
  x: number;
  y: number;
}

/** A graph with coordinates: node centres and sizes, edge routes, label anchors. */
export interface GraphLayout {
  width: number;
  height: number;
  nodes: (GraphNode & Point & { width: number; height: number; text: string; lines: string[] })[];
  /** `lines`: the edge's label broken at spaces (`wrapLabel`), empty when it has none. */
  edges: (GraphEdge & { points: Point[]; labelAt: Point; lines: string[] })[];
}

/** Widest label drawn in full; longer ones end in an ellipsis (the tooltip keeps all of it). */
export const MAX_LABEL_CHARS = 32;
// An average glyph of the 12px system font; dagre needs sizes before any text is measured.
const CHAR_WIDTH = 7;
const NODE_HEIGHT = 32;
const NODE_PADDING = 20;

/** The text a label is drawn as: at most `MAX_LABEL_CHARS` characters. */
export function truncateLabel(label: string): string {
  const chars = [...label];
  return chars.length <= MAX_LABEL_CHARS ? label : `${chars.slice(0, MAX_LABEL_CHARS - 1).join('')}…`;
}

const textWidth = (text: string) => [...text].length * CHAR_WIDTH;

/** Characters of one line of a node's label, and how many lines a label may take. */
export const LINE_CHARS = 28;
const MAX_LINES = 2;
const LINE_HEIGHT = 15;

/**
 * A node's label broken at spaces into at most two lines of `LINE_CHARS`, so a title is read, not
 * cut after a few words; what still does not fit ends in an ellipsis (the tooltip keeps all of it).
 */
export function wrapLabel(label: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(/\s+/).filter(Boolean)) {
    const joined = line ? `${line} ${word}` : word;
    if ([...joined].length <= LINE_CHARS || !line) line = joined;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  const kept = lines.slice(0, MAX_LINES).map((text) => truncateTo(text, LINE_CHARS));
  if (lines.length > MAX_LINES)
    kept[MAX_LINES - 1] = truncateTo(`${kept[MAX_LINES - 1]} ${lines[MAX_LINES]}`, LINE_CHARS, true);
  return kept.length === 0 ? [''] : kept;
}

function truncateTo(text: string, max: number, isCut = false): string {
  const chars = [...text];
  if (chars.length <= max && !isCut) return text;
  return `${chars.slice(0, Math.min(chars.length, max) - 1).join('')}…`;
}

/** Positions every node and edge; edges naming an unknown node are dropped. `rankdir` LR reads left to right. */
export function layoutGraph(
  nodes: GraphNode[],
  edges: GraphEdge[],
  rankdir: 'LR' | 'TB' = 'LR',
): GraphLayout {
  const graph = new dagre.graphlib.Graph({ multigraph: true });
  // Ranks far enough apart for an edge's label to sit between them, and edges kept apart, so labels
  // are not crossed by the edges around them (dagre reserves the label boxes given below).
  graph.setGraph({ rankdir, nodesep: 36, ranksep: 110, edgesep: 24, marginx: 12, marginy: 12 });
  graph.setDefaultEdgeLabel(() => ({}));
  const known = new Set(nodes.map((node) => node.id));
  const wrapped = new Map(nodes.map((node) => [node.id, wrapLabel(node.label)]));
  for (const node of nodes) {
    const lines = wrapped.get(node.id) ?? [''];
    graph.setNode(node.id, {
      width: Math.max(...lines.map(textWidth)) + NODE_PADDING,
      height: NODE_HEIGHT + (lines.length - 1) * LINE_HEIGHT,
    });
  }
  const kept = edges.filter((edge) => known.has(edge.from) && known.has(edge.to));
  // Edge labels are wrapped at spaces like node labels, never cut mid-word, and dagre reserves a
  // box of their full size between the ranks, so no label is drawn over another or over an edge.
  const edgeLines = kept.map((edge) => (edge.label ? wrapLabel(edge.label) : []));
  kept.forEach((edge, index) => {
    const lines = edgeLines[index];
    graph.setEdge(
      edge.from,
      edge.to,
      {
        width: lines.length ? Math.max(...lines.map(textWidth)) : 0,
        height: lines.length * LINE_HEIGHT,
        labelpos: 'c',
      },
      `e${index}`,
    );
  });
  dagre.layout(graph);
  const size = graph.graph();
  return {
    width: Math.ceil(size.width ?? 0),
    height: Math.ceil(size.height ?? 0),
    nodes: nodes.map((node) => {
      const placed = graph.node(node.id);
      return {
        ...node,
        x: placed.x ?? 0,
        y: placed.y ?? 0,
        width: placed.width,
        height: placed.height,
        text: truncateLabel(node.label),
        lines: wrapped.get(node.id) ?? [''],
      };
    }),
    edges: kept.map((edge, index) => {
      const placed = graph.edge(edge.from, edge.to, `e${index}`);
      const points = placed.points ?? [];
      const middle = points[Math.floor(points.length / 2)] ?? { x: 0, y: 0 };
      return {
        ...edge,
        points,
        labelAt: {
          x: (placed.x as number | undefined) ?? middle.x,
          y: (placed.y as number | undefined) ?? middle.y,
        },
        lines: edgeLines[index],
      };
    }),
  };
}
