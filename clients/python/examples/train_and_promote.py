"""A worked example of the modelgraph Python package, end to end against a running server.

A curator publishes a generated gene-expression data set, a trainer fits two scikit-learn models
of which genes are associated with Alzheimer's disease, registers both with full provenance and
writes the first one's predictions as knowledge-graph edges with their inputs; an evaluator
previews and promotes the better second version, whose runtime is predict.py (modelgraph.runner);
the admin runs the rescore pass (after the passes of any promotion that waited before it), and the
example prints its histogram and the promotion's payout.

    MODELGRAPH_ADMIN_TOKEN=secret MODELGRAPH_RUNTIME_COMMANDS="$(command -v python)" npm start
    MODELGRAPH_TOKEN=secret python clients/python/examples/train_and_promote.py

`MODELGRAPH_URL` (default http://127.0.0.1:8080) names the server and `MODELGRAPH_TOKEN` must be
an admin token: the example creates its agents and runs the rescore job. Every id carries a fresh
run suffix, so it can run again on the same server (the rescore window of one lineage a day then
refuses the pass unless the server runs with a short `MODELGRAPH_RESCORE_WINDOW_HOURS`).
"""

from __future__ import annotations

import csv
import hashlib
import os
import sys
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import joblib
import numpy as np
from sklearn.compose import ColumnTransformer
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, log_loss, roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline

import modelgraph
from modelgraph import ApiError, Client, EdgeInput, ModelDetail, Pin, ProcessRuntime

PREDICT = Path(__file__).resolve().with_name("predict.py")
# The interpreter as the operator lists it in MODELGRAPH_RUNTIME_COMMANDS: absolute, without `..`.
PYTHON = os.path.abspath(sys.executable)
DISEASE = "MONDO:0004975"  # Alzheimer disease
PREDICATE = "biolink:gene_associated_with_condition"
WEAK_FEATURES = [0, 5]  # version 1 sees two of the six features; version 2 sees them all


@dataclass(frozen=True)
class Data:
    """The generated genes: features, labels, the split, and the files they were published as."""

    features: Any
    labels: Any
    train: Any
    test: Any
    train_file: Path
    test_file: Path


@dataclass(frozen=True)
class Team:
    """The example's agents, each with a client holding its own token."""

    curator: Client
    trainer: Client
    evaluator: Client
    ids: dict[str, str]


def make_team(admin: Client, run: str) -> Team:
    """A curator, a trainer and an evaluator, each with a token of the scopes its work needs."""
    ids = {role: f"{role}-{run}" for role in ("curator", "trainer", "evaluator")}
    admin.agents.create(ids["curator"], "Dr Ana Rivera (curator)", "human")
    admin.agents.create(ids["trainer"], "Fitting agent", "ai")
    admin.agents.create(ids["evaluator"], "Dr Maya Chen (evaluator)", "human")

    def client_for(agent_id: str, *scopes: modelgraph.agents.Scope) -> Client:
        return Client(url=admin.url, token=admin.agents.create_token(agent_id, scopes))

    return Team(
        client_for(ids["curator"], "write"),
        client_for(ids["trainer"], "write"),
        client_for(ids["evaluator"], "write", "evaluate"),
        ids,
    )


def write_csv(path: Path, features: Any, labels: Any, rows: Any) -> str:
    """Writes the rows as CSV and returns the file's sha256 digest."""
    with path.open("w", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["gene", *[f"f{k}" for k in range(features.shape[1])], "associated"])
        for row in rows:
            writer.writerow([f"HGNC:{1000 + row}", *[f"{x:.6f}" for x in features[row]], int(labels[row])])
    return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()


def generate_data(workdir: Path) -> tuple[Data, str, str]:
    """400 genes with six expression features; a quarter held out for evaluation."""
    features, labels = make_classification(
        n_samples=400, n_features=6, n_informative=4, n_redundant=0, class_sep=0.8, random_state=7
    )
    train, test = train_test_split(np.arange(len(labels)), test_size=0.25, random_state=7, stratify=labels)
    data = Data(features, labels, train, test, workdir / "genes-train.csv", workdir / "genes-test.csv")
    return (
        data,
        write_csv(data.train_file, features, labels, train),
        write_csv(data.test_file, features, labels, test),
    )


