"""Artifacts, their versions and the links between them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from ._http import Transport, drop_none, segment

ArtifactType = Literal["dataset", "analysis", "hypothesis", "benchmark", "model"]
LinkType = Literal["trained_on", "produced_by", "tests_hypothesis", "input", "derived_from"]


@dataclass(frozen=True)
class ArtifactVersion:
    """An immutable snapshot of an artifact."""

    artifact_id: str
    version_number: int
    digest: str | None
    uri: str | None
    metadata: dict[str, Any]
    created_by: str
    created_at: str

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
    """An artifact with every version (oldest first) and its links in both directions."""

    id: str
    type: str
    title: str
    metadata: dict[str, Any]
    created_by: str
    created_at: str
    versions: tuple[ArtifactVersion, ...]
    links: tuple[ArtifactLink, ...]

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
