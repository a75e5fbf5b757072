"""Model versions as the API shows them: list items, the full detail, pages."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .events import Event


@dataclass(frozen=True)
class Pin:
    """A link target in a registration: an artifact, pinned to a version number or not."""

    artifact_id: str
    version: int | None = None


@dataclass(frozen=True)
class RetractedInput:
    """A retraction in force a version is built on: an artifact (`version` None: all of it) or one version."""

    artifact_id: str
    version: int | None


@dataclass(frozen=True)
class Provenance:
    """Whether a version's provenance is complete, the rules it fails, and the share it passes.

    `retracted` lists the retractions in force it is built on (empty when none; any caps its score).
    """

    complete: bool
    missing: tuple[str, ...]
    completeness: float
    retracted: tuple[RetractedInput, ...] = ()

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Provenance:
        """Reads the server's JSON."""
        retracted = tuple(
            RetractedInput(item["artifact_id"], item.get("version")) for item in data.get("retracted") or ()
        )
        return cls(data["complete"], tuple(data["missing"]), data["completeness"], retracted)


@dataclass(frozen=True)
class ModelSummary:
    """A model version as the catalog lists it."""

    id: str
    title: str
    model_name: str
    model_family: str
    version_number: int
    is_latest: bool
    status: str
    quality_score: float
    raw_quality_score: float | None
    evaluation_metrics: dict[str, float]
    parameter_count: int | None
    aliases: tuple[str, ...]
    tags: dict[str, str]
    trained_on: tuple[str, ...]
    produced_by: str | None
    tests_hypothesis: str | None
    provenance: Provenance
    flags: tuple[str, ...]
    created_at: str

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ModelSummary:
        """Reads the server's JSON."""
        return cls(
            id=data["id"],
            title=data["title"],
            model_name=data["model_name"],
            model_family=data["model_family"],
            version_number=data["version_number"],
            is_latest=data["is_latest"],
            status=data["status"],
            quality_score=data["quality_score"],
            raw_quality_score=data.get("raw_quality_score"),
            evaluation_metrics=dict(data.get("evaluation_metrics") or {}),
            parameter_count=data.get("parameter_count"),
            aliases=tuple(data.get("aliases") or ()),
            tags=dict(data.get("tags") or {}),
            trained_on=tuple(data["trained_on"]),
            produced_by=data.get("produced_by"),
            tests_hypothesis=data.get("tests_hypothesis"),
            provenance=Provenance.from_json(data["provenance"]),
            flags=tuple(data["flags"]),
            created_at=data["created_at"],
        )


@dataclass(frozen=True)
class ModelPage:
    """One page of the catalog; pass `next_cursor` back as `cursor` for the next (None: last page)."""

    models: tuple[ModelSummary, ...]
    total: int
    limit: int
    offset: int
    next_cursor: str | None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ModelPage:
        """Reads the server's JSON."""
        return cls(
            tuple(ModelSummary.from_json(item) for item in data["models"]),
            data["total"],
            data["limit"],
            data["offset"],
            data.get("next_cursor"),
        )


@dataclass(frozen=True)
class VersionRef:
    """One version of a lineage, as the detail of any of its versions lists it."""

    id: str
    version_number: int
    status: str
    is_latest: bool
    quality_score: float
    created_at: str

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> VersionRef:
        """Reads the server's JSON."""
        return cls(
            data["id"],
            data["version_number"],
            data["status"],
            data["is_latest"],
            data["quality_score"],
            data["created_at"],
        )


@dataclass(frozen=True)
class LinkedArtifact:
    """An artifact a model version links to, with the version the link pins (None: unpinned)."""

    id: str
    type: str
    title: str
    version: int | None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> LinkedArtifact:
        """Reads the server's JSON."""
        return cls(data["id"], data["type"], data["title"], data.get("version"))


