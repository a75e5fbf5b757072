"""Webhook subscriptions and their deliveries (admin)."""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ._http import Transport, drop_none, segment


@dataclass(frozen=True)
class Webhook:
    """A subscriber: the URL told about the event types it asked for (`["*"]`: every type)."""

    id: str
    url: str
    event_types: tuple[str, ...]
    description: str | None
    active: bool
    created_at: str

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Webhook:
        """Reads the server's JSON."""
        return cls(
            str(data["id"]),
            data["url"],
            tuple(data["event_types"]),
            data.get("description"),
            data["active"],
            data["created_at"],
        )


@dataclass(frozen=True)
class NewWebhook(Webhook):
    """A webhook just created, with its signing secret (`whsec_…`), shown this once only."""

    secret: str

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> NewWebhook:
        """Reads the server's JSON."""
        hook = Webhook.from_json(data)
        return cls(
            hook.id,
            hook.url,
            hook.event_types,
            hook.description,
            hook.active,
            hook.created_at,
            data["secret"],
        )


@dataclass(frozen=True)
class Delivery:
    """One delivery of one event to one webhook, and how its attempts went."""

    id: str
    event_type: str
    event_id: int | None
    status: str
    attempts: int
    last_status_code: int | None
    last_error: str | None
    next_attempt_at: str | None
    delivered_at: str | None
    created_at: str

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Delivery:
        """Reads the server's JSON."""
        return cls(
            str(data["id"]),
            data["event_type"],
            data.get("event_id"),
            data["status"],
            data["attempts"],
            data.get("last_status_code"),
            data.get("last_error"),
            data.get("next_attempt_at"),
            data.get("delivered_at"),
            data["created_at"],
        )


@dataclass(frozen=True)
class DeliveryPage:
    """One page of a webhook's deliveries and how many match in all."""

    deliveries: tuple[Delivery, ...]
    total: int

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> DeliveryPage:
        """Reads the server's JSON."""
        return cls(tuple(Delivery.from_json(item) for item in data["deliveries"]), data["total"])


def verify_signature(secret: str, headers: Mapping[str, str], body: bytes) -> bool:
    """Whether a delivery's `webhook-signature` is the server's, per the Standard Webhooks scheme.

    `headers` are the request's headers (lower-case names); `body` the raw request body. Checking
    that `webhook-timestamp` is recent, against replays, is left to the receiver.
    """
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    return any(
        hmac.compare_digest(expected, signature.removeprefix("v1,"))
        for signature in headers.get("webhook-signature", "").split()
        if signature.startswith("v1,")
    )


class WebhooksApi:
    """`/api/webhooks` (admin): subscribe, change, test, and inspect or redeliver deliveries."""

    def __init__(self, transport: Transport) -> None:
        self._t = transport

    def create(self, url: str, event_types: Sequence[str], *, description: str | None = None) -> NewWebhook:
        """Subscribes `url` to `event_types` (`["*"]` for all); the answer holds the secret, once."""
        body = drop_none({"url": url, "event_types": list(event_types), "description": description})
        return NewWebhook.from_json(self._t.json("POST", "/api/webhooks", body=body))

    def list(self) -> tuple[Webhook, ...]:
        """Every webhook, without secrets."""
        return tuple(Webhook.from_json(item) for item in self._t.json("GET", "/api/webhooks")["webhooks"])

    def update(
        self,
        webhook_id: str,
        *,
        url: str | None = None,
        event_types: Sequence[str] | None = None,
        active: bool | None = None,
        description: str | None = None,
    ) -> Webhook:
        """Changes a webhook (`active=False` pauses it)."""
        body = drop_none(
            {
                "url": url,
                "event_types": list(event_types) if event_types is not None else None,
                "active": active,
                "description": description,
            }
        )
        return Webhook.from_json(self._t.json("PATCH", f"/api/webhooks/{segment(webhook_id)}", body=body))

    def test(self, webhook_id: str) -> None:
        """Queues a `webhook_test` delivery."""
        self._t.send("POST", f"/api/webhooks/{segment(webhook_id)}/test", body={})

    def deliveries(
        self,
        webhook_id: str,
        *,
        status: str | None = None,
        limit: int | None = None,
        offset: int | None = None,
    ) -> DeliveryPage:
        """One page of a webhook's deliveries (`status`: `pending`, `delivered` or `failed`)."""
        query = {"status": status, "limit": limit, "offset": offset}
        path = f"/api/webhooks/{segment(webhook_id)}/deliveries"
        return DeliveryPage.from_json(self._t.json("GET", path, query=query))

    def redeliver(self, webhook_id: str, delivery_id: str) -> None:
        """Queues another attempt of a delivery."""
        path = f"/api/webhooks/{segment(webhook_id)}/deliveries/{segment(delivery_id)}/redeliver"
        self._t.send("POST", path, body={})
