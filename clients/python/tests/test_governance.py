from __future__ import annotations

import pytest

from modelgraph import ApiError, Client

from .conftest import MakeAgent


def test_sets_a_policy_that_refuses_a_direct_promotion_unless_overridden(admin: Client, uid: str) -> None:
    name = f"model-gov-{uid}"
    first = admin.models.register(name, "v1", "statistical")
    admin.models.register(name, "v2", "statistical")
    assert not admin.lineages.policy(name).governed
    policy = admin.lineages.set_policy(name, required_approvals=2, max_flag_fraction=0.1)
    assert (policy.required_approvals, policy.max_flag_fraction, policy.preview_max_age_hours) == (2, 0.1, 24)
    assert policy.governed
    assert admin.lineages.get(name).policy == policy

    with pytest.raises(ApiError) as refused:
        admin.models.promote(first.id)
    assert (refused.value.status, refused.value.code) == (409, "promotion_needs_request")
    assert f"/api/models/{first.id}/promotion-requests" in refused.value.message

    promotion = admin.models.promote(first.id, override=True, reason="the evaluator is away")
    assert promotion.event.detection_metadata["override"] is True
    assert promotion.event.detection_metadata["reason"] == "the evaluator is away"


def test_requests_approves_and_promotes(admin: Client, make_agent: MakeAgent, uid: str) -> None:
    _, requester = make_agent("requester", ("evaluate",))
    reviewer_id, reviewer = make_agent("reviewer", ("evaluate",))
    name = f"model-req-{uid}"
    first = admin.models.register(name, "v1", "statistical")
    second = admin.models.register(name, "v2", "statistical")
    third = admin.models.register(name, "v3", "statistical")
    admin.models.promote(first.id)
    admin.lineages.set_policy(name, required_approvals=1)

    request = requester.promotion_requests.open(second.id, note="better on held-out donors")
    assert (request.status, request.model_id, request.note, request.required_approvals) == (
        "open",
        second.id,
        "better on held-out donors",
        1,
    )
    assert request.checks == ()
    assert request.checks_passed
    with pytest.raises(ApiError) as twice:
        requester.promotion_requests.open(second.id)
    assert (twice.value.status, twice.value.code) == (409, "request_exists")
    with pytest.raises(ApiError) as own:
        requester.promotion_requests.approve(request.id)
    assert (own.value.status, own.value.code) == (403, "not_an_eligible_approver")

    approved = reviewer.promotion_requests.approve(request.id, comment="checked the metrics")
    assert approved.status == "approved"
    assert [(a.agent_id, a.comment) for a in approved.approvals] == [(reviewer_id, "checked the metrics")]
    assert admin.models.get(second.id).status == "promoted"
    assert requester.promotion_requests.get(request.id) == approved

    rejected = reviewer.promotion_requests.reject(
        requester.promotion_requests.open(third.id).id, "no held-out evaluation"
    )
    assert rejected.status == "rejected"
    assert rejected.rejections[0].comment == "no held-out evaluation"
    withdrawn = requester.promotion_requests.withdraw(requester.promotion_requests.open(third.id).id)
    assert withdrawn.status == "withdrawn"

    page = admin.promotion_requests.list(model_name=name, limit=2)
    assert [r.status for r in page.requests] == ["withdrawn", "rejected"]
    assert page.next_cursor is not None
    assert [r.id for r in admin.promotion_requests.iter(model_name=name, page_size=1)] == [
        withdrawn.id,
        rejected.id,
        request.id,
    ]
    assert [r.id for r in admin.promotion_requests.iter(model_name=name, status="approved")] == [request.id]


def test_reads_the_lineage_and_an_alias_as_they_stood(admin: Client, uid: str) -> None:
    name = f"model-hist-{uid}"
    first = admin.models.register(name, "v1", "statistical")
    second = admin.models.register(name, "v2", "statistical")
    admin.lineages.set_alias(name, "champion", 1)
    admin.models.promote(first.id)
    admin.lineages.set_alias(name, "champion", 2)

    entries = list(admin.lineages.iter_timeline(name, page_size=2))
    assert [(e.kind, e.version_id) for e in entries] == [
        ("alias_set", second.id),
        ("promoted", first.id),
        ("alias_set", first.id),
        ("registered", second.id),
        ("registered", first.id),
    ]
    assert (entries[0].alias, entries[0].from_version, entries[0].to_version) == (
        "champion",
        first.id,
        second.id,
    )
    promoted_at = entries[1].at

    then = admin.lineages.get(name, as_of=promoted_at)
    assert (then.as_of, then.promoted, then.aliases) == (promoted_at, first.id, {"champion": first.id})
    assert [v.status for v in then.versions] == ["promoted", "candidate"]
    assert admin.models.get(f"{name}@champion", as_of=promoted_at).id == first.id
    assert admin.models.get(f"{name}@champion").id == second.id
    with pytest.raises(ApiError) as unset:
        admin.models.get(f"{name}@champion", as_of=entries[-1].at)
    assert (unset.value.status, unset.value.code) == (404, "alias_not_set")
    with pytest.raises(ApiError) as before:
        admin.lineages.get(name, as_of="2000-01-01")
    assert before.value.status == 404
