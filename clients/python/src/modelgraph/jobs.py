"""The jobs the server runs on request (admin): the rescore pass and the edge backfill (docs/jobs.md)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ._http import Transport, drop_none


@dataclass(frozen=True)
class Histogram:
    """How many edges fell in each bucket of `delta = new - old`, and how many were not re-scored."""

    large_decrease: int
    decrease: int
    stable: int
    increase: int
    skipped_no_inputs: int
    failed: int

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Histogram:
        """Reads the server's JSON."""
        return cls(
            data["large_decrease"],
            data["decrease"],
            data["stable"],
            data["increase"],
            data["skipped_no_inputs"],
            data["failed"],
        )

    def as_dict(self) -> dict[str, int]:
        """The buckets by name, in the order of the pass's log line."""
        return {
            "large_decrease": self.large_decrease,
            "decrease": self.decrease,
            "stable": self.stable,
            "increase": self.increase,
            "skipped_no_inputs": self.skipped_no_inputs,
            "failed": self.failed,
        }


@dataclass(frozen=True)
class RescoreSummary:
    """The summary of one rescore pass (its log line).

    `outcome` is `ok`, `noop`, `failed` or `dry_run`; `reason` says why for the last three.
    """

    at: str
    parent_id: str | None
    child_id: str | None
    edges_processed: int
    histogram: Histogram
    queued_edges: int
    queued_promotions: int
    duration_ms: int
    outcome: str
    reason: str | None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> RescoreSummary:
        """Reads the server's JSON."""
        return cls(
            data["at"],
            data.get("parent_id"),
            data.get("child_id"),
            data["edges_processed"],
            Histogram.from_json(data["histogram"]),
            data["queued_edges"],
            data["queued_promotions"],
            data["duration_ms"],
            data["outcome"],
            data.get("reason"),
        )


@dataclass(frozen=True)
class BackfillSummary:
    """What one backfill attributed, by rule, and how many edges stay unknown."""

    attributed: dict[str, int]
    unknown: int
    scanned: int
    duration_ms: float
    dry_run: bool

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> BackfillSummary:
        """Reads the server's JSON."""
        return cls(
            dict(data["attributed"]), data["unknown"], data["scanned"], data["duration_ms"], data["dry_run"]
        )


class JobsApi:
    """`/api/jobs` (admin): run a job inside the server and get its summary."""

    def __init__(self, transport: Transport) -> None:
        self._t = transport

    def rescore(self, *, dry_run: bool = False, since_hours: float | None = None) -> RescoreSummary:
        """Runs one rescore pass: the promotion at the head of the queue, at most one lineage a window."""
        body = drop_none({"dry_run": dry_run, "since_hours": since_hours})
        return RescoreSummary.from_json(self._t.json("POST", "/api/jobs/rescore", body=body))

    def backfill_edges(self, *, dry_run: bool = False, concurrency: int | None = None) -> BackfillSummary:
        """Attributes unattributed model edges from the trails in their metadata."""
        body = drop_none({"dry_run": dry_run, "concurrency": concurrency})
        return BackfillSummary.from_json(self._t.json("POST", "/api/jobs/backfill-edges", body=body))
