/**
 * The request log: one structured line per request, written when the answer has gone out, with
 * what an operator looks for — method, URL, status, duration and the request id (the child
 * logger's `reqId`) — and the error when the response failed. Fastify's default writes two lines
 * per request ("incoming request" and "request completed"), each through the synchronous stdout
 * destination: the second half of that write cost bought nothing the completed line does not say
 * (docs/decisions.md, "One log line per request").
 */
import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';

/** Fastify's log controller with the incoming-request line dropped and the completed line reshaped. */
export class OneLinePerRequest extends LogController {
  /** Nothing: the completed line carries the method and URL too. */
  override incomingRequest(): void {}

  /** The request's one line: `info` when answered below 500, `error` (with `err`) otherwise. */
  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const line = {
      method: request.method,
      url: request.url,
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 100) / 100,
    };
    if (error) reply.log.error({ ...line, err: error }, 'request failed');
    else if (reply.statusCode >= 500) reply.log.error(line, 'request answered with a server error');
    else reply.log.info(line, 'request');
  }
}
