"""Promotion end to end: impact preview, promotion, a rescore pass run by the process runtime of
scripted_runner.py (through modelgraph.runner), the review queue, events and the payout."""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest

import modelgraph
from modelgraph import ApiError, Client, ModelDetail, ProcessRuntime

from .conftest import MakeAgent
from .world import build_provenance, register_complete

SCRIPT = Path(__file__).with_name("scripted_runner.py")

# (old confidence, the new one the runtime answers, the bucket of the change)
CHANGES = [
    (0.9, 0.5, "large_decrease"),
    (0.6, 0.5, "decrease"),
    (0.5, 0.52, "stable"),
    (0.3, 0.6, "increase"),
]

# The interpreter as the server's MODELGRAPH_RUNTIME_COMMANDS lists it: absolute, without `..`.
PYTHON = os.path.abspath(sys.executable)


@dataclass(frozen=True)
class Promotable:
    parent: ModelDetail
    child: ModelDetail
    edge_ids: list[str]
    no_inputs_id: str


def runtime(mode: str) -> ProcessRuntime:
    return ProcessRuntime(
        command=[PYTHON, str(SCRIPT), mode],
        env={"PYTHONPATH": str(Path(modelgraph.__file__).resolve().parent.parent)},
    )


def build_promotable(admin: Client, trainer: Client, uid: str, mode: str = "batch") -> Promotable:
    provenance = build_provenance(trainer, uid)
    name = f"model-rescore-{uid}"
    parent = register_complete(trainer, name, provenance, raw=0.6)
    admin.models.promote(parent.id)
    edges = [
        {
            "id": f"rescore-{uid}-{bucket}",
            "subject": f"HGNC:{uid}{n}",
            "predicate": "biolink:related_to",
            "object": "MONDO:0004975",
            "confidence": old,
            "origin": "model",
            "source_artifact_id": parent.id,
            "source_version": parent.version_number,
            "inputs": {"next": new},
        }
        for n, (old, new, bucket) in enumerate(CHANGES)
    ]
    no_inputs = {**edges[0], "id": f"rescore-{uid}-none", "subject": f"HGNC:{uid}x"}
    del no_inputs["inputs"]
    trainer.kg.insert_edges([*edges, no_inputs])
    child = register_complete(trainer, name, provenance, raw=0.9, runtime=runtime(mode))
    return Promotable(parent, child, [str(edge["id"]) for edge in edges], str(no_inputs["id"]))


def rescore_until_it_works(admin: Client) -> modelgraph.RescoreSummary:
    """One pass per rescore window: a pass refused because another just ran is tried again."""
    for _ in range(50):
        summary = admin.jobs.rescore(since_hours=1)
        if summary.outcome != "noop" or "another pass" not in (summary.reason or ""):
            return summary
        time.sleep(0.2)
    pytest.fail("every rescore pass was refused: is MODELGRAPH_RESCORE_WINDOW_HOURS short?")


