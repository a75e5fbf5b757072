"""The official MLflow client (mlflow-skinny 3.x, 2.22 and 2.9, pinned) against modelgraph's MLflow face.

Every call goes through `MlflowClient` or `mlflow.register_model` exactly as a user's code would;
what modelgraph did with it is checked through the native API."""

import os
from typing import Any

import mlflow
import pytest
from mlflow import MlflowClient
from mlflow.exceptions import MlflowException
from packaging.version import Version

from conftest import Native


def error_code(call: Any) -> tuple[str, str]:
    """Runs `call`, which must fail with an MlflowException; returns its code and message."""
    with pytest.raises(MlflowException) as raised:
        call()
    return raised.value.error_code, raised.value.message


def test_creates_and_gets_a_registered_model(client: MlflowClient, name: str) -> None:
    created = client.create_registered_model(name, tags={"team": "a", "n": 1}, description="first")
    assert created.name == name
    fetched = client.get_registered_model(name)
    assert fetched.description == "first"
    assert fetched.tags == {"team": "a", "n": "1"}
    assert fetched.creation_timestamp > 1_600_000_000_000
    assert fetched.latest_versions == []


def test_refuses_a_duplicate_registered_model(client: MlflowClient, name: str) -> None:
    client.create_registered_model(name)
    assert error_code(lambda: client.create_registered_model(name))[0] == "RESOURCE_ALREADY_EXISTS"


def test_register_model_with_a_plain_uri_creates_the_model_then_versions(name: str) -> None:
    first = mlflow.register_model("s3://bucket/fluent/model", name)
    second = mlflow.register_model("s3://bucket/fluent/model2", name)
    assert (first.version, second.version) == ("1", "2")
    assert second.status == "READY"
    assert second.source == "s3://bucket/fluent/model2"
    assert second.current_stage == "None"


def test_keeps_the_fields_of_a_model_version(client: MlflowClient, native: Native, name: str) -> None:
    client.create_registered_model(name)
    version = client.create_model_version(
        name,
        "s3://bucket/path/model",
        run_id="run-123",
        run_link="http://example/run",
        tags={"k": "v"},
        description="v1 desc",
    )
    fetched = client.get_model_version(name, version.version)
    assert fetched.run_id == "run-123"
    assert fetched.run_link == "http://example/run"
    assert fetched.tags == {"k": "v"}
    assert fetched.description == "v1 desc"
    assert fetched.user_id == "mlflow-agent"
    assert client.get_model_version_download_uri(name, "1") == "s3://bucket/path/model"
    [version_id] = native.version_ids(name)
    detail = native.model(version_id)
    assert detail["metadata"] == {"run_id": "run-123", "run_link": "http://example/run"}
    assert detail["tags"] == {"k": "v"}


def test_searches_registered_models_by_name_and_tag_with_page_tokens(client: MlflowClient, name: str) -> None:
    names = [f"{name}-{i}" for i in range(5)]
    for i, model in enumerate(names):
        client.create_registered_model(model, tags={"parity": "even" if i % 2 == 0 else "odd"})
    seen: list[str] = []
    token = None
    while True:
        page = client.search_registered_models(
            f"name LIKE '{name}-%'", max_results=2, order_by=["name DESC"], page_token=token
        )
        seen += [model.name for model in page]
        token = page.token
        if not token:
            break
    assert seen == sorted(names, reverse=True)
    upper = client.search_registered_models(f"name ILIKE '{name.upper()}-%'")
    assert len(upper) == 5
    even = client.search_registered_models(f"name LIKE '{name}-%' AND tags.parity = 'even'")
    assert sorted(model.name for model in even) == [names[0], names[2], names[4]]
    exact = client.search_registered_models(f"name = '{names[3]}'")
    assert [model.name for model in exact] == [names[3]]
    by_update = client.search_registered_models(f"name LIKE '{name}-%'", order_by=["last_updated_timestamp DESC"])
    assert [model.name for model in by_update] == list(reversed(names))


