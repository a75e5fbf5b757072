from __future__ import annotations

import pytest

from modelgraph import ApiError, Client

from .conftest import MakeAgent


def test_creates_an_agent_and_reads_it_back_with_an_empty_wallet(
    admin: Client, public: Client, uid: str
) -> None:
    created = admin.agents.create(f"dr-{uid}", "Dr Test", "human")
    assert (created.id, created.display_name, created.kind) == (f"dr-{uid}", "Dr Test", "human")

    detail = public.agents.get(created.id)
    assert detail.id == created.id
    assert detail.wallet.balance == 0
    assert detail.wallet.balance_micro == 0

    wallet = public.agents.wallet(created.id)
    assert wallet.agent_id == created.id
    assert wallet.transfers == ()


def test_a_token_writes_as_its_agent(make_agent: MakeAgent, uid: str) -> None:
    agent_id, client = make_agent("writer", ("write",))
    artifact = client.artifacts.create("dataset", "Written by the token's agent", id=f"ds-own-{uid}")
    assert artifact.created_by == agent_id


def test_a_duplicate_agent_is_a_conflict(admin: Client, uid: str) -> None:
    admin.agents.create(f"twice-{uid}", "Twice", "ai")
    with pytest.raises(ApiError) as raised:
        admin.agents.create(f"twice-{uid}", "Twice", "ai")
    assert raised.value.status == 409
    assert raised.value.code == "already_exists"


def test_a_write_token_cannot_create_agents(make_agent: MakeAgent, uid: str) -> None:
    _, client = make_agent("writer", ("write",))
    with pytest.raises(ApiError) as raised:
        client.agents.create(f"sneaky-{uid}", "Sneaky", "ai")
    assert (raised.value.status, raised.value.code) == (403, "forbidden")


def test_an_unknown_agent_is_not_found(public: Client, uid: str) -> None:
    with pytest.raises(ApiError) as raised:
        public.agents.get(f"nobody-{uid}")
    assert (raised.value.status, raised.value.code) == (404, "not_found")
    assert raised.value.message
