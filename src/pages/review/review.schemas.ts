/**
 * Request schemas of the review queue page and its forms (`/kg/review`, `/kg/session`,
 * `/kg/edges/{id}/review`). The forms post `application/x-www-form-urlencoded`, so every field
 * arrives as text.
 */
import { type Static, Type } from 'typebox';
import { Offset } from '../../http/schemas.ts';
import { REVIEW_REASONS } from '../../kg/core/edge.ts';
import { LocalPath } from '../shared/action-reply.ts';

/** The number of flagged edges a page shows unless `limit` says otherwise. */
export const REVIEW_PAGE_SIZE = 20;

/** `GET /kg/review` query: offset pagination, one review reason, one source version, and the flash message of the last action. */
export const ReviewPageQuery = Type.Object(
  {
    limit: Type.Integer({ minimum: 1, maximum: 200, default: REVIEW_PAGE_SIZE }),
    offset: Type.Integer({ ...Offset, default: 0 }),
    reason: Type.Optional(Type.Enum(REVIEW_REASONS)),
    source_artifact_id: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    done: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
/** A parsed `GET /kg/review` query. */
export type ReviewPageRequest = Static<typeof ReviewPageQuery>;

/**
 * `POST /kg/session` form: the bearer token to keep, and the page to go back to (a path of this
 * site: one leading slash, never two, so a form cannot send the browser elsewhere).
 */
export const SignInForm = Type.Object(
  {
    token: Type.String({ minLength: 1, maxLength: 500 }),
    next: Type.Optional(LocalPath),
  },
  { additionalProperties: false },
);

/** `POST /kg/session/logout` form: the page to go back to (the review queue when absent). */
export const SignOutForm = Type.Object({ next: Type.Optional(LocalPath) }, { additionalProperties: false });

/** `POST /kg/edges/{id}/review` form: which submit button was pressed, and the optional note. */
export const ReviewForm = Type.Object(
  {
    // An enum rather than a union of literals: its validation message names the allowed values.
    decision: Type.Enum(['keep', 'retract']),
    note: Type.Optional(Type.String({ maxLength: 5000 })),
  },
  { additionalProperties: false },
);
