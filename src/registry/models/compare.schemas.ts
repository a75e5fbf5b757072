/**
 * Request and response schemas of `GET /api/models/compare` (docs/api.md#compare).
 */
import { type Static, Type } from 'typebox';
import { Nullable } from '../../http/schemas.ts';
import { ModelListItem } from './model.schemas.ts';

/** `GET /api/models/compare` query. */
export const CompareQuery = Type.Object(
  { ids: Type.String({ minLength: 1 }) },
  { additionalProperties: false },
);

const Dag = Type.Object({
  nodes: Type.Array(Type.Object({ id: Type.String(), type: Type.String(), title: Type.String() })),
  edges: Type.Array(
    Type.Object({
      from: Type.String(),
      to: Type.String(),
      link_type: Type.String(),
      version: Nullable(Type.Integer()),
    }),
  ),
});
const Overlap = {
  shared: Type.Array(Type.String()),
  unique: Type.Record(Type.String(), Type.Array(Type.String())),
};

/** `GET /api/models/compare` response. */
export const CompareResponse = Type.Object({
  models: Type.Array(ModelListItem),
  metadata_diff: Type.Array(
    Type.Object({
      field: Type.String(),
      values: Type.Record(Type.String(), Type.Unknown()),
      differs: Type.Boolean(),
    }),
  ),
  metrics: Type.Array(
    Type.Object({
      metric: Type.String(),
      values: Type.Record(Type.String(), Nullable(Type.Number())),
      direction: Type.Union([
        Type.Literal('lower_is_better'),
        Type.Literal('higher_is_better'),
        Type.Literal('unknown'),
      ]),
      best: Nullable(Type.String()),
    }),
  ),
  training_data: Type.Object({ ...Overlap, jaccard: Nullable(Type.Number()) }),
  inputs: Type.Object(Overlap),
  provenance: Type.Record(
    Type.String(),
    Type.Object({ complete: Type.Boolean(), missing: Type.Array(Type.String()), dag: Dag }),
  ),
  warnings: Type.Array(
    Type.Object({
      code: Type.String(),
      message: Type.String(),
      ids: Type.Array(Type.String()),
      eval_datasets: Type.Record(Type.String(), Nullable(Type.String())),
    }),
  ),
});
/** A comparison as sent. */
export type CompareJson = Static<typeof CompareResponse>;
