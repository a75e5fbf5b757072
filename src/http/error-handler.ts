/**
 * Turns every failure into SPEC §2's `{"error": {code, message, details?}}` with the right status.
 * Domain errors carry their code; validation, body-size and database constraint errors are mapped
 * here; anything else is a logged 500 whose body never holds a stack trace.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, statusOf } from '../errors.ts';

/** The JSON body of every error response. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** A failure as status plus body. */
export interface HttpFailure {
  status: number;
  body: ErrorBody;
}

const failure = (status: number, code: string, message: string, details?: unknown): HttpFailure => ({
  status,
  body: { error: details === undefined ? { code, message } : { code, message, details } },
});

// PostgreSQL SQLSTATEs that a race past the service's own checks can still raise.
const PG_UNIQUE_VIOLATION = '23505';
const PG_FOREIGN_KEY_VIOLATION = '23503';
const PG_CHECK_VIOLATION = '23514';

// ajv names one unknown property (query strings); TypeBox, which checks bodies, lists them all.
function unknownPropertyOf(params: Record<string, unknown>): string {
  const { additionalProperty, additionalProperties } = params as {
    additionalProperty?: string;
    additionalProperties?: string[];
  };
  return String(additionalProperty ?? additionalProperties?.[0]);
}

function describeValidation(error: FastifyError): HttpFailure {
  // TypeBox reports an unknown property twice; its `boolean` twin ("schema is false") says less.
  const [first] = (error.validation ?? []).filter((issue) => issue.keyword !== 'boolean');
  const where = error.validationContext ?? 'request';
  if (first?.keyword === 'additionalProperties') {
    const name = unknownPropertyOf(first.params);
    return where === 'querystring'
      ? failure(400, 'unknown_parameter', `unknown query parameter '${name}'`, { parameter: name })
      : failure(400, 'invalid_request', `unknown field '${name}' in the ${where}`, { field: name });
  }
  const path = first?.instancePath ? first.instancePath.slice(1).replaceAll('/', '.') : where;
  return failure(400, 'invalid_request', `${path} ${first?.message ?? 'is invalid'}`, { in: where });
}

/** Maps any thrown value to the status and error body the client receives. */
export function toHttpFailure(error: unknown): HttpFailure | undefined {
  if (error instanceof DomainError) return failure(statusOf(error), error.code, error.message, error.details);
  const fastifyError = error as FastifyError & { cause?: { code?: string; detail?: string } };
  if (fastifyError.validation) return describeValidation(fastifyError);
  if (fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return failure(413, 'body_too_large', 'the request body is larger than the server accepts');
  }
  const sqlState = fastifyError.cause?.code ?? fastifyError.code;
  if (sqlState === PG_UNIQUE_VIOLATION)
    return failure(409, 'already_exists', 'a record with this id already exists');
  if (sqlState === PG_FOREIGN_KEY_VIOLATION) {
    return failure(422, 'missing_reference', 'the request refers to something that does not exist');
  }
  if (sqlState === PG_CHECK_VIOLATION)
    return failure(422, 'rule_violation', 'the request breaks a data rule');
  const status = fastifyError.statusCode;
  if (status && status >= 400 && status < 500) return failure(400, 'invalid_request', fastifyError.message);
  return undefined;
}

/** The Fastify error handler: known failures as-is, the rest as a logged 500. */
export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const known = toHttpFailure(error);
  if (known) return reply.status(known.status).send(known.body);
  request.log.error({ err: error }, 'unhandled error');
  return reply
    .status(500)
    .send(failure(500, 'internal_error', 'the server failed to handle this request').body);
}
