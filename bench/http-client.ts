/**
 * A keep-alive HTTP client for the benchmarks: one socket reused across requests (as a real
 * client would), the body read in full, and an error on any status but 200.
 */
import { Agent, type OutgoingHttpHeaders, request } from 'node:http';

/** What a request may carry besides its path: headers (a cookie, a bearer token) and a JSON body. */
export interface RequestOptions {
  headers?: OutgoingHttpHeaders;
  /** Sent as JSON with a POST; without one the request is a GET. */
  json?: unknown;
}

/** Requests from one origin over a kept-alive socket. */
export function keepAliveClient(baseUrl: string, sockets = 1) {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  const origin = new URL(baseUrl);
  return {
    /** GETs `path` (or POSTs `options.json` to it); resolves with the body's length in bytes. */
    send(path: string, options: RequestOptions = {}): Promise<number> {
      const body = options.json === undefined ? undefined : JSON.stringify(options.json);
      const method = body === undefined ? 'GET' : 'POST';
      const headers =
        body === undefined ? options.headers : { ...options.headers, 'content-type': 'application/json' };
      return new Promise((resolve, reject) => {
        const req = request(
          { host: origin.hostname, port: origin.port, path, agent, method, headers },
          (res) => {
            let bytes = 0;
            res.on('data', (chunk: Buffer) => {
              bytes += chunk.length;
            });
            res.on('end', () =>
              res.statusCode === 200
                ? resolve(bytes)
                : reject(new Error(`${method} ${path}: ${res.statusCode}`)),
            );
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    },
    close: () => agent.destroy(),
  };
}
