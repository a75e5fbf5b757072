"""Fixtures of the MLflow client suite: the modelgraph server it drives (started by
`mlflow-client.test.ts`, which passes its URL and tokens in the environment), MLflow clients with
different tokens, the native API for checking what MLflow's calls did, and unique names."""

import os
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from mlflow import MlflowClient


class Native:
    """modelgraph's own JSON API, as the admin, to check what the MLflow calls did."""

    def __init__(self, base_url: str, admin_token: str) -> None:
        self.http = httpx.Client(
            base_url=base_url,
            headers={"authorization": f"Bearer {admin_token}"},
            timeout=30,
        )

    def get(self, path: str, **params: Any) -> Any:
        response = self.http.get(path, params=params)
        assert response.status_code == 200, response.text
        return response.json()

    def post(self, path: str, body: Any, status: int = 201) -> Any:
        response = self.http.post(path, json=body)
        assert response.status_code == status, response.text
        return response.json()

    def version_ids(self, name: str) -> list[str]:
        """The ids of a lineage's versions, oldest first."""
        return [version["id"] for version in self.get(f"/api/lineages/{name}")["versions"]]

    def model(self, ref: str) -> Any:
        return self.get(f"/api/models/{ref}")

    def artifact(self, kind: str, **extra: Any) -> str:
        """Creates a dataset, analysis or hypothesis (version 1 included); returns its id."""
        artifact_id = f"{kind}-{uuid.uuid4().hex[:8]}"
        self.post("/api/artifacts", {"id": artifact_id, "type": kind, "title": artifact_id, **extra})
        return artifact_id


@pytest.fixture(scope="session")
def base_url() -> str:
    return os.environ["MODELGRAPH_URL"]


@pytest.fixture(scope="session")
def client(base_url: str) -> MlflowClient:
    """A client whose MLFLOW_TRACKING_TOKEN carries the write and evaluate scopes."""
    return MlflowClient(tracking_uri=base_url, registry_uri=base_url)


@pytest.fixture
def client_with_token(base_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """Makes a client that sends another token (or none): the token is read at each request."""

    def make(token: str | None) -> MlflowClient:
        if token is None:
            monkeypatch.delenv("MLFLOW_TRACKING_TOKEN", raising=False)
        else:
            monkeypatch.setenv("MLFLOW_TRACKING_TOKEN", token)
        return MlflowClient(tracking_uri=base_url, registry_uri=base_url)

    yield make


@pytest.fixture(scope="session")
def native(base_url: str) -> Iterator[Native]:
    api = Native(base_url, os.environ["MODELGRAPH_ADMIN_TOKEN"])
    yield api
    api.http.close()


@pytest.fixture
def name() -> str:
    """A registered-model name no other test uses."""
    return f"mlf-{uuid.uuid4().hex[:10]}"
