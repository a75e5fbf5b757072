"""What compares model versions: compare's answer and the impact preview."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .credit import PayoutPlan
from .jobs import Histogram
from .registry_types import ModelSummary


@dataclass(frozen=True)
class FieldDiff:
    """One flattened configuration field (`parameters.k_on`, …) across the compared versions."""

    field: str
    values: dict[str, Any]
    differs: bool

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> FieldDiff:
        """Reads the server's JSON."""
        return cls(data["field"], dict(data["values"]), data["differs"])


@dataclass(frozen=True)
class MetricRow:
    """One metric across the compared versions, its direction and the best version (if known)."""

    metric: str
    values: dict[str, float | None]
    direction: str
    best: str | None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> MetricRow:
        """Reads the server's JSON."""
        return cls(data["metric"], dict(data["values"]), data["direction"], data.get("best"))


@dataclass(frozen=True)
class Overlap:
    """Artifacts shared by every compared version and those unique to each; `jaccard` for datasets."""

    shared: tuple[str, ...]
    unique: dict[str, tuple[str, ...]]
    jaccard: float | None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Overlap:
        """Reads the server's JSON."""
        unique = {key: tuple(items) for key, items in data["unique"].items()}
        return cls(tuple(data["shared"]), unique, data.get("jaccard"))


@dataclass(frozen=True)
class DagNode:
    """An artifact of a provenance DAG."""

    id: str
    type: str
    title: str

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> DagNode:
        """Reads the server's JSON."""
        return cls(data["id"], data["type"], data["title"])


@dataclass(frozen=True)
class DagEdge:
    """A link of a provenance DAG (`from` is a Python keyword, hence `source`)."""

    source: str
    target: str
    link_type: str
    version: int | None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> DagEdge:
        """Reads the server's JSON."""
        return cls(data["from"], data["to"], data["link_type"], data.get("version"))


@dataclass(frozen=True)
class ProvenanceDag:
    """A version's provenance and its DAG, back through analyses and derived_from links (3 hops)."""

    complete: bool
    missing: tuple[str, ...]
    nodes: tuple[DagNode, ...]
    edges: tuple[DagEdge, ...]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ProvenanceDag:
        """Reads the server's JSON."""
        dag = data["dag"]
        return cls(
            data["complete"],
            tuple(data["missing"]),
            tuple(DagNode.from_json(item) for item in dag["nodes"]),
            tuple(DagEdge.from_json(item) for item in dag["edges"]),
        )


@dataclass(frozen=True)
class CompareWarning:
    """Why the comparison may mislead, e.g. `eval_dataset_mismatch`."""

    code: str
    message: str
    ids: tuple[str, ...]
    eval_datasets: dict[str, str | None]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> CompareWarning:
        """Reads the server's JSON."""
        return cls(data["code"], data["message"], tuple(data["ids"]), dict(data.get("eval_datasets") or {}))


@dataclass(frozen=True)
class Comparison:
    """Versions side by side: metrics, configuration diff, training data, inputs, provenance."""

    models: tuple[ModelSummary, ...]
    metadata_diff: tuple[FieldDiff, ...]
    metrics: tuple[MetricRow, ...]
    training_data: Overlap
    inputs: Overlap
    provenance: dict[str, ProvenanceDag]
    warnings: tuple[CompareWarning, ...]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Comparison:
        """Reads the server's JSON."""
        return cls(
            tuple(ModelSummary.from_json(item) for item in data["models"]),
            tuple(FieldDiff.from_json(item) for item in data["metadata_diff"]),
            tuple(MetricRow.from_json(item) for item in data["metrics"]),
            Overlap.from_json(data["training_data"]),
            Overlap.from_json(data["inputs"]),
            {key: ProvenanceDag.from_json(value) for key, value in data["provenance"].items()},
            tuple(CompareWarning.from_json(item) for item in data["warnings"]),
        )


@dataclass(frozen=True)
class ConfidenceChange:
    """How one edge's confidence would move."""

    edge_id: str
    subject: str
    predicate: str
    object: str
    old_confidence: float
    new_confidence: float
    delta: float
    bucket: str

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ConfidenceChange:
        """Reads the server's JSON."""
        return cls(
            data["edge_id"],
            data["subject"],
            data["predicate"],
            data["object"],
            data["old_confidence"],
            data["new_confidence"],
            data["delta"],
            data["bucket"],
        )


@dataclass(frozen=True)
class ImpactPreview:
    """What promoting a candidate would do: the rescore histogram, the flags and the payout."""

    child_id: str
    parent_id: str
    edges_total: int
    edges_considered: int
    histogram: Histogram
    would_flag_count: int
    would_flag_edge_ids: tuple[str, ...]
    largest_changes: tuple[ConfidenceChange, ...]
    payout_preview: PayoutPlan
    computed_at: str

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ImpactPreview:
        """Reads the server's JSON."""
        return cls(
            data["child_id"],
            data["parent_id"],
            data["edges_total"],
            data["edges_considered"],
            Histogram.from_json(data["histogram"]),
            data["would_flag"]["count"],
            tuple(data["would_flag"]["edge_ids"]),
            tuple(ConfidenceChange.from_json(item) for item in data["largest_changes"]),
            PayoutPlan.from_json(data["payout_preview"]),
            data["computed_at"],
        )
