/**
 * A keep-alive HTTP client for the benchmarks: one socket reused across requests (as a real
 * client would), the body read in full, and an error on any status but 200.
 */
import { Agent, request } from 'node:http';

/** GETs from one origin over a kept-alive socket. */
export function httpGetter(baseUrl: string, sockets = 1) {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  const origin = new URL(baseUrl);
  return {
    /** GETs `path`; resolves with the body's length in bytes. */
    get(path: string): Promise<number> {
      return new Promise((resolve, reject) => {
        const req = request({ host: origin.hostname, port: origin.port, path, agent }, (res) => {
          let bytes = 0;
          res.on('data', (chunk: Buffer) => {
            bytes += chunk.length;
          });
          res.on('end', () =>
            res.statusCode === 200 ? resolve(bytes) : reject(new Error(`GET ${path}: ${res.statusCode}`)),
          );
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end();
      });
    },
    close: () => agent.destroy(),
  };
}
