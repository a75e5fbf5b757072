/**
 * A lineage's promotion policy (docs/concepts.md#governed-promotion): set by `admin`, read by the
 * lineage resource, by the promotion command (which refuses a direct promotion of a governed
 * lineage) and by the promotion requests (their approvals and checks).
 */
import { assertScope, type Caller } from '../../caller.ts';
import { type Db, lockKey } from '../../db/database.ts';
import type { Deps, Unit } from '../../deps.ts';
import { NotFound } from '../../errors.ts';
import { logEvent } from '../../events/event.service.ts';
import { DEFAULT_POLICY, type PromotionPolicy, policyToJson } from '../core/policy.ts';
import { lineageExists } from './lineage.repository.ts';
import { findLineageRights, findPolicies, upsertPolicy } from './policy.repository.ts';

/** The policies of the listed lineages (the defaults for one that never set any), by name. */
export async function getPolicies(db: Db, modelNames: string[]): Promise<Map<string, PromotionPolicy>> {
  const set = await findPolicies(db, modelNames);
  return new Map(modelNames.map((name) => [name, set.get(name) ?? { ...DEFAULT_POLICY }]));
}

/** The policy of a lineage known to exist (the defaults when it never set one). */
export async function policyOfLineage(db: Db, modelName: string): Promise<PromotionPolicy> {
  return (await getPolicies(db, [modelName])).get(modelName) as PromotionPolicy;
}

/** A lineage's policy; 404 when the lineage does not exist. */
export async function getPolicy(deps: Pick<Deps, 'db'>, modelName: string): Promise<PromotionPolicy> {
  if (!(await lineageExists(deps.db, modelName))) throw new NotFound(`lineage '${modelName}' does not exist`);
  return policyOfLineage(deps.db, modelName);
}

/**
 * Who maintains a lineage and its policy (the defaults when it never set one), read at once for a
 * page that offers the actions they allow; 404 when the lineage does not exist.
 */
export async function getLineageRights(
  deps: Pick<Deps, 'db'>,
  modelName: string,
): Promise<{ maintainers: string[]; policy: PromotionPolicy }> {
  const rights = await findLineageRights(deps.db, modelName);
  if (!rights) throw new NotFound(`lineage '${modelName}' does not exist`);
  return { maintainers: rights.maintainers, policy: rights.policy ?? { ...DEFAULT_POLICY } };
}

/** A policy to set. */
export interface SetPolicyProps {
  unit: Unit;
  /** Only `admin` sets policies. */
  caller: Caller;
  modelName: string;
  /** The whole policy: a set replaces the one before. */
  policy: PromotionPolicy;
}

/**
 * Sets a lineage's policy under its lock (so a promotion or an approval running at the same time
 * reads the policy before or after, never half of it) and logs `promotion_policy_set` with the
 * policy before and after. Returns the policy.
 */
export async function setPolicy(_deps: Deps, props: SetPolicyProps): Promise<PromotionPolicy> {
  const { unit, caller, modelName, policy } = props;
  assertScope(caller, 'admin');
  if (!(await lineageExists(unit.tx, modelName))) throw new NotFound(`lineage '${modelName}' does not exist`);
  await lockKey(unit.tx, `lineage:${modelName}`);
  const previous = await policyOfLineage(unit.tx, modelName);
  await upsertPolicy(unit.tx, modelName, policy, caller.agentId);
  await logEvent(unit, {
    eventType: 'promotion_policy_set',
    targetArtifactId: modelName,
    actor: caller.agentId,
    detectionMetadata: {
      model_name: modelName,
      policy: { ...policyToJson(policy) },
      previous: { ...policyToJson(previous) },
      actor: caller.agentId,
    },
  });
  return policy;
}
