import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeLabel, repeatedIds } from './node.ts';

describe('node names', () => {
  it('writes a named node as "name (CURIE)" and an unnamed one as its CURIE', () => {
    const names = new Map([['MONDO:0004975', 'Alzheimer disease']]);
    assert.equal(nodeLabel('MONDO:0004975', names), 'Alzheimer disease (MONDO:0004975)');
    assert.equal(nodeLabel('GO:0150094', names), 'GO:0150094');
  });

  it('does not repeat a name that is the CURIE itself', () => {
    assert.equal(nodeLabel('X:1', new Map([['X:1', 'X:1']])), 'X:1');
  });

  it('finds the ids sent more than once, each once', () => {
    assert.deepEqual(repeatedIds([{ id: 'a' }, { id: 'b' }, { id: 'a' }, { id: 'a' }, { id: 'c' }]), ['a']);
    assert.deepEqual(repeatedIds([{ id: 'a' }, { id: 'b' }]), []);
  });
});
