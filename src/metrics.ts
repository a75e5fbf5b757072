/**
 * The process's Prometheus metrics (`GET /metrics`): HTTP requests by route and status,
 * the database pools' use, job runs (the rescore pass among them) by outcome, and webhook and
 * OpenLineage delivery attempts by result. One registry per deps, so several apps in one process
 * (the tests) never share counters.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** What the pool gauge reads: each pool's connections in use, idle, and callers waiting for one. */
export interface PoolReading {
  server: string;
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** The metrics a process records and exposes. */
export interface Metrics {
  /** The registry `GET /metrics` renders. */
  readonly registry: Registry;
  /** Records one answered HTTP request. */
  observeRequest(method: string, route: string, status: number, seconds: number): void;
  /** Records one job run (`outcome`: the job's own word, or `failed` when it threw). */
  observeJob(job: string, outcome: string, seconds: number): void;
  /** Reads the pools at each scrape. */
  watchPools(read: () => readonly PoolReading[]): void;
  /**
   * Records one delivery attempt of the outbox: `destination` webhook or openlineage, `result` what
   * became of the delivery (delivered, retrying, failed).
   */
  observeDelivery(destination: string, result: string): void;
}

/** Request durations up to 10 s; most answers fall in the first buckets. */
const REQUEST_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10];
/** Job durations from a second to an hour. */
const JOB_BUCKETS = [0.1, 1, 5, 15, 60, 300, 900, 3600];

/** A fresh set of metrics on its own registry; a server adds Node's process metrics (memory, event loop, GC). */
export function createMetrics(options: { withProcessMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.withProcessMetrics) collectDefaultMetrics({ register: registry, prefix: 'modelgraph_' });
  const requests = new Histogram({
    name: 'modelgraph_http_request_duration_seconds',
    help: 'HTTP requests answered, by method, route pattern and status (the _count is the request count)',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: REQUEST_BUCKETS,
    registers: [registry],
  });
  const jobs = new Histogram({
    name: 'modelgraph_job_duration_seconds',
    help: 'Job runs (rescore, backfill) by outcome',
    labelNames: ['job', 'outcome'] as const,
    buckets: JOB_BUCKETS,
    registers: [registry],
  });
  const deliveries = new Counter({
    name: 'modelgraph_delivery_attempts_total',
    help: 'Outbox delivery attempts by destination (webhook, openlineage) and what became of the delivery (delivered, retrying, failed)',
    labelNames: ['destination', 'result'] as const,
    registers: [registry],
  });
  let readPools: () => readonly PoolReading[] = () => [];
  new Gauge({
    name: 'modelgraph_db_pool_connections',
    help: 'Database pool connections by server and state (in_use, idle, waiting callers)',
    labelNames: ['server', 'state'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const pool of readPools()) {
        this.set({ server: pool.server, state: 'in_use' }, pool.totalCount - pool.idleCount);
        this.set({ server: pool.server, state: 'idle' }, pool.idleCount);
        this.set({ server: pool.server, state: 'waiting' }, pool.waitingCount);
      }
    },
  });
  return {
    registry,
    observeRequest: (method, route, status, seconds) =>
      requests.observe({ method, route, status: String(status) }, seconds),
    observeJob: (job, outcome, seconds) => jobs.observe({ job, outcome }, seconds),
    watchPools(read) {
      readPools = read;
    },
    observeDelivery: (destination, result) => deliveries.inc({ destination, result }),
  };
}
