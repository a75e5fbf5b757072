/**
 * The health of the process (`GET /api/health`): whether the primary answers, whether the replica
 * does and how far behind it is, and how process runtimes run here (the sandbox). Each database
 * question has a deadline, so a server that hangs reads as down instead of holding the check.
 */
import type { Config } from '../config.ts';
import type { Store } from '../db/database.ts';
import { type SandboxStatus, sandboxStatus } from '../inference/sandbox-policy.ts';

/** The answer of `GET /api/health`. */
export interface Health {
  status: 'ok' | 'degraded';
  store: Store['kind'];
  primary: 'ok' | 'down';
  replica: 'ok' | 'down' | 'none';
  replica_lag_ms: number | null;
  /** `bwrap`: process runtimes run confined; `off`: unconfined by the operator's choice; `unavailable`: the sandbox cannot start. */
  runtime_sandbox: SandboxStatus;
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

/**
 * Asks the primary and the replica (when there is one) — a replica that answers is used again at
 * once — and whether the runtime sandbox starts. The sandbox does not make the process degraded:
 * it serves everything but writers' process runtimes without it.
 */
export async function checkHealth(store: Store, config: Config): Promise<Health> {
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
  const [isPrimaryUp, lagMs, runtimeSandbox] = await Promise.all([
    answers(() => store.ping()),
    probeReplica(),
    sandboxStatus(config),
  ]);
  const replicaState = !replica ? 'none' : lagMs === undefined ? 'down' : 'ok';
  return {
    status: isPrimaryUp && replicaState !== 'down' ? 'ok' : 'degraded',
    store: store.kind,
    primary: isPrimaryUp ? 'ok' : 'down',
    replica: replicaState,
    replica_lag_ms: lagMs ?? null,
    runtime_sandbox: runtimeSandbox,
  };
}
