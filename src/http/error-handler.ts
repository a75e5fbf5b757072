/**
 * Turns every failure into the API's `{"error": {code, message, details?}}` with the right status.
 * Every failure is first expressed as one of the domain errors of `errors.ts` — validation,
 * body-size and database constraint errors included — so codes and statuses come from that one
 * registry; anything else is a logged 500 whose body never holds a stack trace.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import {
  AlreadyExists,
  BodyTooLarge,
  DomainError,
  InternalError,
  InvalidRequest,
  MissingReference,
  RuleViolation,
  statusOf,
  UnknownParameter,
  UnsupportedMediaType,
} from '../errors.ts';

/** The JSON body of every error response. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** A failure as status plus body. */
export interface HttpFailure {
  status: number;
  body: ErrorBody;
}

// PostgreSQL SQLSTATEs that a race past the service's own checks can still raise.
const PG_UNIQUE_VIOLATION = '23505';
const PG_FOREIGN_KEY_VIOLATION = '23503';
const PG_CHECK_VIOLATION = '23514';

type ValidationIssue = NonNullable<FastifyError['validation']>[number];

// ajv names one unknown property (query strings); TypeBox, which checks bodies, lists them all.
function unknownPropertyOf(params: Record<string, unknown>): string {
  const { additionalProperty, additionalProperties } = params as {
    additionalProperty?: string;
    additionalProperties?: string[];
  };
  return String(additionalProperty ?? additionalProperties?.[0]);
}

/**
 * The issue worth reporting. Inside a union of objects told apart by a literal field (a runtime's
 * `kind`), the branches whose literal did not match say nothing useful: the first issue of the
 * branch that matched is reported, or — when no branch matched — the literal field itself.
 */
function chooseIssue(issues: ValidationIssue[]): ValidationIssue | undefined {
  // TypeBox reports an unknown property twice; its `boolean` twin ("schema is false") says less.
  const useful = issues.filter((issue) => issue.keyword !== 'boolean' && issue.keyword !== 'anyOf');
  const branchOf = (issue: ValidationIssue) => /^(.*\/anyOf\/\d+)/.exec(issue.schemaPath)?.[1];
  const mismatched = new Set(useful.filter((issue) => issue.keyword === 'const').map(branchOf));
  if (mismatched.size === 0) return useful[0];
  const matching = useful.filter((issue) => !mismatched.has(branchOf(issue)));
  if (matching.length > 0) return matching[0];
  const literals = useful.filter((issue) => issue.keyword === 'const');
  const allowed = literals.map((issue) =>
    JSON.stringify((issue.params as { allowedValue?: unknown }).allowedValue),
  );
  return { ...literals[0], message: `must be one of ${allowed.join(', ')}` };
}

/** The allowed values of an `enum` issue (ajv's form of a union of literals in a query string), quoted. */
function allowedValuesOf(issue: ValidationIssue): string | undefined {
  const { allowedValues } = issue.params as { allowedValues?: unknown[] };
  return issue.keyword === 'enum' && allowedValues
    ? allowedValues.map((value) => JSON.stringify(value)).join(', ')
    : undefined;
}

function describeValidation(error: FastifyError): DomainError {
  const first = chooseIssue(error.validation ?? []);
  const where = error.validationContext ?? 'request';
  if (first?.keyword === 'additionalProperties') {
    const name = unknownPropertyOf(first.params);
    return where === 'querystring'
      ? new UnknownParameter(`unknown query parameter '${name}'`, { parameter: name })
      : new InvalidRequest(`unknown field '${name}' in the ${where}`, { field: name });
  }
  if (where === 'body' && !first?.instancePath && first?.keyword === 'type') {
    // An empty body, `null`, or text where the route reads an object or a list.
    const expected = (first.params as { type?: string }).type ?? 'object';
    return new InvalidRequest(
      `the body must be a JSON ${expected === 'array' ? 'array' : 'object'}, sent with Content-Type: application/json`,
      { in: where },
    );
  }
  const path = first?.instancePath ? first.instancePath.slice(1).replaceAll('/', '.') : where;
  const allowed = first && allowedValuesOf(first);
  const message = allowed ? `must be one of ${allowed}` : (first?.message ?? 'is invalid');
  return new InvalidRequest(`${path} ${message}`, { in: where });
}

/**
 * The domain error a thrown value stands for, or undefined for a fault of the server's own. The
 * MLflow face maps the same domain errors to MLflow's codes.
 */
export function domainErrorOf(
  error: unknown,
  request?: Pick<FastifyRequest, 'headers'>,
): DomainError | undefined {
  if (error instanceof DomainError) return error;
  const fastifyError = error as FastifyError & { cause?: { code?: string; detail?: string } };
  if (fastifyError.validation) return describeValidation(fastifyError);
  if (fastifyError.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    const sent = request?.headers['content-type'];
    return new UnsupportedMediaType(
      `the request has a body ${sent ? `of content-type ${sent}` : 'but no content-type'}: send JSON with the header content-type: application/json`,
      { content_type: sent ?? null },
    );
  }
  if (fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return new BodyTooLarge('the request body is larger than the server accepts');
  }
  // The body parser's refusals, in words that say what to change.
  if (fastifyError.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH') {
    return new InvalidRequest(
      'the body is not as long as its Content-Length header says: send the exact length of the body',
      { in: 'body' },
    );
  }
  const sqlState = fastifyError.cause?.code ?? fastifyError.code;
  if (sqlState === PG_UNIQUE_VIOLATION) return new AlreadyExists('a record with this id already exists');
  if (sqlState === PG_FOREIGN_KEY_VIOLATION) {
    return new MissingReference('the request refers to something that does not exist');
  }
  if (sqlState === PG_CHECK_VIOLATION) return new RuleViolation('the request breaks a data rule');
  const status = fastifyError.statusCode;
  if (status && status >= 400 && status < 500) return new InvalidRequest(fastifyError.message);
  return undefined;
}

/** Maps any thrown value to the status and error body the client receives (undefined: a 500). */
export function toHttpFailure(
  error: unknown,
  request?: Pick<FastifyRequest, 'headers'>,
): HttpFailure | undefined {
  const domain = domainErrorOf(error, request);
  if (!domain) return undefined;
  const body = { code: domain.code, message: domain.message };
  return {
    status: statusOf(domain),
    body: { error: domain.details === undefined ? body : { ...body, details: domain.details } },
  };
}

/** The Fastify error handler: known failures as-is, the rest as a logged 500. */
export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const known = toHttpFailure(error, request);
  if (known) return reply.status(known.status).send(known.body);
  request.log.error({ err: error }, 'unhandled error');
  const failure = toHttpFailure(new InternalError('the server failed to handle this request')) as HttpFailure;
  return reply.status(failure.status).send(failure.body);
}
