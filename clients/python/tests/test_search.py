from __future__ import annotations

import pytest

from modelgraph import ApiError, Client, EdgeInput


def test_filters_models_with_or_in_not_metrics_and_tags(admin: Client, uid: str) -> None:
    name = f"model-search-{uid}"
    first = admin.models.register(name, "v1", "deep_learning", evaluation_metrics={"auc": 0.91})
    second = admin.models.register(name, "v2", "deep_learning", evaluation_metrics={"auc": 0.7})
    third = admin.models.register(name, "v3", "deep_learning", evaluation_metrics={"auc": 0.85})
    admin.models.set_tag(first.id, "task", "it's 100% a_b")
    admin.models.set_tag(second.id, "task", "regression")

    expression = (
        f"model_name = '{name}' AND (metrics.auc > 0.8 OR tags.task IN ('regression'))"
        " AND NOT tags.task = 'it''s 100% a_b'"
    )
    page = admin.models.list(filter=expression, all_versions=True, sort="metrics.auc", order="asc")
    assert [model.id for model in page.models] == [second.id, third.id]
    assert page.total == 2

    literal = admin.models.list(
        filter=f"model_name = '{name}' AND tags.task = 'it''s 100% a_b'", all_versions=True
    )
    assert [model.id for model in literal.models] == [first.id]

    walked = admin.models.iter(
        filter=f"model_name = '{name}' AND metrics.auc >= 0.7", all_versions=True, page_size=1
    )
    assert {model.id for model in walked} == {first.id, second.id, third.id}


def test_filters_lineages_and_edges(admin: Client, uid: str) -> None:
    names = [f"model-searchlin-{uid}-{n}" for n in range(3)]
    for name in names:
        admin.models.register(name, "v1", "statistical")
    admin.lineages.set_tag(names[0], "team", "neuro")
    admin.lineages.set_tag(names[2], "team", "systems")
    expression = f"model_name LIKE 'model-searchlin-{uid}-%' AND tags.team IN ('neuro', 'systems')"
    assert {lineage.model_name for lineage in admin.lineages.list(filter=expression).lineages} == {
        names[0],
        names[2],
    }
    assert {lineage.model_name for lineage in admin.lineages.iter(filter=expression, page_size=1)} == {
        names[0],
        names[2],
    }

    subject = f"GENE-{uid}"
    admin.kg.insert_edges(
        [
            EdgeInput(subject, "biolink:regulates", "MONDO:1", 0.9, "curated"),
            EdgeInput(subject, "biolink:treats", "MONDO:2", 0.3, "literature"),
            EdgeInput(subject, "biolink:regulates", "MONDO:3", 0.2, "curated"),
        ]
    )
    edges = admin.kg.list(filter=f"subject = '{subject}' AND (confidence > 0.5 OR origin = 'literature')")
    assert sorted(edge.object for edge in edges.edges) == ["MONDO:1", "MONDO:2"]
    walked = admin.kg.iter(filter=f"subject = '{subject}' AND NOT predicate = 'biolink:treats'", page_size=1)
    assert sorted(edge.object for edge in walked) == ["MONDO:1", "MONDO:3"]


def test_a_filter_that_does_not_parse_is_invalid_filter_with_its_position(admin: Client) -> None:
    with pytest.raises(ApiError) as raised:
        admin.models.list(filter="status = 'promoted' AND colour = 'red'")
    assert (raised.value.status, raised.value.code) == (400, "invalid_filter")
    assert raised.value.details["position"] == 24
    assert "status" in raised.value.details["expected"]
