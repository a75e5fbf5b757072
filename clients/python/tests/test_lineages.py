from __future__ import annotations

import pytest

from modelgraph import ApiError, Client

from .conftest import MakeAgent


def test_reads_a_lineage_with_its_versions_and_describes_it(admin: Client, uid: str) -> None:
    name = f"model-lin-{uid}"
    first = admin.models.register(name, "v1", "statistical")
    second = admin.models.register(name, "v2", "statistical")
    lineage = admin.lineages.get(name)
    assert (lineage.latest, lineage.promoted) == (second.id, None)
    assert [version.id for version in lineage.versions] == [first.id, second.id]
    assert lineage.maintainers == ("admin",)

    described = admin.lineages.describe(name, "Fits the **activation** curve.")
    assert described.description == "Fits the **activation** curve."
    assert admin.lineages.get(name).description == "Fits the **activation** curve."


def test_lists_and_iterates_lineages_by_cursor(admin: Client, uid: str) -> None:
    names = {f"model-linlist-{uid}-{n}" for n in range(5)}
    for name in names:
        admin.models.register(name, "v1", "statistical")
    page = admin.lineages.list(q=f"model-linlist-{uid}", limit=2)
    assert page.total == 5
    assert page.next_cursor is not None
    assert all(lineage.version_count == 1 for lineage in page.lineages)
    assert {
        lineage.model_name for lineage in admin.lineages.iter(q=f"model-linlist-{uid}", page_size=2)
    } == names


def test_sets_moves_and_deletes_an_alias(admin: Client, make_agent: MakeAgent, uid: str) -> None:
    _, evaluator = make_agent("evaluator", ("evaluate",))
    name = f"model-alias-{uid}"
    first = admin.models.register(name, "v1", "statistical")
    second = admin.models.register(name, "v2", "statistical")
    alias = evaluator.lineages.set_alias(name, "champion", 1)
    assert (alias.alias, alias.version_id, alias.version_number, alias.protected) == (
        "champion",
        first.id,
        1,
        False,
    )
    assert admin.models.get(f"{name}@champion").id == first.id
    assert evaluator.lineages.set_alias(name, "champion", 2).version_id == second.id
    assert admin.models.get(second.id).aliases == ("champion",)
    assert admin.lineages.get(name).aliases == {"champion": second.id}

    evaluator.lineages.delete_alias(name, "champion")
    with pytest.raises(ApiError) as raised:
        admin.models.get(f"{name}@champion")
    assert raised.value.status == 404


def test_reserved_and_protected_aliases(admin: Client, make_agent: MakeAgent, uid: str) -> None:
    _, evaluator = make_agent("evaluator", ("evaluate",))
    name = f"model-protected-{uid}"
    admin.models.register(name, "v1", "statistical")
    with pytest.raises(ApiError) as raised:
        evaluator.lineages.set_alias(name, "latest", 1)
    assert (raised.value.status, raised.value.code) == (400, "reserved_alias")

    assert admin.lineages.set_alias(name, "prod", 1, protected=True).protected
    with pytest.raises(ApiError) as refused:
        evaluator.lineages.delete_alias(name, "prod")
    assert refused.value.status == 403
    assert admin.lineages.get(name).aliases == {"prod": f"{name}-v1"}


def test_lineage_tags_filter_the_list(admin: Client, uid: str) -> None:
    name = f"model-lintag-{uid}"
    admin.models.register(name, "v1", "statistical")
    assert admin.lineages.set_tag(name, "project", uid).value == uid
    assert [lineage.model_name for lineage in admin.lineages.list(tags=[f"project:{uid}"]).lineages] == [name]
    assert admin.lineages.list(tags=["project:nothing-like-it"], q=uid).total == 0
    admin.lineages.delete_tag(name, "project")
    assert admin.lineages.get(name).tags == {}


def test_shares_maintenance_and_keeps_the_last_maintainer(make_agent: MakeAgent, uid: str) -> None:
    owner_id, owner = make_agent("owner", ("write",))
    colleague_id, colleague = make_agent("colleague", ("write",))
    name = f"model-maint-{uid}"
    owner.models.register(name, "v1", "statistical")
    shared = owner.lineages.add_maintainer(name, colleague_id)
    assert set(shared.maintainers) == {owner_id, colleague_id}
    assert colleague.models.register(name, "v2", "statistical").version_number == 2

    owner.lineages.remove_maintainer(name, owner_id)
    with pytest.raises(ApiError) as raised:
        colleague.lineages.remove_maintainer(name, colleague_id)
    assert (raised.value.status, raised.value.code) == (409, "last_maintainer")
    assert colleague.lineages.get(name).maintainers == (colleague_id,)
