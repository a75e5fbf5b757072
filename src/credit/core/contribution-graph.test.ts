import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildPromotion } from '../../../test/support/promotion-input.ts';
import {
  agentNode,
  artifactNode,
  buildContributionGraph,
  type ContributionGraph,
  modelNode,
  ROLE_EDGE_WEIGHTS,
} from './contribution-graph.ts';

function edgeOf(graph: ContributionGraph, from: string, to: string) {
  const edge = graph.edge(from, to);
  assert.ok(edge !== undefined, `no edge ${from} → ${to}`);
  return graph.getEdgeAttributes(edge);
}

describe('buildContributionGraph', () => {
  it('has a node of the right kind and an edge for every role', () => {
    const graph = buildContributionGraph(buildPromotion());
    const child = modelNode('m-v2');
    assert.deepEqual(graph.getNodeAttributes(child), { kind: 'model', ref: 'm-v2' });
    assert.deepEqual(graph.getNodeAttributes(artifactNode('ds-train')), {
      kind: 'artifact',
      ref: 'ds-train',
    });
    assert.deepEqual(graph.getNodeAttributes(agentNode('tina')), { kind: 'agent', ref: 'tina' });

    assert.deepEqual(edgeOf(graph, child, agentNode('tina')), {
      weight: ROLE_EDGE_WEIGHTS.trainer,
      role: 'trainer',
    });
    assert.deepEqual(edgeOf(graph, child, artifactNode('ds-train')), {
      weight: ROLE_EDGE_WEIGHTS.trainedOnDatasets,
    });
    assert.deepEqual(edgeOf(graph, child, artifactNode('ds-eval')), {
      weight: ROLE_EDGE_WEIGHTS.evalDataset,
    });
    assert.equal(edgeOf(graph, artifactNode('ds-train'), agentNode('cora')).role, 'dataset_curator');
    assert.equal(edgeOf(graph, artifactNode('ds-eval'), agentNode('eve')).role, 'dataset_curator');
    assert.deepEqual(edgeOf(graph, child, artifactNode('bench')), { weight: ROLE_EDGE_WEIGHTS.benchmark });
    assert.equal(edgeOf(graph, artifactNode('bench'), agentNode('bob')).role, 'benchmark_author');
    assert.deepEqual(edgeOf(graph, child, agentNode('rex')), {
      weight: ROLE_EDGE_WEIGHTS.evalRunner,
      role: 'eval_runner',
    });
    // 2 model versions, 3 artifacts, 6 agents; 5 edges out of the child and 1 out of each other
    // non-agent node.
    assert.equal(graph.order, 11);
    assert.equal(graph.size, 10);
  });

  it('leaves out the eval-runner edge when the trainer promotes their own model', () => {
    const graph = buildContributionGraph(buildPromotion({ evalRunner: 'tina' }));
    assert.deepEqual(edgeOf(graph, modelNode('m-v2'), agentNode('tina')), {
      weight: ROLE_EDGE_WEIGHTS.trainer,
      role: 'trainer',
    });
    assert.equal(
      graph.someEdge((_edge, { role }) => role === 'eval_runner'),
      false,
    );
    assert.equal(graph.hasNode(agentNode('rex')), false);
  });

  it('adds each parent and its trainer down the chain', () => {
    const graph = buildContributionGraph(
      buildPromotion({
        parents: [
          { id: 'm-v1', trainedBy: 'paul' },
          { id: 'm-v0', trainedBy: 'olga' },
        ],
      }),
    );
    assert.deepEqual(edgeOf(graph, modelNode('m-v2'), modelNode('m-v1')), {
      weight: ROLE_EDGE_WEIGHTS.parent,
    });
    assert.deepEqual(edgeOf(graph, modelNode('m-v1'), agentNode('paul')), {
      weight: ROLE_EDGE_WEIGHTS.parentTrainer,
      role: 'trainer',
    });
    assert.deepEqual(edgeOf(graph, modelNode('m-v1'), modelNode('m-v0')), {
      weight: ROLE_EDGE_WEIGHTS.grandparent,
    });
    assert.equal(edgeOf(graph, modelNode('m-v0'), agentNode('olga')).role, 'trainer');
    assert.equal(graph.getNodeAttribute(modelNode('m-v0'), 'kind'), 'model');
  });

  it('stops a parent chain that loops back', () => {
    const graph = buildContributionGraph(
      buildPromotion({
        parents: [
          { id: 'm-v1', trainedBy: 'paul' },
          { id: 'm-v2', trainedBy: 'tina' },
          { id: 'm-v0', trainedBy: 'olga' },
        ],
      }),
    );
    assert.equal(graph.hasEdge(modelNode('m-v1'), modelNode('m-v2')), false);
    assert.equal(graph.hasNode(modelNode('m-v0')), false);
  });

  it('merges a dataset that is both trained on and evaluated on into one heavier edge', () => {
    const graph = buildContributionGraph(
      buildPromotion({
        datasets: [
          { id: 'ds', createdBy: 'cora', via: 'trained_on' },
          { id: 'ds', createdBy: 'cora', via: 'eval' },
          { id: 'ds', createdBy: 'cora', via: 'trained_on' },
        ],
      }),
    );
    assert.deepEqual(edgeOf(graph, modelNode('m-v2'), artifactNode('ds')), {
      weight: ROLE_EDGE_WEIGHTS.trainedOnDatasets + ROLE_EDGE_WEIGHTS.evalDataset,
    });
    assert.equal(graph.outDegree(artifactNode('ds')), 1);
  });

  it('shares the trained-on weight among the training datasets instead of growing it', () => {
    const graph = buildContributionGraph(
      buildPromotion({
        datasets: ['a', 'b', 'c', 'd'].map((id) => ({ id, createdBy: 'cora', via: 'trained_on' as const })),
      }),
    );
    for (const id of ['a', 'b', 'c', 'd']) {
      assert.equal(
        edgeOf(graph, modelNode('m-v2'), artifactNode(id)).weight,
        ROLE_EDGE_WEIGHTS.trainedOnDatasets / 4,
      );
      assert.equal(edgeOf(graph, artifactNode(id), agentNode('cora')).role, 'dataset_curator');
    }
  });

  it('treats an artifact given as dataset and benchmark as one node paid to its curator', () => {
    const graph = buildContributionGraph(
      buildPromotion({
        datasets: [{ id: 'shared', createdBy: 'cora', via: 'eval' }],
        benchmark: { id: 'shared', createdBy: 'cora' },
      }),
    );
    assert.equal(
      edgeOf(graph, modelNode('m-v2'), artifactNode('shared')).weight,
      ROLE_EDGE_WEIGHTS.evalDataset + ROLE_EDGE_WEIGHTS.benchmark,
    );
    assert.deepEqual(graph.outNeighbors(artifactNode('shared')), [agentNode('cora')]);
  });

  it('refuses one artifact with two creators', () => {
    assert.throws(
      () =>
        buildContributionGraph(
          buildPromotion({
            datasets: [
              { id: 'ds', createdBy: 'cora', via: 'trained_on' },
              { id: 'ds', createdBy: 'eve', via: 'eval' },
            ],
          }),
        ),
      RangeError,
    );
  });

  it('works without a benchmark, datasets or parents', () => {
    const graph = buildContributionGraph(buildPromotion({ benchmark: null, datasets: [], parents: [] }));
    assert.deepEqual(graph.nodes().sort(), [agentNode('rex'), agentNode('tina'), modelNode('m-v2')].sort());
  });
});
