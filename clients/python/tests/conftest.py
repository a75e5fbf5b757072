"""The suite runs against a real modelgraph server: `MODELGRAPH_URL` and an admin token in
`MODELGRAPH_TEST_ADMIN_TOKEN` (test/python-client/python-client.test.ts starts one per store).
The server must list this interpreter in `MODELGRAPH_RUNTIME_COMMANDS` and run with a short
`MODELGRAPH_RESCORE_WINDOW_HOURS`, so that the rescore tests' passes are not refused."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator

import pytest

from modelgraph import Client
from modelgraph.agents import Scope

MakeAgent = Callable[..., tuple[str, Client]]


@pytest.fixture(scope="session")
def server_url() -> str:
    url = os.environ.get("MODELGRAPH_URL")
    if not url or not os.environ.get("MODELGRAPH_TEST_ADMIN_TOKEN"):
        pytest.skip("needs a server: MODELGRAPH_URL and MODELGRAPH_TEST_ADMIN_TOKEN")
    return url


@pytest.fixture(scope="session")
def admin(server_url: str) -> Iterator[Client]:
    with Client(url=server_url, token=os.environ["MODELGRAPH_TEST_ADMIN_TOKEN"]) as client:
        yield client


@pytest.fixture(scope="session")
def public(server_url: str) -> Iterator[Client]:
    """A client without a token: what anyone may read."""
    with Client(url=server_url, token="") as client:
        yield client


@pytest.fixture
def uid() -> str:
    """A suffix that keeps each test's ids apart from every other test's and run's."""
    return uuid.uuid4().hex[:10]


@pytest.fixture
def make_agent(admin: Client, server_url: str, uid: str) -> Iterator[MakeAgent]:
    """Creates an agent with a token of the given scopes; returns its id and a client using it."""
    clients: list[Client] = []

    def make(name: str = "agent", scopes: tuple[Scope, ...] = ("write",)) -> tuple[str, Client]:
        agent_id = f"{name}-{uid}-{len(clients)}"
        admin.agents.create(agent_id, f"Test {name}", "ai")
        client = Client(url=server_url, token=admin.agents.create_token(agent_id, scopes))
        clients.append(client)
        return agent_id, client

    yield make
    for client in clients:
        client.close()