def fit(data: Data, columns: list[int], path: Path) -> tuple[Any, dict[str, float]]:
    """Fits a logistic regression on the training genes and scores it on the held-out ones."""
    # The runtime is given all six features; a pipeline step picks the columns this version uses.
    pipeline = make_pipeline(
        ColumnTransformer([("used", "passthrough", columns)]),
        LogisticRegression(max_iter=1000, random_state=7),
    )
    pipeline.fit(data.features[data.train], data.labels[data.train])
    joblib.dump(pipeline, path)
    probabilities = pipeline.predict_proba(data.features[data.test])[:, 1]
    truth = data.labels[data.test]
    metrics = {
        "roc_auc": round(float(roc_auc_score(truth, probabilities)), 4),
        "accuracy": round(float(accuracy_score(truth, probabilities >= 0.5)), 4),
        "log_loss": round(float(log_loss(truth, probabilities)), 4),
    }
    return pipeline, metrics


def register_version(
    team: Team,
    ids: dict[str, str],
    version: int,
    columns: list[int],
    metrics: dict[str, float],
    model_file: Path,
) -> ModelDetail:
    """Registers one version with every provenance link, and predict.py as its runtime."""
    runtime = ProcessRuntime(
        command=[PYTHON, str(PREDICT)],
        cwd=str(model_file.parent),
        env={
            "MODELGRAPH_EXAMPLE_MODEL": str(model_file),
            # Where this modelgraph package is, for a server that runs predict.py with a clean environment.
            "PYTHONPATH": str(Path(modelgraph.__file__).resolve().parent.parent),
        },
    )
    return team.trainer.models.register(
        ids["lineage"],
        f"Gene-AD association, logistic regression on {len(columns)} features",
        "statistical",
        architecture={"estimator": "LogisticRegression", "features": [f"f{k}" for k in columns]},
        parameters={"C": 1.0, "penalty": "l2"},
        parameter_count=len(columns) + 1,
        training_config={"max_iter": 1000, "random_state": 7, "version": version},
        evaluation_metrics=metrics,
        raw_quality_score=metrics["roc_auc"],
        eval_dataset_id=ids["test"],
        benchmark_id=ids["benchmark"],
        runtime=runtime,
        trained_on=[Pin(ids["train"], 1)],
        produced_by=ids["analysis"],
        tests_hypothesis=ids["hypothesis"],
        inputs=[Pin(ids["test"], 1)],
    )


def publish_inputs(team: Team, run: str, data: Data, train_digest: str, test_digest: str) -> dict[str, str]:
    """The data sets, the benchmark, the hypothesis and the analysis a version's provenance needs."""
    ids = {
        "train": f"dataset-genes-train-{run}",
        "test": f"dataset-genes-test-{run}",
        "benchmark": f"benchmark-genes-auc-{run}",
        "hypothesis": f"hypothesis-expression-ad-{run}",
        "analysis": f"analysis-fit-genes-{run}",
        "lineage": f"model-genes-ad-{run}",
    }
    team.curator.artifacts.create(
        "dataset",
        "Gene expression, training genes",
        id=ids["train"],
        digest=train_digest,
        uri=data.train_file.as_uri(),
    )
    team.curator.artifacts.create(
        "dataset",
        "Gene expression, held-out genes",
        id=ids["test"],
        digest=test_digest,
        uri=data.test_file.as_uri(),
    )
    team.evaluator.artifacts.create("benchmark", "ROC AUC on the held-out genes", id=ids["benchmark"])
    team.trainer.artifacts.create(
        "hypothesis", "Expression predicts association with AD", id=ids["hypothesis"]
    )
    team.trainer.artifacts.create("analysis", "Fit logistic regressions", id=ids["analysis"])
    team.trainer.artifacts.link(ids["analysis"], ids["train"], "input", target_version=1)
    return ids


def write_edges(team: Team, run: str, data: Data, model: Any, version: ModelDetail) -> int:
    """Version 1's predictions for every gene, as edges attributed to it, with the inputs it read."""
    probabilities = model.predict_proba(data.features)[:, 1]
    edges = [
        EdgeInput(
            id=f"edge-genes-{run}-{row}",
            subject=f"HGNC:{1000 + row}",
            predicate=PREDICATE,
            object=DISEASE,
            confidence=float(probabilities[row]),
            origin="model",
            source_artifact_id=version.id,
            source_version=version.version_number,
            inputs={"features": [float(x) for x in data.features[row]]},
        )
        for row in range(len(data.labels))
    ]
    return team.trainer.kg.insert_edges(edges).inserted


