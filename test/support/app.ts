/**
 * A test app on a fresh store: the real `buildApp` with a known admin token, helpers to make agents
 * with tokens, and `request` shorthands over `app.inject()`.
 */
import type { LightMyRequestResponse } from 'fastify';
import { type App, buildApp } from '../../src/app.ts';
import { prepareStore } from '../../src/app-deps.ts';
import type { Clock } from '../../src/clock.ts';
import { loadConfig } from '../../src/config.ts';
import type { Store } from '../../src/db/database.ts';
import { type Deps, depsOf } from '../../src/deps.ts';
import { createLogger, type Logger } from '../../src/logger.ts';
import { SUBSCRIBERS } from '../../src/subscribers.ts';
import type { TestStore } from './stores.ts';

/** The bootstrap admin token every test app accepts. */
export const ADMIN_TOKEN = 'test-admin-token';

/** A test app, its store, and request helpers. */
export interface TestApp {
  app: App;
  store: Store;
  /** The deps the app runs on, for suites that call commands directly. */
  deps: Deps;
  /** Sends a request; `token` becomes the bearer header. */
  request(
    method: string,
    url: string,
    options?: { body?: unknown; token?: string },
  ): Promise<LightMyRequestResponse>;
  /** Creates an agent and a token with these scopes; returns the token. */
  agentToken(id: string, scopes: string[], kind?: 'human' | 'ai'): Promise<string>;
  close(): Promise<void>;
}

/** Builds an app over a fresh database of the given store kind. */
export async function startTestApp(
  testStore: TestStore,
  env: Record<string, string> = {},
  clock?: Clock,
  logger?: Logger,
): Promise<TestApp> {
  const config = loadConfig({
    MODELGRAPH_ADMIN_TOKEN: ADMIN_TOKEN,
    MODELGRAPH_DEMO: 'off',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...env,
  });
  const store = await testStore.open();
  const deps = depsOf(store, config, {
    logger: logger ?? createLogger(config.logLevel),
    clock,
    subscribers: SUBSCRIBERS,
  });
  await prepareStore(deps);
  const app = await buildApp(deps);
  const request: TestApp['request'] = (method, url, options = {}) =>
    app.inject({
      method: method as 'GET',
      url,
      ...(options.body === undefined ? {} : { payload: options.body as object }),
      headers: options.token ? { authorization: `Bearer ${options.token}` } : {},
    });
  return {
    app,
    store,
    deps,
    request,
    async agentToken(id, scopes, kind = 'human') {
      await request('POST', '/api/agents', { token: ADMIN_TOKEN, body: { id, display_name: id, kind } });
      const response = await request('POST', `/api/agents/${id}/tokens`, {
        token: ADMIN_TOKEN,
        body: { scopes },
      });
      return response.json().token;
    },
    async close() {
      await app.close();
      await store.close();
    },
  };
}
