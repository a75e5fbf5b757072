import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DirectedGraph } from 'graphology';
import { buildPromotion } from '../../../test/support/promotion-input.ts';
import {
  buildContributionGraph,
  type ContributionGraph,
  type ContributionInput,
  modelNode,
} from './contribution-graph.ts';
import { personalizedPageRank } from './pagerank.ts';
import { roleShares } from './shares.ts';

function sharesOf(input: ContributionInput) {
  const graph = buildContributionGraph(input);
  return roleShares(graph, personalizedPageRank(graph, { source: modelNode(input.child.id) }));
}

const close = (actual: number | undefined, expected: number) =>
  assert.ok(Math.abs((actual ?? Number.NaN) - expected) < 1e-8, `${actual} ≠ ${expected}`);

describe('roleShares', () => {
  it('pays all four roles, summing to 1, the trainer more than the eval runner', () => {
    const shares = sharesOf(buildPromotion());
    const weight = (agentId: string) => shares.find((share) => share.agentId === agentId)?.weight;
    // Flow out of the child (× rank·d, which cancels): trainer 3, eval runner 1 of the child's
    // out-weight 9, and d·(2, 1, 1, 1) one hop later to the curators, author and parent's trainer.
    const total = 3 + 1 + 0.85 * (2 + 1 + 1 + 1);
    close(weight('tina'), 3 / total);
    close(weight('cora'), 1.7 / total);
    close(weight('rex'), 1 / total);
    close(weight('eve'), 0.85 / total);
    close(weight('bob'), 0.85 / total);
    close(weight('paul'), 0.85 / total);
    close(
      shares.reduce((sum, share) => sum + share.weight, 0),
      1,
    );
    assert.deepEqual(
      new Set(shares.map((share) => share.role)),
      new Set(['trainer', 'dataset_curator', 'benchmark_author', 'eval_runner']),
    );
    assert.ok((weight('tina') ?? 0) > (weight('rex') ?? 0));
  });

  it('sorts by weight, then agent, then role, and gives one line per role of an agent', () => {
    const shares = sharesOf(
      buildPromotion({
        child: { id: 'm-v2', trainedBy: 'cora' },
        parents: [],
        datasets: [{ id: 'ds', createdBy: 'cora', via: 'trained_on' }],
        benchmark: { id: 'bench', createdBy: 'bob' },
        evalRunner: 'alice',
      }),
    );
    assert.deepEqual(
      shares.map(({ agentId, role }) => `${agentId}/${role}`),
      ['cora/trainer', 'cora/dataset_curator', 'alice/eval_runner', 'bob/benchmark_author'],
    );
    const [, , alice, bob] = shares;
    // Out-weights 3 : 2 : 1 : 1; alice is one hop out, bob two, so alice > bob.
    assert.ok((alice?.weight ?? 0) > (bob?.weight ?? 0));
  });

  it('breaks equal weights by agent id then role', () => {
    const graph: ContributionGraph = new DirectedGraph();
    graph.addNode('m', { kind: 'model', ref: 'm' });
    for (const agent of ['zed', 'amy']) graph.addNode(`agent:${agent}`, { kind: 'agent', ref: agent });
    graph.addEdge('m', 'agent:zed', { weight: 1, role: 'trainer' });
    graph.addEdge('m', 'agent:amy', { weight: 1, role: 'eval_runner' });
    const shares = roleShares(graph, personalizedPageRank(graph, { source: 'm' }));
    assert.deepEqual(shares, [
      { agentId: 'amy', role: 'eval_runner', weight: 0.5 },
      { agentId: 'zed', role: 'trainer', weight: 0.5 },
    ]);
  });

  it('gives a self-promoting trainer no eval-runner line', () => {
    const shares = sharesOf(buildPromotion({ evalRunner: 'tina' }));
    assert.equal(
      shares.some((share) => share.role === 'eval_runner'),
      false,
    );
    assert.deepEqual(
      shares.filter((share) => share.agentId === 'tina').map((share) => share.role),
      ['trainer'],
    );
  });

  it('gives [] when no agent has any flow', () => {
    const graph = buildContributionGraph(buildPromotion());
    assert.deepEqual(roleShares(graph, new Map()), []);
  });
});
