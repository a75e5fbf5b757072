import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mermaidIds, mermaidLabel, toMermaidFlowchart } from './dag.mermaid.ts';

describe('Mermaid flowchart text', () => {
  it('writes a flowchart LR with one line per node and one labelled arrow per edge', () => {
    const text = toMermaidFlowchart({
      nodes: [
        { id: 'model-a-v1', type: 'model', title: 'Model A' },
        { id: 'dataset.x', type: 'dataset', title: 'Data "X"' },
      ],
      edges: [{ from: 'model-a-v1', to: 'dataset.x', link_type: 'trained_on', version: 2 }],
    });
    assert.equal(
      text,
      [
        'flowchart LR',
        '  n_model_a_v1["Model A (model)"]',
        '  n_dataset_x["Data #quot;X#quot; (dataset)"]',
        '  n_model_a_v1 -->|"trained_on @v2"| n_dataset_x',
        '',
      ].join('\n'),
    );
  });

  it('keeps sanitised ids unique and never a bare Mermaid keyword', () => {
    const ids = mermaidIds(['a-b', 'a.b', 'end']);
    assert.deepEqual([...ids.values()], ['n_a_b', 'n_a_b_2', 'n_end']);
  });

  it('encodes characters that would end a label', () => {
    assert.equal(mermaidLabel('a|b"c#d\ne'), 'a#124;b#quot;c#35;d e');
  });
});