def _linked(items: Any) -> tuple[LinkedArtifact, ...]:
    return tuple(LinkedArtifact.from_json(item) for item in items or ())


@dataclass(frozen=True)
class ModelLinks:
    """A model version's provenance links, by type."""

    trained_on: tuple[LinkedArtifact, ...]
    produced_by: tuple[LinkedArtifact, ...]
    tests_hypothesis: tuple[LinkedArtifact, ...]
    inputs: tuple[LinkedArtifact, ...]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ModelLinks:
        """Reads the server's JSON."""
        return cls(
            _linked(data.get("trained_on")),
            _linked(data.get("produced_by")),
            _linked(data.get("tests_hypothesis")),
            _linked(data.get("inputs")),
        )


@dataclass(frozen=True)
class ModelDetail:
    """Everything about one model version."""

    id: str
    title: str
    model_name: str
    version_number: int
    parent_id: str | None
    is_latest: bool
    status: str
    model_family: str
    architecture: dict[str, Any]
    parameters: dict[str, Any]
    parameter_count: int | None
    training_config: dict[str, Any]
    evaluation_metrics: dict[str, float]
    raw_quality_score: float | None
    quality_score: float
    flags: tuple[str, ...]
    trained_by: str
    eval_dataset_id: str | None
    benchmark_id: str | None
    runtime: dict[str, Any] | None
    """The runtime; a process runtime's `command` and `env` are shown to maintainers and admin only."""
    aliases: tuple[str, ...]
    tags: dict[str, str]
    metadata: dict[str, Any]
    created_by: str
    created_at: str
    versions: tuple[VersionRef, ...]
    links: ModelLinks
    provenance: Provenance
    attributed_edges: int
    flagged_edges: int
    events: tuple[Event, ...]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ModelDetail:
        """Reads the server's JSON."""
        return cls(
            id=data["id"],
            title=data["title"],
            model_name=data["model_name"],
            version_number=data["version_number"],
            parent_id=data.get("parent_id"),
            is_latest=data["is_latest"],
            status=data["status"],
            model_family=data["model_family"],
            architecture=dict(data.get("architecture") or {}),
            parameters=dict(data.get("parameters") or {}),
            parameter_count=data.get("parameter_count"),
            training_config=dict(data.get("training_config") or {}),
            evaluation_metrics=dict(data.get("evaluation_metrics") or {}),
            raw_quality_score=data.get("raw_quality_score"),
            quality_score=data["quality_score"],
            flags=tuple(data["flags"]),
            trained_by=data["trained_by"],
            eval_dataset_id=data.get("eval_dataset_id"),
            benchmark_id=data.get("benchmark_id"),
            runtime=dict(data["runtime"]) if data.get("runtime") else None,
            aliases=tuple(data.get("aliases") or ()),
            tags=dict(data.get("tags") or {}),
            metadata=dict(data.get("metadata") or {}),
            created_by=data["created_by"],
            created_at=data["created_at"],
            versions=tuple(VersionRef.from_json(item) for item in data["versions"]),
            links=ModelLinks.from_json(data["links"]),
            provenance=Provenance.from_json(data["provenance"]),
            attributed_edges=data["attributed_edges"]["count"],
            flagged_edges=data["attributed_edges"]["flagged"],
            events=tuple(Event.from_json(item) for item in data["events"]),
        )


@dataclass(frozen=True)
class Promotion:
    """The promoted version and its `model_version_promoted` event (whose id finds the payout)."""

    model: ModelDetail
    event: Event

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Promotion:
        """Reads the server's JSON."""
        return cls(ModelDetail.from_json(data["model"]), Event.from_json(data["event"]))


@dataclass(frozen=True)
class TagChange:
    """A tag written: its key, its value now (None once deleted) and the value it replaced."""

    key: str
    value: str | None
    previous: str | None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> TagChange:
        """Reads the server's JSON."""
        return cls(data["key"], data.get("value"), data.get("previous"))