def test_searches_model_versions(client: MlflowClient, name: str) -> None:
    client.create_registered_model(name)
    for i in range(3):
        client.create_model_version(name, f"s3://b/{name}/{i}", run_id=f"run-{i}", tags={"i": str(i)})
    versions = client.search_model_versions(f"name = '{name}'")
    assert [version.version for version in versions] == ["3", "2", "1"]
    later = client.search_model_versions(f"name = '{name}' AND version_number > 1")
    assert sorted(version.version for version in later) == ["2", "3"]
    [by_run] = client.search_model_versions(f"run_id = 'run-1' AND name = '{name}'")
    assert by_run.version == "2"
    [by_source] = client.search_model_versions(f"source_path = 's3://b/{name}/2'")
    assert by_source.version == "3"
    [by_tag] = client.search_model_versions(f"name = '{name}' AND tags.i = '0'")
    assert by_tag.version == "1"
    first = client.search_model_versions(f"name = '{name}'", max_results=2, order_by=["version_number ASC"])
    assert [version.version for version in first] == ["1", "2"]
    rest = client.search_model_versions(
        f"name = '{name}'", max_results=2, order_by=["version_number ASC"], page_token=first.token
    )
    assert [version.version for version in rest] == ["3"]
    assert not rest.token


def test_searches_with_or_not_parentheses_and_in_beyond_mlflow(client: MlflowClient, name: str) -> None:
    names = [f"{name}-{i}" for i in range(3)]
    for i, model in enumerate(names):
        client.create_registered_model(model, tags={"team": "b" if i == 1 else "a"})
        client.create_model_version(model, f"s3://b/{model}", run_id=f"run-{i}")
    either = client.search_registered_models(f"name = '{names[0]}' OR name = '{names[2]}'")
    assert sorted(model.name for model in either) == [names[0], names[2]]
    not_a = client.search_registered_models(f"name LIKE '{name}-%' AND NOT (tags.team = 'a')")
    assert [model.name for model in not_a] == [names[1]]
    listed = client.search_model_versions(f"run_id IN ('run-0', 'run-2') AND name LIKE '{name}-%'")
    assert sorted(version.name for version in listed) == [names[0], names[2]]


def test_sets_moves_and_deletes_aliases(client: MlflowClient, name: str) -> None:
    client.create_registered_model(name)
    client.create_model_version(name, "s3://b/1")
    client.create_model_version(name, "s3://b/2")
    client.set_registered_model_alias(name, "champion", "1")
    assert client.get_model_version_by_alias(name, "champion").version == "1"
    client.set_registered_model_alias(name, "champion", "2")
    by_alias = client.get_model_version_by_alias(name, "champion")
    assert (by_alias.version, by_alias.aliases) == ("2", ["champion"])
    assert client.get_registered_model(name).aliases == {"champion": "2"}
    client.delete_registered_model_alias(name, "champion")
    code, _ = error_code(lambda: client.get_model_version_by_alias(name, "champion"))
    assert code == "INVALID_PARAMETER_VALUE"
    if Version(mlflow.__version__) < Version("2.10"):
        # MLflow 2.9's client refuses the reserved `latest` alias itself, sending nothing.
        assert "reserved" in error_code(lambda: client.get_model_version_by_alias(name, "latest"))[1]
    else:
        assert client.get_model_version_by_alias(name, "latest").version == "2"


def test_sets_and_deletes_tags_and_descriptions(client: MlflowClient, name: str) -> None:
    client.create_registered_model(name, tags={"n": "1"})
    client.create_model_version(name, "s3://b/1", tags={"k": "v"})
    client.set_registered_model_tag(name, "stage", "dev")
    client.delete_registered_model_tag(name, "n")
    client.delete_registered_model_tag(name, "never-set")
    assert client.get_registered_model(name).tags == {"stage": "dev"}
    client.set_model_version_tag(name, "1", "mk", "mv")
    client.delete_model_version_tag(name, "1", "k")
    assert client.get_model_version(name, "1").tags == {"mk": "mv"}
    client.update_registered_model(name, description="second")
    assert client.get_registered_model(name).description == "second"
    updated = client.update_model_version(name, "1", description="v1 updated")
    assert updated.description == "v1 updated"
    assert updated.last_updated_timestamp >= updated.creation_timestamp


