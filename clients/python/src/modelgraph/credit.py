"""Payouts, accounts and minting (docs/credit.md)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ._http import Transport


@dataclass(frozen=True)
class Payout:
    """One agent's share of a promotion's pool; `capped_by` names the cap that held some back."""

    agent_id: str
    role: str
    weight: float
    amount: float
    amount_micro: int
    capped_by: str | None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Payout:
        """Reads the server's JSON."""
        return cls(
            data["agent_id"],
            data["role"],
            data["weight"],
            data["amount"],
            data["amount_micro"],
            data.get("capped_by"),
        )


@dataclass(frozen=True)
class PayoutPlan:
    """A pool split among agents, and what the caps withheld (kept in the treasury)."""

    pool: float
    pool_micro: int
    payouts: tuple[Payout, ...]
    withheld: float
    withheld_micro: int

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> PayoutPlan:
        """Reads the server's JSON."""
        return cls(
            data["pool"],
            data["pool_micro"],
            tuple(Payout.from_json(item) for item in data["payouts"]),
            data["withheld"],
            data["withheld_micro"],
        )


@dataclass(frozen=True)
class PayoutReport(PayoutPlan):
    """What one promotion paid."""

    event_id: int

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> PayoutReport:
        """Reads the server's JSON."""
        plan = PayoutPlan.from_json(data)
        return cls(
            plan.pool, plan.pool_micro, plan.payouts, plan.withheld, plan.withheld_micro, data["event_id"]
        )


@dataclass(frozen=True)
class Account:
    """A ledger account (an agent's wallet or a system account such as `treasury`)."""

    id: str
    balance: float
    balance_micro: int

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Account:
        """Reads the server's JSON."""
        return cls(data["id"], data["balance"], data["balance_micro"])


@dataclass(frozen=True)
class Accounts:
    """Every account, demurrage applied as of now, and their total."""

    accounts: tuple[Account, ...]
    total: float
    total_micro: int

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Accounts:
        """Reads the server's JSON."""
        return cls(
            tuple(Account.from_json(item) for item in data["accounts"]), data["total"], data["total_micro"]
        )


@dataclass(frozen=True)
class MintResult:
    """Whether a mint was new (false when its id had been minted before) and the accounts after it."""

    minted: bool
    treasury: Accounts

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> MintResult:
        """Reads the server's JSON."""
        return cls(data["minted"], Accounts.from_json(data["treasury"]))


class CreditApi:
    """`/api/credit`: what a promotion paid, every account (admin), minting (admin)."""

    def __init__(self, transport: Transport) -> None:
        self._t = transport

    def payouts(self, event_id: int) -> PayoutReport:
        """What the promotion event `event_id` paid, to whom, and what was withheld."""
        return PayoutReport.from_json(
            self._t.json("GET", "/api/credit/payouts", query={"event_id": event_id})
        )

    def accounts(self) -> Accounts:
        """Every account, `treasury` included (admin)."""
        return Accounts.from_json(self._t.json("GET", "/api/credit/accounts"))

    def mint(self, id: str, amount: float, reason: str) -> MintResult:
        """Mints `amount` credits into the treasury (admin); `id` makes it idempotent."""
        body = {"id": id, "amount": amount, "reason": reason}
        return MintResult.from_json(self._t.json("POST", "/api/credit/mint", body=body))
