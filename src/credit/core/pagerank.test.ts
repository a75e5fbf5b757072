import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DirectedGraph } from 'graphology';
import { PageRankDidNotConverge, personalizedPageRank } from './pagerank.ts';

type Weighted = DirectedGraph<Record<string, never>, { weight: number }>;

function graphOf(edges: [string, string, number][], extraNodes: string[] = []): Weighted {
  const graph: Weighted = new DirectedGraph();
  for (const node of ['s', ...extraNodes]) graph.mergeNode(node);
  for (const [from, to, weight] of edges) graph.mergeEdge(from, to, { weight });
  return graph;
}

const d = 0.85;
const close = (actual: number | undefined, expected: number) =>
  assert.ok(Math.abs((actual ?? Number.NaN) - expected) < 1e-9, `${actual} ≠ ${expected}`);
const sum = (ranks: Map<string, number>) => [...ranks.values()].reduce((a, b) => a + b, 0);

describe('personalizedPageRank', () => {
  it('scores a source with one dangling agent by the closed form', () => {
    // r_a = d·r_s; the agent's mass returns to s: r_s = (1 − d) + d·r_a ⇒ r_s = 1/(1 + d).
    const ranks = personalizedPageRank(graphOf([['s', 'a', 1]]), { source: 's' });
    close(ranks.get('s'), 1 / (1 + d));
    close(ranks.get('a'), d / (1 + d));
  });

  it('follows out-edges in proportion to their weights (3 : 1)', () => {
    // r_s = 1/(1 + d) as above; the d·r_s that leaves s splits 3/4 and 1/4.
    const ranks = personalizedPageRank(
      graphOf([
        ['s', 'a', 3],
        ['s', 'b', 1],
      ]),
      { source: 's' },
    );
    close(ranks.get('s'), 1 / (1 + d));
    close(ranks.get('a'), (3 * d) / (4 * (1 + d)));
    close(ranks.get('b'), d / (4 * (1 + d)));
  });

  it('decays along a chain by the damping factor each hop', () => {
    // r_a = d·r_s, r_b = d²·r_s, r_s = (1 − d) + d·r_b ⇒ r_s = (1 − d)/(1 − d³).
    const ranks = personalizedPageRank(
      graphOf([
        ['s', 'a', 1],
        ['a', 'b', 5],
      ]),
      { source: 's' },
    );
    const rs = (1 - d) / (1 - d ** 3);
    close(ranks.get('s'), rs);
    close(ranks.get('a'), d * rs);
    close(ranks.get('b'), d * d * rs);
  });

  it('handles a cycle with no dangling node, and honours another damping', () => {
    // s ⇄ a: r_a = d·r_s, r_s = (1 − d) + d·r_a ⇒ r_s = 1/(1 + d), here with d = 0.5.
    const graph = graphOf([
      ['s', 'a', 1],
      ['a', 's', 1],
    ]);
    const ranks = personalizedPageRank(graph, { source: 's', damping: 0.5 });
    close(ranks.get('s'), 1 / 1.5);
    close(ranks.get('a'), 0.5 / 1.5);
  });

  it('gives 0 to nodes the source cannot reach and treats zero-weight edges as absent', () => {
    const ranks = personalizedPageRank(
      graphOf(
        [
          ['s', 'a', 1],
          ['a', 'z', 0],
          ['x', 's', 1],
        ],
        ['x'],
      ),
      { source: 's' },
    );
    assert.equal(ranks.get('x'), 0);
    assert.equal(ranks.get('z'), 0);
    close(ranks.get('a'), d / (1 + d));
  });

  it('gives everything to a source alone', () => {
    assert.deepEqual(personalizedPageRank(graphOf([]), { source: 's' }), new Map([['s', 1]]));
  });

  it('refuses an unknown source, bad options and bad weights', () => {
    const graph = graphOf([['s', 'a', 1]]);
    assert.throws(() => personalizedPageRank(graph, { source: 'nope' }), RangeError);
    assert.throws(() => personalizedPageRank(graph, { source: 's', damping: 1 }), RangeError);
    assert.throws(() => personalizedPageRank(graph, { source: 's', damping: -0.1 }), RangeError);
    assert.throws(() => personalizedPageRank(graph, { source: 's', tolerance: 0 }), RangeError);
    assert.throws(() => personalizedPageRank(graph, { source: 's', maxIterations: 0 }), RangeError);
    assert.throws(() => personalizedPageRank(graphOf([['s', 'a', -1]]), { source: 's' }), RangeError);
    assert.throws(() => personalizedPageRank(graphOf([['s', 'a', Number.NaN]]), { source: 's' }), RangeError);
  });

  it('throws PageRankDidNotConverge when the iterations run out', () => {
    const graph = graphOf([['s', 'a', 1]]);
    assert.throws(
      () => personalizedPageRank(graph, { source: 's', maxIterations: 3 }),
      PageRankDidNotConverge,
    );
  });

  const node = (n: number) => (n === 0 ? 's' : `n${n}`);
  const randomEdges = fc.array(
    fc.tuple(
      fc.integer({ min: 0, max: 7 }),
      fc.integer({ min: 0, max: 7 }),
      fc.double({ min: 0.01, max: 10, noNaN: true }),
    ),
    { maxLength: 30 },
  );

  it('sums to 1, is a fixed point within tolerance, and is deterministic, on random graphs', () => {
    fc.assert(
      fc.property(randomEdges, (edges) => {
        const graph = graphOf(edges.map(([from, to, weight]) => [node(from), node(to), weight]));
        const ranks = personalizedPageRank(graph, { source: 's' });
        close(sum(ranks), 1);
        assert.deepEqual(personalizedPageRank(graph, { source: 's' }), ranks);
        // One more step of the iteration by hand moves the scores by less than the tolerance (×10).
        const next = new Map([...ranks.keys()].map((node) => [node, 0]));
        let dangling = 0;
        graph.forEachNode((key) => {
          const rank = ranks.get(key) ?? 0;
          const out = graph.reduceOutEdges(key, (total, _e, { weight }) => total + weight, 0);
          if (out === 0) dangling += rank;
          graph.forEachOutEdge(key, (_e, { weight }, _s, target) => {
            next.set(target, (next.get(target) ?? 0) + (d * rank * weight) / out);
          });
        });
        next.set('s', (next.get('s') ?? 0) + 1 - d + d * dangling);
        const change = [...ranks].reduce(
          (total, [key, rank]) => total + Math.abs((next.get(key) ?? 0) - rank),
          0,
        );
        assert.ok(change < 1e-8, `residual ${change}`);
      }),
      { numRuns: 200 },
    );
  });
});
