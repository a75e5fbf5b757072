"""Lineages as resources: description, aliases, tags, maintainers, promotion policy and history."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from ._http import Transport, drop_none, follow_cursor, segment
from .governance import Policy
from .registry_types import ModelSummary, TagChange

TimelineKind = Literal[
    "registered",
    "promoted",
    "superseded",
    "archived",
    "alias_set",
    "alias_removed",
    "policy_set",
    "request_decided",
]


@dataclass(frozen=True)
class Lineage:
    """A model lineage: its latest and promoted versions, aliases, tags, maintainers and promotion policy."""

    model_name: str
    description: str
    latest: str | None
    promoted: str | None
    aliases: dict[str, str]
    tags: dict[str, str]
    maintainers: tuple[str, ...]
    created_at: str
    updated_at: str
    version_count: int | None
    """How many versions it has (given by the list; the detail gives `versions` instead)."""
    policy: Policy | None
    """What a promotion needs (None from a server without governed promotion)."""

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Lineage:
        """Reads the server's JSON."""
        count = data.get("versions")
        return cls(
            data["model_name"],
            data["description"],
            data.get("latest"),
            data.get("promoted"),
            dict(data.get("aliases") or {}),
            dict(data.get("tags") or {}),
            tuple(data.get("maintainers") or ()),
            data["created_at"],
            data["updated_at"],
            count if isinstance(count, int) else None,
            Policy.from_json(data["policy"]) if data.get("policy") else None,
        )


@dataclass(frozen=True)
class LineageDetail(Lineage):
    """A lineage with its versions as list items, oldest first (as it stood at `as_of`, when asked)."""

    versions: tuple[ModelSummary, ...]
    as_of: str | None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> LineageDetail:
        """Reads the server's JSON."""
        versions = tuple(ModelSummary.from_json(item) for item in data["versions"])
        lineage = Lineage.from_json({**data, "versions": len(versions)})
        return cls(
            lineage.model_name,
            lineage.description,
            lineage.latest,
            lineage.promoted,
            lineage.aliases,
            lineage.tags,
            lineage.maintainers,
            lineage.created_at,
            lineage.updated_at,
            lineage.version_count,
            lineage.policy,
            versions,
            data.get("as_of"),
        )


@dataclass(frozen=True)
class LineagePage:
    """One page of lineages, most recently updated first; `next_cursor` None on the last page."""

    lineages: tuple[Lineage, ...]
    total: int
    limit: int
    offset: int
    next_cursor: str | None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> LineagePage:
        """Reads the server's JSON."""
        return cls(
            tuple(Lineage.from_json(item) for item in data["lineages"]),
            data["total"],
            data["limit"],
            data["offset"],
            data.get("next_cursor"),
        )


@dataclass(frozen=True)
class Alias:
    """An alias naming one version of a lineage; a `protected` one moves only with `admin`."""

    alias: str
    model_name: str
    version_id: str
    version_number: int
    protected: bool

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Alias:
        """Reads the server's JSON."""
        return cls(
            data["alias"], data["model_name"], data["version_id"], data["version_number"], data["protected"]
        )


@dataclass(frozen=True)
class Maintainers:
    """Who maintains a lineage."""

    model_name: str
    maintainers: tuple[str, ...]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Maintainers:
        """Reads the server's JSON."""
        return cls(data["model_name"], tuple(data["maintainers"]))


@dataclass(frozen=True)
class TimelineEntry:
    """Something that happened to a lineage; the fields its kind has are set, the others None.

    `at` is UTC with microseconds: passed back as `as_of`, it shows the lineage right after the entry.
    """

    at: str
    kind: TimelineKind
    version_id: str | None
    actor: str
    alias: str | None
    from_version: str | None
    """`from` in the API: the version an alias or the promotion left."""
    to_version: str | None
    """`to` in the API: the version an alias or a supersession went to."""
    reason: str | None
    request_id: int | None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> TimelineEntry:
        """Reads the server's JSON."""
        return cls(
            data["at"],
            data["kind"],
            data.get("version_id"),
            data["actor"],
            data.get("alias"),
            data.get("from"),
            data.get("to"),
            data.get("reason"),
            data.get("request_id"),
        )


@dataclass(frozen=True)
class TimelinePage:
    """One page of a lineage's timeline, newest first; `next_cursor` None on the last page."""

    entries: tuple[TimelineEntry, ...]
    next_cursor: str | None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> TimelinePage:
        """Reads the server's JSON."""
        return cls(tuple(TimelineEntry.from_json(item) for item in data["entries"]), data.get("next_cursor"))


