"""Agents, their tokens and their wallets."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from ._http import Transport, drop_none, segment

AgentKind = Literal["human", "ai"]
Scope = Literal["write", "evaluate", "admin"]


@dataclass(frozen=True)
class Agent:
    """An actor: a person or an AI agent. An inactive agent's tokens are all refused."""

    id: str
    display_name: str
    kind: str
    active: bool
    created_at: str

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Agent:
        """Reads the server's JSON."""
        return cls(
            data["id"], data["display_name"], data["kind"], data.get("active", True), data["created_at"]
        )


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
            agent.id,
            agent.display_name,
            agent.kind,
            agent.active,
            agent.created_at,
            Balance.from_json(data["wallet"]),
        )


@dataclass(frozen=True)
class IssuedToken:
    """A token just issued: the secret `token` (shown this once) and its public handle `token_id`."""

    token: str
    token_id: str
    scopes: tuple[str, ...]
    label: str | None
    expires_at: str | None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> IssuedToken:
        """Reads the server's JSON."""
        return cls(
            data["token"],
            data["token_id"],
            tuple(data["scopes"]),
            data.get("label"),
            data.get("expires_at"),
        )


@dataclass(frozen=True)
class Token:
    """A stored token as listed: its handle, scopes and dates, never its secret.

    `last_used_at` may lag by up to a minute.
    """

    token_id: str
    scopes: tuple[str, ...]
    label: str | None
    created_at: str
    expires_at: str | None
    last_used_at: str | None
    revoked_at: str | None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Token:
        """Reads the server's JSON."""
        return cls(
            data["token_id"],
            tuple(data["scopes"]),
            data.get("label"),
            data["created_at"],
            data.get("expires_at"),
            data.get("last_used_at"),
            data.get("revoked_at"),
        )


@dataclass(frozen=True)
class RevokedToken:
    """A revoked token's handle and when it was (first) revoked."""

    token_id: str
    revoked_at: str

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> RevokedToken:
        """Reads the server's JSON."""
        return cls(data["token_id"], data["revoked_at"])


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
    """`/api/agents`: agents, their tokens and wallets.

    Create, change and deactivate agents and issue tokens (admin); list and revoke tokens (admin or
    the agent itself); read agents and wallets (public).
    """

    def __init__(self, transport: Transport) -> None:
        self._t = transport

    def create(self, id: str, display_name: str, kind: AgentKind) -> Agent:
        """Creates an agent (admin)."""
        body = {"id": id, "display_name": display_name, "kind": kind}
        return Agent.from_json(self._t.json("POST", "/api/agents", body=body))

    def update(self, agent_id: str, *, active: bool | None = None, display_name: str | None = None) -> Agent:
        """Renames an agent, or deactivates (`active=False`) or reactivates it (admin).

        Every token of an inactive agent is refused (401 `agent_inactive`); its data stays.
        """
        body = drop_none({"active": active, "display_name": display_name})
        return Agent.from_json(self._t.json("PATCH", f"/api/agents/{segment(agent_id)}", body=body))

    def issue_token(
        self,
        agent_id: str,
        scopes: Sequence[Scope],
        *,
        expires_in_days: int | None = None,
        label: str | None = None,
    ) -> IssuedToken:
        """Issues a token for an agent (admin): the secret, shown this once, and its handle.

        Without `expires_in_days` (1 to 3650) the token works until it is revoked.
        """
        body = drop_none({"scopes": list(scopes), "expires_in_days": expires_in_days, "label": label})
        return IssuedToken.from_json(
            self._t.json("POST", f"/api/agents/{segment(agent_id)}/tokens", body=body)
        )

    def create_token(
        self,
        agent_id: str,
        scopes: Sequence[Scope],
        *,
        expires_in_days: int | None = None,
        label: str | None = None,
    ) -> str:
        """Issues a token for an agent (admin) and returns the secret alone; see `issue_token`."""
        return self.issue_token(agent_id, scopes, expires_in_days=expires_in_days, label=label).token

    def list_tokens(self, agent_id: str) -> tuple[Token, ...]:
        """An agent's tokens, revoked and expired ones included (admin, or the agent itself)."""
        answer = self._t.json("GET", f"/api/agents/{segment(agent_id)}/tokens")
        return tuple(Token.from_json(item) for item in answer["tokens"])

    def revoke_token(self, agent_id: str, token_id: str) -> RevokedToken:
        """Revokes a token by its handle (admin, or the agent itself); revoking it again is harmless."""
        path = f"/api/agents/{segment(agent_id)}/tokens/{segment(token_id)}"
        return RevokedToken.from_json(self._t.json("DELETE", path))

    def get(self, agent_id: str) -> AgentDetail:
        """An agent and its balance."""
        return AgentDetail.from_json(self._t.json("GET", f"/api/agents/{segment(agent_id)}"))

    def wallet(self, agent_id: str) -> Wallet:
        """An agent's wallet with its last 50 transfers."""
        return Wallet.from_json(self._t.json("GET", f"/api/agents/{segment(agent_id)}/wallet"))
