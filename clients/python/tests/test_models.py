from __future__ import annotations

import os
import sys

import httpx
import pytest

from modelgraph import UNSET, ApiError, Client, Pin, ProcessRuntime

from .conftest import MakeAgent
from .world import build_provenance, register_complete

# The interpreter as the server's MODELGRAPH_RUNTIME_COMMANDS lists it: absolute, without `..`.
PYTHON = os.path.abspath(sys.executable)


def test_registers_a_version_with_complete_provenance_at_its_raw_score(admin: Client, uid: str) -> None:
    provenance = build_provenance(admin, uid)
    model = register_complete(admin, f"model-complete-{uid}", provenance, raw=0.74)
    assert (model.version_number, model.parent_id, model.is_latest, model.status) == (
        1,
        None,
        True,
        "candidate",
    )
    assert model.provenance.complete
    assert model.provenance.missing == ()
    assert model.quality_score == pytest.approx(0.74)
    assert [(link.id, link.version) for link in model.links.trained_on] == [(provenance.dataset_id, 1)]
    assert [link.id for link in model.links.produced_by] == [provenance.analysis_id]


def test_a_bare_registration_is_accepted_capped_and_flagged(admin: Client, uid: str) -> None:
    model = admin.models.register(f"model-bare-{uid}", "Bare", "deep_learning", raw_quality_score=0.9)
    assert not model.provenance.complete
    assert set(model.provenance.missing) >= {"trained_on_dataset", "produced_by_analysis"}
    assert model.quality_score == pytest.approx(0.3)
    assert "provenance_incomplete" in model.flags


def test_shows_the_mlflow_record_only_of_versions_created_through_the_mlflow_face(
    admin: Client, server_url: str, uid: str
) -> None:
    native = admin.models.register(f"model-native-{uid}", "Native", "statistical")
    assert native.mlflow is None
    name = f"model-mlflow-{uid}"
    created = httpx.post(
        f"{server_url}/api/2.0/mlflow/model-versions/create",
        json={"name": name, "source": "models:/m-0a1b", "model_id": "m-0a1b", "run_id": "r-1"},
        headers={"authorization": f"Bearer {os.environ['MODELGRAPH_TEST_ADMIN_TOKEN']}"},
    )
    assert created.status_code == 200, created.text
    record = admin.models.get(f"{name}-v1").mlflow
    assert record is not None
    assert (record.model_id, record.run_id) == ("m-0a1b", "r-1")
    # The suite's server names no MLflow tracking server, so there is nothing to enrich from.
    assert (record.enrichment_status, record.enrichment_attempts, record.enrichment_last_error) == (
        "off",
        0,
        None,
    )


def test_numbers_versions_in_a_lineage_and_resolves_aliases(admin: Client, uid: str) -> None:
    name = f"model-lineage-{uid}"
    first = admin.models.register(name, "v1", "biophysical", parameters={"k": 1}, parameter_count=1)
    second = admin.models.register(name, "v2", "biophysical", parameters={"k": 2}, parameter_count=1)
    assert (second.version_number, second.parent_id) == (2, first.id)
    assert [v.id for v in admin.models.get(first.id).versions] == [first.id, second.id]
    assert admin.models.get(f"{name}@latest").id == second.id
    assert not admin.models.get(first.id).is_latest
    assert [m.id for m in admin.models.list(q=name).models] == [second.id]
    assert {m.id for m in admin.models.list(q=name, all_versions=True).models} == {first.id, second.id}
    assert admin.models.list(q=name, all_versions=False).total == 1


def test_lists_with_filters_and_iterates_every_page_by_cursor(admin: Client, uid: str) -> None:
    provenance = build_provenance(admin, uid)
    ids = {
        register_complete(admin, f"model-page-{uid}-{n}", provenance, raw=0.1 * (n + 1)).id for n in range(5)
    }
    page = admin.models.list(dataset=provenance.dataset_id, sort="quality_score", order="desc", limit=2)
    assert page.total == 5
    assert len(page.models) == 2
    assert page.next_cursor is not None
    assert page.models[0].quality_score >= page.models[1].quality_score

    walked = list(admin.models.iter(dataset=provenance.dataset_id, sort="quality_score", page_size=2))
    assert {model.id for model in walked} == ids
    assert len(walked) == 5
    scores = [model.quality_score for model in walked]
    assert scores == sorted(scores, reverse=True)
    assert all(model.trained_on == (provenance.dataset_id,) for model in walked)

    searched = admin.models.list(q=f"model-page-{uid}-3")
    assert [model.id for model in searched.models] == [f"model-page-{uid}-3-v1"]


def test_compares_versions(admin: Client, uid: str) -> None:
    provenance = build_provenance(admin, uid)
    name = f"model-cmp-{uid}"
    a = register_complete(admin, name, provenance, evaluation_metrics={"rmse": 0.2, "auc": 0.7})
    b = register_complete(admin, name, provenance, evaluation_metrics={"rmse": 0.1, "auc": 0.8})
    comparison = admin.models.compare([a.id, b.id])
    assert [model.id for model in comparison.models] == [a.id, b.id]
    best = {row.metric: (row.direction, row.best) for row in comparison.metrics}
    assert best["rmse"] == ("lower_is_better", b.id)
    assert best["auc"] == ("higher_is_better", b.id)
    assert comparison.training_data.jaccard == 1
    assert comparison.provenance[a.id].complete
    assert any(node.id == provenance.dataset_id for node in comparison.provenance[a.id].nodes)


def test_compare_names_the_unknown_ids(admin: Client, uid: str) -> None:
    model = admin.models.register(f"model-cmp404-{uid}", "Known", "statistical")
    with pytest.raises(ApiError) as raised:
        admin.models.compare([model.id, f"ghost-{uid}"])
    assert (raised.value.status, raised.value.code) == (404, "not_found")
    assert raised.value.details == {"missing": [f"ghost-{uid}"]}


