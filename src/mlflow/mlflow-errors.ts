/**
 * The MLflow face's errors: every failure as `{"error_code": "<MLflow code>", "message": "…"}`
 * with the HTTP status MLflow's own server gives that code. The one place that maps modelgraph's
 * domain errors to MLflow's codes. No client error is ever a 408, 429 or 5xx: MLflow's client
 * retries those (for minutes, with backoff) and then throws their message away.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  AlreadyExists,
  type DomainError,
  Forbidden,
  LineageRetired,
  MissingReference,
  NotAMaintainer,
  NotFound,
  PromotionNeedsRequest,
  Unauthenticated,
} from '../errors.ts';
import { domainErrorOf } from '../http/error-handler.ts';

/** An MLflow error code with the status MLflow's server answers it with. */
export interface MlflowFailure {
  status: number;
  body: { error_code: string; message: string };
}

// Anything not listed (malformed requests, rule and lifecycle refusals, too large a body) is
// INVALID_PARAMETER_VALUE: MLflow has no 409 or 422 of its own, and its client only reads the code.
const CODES: [new (...args: never[]) => DomainError, string, number][] = [
  [NotFound, 'RESOURCE_DOES_NOT_EXIST', 404],
  [MissingReference, 'RESOURCE_DOES_NOT_EXIST', 404],
  // A retired lineage is gone from this face until it is created again.
  [LineageRetired, 'RESOURCE_DOES_NOT_EXIST', 404],
  [AlreadyExists, 'RESOURCE_ALREADY_EXISTS', 400],
  [Unauthenticated, 'UNAUTHENTICATED', 401],
  [Forbidden, 'PERMISSION_DENIED', 403],
  [NotAMaintainer, 'PERMISSION_DENIED', 403],
  // A governed lineage is promoted through a request of the native API: this face may not do it.
  [PromotionNeedsRequest, 'PERMISSION_DENIED', 403],
];

/** The failure a thrown value stands for; undefined for a fault of the server's own. */
export function toMlflowFailure(error: unknown): MlflowFailure | undefined {
  const domain = domainErrorOf(error);
  if (!domain) return undefined;
  const entry = CODES.find(([type]) => domain instanceof type);
  const [code, status] = entry ? [entry[1], entry[2]] : ['INVALID_PARAMETER_VALUE', 400];
  return { status, body: { error_code: code, message: domain.message } };
}

/** The error handler of the MLflow face. */
export function handleMlflowError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const failure = toMlflowFailure(error);
  if (failure) return reply.status(failure.status).send(failure.body);
  request.log.error({ err: error }, 'unhandled error in the MLflow face');
  return reply
    .status(500)
    .send({ error_code: 'INTERNAL_ERROR', message: 'the server failed to handle this request' });
}

/** The answer for a path under the prefix that is no MLflow endpoint modelgraph serves. */
export function sendEndpointNotFound(request: FastifyRequest, reply: FastifyReply) {
  return reply.status(404).send({
    error_code: 'ENDPOINT_NOT_FOUND',
    message: `modelgraph serves no MLflow endpoint ${request.method} ${request.url.split('?')[0]}`,
  });
}
