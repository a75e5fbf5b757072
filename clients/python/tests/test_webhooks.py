"""Webhooks: subscribe, receive a signed `webhook_test` delivery, inspect deliveries.

The signature check runs everywhere; the rest needs a server with the webhook routes and is
skipped, saying so, against one without them.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from modelgraph import ApiError, Client, verify_signature

# The example of the Standard Webhooks specification.
SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
HEADERS = {
    "webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek",
    "webhook-timestamp": "1614265330",
    "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
}
BODY = b'{"test": 2432232314}'


def test_verifies_the_standard_webhooks_example_signature() -> None:
    assert verify_signature(SECRET, HEADERS, BODY)
    assert verify_signature(
        SECRET, {**HEADERS, "webhook-signature": "v1,bm90IGl0 " + HEADERS["webhook-signature"]}, BODY
    )
    assert not verify_signature(SECRET, HEADERS, BODY + b" ")
    assert not verify_signature(SECRET, {**HEADERS, "webhook-timestamp": "1614265331"}, BODY)
    assert not verify_signature(SECRET, {**HEADERS, "webhook-signature": "v2,whatever"}, BODY)


@pytest.fixture(scope="module")
def webhook_server(admin: Client) -> Client:
    if "/api/webhooks" not in admin.openapi()["paths"]:
        pytest.skip("the server has no webhook routes")
    return admin


@pytest.fixture
def receiver() -> Iterator[tuple[str, list[tuple[dict[str, str], bytes]]]]:
    """A local subscriber that records every request and answers 204."""
    received: list[tuple[dict[str, str], bytes]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("content-length", "0")))
            received.append(({key.lower(): value for key, value in self.headers.items()}, body))
            self.send_response(204)
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook", received
    server.shutdown()
    server.server_close()


def test_a_test_delivery_arrives_signed_and_is_listed(
    webhook_server: Client, receiver: tuple[str, list[tuple[dict[str, str], bytes]]], uid: str
) -> None:
    url, received = receiver
    hook = webhook_server.webhooks.create(url, ["*"], description=f"test {uid}")
    assert hook.secret.startswith("whsec_")
    assert (hook.url, hook.event_types, hook.active) == (url, ("*",), True)
    listed = {item.id: item for item in webhook_server.webhooks.list()}
    assert listed[hook.id].url == url
    assert not hasattr(listed[hook.id], "secret")

    webhook_server.webhooks.test(hook.id)
    deadline = time.monotonic() + 30
    while not received and time.monotonic() < deadline:
        time.sleep(0.2)
    assert received, "no delivery within 30 s"
    headers, body = received[0]
    assert verify_signature(hook.secret, headers, body)
    assert json.loads(body)["type"] == "webhook_test"

    deliveries = webhook_server.webhooks.deliveries(hook.id)
    assert deliveries.total >= 1
    assert deliveries.deliveries[0].event_type == "webhook_test"
    webhook_server.webhooks.redeliver(hook.id, deliveries.deliveries[0].id)

    paused = webhook_server.webhooks.update(hook.id, active=False)
    assert not paused.active


def test_a_webhook_url_must_be_http(webhook_server: Client) -> None:
    with pytest.raises(ApiError) as raised:
        webhook_server.webhooks.create("ftp://example.org/hook", ["*"])
    assert raised.value.status == 400
