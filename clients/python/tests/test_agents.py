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


def test_issues_lists_and_revokes_a_token_by_its_handle(admin: Client, server_url: str, uid: str) -> None:
    agent_id = f"holder-{uid}"
    admin.agents.create(agent_id, "Holder", "ai")
    issued = admin.agents.issue_token(agent_id, ["write"], expires_in_days=30, label="notebook")
    assert issued.token_id.startswith("tok_")
    assert (issued.scopes, issued.label) == (("write",), "notebook")
    assert issued.expires_at is not None
    spare = admin.agents.create_token(agent_id, ["write"])

    with Client(url=server_url, token=spare) as own:
        listed = own.agents.list_tokens(agent_id)
        assert [(token.token_id, token.label, token.revoked_at) for token in listed] == [
            (issued.token_id, "notebook", None),
            (listed[1].token_id, None, None),
        ]
        revoked = own.agents.revoke_token(agent_id, issued.token_id)
        assert revoked.token_id == issued.token_id
        assert own.agents.revoke_token(agent_id, issued.token_id) == revoked

    with Client(url=server_url, token=issued.token) as withdrawn, pytest.raises(ApiError) as raised:
        withdrawn.artifacts.create("dataset", "After revocation")
    assert (raised.value.status, raised.value.code) == (401, "token_revoked")
    assert admin.agents.list_tokens(agent_id)[0].revoked_at == revoked.revoked_at


def test_another_agent_cannot_list_or_revoke_tokens(make_agent: MakeAgent, admin: Client) -> None:
    owner_id, _ = make_agent("owner", ("write",))
    _, stranger = make_agent("stranger", ("write", "evaluate"))
    token_id = admin.agents.list_tokens(owner_id)[0].token_id
    for call in (
        lambda: stranger.agents.list_tokens(owner_id),
        lambda: stranger.agents.revoke_token(owner_id, token_id),
    ):
        with pytest.raises(ApiError) as raised:
            call()
        assert (raised.value.status, raised.value.code) == (403, "forbidden")
    assert admin.agents.list_tokens(owner_id)[0].revoked_at is None


def test_a_deactivated_agent_keeps_its_data_and_its_tokens_are_refused_until_reactivated(
    make_agent: MakeAgent, admin: Client, public: Client, uid: str
) -> None:
    agent_id, client = make_agent("paused", ("write",))
    artifact = client.artifacts.create("dataset", "Before the pause", id=f"ds-paused-{uid}")

    assert admin.agents.update(agent_id, active=False).active is False
    with pytest.raises(ApiError) as raised:
        client.artifacts.create("dataset", "During the pause")
    assert (raised.value.status, raised.value.code) == (401, "agent_inactive")
    assert public.artifacts.get(artifact.id).created_by == agent_id
    assert public.agents.get(agent_id).active is False

    renamed = admin.agents.update(agent_id, active=True, display_name="Back again")
    assert (renamed.active, renamed.display_name) == (True, "Back again")
    assert client.artifacts.create("dataset", "After the pause").created_by == agent_id


def test_only_an_admin_may_deactivate_an_agent(make_agent: MakeAgent) -> None:
    agent_id, client = make_agent("self-pauser", ("write", "evaluate"))
    with pytest.raises(ApiError) as raised:
        client.agents.update(agent_id, active=False)
    assert (raised.value.status, raised.value.code) == (403, "forbidden")
