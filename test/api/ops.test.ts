import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sandboxStatus } from '../../src/inference/sandbox-policy.ts';
import { deliverDueMessages } from '../../src/webhooks/delivery.service.ts';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { testStores } from '../support/stores.ts';
import { startReceiver } from '../webhooks/receiver.ts';
import { subscribe } from '../webhooks/webhook-support.ts';

for (const store of testStores()) {
  describe(`GET /api/health and GET /metrics on ${store.name}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(store);
    });
    after(() => t.close());

    it('answers 200 with the store, the primary up and no replica', async () => {
      const response = await t.request('GET', '/api/health');
      assert.equal(response.statusCode, 200);
      assert.deepEqual(response.json(), {
        status: 'ok',
        store: store.name,
        primary: 'ok',
        replica: 'none',
        replica_lag_ms: null,
        runtime_sandbox: await sandboxStatus(t.deps.config),
      });
    });

    it('counts requests by method, route pattern and status in the Prometheus text format', async () => {
      for (let i = 0; i < 3; i++) await t.request('GET', '/api/models?limit=1');
      await t.request('GET', '/api/models/no-such-model');
      await t.request('GET', '/no/such/route');
      const response = await t.request('GET', '/metrics');
      assert.equal(response.statusCode, 200);
      assert.match(String(response.headers['content-type']), /^text\/plain; version=0\.0\.4/);
      const text = response.body;
      assert.match(
        text,
        /^modelgraph_http_request_duration_seconds_count\{method="GET",route="\/api\/models",status="200"\} 3$/m,
      );
      assert.match(
        text,
        /^modelgraph_http_request_duration_seconds_count\{method="GET",route="\/api\/models\/:id",status="404"\} 1$/m,
      );
      assert.match(
        text,
        /^modelgraph_http_request_duration_seconds_count\{method="GET",route="unmatched",status="404"\} 1$/m,
      );
    });

    it('records rescore passes by outcome and, on PostgreSQL, the pool in use', async () => {
      const pass = await t.request('POST', '/api/jobs/rescore', { token: ADMIN_TOKEN, body: {} });
      assert.equal(pass.statusCode, 200, pass.body);
      const text = (await t.request('GET', '/metrics')).body;
      assert.match(
        text,
        new RegExp(
          `^modelgraph_job_duration_seconds_count\\{job="model_rescore",outcome="${pass.json().outcome}"\\} 1$`,
          'm',
        ),
      );
      if (store.name === 'postgres') {
        assert.match(text, /^modelgraph_db_pool_connections\{server="primary",state="idle"\} [1-9]\d*$/m);
        assert.match(text, /^modelgraph_db_pool_connections\{server="primary",state="waiting"\} 0$/m);
      } else {
        assert.doesNotMatch(text, /modelgraph_db_pool_connections\{/);
      }
    });

    it('counts webhook delivery attempts by result', async () => {
      const receiver = await startReceiver();
      try {
        receiver.answers.push({ status: 500 });
        const hook = await subscribe(t, `${receiver.url}/hook`, ['webhook_test']);
        const queued = await t.request('POST', `/api/webhooks/${hook.id}/test`, { token: ADMIN_TOKEN });
        assert.equal(queued.statusCode, 202, queued.body);
        await deliverDueMessages(t.deps);
        const text = (await t.request('GET', '/metrics')).body;
        assert.match(
          text,
          /^modelgraph_delivery_attempts_total\{destination="webhook",result="retrying"\} 1$/m,
        );
        assert.doesNotMatch(text, /result="delivered"/);
        assert.equal(receiver.received.length, 1);
      } finally {
        await receiver.close();
      }
    });
  });
}

describe('GET /api/health when the primary does not answer', () => {
  it('answers 503 with the primary down', async () => {
    const t = await startTestApp(testStores()[0]);
    await t.store.close();
    const response = await t.request('GET', '/api/health');
    assert.equal(response.statusCode, 503);
    assert.deepEqual(response.json(), {
      status: 'degraded',
      store: 'pglite',
      primary: 'down',
      replica: 'none',
      replica_lag_ms: null,
      runtime_sandbox: await sandboxStatus(t.deps.config),
    });
    await t.app.close();
  });
});
