/**
 * Request and response schemas of the lineage routes (docs/api.md#lineages-aliases-tags-and-maintainers).
 */
import { type Static, Type } from 'typebox';
import { FilterParam, Id, Nullable, Offset, VersionNumber } from '../../http/schemas.ts';
import { TIMELINE_KINDS } from '../core/history.ts';
import { ALIAS_PATTERN } from '../core/lineage.ts';
import { PolicyJson } from '../lineages/policy.schemas.ts';
import { ModelListItem } from './model.schemas.ts';
import { TagFilterParam, TagKey } from './tag.schemas.ts';

/** `{model_name}` path parameters. */
export const LineageParams = Type.Object({ model_name: Id }, { additionalProperties: false });

/** `{model_name, agent_id}` path parameters. */
export const MaintainerParams = Type.Object(
  { model_name: Id, agent_id: Id },
  { additionalProperties: false },
);

/** `{model_name, alias}` path parameters. */
export const AliasParams = Type.Object(
  { model_name: Id, alias: Type.String({ pattern: ALIAS_PATTERN }) },
  { additionalProperties: false },
);

/** `{model_name, key}` path parameters. */
export const LineageTagParams = Type.Object({ model_name: Id, key: TagKey }, { additionalProperties: false });

/** A lineage's maintainers. */
export const MaintainersJson = Type.Object({
  model_name: Type.String(),
  maintainers: Type.Array(Type.String()),
});

/** A lineage as a resource. */
export const LineageJson = Type.Object({
  model_name: Type.String(),
  description: Type.String(),
  latest: Nullable(Type.String()),
  promoted: Nullable(Type.String()),
  versions: Type.Integer(),
  aliases: Type.Record(Type.String(), Type.String()),
  tags: Type.Record(Type.String(), Type.String()),
  maintainers: Type.Array(Type.String()),
  policy: PolicyJson,
  created_at: Type.String({ format: 'date-time' }),
  updated_at: Type.String({ format: 'date-time' }),
});
/** A lineage as sent. */
export type LineageJsonType = Static<typeof LineageJson>;

/** `GET /api/lineages/{model_name}`: the lineage with its versions as list items, oldest first. */
export const LineageDetailJson = Type.Intersect([
  Type.Omit(LineageJson, ['versions']),
  Type.Object({
    versions: Type.Array(ModelListItem),
    as_of: Type.Optional(
      Type.String({ description: 'the moment the lineage is shown as of, when `as_of` was asked' }),
    ),
  }),
]);

const asOf = (what: string) =>
  Type.String({
    minLength: 1,
    maxLength: 64,
    description: `${what} at this moment (ISO 8601: 2026-04-05, 2026-04-05T12:00:00Z; no offset means UTC)`,
  });

/** `GET /api/lineages/{model_name}` query. */
export const LineageQuery = Type.Object(
  { as_of: Type.Optional(asOf('Show the lineage as it stood')) },
  { additionalProperties: false },
);

/** `GET /api/models/{id}` query: `as_of` resolves `<model_name>@<alias>` as the alias stood then. */
export const ModelAsOfQuery = Type.Object(
  {
    as_of: Type.Optional(
      asOf('Resolve `<model_name>@<alias>` as the alias stood (404 alias_not_set when it named none)'),
    ),
  },
  { additionalProperties: false },
);

/** `GET /api/lineages/{model_name}/timeline` query. */
export const TimelineQuery = Type.Object(
  {
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  },
  { additionalProperties: false },
);

/** One entry of a lineage's timeline. */
export const TimelineEntryJson = Type.Object({
  at: Type.String({
    description: 'UTC, with microseconds: as `as_of`, it shows the lineage right after the entry',
  }),
  kind: Type.Enum(TIMELINE_KINDS),
  version_id: Nullable(Type.String()),
  alias: Type.Optional(Type.String()),
  from: Type.Optional(Nullable(Type.String())),
  to: Type.Optional(Nullable(Type.String())),
  actor: Type.String(),
  reason: Type.Optional(Type.String()),
  request_id: Type.Optional(Type.Integer()),
});

/** `GET /api/lineages/{model_name}/timeline` response. */
export const TimelineJson = Type.Object({
  entries: Type.Array(TimelineEntryJson),
  next_cursor: Nullable(Type.String()),
});

/** `GET /api/lineages` query. */
export const ListLineagesQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    tag: Type.Optional(TagFilterParam),
    filter: Type.Optional(FilterParam),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
    offset: Type.Optional(Offset),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  },
  { additionalProperties: false },
);

/** `GET /api/lineages` response. */
export const LineageListJson = Type.Object({
  lineages: Type.Array(LineageJson),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
  next_cursor: Nullable(Type.String()),
});

/** `PATCH /api/lineages/{model_name}` body. */
export const PatchLineageBody = Type.Object(
  { description: Type.String({ maxLength: 100_000 }) },
  { additionalProperties: false },
);

/** `PUT /api/lineages/{model_name}/aliases/{alias}` body. */
export const SetAliasBody = Type.Object(
  { version_number: VersionNumber, protected: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);

/** An alias as sent. */
export const AliasJson = Type.Object({
  alias: Type.String(),
  model_name: Type.String(),
  version_id: Type.String(),
  version_number: Type.Integer(),
  protected: Type.Boolean(),
});
