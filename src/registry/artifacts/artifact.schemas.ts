/**
 * Request and response schemas of the artifact routes; the TypeScript types derive from them.
 */
import { Type } from 'typebox';
import { Id, JsonObject, Nullable, VersionNumber } from '../../http/schemas.ts';

const ArtifactType = Type.Enum(['dataset', 'analysis', 'hypothesis', 'benchmark', 'model']);
const LinkType = Type.Enum(['trained_on', 'produced_by', 'tests_hypothesis', 'input', 'derived_from']);
const Digest = Type.String({ minLength: 1, maxLength: 200 });
const Uri = Type.String({ minLength: 1, maxLength: 2000 });

/** `POST /api/artifacts` body. */
export const CreateArtifactBody = Type.Object(
  {
    id: Type.Optional(Id),
    type: ArtifactType,
    title: Type.String({ minLength: 1, maxLength: 500 }),
    metadata: Type.Optional(JsonObject),
    version: Type.Optional(
      Type.Object(
        { digest: Type.Optional(Digest), uri: Type.Optional(Uri) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

/** `POST /api/artifacts/{id}/versions` body. */
export const CreateVersionBody = Type.Object(
  { digest: Type.Optional(Digest), uri: Type.Optional(Uri), metadata: Type.Optional(JsonObject) },
  { additionalProperties: false },
);

/** `POST /api/links` body. */
export const CreateLinkBody = Type.Object(
  {
    source_id: Id,
    target_id: Id,
    link_type: LinkType,
    target_version: Type.Optional(Nullable(VersionNumber)),
  },
  { additionalProperties: false },
);

/** One artifact version. */
export const ArtifactVersion = Type.Object({
  artifact_id: Type.String(),
  version_number: Type.Integer(),
  digest: Nullable(Type.String()),
  uri: Nullable(Type.String()),
  metadata: JsonObject,
  created_by: Type.String(),
  created_at: Type.String({ format: 'date-time' }),
});

/** One link. */
export const Link = Type.Object({
  id: Type.Integer(),
  source_id: Type.String(),
  target_id: Type.String(),
  link_type: Type.String(),
  target_version: Nullable(Type.Integer()),
  created_by: Type.String(),
  created_at: Type.String({ format: 'date-time' }),
});

/** A retraction where something is retracted: when, by whom, why and on what evidence. */
export const Retracted = Type.Object({
  at: Type.String({ format: 'date-time' }),
  by: Type.String(),
  reason: Type.String(),
  evidence_url: Nullable(Type.String()),
});

/** One retraction of an artifact's history: the version it named (null: the whole artifact) and its end. */
export const RetractionEntry = Type.Intersect([
  Type.Object({ id: Type.Integer(), version: Nullable(Type.Integer()) }),
  Retracted,
  Type.Object({
    reinstated: Nullable(
      Type.Object({ at: Type.String({ format: 'date-time' }), by: Type.String(), reason: Type.String() }),
    ),
  }),
]);

/** An artifact with its versions, links in both directions, and retractions. */
export const ArtifactDetail = Type.Object({
  id: Type.String(),
  type: Type.String(),
  title: Type.String(),
  metadata: JsonObject,
  created_by: Type.String(),
  created_at: Type.String({ format: 'date-time' }),
  retracted: Type.Union([Retracted, Type.Null()], {
    description: 'The retraction of the whole artifact in force, or null',
  }),
  versions: Type.Array(
    Type.Intersect([
      ArtifactVersion,
      Type.Object({
        retracted: Type.Union([Retracted, Type.Null()], {
          description:
            "The retraction in force that covers the version (its own, else the whole artifact's), or null",
        }),
      }),
    ]),
  ),
  retractions: Type.Array(RetractionEntry, {
    description: 'Every retraction, in force or ended, oldest first',
  }),
  links: Type.Array(
    Type.Intersect([
      Link,
      Type.Object({
        direction: Type.Union([Type.Literal('out'), Type.Literal('in')]),
        other: Type.Object({ id: Type.String(), type: Type.String(), title: Type.String() }),
      }),
    ]),
  ),
});
