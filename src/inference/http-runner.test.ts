import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { BatchFailed, RuntimeUnavailable } from './inference-errors.ts';
import type { InferenceItem } from './runner.ts';
import { createRunner } from './runners.ts';

/** These tests exercise the runner itself; the sandbox has its own suites (test/sandbox/). */
const UNCONFINED = { mode: 'off' } as const;

type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** Starts a real HTTP server for one test; the returned function stops it, hanging requests included. */
async function startServer(handler: Handler): Promise<{ url: string; stop: () => Promise<void> }> {
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
    });
    request.on('end', () => handler(request, body, response));
  });
  const port = await listen(server);
  const stop = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { url: `http://127.0.0.1:${port}`, stop };
}

/** A minimal Open Inference Protocol v2 model: confidence = sigmoid(x) of each decoded BYTES input. */
const sigmoidModel: Handler = (request, body, response) => {
  assert.equal(request.method, 'POST');
  assert.equal(request.url, '/v2/models/sig%20moid/infer');
  const { id, inputs } = JSON.parse(body);
  assert.equal(inputs.length, 1);
  const [{ name, shape, datatype, data }] = inputs;
  assert.deepEqual([name, datatype, shape], ['inputs', 'BYTES', [data.length]]);
  const confidence = data.map((text: string) => 1 / (1 + Math.exp(-JSON.parse(text).x)));
  response.setHeader('content-type', 'application/json');
  response.end(
    JSON.stringify({
      model_name: 'sig moid',
      id,
      outputs: [
        { name: 'label', shape: [data.length], datatype: 'INT64', data: data.map(() => 1) },
        { name: 'confidence', shape: [data.length, 1], datatype: 'FP64', data: confidence },
      ],
    }),
  );
};

const items: InferenceItem[] = [
  { id: 'a', inputs: { x: 0 } },
  { id: 'b', inputs: { x: 3 } },
  { id: 'c', inputs: { x: -2 } },
];

async function inferFrom(url: string, timeoutMs = 5_000): Promise<Map<string, number>> {
  const runner = await createRunner(
    { kind: 'http', url: `${url}/`, model: 'sig moid' },
    { timeoutMs, sandbox: UNCONFINED },
  );
  try {
    return await runner.infer(items);
  } finally {
    await runner.close();
  }
}

describe('http runner', () => {
  it('scores items in order from the "confidence" output of an OIP v2 server', async () => {
    const server = await startServer(sigmoidModel);
    try {
      const scores = await inferFrom(server.url);
      assert.deepEqual([...scores.keys()], ['a', 'b', 'c']);
      assert.equal(scores.get('a'), 0.5);
      assert.ok(Math.abs((scores.get('b') ?? 0) - 1 / (1 + Math.exp(-3))) < 1e-12);
      assert.ok(Math.abs((scores.get('c') ?? 0) - 1 / (1 + Math.exp(2))) < 1e-12);
    } finally {
      await server.stop();
    }
  });

  it('fails the batch with the status and body when the server answers 500', async () => {
    const server = await startServer((_request, _body, response) => {
      response.statusCode = 500;
      response.end('{"error":"CUDA out of memory"}');
    });
    try {
      await assert.rejects(inferFrom(server.url), (error: unknown) => {
        assert.ok(error instanceof BatchFailed);
        assert.match(error.message, /HTTP 500 .*CUDA out of memory/);
        return true;
      });
    } finally {
      await server.stop();
    }
  });

  it('fails the batch when a confidence is outside 0…1', async () => {
    const server = await startServer((_request, _body, response) => {
      response.end(JSON.stringify({ outputs: [{ name: 'confidence', shape: [3], data: [0.1, 1.5, 0.2] }] }));
    });
    try {
      await assert.rejects(inferFrom(server.url), /confidence out of range for id "b": 1\.5/);
    } finally {
      await server.stop();
    }
  });

  it('fails the batch when the response has no "confidence" output', async () => {
    const server = await startServer((_request, _body, response) => {
      response.end(JSON.stringify({ outputs: [{ name: 'score', shape: [3], data: [0.1, 0.2, 0.3] }] }));
    });
    try {
      await assert.rejects(inferFrom(server.url), /no output named "confidence"/);
    } finally {
      await server.stop();
    }
  });

  it('fails the batch when the server does not answer in time', async () => {
    const server = await startServer(() => {});
    try {
      await assert.rejects(inferFrom(server.url, 300), (error: unknown) => {
        assert.ok(error instanceof BatchFailed);
        assert.match(error.message, /timed out after 300 ms/);
        return true;
      });
    } finally {
      await server.stop();
    }
  });

  it('reports an unavailable runtime when nothing listens at the url', async () => {
    const probe = createServer();
    const port = await listen(probe);
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    await assert.rejects(inferFrom(`http://127.0.0.1:${port}`), (error: unknown) => {
      assert.ok(error instanceof RuntimeUnavailable);
      assert.match(error.message, /cannot be reached: ECONNREFUSED/);
      return true;
    });
  });
});
