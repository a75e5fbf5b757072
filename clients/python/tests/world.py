"""Small worlds the tests build through the client itself: a dataset, an analysis, a lineage."""

from __future__ import annotations

from dataclasses import dataclass

from modelgraph import Client, ModelDetail, Pin


@dataclass(frozen=True)
class Provenance:
    """A pinned dataset and the analysis that consumed it: what complete provenance needs."""

    dataset_id: str
    analysis_id: str


def build_provenance(client: Client, uid: str) -> Provenance:
    dataset = client.artifacts.create("dataset", f"Dataset {uid}", id=f"dataset-{uid}", digest="sha256:00")
    analysis = client.artifacts.create("analysis", f"Analysis {uid}", id=f"analysis-{uid}")
    client.artifacts.link(analysis.id, dataset.id, "input", target_version=1)
    return Provenance(dataset.id, analysis.id)


def register_complete(
    client: Client, model_name: str, provenance: Provenance, *, raw: float = 0.8, **fields: object
) -> ModelDetail:
    """A version whose provenance is complete, so its quality score is its raw score."""
    return client.models.register(
        model_name,
        f"{model_name} model",
        "statistical",
        raw_quality_score=raw,
        trained_on=[Pin(provenance.dataset_id, 1)],
        produced_by=provenance.analysis_id,
        **fields,  # type: ignore[arg-type]
    )
