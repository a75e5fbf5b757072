"""Agents, their tokens and their wallets."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from ._http import Transport, segment

AgentKind = Literal["human", "ai"]
Scope = Literal["write", "evaluate", "admin"]


@dataclass(frozen=True)
class Agent:
    """An actor: a person or an AI agent."""

    id: str
    display_name: str
    kind: str
    created_at: str

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Agent:
        """Reads the server's JSON."""
        return cls(data["id"], data["display_name"], data["kind"], data["created_at"])


@dataclass(frozen=True)
class Balance:
    """A balance in credits, with its exact twin in micro-credits."""

    balance: float
    balance_micro: int

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Balance:
        """Reads the server's JSON."""
        return cls(data["balance"], data["balance_micro"])


@dataclass(frozen=True)
class AgentDetail(Agent):
    """An agent with its wallet's balance, demurrage applied as of now."""

    wallet: Balance

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> AgentDetail:
        """Reads the server's JSON."""
        agent = Agent.from_json(data)
        return cls(
            agent.id, agent.display_name, agent.kind, agent.created_at, Balance.from_json(data["wallet"])
        )


@dataclass(frozen=True)
class Transfer:
    """One ledger transfer; `id` is its idempotency key."""

    id: str
    debit_account: str
    credit_account: str
    amount: float
    amount_micro: int
    reason: str
    event_id: int | None
    created_at: str

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Transfer:
        """Reads the server's JSON."""
        return cls(
            data["id"],
            data["debit_account"],
            data["credit_account"],
            data["amount"],
            data["amount_micro"],
            data["reason"],
            data.get("event_id"),
            data["created_at"],
        )


@dataclass(frozen=True)
class Wallet:
    """An agent's wallet: the balance as of now and the last 50 transfers."""

    agent_id: str
    balance: float
    balance_micro: int
    transfers: tuple[Transfer, ...]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Wallet:
        """Reads the server's JSON."""
        return cls(
            data["agent_id"],
            data["balance"],
            data["balance_micro"],
            tuple(Transfer.from_json(item) for item in data["transfers"]),
        )


class AgentsApi:
    """`/api/agents`: create agents and tokens (admin), read agents and wallets (public)."""

    def __init__(self, transport: Transport) -> None:
        self._t = transport

    def create(self, id: str, display_name: str, kind: AgentKind) -> Agent:
        """Creates an agent (admin)."""
        body = {"id": id, "display_name": display_name, "kind": kind}
        return Agent.from_json(self._t.json("POST", "/api/agents", body=body))

    def create_token(self, agent_id: str, scopes: Sequence[Scope]) -> str:
        """Creates a token for an agent (admin) and returns it; the server keeps only its hash."""
        answer = self._t.json(
            "POST", f"/api/agents/{segment(agent_id)}/tokens", body={"scopes": list(scopes)}
        )
        return str(answer["token"])

    def get(self, agent_id: str) -> AgentDetail:
        """An agent and its balance."""
        return AgentDetail.from_json(self._t.json("GET", f"/api/agents/{segment(agent_id)}"))

    def wallet(self, agent_id: str) -> Wallet:
        """An agent's wallet with its last 50 transfers."""
        return Wallet.from_json(self._t.json("GET", f"/api/agents/{segment(agent_id)}/wallet"))
