"""The knowledge graph: edges, their history, the review queue and the KGX export."""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from ._http import Transport, drop_none, follow_cursor, segment
from .errors import ApiError, TransportError
from .events import Event
from .nodes import NodesApi

ReviewReason = Literal["large_decrease", "retracted_input"]

Origin = Literal["model", "curated", "literature", "other"]
EdgeStatus = Literal["active", "retracted"]

MAX_EDGES_PER_REQUEST = 10_000
"""The most edges `POST /api/kg/edges` takes in one call."""

MAX_BODY_BYTES = 10 * 1024 * 1024
"""The server's default body limit (`MODELGRAPH_MAX_BODY_BYTES`)."""

_RETRIED_STATUSES = frozenset({502, 503, 504})


@dataclass(frozen=True)
class EdgeInput:
    """An edge to write. Without an `id`, the server derives one from its statement and source."""

    subject: str
    predicate: str
    object: str
    confidence: float
    origin: Origin
    id: str | None = None
    source_artifact_id: str | None = None
    source_version: int | None = None
    inputs: Any = None
    metadata: Mapping[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The edge as the API takes it."""
        body = drop_none(
            {
                "id": self.id,
                "subject": self.subject,
                "predicate": self.predicate,
                "object": self.object,
                "confidence": self.confidence,
                "origin": self.origin,
                "source_artifact_id": self.source_artifact_id,
                "source_version": self.source_version,
                "inputs": self.inputs,
            }
        )
        if self.metadata:
            body["metadata"] = dict(self.metadata)
        return body


@dataclass(frozen=True)
class Edge:
    """A knowledge-graph edge and the model version whose inference gave its confidence."""

    id: str
    subject: str
    predicate: str
    object: str
    confidence: float
    origin: str
    status: str
    source_artifact_id: str | None
    source_version: int | None
    provenance_unknown: bool
    review_flag: bool
    inputs: Any
    metadata: dict[str, Any]
    knowledge_level: str
    agent_type: str
    created_at: str
    updated_at: str
    review_reason: ReviewReason | None = None
    """Why it waits for review: `large_decrease` (a rescore) or `retracted_input`; None when it does not."""

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Edge:
        """Reads the server's JSON."""
        return cls(
            id=data["id"],
            subject=data["subject"],
            predicate=data["predicate"],
            object=data["object"],
            confidence=data["confidence"],
            origin=data["origin"],
            status=data["status"],
            source_artifact_id=data.get("source_artifact_id"),
            source_version=data.get("source_version"),
            provenance_unknown=data["provenance_unknown"],
            review_flag=data["review_flag"],
            inputs=data.get("inputs"),
            metadata=dict(data.get("metadata") or {}),
            knowledge_level=data["knowledge_level"],
            agent_type=data["agent_type"],
            created_at=data["created_at"],
            updated_at=data["updated_at"],
            review_reason=data.get("review_reason"),
        )


@dataclass(frozen=True)
class HistoryEntry:
    """One confidence an edge has had, who gave it, and the event that changed it."""

    confidence: float
    source_artifact_id: str | None
    source_version: int | None
    event_id: int | None
    at: str

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> HistoryEntry:
        """Reads the server's JSON."""
        return cls(
            data["confidence"],
            data.get("source_artifact_id"),
            data.get("source_version"),
            data.get("event_id"),
            data["at"],
        )


@dataclass(frozen=True)
class EdgeDetail:
    """An edge (as of now, or as of the moment asked) and every confidence it has had, oldest first."""

    edge: Edge
    history: tuple[HistoryEntry, ...]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> EdgeDetail:
        """Reads the server's JSON."""
        return cls(Edge.from_json(data), tuple(HistoryEntry.from_json(item) for item in data["history"]))


@dataclass(frozen=True)
class EdgePage:
    """One page of edges; `next_cursor` is None on the last page (and on review-queue pages)."""

    edges: tuple[Edge, ...]
    total: int
    next_cursor: str | None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> EdgePage:
        """Reads the server's JSON."""
        return cls(
            tuple(Edge.from_json(item) for item in data["edges"]), data["total"], data.get("next_cursor")
        )


@dataclass(frozen=True)
class EdgeInsertResult:
    """What a bulk insert did.

    `inserted` edges were new, `unchanged` were held already with the same content, `ids` are every
    edge's id in the order sent, and `requests` is how many chunks it took.
    """

    inserted: int
    unchanged: int
    ids: tuple[str, ...]
    requests: int


@dataclass(frozen=True)
class Review:
    """A review decision: the edge after it and its event."""

    edge: Edge
    event: Event

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Review:
        """Reads the server's JSON."""
        return cls(Edge.from_json(data["edge"]), Event.from_json(data["event"]))


def _edge_json(edge: EdgeInput | Mapping[str, Any]) -> dict[str, Any]:
    return edge.to_json() if isinstance(edge, EdgeInput) else dict(edge)


def _chunks(edges: Iterable[EdgeInput | Mapping[str, Any]], size: int, max_bytes: int) -> Iterator[list[str]]:
    """The edges as JSON texts, grouped so that no request exceeds `size` edges or `max_bytes`."""
    chunk: list[str] = []
    chunk_bytes = 2
    for edge in edges:
        text = json.dumps(_edge_json(edge), separators=(",", ":"))
        length = len(text.encode("utf-8")) + 1
        if chunk and (len(chunk) >= size or chunk_bytes + length > max_bytes):
            yield chunk
            chunk, chunk_bytes = [], 2
        chunk.append(text)
        chunk_bytes += length
    if chunk:
        yield chunk


class KgApi:
    """`/api/kg`: write edges in bulk, list and read them (now or as of a moment), review them, export."""

    def __init__(self, transport: Transport) -> None:
        self._t = transport
        self.nodes = NodesApi(transport)
        """Node names: `upsert` and `get`."""

    def insert_edges(
        self,
        edges: Iterable[EdgeInput | Mapping[str, Any]],
        *,
        chunk_size: int = MAX_EDGES_PER_REQUEST,
        max_body_bytes: int = MAX_BODY_BYTES,
        retries: int = 3,
        backoff_seconds: float = 0.5,
    ) -> EdgeInsertResult:
        """Writes any number of edges, in requests of at most `chunk_size` edges and `max_body_bytes`.

        Each request is all or none, and each can be sent again: the API is idempotent by id, and
        an edge sent without one gets an id the server derives from its statement and source. So
        after a timeout, a lost connection or a 502/503/504 the same chunk is sent again (up to
        `retries` times), and the edges the server already holds with the same content count as
        `unchanged`. Chunks already written stay written if a later one fails: calling again with
        the same edges finishes the job.
        """
        if not 1 <= chunk_size <= MAX_EDGES_PER_REQUEST:
            raise ValueError(f"chunk_size must be within 1…{MAX_EDGES_PER_REQUEST}")
        inserted = unchanged = 0
        ids: list[str] = []
        requests = 0
        for chunk in _chunks(edges, chunk_size, max_body_bytes):
            requests += 1
            answer = self._post_chunk("[" + ",".join(chunk) + "]", retries, backoff_seconds)
            inserted += answer["inserted"]
            unchanged += answer["unchanged"]
            ids.extend(answer["ids"])
        return EdgeInsertResult(inserted, unchanged, tuple(ids), requests)

    def _post_chunk(self, body: str, retries: int, backoff_seconds: float) -> Any:
        attempt = 0
        while True:
            try:
                return self._t.raw_json("POST", "/api/kg/edges", body.encode("utf-8"))
            except ApiError as error:
                if error.status not in _RETRIED_STATUSES or attempt >= retries:
                    raise
            except TransportError:
                if attempt >= retries:
                    raise
            attempt += 1
            time.sleep(backoff_seconds * 2 ** (attempt - 1))

    def list(
        self,
        *,
        source_artifact_id: str | None = None,
        subject: str | None = None,
        object: str | None = None,
        predicate: str | None = None,
        flagged: bool | None = None,
        status: EdgeStatus | None = None,
        provenance_unknown: bool | None = None,
        min_confidence: float | None = None,
        as_of: str | datetime | None = None,
        limit: int | None = None,
        offset: int | None = None,
        cursor: str | None = None,
        filter: str | None = None,
    ) -> EdgePage:
        """One page of edges, highest confidence first.

        With `as_of` (ISO 8601 text or an aware datetime), the edges as they stood at that moment.
        `filter` is a search-language expression over the edge's fields (`subject`, `predicate`,
        `confidence`, `origin`, `review_reason`…), AND-ed with the rest.
        """
        query = {
            "filter": filter,
            "source_artifact_id": source_artifact_id,
            "subject": subject,
            "object": object,
            "predicate": predicate,
            "flagged": flagged,
            "status": status,
            "provenance_unknown": provenance_unknown,
            "min_confidence": min_confidence,
            "as_of": as_of,
            "limit": limit,
            "offset": offset,
            "cursor": cursor,
        }
        return EdgePage.from_json(self._t.json("GET", "/api/kg/edges", query=query))

    def iter(
        self,
        *,
        source_artifact_id: str | None = None,
        subject: str | None = None,
        object: str | None = None,
        predicate: str | None = None,
        flagged: bool | None = None,
        status: EdgeStatus | None = None,
        provenance_unknown: bool | None = None,
        min_confidence: float | None = None,
        as_of: str | datetime | None = None,
        page_size: int = 1000,
        filter: str | None = None,
    ) -> Iterator[Edge]:
        """Every matching edge, following `next_cursor` page after page."""

        def fetch(cursor: str | None) -> tuple[tuple[Edge, ...], str | None]:
            page = self.list(
                source_artifact_id=source_artifact_id,
                subject=subject,
                object=object,
                predicate=predicate,
                flagged=flagged,
                status=status,
                provenance_unknown=provenance_unknown,
                min_confidence=min_confidence,
                as_of=as_of,
                limit=page_size,
                cursor=cursor,
                filter=filter,
            )
            return page.edges, page.next_cursor

        return follow_cursor(fetch)

    def get(self, edge_id: str, *, as_of: str | datetime | None = None) -> EdgeDetail:
        """One edge with its confidence history; with `as_of`, the edge as it stood then."""
        answer = self._t.json("GET", f"/api/kg/edges/{segment(edge_id)}", query={"as_of": as_of})
        return EdgeDetail.from_json(answer)

    def review_queue(
        self,
        *,
        limit: int | None = None,
        offset: int | None = None,
        reason: ReviewReason | None = None,
    ) -> EdgePage:
        """One page of the flagged edges waiting for review (only those flagged for `reason`, if given)."""
        query = {"limit": limit, "offset": offset, "reason": reason}
        return EdgePage.from_json(self._t.json("GET", "/api/kg/review", query=query))

    def iter_review_queue(
        self, *, page_size: int = 200, reason: ReviewReason | None = None
    ) -> Iterator[Edge]:
        """Every flagged edge waiting for review (the queue pages by offset)."""
        offset = 0
        while True:
            page = self.review_queue(limit=page_size, offset=offset, reason=reason)
            yield from page.edges
            offset += len(page.edges)
            if not page.edges or offset >= page.total:
                return

    def review(self, edge_id: str, decision: Literal["keep", "retract"], note: str) -> Review:
        """Clears an edge's flag, keeping it or retracting it (scope `evaluate`); nothing is deleted."""
        body = {"decision": decision, "note": note}
        return Review.from_json(self._t.json("POST", f"/api/kg/edges/{segment(edge_id)}/review", body=body))

    def export_edges(self, **filters: str | float | bool) -> Iterator[dict[str, Any]]:
        """The KGX JSON Lines edge export, one record at a time as it streams (the filters of `list`)."""
        return self._export("/api/kg/export/edges.jsonl", filters)

    def export_nodes(self, **filters: str | float | bool) -> Iterator[dict[str, Any]]:
        """The KGX JSON Lines node export of the edges the filters select."""
        return self._export("/api/kg/export/nodes.jsonl", filters)

    def _export(self, path: str, filters: Mapping[str, str | float | bool]) -> Iterator[dict[str, Any]]:
        with self._t.stream(path, query=filters) as response:
            for line in response.iter_lines():
                if line.strip():
                    yield dict(json.loads(line))
