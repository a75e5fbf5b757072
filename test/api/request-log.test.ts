/**
 * The request log: every request writes exactly one structured line once answered — method, URL,
 * status, duration and request id — at `info` below 500 and at `error` with the error from 500 up;
 * no "incoming request" line. The log is captured from the app's own pino logger.
 */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { startTestApp, type TestApp } from '../support/app.ts';
import { testStores } from '../support/stores.ts';

interface LogLine {
  level: number;
  msg: string;
  reqId?: string;
  method?: string;
  url?: string;
  status?: number;
  ms?: number;
  err?: { message: string };
}

for (const store of testStores()) {
  describe(`the request log on ${store.name}`, () => {
    let t: TestApp;
    const lines: LogLine[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        for (const text of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(text));
        done();
      },
    });
    /** The lines written while `send` ran. */
    const linesOf = async (send: () => Promise<unknown>) => {
      const from = lines.length;
      await send();
      return lines.slice(from);
    };

    before(async () => {
      t = await startTestApp(
        store,
        {},
        undefined,
        pino({ level: 'info', base: { service: 'modelgraph' } }, sink),
      );
      // A route that fails as a bug would: the real error handler answers it with a 500.
      t.app.get('/api/test-failure', () => {
        throw new Error('a fault of the server');
      });
    });
    after(() => t.close());

    it('writes one info line per answered request, with method, url, status, duration and request id', async () => {
      const written = await linesOf(() => t.request('GET', '/api/models?limit=5'));
      assert.equal(written.length, 1, JSON.stringify(written));
      const [line] = written;
      assert.equal(line.level, 30);
      assert.equal(line.msg, 'request');
      assert.deepEqual(
        { method: line.method, url: line.url, status: line.status },
        { method: 'GET', url: '/api/models?limit=5', status: 200 },
      );
      assert.equal(typeof line.ms, 'number');
      assert.ok(line.reqId, 'the line names its request');
      assert.ok(!lines.some((each) => each.msg === 'incoming request'));
    });

    it('logs a refused request (4xx) with its status, once', async () => {
      const written = await linesOf(() => t.request('GET', '/api/models/no-such-version'));
      assert.equal(written.length, 1, JSON.stringify(written));
      assert.deepEqual(
        { level: written[0].level, url: written[0].url, status: written[0].status },
        { level: 30, url: '/api/models/no-such-version', status: 404 },
      );
      const bad = await linesOf(() => t.request('GET', '/api/models?limit=0'));
      assert.deepEqual(
        bad.map((line) => line.status),
        [400],
      );
    });

    it('logs a failed request at error level with its method, url and status, beside the error itself', async () => {
      const written = await linesOf(() => t.request('GET', '/api/test-failure'));
      const requestLines = written.filter((line) => line.url === '/api/test-failure');
      assert.equal(requestLines.length, 1, JSON.stringify(written));
      assert.deepEqual(
        { level: requestLines[0].level, method: requestLines[0].method, status: requestLines[0].status },
        { level: 50, method: 'GET', status: 500 },
      );
      const fault = written.find((line) => line.msg === 'unhandled error');
      assert.equal(fault?.err?.message, 'a fault of the server');
      assert.equal(
        fault?.reqId,
        requestLines[0].reqId,
        'the error and the request line share the request id',
      );
    });
  });
}
