/** A contribution input for the credit core's unit tests. */
import type { ContributionInput } from '../../src/credit/core/contribution-graph.ts';

/** A promotion where every role is a different agent; override one field per test. */
export function buildPromotion(overrides: Partial<ContributionInput> = {}): ContributionInput {
  return {
    child: { id: 'm-v2', trainedBy: 'tina' },
    parents: [{ id: 'm-v1', trainedBy: 'paul' }],
    datasets: [
      { id: 'ds-train', createdBy: 'cora', via: 'trained_on' },
      { id: 'ds-eval', createdBy: 'eve', via: 'eval' },
    ],
    benchmark: { id: 'bench', createdBy: 'bob' },
    evalRunner: 'rex',
    ...overrides,
  };
}
