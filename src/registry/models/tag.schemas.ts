/**
 * Schemas of tags and tag filters (docs/concepts.md#aliases-and-tags).
 */
import { Type } from 'typebox';
import { MAX_TAG_VALUE, TAG_KEY_PATTERN } from '../core/lineage.ts';

/** A tag key. */
export const TagKey = Type.String({ pattern: TAG_KEY_PATTERN });

/** `tag=key:value` or `tag=key`, repeatable, all must hold. */
export const TagFilterParam = Type.Array(Type.String({ minLength: 1, maxLength: MAX_TAG_VALUE + 130 }), {
  maxItems: 20,
  description: 'key:value (split at the first colon) matches that value; key alone matches any value',
});

/** `PUT …/tags/{key}` body. */
export const SetTagBody = Type.Object(
  { value: Type.String({ maxLength: MAX_TAG_VALUE }) },
  { additionalProperties: false },
);

/** `PUT …/tags/{key}` response: the tag as set and the value it replaced. */
export const TagChangeJson = Type.Object({
  key: Type.String(),
  value: Type.Union([Type.String(), Type.Null()]),
  previous: Type.Union([Type.String(), Type.Null()]),
});
