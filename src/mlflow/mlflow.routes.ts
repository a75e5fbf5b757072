/**
 * The MLflow face (README "Using modelgraph from MLflow"): the Model Registry part of MLflow's REST API under
 * `/api/2.0/mlflow/`, so `MlflowClient(tracking_uri=…)` works against modelgraph unchanged. Its own
 * error format and 404 (`ENDPOINT_NOT_FOUND`) for the whole prefix; hidden from the OpenAPI
 * document, which describes the native API (MLflow documents its own).
 */
import type { App, RouteDeps } from '../http/route-deps.ts';
import { handleMlflowError, sendEndpointNotFound } from './mlflow-errors.ts';
import { registerModelVersionRoutes } from './model-versions.handlers.ts';
import { registerRegisteredModelRoutes } from './registered-models.handlers.ts';
import { registerSearchRoutes } from './search.handlers.ts';

/** Where MLflow's client sends registry calls. */
export const MLFLOW_PREFIX = '/api/2.0/mlflow';

/** Registers the MLflow face in a scope of its own under `/api/2.0/mlflow`. */
export function registerMlflowRoutes(app: App, deps: RouteDeps) {
  app.register(
    async (scope) => {
      const mlflow = scope as unknown as App;
      mlflow.setErrorHandler(handleMlflowError);
      mlflow.setNotFoundHandler(sendEndpointNotFound);
      registerRegisteredModelRoutes(mlflow, deps);
      registerModelVersionRoutes(mlflow, deps);
      registerSearchRoutes(mlflow, deps);
    },
    { prefix: MLFLOW_PREFIX },
  );
  // MLflow 3's client probes `/api/3.0/mlflow/server-info` (workspaces, telemetry): it gets MLflow's
  // own 404, which it understands, rather than the native API's error body.
  app.register(
    async (scope) => {
      scope.setNotFoundHandler(sendEndpointNotFound);
    },
    { prefix: '/api/3.0/mlflow' },
  );
}
