"""The client itself: configuration from the environment, errors, timeouts, context management."""

from __future__ import annotations

import pickle
import socket
import threading
from collections.abc import Iterator

import pytest

from modelgraph import ApiError, Client, RequestTimeoutError, TransportError


def test_reads_the_url_and_token_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, server_url: str, admin: Client, uid: str
) -> None:
    agent_id = f"env-{uid}"
    admin.agents.create(agent_id, "From the environment", "ai")
    monkeypatch.setenv("MODELGRAPH_URL", server_url)
    monkeypatch.setenv("MODELGRAPH_TOKEN", admin.agents.create_token(agent_id, ["write"]))
    with Client() as client:
        assert client.url == server_url.rstrip("/")
        created = client.artifacts.create("dataset", "Written with the environment's token")
    assert created.created_by == agent_id


def test_a_write_without_a_token_is_unauthenticated(public: Client) -> None:
    with pytest.raises(ApiError) as raised:
        public.artifacts.create("dataset", "No token")
    assert (raised.value.status, raised.value.code) == (401, "unauthenticated")


def test_a_bad_token_is_unauthenticated(server_url: str) -> None:
    with Client(url=server_url, token="not-a-token") as client, pytest.raises(ApiError) as raised:
        client.artifacts.create("dataset", "Bad token")
    assert raised.value.status == 401


def test_an_invalid_body_is_a_400_naming_the_field(admin: Client, uid: str) -> None:
    with pytest.raises(ApiError) as raised:
        admin.models.register(
            f"model-bad-runtime-{uid}",
            "Bad runtime",
            "statistical",
            runtime={"kind": "http", "url": "ftp://example.org", "model": "m"},
        )
    error = raised.value
    assert (error.status, error.code) == (400, "invalid_request")
    assert "runtime.url" in error.message
    assert str(error).startswith("400 invalid_request: ")


def test_a_missing_reference_is_a_422_with_details(admin: Client, uid: str) -> None:
    with pytest.raises(ApiError) as raised:
        admin.models.register(
            f"model-dangling-{uid}", "Dangling", "statistical", trained_on=[f"no-such-{uid}"]
        )
    assert (raised.value.status, raised.value.code) == (422, "missing_reference")
    assert raised.value.details == {"missing": [f"no-such-{uid}"]}


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A TCP server that accepts connections and never answers."""
    listener = socket.create_server(("127.0.0.1", 0))
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    listener.close()


def test_a_server_that_does_not_answer_times_out(silent_server: str) -> None:
    with Client(url=silent_server, timeout=0.3) as client, pytest.raises(RequestTimeoutError):
        client.models.list()


def test_a_refused_connection_is_a_transport_error() -> None:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    with Client(url=f"http://127.0.0.1:{port}") as client, pytest.raises(TransportError) as raised:
        client.models.list()
    assert not isinstance(raised.value, RequestTimeoutError)


def test_serves_the_openapi_document(public: Client) -> None:
    document = public.openapi()
    assert document["openapi"].startswith("3.")
    assert "/api/models" in document["paths"]


def test_an_api_error_survives_pickling(public: Client, uid: str) -> None:
    with pytest.raises(ApiError) as raised:
        public.models.get(f"ghost-{uid}")
    copy = pickle.loads(pickle.dumps(raised.value))
    assert (copy.status, copy.code, copy.message, copy.details) == (
        raised.value.status,
        raised.value.code,
        raised.value.message,
        raised.value.details,
    )
    assert str(copy) == str(raised.value)
