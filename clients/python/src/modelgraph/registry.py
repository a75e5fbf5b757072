"""`/api/models`: register, list, read, compare, promote, patch and tag model versions; their exports."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from enum import Enum
from typing import Any, Literal

from ._http import Transport, drop_none, follow_cursor, segment
from .compare import Comparison, ImpactPreview
from .registry_types import ModelDetail, ModelPage, ModelSummary, Pin, Promotion, TagChange
from .runtimes import Runtime, runtime_json

ModelFamily = Literal["biophysical", "deep_learning", "statistical"]
ModelStatus = Literal["candidate", "promoted", "superseded", "archived"]
ModelSort = Literal["quality_score", "created_at", "parameter_count"]
"""The catalog's named sorts; `"metrics.<name>"` sorts by a metric too (versions without it last)."""
ModelFlag = Literal["provenance_incomplete", "retracted_input"]
Order = Literal["desc", "asc"]


class _Unset(Enum):
    UNSET = "UNSET"


UNSET = _Unset.UNSET
"""Marks a PATCH field the caller leaves as it is (None there means "set to null")."""


def _pins(items: Sequence[Pin | str] | None, key: str) -> list[dict[str, Any]] | None:
    if items is None:
        return None
    pins = [Pin(item) if isinstance(item, str) else item for item in items]
    return [drop_none({key: pin.artifact_id, "version": pin.version}) for pin in pins]


def _filters(
    family: ModelFamily | None,
    dataset: str | None,
    hypothesis: str | None,
    status: ModelStatus | None,
    all_versions: bool | None,
    q: str | None,
    tags: Sequence[str] | None,
    sort: ModelSort | str | None,
    order: Order | None,
    flag: ModelFlag | None = None,
    filter: str | None = None,
) -> dict[str, Any]:
    return {
        "filter": filter,
        "flag": flag,
        "family": family,
        "dataset": dataset,
        "hypothesis": hypothesis,
        "status": status,
        "all_versions": all_versions,
        "q": q,
        "tag": list(tags) if tags else None,
        "sort": sort,
        "order": order,
    }


