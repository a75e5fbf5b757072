import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { edgePath, renderGraphSvg } from './dag.svg.ts';
import { LINE_CHARS, layoutGraph, MAX_LABEL_CHARS, truncateLabel, wrapLabel } from './graph.layout.ts';

const node = (id: string, label = id) => ({
  id,
  label,
  tooltip: `about ${label}`,
  fill: '#fff',
  stroke: '#000',
});
const edge = (from: string, to: string, extra = {}) => ({
  from,
  to,
  label: 'uses',
  tooltip: `${from} uses ${to}`,
  stroke: '#123456',
  ...extra,
});

describe('graph layout and SVG', () => {
  it('places every node inside the drawing and routes edges from source to target, left to right', () => {
    const layout = layoutGraph([node('a'), node('b'), node('c')], [edge('a', 'b'), edge('b', 'c')]);
    for (const placed of layout.nodes) {
      assert.ok(placed.x - placed.width / 2 >= 0 && placed.x + placed.width / 2 <= layout.width);
      assert.ok(placed.y - placed.height / 2 >= 0 && placed.y + placed.height / 2 <= layout.height);
    }
    const [a, b] = layout.nodes;
    assert.ok(a.x < b.x, 'LR: the source sits left of its target');
    const route = layout.edges[0].points;
    assert.ok(route.length >= 2);
    assert.ok(Math.abs(route[0].x - (a.x + a.width / 2)) < 1, 'starts at the source box');
    assert.ok(Math.abs((route.at(-1)?.x ?? 0) - (b.x - b.width / 2)) < 1, 'ends at the target box');
  });

  it('keeps parallel edges between the same nodes and drops edges to unknown nodes', () => {
    const layout = layoutGraph(
      [node('a'), node('b')],
      [edge('a', 'b'), edge('a', 'b', { label: 'p2' }), edge('a', 'zz')],
    );
    assert.equal(layout.edges.length, 2);
  });

  it('wraps a long node label onto two lines at spaces, cutting only what still does not fit', () => {
    assert.deepEqual(wrapLabel('Microglial state annotation by foundation-model fine-tuning'), [
      'Microglial state annotation',
      'by foundation-model fine-tu…',
    ]);
    assert.deepEqual(wrapLabel('SEA-AD cohort v3'), ['SEA-AD cohort v3']);
    for (const line of wrapLabel('word '.repeat(40))) assert.ok([...line].length <= LINE_CHARS);
  });

  it('truncates long labels with an ellipsis', () => {
    const long = 'x'.repeat(50);
    assert.equal([...truncateLabel(long)].length, MAX_LABEL_CHARS);
    assert.ok(truncateLabel(long).endsWith('…'));
    assert.equal(truncateLabel('short'), 'short');
  });

  it('builds a path through the route points', () => {
    assert.equal(edgePath([]), '');
    assert.equal(
      edgePath([
        { x: 0, y: 0 },
        { x: 10, y: 0 },
      ]),
      'M0,0 L10,0',
    );
    assert.equal(
      edgePath([
        { x: 0, y: 0 },
        { x: 10, y: 0 },
        { x: 20, y: 10 },
      ]),
      'M0,0 Q10,0 15,5 L20,10',
    );
  });

  it('draws one rect per node, one path and arrowhead colour per edge, dashes marked edges, escapes text', () => {
    const layout = layoutGraph(
      [node('a', '<script>alert(1)</script>'), node('b')],
      [edge('a', 'b', { isDashed: true, tooltip: '<i>t</i>' })],
    );
    const svg = renderGraphSvg(layout, { idPrefix: 'g1', label: 'test' }).toString();
    assert.equal((svg.match(/<rect /g) ?? []).length, 2);
    assert.match(svg, /<marker id="g1-arrow-0"/);
    assert.match(svg, /stroke-dasharray="6 4" marker-end="url\(#g1-arrow-0\)"/);
    assert.ok(!svg.includes('<script>'));
    assert.ok(svg.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(svg.includes('<title>&lt;i&gt;t&lt;/i&gt;</title>'));
  });
});
