/**
 * `registered-models/*` of the MLflow face: a registered model is a lineage. Create,
 * get, update (the description), delete (retire: versions archived, nothing removed), tags,
 * aliases, the latest version per stage; rename is refused, since version ids contain the name.
 */
import type { FastifyRequest } from 'fastify';
import { InvalidRequest } from '../errors.ts';
import type { App, RouteDeps } from '../http/route-deps.ts';
import { setDescription } from '../registry/lineages/lineage.service.ts';
import { removeAlias, resolveVersionRef, setAlias } from '../registry/models/alias.service.ts';
import { getNewestPerStatus } from '../registry/models/card.service.ts';
import { createLineage, retireLineage } from '../registry/models/lineage-lifecycle.service.ts';
import { deleteTag, setTag } from '../registry/models/tag.service.ts';
import { runInUnit } from '../unit-of-work.ts';
import { latestPerStage, presentModelVersion, STAGES, type Stage } from './mlflow.presenter.ts';
import { assertVisible, registeredModelNamed, versionById, visibleLineage } from './mlflow-lookup.ts';
import {
  modelNameOf,
  optionalString,
  paramsOf,
  requiredString,
  stringList,
  tagsOf,
  versionOf,
} from './mlflow-request.ts';

/** A stage name in any case, as MLflow canonicalises it. */
export function stageNamed(text: string): Stage {
  const stage = STAGES.find((name) => name.toLowerCase() === text.toLowerCase());
  if (!stage) {
    throw new InvalidRequest(
      `Invalid Model Version stage: ${text}. Value must be one of ${STAGES.join(', ')}.`,
    );
  }
  return stage;
}

/** Registers the registered-model endpoints on the MLflow scope. */
export function registerRegisteredModelRoutes(app: App, deps: RouteDeps) {
  const hidden = { schema: { hide: true } };
  const registeredModel = async (name: string) => ({
    registered_model: await registeredModelNamed(deps, name),
  });

  app.post('/registered-models/create', hidden, async (request) => {
    const caller = await deps.authenticate(request);
    const params = paramsOf(request);
    const modelName = modelNameOf(params);
    const description = optionalString(params, 'description');
    const tags = tagsOf(params);
    await runInUnit(deps, (unit) => createLineage(deps, { unit, caller, modelName, description, tags }));
    return registeredModel(modelName);
  });

  app.get('/registered-models/get', hidden, async (request) =>
    registeredModel(modelNameOf(paramsOf(request))),
  );

  app.patch('/registered-models/update', hidden, async (request) => {
    const caller = await deps.authenticate(request);
    const params = paramsOf(request);
    const modelName = modelNameOf(params);
    await assertVisible(deps, modelName);
    // MLflow's server clears the description when the request has none.
    const description = optionalString(params, 'description') ?? '';
    await runInUnit(deps, (unit) => setDescription(deps, { unit, caller, modelName, description }));
    return registeredModel(modelName);
  });

  app.delete('/registered-models/delete', hidden, async (request) => {
    const caller = await deps.authenticate(request);
    const modelName = modelNameOf(paramsOf(request));
    await assertVisible(deps, modelName);
    await runInUnit(deps, (unit) => retireLineage(deps, { unit, caller, modelName }));
    return {};
  });

  app.post('/registered-models/rename', hidden, async () => {
    throw new InvalidRequest(
      'modelgraph does not rename registered models: every version id is made from the model name (<name>-v<n>), and ids never change.',
    );
  });

  const latestVersions = async (request: FastifyRequest) => {
    const params = paramsOf(request);
    const modelName = modelNameOf(params);
    const stages = stringList(params, 'stages').map(stageNamed);
    await assertVisible(deps, modelName);
    const newest = (await getNewestPerStatus(deps, [modelName])).get(modelName) ?? [];
    return { model_versions: latestPerStage(newest, stages).map((card) => presentModelVersion(card)) };
  };
  app.post('/registered-models/get-latest-versions', hidden, latestVersions);
  app.get('/registered-models/get-latest-versions', hidden, latestVersions);

  app.post('/registered-models/set-tag', hidden, async (request) => {
    const caller = await deps.authenticate(request);
    const params = paramsOf(request);
    const modelName = modelNameOf(params);
    const key = requiredString(params, 'key');
    const value = optionalString(params, 'value') ?? '';
    await assertVisible(deps, modelName);
    await runInUnit(deps, (unit) => setTag(deps, { unit, caller, owner: { modelName }, key, value }));
    return {};
  });

  app.delete('/registered-models/delete-tag', hidden, async (request) => {
    const caller = await deps.authenticate(request);
    const params = paramsOf(request);
    const modelName = modelNameOf(params);
    const key = requiredString(params, 'key');
    // Deleting a tag the model does not have is a success in MLflow.
    const lineage = await visibleLineage(deps, modelName);
    if (key in lineage.tags) {
      await runInUnit(deps, (unit) => deleteTag(deps, { unit, caller, owner: { modelName }, key }));
    }
    return {};
  });

  app.post('/registered-models/alias', hidden, async (request) => {
    const caller = await deps.authenticate(request);
    const params = paramsOf(request);
    const modelName = modelNameOf(params);
    const alias = requiredString(params, 'alias');
    const versionNumber = versionOf(params);
    await assertVisible(deps, modelName);
    await runInUnit(deps, (unit) => setAlias(deps, { unit, caller, modelName, alias, versionNumber }));
    return {};
  });

  app.delete('/registered-models/alias', hidden, async (request) => {
    const caller = await deps.authenticate(request);
    const params = paramsOf(request);
    const modelName = modelNameOf(params);
    const alias = requiredString(params, 'alias');
    // Deleting an alias the model does not have is a success in MLflow.
    const lineage = await visibleLineage(deps, modelName);
    if (Object.hasOwn(lineage.aliases, alias)) {
      await runInUnit(deps, (unit) => removeAlias(deps, { unit, caller, modelName, alias }));
    }
    return {};
  });

  app.get('/registered-models/alias', hidden, async (request) => {
    const params = paramsOf(request);
    const modelName = modelNameOf(params);
    const alias = requiredString(params, 'alias');
    await assertVisible(deps, modelName);
    // An unknown alias is MLflow's INVALID_PARAMETER_VALUE, not a missing resource.
    const id = await resolveVersionRef(deps.db, `${modelName}@${alias}`).catch(() => {
      throw new InvalidRequest(`Registered model alias ${alias} not found.`);
    });
    return { model_version: presentModelVersion(await versionById(deps, id)) };
  });
}
