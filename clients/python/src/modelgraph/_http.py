"""The one door to the server: an httpx client, the bearer token, JSON in and out, errors mapped."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any, TypeVar
from urllib.parse import quote

import httpx

from .errors import ApiError, RequestTimeoutError, TransportError

T = TypeVar("T")

DEFAULT_URL = "http://127.0.0.1:8080"
DEFAULT_TIMEOUT = 30.0

Query = Mapping[str, str | int | float | bool | datetime | Sequence[str] | None]
"""Query parameters; None values are left out, booleans are sent as `true`/`false`, datetimes in ISO 8601."""


def segment(value: str) -> str:
    """A path segment, percent-encoded whole (ids may hold `:` and `@`, keys may hold `/`)."""
    return quote(value, safe="")


def _query_params(query: Query | None) -> list[tuple[str, str | int | float | bool | None]]:
    params: list[tuple[str, str | int | float | bool | None]] = []
    for name, value in (query or {}).items():
        if value is None:
            continue
        if isinstance(value, bool):
            params.append((name, "true" if value else "false"))
        elif isinstance(value, datetime):
            params.append((name, value.isoformat()))
        elif isinstance(value, str | int | float):
            params.append((name, str(value)))
        else:
            params.extend((name, item) for item in value)
    return params


class Transport:
    """Sends requests to one server with one token; every error answer becomes an `ApiError`."""

    def __init__(
        self,
        url: str | None,
        token: str | None,
        timeout: float | httpx.Timeout | None,
    ) -> None:
        base = (url or os.environ.get("MODELGRAPH_URL") or DEFAULT_URL).rstrip("/")
        self.token = token if token is not None else os.environ.get("MODELGRAPH_TOKEN") or None
        headers = {"accept": "application/json", "user-agent": "modelgraph-python/0.1.0"}
        if self.token:
            headers["authorization"] = f"Bearer {self.token}"
        self.base_url = base
        self._client = httpx.Client(
            base_url=base,
            headers=headers,
            timeout=DEFAULT_TIMEOUT if timeout is None else timeout,
            follow_redirects=False,
        )

    def close(self) -> None:
        """Closes the connection pool."""
        self._client.close()

    def _request(self, method: str, path: str, **options: Any) -> httpx.Response:
        try:
            response = self._client.request(method, path, **options)
        except httpx.TimeoutException as error:
            raise RequestTimeoutError(f"{method} {path}: no answer within the timeout ({error})") from error
        except httpx.HTTPError as error:
            raise TransportError(f"{method} {path}: {error}") from error
        if response.is_error or response.is_redirect:
            raise ApiError.from_response(response)
        return response

    def send(self, method: str, path: str, *, query: Query | None = None, body: Any = None) -> httpx.Response:
        """One request (`body`, when not None, sent as JSON); returns the 2xx response.

        Raises `ApiError` for an error answer and `TransportError` (`RequestTimeoutError`) when there is none.
        """
        return self._request(method, path, params=_query_params(query), json=body)

    def json(self, method: str, path: str, *, query: Query | None = None, body: Any = None) -> Any:
        """One request whose answer is JSON; returns the decoded body."""
        return self.send(method, path, query=query, body=body).json()

    def raw_json(self, method: str, path: str, content: bytes) -> Any:
        """A request whose JSON body the caller encoded already; returns the decoded answer."""
        headers = {"content-type": "application/json"}
        return self._request(method, path, content=content, headers=headers).json()

    @contextmanager
    def stream(self, path: str, *, query: Query | None = None) -> Iterator[httpx.Response]:
        """A GET whose body is read as it arrives (the KGX exports)."""
        try:
            with self._client.stream("GET", path, params=_query_params(query)) as response:
                if response.is_error:
                    response.read()
                    raise ApiError.from_response(response)
                yield response
        except httpx.TimeoutException as error:
            raise RequestTimeoutError(f"GET {path}: no answer within the timeout ({error})") from error
        except httpx.HTTPError as error:
            raise TransportError(f"GET {path}: {error}") from error


def drop_none(fields: Mapping[str, Any]) -> dict[str, Any]:
    """A request body without the fields the caller left out (None); mappings become dicts for JSON."""
    return {
        name: dict(value) if isinstance(value, Mapping) else value
        for name, value in fields.items()
        if value is not None
    }


def follow_cursor(fetch: Callable[[str | None], tuple[Iterable[T], str | None]]) -> Iterator[T]:
    """Every item of a keyset-paged list: `fetch(cursor)` answers one page's items and its `next_cursor`."""
    cursor: str | None = None
    while True:
        items, cursor = fetch(cursor)
        yield from items
        if cursor is None:
            return
