"""The append-only events log."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ._http import Transport


@dataclass(frozen=True)
class Event:
    """One entry of the improvement log (`model_version_promoted`, `model_rescore`, …)."""

    id: int
    event_type: str
    target_artifact_id: str
    actor: str
    detection_metadata: dict[str, Any]
    created_at: str

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Event:
        """Reads the server's JSON."""
        return cls(
            data["id"],
            data["event_type"],
            data["target_artifact_id"],
            data["actor"],
            dict(data.get("detection_metadata") or {}),
            data["created_at"],
        )


@dataclass(frozen=True)
class EventPage:
    """One page of events, newest first, and how many match in all."""

    events: tuple[Event, ...]
    total: int

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> EventPage:
        """Reads the server's JSON."""
        return cls(tuple(Event.from_json(item) for item in data["events"]), data["total"])


class EventsApi:
    """`/api/events`: read the log, filtered by type, target and time."""

    def __init__(self, transport: Transport) -> None:
        self._t = transport

    def list(
        self,
        *,
        type: str | None = None,
        target: str | None = None,
        since: str | datetime | None = None,
        limit: int | None = None,
        offset: int | None = None,
    ) -> EventPage:
        """One page of events, newest first (`since` is an ISO 8601 moment)."""
        query = {"type": type, "target": target, "since": since, "limit": limit, "offset": offset}
        return EventPage.from_json(self._t.json("GET", "/api/events", query=query))

    def iter(
        self,
        *,
        type: str | None = None,
        target: str | None = None,
        since: str | datetime | None = None,
        page_size: int = 200,
    ) -> Iterator[Event]:
        """Every matching event, newest first, page after page (the log pages by offset)."""
        offset = 0
        while True:
            page = self.list(type=type, target=target, since=since, limit=page_size, offset=offset)
            yield from page.events
            offset += len(page.events)
            if not page.events or offset >= page.total:
                return
