/**
 * A bounded soak (issue 15): for a fixed time, 8 kept-alive readers send the list and a detail in
 * turn, one writer registers a version of its own lineage every 100 ms through the registration
 * command, and a rescore pass runs every minute; the process's RSS is sampled every 10 s after a
 * 30 s warm-up. The growth from the first sample to the last says whether memory is retained.
 * (Webhook deliveries join the mix once the outbox exists.)
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ADMIN_AGENT_ID } from '../../src/caller.ts';
import { performRescore } from '../../src/jobs/rescore/rescore.job.ts';
import { registerModel } from '../../src/registry/model.service.ts';
import type { BenchContext } from '../context.ts';
import { httpGetter } from '../http-client.ts';
import { count, type Table } from '../report.ts';

const READERS = 8;
const WARM_UP_MS = 30_000;
const SAMPLE_MS = 10_000;
const MB = 1024 * 1024;

/** Runs the soak for `seconds` (warm-up included) and reports requests, errors and RSS. */
export async function benchSoak(ctx: BenchContext, seconds: number): Promise<Table> {
  const http = httpGetter(ctx.baseUrl, READERS);
  const { modelIds } = ctx.world.sample;
  const deadline = Date.now() + seconds * 1000;
  const tally = { reads: 0, errors: 0, writes: 0, passes: 0 };
  const rss: number[] = [];
  const reader = async (worker: number) => {
    for (let i = 0; Date.now() < deadline; i++) {
      const path =
        i % 2 === 0 ? '/api/models?limit=20' : `/api/models/${modelIds[(worker + i) % modelIds.length]}`;
      await http.get(path).then(
        () => tally.reads++,
        () => tally.errors++,
      );
    }
  };
  const modelName = `soak-${randomUUID().slice(0, 8)}`;
  const writer = async () => {
    while (Date.now() < deadline) {
      await registerModel(ctx.deps, {
        caller: { agentId: ADMIN_AGENT_ID, scopes: ['admin'] },
        modelName,
        title: `soak version ${tally.writes + 1}`,
        modelFamily: 'statistical',
      }).then(
        () => tally.writes++,
        () => tally.errors++,
      );
      await sleep(100);
    }
  };
  const rescorer = async () => {
    while (Date.now() < deadline) {
      await performRescore(ctx.deps, { dryRun: true }).then(
        () => tally.passes++,
        () => tally.errors++,
      );
      await sleep(Math.min(60_000, Math.max(0, deadline - Date.now())));
    }
  };
  const sampler = async () => {
    await sleep(WARM_UP_MS);
    while (Date.now() < deadline) {
      rss.push(process.memoryUsage().rss);
      await sleep(Math.min(SAMPLE_MS, Math.max(1, deadline - Date.now())));
    }
    rss.push(process.memoryUsage().rss);
  };
  try {
    await Promise.all([
      ...Array.from({ length: READERS }, (_, w) => reader(w)),
      writer(),
      rescorer(),
      sampler(),
    ]);
  } finally {
    http.close();
  }
  const first = rss[0] ?? 0;
  const last = rss.at(-1) ?? 0;
  return {
    title: `Soak: ${seconds} s of ${READERS} readers, one writer and a rescore pass a minute (RSS every 10 s after ${WARM_UP_MS / 1000} s)`,
    columns: ['reads', 'writes', 'passes', 'errors', 'RSS first MB', 'RSS max MB', 'RSS last MB', 'growth'],
    rows: [
      [
        count(tally.reads),
        count(tally.writes),
        String(tally.passes),
        String(tally.errors),
        (first / MB).toFixed(0),
        (Math.max(...rss) / MB).toFixed(0),
        (last / MB).toFixed(0),
        `${((100 * (last - first)) / first).toFixed(1)} %`,
      ],
    ],
    notes: [
      `RSS samples (MB): ${rss.map((value) => (value / MB).toFixed(0)).join(', ')}. The process holds the app, the load client and the write loop. Target: growth < 10 %. The passes are dry runs over the world's rescore queue.`,
    ],
  };
}
