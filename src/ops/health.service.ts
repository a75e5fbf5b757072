/**
 * The health of the process's databases (`GET /api/health`): whether the primary answers,
 * whether the replica does and how far behind it is. Each question has a deadline, so a server
 * that hangs reads as down instead of holding the check.
 */
import type { Store } from '../db/database.ts';

/** The answer of `GET /api/health`. */
export interface Health {
  status: 'ok' | 'degraded';
  store: Store['kind'];
  primary: 'ok' | 'down';
  replica: 'ok' | 'down' | 'none';
  replica_lag_ms: number | null;
}

const CHECK_DEADLINE_MS = 2_000;

async function withinDeadline<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${CHECK_DEADLINE_MS} ms`)),
      CHECK_DEADLINE_MS,
    );
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

async function answers(work: () => Promise<unknown>): Promise<boolean> {
  try {
    await withinDeadline(work());
    return true;
  } catch {
    return false;
  }
}

/** Asks the primary and the replica (when there is one); a replica that answers is used again at once. */
export async function checkHealth(store: Store): Promise<Health> {
  const replica = store.replica;
  const probeReplica = async (): Promise<number | undefined> => {
    if (!replica) return undefined;
    try {
      const lagMs = await withinDeadline(replica.probeLagMs());
      replica.reportSuccess();
      return lagMs;
    } catch (error) {
      replica.reportFailure(error);
      return undefined;
    }
  };
  const [isPrimaryUp, lagMs] = await Promise.all([answers(() => store.ping()), probeReplica()]);
  const replicaState = !replica ? 'none' : lagMs === undefined ? 'down' : 'ok';
  return {
    status: isPrimaryUp && replicaState !== 'down' ? 'ok' : 'degraded',
    store: store.kind,
    primary: isPrimaryUp ? 'ok' : 'down',
    replica: replicaState,
    replica_lag_ms: lagMs ?? null,
  };
}
