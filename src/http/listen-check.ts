/**
 * Whether the server can listen where it was told to (`PORT`, `HOST`, or `serve --port/--host`),
 * asked before the store is opened so that a port in use fails fast and holds nothing; and the
 * one sentence for a listen that failed, naming the setting to change.
 */
import { createServer } from 'node:net';

/** The server cannot listen at the configured address; the message names the setting to change. */
export class CannotListen extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CannotListen';
  }
}

/** The sentence for a failed listen on `host:port`. */
export function cannotListen(error: unknown, host: string, port: number): CannotListen {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EADDRINUSE':
      return new CannotListen(
        `port ${port} on ${host} is in use by another program: set PORT (or serve --port) to a free port, or stop that program`,
      );
    case 'EACCES':
      return new CannotListen(
        `this user may not listen on port ${port}: set PORT (or serve --port) to a port above 1023`,
      );
    case 'EADDRNOTAVAIL':
      return new CannotListen(
        `${host} is not an address of this machine: set HOST (or serve --host) to one of its addresses, such as 127.0.0.1 or 0.0.0.0`,
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new CannotListen(
        `the host name ${host} cannot be resolved: set HOST (or serve --host) to an address of this machine, such as 127.0.0.1`,
      );
    default:
      return new CannotListen(
        `cannot listen on ${host}:${port} (${code ?? (error as Error).message}): check PORT and HOST (or serve --port and --host)`,
      );
  }
}

/** Resolves when `host:port` can be listened on (then lets it go again); throws `CannotListen` otherwise. */
export function assertCanListen(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error) => reject(cannotListen(error, host, port)));
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  });
}
