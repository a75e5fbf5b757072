/**
 * A real webhook receiver on loopback for the delivery suites: a node http server that records
 * every request (path, headers, body as received) and answers as the test tells it to — a status,
 * a redirect, or no answer until the test ends.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the receiver got it. */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** How the receiver answers a request: with a status (and headers, after a delay), or never. */
export type Answer = { status: number; headers?: Record<string, string>; delayMs?: number } | 'hang';

/** A running receiver. */
export interface Receiver {
  /** The base URL, `http://127.0.0.1:<port>`. */
  url: string;
  received: ReceivedRequest[];
  /** How the next requests are answered, in turn; once used up, as `otherwise` says. */
  answers: Answer[];
  /** How requests are answered when `answers` is empty (200 at once unless changed). */
  otherwise: Answer;
  close(): Promise<void>;
}

/** Starts a receiver on a free loopback port. */
export async function startReceiver(): Promise<Receiver> {
  const hanging = new Set<ServerResponse>();
  const delayed = new Set<NodeJS.Timeout>();
  const receiver: Omit<Receiver, 'url' | 'close'> = { received: [], answers: [], otherwise: { status: 200 } };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      receiver.received.push({
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const answer = receiver.answers.shift() ?? receiver.otherwise;
      if (answer === 'hang') {
        hanging.add(response);
        return;
      }
      const timer = setTimeout(() => {
        delayed.delete(timer);
        response.writeHead(answer.status, answer.headers).end();
      }, answer.delayMs ?? 0);
      delayed.add(timer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}`,
    async close() {
      // An answer still waiting for its delay is never sent, and keeps no timer alive.
      for (const timer of delayed) clearTimeout(timer);
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}

/** A loopback URL where nothing listens (a port that was free a moment ago). */
export async function deadUrl(): Promise<string> {
  const probe = await startReceiver();
  await probe.close();
  return `${probe.url}/hooks`;
}
