/**
 * The payout caps (docs/credit.md): no agent takes more than a share of one pool, nor more than a
 * rolling 24-hour income. What the caps hold back is not redistributed; it stays in the treasury.
 */
import type { PayoutRole } from './contribution-graph.ts';
import { splitPool } from './split.ts';

/** One agent's payout for one role before caps; `amountMicro` is its split of the pool. */
export interface PayoutLine {
  agentId: string;
  role: PayoutRole;
  weight: number;
  amountMicro: number;
}

/** The limits one payout is held to. */
export interface CapLimits {
  /** The pool being paid out, in micro-credits. */
  poolMicro: number;
  /** The largest fraction of one pool an agent may receive, summed over its roles (0.4). */
  agentShareCap: number;
  /** The most an agent may receive in any 24 hours, in micro-credits. */
  dailyCapMicro: number;
  /** micro-credits each agent already received in the last 24 h */
  receivedLast24h: ReadonlyMap<string, number>;
}

/** A payout line after caps; `cappedBy` names the cap that reduced it, if one did. */
export interface CappedLine extends PayoutLine {
  cappedBy?: 'agent_share_cap' | 'daily_cap';
}

/**
 * Holds each agent to min(floor(agentShareCap · poolMicro), dailyCapMicro − receivedLast24h),
 * never below 0. An agent over its limit keeps exactly the limit, split over its lines in
 * proportion to their amounts (largest remainder, ties to the earlier line), and each line that
 * went down is marked with the tighter cap (`agent_share_cap` when both are equal). Lines keep
 * their input order and weights; `withheldMicro = poolMicro − Σ paid`.
 *
 * @throws RangeError when an amount, the pool or a limit is not a non-negative safe integer (the
 *   share cap not in [0, 1]), or the lines add up to more than the pool.
 */
export function applyCaps(
  lines: PayoutLine[],
  limits: CapLimits,
): { lines: CappedLine[]; withheldMicro: number } {
  checkLimits(lines, limits);
  const shareCap = Math.floor(limits.agentShareCap * limits.poolMicro);
  const capped: CappedLine[] = lines.map((line) => ({ ...line }));

  for (const agentId of new Set(lines.map((line) => line.agentId))) {
    const own = capped.filter((line) => line.agentId === agentId);
    const total = own.reduce((sum, line) => sum + line.amountMicro, 0);
    const dailyRoom = Math.max(0, limits.dailyCapMicro - (limits.receivedLast24h.get(agentId) ?? 0));
    const limit = Math.min(shareCap, dailyRoom);
    if (total <= limit) continue;
    const cappedBy = dailyRoom < shareCap ? 'daily_cap' : 'agent_share_cap';
    const reduced = splitPool(
      limit,
      own.map((line) => line.amountMicro),
    );
    own.forEach((line, i) => {
      if (reduced[i] < line.amountMicro) line.cappedBy = cappedBy;
      line.amountMicro = reduced[i];
    });
  }

  const paid = capped.reduce((sum, line) => sum + line.amountMicro, 0);
  return { lines: capped, withheldMicro: limits.poolMicro - paid };
}

function checkLimits(lines: PayoutLine[], limits: CapLimits): void {
  const isAmount = (value: number) => Number.isSafeInteger(value) && value >= 0;
  if (!isAmount(limits.poolMicro)) throw new RangeError(`poolMicro must be a non-negative safe integer`);
  if (!isAmount(limits.dailyCapMicro))
    throw new RangeError(`dailyCapMicro must be a non-negative safe integer`);
  if (!(limits.agentShareCap >= 0 && limits.agentShareCap <= 1)) {
    throw new RangeError(`agentShareCap must be in [0, 1], got ${limits.agentShareCap}`);
  }
  for (const [agentId, received] of limits.receivedLast24h) {
    if (!isAmount(received))
      throw new RangeError(`receivedLast24h of ${agentId} must be a non-negative safe integer`);
  }
  for (const line of lines) {
    if (!isAmount(line.amountMicro)) {
      throw new RangeError(`amountMicro of ${line.agentId}/${line.role} must be a non-negative safe integer`);
    }
  }
  const total = lines.reduce((sum, line) => sum + line.amountMicro, 0);
  if (total > limits.poolMicro) throw new RangeError(`the lines add up to ${total}, more than the pool`);
}
