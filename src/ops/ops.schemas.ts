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
  runtime_sandbox: Type.Union([Type.Literal('bwrap'), Type.Literal('off'), Type.Literal('unavailable')], {
    description:
      "How process runtimes run: in the bubblewrap sandbox, unconfined by the operator's choice, or — the sandbox cannot start — only those an admin registered, unconfined",
  }),
});
