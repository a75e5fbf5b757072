/**
 * TypeBox schemas shared by several route modules.
 */
import { Type } from 'typebox';

/** An artifact or agent id. */
export const Id = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$' });

/** The largest value of PostgreSQL's `integer` (version numbers, offsets). */
export const INT4_MAX = 2_147_483_647;

/** A version number: 1 up to what an `integer` column holds. */
export const VersionNumber = Type.Integer({ minimum: 1, maximum: INT4_MAX });

/** An offset into a list. */
export const Offset = Type.Integer({ minimum: 0, maximum: INT4_MAX });

/** A `bigint` id or count, bounded to what a JSON number holds exactly. */
export const BigInteger = (minimum: number) => Type.Integer({ minimum, maximum: Number.MAX_SAFE_INTEGER });

/** A free JSON object (metadata, architecture, parameters, …). */
export const JsonObject = Type.Record(Type.String(), Type.Unknown());

/** `{id}` path parameters. */
export const IdParams = Type.Object({ id: Type.String() }, { additionalProperties: false });

/** The error body of every failed request (docs/errors.md). */
export const ErrorResponse = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), details: Type.Optional(Type.Unknown()) }),
});

/** Error responses documented for write routes. */
export const writeErrors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  409: ErrorResponse,
  413: ErrorResponse,
  415: ErrorResponse,
  422: ErrorResponse,
};

/** `schema` or null. */
export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

/**
 * A search-language `filter` (docs/api.md#filters). Its length and syntax are the parser's to
 * check, so every bad filter is the same 400 `invalid_filter` with a position.
 */
export const FilterParam = Type.String({
  description:
    "Comparisons joined by AND, OR, NOT and parentheses, e.g. `status != 'archived' AND (metrics.auc > 0.8 OR tags.task IN ('classification', 'ranking'))`",
});
