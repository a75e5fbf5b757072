from __future__ import annotations

import pytest

from modelgraph import ApiError, Client, EdgeInput, Pin, RetractedInput


def test_retracts_a_dataset_version_after_a_dry_run_and_reinstates_it(admin: Client, uid: str) -> None:
    dataset = admin.artifacts.create("dataset", "Released twice", id=f"ds-retract-{uid}")
    admin.artifacts.add_version(dataset.id)
    analysis = admin.artifacts.create("analysis", "Fit", id=f"an-retract-{uid}")
    admin.artifacts.link(analysis.id, dataset.id, "input", target_version=1)
    model = admin.models.register(
        f"model-retract-{uid}",
        "Trained on v2",
        "statistical",
        raw_quality_score=0.9,
        trained_on=[Pin(dataset.id, 2)],
        produced_by=analysis.id,
    )
    assert model.quality_score == 0.9
    edge = EdgeInput(f"GENE:{uid}", "biolink:regulates", "MONDO:1", 0.8, "model", None, model.id, 1)
    admin.kg.insert_edges([edge])

    preview = admin.artifacts.retract(dataset.id, version=2, reason="labels swapped", dry_run=True)
    assert (preview.dry_run, preview.affected_models, preview.flagged_edges) == (True, (model.id,), 1)
    assert admin.models.get(model.id).quality_score == 0.9, "a dry run writes nothing"

    done = admin.artifacts.retract(
        dataset.id, version=2, reason="labels swapped", evidence_url="https://example.org/erratum"
    )
    assert (done.dry_run, done.version, done.affected_models, done.flagged_edges) == (
        False,
        2,
        (model.id,),
        1,
    )
    assert (done.retracted.reason, done.retracted.evidence_url) == (
        "labels swapped",
        "https://example.org/erratum",
    )
    capped = admin.models.get(model.id)
    assert (capped.quality_score, capped.flags) == (0.3, ("retracted_input",))
    assert capped.provenance.retracted == (RetractedInput(dataset.id, 2),)
    shown = admin.artifacts.get(dataset.id)
    assert shown.retracted is None
    assert [v.retracted is not None for v in shown.versions] == [False, True]
    assert [entry.version for entry in shown.retractions] == [2]
    assert [
        m.id for m in admin.models.iter(flag="retracted_input", q=f"model-retract-{uid}", all_versions=True)
    ] == [model.id]
    queued = [
        e for e in admin.kg.iter_review_queue(reason="retracted_input") if e.source_artifact_id == model.id
    ]
    assert [e.review_reason for e in queued] == ["retracted_input"]

    with pytest.raises(ApiError) as raised:
        admin.artifacts.retract(dataset.id, version=2, reason="again")
    assert (raised.value.status, raised.value.code) == (409, "already_retracted")

    back = admin.artifacts.reinstate(dataset.id, version=2, reason="labels were right", dry_run=True)
    assert (back.dry_run, back.restored_models) == (True, (model.id,))
    assert admin.models.get(model.id).quality_score == 0.3, "a dry run writes nothing"
    back = admin.artifacts.reinstate(dataset.id, version=2, reason="labels were right")
    assert (back.retraction.reason, back.reinstated.reason) == ("labels swapped", "labels were right")
    restored = admin.models.get(model.id)
    assert (restored.quality_score, restored.flags, restored.provenance.retracted) == (0.9, (), ())
    [entry] = admin.artifacts.get(dataset.id).retractions
    assert entry.reinstated is not None
    assert entry.reinstated.reason == "labels were right"


def test_refuses_to_retract_a_hypothesis(admin: Client, uid: str) -> None:
    hypothesis = admin.artifacts.create("hypothesis", "Not retractable", id=f"hyp-retract-{uid}")
    with pytest.raises(ApiError) as raised:
        admin.artifacts.retract(hypothesis.id, reason="no")
    assert (raised.value.status, raised.value.code) == (400, "not_retractable")
    assert admin.artifacts.get(hypothesis.id).retractions == ()
