/**
 * A bounded load on the loopback server (issue 15): 50 concurrent kept-alive connections for a
 * fixed time, each sending the catalog list and a model detail in turn; requests per second,
 * latency percentiles and errors (any status but 200, any socket error) counted, never thrown.
 */
import type { BenchContext } from '../context.ts';
import { keepAliveClient } from '../http-client.ts';
import { count, ms, type Table } from '../report.ts';
import { summarise } from '../stats.ts';

const CONNECTIONS = 50;

/** Runs the load for `seconds` and reports it. */
export async function benchLoad(ctx: BenchContext, seconds: number): Promise<Table> {
  const http = keepAliveClient(ctx.baseUrl, CONNECTIONS);
  const { modelIds } = ctx.world.sample;
  const samples: number[] = [];
  let errors = 0;
  const deadline = Date.now() + seconds * 1000;
  const loop = async (worker: number) => {
    for (let i = 0; Date.now() < deadline; i++) {
      const path =
        i % 2 === 0 ? '/api/models?limit=20' : `/api/models/${modelIds[(worker + i) % modelIds.length]}`;
      const start = performance.now();
      try {
        await http.send(path);
        samples.push(performance.now() - start);
      } catch {
        errors++;
      }
    }
  };
  const start = performance.now();
  try {
    await Promise.all(Array.from({ length: CONNECTIONS }, (_, worker) => loop(worker)));
  } finally {
    http.close();
  }
  const elapsed = (performance.now() - start) / 1000;
  const timing = summarise(samples);
  return {
    title: `Load: ${CONNECTIONS} concurrent connections for ${seconds} s (list and detail in turn)`,
    columns: ['requests', 'requests/s', 'p50 ms', 'p99 ms', 'errors'],
    rows: [
      [
        count(samples.length),
        count(samples.length / elapsed),
        ms(timing.p50),
        ms(timing.p99),
        String(errors),
      ],
    ],
    notes: [
      'The client shares the process and the two cores with the server and PostgreSQL. Target: errors = 0.',
    ],
  };
}
