from __future__ import annotations

from typing import Any, cast

import pytest

from modelgraph import ApiError, Client


def test_creates_an_artifact_with_version_one_and_adds_version_two(admin: Client, uid: str) -> None:
    created = admin.artifacts.create(
        "dataset",
        "Time course",
        id=f"ds-{uid}",
        metadata={"lab": "maya"},
        digest="sha256:ab",
        uri="s3://x/v1",
    )
    assert created.metadata == {"lab": "maya"}
    assert [(v.version_number, v.digest, v.uri) for v in created.versions] == [(1, "sha256:ab", "s3://x/v1")]

    second = admin.artifacts.add_version(created.id, digest="sha256:cd", metadata={"note": "re-run"})
    assert (second.artifact_id, second.version_number, second.digest) == (created.id, 2, "sha256:cd")

    read = admin.artifacts.get(created.id)
    assert [v.version_number for v in read.versions] == [1, 2]


def test_generates_an_id_from_the_title(admin: Client, uid: str) -> None:
    created = admin.artifacts.create("hypothesis", f"Microglia drive it {uid}")
    assert uid in created.id
    assert created.type == "hypothesis"


def test_links_are_shown_from_both_ends(admin: Client, uid: str) -> None:
    dataset = admin.artifacts.create("dataset", "Linked dataset", id=f"ds-link-{uid}")
    analysis = admin.artifacts.create("analysis", "Linked analysis", id=f"an-link-{uid}")
    link = admin.artifacts.link(analysis.id, dataset.id, "input", target_version=1)
    assert (link.source_id, link.target_id, link.link_type, link.target_version) == (
        analysis.id,
        dataset.id,
        "input",
        1,
    )

    [outgoing] = admin.artifacts.get(analysis.id).links
    assert (outgoing.direction, outgoing.other.id, outgoing.other.type) == ("out", dataset.id, "dataset")
    [incoming] = admin.artifacts.get(dataset.id).links
    assert (incoming.direction, incoming.other.id, incoming.id) == ("in", analysis.id, link.id)


def test_a_link_to_a_missing_artifact_is_refused_and_not_stored(admin: Client, uid: str) -> None:
    analysis = admin.artifacts.create("analysis", "Dangling analysis", id=f"an-dangling-{uid}")
    with pytest.raises(ApiError) as raised:
        admin.artifacts.link(analysis.id, f"missing-{uid}", "input")
    assert (raised.value.status, raised.value.code) == (422, "missing_reference")
    assert admin.artifacts.get(analysis.id).links == ()


def test_a_model_cannot_be_created_as_a_plain_artifact(admin: Client, uid: str) -> None:
    with pytest.raises(ApiError) as raised:
        admin.artifacts.create("model", "Not here", id=f"not-a-model-{uid}")
    assert (raised.value.status, raised.value.code) == (422, "rule_violation")


def test_an_unknown_artifact_type_is_a_400(admin: Client) -> None:
    with pytest.raises(ApiError) as raised:
        admin.artifacts.create(cast(Any, "notebook"), "Unknown type")
    assert (raised.value.status, raised.value.code) == (400, "invalid_request")


def test_reads_back_ids_with_colons_and_dots(admin: Client, uid: str) -> None:
    created = admin.artifacts.create("dataset", "Odd id", id=f"lab:{uid}.v1-x")
    assert admin.artifacts.get(f"lab:{uid}.v1-x").id == created.id