def test_previews_promotes_rescores_and_pays(admin: Client, make_agent: MakeAgent, uid: str) -> None:
    trainer_id, trainer = make_agent("trainer", ("write",))
    evaluator_id, evaluator = make_agent("evaluator", ("evaluate",))
    world = build_promotable(admin, trainer, uid)

    preview = evaluator.models.impact_preview(world.child.id)
    assert (preview.child_id, preview.parent_id) == (world.child.id, world.parent.id)
    expected = {
        "large_decrease": 1,
        "decrease": 1,
        "stable": 1,
        "increase": 1,
        "skipped_no_inputs": 1,
        "failed": 0,
    }
    assert preview.histogram.as_dict() == expected
    assert preview.would_flag_edge_ids == (world.edge_ids[0],)
    assert {change.edge_id: change.bucket for change in preview.largest_changes} == {
        edge_id: bucket for edge_id, (_, _, bucket) in zip(world.edge_ids, CHANGES, strict=True)
    }
    assert {payout.agent_id for payout in preview.payout_preview.payouts} >= {trainer_id, evaluator_id}
    assert admin.kg.get(world.edge_ids[0]).edge.source_artifact_id == world.parent.id

    promotion = evaluator.models.promote(world.child.id, notes="better held-out AUC")
    assert promotion.event.detection_metadata["parent_id"] == world.parent.id

    promoted_at = datetime.fromisoformat(promotion.event.created_at.replace("Z", "+00:00"))
    summary = rescore_until_it_works(admin)
    assert (summary.outcome, summary.parent_id, summary.child_id) == ("ok", world.parent.id, world.child.id)
    assert summary.histogram == preview.histogram
    assert summary.edges_processed == 5

    for edge_id, (old, new, bucket) in zip(world.edge_ids, CHANGES, strict=True):
        detail = admin.kg.get(edge_id)
        assert (detail.edge.confidence, detail.edge.source_artifact_id) == (new, world.child.id)
        assert [entry.confidence for entry in detail.history] == [old, new]
        assert detail.edge.review_flag == (bucket == "large_decrease")
        then = admin.kg.get(edge_id, as_of=promoted_at)
        assert (then.edge.confidence, then.edge.source_artifact_id) == (old, world.parent.id)
        [event] = admin.events.iter(type="model_rescore", target=edge_id)
        assert event.detection_metadata["bucket"] == bucket
    assert admin.kg.get(world.no_inputs_id).edge.source_artifact_id == world.parent.id
    as_they_were = admin.kg.list(source_artifact_id=world.parent.id, as_of=promotion.event.created_at)
    assert as_they_were.total == 5
    assert admin.kg.list(source_artifact_id=world.parent.id).total == 1
    assert len(list(admin.events.iter(type="model_rescore", since=promoted_at))) >= 4

    assert [e.id for e in admin.kg.list(source_artifact_id=world.child.id, flagged=True).edges] == [
        world.edge_ids[0]
    ]
    assert admin.kg.list(source_artifact_id=world.child.id, flagged=False).total == 3
    flagged = [edge.id for edge in admin.kg.iter_review_queue()]
    assert world.edge_ids[0] in flagged
    review = evaluator.kg.review(world.edge_ids[0], "keep", "the new version is right")
    assert not review.edge.review_flag
    assert review.edge.agent_type == "manual_validation_of_automated_agent"
    assert world.edge_ids[0] not in [edge.id for edge in admin.kg.iter_review_queue()]

    report = admin.credit.payouts(promotion.event.id)
    assert report.event_id == promotion.event.id
    paid = sum(payout.amount_micro for payout in report.payouts)
    assert paid + report.withheld_micro == report.pool_micro
    roles = {(payout.agent_id, payout.role) for payout in report.payouts}
    assert {(trainer_id, "trainer"), (trainer_id, "dataset_curator"), (evaluator_id, "eval_runner")} <= roles
    trainer_wallet = admin.agents.wallet(trainer_id)
    assert trainer_wallet.balance > 0
    assert any(transfer.event_id == promotion.event.id for transfer in trainer_wallet.transfers)
    assert admin.agents.get(evaluator_id).wallet.balance_micro > 0


def test_a_runtime_that_answers_too_few_fails_the_pass_and_moves_nothing(
    admin: Client, make_agent: MakeAgent, uid: str
) -> None:
    _, trainer = make_agent("trainer", ("write",))
    world = build_promotable(admin, trainer, uid, mode="short")
    admin.models.promote(world.child.id)
    summary = rescore_until_it_works(admin)
    assert summary.child_id == world.child.id
    assert summary.histogram.failed == 4
    assert summary.histogram.skipped_no_inputs == 1
    for edge_id in world.edge_ids:
        assert admin.kg.get(edge_id).edge.source_artifact_id == world.parent.id


def test_the_preview_needs_a_promoted_parent(admin: Client, uid: str) -> None:
    model = admin.models.register(f"model-nopreview-{uid}", "Alone", "statistical", runtime=runtime("each"))
    with pytest.raises(ApiError) as raised:
        admin.models.impact_preview(model.id)
    assert (raised.value.status, raised.value.code) == (422, "no_promoted_version")


def test_runs_the_backfill_and_reads_the_accounts(admin: Client, uid: str) -> None:
    model = admin.models.register(f"model-backfill-{uid}", "Backfilled", "statistical")
    admin.kg.insert_edges(
        [
            {
                "id": f"legacy-{uid}",
                "subject": f"HGNC:{uid}",
                "predicate": "biolink:related_to",
                "object": "MONDO:0004975",
                "confidence": 0.4,
                "origin": "model",
                "metadata": {"model_id": model.id},
            }
        ]
    )
    dry = admin.jobs.backfill_edges(dry_run=True)
    assert dry.dry_run
    assert dry.attributed["model_id"] >= 1
    assert admin.kg.get(f"legacy-{uid}").edge.source_artifact_id is None
    done = admin.jobs.backfill_edges()
    assert done.attributed["model_id"] >= 1
    assert admin.kg.get(f"legacy-{uid}").edge.source_artifact_id == model.id

    accounts = admin.credit.accounts()
    assert "treasury" in {account.id for account in accounts.accounts}
    assert sum(account.balance_micro for account in accounts.accounts) == accounts.total_micro
    minted = admin.credit.mint(f"mint-{uid}", 5, "test top-up")
    assert minted.minted
    assert admin.credit.mint(f"mint-{uid}", 5, "test top-up").minted is False


def test_jobs_need_admin(make_agent: MakeAgent) -> None:
    _, evaluator = make_agent("evaluator", ("evaluate",))
    with pytest.raises(ApiError) as raised:
        evaluator.jobs.rescore(dry_run=True)
    assert (raised.value.status, raised.value.code) == (403, "forbidden")
