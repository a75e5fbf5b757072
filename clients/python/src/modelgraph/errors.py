"""The errors the client raises: the server's answers (`ApiError`) and failures to reach it."""

from __future__ import annotations

from typing import Any

import httpx


class ModelgraphError(Exception):
    """The base of every error this package raises."""


class ApiError(ModelgraphError):
    """The server answered with an error: `{"error": {"code", "message", "details?"}}`.

    `status` is the HTTP status, `code` the stable snake_case code of docs/errors.md (for example
    `not_found`, `conflict`, `not_a_maintainer`), `message` the server's sentence and `details`
    whatever structured detail it sent (often the offending field), or None.
    """

    def __init__(self, status: int, code: str, message: str, details: Any = None) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.details = details

    def __reduce__(self) -> tuple[type[ApiError], tuple[int, str, str, Any]]:
        # Survives pickling (multiprocessing pools, joblib), which would otherwise call
        # __init__ with the formatted message alone.
        return (type(self), (self.status, self.code, self.message, self.details))

    @classmethod
    def from_response(cls, response: httpx.Response) -> ApiError:
        """The error a response carries; a body that is not the JSON error object still gives one."""
        try:
            body = response.json()
        except ValueError:
            body = None
        error = body.get("error") if isinstance(body, dict) else None
        if isinstance(error, dict) and isinstance(error.get("code"), str):
            return cls(
                response.status_code, error["code"], str(error.get("message", "")), error.get("details")
            )
        # A proxy or a crash may answer with text; keep the start of it as the message.
        return cls(response.status_code, f"http_{response.status_code}", response.text[:500])


class TransportError(ModelgraphError):
    """The server could not be reached or did not answer in time; the cause is the httpx error."""


class RequestTimeoutError(TransportError):
    """The server did not answer within the client's timeout."""