def test_transition_to_production_is_a_promotion(client: MlflowClient, native: Native, name: str) -> None:
    client.create_registered_model(name)
    client.create_model_version(name, "s3://b/1")
    client.create_model_version(name, "s3://b/2")
    v1, v2 = native.version_ids(name)
    assert client.transition_model_version_stage(name, "1", "Production").current_stage == "Production"
    # An edge attributed to v1, so the promotion of v2 over v1 has work waiting in the rescore queue.
    native.post(
        "/api/kg/edges",
        [
            {
                "subject": "GENE:1",
                "predicate": "biolink:regulates",
                "object": "MONDO:1",
                "confidence": 0.5,
                "origin": "model",
                "source_artifact_id": v1,
                "source_version": 1,
                "inputs": {"x": 1},
            }
        ],
    )
    promoted = client.transition_model_version_stage(name, "2", "production")
    assert promoted.current_stage == "Production"
    assert client.get_model_version(name, "1").current_stage == "None"
    assert native.model(v1)["status"] == "superseded"
    assert native.model(v2)["status"] == "promoted"
    [event] = native.get("/api/events", type="model_version_promoted", target=v2)["events"]
    assert event["detection_metadata"]["parent_id"] == v1
    payout = native.get("/api/credit/payouts", event_id=event["id"])
    assert payout["pool"] > 0
    assert {line["agent_id"] for line in payout["payouts"]} >= {"mlflow-agent"}
    queued = native.post("/api/jobs/rescore", {"dry_run": True}, status=200)
    assert (queued["parent_id"], queued["child_id"]) == (v1, v2)
    [production] = client.get_latest_versions(name, stages=["Production"])
    assert production.version == "2"


def test_refuses_the_staging_and_none_stages_pointing_to_aliases(client: MlflowClient, name: str) -> None:
    client.create_registered_model(name)
    client.create_model_version(name, "s3://b/1")
    for stage in ["Staging", "None"]:
        code, message = error_code(lambda stage=stage: client.transition_model_version_stage(name, "1", stage))
        assert code == "INVALID_PARAMETER_VALUE"
        assert "alias" in message
    assert error_code(lambda: client.transition_model_version_stage(name, "1", "Bogus"))[0] == (
        "INVALID_PARAMETER_VALUE"
    )
    assert client.get_model_version(name, "1").current_stage == "None"


def test_deleting_a_version_archives_it_and_drops_its_aliases(client: MlflowClient, native: Native, name: str) -> None:
    client.create_registered_model(name)
    client.create_model_version(name, "s3://b/1")
    client.create_model_version(name, "s3://b/2")
    client.set_registered_model_alias(name, "champion", "1")
    client.delete_model_version(name, "1")
    assert client.get_model_version(name, "1").current_stage == "Archived"
    assert client.get_registered_model(name).aliases == {}
    v1, _ = native.version_ids(name)
    assert native.model(v1)["status"] == "archived"
    deleted = native.get("/api/events", type="model_alias_deleted", target=v1)["events"]
    assert len(deleted) == 1
    [archived] = client.get_latest_versions(name, stages=["Archived"])
    assert archived.version == "1"


def test_deleting_a_registered_model_archives_everything_and_hides_it(
    client: MlflowClient, native: Native, name: str
) -> None:
    client.create_registered_model(name)
    client.create_model_version(name, "s3://b/1")
    client.create_model_version(name, "s3://b/2")
    client.transition_model_version_stage(name, "2", "Production")
    client.delete_registered_model(name)
    assert error_code(lambda: client.get_registered_model(name))[0] == "RESOURCE_DOES_NOT_EXIST"
    assert error_code(lambda: client.get_model_version(name, "1"))[0] == "RESOURCE_DOES_NOT_EXIST"
    assert list(client.search_registered_models(f"name = '{name}'")) == []
    assert list(client.search_model_versions(f"name = '{name}'")) == []
    lineage = native.get(f"/api/lineages/{name}")
    assert [version["status"] for version in lineage["versions"]] == ["archived", "archived"]
    client.create_registered_model(name)
    assert client.create_model_version(name, "s3://b/3").version == "3"