class ModelsApi:
    """Model versions: each is an artifact of type `model` in a lineage (`model_name`).

    Wherever a version id is taken, `<model_name>@<alias>` works too (`@latest`, `@promoted`).
    """

    def __init__(self, transport: Transport) -> None:
        self._t = transport

    def register(
        self,
        model_name: str,
        title: str,
        model_family: ModelFamily,
        *,
        id: str | None = None,
        architecture: Mapping[str, Any] | None = None,
        parameters: Mapping[str, Any] | None = None,
        parameter_count: int | None = None,
        training_config: Mapping[str, Any] | None = None,
        evaluation_metrics: Mapping[str, float] | None = None,
        raw_quality_score: float | None = None,
        trained_by: str | None = None,
        eval_dataset_id: str | None = None,
        benchmark_id: str | None = None,
        runtime: Runtime | Mapping[str, Any] | None = None,
        trained_on: Sequence[Pin | str] | None = None,
        produced_by: str | None = None,
        tests_hypothesis: str | None = None,
        inputs: Sequence[Pin | str] | None = None,
        metadata: Mapping[str, Any] | None = None,
    ) -> ModelDetail:
        """Registers the next version of a lineage, with its links, in one transaction.

        `trained_on` and `inputs` name datasets and artifacts, each pinned with `Pin(id, version)`
        or unpinned as a plain id; provenance is complete (and the score uncapped) when the version
        is trained on a dataset and produced by an analysis, with every input pinned.
        """
        body = drop_none(
            {
                "id": id,
                "model_name": model_name,
                "title": title,
                "model_family": model_family,
                "architecture": architecture,
                "parameters": parameters,
                "parameter_count": parameter_count,
                "training_config": training_config,
                "evaluation_metrics": evaluation_metrics,
                "raw_quality_score": raw_quality_score,
                "trained_by": trained_by,
                "eval_dataset_id": eval_dataset_id,
                "benchmark_id": benchmark_id,
                "runtime": runtime_json(runtime),
                "trained_on": _pins(trained_on, "dataset_id"),
                "produced_by": {"analysis_id": produced_by} if produced_by else None,
                "tests_hypothesis": {"hypothesis_id": tests_hypothesis} if tests_hypothesis else None,
                "inputs": _pins(inputs, "artifact_id"),
                "metadata": metadata,
            }
        )
        return ModelDetail.from_json(self._t.json("POST", "/api/models", body=body))

    def list(
        self,
        *,
        family: ModelFamily | None = None,
        dataset: str | None = None,
        hypothesis: str | None = None,
        status: ModelStatus | None = None,
        all_versions: bool | None = None,
        q: str | None = None,
        tags: Sequence[str] | None = None,
        sort: ModelSort | str | None = None,
        order: Order | None = None,
        limit: int | None = None,
        offset: int | None = None,
        cursor: str | None = None,
        flag: ModelFlag | None = None,
        filter: str | None = None,
    ) -> ModelPage:
        """One page of the catalog.

        `tags` are `key:value` or `key` filters, all of which must hold; `flag` keeps the versions
        carrying that flag (`retracted_input`: built on a retraction). `filter` is a search-language
        expression AND-ed with the rest, e.g. `"metrics.auc > 0.8 AND (tags.task = 'x' OR
        trained_on = 'dataset-1@2')"` (`ApiError` 400 `invalid_filter` with `details.position`
        when it does not parse); `sort` may be `"metrics.<name>"`.
        """
        query = _filters(
            family, dataset, hypothesis, status, all_versions, q, tags, sort, order, flag, filter
        )
        query.update(limit=limit, offset=offset, cursor=cursor)
        return ModelPage.from_json(self._t.json("GET", "/api/models", query=query))

    def iter(
        self,
        *,
        family: ModelFamily | None = None,
        dataset: str | None = None,
        hypothesis: str | None = None,
        status: ModelStatus | None = None,
        all_versions: bool | None = None,
        q: str | None = None,
        tags: Sequence[str] | None = None,
        sort: ModelSort | str | None = None,
        order: Order | None = None,
        page_size: int = 200,
        flag: ModelFlag | None = None,
        filter: str | None = None,
    ) -> Iterator[ModelSummary]:
        """Every matching version, following `next_cursor` page after page (no overlap, no gap).

        Takes the filters of `list`, the search-language `filter` among them.
        """
        query = _filters(
            family, dataset, hypothesis, status, all_versions, q, tags, sort, order, flag, filter
        )

        def fetch(cursor: str | None) -> tuple[tuple[ModelSummary, ...], str | None]:
            query.update(limit=page_size, cursor=cursor)
            page = ModelPage.from_json(self._t.json("GET", "/api/models", query=query))
            return page.models, page.next_cursor

        return follow_cursor(fetch)

    def get(self, model_id: str, *, as_of: str | datetime | None = None) -> ModelDetail:
        """Everything about one version (`model_id` may be `<model_name>@<alias>`).

        With `as_of`, `<model_name>@<alias>` names the version the alias named then (`ApiError` 404
        `alias_not_set` when it named none); the version itself is shown as it is now.
        """
        path = f"/api/models/{segment(model_id)}"
        return ModelDetail.from_json(self._t.json("GET", path, query={"as_of": as_of}))

    def compare(self, ids: Sequence[str]) -> Comparison:
        """2 to 50 versions side by side."""
        return Comparison.from_json(self._t.json("GET", "/api/models/compare", query={"ids": ",".join(ids)}))

    def promote(
        self,
        model_id: str,
        *,
        notes: str | None = None,
        override: bool | None = None,
        reason: str | None = None,
    ) -> Promotion:
        """Makes this version its lineage's promoted one (scope `evaluate`); the payout follows.

        A governed lineage refuses it (`ApiError` 409 `promotion_needs_request`: use
        `promotion_requests.open`) unless an admin sends `override=True` with a `reason`.
        """
        body = drop_none({"notes": notes, "override": override, "reason": reason})
        return Promotion.from_json(
            self._t.json("POST", f"/api/models/{segment(model_id)}/promote", body=body)
        )

    def update(
        self,
        model_id: str,
        *,
        raw_quality_score: float | _Unset | None = UNSET,
        evaluation_metrics: Mapping[str, float] | None = None,
        archive: bool = False,
    ) -> ModelDetail:
        """Sets the raw quality score (None clears it), the metrics, or archives (scope `evaluate`)."""
        body: dict[str, Any] = {}
        if raw_quality_score is not UNSET:
            body["raw_quality_score"] = raw_quality_score
        if evaluation_metrics is not None:
            body["evaluation_metrics"] = dict(evaluation_metrics)
        if archive:
            body["status"] = "archived"
        return ModelDetail.from_json(self._t.json("PATCH", f"/api/models/{segment(model_id)}", body=body))

    def set_tag(self, model_id: str, key: str, value: str) -> TagChange:
        """Sets a tag on this version (scope `write`, a maintainer of the lineage)."""
        path = f"/api/models/{segment(model_id)}/tags/{segment(key)}"
        return TagChange.from_json(self._t.json("PUT", path, body={"value": value}))

    def delete_tag(self, model_id: str, key: str) -> None:
        """Deletes a tag of this version."""
        self._t.send("DELETE", f"/api/models/{segment(model_id)}/tags/{segment(key)}")

    def impact_preview(self, model_id: str, *, max_edges: int | None = None) -> ImpactPreview:
        """What promoting this candidate would do, computed by its real inference (scope `evaluate`)."""
        body = drop_none({"max_edges": max_edges})
        path = f"/api/models/{segment(model_id)}/impact-preview"
        return ImpactPreview.from_json(self._t.json("POST", path, body=body))

    def prov(self, model_id: str) -> dict[str, Any]:
        """The version's provenance as a W3C PROV-JSON document."""
        return dict(self._t.json("GET", f"/api/models/{segment(model_id)}/prov"))

    def ro_crate(self, model_id: str) -> dict[str, Any]:
        """The version as an RO-Crate 1.1 metadata document (`ro-crate-metadata.json`)."""
        return dict(self._t.json("GET", f"/api/models/{segment(model_id)}/ro-crate"))

    def openlineage(self, model_id: str) -> tuple[dict[str, Any], ...]:
        """The OpenLineage RunEvents (START, COMPLETE) of the run that produced the version."""
        answer = self._t.json("GET", f"/api/models/{segment(model_id)}/openlineage")
        return tuple(dict(event) for event in answer["events"])
