"""`Client`: one server, one token, every endpoint family of the API as an attribute."""

from __future__ import annotations

from types import TracebackType
from typing import Any

import httpx

from ._http import Transport
from .agents import AgentsApi
from .artifacts import ArtifactsApi
from .credit import CreditApi
from .events import EventsApi
from .governance import PromotionRequestsApi
from .jobs import JobsApi
from .kg import KgApi
from .lineages import LineagesApi
from .registry import ModelsApi
from .webhooks import WebhooksApi


class Client:
    """A modelgraph server's HTTP API.

    `url` defaults to `MODELGRAPH_URL`, then `http://127.0.0.1:8080`; `token` to `MODELGRAPH_TOKEN`
    (reads need none). `timeout` is in seconds per request (default 30), or an `httpx.Timeout`.
    Use it as a context manager, or call `close()`, to release its connections.

        with Client() as mg:
            for model in mg.models.iter(family="statistical"):
                print(model.id, model.quality_score)
    """

    def __init__(
        self,
        url: str | None = None,
        token: str | None = None,
        *,
        timeout: float | httpx.Timeout | None = None,
    ) -> None:
        self._transport = Transport(url, token, timeout)
        self.agents = AgentsApi(self._transport)
        self.artifacts = ArtifactsApi(self._transport)
        self.models = ModelsApi(self._transport)
        self.lineages = LineagesApi(self._transport)
        self.kg = KgApi(self._transport)
        self.events = EventsApi(self._transport)
        self.credit = CreditApi(self._transport)
        self.jobs = JobsApi(self._transport)
        self.webhooks = WebhooksApi(self._transport)
        self.promotion_requests = PromotionRequestsApi(self._transport)

    @property
    def url(self) -> str:
        """The server's base URL."""
        return self._transport.base_url

    def openapi(self) -> dict[str, Any]:
        """The server's OpenAPI 3 document."""
        return dict(self._transport.json("GET", "/openapi.json"))

    def close(self) -> None:
        """Closes the client's connections."""
        self._transport.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
