"""Artifacts, their versions, the links between them, and their retractions."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from ._http import Transport, drop_none, segment

ArtifactType = Literal["dataset", "analysis", "hypothesis", "benchmark", "model"]
LinkType = Literal["trained_on", "produced_by", "tests_hypothesis", "input", "derived_from"]


@dataclass(frozen=True)
class Retracted:
    """A retraction where something is retracted: when, by whom, why, and on what evidence."""

    at: str
    by: str
    reason: str
    evidence_url: str | None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Retracted:
        """Reads the server's JSON."""
        return cls(data["at"], data["by"], data["reason"], data.get("evidence_url"))

    @classmethod
    def maybe(cls, data: Mapping[str, Any] | None) -> Retracted | None:
        """Reads the server's JSON, where null means not retracted."""
        return None if data is None else cls.from_json(data)


@dataclass(frozen=True)
class Reinstated:
    """How a retraction ended: when, by whom and why."""

    at: str
    by: str
    reason: str

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Reinstated:
        """Reads the server's JSON."""
        return cls(data["at"], data["by"], data["reason"])


@dataclass(frozen=True)
class RetractionEntry:
    """One retraction of an artifact's history: the version it named (None: the whole artifact)."""

    id: int
    version: int | None
    retracted: Retracted
    reinstated: Reinstated | None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> RetractionEntry:
        """Reads the server's JSON."""
        reinstated = data.get("reinstated")
        return cls(
            data["id"],
            data.get("version"),
            Retracted.from_json(data),
            None if reinstated is None else Reinstated.from_json(reinstated),
        )


@dataclass(frozen=True)
class ArtifactVersion:
    """An immutable snapshot of an artifact; `retracted` is the retraction in force that covers it."""

    artifact_id: str
    version_number: int
    digest: str | None
    uri: str | None
    metadata: dict[str, Any]
    created_by: str
    created_at: str
    retracted: Retracted | None = None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ArtifactVersion:
        """Reads the server's JSON."""
        return cls(
            data["artifact_id"],
            data["version_number"],
            data.get("digest"),
            data.get("uri"),
            dict(data.get("metadata") or {}),
            data["created_by"],
            data["created_at"],
            Retracted.maybe(data.get("retracted")),
        )


@dataclass(frozen=True)
class Link:
    """A typed, directed link between two artifacts, pinned to a version of the target or not."""

    id: int
    source_id: str
    target_id: str
    link_type: str
    target_version: int | None
    created_by: str
    created_at: str

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Link:
        """Reads the server's JSON."""
        return cls(
            data["id"],
            data["source_id"],
            data["target_id"],
            data["link_type"],
            data.get("target_version"),
            data["created_by"],
            data["created_at"],
        )


@dataclass(frozen=True)
class ArtifactRef:
    """The id, type and title of an artifact, where another one is shown."""

    id: str
    type: str
    title: str

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ArtifactRef:
        """Reads the server's JSON."""
        return cls(data["id"], data["type"], data["title"])


@dataclass(frozen=True)
class ArtifactLink(Link):
    """A link seen from one of its ends: `direction` is `out` or `in`, `other` the far end."""

    direction: str
    other: ArtifactRef

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ArtifactLink:
        """Reads the server's JSON."""
        link = Link.from_json(data)
        return cls(
            link.id,
            link.source_id,
            link.target_id,
            link.link_type,
            link.target_version,
            link.created_by,
            link.created_at,
            data["direction"],
            ArtifactRef.from_json(data["other"]),
        )


@dataclass(frozen=True)
class Artifact:
    """An artifact with every version (oldest first), its links in both directions, and its retractions.

    `retracted` is the retraction of the whole artifact in force (None when there is none);
    `retractions` is the history, ended ones included, oldest first.
    """

    id: str
    type: str
    title: str
    metadata: dict[str, Any]
    created_by: str
    created_at: str
    versions: tuple[ArtifactVersion, ...]
    links: tuple[ArtifactLink, ...]
    retracted: Retracted | None = None
    retractions: tuple[RetractionEntry, ...] = ()

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Artifact:
        """Reads the server's JSON."""
        return cls(
            data["id"],
            data["type"],
            data["title"],
            dict(data.get("metadata") or {}),
            data["created_by"],
            data["created_at"],
            tuple(ArtifactVersion.from_json(item) for item in data["versions"]),
            tuple(ArtifactLink.from_json(item) for item in data["links"]),
            Retracted.maybe(data.get("retracted")),
            tuple(RetractionEntry.from_json(item) for item in data.get("retractions") or ()),
        )


