/**
 * Request and response schemas of the retraction routes (docs/api.md#retraction); the TypeScript
 * types of the handlers derive from them, and so does the OpenAPI document.
 */
import { type Static, Type } from 'typebox';
import { Nullable, VersionNumber } from '../http/schemas.ts';
import { Retracted } from '../registry/artifacts/artifact.schemas.ts';
import { MAX_REASON_LENGTH } from './core/outcome.ts';

const Reason = Type.String({ minLength: 1, maxLength: MAX_REASON_LENGTH });
const Version = Type.Optional(
  Type.Union([VersionNumber, Type.Null()], { description: 'One version; the whole artifact when absent' }),
);
const DryRun = Type.Optional(
  Type.Boolean({ description: 'Answer what it would do, and write nothing (default false)' }),
);

/** `POST /api/artifacts/{id}/retract` body. */
export const RetractBody = Type.Object(
  {
    version: Version,
    reason: Reason,
    evidence_url: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 2000,
        pattern: '^[Hh][Tt][Tt][Pp][Ss]?://',
        description: 'Where the evidence is (an http or https URL)',
      }),
    ),
    dry_run: DryRun,
  },
  { additionalProperties: false },
);
/** A parsed retract body. */
export type RetractRequest = Static<typeof RetractBody>;

/** `POST /api/artifacts/{id}/reinstate` body. */
export const ReinstateBody = Type.Object(
  { version: Version, reason: Reason, dry_run: DryRun },
  { additionalProperties: false },
);
/** A parsed reinstate body. */
export type ReinstateRequest = Static<typeof ReinstateBody>;

const AffectedModels = Type.Array(Type.String(), {
  description: 'Every model version built on the target, directly or through other model versions, sorted',
});

/** `POST /api/artifacts/{id}/retract` response. */
export const RetractResponse = Type.Object({
  artifact_id: Type.String(),
  version: Nullable(Type.Integer()),
  retracted: Retracted,
  affected_models: AffectedModels,
  flagged_edges: Type.Integer({ description: 'Active edges of the affected versions, flagged for review' }),
  dry_run: Type.Boolean(),
});
/** A retract answer as sent. */
export type RetractJson = Static<typeof RetractResponse>;

/** `POST /api/artifacts/{id}/reinstate` response. */
export const ReinstateResponse = Type.Object({
  artifact_id: Type.String(),
  version: Nullable(Type.Integer()),
  reinstated: Type.Object({
    at: Type.String({ format: 'date-time' }),
    by: Type.String(),
    reason: Type.String(),
  }),
  retraction: Retracted,
  affected_models: AffectedModels,
  restored_models: Type.Array(Type.String(), {
    description:
      'The affected versions no other retraction reaches: they lose retracted_input and get their score back',
  }),
  dry_run: Type.Boolean(),
});
/** A reinstate answer as sent. */
export type ReinstateJson = Static<typeof ReinstateResponse>;