class LineagesApi:
    """`/api/lineages`: read lineages and their history, describe, alias and tag them, govern them."""

    def __init__(self, transport: Transport) -> None:
        self._t = transport

    def list(
        self,
        *,
        q: str | None = None,
        tags: Sequence[str] | None = None,
        limit: int | None = None,
        offset: int | None = None,
        cursor: str | None = None,
        filter: str | None = None,
    ) -> LineagePage:
        """One page of lineages; `tags` are `key:value` or `key` filters, all of which must hold.

        `filter` is a search-language expression over `model_name`, `title`, `tags.<key>`,
        `maintainer` and `promoted_quality_score`, AND-ed with the rest.
        """
        query = {
            "filter": filter,
            "q": q,
            "tag": list(tags) if tags else None,
            "limit": limit,
            "offset": offset,
            "cursor": cursor,
        }
        return LineagePage.from_json(self._t.json("GET", "/api/lineages", query=query))

    def iter(
        self,
        *,
        q: str | None = None,
        tags: Sequence[str] | None = None,
        page_size: int = 200,
        filter: str | None = None,
    ) -> Iterator[Lineage]:
        """Every matching lineage, following `next_cursor` (the filters of `list`)."""

        def fetch(cursor: str | None) -> tuple[tuple[Lineage, ...], str | None]:
            page = self.list(q=q, tags=tags, limit=page_size, cursor=cursor, filter=filter)
            return page.lineages, page.next_cursor

        return follow_cursor(fetch)

    def get(self, model_name: str, *, as_of: str | datetime | None = None) -> LineageDetail:
        """A lineage with its versions; with `as_of`, as it stood then (404 before it existed)."""
        path = f"/api/lineages/{segment(model_name)}"
        return LineageDetail.from_json(self._t.json("GET", path, query={"as_of": as_of}))

    def timeline(
        self, model_name: str, *, limit: int | None = None, cursor: str | None = None
    ) -> TimelinePage:
        """One page of what happened to the lineage, newest first."""
        path = f"/api/lineages/{segment(model_name)}/timeline"
        return TimelinePage.from_json(self._t.json("GET", path, query={"limit": limit, "cursor": cursor}))

    def iter_timeline(self, model_name: str, *, page_size: int = 200) -> Iterator[TimelineEntry]:
        """The whole timeline, newest first, following `next_cursor`."""

        def fetch(cursor: str | None) -> tuple[tuple[TimelineEntry, ...], str | None]:
            page = self.timeline(model_name, limit=page_size, cursor=cursor)
            return page.entries, page.next_cursor

        return follow_cursor(fetch)

    def policy(self, model_name: str) -> Policy:
        """The lineage's promotion policy (the defaults when none was set)."""
        return Policy.from_json(self._t.json("GET", f"/api/lineages/{segment(model_name)}/policy"))

    def set_policy(
        self,
        model_name: str,
        *,
        required_approvals: int | None = None,
        exclude_contributors: bool | None = None,
        require_complete_provenance: bool | None = None,
        require_impact_preview: bool | None = None,
        preview_max_age_hours: int | None = None,
        max_flag_fraction: float | None = None,
    ) -> Policy:
        """Sets the whole promotion policy (`admin`); what is left out takes its default."""
        body = drop_none(
            {
                "required_approvals": required_approvals,
                "exclude_contributors": exclude_contributors,
                "require_complete_provenance": require_complete_provenance,
                "require_impact_preview": require_impact_preview,
                "preview_max_age_hours": preview_max_age_hours,
                "max_flag_fraction": max_flag_fraction,
            }
        )
        path = f"/api/lineages/{segment(model_name)}/policy"
        return Policy.from_json(self._t.json("PUT", path, body=body))

    def describe(self, model_name: str, description: str) -> LineageDetail:
        """Sets the lineage's Markdown description (scope `write`)."""
        path = f"/api/lineages/{segment(model_name)}"
        return LineageDetail.from_json(self._t.json("PATCH", path, body={"description": description}))

    def set_alias(
        self, model_name: str, alias: str, version_number: int, *, protected: bool | None = None
    ) -> Alias:
        """Points an alias at a version, moving it if it exists (scope `evaluate`)."""
        body: dict[str, Any] = {"version_number": version_number}
        if protected is not None:
            body["protected"] = protected
        path = f"/api/lineages/{segment(model_name)}/aliases/{segment(alias)}"
        return Alias.from_json(self._t.json("PUT", path, body=body))

    def delete_alias(self, model_name: str, alias: str) -> None:
        """Deletes an alias (scope `evaluate`)."""
        self._t.send("DELETE", f"/api/lineages/{segment(model_name)}/aliases/{segment(alias)}")

    def set_tag(self, model_name: str, key: str, value: str) -> TagChange:
        """Sets a tag on the lineage (scope `write`, a maintainer)."""
        path = f"/api/lineages/{segment(model_name)}/tags/{segment(key)}"
        return TagChange.from_json(self._t.json("PUT", path, body={"value": value}))

    def delete_tag(self, model_name: str, key: str) -> None:
        """Deletes a tag of the lineage."""
        self._t.send("DELETE", f"/api/lineages/{segment(model_name)}/tags/{segment(key)}")

    def add_maintainer(self, model_name: str, agent_id: str) -> Maintainers:
        """Makes an agent a maintainer too (a maintainer or `admin`)."""
        path = f"/api/lineages/{segment(model_name)}/maintainers/{segment(agent_id)}"
        return Maintainers.from_json(self._t.json("PUT", path))

    def remove_maintainer(self, model_name: str, agent_id: str) -> None:
        """Removes a maintainer; a lineage keeps at least one (409 `last_maintainer`)."""
        self._t.send("DELETE", f"/api/lineages/{segment(model_name)}/maintainers/{segment(agent_id)}")
