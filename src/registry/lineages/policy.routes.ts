/**
 * A lineage's promotion policy over HTTP (docs/api.md#governed-promotion): `GET` it (the defaults when
 * none was set) and `PUT` it (admin).
 */

import { Type } from 'typebox';
import type { App, RouteDeps } from '../../http/route-deps.ts';
import { ErrorResponse, Id, writeErrors } from '../../http/schemas.ts';
import { runInUnit } from '../../unit-of-work.ts';
import { policyFromJson, policyToJson } from '../core/policy.ts';
import { PolicyJson, SetPolicyBody } from './policy.schemas.ts';
import { getPolicy, setPolicy } from './policy.service.ts';

const PolicyParams = Type.Object({ model_name: Id }, { additionalProperties: false });

/** Registers the policy routes. */
export function registerPolicyRoutes(app: App, deps: RouteDeps) {
  const tags = ['lineages'];
  app.get(
    '/api/lineages/:model_name/policy',
    {
      schema: {
        tags,
        summary: "The lineage's promotion policy (the defaults when none was set: a direct promotion)",
        params: PolicyParams,
        response: { 200: PolicyJson, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => policyToJson(await getPolicy(deps, request.params.model_name)),
  );

  app.put(
    '/api/lineages/:model_name/policy',
    {
      schema: {
        tags,
        summary: "Set the lineage's promotion policy: approvals and evidence a promotion needs (admin)",
        security: [{ bearer: [] }],
        params: PolicyParams,
        body: SetPolicyBody,
        response: { 200: PolicyJson, 404: ErrorResponse, ...writeErrors },
      },
    },
    async (request) => {
      const caller = await deps.authenticate(request);
      const policy = policyFromJson(request.body);
      const modelName = request.params.model_name;
      return policyToJson(
        await runInUnit(deps, (unit) => setPolicy(deps, { unit, caller, modelName, policy })),
      );
    },
  );
}
