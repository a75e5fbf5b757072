/**
 * The wire shapes of the operations endpoints.
 */
import { Type } from 'typebox';

/** `GET /api/health`. */
export const HealthSchema = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  store: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
  primary: Type.Union([Type.Literal('ok'), Type.Literal('down')]),
  replica: Type.Union([Type.Literal('ok'), Type.Literal('down'), Type.Literal('none')]),
  replica_lag_ms: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
});
