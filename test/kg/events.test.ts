import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/database.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { buildModelBody, expectError, promote, registerModel, uniqueId } from '../support/factories.ts';
import { testStores } from '../support/stores.ts';

const HOUR_MS = 3_600_000;

interface EventJson {
  id: number;
  event_type: string;
  target_artifact_id: string;
  actor: string;
  detection_metadata: Record<string, unknown>;
  created_at: string;
}

for (const store of testStores()) {
  describe(`GET /api/events on ${store.name}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(store);
    });
    after(() => t.close());

    const list = async (query: string) => {
      const response = await t.request('GET', `/api/events?${query}`);
      assert.equal(response.statusCode, 200, response.body);
      return response.json() as { events: EventJson[]; total: number };
    };

    /** Appends an event of a fresh type at `hoursAgo` (setup only: the log is append-only). */
    const seedEvent = async (type: string, target: string, at: Date) => {
      const [row] = await queryRows<{ id: number }>(
        t.store.db,
        sql`insert into events (event_type, target_artifact_id, actor, detection_metadata, created_at)
            values (${type}, ${target}, 'tester', ${JSON.stringify({ at: at.toISOString() })}::jsonb, ${at.toISOString()}::timestamptz)
            returning id::int`,
      );
      return row.id;
    };

    /** Three events of one fresh type, 3 h, 2 h and 1 h ago; targets A, B, A. */
    const seedThree = async () => {
      const type = uniqueId('probe');
      const [targetA, targetB] = [uniqueId('target'), uniqueId('target')];
      const now = Date.now();
      const times = [3, 2, 1].map((hours) => new Date(now - hours * HOUR_MS));
      const ids = [
        await seedEvent(type, targetA, times[0]),
        await seedEvent(type, targetB, times[1]),
        await seedEvent(type, targetA, times[2]),
      ];
      return { type, targetA, targetB, times, ids };
    };

    it('filters by type, newest first, and counts every match', async () => {
      const { type, ids, times } = await seedThree();
      const { events, total } = await list(`type=${type}`);
      assert.deepEqual(
        events.map((event) => event.id),
        [ids[2], ids[1], ids[0]],
      );
      assert.equal(total, 3);
      assert.equal(events[0].created_at, times[2].toISOString());
      assert.equal(events[0].event_type, type);
      assert.equal(events[0].actor, 'tester');
    });

    it('filters by target, alone and with a type', async () => {
      const { type, targetA, targetB, ids } = await seedThree();
      assert.deepEqual(
        (await list(`target=${targetA}`)).events.map((event) => event.id),
        [ids[2], ids[0]],
      );
      assert.deepEqual(
        (await list(`type=${type}&target=${targetB}`)).events.map((event) => event.id),
        [ids[1]],
      );
      assert.deepEqual(await list(`type=other_type&target=${targetA}`), { events: [], total: 0 });
    });

    it('keeps events at or after since', async () => {
      const { type, ids, times } = await seedThree();
      const after2h30 = new Date(times[0].getTime() + HOUR_MS / 2).toISOString();
      assert.deepEqual(
        (await list(`type=${type}&since=${after2h30}`)).events.map((event) => event.id),
        [ids[2], ids[1]],
      );
      const exactly = (await list(`type=${type}&since=${times[1].toISOString()}`)).events;
      assert.deepEqual(
        exactly.map((event) => event.id),
        [ids[2], ids[1]],
        'since is inclusive',
      );
      const future = new Date(Date.now() + HOUR_MS).toISOString();
      assert.deepEqual(await list(`type=${type}&since=${future}`), { events: [], total: 0 });
    });

    it('reads since with a time-zone offset as the same instant', async () => {
      const { type, ids, times } = await seedThree();
      // 30 minutes after the first event, written in UTC+02:00.
      const instant = new Date(times[0].getTime() + HOUR_MS / 2 + 2 * HOUR_MS);
      const local = `${instant.toISOString().slice(0, 19)}+02:00`;
      const { events } = await list(`type=${type}&since=${encodeURIComponent(local)}`);
      assert.deepEqual(
        events.map((event) => event.id),
        [ids[2], ids[1]],
      );
    });

    it('breaks ties of created_at by id, newest first', async () => {
      const type = uniqueId('tie');
      const at = new Date(Date.now() - HOUR_MS);
      const first = await seedEvent(type, 'x', at);
      const second = await seedEvent(type, 'x', at);
      assert.deepEqual(
        (await list(`type=${type}`)).events.map((event) => event.id),
        [second, first],
      );
    });

    it('pages with limit and offset while total counts all matches', async () => {
      const { type, ids } = await seedThree();
      const page = await list(`type=${type}&limit=1&offset=1`);
      assert.deepEqual(
        page.events.map((event) => event.id),
        [ids[1]],
      );
      assert.equal(page.total, 3);
      const beyond = await list(`type=${type}&offset=3`);
      assert.deepEqual(beyond, { events: [], total: 3 });
    });

    it('lists the event of a promotion under its type and target', async () => {
      const model = await registerModel(t, buildModelBody());
      const { event } = await promote(t, model.id);
      const { events, total } = await list(`type=model_version_promoted&target=${model.id}`);
      assert.equal(total, 1);
      assert.deepEqual(events[0], event);
      assert.deepEqual(events[0].detection_metadata, { parent_id: null, child_id: model.id, actor: 'admin' });
    });

    it('refuses an unknown parameter with 400 unknown_parameter', async () => {
      const error = expectError(await t.request('GET', '/api/events?actor=admin'), 400, 'unknown_parameter');
      assert.deepEqual(error.details, { parameter: 'actor' });
    });

    for (const query of [
      'since=yesterday',
      'since=2026-13-45T00:00:00Z',
      'since=',
      'limit=0',
      'limit=1001',
      'limit=ten',
      'offset=-1',
      'type=',
    ]) {
      it(`refuses ${query} with 400 invalid_request`, async () => {
        expectError(await t.request('GET', `/api/events?${query}`), 400, 'invalid_request');
      });
    }
  });
}
