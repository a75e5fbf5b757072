/**
 * The description and tag forms of the lineage and model pages. The forms post
 * `application/x-www-form-urlencoded`, so every field arrives as text.
 */
import { Type } from 'typebox';
import { Id } from '../../http/schemas.ts';
import { MAX_TAG_VALUE } from '../../registry/core/lineage.ts';
import { TagKey } from '../../registry/models/tag.schemas.ts';

/** `POST …/description`: the whole Markdown text (empty clears it). */
export const DescriptionForm = Type.Object(
  { description: Type.String({ maxLength: 100_000 }) },
  { additionalProperties: false },
);

/** `POST …/tags`: a key and its value. */
export const TagForm = Type.Object(
  { key: TagKey, value: Type.String({ maxLength: MAX_TAG_VALUE }) },
  { additionalProperties: false },
);

/** `{model_name}` of a lineage's forms, and `{key}` of its tag's remove button. */
export const LineageFormParams = Type.Object(
  { model_name: Id, key: Type.Optional(TagKey) },
  { additionalProperties: false },
);

/** `{id}` of a version's forms, and `{key}` of its tag's remove button. */
export const ModelFormParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 300 }), key: Type.Optional(TagKey) },
  { additionalProperties: false },
);
