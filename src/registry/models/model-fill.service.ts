/**
 * Filling what a registration left empty, after the fact: the run, parameters, metrics, evaluation
 * dataset and provenance links that another system (the MLflow tracking server) knows of a version.
 * Only empty fields are filled (`core/registration-fill.ts`), so what the registrant sent or declared
 * through `modelgraph.*` tags stays; the score is stored again, as for any change.
 */
import { assertScope, type Caller } from '../../caller.ts';
import type { JsonObject } from '../../db/schema.ts';
import type { Deps, Unit } from '../../deps.ts';
import { NotFound } from '../../errors.ts';
import { logEvent } from '../../events/event.service.ts';
import { insertLinks, mergeArtifactMetadata } from '../artifacts/artifact.repository.ts';
import { assertLinksResolve } from '../artifacts/artifact.service.ts';
import { linkSpecsOf } from '../core/links.ts';
import { filledFieldNames, fillOfEmpty, type RegistrationFill } from '../core/registration-fill.ts';
import { assertMaintainsLineage } from '../lineages/lineage.service.ts';
import { lockModelRow, updateRegistrationFill } from './model.repository.ts';
import { getModelSummaries } from './model-read.service.ts';
import { refreshQualityAround } from './provenance.service.ts';

/** A fill of one version's empty fields. */
export interface FillRegistrationProps {
  unit: Unit;
  /** A maintainer of the version's lineage (scope `write`), recorded as the links' `created_by`. */
  caller: Caller;
  /** The version's id. */
  id: string;
  /** The values offered; those for fields the version holds already are dropped. */
  offered: RegistrationFill;
  /** Where the values came from, recorded in the `model_version_enriched` event. */
  origin: JsonObject;
}

/**
 * Fills the version's empty fields from `offered` under its row lock, stores its score again and
 * logs `model_version_enriched` naming what was filled; returns those field names (none: nothing
 * logged). A link to a missing artifact or version is 422, as at registration.
 */
export async function fillEmptyRegistration(deps: Deps, props: FillRegistrationProps): Promise<string[]> {
  const { unit, caller, id } = props;
  const { tx } = unit;
  assertScope(caller, 'write');
  await lockModelRow(tx, id);
  const [summary] = await getModelSummaries({ db: tx }, [id]);
  if (!summary) throw new NotFound(`model version '${id}' does not exist`);
  const { model } = summary;
  await assertMaintainsLineage(tx, caller, model.modelName);
  const fill = fillOfEmpty(
    {
      runId: typeof model.metadata.run_id === 'string' ? model.metadata.run_id : null,
      parameters: model.parameters,
      evaluationMetrics: model.evaluationMetrics,
      evalDatasetId: model.evalDatasetId,
      linkTypes: new Set(summary.links.map((link) => link.linkType)),
    },
    props.offered,
  );
  const filled = filledFieldNames(fill);
  if (filled.length === 0) return filled;
  const specs = linkSpecsOf(id, fill);
  await assertLinksResolve(tx, specs, { alsoRequired: fill.evalDatasetId ? [fill.evalDatasetId] : [] });
  const { parameters, evaluationMetrics, evalDatasetId } = fill;
  await updateRegistrationFill(tx, id, { parameters, evaluationMetrics, evalDatasetId });
  if (fill.runId) await mergeArtifactMetadata(tx, id, { run_id: fill.runId });
  await insertLinks(
    tx,
    specs.map((spec) => ({ ...spec, createdBy: caller.agentId })),
  );
  // Versions built on this one inherit what it is now built on (a retracted dataset, say).
  await refreshQualityAround(tx, id, deps.config.qualityCap);
  await logEvent(unit, {
    eventType: 'model_version_enriched',
    targetArtifactId: id,
    actor: caller.agentId,
    detectionMetadata: { filled, ...props.origin },
  });
  return filled;
}
