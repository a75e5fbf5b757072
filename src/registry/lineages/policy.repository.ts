/**
 * Promotion policies in the database — the only SQL on `promotion_policies`.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/database.ts';
import { lineageMaintainers, lineages, promotionPolicies } from '../../db/schema.ts';
import type { PromotionPolicy } from '../core/policy.ts';

const columns = {
  modelName: promotionPolicies.modelName,
  requiredApprovals: promotionPolicies.requiredApprovals,
  excludeContributors: promotionPolicies.excludeContributors,
  requireCompleteProvenance: promotionPolicies.requireCompleteProvenance,
  requireImpactPreview: promotionPolicies.requireImpactPreview,
  previewMaxAgeHours: promotionPolicies.previewMaxAgeHours,
  maxFlagFraction: promotionPolicies.maxFlagFraction,
};

/** The policies set on the listed lineages, by name (a lineage without one is absent). */
export async function findPolicies(db: Db, modelNames: string[]): Promise<Map<string, PromotionPolicy>> {
  if (modelNames.length === 0) return new Map();
  const rows = await db
    .select(columns)
    .from(promotionPolicies)
    .where(inArray(promotionPolicies.modelName, modelNames));
  return new Map(rows.map(({ modelName, ...policy }) => [modelName, policy]));
}

/** Sets (or replaces) a lineage's policy. */
export async function upsertPolicy(
  tx: Tx,
  modelName: string,
  policy: PromotionPolicy,
  setBy: string,
): Promise<void> {
  await tx
    .insert(promotionPolicies)
    .values({ modelName, ...policy, setBy })
    .onConflictDoUpdate({
      target: promotionPolicies.modelName,
      set: { ...policy, setBy, updatedAt: new Date() },
    });
}

/**
 * What a lineage's rights depend on, in one statement: its maintainers (oldest first) and the
 * policy set on it (null when none was). Undefined when the lineage does not exist.
 */
export async function findLineageRights(
  db: Db,
  modelName: string,
): Promise<{ maintainers: string[]; policy: PromotionPolicy | null } | undefined> {
  const { modelName: _name, ...policy } = columns;
  const [row] = await db
    .select({
      maintainers: sql<string[]>`array(select ${lineageMaintainers.agentId} from ${lineageMaintainers}
        where ${lineageMaintainers.modelName} = ${lineages.modelName}
        order by ${lineageMaintainers.createdAt}, ${lineageMaintainers.agentId})`,
      policy,
    })
    .from(lineages)
    .leftJoin(promotionPolicies, eq(promotionPolicies.modelName, lineages.modelName))
    .where(eq(lineages.modelName, modelName));
  return row;
}
