"""Governed promotion: a lineage's promotion policy, and promotion requests with approvals and checks."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from ._http import Transport, drop_none, follow_cursor, segment

RequestStatus = Literal["open", "approved", "rejected", "withdrawn", "superseded"]
CheckName = Literal["complete_provenance", "impact_preview", "flag_fraction"]


@dataclass(frozen=True)
class Policy:
    """What promoting a lineage needs; the defaults (no approvals, no evidence) mean a direct promotion."""

    required_approvals: int
    exclude_contributors: bool
    require_complete_provenance: bool
    require_impact_preview: bool
    preview_max_age_hours: int
    max_flag_fraction: float | None

    @property
    def governed(self) -> bool:
        """Whether a promotion needs a request: the policy requires an approval or some evidence."""
        return (
            self.required_approvals > 0
            or self.require_complete_provenance
            or self.require_impact_preview
            or self.max_flag_fraction is not None
        )

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Policy:
        """Reads the server's JSON."""
        return cls(
            data["required_approvals"],
            data["exclude_contributors"],
            data["require_complete_provenance"],
            data["require_impact_preview"],
            data["preview_max_age_hours"],
            data.get("max_flag_fraction"),
        )


@dataclass(frozen=True)
class Decision:
    """An approval or a rejection of a request: who, their comment, when."""

    agent_id: str
    comment: str | None
    at: str

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Decision:
        """Reads the server's JSON."""
        return cls(data["agent_id"], data.get("comment"), data["at"])


@dataclass(frozen=True)
class Check:
    """One requirement of the policy, as the request's evidence meets it (or not)."""

    name: CheckName
    passed: bool
    detail: str

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Check:
        """Reads the server's JSON."""
        return cls(data["name"], data["passed"], data["detail"])


@dataclass(frozen=True)
class PromotionRequest:
    """A request to promote a version of a governed lineage, with its approvals, rejections and checks.

    While it is `open`, `required_approvals` and `checks` follow the lineage's policy and evidence now;
    once decided they are those it was decided on.
    """

    id: int
    model_id: str
    model_name: str
    status: RequestStatus
    requested_by: str
    note: str | None
    created_at: str
    decided_at: str | None
    required_approvals: int
    approvals: tuple[Decision, ...]
    rejections: tuple[Decision, ...]
    checks: tuple[Check, ...]

    @property
    def checks_passed(self) -> bool:
        """Whether every check passes (true when the policy requires none)."""
        return all(check.passed for check in self.checks)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> PromotionRequest:
        """Reads the server's JSON."""
        return cls(
            data["id"],
            data["model_id"],
            data["model_name"],
            data["status"],
            data["requested_by"],
            data.get("note"),
            data["created_at"],
            data.get("decided_at"),
            data["required_approvals"],
            tuple(Decision.from_json(item) for item in data["approvals"]),
            tuple(Decision.from_json(item) for item in data["rejections"]),
            tuple(Check.from_json(item) for item in data["checks"]),
        )


@dataclass(frozen=True)
class PromotionRequestPage:
    """One page of requests, newest first; `next_cursor` None on the last page."""

    requests: tuple[PromotionRequest, ...]
    next_cursor: str | None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> PromotionRequestPage:
        """Reads the server's JSON."""
        return cls(
            tuple(PromotionRequest.from_json(item) for item in data["requests"]),
            data.get("next_cursor"),
        )


class PromotionRequestsApi:
    """`/api/promotion-requests`: promote a version of a governed lineage with approvals and evidence.

    The approval that brings a request to its required count, with every check passing, promotes the
    version in the same transaction (the rescore and the payout follow as for any promotion).
    """

    def __init__(self, transport: Transport) -> None:
        self._t = transport

    def open(self, model_id: str, *, note: str | None = None) -> PromotionRequest:
        """Requests the promotion of a candidate version (scope `evaluate`, or a lineage maintainer)."""
        path = f"/api/models/{segment(model_id)}/promotion-requests"
        return PromotionRequest.from_json(self._t.json("POST", path, body=drop_none({"note": note})))

    def get(self, request_id: int) -> PromotionRequest:
        """One request with its approvals, rejections and checks."""
        return PromotionRequest.from_json(self._t.json("GET", f"/api/promotion-requests/{request_id}"))

    def list(
        self,
        *,
        status: RequestStatus | None = None,
        model_name: str | None = None,
        limit: int | None = None,
        cursor: str | None = None,
    ) -> PromotionRequestPage:
        """One page of requests, newest first, by status and lineage."""
        query = {"status": status, "model_name": model_name, "limit": limit, "cursor": cursor}
        return PromotionRequestPage.from_json(self._t.json("GET", "/api/promotion-requests", query=query))

    def iter(
        self, *, status: RequestStatus | None = None, model_name: str | None = None, page_size: int = 200
    ) -> Iterator[PromotionRequest]:
        """Every matching request, newest first, following `next_cursor`."""

        def fetch(cursor: str | None) -> tuple[tuple[PromotionRequest, ...], str | None]:
            page = self.list(status=status, model_name=model_name, limit=page_size, cursor=cursor)
            return page.requests, page.next_cursor

        return follow_cursor(fetch)

    def _decide(self, request_id: int, action: str, comment: str | None) -> PromotionRequest:
        path = f"/api/promotion-requests/{request_id}/{action}"
        return PromotionRequest.from_json(self._t.json("POST", path, body=drop_none({"comment": comment})))

    def approve(self, request_id: int, *, comment: str | None = None) -> PromotionRequest:
        """Approves (scope `evaluate`; not the requester, nor a contributor the policy excludes).

        The request comes back `approved` — its version promoted — when this approval completes it
        and every check passes; otherwise still `open`, with the approval recorded.
        """
        return self._decide(request_id, "approve", comment)

    def reject(self, request_id: int, comment: str) -> PromotionRequest:
        """Rejects, saying why (scope `evaluate`, the same eligibility as approving)."""
        return self._decide(request_id, "reject", comment)

    def withdraw(self, request_id: int) -> PromotionRequest:
        """Withdraws the request (its requester or `admin`)."""
        return self._decide(request_id, "withdraw", None)
