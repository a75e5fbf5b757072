/**
 * `model-versions/*` of the MLflow face: a model version is a version of a lineage.
 * Create registers it through `registerModel` (the lineage is created if needed, reserved
 * `modelgraph.*` tags declare its provenance); delete archives it; `transition-stage` to
 * Production is a promotion and to Archived an archive; Staging and None are refused (aliases).
 */
import { InvalidRequest, NotFound } from '../errors.ts';
import type { App, RouteDeps } from '../http/route-deps.ts';
import { getLineageState } from '../registry/lineage-read.service.ts';
import { patchModel, promoteModel, registerModel } from '../registry/model.service.ts';
import { archiveWithAliases, setVersionDescription } from '../registry/model-edit.service.ts';
import { deleteTag, setTag } from '../registry/tag.service.ts';
import { presentModelVersion, stageOf } from './mlflow.presenter.ts';
import { versionById, visibleVersion } from './mlflow-lookup.ts';
import {
  modelNameOf,
  optionalBoolean,
  optionalString,
  type Params,
  paramsOf,
  requiredString,
  tagsOf,
  versionOf,
} from './mlflow-request.ts';
import { stageNamed } from './registered-models.handlers.ts';

const STAGES_REFUSED =
  "modelgraph has no Staging or None stage to move a version into: stages are deprecated in MLflow for aliases. Use set_registered_model_alias (e.g. '@staging'); 'Production' promotes and 'Archived' archives.";

/** The version a request names (`name`, `version`), if this face shows it. */
function versionOfRequest(deps: RouteDeps, params: Params) {
  return visibleVersion(deps, modelNameOf(params), versionOf(params));
}

/** Registers the model-version endpoints on the MLflow scope. */
export function registerModelVersionRoutes(app: App, deps: RouteDeps) {
  const hidden = { schema: { hide: true } };
  const answer = async (id: string) => ({ model_version: presentModelVersion(await versionById(deps, id)) });

  app.post('/model-versions/create', hidden, async (request) => {
    const caller = await deps.authenticate(request, 'write');
    const params = paramsOf(request);
    const modelName = modelNameOf(params);
    const sourceUri = requiredString(params, 'source');
    const runId = optionalString(params, 'run_id');
    const runLink = optionalString(params, 'run_link');
    const description = optionalString(params, 'description');
    const tags = tagsOf(params);
    // A retired lineage is gone from this face until it is created again.
    if ((await getLineageState(deps, modelName))?.retiredAt) {
      throw new NotFound(
        `Registered Model with name=${modelName} not found (it was deleted: create it again first)`,
      );
    }
    const metadata = { ...(runId ? { run_id: runId } : {}), ...(runLink ? { run_link: runLink } : {}) };
    return answer(await registerModel(deps, { caller, modelName, sourceUri, description, tags, metadata }));
  });

  app.get('/model-versions/get', hidden, async (request) => ({
    model_version: presentModelVersion(await versionOfRequest(deps, paramsOf(request))),
  }));

  app.patch('/model-versions/update', hidden, async (request) => {
    const caller = await deps.authenticate(request, 'write');
    const params = paramsOf(request);
    const model = await versionOfRequest(deps, params);
    const description = optionalString(params, 'description') ?? '';
    await setVersionDescription(deps, { caller, id: model.id, description });
    return answer(model.id);
  });

  app.delete('/model-versions/delete', hidden, async (request) => {
    const caller = await deps.authenticate(request, 'evaluate');
    const model = await versionOfRequest(deps, paramsOf(request));
    await archiveWithAliases(deps, { caller, id: model.id });
    return {};
  });

  app.get('/model-versions/get-download-uri', hidden, async (request) => {
    const model = await versionOfRequest(deps, paramsOf(request));
    return { artifact_uri: model.sourceUri ?? '' };
  });

  app.post('/model-versions/set-tag', hidden, async (request) => {
    const caller = await deps.authenticate(request, 'write');
    const params = paramsOf(request);
    const key = requiredString(params, 'key');
    const value = optionalString(params, 'value') ?? '';
    const model = await versionOfRequest(deps, params);
    await setTag(deps, { caller, owner: { versionRef: model.id }, key, value });
    return {};
  });

  app.delete('/model-versions/delete-tag', hidden, async (request) => {
    const caller = await deps.authenticate(request, 'write');
    const params = paramsOf(request);
    const key = requiredString(params, 'key');
    const card = await versionOfRequest(deps, params);
    // Deleting a tag the version does not have is a success in MLflow.
    if (key in card.tags) await deleteTag(deps, { caller, owner: { versionRef: card.id }, key });
    return {};
  });

  app.post('/model-versions/transition-stage', hidden, async (request) => {
    const caller = await deps.authenticate(request, 'evaluate');
    const params = paramsOf(request);
    const stage = stageNamed(requiredString(params, 'stage'));
    // Accepted and ignored: the version a promotion supersedes leaves Production either way.
    optionalBoolean(params, 'archive_existing_versions');
    const model = await versionOfRequest(deps, params);
    if (stage === 'Staging' || stage === 'None') throw new InvalidRequest(STAGES_REFUSED);
    // Moving a version to the stage it is in changes nothing, as in MLflow.
    if (stageOf(model.status) !== stage) {
      if (stage === 'Production') await promoteModel(deps, { caller, id: model.id });
      else await patchModel(deps, { id: model.id, archive: true });
    }
    return answer(model.id);
  });
}
