"""Knowledge-graph node names: the human names of the CURIEs edges use (`client.kg.nodes`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ._http import Transport, drop_none, segment

MAX_NODES_PER_REQUEST = 10_000
"""The most nodes `POST /api/kg/nodes` takes in one call."""


@dataclass(frozen=True)
class Node:
    """A named node: its CURIE, its name and its Biolink category (None when none was given)."""

    id: str
    name: str
    category: str | None = None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Node:
        """Reads the server's JSON."""
        return cls(id=data["id"], name=data["name"], category=data.get("category"))

    def to_json(self) -> dict[str, Any]:
        """The node as the API takes it."""
        return drop_none({"id": self.id, "name": self.name, "category": self.category})


def _node_json(node: Node | Mapping[str, Any]) -> dict[str, Any]:
    return node.to_json() if isinstance(node, Node) else dict(node)


class NodesApi:
    """`POST /api/kg/nodes` and `GET /api/kg/nodes/{id}`."""

    def __init__(self, transport: Transport) -> None:
        self._t = transport

    def upsert(self, nodes: Iterable[Node | Mapping[str, Any]]) -> int:
        """Names (or renames) nodes, all or none per request of 10,000; returns how many were written."""
        body = [_node_json(node) for node in nodes]
        upserted = 0
        for start in range(0, len(body), MAX_NODES_PER_REQUEST):
            answer = self._t.json("POST", "/api/kg/nodes", body=body[start : start + MAX_NODES_PER_REQUEST])
            upserted += int(answer["upserted"])
        return upserted

    def get(self, node_id: str) -> Node:
        """One named node; `ApiError` 404 for a node never named."""
        return Node.from_json(self._t.json("GET", f"/api/kg/nodes/{segment(node_id)}"))