def test_provenance_tags_lift_the_quality_cap(client: MlflowClient, native: Native, name: str) -> None:
    dataset = native.artifact("dataset")
    analysis_input = native.artifact("dataset")
    analysis = native.artifact("analysis")
    native.post(
        "/api/links",
        {"source_id": analysis, "target_id": analysis_input, "link_type": "input", "target_version": 1},
    )
    client.create_registered_model(name)
    client.create_model_version(
        name, "s3://b/1", tags={"modelgraph.raw_quality_score": "0.9", "modelgraph.model_family": "deep_learning"}
    )
    [version_id] = native.version_ids(name)
    capped = native.model(version_id)
    assert (capped["quality_score"], capped["model_family"]) == (0.3, "deep_learning")
    assert "provenance_incomplete" in capped["flags"]
    client.set_model_version_tag(name, "1", "modelgraph.trained_on", f"{dataset}@1")
    client.set_model_version_tag(name, "1", "modelgraph.produced_by", analysis)
    lifted = native.model(version_id)
    assert lifted["quality_score"] == 0.9
    assert lifted["provenance"]["complete"] is True
    declared = client.create_model_version(
        name, "s3://b/2", tags={"modelgraph.trained_on": f"{dataset}@1", "modelgraph.produced_by": analysis}
    )
    second = native.model(native.version_ids(name)[1])
    assert second["provenance"]["complete"] is True
    assert second["model_family"] == "deep_learning"
    assert declared.tags["modelgraph.produced_by"] == analysis


def test_a_reserved_tag_naming_a_missing_artifact_is_refused(client: MlflowClient, native: Native, name: str) -> None:
    client.create_registered_model(name)
    missing = {"modelgraph.trained_on": "dataset-does-not-exist"}
    assert error_code(lambda: client.create_model_version(name, "s3://b/1", tags=missing))[0] == (
        "RESOURCE_DOES_NOT_EXIST"
    )
    assert native.get(f"/api/lineages/{name}")["versions"] == []
    client.create_model_version(name, "s3://b/1")
    key = "modelgraph.produced_by"
    assert error_code(lambda: client.set_model_version_tag(name, "1", key, "analysis-nope"))[0] == (
        "RESOURCE_DOES_NOT_EXIST"
    )
    assert "modelgraph.produced_by" not in client.get_model_version(name, "1").tags


def test_refusals_carry_mlflow_error_codes(client: MlflowClient, client_with_token: Any, name: str) -> None:
    client.create_registered_model(name)
    client.create_model_version(name, "s3://b/1")
    assert error_code(lambda: client.rename_registered_model(name, f"{name}-new"))[0] == "INVALID_PARAMETER_VALUE"
    assert error_code(lambda: client.create_registered_model("has spaces"))[0] == "INVALID_PARAMETER_VALUE"
    assert error_code(lambda: client.get_registered_model(f"{name}-nope"))[0] == "RESOURCE_DOES_NOT_EXIST"
    assert error_code(lambda: client.get_model_version(name, "9"))[0] == "RESOURCE_DOES_NOT_EXIST"
    assert error_code(lambda: client.set_registered_model_alias(name, "champion", "9"))[0] == (
        "RESOURCE_DOES_NOT_EXIST"
    )
    writer = client_with_token(os.environ["MODELGRAPH_WRITER_TOKEN"])
    code = error_code(lambda: writer.transition_model_version_stage(name, "1", "Production"))[0]
    assert code == "PERMISSION_DENIED"
    stranger = client_with_token(os.environ["MODELGRAPH_WRITER_TOKEN"])
    assert error_code(lambda: stranger.create_model_version(name, "s3://b/2"))[0] == "PERMISSION_DENIED"
    anonymous = client_with_token(None)
    assert error_code(lambda: anonymous.create_registered_model(f"{name}-x"))[0] == "UNAUTHENTICATED"
    assert anonymous.get_registered_model(name).name == name
    assert client.get_model_version(name, "1").current_stage == "None"
