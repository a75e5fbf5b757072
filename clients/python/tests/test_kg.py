from __future__ import annotations

import contextlib
import os
import socket
import threading

import pytest

from modelgraph import MAX_EDGES_PER_REQUEST, ApiError, Client, EdgeInput, Node, TransportError


def curated(uid: str, n: int, **fields: object) -> dict[str, object]:
    edge: dict[str, object] = {
        "subject": f"GENE:{uid}-{n}",
        "predicate": f"biolink:related_to_{uid}",
        "object": "DISEASE:AD",
        "confidence": 0.5,
        "origin": "curated",
    }
    edge.update(fields)
    return edge


def test_inserts_more_edges_than_one_request_takes_in_chunks_and_resends_them_as_no_ops(
    admin: Client, uid: str
) -> None:
    edges = [curated(uid, n, id=f"bulk-{uid}-{n}") for n in range(MAX_EDGES_PER_REQUEST + 50)]
    first = admin.kg.insert_edges(edges)
    assert (first.inserted, first.unchanged, first.requests) == (10_050, 0, 2)
    assert first.ids == tuple(edge["id"] for edge in edges)
    assert admin.kg.list(predicate=f"biolink:related_to_{uid}", limit=1).total == 10_050

    again = admin.kg.insert_edges(edges)
    assert (again.inserted, again.unchanged) == (0, 10_050)
    assert admin.kg.list(predicate=f"biolink:related_to_{uid}", limit=1).total == 10_050


def test_edges_without_ids_are_named_by_their_statement_so_a_resend_writes_nothing_twice(
    admin: Client, uid: str
) -> None:
    edges = [
        EdgeInput(f"GENE:{uid}-{n}", "biolink:affects", "DISEASE:AD", 0.4, "literature") for n in range(3)
    ]
    first = admin.kg.insert_edges(edges)
    assert first.inserted == 3
    assert all(edge_id.startswith("edge-") for edge_id in first.ids)
    # A chunk that was written but whose answer was lost is sent again: it must change nothing.
    retried = admin.kg.insert_edges(
        [*edges, EdgeInput(f"GENE:{uid}-new", "biolink:affects", "X:1", 0.4, "other")]
    )
    assert (retried.inserted, retried.unchanged) == (1, 3)
    assert retried.ids[:3] == first.ids
    # The same statement from the same source with another confidence is the same edge, changed.
    with pytest.raises(ApiError) as raised:
        admin.kg.insert_edges(
            [EdgeInput(f"GENE:{uid}-0", "biolink:affects", "DISEASE:AD", 0.9, "literature")]
        )
    assert raised.value.status == 409


def test_splits_chunks_by_body_size(admin: Client, uid: str) -> None:
    edges = [curated(uid, n, metadata={"note": "x" * 1000}) for n in range(20)]
    result = admin.kg.insert_edges(edges, max_body_bytes=6_000)
    assert result.inserted == 20
    assert result.requests >= 4


def test_refuses_a_chunk_size_beyond_the_api_limit(admin: Client) -> None:
    with pytest.raises(ValueError, match="chunk_size"):
        admin.kg.insert_edges([], chunk_size=MAX_EDGES_PER_REQUEST + 1)


def test_the_same_id_with_other_content_is_a_conflict_and_writes_nothing(admin: Client, uid: str) -> None:
    admin.kg.insert_edges([curated(uid, 0, id=f"conflict-{uid}")])
    with pytest.raises(ApiError) as raised:
        admin.kg.insert_edges(
            [curated(uid, 1, id=f"fresh-{uid}"), curated(uid, 0, id=f"conflict-{uid}", confidence=0.9)]
        )
    assert raised.value.status == 409
    assert admin.kg.get(f"conflict-{uid}").edge.confidence == 0.5
    with pytest.raises(ApiError) as missing:
        admin.kg.get(f"fresh-{uid}")
    assert missing.value.status == 404


def test_an_edge_naming_a_missing_model_is_a_422(admin: Client, uid: str) -> None:
    with pytest.raises(ApiError) as raised:
        admin.kg.insert_edges(
            [curated(uid, 0, origin="model", source_artifact_id=f"ghost-{uid}", source_version=1)]
        )
    assert (raised.value.status, raised.value.code) == (422, "missing_reference")


def test_lists_iterates_and_reads_edges_with_their_history(admin: Client, uid: str) -> None:
    model = admin.models.register(f"model-kg-{uid}", "Edge source", "statistical")
    edges = [
        curated(
            uid,
            n,
            origin="model",
            confidence=n / 10,
            source_artifact_id=model.id,
            source_version=1,
            inputs={"n": n},
        )
        for n in range(1, 8)
    ]
    admin.kg.insert_edges(edges)
    page = admin.kg.list(source_artifact_id=model.id, limit=3)
    assert page.total == 7
    assert [edge.confidence for edge in page.edges] == [0.7, 0.6, 0.5]
    assert page.next_cursor is not None
    walked = list(admin.kg.iter(source_artifact_id=model.id, page_size=3))
    assert [edge.confidence for edge in walked] == [0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1]
    assert admin.kg.list(source_artifact_id=model.id, min_confidence=0.55).total == 2

    detail = admin.kg.get(walked[0].id)
    assert detail.edge.inputs == {"n": 7}
    assert (detail.edge.knowledge_level, detail.edge.agent_type) == ("prediction", "computational_model")
    assert [
        (entry.confidence, entry.source_artifact_id, entry.source_version) for entry in detail.history
    ] == [(0.7, model.id, 1)]
    before = admin.kg.list(source_artifact_id=model.id, as_of="2000-01-01T00:00:00Z")
    assert before.total == 0


