/**
 * HTTP throughput of `GET /api/models` against a bare Fastify route that returns the same payload:
 * the ratio is what the registry's work (validation, two queries, presenting) costs per request
 * over the HTTP floor. Load comes from concurrent kept-alive sockets in this process.
 */
import Fastify from 'fastify';
import type { BenchContext } from '../context.ts';
import { keepAliveClient } from '../http-client.ts';
import { count, ratio, type Table } from '../report.ts';

const CONCURRENCY = 8;

/** Requests per second answered by `path` under `CONCURRENCY` concurrent loops for `seconds`. */
export async function throughput(baseUrl: string, path: string, seconds: number): Promise<number> {
  const http = keepAliveClient(baseUrl, CONCURRENCY);
  try {
    for (let i = 0; i < 50; i++) await http.send(path);
    const deadline = Date.now() + seconds * 1000;
    let done = 0;
    const loop = async () => {
      while (Date.now() < deadline) {
        await http.send(path);
        done++;
      }
    };
    const start = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, loop));
    return done / ((performance.now() - start) / 1000);
  } finally {
    http.close();
  }
}

/** Measures both servers for the same time. */
export async function benchThroughput(ctx: BenchContext, seconds: number): Promise<Table> {
  const path = '/api/models?limit=20';
  const payload: unknown = await (await fetch(`${ctx.baseUrl}${path}`)).json();
  const bare = Fastify();
  bare.get('/api/models', async () => payload);
  const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });
  try {
    const api = await throughput(ctx.baseUrl, path, seconds);
    const floor = await throughput(bareUrl, path, seconds);
    return {
      title: `HTTP throughput, ${CONCURRENCY} concurrent kept-alive connections, ${seconds} s each`,
      columns: ['server', 'requests/s', 'share of the bare route'],
      rows: [
        [`modelgraph ${path}`, count(api), ratio(api, floor)],
        ['bare Fastify, same payload', count(floor), '1.00×'],
      ],
      notes: [
        'The load generator shares the process (and this 2-core machine) with the servers, so absolute rates are low; both rows pay that cost alike.',
      ],
    };
  } finally {
    await bare.close();
  }
}
