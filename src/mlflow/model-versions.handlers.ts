/**
 * `model-versions/*` of the MLflow face: a model version is a version of a lineage.
 * Create registers it through `registerModel` (the lineage is created if needed, reserved
 * `modelgraph.*` tags declare its provenance); delete archives it; `transition-stage` to
 * Production is a promotion and to Archived an archive; Staging and None are refused (aliases).
 */
import { AlreadyPromoted, InvalidRequest } from '../errors.ts';
import type { App, RouteDeps } from '../http/route-deps.ts';
import { registerModel } from '../registry/models/model.service.ts';
import { archiveModelVersion, setVersionDescription } from '../registry/models/model-edit.service.ts';
import { promoteModel } from '../registry/models/promotion.service.ts';
import { deleteTag, setTag } from '../registry/models/tag.service.ts';
import { runInUnit } from '../unit-of-work.ts';
import { presentModelVersion } from './mlflow.presenter.ts';
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
    const caller = await deps.authenticate(request);
    const params = paramsOf(request);
    const modelName = modelNameOf(params);
    const sourceUri = requiredString(params, 'source');
    const runId = optionalString(params, 'run_id');
    const runLink = optionalString(params, 'run_link');
    // MLflow 3 clients name the logged model (`models:/m-…` sources) they register.
    const modelId = optionalString(params, 'model_id') || null;
    const description = optionalString(params, 'description');
    const tags = tagsOf(params);
    const metadata = { ...(runId ? { run_id: runId } : {}), ...(runLink ? { run_link: runLink } : {}) };
    const id = await runInUnit(deps, (unit) =>
      registerModel(deps, {
        unit,
        caller,
        modelName,
        sourceUri,
        description,
        tags,
        metadata,
        mlflow: { modelId },
      }),
    );
    return answer(id);
  });

  app.get('/model-versions/get', hidden, async (request) => ({
    model_version: presentModelVersion(await versionOfRequest(deps, paramsOf(request))),
  }));

  app.patch('/model-versions/update', hidden, async (request) => {
    const caller = await deps.authenticate(request);
    const params = paramsOf(request);
    const model = await versionOfRequest(deps, params);
    const description = optionalString(params, 'description') ?? '';
    await runInUnit(deps, (unit) => setVersionDescription(deps, { unit, caller, id: model.id, description }));
    return answer(model.id);
  });

  app.delete('/model-versions/delete', hidden, async (request) => {
    const caller = await deps.authenticate(request);
    const model = await versionOfRequest(deps, paramsOf(request));
    await runInUnit(deps, (unit) =>
      archiveModelVersion(deps, { unit, caller, id: model.id, removeAliases: true }),
    );
    return {};
  });

  app.get('/model-versions/get-download-uri', hidden, async (request) => {
    const model = await versionOfRequest(deps, paramsOf(request));
    return { artifact_uri: model.sourceUri ?? '' };
  });

  app.post('/model-versions/set-tag', hidden, async (request) => {
    const caller = await deps.authenticate(request);
    const params = paramsOf(request);
    const key = requiredString(params, 'key');
    const value = optionalString(params, 'value') ?? '';
    const model = await versionOfRequest(deps, params);
    await runInUnit(deps, (unit) =>
      setTag(deps, { unit, caller, owner: { versionRef: model.id }, key, value }),
    );
    return {};
  });

  app.delete('/model-versions/delete-tag', hidden, async (request) => {
    const caller = await deps.authenticate(request);
    const params = paramsOf(request);
    const key = requiredString(params, 'key');
    const card = await versionOfRequest(deps, params);
    // Deleting a tag the version does not have is a success in MLflow.
    if (key in card.tags) {
      await runInUnit(deps, (unit) => deleteTag(deps, { unit, caller, owner: { versionRef: card.id }, key }));
    }
    return {};
  });

  app.post('/model-versions/transition-stage', hidden, async (request) => {
    const caller = await deps.authenticate(request);
    const params = paramsOf(request);
    const stage = stageNamed(requiredString(params, 'stage'));
    // Accepted and ignored: the version a promotion supersedes leaves Production either way.
    optionalBoolean(params, 'archive_existing_versions');
    const model = await versionOfRequest(deps, params);
    if (stage === 'Staging' || stage === 'None') throw new InvalidRequest(STAGES_REFUSED);
    const ref = { caller, id: model.id };
    await runInUnit(deps, async (unit) => {
      if (stage === 'Archived') return archiveModelVersion(deps, { ...ref, unit, removeAliases: false });
      // Moving a version to the stage it is in changes nothing, as in MLflow: decided under the
      // lineage's lock by the promotion itself, so a concurrent promotion cannot turn it into a 409.
      await promoteModel(deps, { ...ref, unit }).catch((error) => {
        if (!(error instanceof AlreadyPromoted)) throw error;
      });
    });
    return answer(model.id);
  });
}
