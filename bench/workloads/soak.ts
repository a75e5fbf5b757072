/**
 * A bounded soak (issue 15): for a fixed time, 8 kept-alive readers send the list and a detail in
 * turn, one writer registers a version of its own lineage every 100 ms through the registration
 * command, a rescore pass runs every minute, and the webhook dispatcher (as `serve` runs it) delivers
 * each registration to a loopback receiver; the process's RSS is sampled every 10 s after a 30 s
 * warm-up (after a full collection). The growth from the first sample to the last says whether memory is retained.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { ADMIN_AGENT_ID } from '../../src/caller.ts';
import { performRescore } from '../../src/jobs/rescore/rescore.job.ts';
import { registerModel } from '../../src/registry/models/model.service.ts';
import { runInUnit } from '../../src/unit-of-work.ts';
import { startDispatcher } from '../../src/webhooks/delivery-dispatcher.ts';
import { changeWebhook, createWebhook } from '../../src/webhooks/webhook.service.ts';
import type { BenchContext } from '../context.ts';
import { keepAliveClient } from '../http-client.ts';
import { count, type Table } from '../report.ts';

const READERS = 8;
const WARM_UP_MS = 30_000;
const SAMPLE_MS = 10_000;
const MB = 1024 * 1024;
const ADMIN = { agentId: ADMIN_AGENT_ID, scopes: ['admin'] };

/** A loopback subscriber that answers 204 and counts what it received. */
async function startCountingReceiver() {
  let received = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      received++;
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/soak`,
    received: () => received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Runs the soak for `seconds` (warm-up included) and reports requests, errors and RSS. */
export async function benchSoak(ctx: BenchContext, seconds: number): Promise<Table> {
  const http = keepAliveClient(ctx.baseUrl, READERS);
  const { modelIds } = ctx.world.sample;
  const deadline = Date.now() + seconds * 1000;
  const tally = { reads: 0, errors: 0, writes: 0, passes: 0 };
  const rss: number[] = [];
  const reader = async (worker: number) => {
    for (let i = 0; Date.now() < deadline; i++) {
      const path =
        i % 2 === 0 ? '/api/models?limit=20' : `/api/models/${modelIds[(worker + i) % modelIds.length]}`;
      await http.send(path).then(
        () => tally.reads++,
        () => tally.errors++,
      );
    }
  };
  const modelName = `soak-${randomUUID().slice(0, 8)}`;
  const writer = async () => {
    while (Date.now() < deadline) {
      const title = `soak version ${tally.writes + 1}`;
      await runInUnit(ctx.deps, (unit) =>
        registerModel(ctx.deps, { unit, caller: ADMIN, modelName, title, modelFamily: 'statistical' }),
      ).then(
        () => tally.writes++,
        () => tally.errors++,
      );
      await sleep(100);
    }
  };
  const rescorer = async () => {
    while (Date.now() < deadline) {
      await performRescore(ctx.deps, { caller: ADMIN, dryRun: true }).then(
        () => tally.passes++,
        () => tally.errors++,
      );
      await sleep(Math.min(60_000, Math.max(0, deadline - Date.now())));
    }
  };
  const sampler = async () => {
    await sleep(WARM_UP_MS);
    // A world generated in this process leaves its garbage behind: collect it before the first sample.
    globalThis.gc?.();
    while (Date.now() < deadline) {
      rss.push(process.memoryUsage().rss);
      await sleep(Math.min(SAMPLE_MS, Math.max(1, deadline - Date.now())));
    }
    rss.push(process.memoryUsage().rss);
  };
  const receiver = await startCountingReceiver();
  const hook = await runInUnit(ctx.deps, (unit) =>
    createWebhook(ctx.deps, {
      unit,
      caller: ADMIN,
      url: receiver.url,
      eventTypes: ['model_version_registered'],
      description: 'bench soak',
    }),
  );
  const dispatcher = await startDispatcher({ ...ctx.deps, store: ctx.store });
  try {
    await Promise.all([
      ...Array.from({ length: READERS }, (_, w) => reader(w)),
      writer(),
      rescorer(),
      sampler(),
    ]);
  } finally {
    http.close();
    // The last registrations' deliveries leave within a poll; then the subscription is set aside.
    await sleep(2_000);
    await dispatcher.stop();
    await runInUnit(ctx.deps, (unit) =>
      changeWebhook(ctx.deps, { unit, caller: ADMIN, id: hook.id, active: false }),
    );
    await receiver.close();
  }
  const first = rss[0] ?? 0;
  const last = rss.at(-1) ?? 0;
  return {
    title: `Soak: ${seconds} s of ${READERS} readers, one writer with a webhook per write, and a rescore pass a minute (RSS every 10 s after ${WARM_UP_MS / 1000} s)`,
    columns: [
      'reads',
      'writes',
      'webhooks received',
      'passes',
      'errors',
      'RSS first MB',
      'RSS max MB',
      'RSS last MB',
      'growth',
    ],
    rows: [
      [
        count(tally.reads),
        count(tally.writes),
        count(receiver.received()),
        String(tally.passes),
        String(tally.errors),
        (first / MB).toFixed(0),
        (Math.max(...rss) / MB).toFixed(0),
        (last / MB).toFixed(0),
        `${((100 * (last - first)) / first).toFixed(1)} %`,
      ],
    ],
    notes: [
      `RSS samples (MB): ${rss.map((value) => (value / MB).toFixed(0)).join(', ')}. The process holds the app, the load client and the write loop. Target: growth < 10 %. The passes are dry runs over the world's rescore queue; every registration is a webhook delivery to a loopback receiver.`,
    ],
  };
}
