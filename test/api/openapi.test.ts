import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../support/app.ts';
import { testStores } from '../support/stores.ts';

/** Every route of agents and tokens, artifacts and models, as OpenAPI path → methods. */
const REGISTRY_ROUTES: Record<string, string[]> = {
  '/api/agents': ['post'],
  '/api/agents/{id}/tokens': ['post'],
  '/api/agents/{id}': ['get'],
  '/api/artifacts': ['post'],
  '/api/artifacts/{id}/versions': ['post'],
  '/api/artifacts/{id}': ['get'],
  '/api/artifacts/{id}/retract': ['post'],
  '/api/artifacts/{id}/reinstate': ['post'],
  '/api/links': ['post'],
  '/api/models': ['get', 'post'],
  '/api/models/compare': ['get'],
  '/api/models/{id}': ['get', 'patch'],
  '/api/models/{id}/promote': ['post'],
};

interface Operation {
  parameters?: { name: string; in: string }[];
  requestBody?: { content: Record<string, { schema: { required?: string[] } }> };
  security?: unknown[];
  responses: Record<string, unknown>;
}

for (const store of testStores()) {
  describe(`OpenAPI document and docs on ${store.name}`, () => {
    let t: TestApp;
    let doc: {
      openapi: string;
      paths: Record<string, Record<string, Operation>>;
      components: Record<string, unknown>;
    };
    before(async () => {
      t = await startTestApp(store);
      const response = await t.request('GET', '/openapi.json');
      assert.equal(response.statusCode, 200, response.body);
      assert.match(String(response.headers['content-type']), /application\/json/);
      doc = response.json();
    });
    after(() => t.close());

    it('is an OpenAPI 3 document', () => {
      assert.match(doc.openapi, /^3\.\d+\.\d+$/);
    });

    for (const [path, methods] of Object.entries(REGISTRY_ROUTES)) {
      it(`documents ${methods.join(' and ').toUpperCase()} ${path}`, () => {
        assert.ok(doc.paths[path], `${path} is missing`);
        for (const method of methods) assert.ok(doc.paths[path][method], `${method} ${path} is missing`);
      });
    }

    it('documents every query parameter of the model list', () => {
      const names = (doc.paths['/api/models'].get.parameters ?? [])
        .filter((p) => p.in === 'query')
        .map((p) => p.name);
      assert.deepEqual(names.sort(), [
        'all_versions',
        'cursor',
        'dataset',
        'family',
        'filter',
        'flag',
        'hypothesis',
        'limit',
        'offset',
        'order',
        'q',
        'sort',
        'status',
        'tag',
      ]);
    });

    it('documents the registration body with its required fields (provenance is scored, not required)', () => {
      const schema = doc.paths['/api/models'].post.requestBody?.content['application/json'].schema;
      assert.deepEqual([...(schema?.required ?? [])].sort(), ['model_family', 'model_name', 'title']);
    });

    it('marks write routes as needing a bearer token and documents their error statuses', () => {
      assert.deepEqual(doc.components.securitySchemes, { bearer: { type: 'http', scheme: 'bearer' } });
      const promote = doc.paths['/api/models/{id}/promote'].post;
      assert.deepEqual(promote.security, [{ bearer: [] }]);
      for (const status of ['200', '400', '401', '403', '404', '409', '422']) {
        assert.ok(promote.responses[status], `promote lacks a ${status} response`);
      }
    });

    it('does not list /openapi.json or /docs as API paths', () => {
      assert.ok(
        !Object.keys(doc.paths).some((path) => path.startsWith('/openapi') || path.startsWith('/docs')),
      );
    });

    it('renders the documentation for people at /docs', async () => {
      let response = await t.request('GET', '/docs');
      for (let hops = 0; response.statusCode >= 300 && response.statusCode < 400 && hops < 3; hops++) {
        response = await t.request(
          'GET',
          new URL(String(response.headers.location), 'http://localhost/docs').pathname,
        );
      }
      assert.equal(response.statusCode, 200);
      assert.match(String(response.headers['content-type']), /text\/html/);
      assert.match(response.body, /<html/i);
    });

    it('answers an unknown path with a 404 in the error format', async () => {
      const response = await t.request('GET', '/api/no-such-route');
      assert.equal(response.statusCode, 404);
      assert.equal(response.json().error.code, 'not_found');
    });
  });
}