def test_promotes_supersedes_and_refuses_promoting_twice(
    admin: Client, make_agent: MakeAgent, uid: str
) -> None:
    _, evaluator = make_agent("evaluator", ("evaluate",))
    name = f"model-promote-{uid}"
    first = admin.models.register(name, "v1", "statistical")
    second = admin.models.register(name, "v2", "statistical")
    promoted = evaluator.models.promote(first.id)
    assert promoted.model.status == "promoted"
    assert promoted.event.event_type == "model_version_promoted"
    assert promoted.event.detection_metadata["parent_id"] is None

    again = evaluator.models.promote(f"{name}@latest", notes="better")
    assert again.event.detection_metadata["parent_id"] == first.id
    assert admin.models.get(first.id).status == "superseded"
    assert admin.models.get(f"{name}@promoted").id == second.id

    with pytest.raises(ApiError) as raised:
        evaluator.models.promote(second.id)
    assert (raised.value.status, raised.value.code) == (409, "illegal_status_change")


def test_promoting_needs_the_evaluate_scope(make_agent: MakeAgent, uid: str) -> None:
    _, writer = make_agent("writer", ("write",))
    model = writer.models.register(f"model-noeval-{uid}", "v1", "statistical")
    with pytest.raises(ApiError) as raised:
        writer.models.promote(model.id)
    assert (raised.value.status, raised.value.code) == (403, "forbidden")
    assert writer.models.get(model.id).status == "candidate"


def test_patches_the_raw_score_and_metrics_and_archives(admin: Client, uid: str) -> None:
    provenance = build_provenance(admin, uid)
    model = register_complete(admin, f"model-patch-{uid}", provenance, raw=0.5)
    patched = admin.models.update(model.id, raw_quality_score=0.9, evaluation_metrics={"f1": 0.8})
    assert patched.quality_score == pytest.approx(0.9)
    assert patched.evaluation_metrics == {"f1": 0.8}
    kept = admin.models.update(model.id, evaluation_metrics={"f1": 0.85})
    assert kept.raw_quality_score == pytest.approx(0.9)
    cleared = admin.models.update(model.id, raw_quality_score=None)
    assert cleared.raw_quality_score is None
    assert cleared.quality_score == 0
    archived = admin.models.update(model.id, archive=True, raw_quality_score=UNSET)
    assert archived.status == "archived"


def test_sets_and_deletes_version_tags(admin: Client, uid: str) -> None:
    model = admin.models.register(f"model-tags-{uid}", "Tagged", "statistical")
    change = admin.models.set_tag(model.id, "team/owner", "maya")
    assert (change.key, change.value, change.previous) == ("team/owner", "maya", None)
    assert admin.models.set_tag(model.id, "team/owner", "ana").previous == "maya"
    assert admin.models.get(model.id).tags == {"team/owner": "ana"}
    assert [m.id for m in admin.models.list(tags=["team/owner:ana"], q=uid).models] == [model.id]
    admin.models.delete_tag(model.id, "team/owner")
    assert admin.models.get(model.id).tags == {}


def test_a_process_runtime_is_shown_to_maintainers_and_hidden_from_others(
    public: Client, make_agent: MakeAgent, uid: str
) -> None:
    _, writer = make_agent("runtime-writer", ("write",))
    runtime = ProcessRuntime(command=[PYTHON, "-c", "pass"], env={"MODEL": "x"})
    model = writer.models.register(f"model-runtime-{uid}", "Runnable", "statistical", runtime=runtime)
    assert model.runtime == {
        "kind": "process",
        "command": [PYTHON, "-c", "pass"],
        "env": {"MODEL": "x"},
    }
    hidden = public.models.get(model.id).runtime
    assert hidden is not None
    assert hidden["kind"] == "process"
    assert "command" not in hidden


def test_a_process_runtime_of_an_unlisted_program_needs_admin(make_agent: MakeAgent, uid: str) -> None:
    _, writer = make_agent("runtime-writer", ("write",))
    with pytest.raises(ApiError) as raised:
        writer.models.register(
            f"model-unlisted-{uid}",
            "Unlisted",
            "statistical",
            runtime=ProcessRuntime(command=["/bin/sh", "x"]),
        )
    assert (raised.value.status, raised.value.code) == (403, "forbidden")


def test_only_maintainers_register_further_versions(admin: Client, make_agent: MakeAgent, uid: str) -> None:
    _, owner = make_agent("owner", ("write",))
    _, stranger = make_agent("stranger", ("write",))
    name = f"model-owned-{uid}"
    owner.models.register(name, "v1", "statistical")
    with pytest.raises(ApiError) as raised:
        stranger.models.register(name, "v2", "statistical")
    assert (raised.value.status, raised.value.code) == (403, "not_a_maintainer")
    assert admin.lineages.get(name).version_count == 1


def test_exports_prov_ro_crate_and_openlineage(admin: Client, uid: str) -> None:
    provenance = build_provenance(admin, uid)
    model = register_complete(
        admin, f"model-formats-{uid}", provenance, inputs=[Pin(provenance.dataset_id, 1)]
    )
    prov = admin.models.prov(model.id)
    assert "entity" in prov
    assert any(model.id in key for key in prov["entity"])
    crate = admin.models.ro_crate(model.id)
    assert any(node.get("@id") == "ro-crate-metadata.json" for node in crate["@graph"])
    events = admin.models.openlineage(model.id)
    assert [event["eventType"] for event in events] == ["START", "COMPLETE"]
    assert events[0]["run"]["runId"] == events[1]["run"]["runId"]
