import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { applyCaps, type CapLimits, type PayoutLine } from './caps.ts';
import type { PayoutRole } from './contribution-graph.ts';

const POOL = 100_000_000;

function line(agentId: string, role: PayoutRole, amountMicro: number): PayoutLine {
  return { agentId, role, weight: amountMicro / POOL, amountMicro };
}

function limits(overrides: Partial<CapLimits> = {}): CapLimits {
  return {
    poolMicro: POOL,
    agentShareCap: 0.4,
    dailyCapMicro: 250_000_000,
    receivedLast24h: new Map(),
    ...overrides,
  };
}

const paid = (lines: PayoutLine[]) => lines.reduce((sum, l) => sum + l.amountMicro, 0);

describe('applyCaps', () => {
  it('leaves lines under both caps alone', () => {
    const lines = [line('tina', 'trainer', 40_000_000), line('cora', 'dataset_curator', 60_000_000)];
    const result = applyCaps(lines, limits({ agentShareCap: 0.6 }));
    assert.deepEqual(result, { lines, withheldMicro: 0 });
  });

  it('holds an agent to the share cap of one pool and withholds the rest', () => {
    const result = applyCaps(
      [line('tina', 'trainer', 55_000_000), line('cora', 'dataset_curator', 45_000_000)],
      limits(),
    );
    assert.deepEqual(
      result.lines.map((l) => [l.agentId, l.amountMicro, l.cappedBy]),
      [
        ['tina', 40_000_000, 'agent_share_cap'],
        ['cora', 40_000_000, 'agent_share_cap'],
      ],
    );
    assert.equal(result.withheldMicro, 20_000_000);
    assert.equal(result.lines[0]?.weight, 0.55, 'weights are kept as computed');
  });

  it('holds an agent to what is left of its daily cap', () => {
    const result = applyCaps(
      [line('tina', 'trainer', 30_000_000), line('cora', 'dataset_curator', 30_000_000)],
      limits({ receivedLast24h: new Map([['tina', 240_000_000]]) }),
    );
    assert.deepEqual(
      result.lines.map((l) => [l.amountMicro, l.cappedBy]),
      [
        [10_000_000, 'daily_cap'],
        [30_000_000, undefined],
      ],
    );
    assert.equal(result.withheldMicro, 60_000_000);
  });

  it('pays nothing to an agent already over its daily cap', () => {
    const result = applyCaps(
      [line('tina', 'trainer', 30_000_000)],
      limits({ receivedLast24h: new Map([['tina', 300_000_000]]) }),
    );
    assert.deepEqual(
      result.lines.map((l) => [l.amountMicro, l.cappedBy]),
      [[0, 'daily_cap']],
    );
    assert.equal(result.withheldMicro, POOL);
  });

  it('names the tighter cap when both bind, the share cap on a tie', () => {
    const over = [line('tina', 'trainer', 50_000_000)];
    const tighterDaily = applyCaps(over, limits({ receivedLast24h: new Map([['tina', 215_000_000]]) }));
    assert.deepEqual(
      tighterDaily.lines.map((l) => [l.amountMicro, l.cappedBy]),
      [[35_000_000, 'daily_cap']],
    );
    const tighterShare = applyCaps(over, limits({ receivedLast24h: new Map([['tina', 205_000_000]]) }));
    assert.deepEqual(
      tighterShare.lines.map((l) => [l.amountMicro, l.cappedBy]),
      [[40_000_000, 'agent_share_cap']],
    );
    const tie = applyCaps(over, limits({ receivedLast24h: new Map([['tina', 210_000_000]]) }));
    assert.equal(tie.lines[0]?.cappedBy, 'agent_share_cap');
  });

  it('caps an agent with several roles on its total, shrinking its lines in proportion', () => {
    const result = applyCaps(
      [
        line('tina', 'trainer', 30_000_001),
        line('rex', 'eval_runner', 9_999_999),
        line('tina', 'dataset_curator', 30_000_000),
      ],
      limits(),
    );
    // Exact shares of tina's 40M cap: 20,000,000.33 and 19,999,999.67; the leftover micro-credit
    // goes to the larger remainder, and her total is exactly the cap.
    assert.deepEqual(
      result.lines.map((l) => [l.agentId, l.role, l.amountMicro, l.cappedBy]),
      [
        ['tina', 'trainer', 20_000_000, 'agent_share_cap'],
        ['rex', 'eval_runner', 9_999_999, undefined],
        ['tina', 'dataset_curator', 20_000_000, 'agent_share_cap'],
      ],
    );
    assert.equal(result.withheldMicro, POOL - 40_000_000 - 9_999_999);
  });

  it('withholds what was never assigned as well as what the caps hold back', () => {
    const result = applyCaps([line('tina', 'trainer', 50_000_000)], limits({ agentShareCap: 0.45 }));
    assert.equal(result.lines[0]?.amountMicro, 45_000_000);
    assert.equal(result.withheldMicro, 55_000_000);
    assert.deepEqual(applyCaps([], limits()), { lines: [], withheldMicro: POOL });
  });

  it('refuses negative or fractional amounts, lines over the pool and bad limits', () => {
    assert.throws(() => applyCaps([line('a', 'trainer', -1)], limits()), RangeError);
    assert.throws(() => applyCaps([line('a', 'trainer', 1.5)], limits()), RangeError);
    assert.throws(
      () => applyCaps([line('a', 'trainer', POOL + 1)], limits({ agentShareCap: 1 })),
      RangeError,
    );
    assert.throws(() => applyCaps([], limits({ agentShareCap: 1.2 })), RangeError);
    assert.throws(() => applyCaps([], limits({ dailyCapMicro: -1 })), RangeError);
    assert.throws(() => applyCaps([], limits({ receivedLast24h: new Map([['a', -5]]) })), RangeError);
  });

  it('always balances, never pays a negative line, and keeps every agent under both caps', () => {
    const agents = ['a', 'b', 'c', 'd'];
    const roles: PayoutRole[] = ['trainer', 'dataset_curator', 'benchmark_author', 'eval_runner'];
    const arbitrary = fc.record({
      pool: fc.integer({ min: 0, max: 1e12 }),
      parts: fc.array(
        fc.record({ agent: fc.constantFrom(...agents), role: fc.constantFrom(...roles), part: fc.nat(1000) }),
        { maxLength: 10 },
      ),
      share: fc.double({ min: 0, max: 1, noNaN: true }),
      daily: fc.integer({ min: 0, max: 1e12 }),
      received: fc.array(fc.integer({ min: 0, max: 1e12 }), { minLength: 4, maxLength: 4 }),
    });
    fc.assert(
      fc.property(arbitrary, ({ pool, parts, share, daily, received }) => {
        const totalPart = parts.reduce((sum, p) => sum + p.part, 0);
        // Integer amounts that add up to at most the pool, as a split would produce.
        const lines = parts.map((p) =>
          line(p.agent, p.role, totalPart === 0 ? 0 : Math.floor((pool * p.part) / totalPart)),
        );
        const receivedLast24h = new Map(agents.map((agent, i) => [agent, received[i] ?? 0]));
        const result = applyCaps(lines, {
          poolMicro: pool,
          agentShareCap: share,
          dailyCapMicro: daily,
          receivedLast24h,
        });

        assert.equal(paid(result.lines) + result.withheldMicro, pool);
        assert.ok(result.withheldMicro >= 0);
        result.lines.forEach((capped, i) => {
          assert.ok(Number.isSafeInteger(capped.amountMicro) && capped.amountMicro >= 0);
          assert.ok(capped.amountMicro <= (lines[i]?.amountMicro ?? 0));
          assert.equal(capped.cappedBy !== undefined, capped.amountMicro < (lines[i]?.amountMicro ?? 0));
        });
        for (const agent of agents) {
          const total = paid(result.lines.filter((l) => l.agentId === agent));
          assert.ok(total <= Math.floor(share * pool));
          assert.ok(total <= Math.max(0, daily - (receivedLast24h.get(agent) ?? 0)));
        }
      }),
      { numRuns: 1000 },
    );
  });
});
