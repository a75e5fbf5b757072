import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatTable, ratio } from '../../bench/report.ts';
import { quantile, summarise, timeAlternately } from '../../bench/stats.ts';

describe('bench statistics', () => {
  it('takes nearest-rank quantiles', () => {
    const values = Array.from({ length: 200 }, (_, i) => i + 1);
    assert.equal(quantile(values, 0.5), 100);
    assert.equal(quantile(values, 0.99), 198);
    assert.equal(quantile(values, 1), 200);
    assert.equal(quantile([7], 0.99), 7);
    assert.ok(Number.isNaN(quantile([], 0.5)));
  });

  it('summarises unsorted samples', () => {
    assert.deepEqual(summarise([3, 1, 2, 4]), { n: 4, p50: 2, p95: 4, p99: 4, mean: 2.5 });
  });

  it('alternates two workloads call by call, warm-up pairs first, and times each apart', async () => {
    const calls: string[] = [];
    const [a, b] = await timeAlternately(
      async () => calls.push('a'),
      async () => calls.push('b'),
      3,
      1,
    );
    assert.equal(calls.join(''), 'abababab');
    assert.equal(a.n, 3);
    assert.equal(b.n, 3);
  });

  it('prints a Markdown table with ratios', () => {
    const text = formatTable({ title: 'T', columns: ['a', 'b'], rows: [[1, ratio(3, 2)]], notes: ['n'] });
    assert.equal(text, '### T\n\n| a | b |\n| --- | --- |\n| 1 | 1.50× |\n\nn\n');
  });
});