def print_histogram(title: str, histogram: modelgraph.Histogram) -> None:
    """One line per bucket."""
    print(title)
    for bucket, count in histogram.as_dict().items():
        print(f"  {bucket:<18} {count:>4}")


# A pass re-scores the oldest promotion waiting; others promoted before ours take a pass each first.
MAX_PASSES = 10


def rescore_until_done(admin: Client, child_id: str) -> modelgraph.RescoreSummary:
    """Runs rescore passes until one re-scores `child_id`'s promotion (or a pass does not run)."""
    summary = admin.jobs.rescore(since_hours=1)
    for _ in range(MAX_PASSES - 1):
        if summary.outcome != "ok" or summary.child_id == child_id:
            break
        print(f"rescore pass: re-scored an earlier promotion first ({summary.child_id}); running the next")
        summary = admin.jobs.rescore(since_hours=1)
    return summary


def main() -> int:
    """Runs the whole story and prints what the server answered."""
    run = uuid.uuid4().hex[:8]
    workdir = Path(tempfile.gettempdir()) / "modelgraph-example" / run
    workdir.mkdir(parents=True)
    with Client() as admin:
        team = make_team(admin, run)
        data, train_digest, test_digest = generate_data(workdir)
        ids = publish_inputs(team, run, data, train_digest, test_digest)

        model_v1, metrics_v1 = fit(data, WEAK_FEATURES, workdir / "model-v1.joblib")
        _, metrics_v2 = fit(data, list(range(6)), workdir / "model-v2.joblib")
        try:
            v1 = register_version(team, ids, 1, WEAK_FEATURES, metrics_v1, workdir / "model-v1.joblib")
        except ApiError as error:
            if error.code != "forbidden":
                raise
            print(f"The server refused the process runtime: {error.message}.", file=sys.stderr)
            print(f"Start it with MODELGRAPH_RUNTIME_COMMANDS={PYTHON}", file=sys.stderr)
            return 1
        print(f"lineage: {ids['lineage']}")
        print(
            f"registered {v1.id}: quality {v1.quality_score} (provenance complete: {v1.provenance.complete})"
        )
        team.evaluator.models.promote(v1.id, notes="first version")
        print(f"wrote {write_edges(team, run, data, model_v1, v1)} edges attributed to {v1.id}")

        v2 = register_version(team, ids, 2, list(range(6)), metrics_v2, workdir / "model-v2.joblib")
        print(f"registered {v2.id}: quality {v2.quality_score}, metrics {metrics_v2} (v1: {metrics_v1})")

        preview = team.evaluator.models.impact_preview(v2.id)
        print_histogram(f"impact preview of promoting {v2.id} over {preview.parent_id}:", preview.histogram)

        promotion = team.evaluator.models.promote(v2.id, notes=f"roc_auc {metrics_v2['roc_auc']}")
        summary = rescore_until_done(admin, v2.id)
        print(f"rescore pass: {summary.outcome} ({summary.edges_processed} edges, {summary.duration_ms} ms)")
        if summary.outcome != "ok" or summary.child_id != v2.id:
            reason = summary.reason or f"the passes re-scored other promotions ({summary.child_id})"
            print(f"  reason: {reason}", file=sys.stderr)
            print(
                "  The server runs one working pass per MODELGRAPH_RESCORE_WINDOW_HOURS (24 by default); the "
                "promotion stays queued for the next. To run the example again at once, start the server "
                "with MODELGRAPH_RESCORE_WINDOW_HOURS=0.000001.",
                file=sys.stderr,
            )
            return 1
        print_histogram(f"rescore histogram ({summary.parent_id} -> {summary.child_id}):", summary.histogram)
        flagged = admin.kg.list(source_artifact_id=v2.id, flagged=True, limit=1).total
        print(f"flagged for review: {flagged}")

        payout = admin.credit.payouts(promotion.event.id)
        print(f"payout of promotion event {payout.event_id}: pool {payout.pool}")
        for line in payout.payouts:
            capped = f" (capped by {line.capped_by})" if line.capped_by else ""
            print(f"  {line.agent_id:<22} {line.role:<16} {line.amount:>12.6f}{capped}")
        print(f"  {'withheld (treasury)':<39} {payout.withheld:>12.6f}")
        for client in (team.curator, team.trainer, team.evaluator):
            client.close()
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except ApiError as error:
        sys.exit(f"the server refused a request: {error}")