@dataclass(frozen=True)
class Retraction:
    """What a retraction did, or would do (`dry_run`).

    `affected_models` are every model version built on the target; `flagged_edges` counts their
    active edges, flagged for review.
    """

    artifact_id: str
    version: int | None
    retracted: Retracted
    affected_models: tuple[str, ...]
    flagged_edges: int
    dry_run: bool

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Retraction:
        """Reads the server's JSON."""
        return cls(
            data["artifact_id"],
            data.get("version"),
            Retracted.from_json(data["retracted"]),
            tuple(data["affected_models"]),
            data["flagged_edges"],
            data["dry_run"],
        )


@dataclass(frozen=True)
class Reinstatement:
    """What a reinstatement did, or would do (`dry_run`).

    `retraction` is the retraction it ends, `affected_models` the versions built on the target, and
    `restored_models` those no other retraction reaches, which got their scores back.
    """

    artifact_id: str
    version: int | None
    reinstated: Reinstated
    retraction: Retracted
    affected_models: tuple[str, ...]
    restored_models: tuple[str, ...]
    dry_run: bool

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Reinstatement:
        """Reads the server's JSON."""
        return cls(
            data["artifact_id"],
            data.get("version"),
            Reinstated.from_json(data["reinstated"]),
            Retracted.from_json(data["retraction"]),
            tuple(data["affected_models"]),
            tuple(data["restored_models"]),
            data["dry_run"],
        )


class ArtifactsApi:
    """`/api/artifacts` and `/api/links`: datasets, analyses, hypotheses, benchmarks and their links."""

    def __init__(self, transport: Transport) -> None:
        self._t = transport

    def create(
        self,
        type: ArtifactType,
        title: str,
        *,
        id: str | None = None,
        metadata: Mapping[str, Any] | None = None,
        digest: str | None = None,
        uri: str | None = None,
    ) -> Artifact:
        """Creates an artifact with its version 1 (`digest` and `uri` describe that version).

        Model versions are registered with `client.models.register`, not here.
        """
        version = drop_none({"digest": digest, "uri": uri})
        body = drop_none(
            {
                "id": id,
                "type": type,
                "title": title,
                "metadata": dict(metadata) if metadata is not None else None,
                "version": version or None,
            }
        )
        return Artifact.from_json(self._t.json("POST", "/api/artifacts", body=body))

    def add_version(
        self,
        artifact_id: str,
        *,
        digest: str | None = None,
        uri: str | None = None,
        metadata: Mapping[str, Any] | None = None,
    ) -> ArtifactVersion:
        """Adds the next version of an artifact; the server numbers it."""
        body = drop_none({"digest": digest, "uri": uri, "metadata": dict(metadata) if metadata else None})
        answer = self._t.json("POST", f"/api/artifacts/{segment(artifact_id)}/versions", body=body)
        return ArtifactVersion.from_json(answer)

    def get(self, artifact_id: str) -> Artifact:
        """An artifact with its versions and links."""
        return Artifact.from_json(self._t.json("GET", f"/api/artifacts/{segment(artifact_id)}"))

    def link(
        self,
        source_id: str,
        target_id: str,
        link_type: LinkType,
        *,
        target_version: int | None = None,
    ) -> Link:
        """Links two artifacts; `target_version` pins the link to a version of the target."""
        body = drop_none(
            {
                "source_id": source_id,
                "target_id": target_id,
                "link_type": link_type,
                "target_version": target_version,
            }
        )
        return Link.from_json(self._t.json("POST", "/api/links", body=body))

    def retract(
        self,
        artifact_id: str,
        *,
        reason: str,
        version: int | None = None,
        evidence_url: str | None = None,
        dry_run: bool = False,
    ) -> Retraction:
        """Retracts a dataset, analysis or benchmark, or one of its versions.

        Its creator, or scope `evaluate`. Every model version built on it is flagged
        `retracted_input` and capped, and their active edges are flagged for review; nothing is
        deleted. `dry_run` answers the same and writes nothing.
        """
        body = drop_none(
            {"version": version, "reason": reason, "evidence_url": evidence_url, "dry_run": dry_run or None}
        )
        answer = self._t.json("POST", f"/api/artifacts/{segment(artifact_id)}/retract", body=body)
        return Retraction.from_json(answer)

    def reinstate(
        self,
        artifact_id: str,
        *,
        reason: str,
        version: int | None = None,
        dry_run: bool = False,
    ) -> Reinstatement:
        """Ends the retraction of an artifact or version; it stays in the history.

        The versions no other retraction reaches get their scores back; edges keep their review
        flags. `dry_run` answers the same and writes nothing.
        """
        body = drop_none({"version": version, "reason": reason, "dry_run": dry_run or None})
        answer = self._t.json("POST", f"/api/artifacts/{segment(artifact_id)}/reinstate", body=body)
        return Reinstatement.from_json(answer)
