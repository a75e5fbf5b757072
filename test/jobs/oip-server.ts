/**
 * A small, real Open Inference Protocol (KServe v2) server for job tests, on 127.0.0.1 and a free
 * port. It answers `POST /v2/models/{model}/infer` by reading each BYTES item of the `inputs`
 * input as JSON and returning its `confidence` field, fails with 500, or never answers.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the server behaves. */
export type OipMode = 'answer' | 'fail' | 'hang';

/** One request the server received. */
export interface OipRequest {
  method: string;
  url: string;
  body: { inputs?: { name: string; shape: number[]; datatype: string; data: string[] }[] };
}

/** A running server: its base URL, what it received, and `stop()`. */
export interface OipServer {
  url: string;
  requests: OipRequest[];
  stop(): Promise<void>;
}

function answer(model: string, body: OipRequest['body']) {
  const data = (body.inputs?.find((input) => input.name === 'inputs')?.data ?? []).map(
    (item) => (JSON.parse(item) as { confidence: number }).confidence,
  );
  return {
    model_name: model,
    outputs: [{ name: 'confidence', datatype: 'FP64', shape: [data.length], data }],
  };
}

/** Starts a server for `model` in the given mode. */
export async function startOipServer(model: string, mode: OipMode): Promise<OipServer> {
  const requests: OipRequest[] = [];
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    requests.push({ method: request.method ?? '', url: request.url ?? '', body });
    if (mode === 'hang') return;
    if (mode === 'fail' || request.url !== `/v2/models/${model}/infer`) {
      response.writeHead(mode === 'fail' ? 500 : 404, { 'content-type': 'text/plain' });
      response.end(mode === 'fail' ? 'model crashed: CUDA out of memory' : 'no such model');
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(answer(model, body)));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    async stop() {
      // A hanging handler keeps its socket open; close it so the server can stop.
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
