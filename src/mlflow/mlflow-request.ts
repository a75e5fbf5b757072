/**
 * Reading MLflow requests: GET parameters from the query string (repeated keys for lists), POST,
 * PATCH and DELETE parameters from a JSON body. Unknown fields are ignored — clients of different
 * MLflow versions send different optional ones — but a known field of the wrong type, or a required
 * one missing or empty, is MLflow's `INVALID_PARAMETER_VALUE`.
 */
import type { FastifyRequest } from 'fastify';
import { InvalidRequest } from '../errors.ts';
import { ID_PATTERN, isValidId } from '../registry/core/artifact-id.ts';

/** The parameters of a request, by name. */
export type Params = Record<string, unknown>;

/** The query string of a GET, or the JSON body of any other method. */
export function paramsOf(request: FastifyRequest): Params {
  const source = request.method === 'GET' ? request.query : request.body;
  if (source === undefined || source === null) return {};
  if (typeof source !== 'object' || Array.isArray(source)) {
    throw new InvalidRequest('the request body must be a JSON object');
  }
  return source as Params;
}

function firstOf(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

/** An optional string parameter (a repeated query key gives its first value). */
export function optionalString(params: Params, name: string): string | undefined {
  const value = firstOf(params[name]);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    throw new InvalidRequest(
      `Invalid value ${JSON.stringify(value)} for parameter '${name}': it must be a string`,
    );
  }
  return value;
}

/** A required, non-empty string parameter. */
export function requiredString(params: Params, name: string): string {
  const value = optionalString(params, name);
  if (value === undefined || value === '')
    throw new InvalidRequest(`Missing value for required parameter '${name}'.`);
  return value;
}

/**
 * A registered-model name: required, and a valid `model_name` (an id), since version ids are made from it.
 */
export function modelNameOf(params: Params): string {
  const name = requiredString(params, 'name');
  if (!isValidId(name)) {
    throw new InvalidRequest(
      `Invalid model name '${name}': modelgraph model names must match ${ID_PATTERN}.`,
    );
  }
  return name;
}

/** A version number, sent as a string of digits (numbers are accepted too). */
export function versionOf(params: Params, name = 'version'): number {
  const raw = firstOf(params[name]);
  if (raw === undefined || raw === null || raw === '') {
    throw new InvalidRequest(`Missing value for required parameter '${name}'.`);
  }
  const text = String(raw);
  if (!/^[1-9][0-9]{0,8}$/.test(text)) {
    throw new InvalidRequest(`Parameter '${name}' must be a positive integer, got '${text}'.`);
  }
  return Number(text);
}

/** An optional boolean parameter. */
export function optionalBoolean(params: Params, name: string): boolean | undefined {
  const value = firstOf(params[name]);
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new InvalidRequest(
    `Invalid value ${JSON.stringify(value)} for parameter '${name}': it must be a boolean`,
  );
}

/** A list parameter: repeated query keys, or a JSON array of strings. */
export function stringList(params: Params, name: string): string[] {
  const value = params[name];
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  if (!list.every((item) => typeof item === 'string')) {
    throw new InvalidRequest(`Invalid value for parameter '${name}': it must be a list of strings`);
  }
  return list;
}

/** `max_results`: an integer from 1 to `max`, `fallback` when absent. */
export function maxResultsOf(params: Params, fallback: number, max: number): number {
  const raw = firstOf(params.max_results);
  if (raw === undefined || raw === null || raw === '') return fallback;
  const text = String(raw);
  const value = Number(text);
  if (!/^\d{1,10}$/.test(text) || value < 1 || value > max) {
    throw new InvalidRequest(
      `Invalid value ${JSON.stringify(raw)} for parameter 'max_results': it must be 1 to ${max}.`,
    );
  }
  return value;
}

/** `tags`: MLflow's list of `{key, value}` objects as a record (a later duplicate key wins). */
export function tagsOf(params: Params): Record<string, string> {
  const value = params.tags;
  if (value === undefined || value === null) return {};
  if (!Array.isArray(value))
    throw new InvalidRequest("Invalid value for parameter 'tags': it must be a list");
  const tags: Record<string, string> = {};
  for (const tag of value) {
    const entry = (tag ?? {}) as Params;
    tags[requiredString(entry, 'key')] = optionalString(entry, 'value') ?? '';
  }
  return tags;
}