def test_exports_kgx_lines_as_they_stream(admin: Client, uid: str) -> None:
    # KGX takes only CURIEs whose prefix Biolink knows, so these edges use HGNC and MONDO ids.
    subject = f"HGNC:{uid}"
    edges = [
        {
            "id": f"kgx-{uid}-{n}",
            "subject": subject,
            "predicate": "biolink:related_to",
            "object": f"MONDO:000{n}",
            "confidence": 0.5,
            "origin": "curated",
        }
        for n in range(3)
    ]
    admin.kg.insert_edges(edges)
    records = list(admin.kg.export_edges(subject=subject))
    assert sorted(record["id"] for record in records) == [f"kgx-{uid}-{n}" for n in range(3)]
    assert all(record["subject"] == subject for record in records)
    nodes = {record["id"] for record in admin.kg.export_nodes(subject=subject)}
    assert nodes == {subject, "MONDO:0000", "MONDO:0001", "MONDO:0002"}


def test_an_export_with_a_bad_filter_raises_api_error(admin: Client) -> None:
    with pytest.raises(ApiError) as raised:
        list(admin.kg.export_edges(min_confidence=2))
    assert raised.value.status == 400


class AnswerLosingProxy:
    """A TCP proxy to the server that loses the answer to the first request it forwards: the
    server does the work, the client sees the connection drop, as after a network failure."""

    def __init__(self, upstream: str) -> None:
        host, port = upstream.removeprefix("http://").split(":")
        self.upstream = (host, int(port.rstrip("/")))
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.connections = 0
        self.lost = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            self.connections += 1
            lose = self.connections == 1
            server = socket.create_connection(self.upstream)
            threading.Thread(target=self._pump, args=(client, server, False), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client, lose), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket, lose: bool) -> None:
        try:
            while data := source.recv(65536):
                if lose:
                    self.lost += 1
                    break
                sink.sendall(data)
        except OSError:
            pass
        for end in (source, sink):
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)
            end.close()

    def close(self) -> None:
        self.listener.close()


def test_a_chunk_whose_answer_was_lost_is_sent_again_and_written_once(admin: Client, uid: str) -> None:
    proxy = AnswerLosingProxy(admin.url)
    try:
        with Client(url=proxy.url, token=os.environ["MODELGRAPH_TEST_ADMIN_TOKEN"]) as client:
            result = client.kg.insert_edges([curated(uid, n) for n in range(5)], backoff_seconds=0.01)
    finally:
        proxy.close()
    assert proxy.lost == 1
    assert proxy.connections == 2
    # The first attempt was written; its re-send found every edge already there.
    assert (result.inserted, result.unchanged) == (0, 5)
    assert admin.kg.list(predicate=f"biolink:related_to_{uid}").total == 5


def test_gives_up_after_the_retries_and_raises_the_transport_error(uid: str) -> None:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    with Client(url=f"http://127.0.0.1:{port}") as client, pytest.raises(TransportError):
        client.kg.insert_edges([curated(uid, 0)], retries=2, backoff_seconds=0.01)


def test_names_nodes_reads_them_back_and_renames_them(admin: Client, uid: str) -> None:
    gene, disease = f"HGNC:{uid}", f"MONDO:{uid}"
    named = admin.kg.nodes.upsert(
        [Node(gene, "TREM2"), {"id": disease, "name": "AD", "category": "biolink:Disease"}]
    )
    assert named == 2
    assert admin.kg.nodes.get(gene) == Node(gene, "TREM2", None)
    assert admin.kg.nodes.get(disease) == Node(disease, "AD", "biolink:Disease")
    assert admin.kg.nodes.upsert([Node(disease, "Alzheimer disease", "biolink:Disease")]) == 1
    assert admin.kg.nodes.get(disease).name == "Alzheimer disease"


def test_a_node_never_named_and_a_call_naming_one_node_twice_are_api_errors(admin: Client, uid: str) -> None:
    with pytest.raises(ApiError) as missing:
        admin.kg.nodes.get(f"X:{uid}-never")
    assert (missing.value.status, missing.value.code) == (404, "not_found")
    with pytest.raises(ApiError) as twice:
        admin.kg.nodes.upsert([Node(f"X:{uid}", "a"), Node(f"X:{uid}", "b")])
    assert (twice.value.status, twice.value.code) == (400, "invalid_request")
