"""An MLflow 3 user's whole workflow with two servers: MLflow's own tracking server for runs, logged
models and datasets (`set_tracking_uri`), modelgraph as the model registry (`set_registry_uri`).

Run by `tracking-server.test.ts` with the full `mlflow` package (.venv/mlflow). It trains a small
scikit-learn model in a run that logs a training and an evaluation dataset, registers it through
`log_model(..., registered_model_name=...)`, sets an alias, loads the model back by alias and by
version, registers the run's model again from `runs:/`, and moves that version to Production. It
prints one JSON line with what it made, for the test to check against modelgraph's native API.

Environment: MLFLOW_URL (the tracking server), MODELGRAPH_URL (the registry), MLFLOW_TRACKING_TOKEN (a
modelgraph token with the write and evaluate scopes), MODEL_NAME (the registered model to make).
"""

import json
import os

import mlflow
import numpy as np
from mlflow import MlflowClient
from sklearn.linear_model import LogisticRegression


def main() -> None:
    mlflow.set_tracking_uri(os.environ["MLFLOW_URL"])
    mlflow.set_registry_uri(os.environ["MODELGRAPH_URL"])
    name = os.environ["MODEL_NAME"]
    client = MlflowClient()

    rng = np.random.default_rng(7)
    features = rng.normal(size=(200, 3))
    labels = (features @ np.array([1.5, -2.0, 0.5]) > 0).astype(int)
    train_x, eval_x = features[:150], features[150:]
    train_y, eval_y = labels[:150], labels[150:]

    mlflow.set_experiment(f"{name}-experiment")
    with mlflow.start_run() as run:
        model = LogisticRegression(C=0.5, max_iter=200).fit(train_x, train_y)
        mlflow.log_params({"C": 0.5, "max_iter": 200})
        train_set = mlflow.data.from_numpy(train_x, targets=train_y, name=f"{name}-train")
        eval_set = mlflow.data.from_numpy(eval_x, targets=eval_y, name=f"{name}-eval")
        mlflow.log_input(train_set, context="training")
        mlflow.log_input(eval_set, context="evaluation")
        mlflow.log_metric("accuracy", float(model.score(eval_x, eval_y)))
        logged = mlflow.sklearn.log_model(model, name="model", registered_model_name=name)

    first = client.get_model_version(name, "1")
    client.set_model_version_tag(name, "1", "modelgraph.raw_quality_score", "0.9")
    client.set_registered_model_alias(name, "champion", "1")
    by_alias = mlflow.sklearn.load_model(f"models:/{name}@champion")
    by_version = mlflow.pyfunc.load_model(f"models:/{name}/1")
    same = bool(
        np.array_equal(by_alias.predict(eval_x), model.predict(eval_x))
        and np.array_equal(np.asarray(by_version.predict(eval_x)), model.predict(eval_x))
    )

    second = mlflow.register_model(f"runs:/{run.info.run_id}/model", name)
    client.transition_model_version_stage(name, second.version, "Production")
    found = client.search_model_versions(f"run_id = '{run.info.run_id}'")

    print(
        json.dumps(
            {
                "run_id": run.info.run_id,
                "model_id": logged.model_id,
                "first": {"version": first.version, "run_id": first.run_id, "source": first.source},
                "second": {"version": second.version, "run_id": second.run_id, "source": second.source},
                "loaded_models_predict_alike": same,
                "versions_found_by_run_id": sorted(version.version for version in found),
                "datasets": {
                    "training": {"name": train_set.name, "digest": train_set.digest},
                    "evaluation": {"name": eval_set.name, "digest": eval_set.digest},
                },
            }
        )
    )


if __name__ == "__main__":
    main()
