"""Every route of the server's native API has its method in the client: the whole API."""

from __future__ import annotations

from modelgraph import Client

# (HTTP method, path in the server's OpenAPI document) → the client method that calls it.
ROUTES = {
    ("POST", "/api/agents"): "agents.create",
    ("PATCH", "/api/agents/{id}"): "agents.update",
    ("POST", "/api/agents/{id}/tokens"): "agents.issue_token",
    ("GET", "/api/agents/{id}/tokens"): "agents.list_tokens",
    ("DELETE", "/api/agents/{id}/tokens/{token_id}"): "agents.revoke_token",
    ("GET", "/api/agents/{id}"): "agents.get",
    ("GET", "/api/agents/{id}/wallet"): "agents.wallet",
    ("POST", "/api/artifacts"): "artifacts.create",
    ("POST", "/api/artifacts/{id}/versions"): "artifacts.add_version",
    ("GET", "/api/artifacts/{id}"): "artifacts.get",
    ("POST", "/api/artifacts/{id}/retract"): "artifacts.retract",
    ("POST", "/api/artifacts/{id}/reinstate"): "artifacts.reinstate",
    ("POST", "/api/links"): "artifacts.link",
    ("POST", "/api/models"): "models.register",
    ("GET", "/api/models"): "models.list",
    ("GET", "/api/models/compare"): "models.compare",
    ("GET", "/api/models/{id}"): "models.get",
    ("PATCH", "/api/models/{id}"): "models.update",
    ("POST", "/api/models/{id}/promote"): "models.promote",
    ("PUT", "/api/models/{id}/tags/{key}"): "models.set_tag",
    ("DELETE", "/api/models/{id}/tags/{key}"): "models.delete_tag",
    ("GET", "/api/models/{id}/prov"): "models.prov",
    ("GET", "/api/models/{id}/ro-crate"): "models.ro_crate",
    ("GET", "/api/models/{id}/openlineage"): "models.openlineage",
    ("POST", "/api/models/{id}/impact-preview"): "models.impact_preview",
    ("GET", "/api/lineages"): "lineages.list",
    ("GET", "/api/lineages/{model_name}"): "lineages.get",
    ("PATCH", "/api/lineages/{model_name}"): "lineages.describe",
    ("PUT", "/api/lineages/{model_name}/maintainers/{agent_id}"): "lineages.add_maintainer",
    ("DELETE", "/api/lineages/{model_name}/maintainers/{agent_id}"): "lineages.remove_maintainer",
    ("PUT", "/api/lineages/{model_name}/aliases/{alias}"): "lineages.set_alias",
    ("DELETE", "/api/lineages/{model_name}/aliases/{alias}"): "lineages.delete_alias",
    ("PUT", "/api/lineages/{model_name}/tags/{key}"): "lineages.set_tag",
    ("DELETE", "/api/lineages/{model_name}/tags/{key}"): "lineages.delete_tag",
    ("GET", "/api/lineages/{model_name}/policy"): "lineages.policy",
    ("PUT", "/api/lineages/{model_name}/policy"): "lineages.set_policy",
    ("GET", "/api/lineages/{model_name}/timeline"): "lineages.timeline",
    ("POST", "/api/models/{id}/promotion-requests"): "promotion_requests.open",
    ("GET", "/api/promotion-requests"): "promotion_requests.list",
    ("GET", "/api/promotion-requests/{id}"): "promotion_requests.get",
    ("POST", "/api/promotion-requests/{id}/approve"): "promotion_requests.approve",
    ("POST", "/api/promotion-requests/{id}/reject"): "promotion_requests.reject",
    ("POST", "/api/promotion-requests/{id}/withdraw"): "promotion_requests.withdraw",
    ("POST", "/api/kg/edges"): "kg.insert_edges",
    ("GET", "/api/kg/edges"): "kg.list",
    ("GET", "/api/kg/edges/{id}"): "kg.get",
    ("GET", "/api/kg/review"): "kg.review_queue",
    ("POST", "/api/kg/edges/{id}/review"): "kg.review",
    ("GET", "/api/kg/export/edges.jsonl"): "kg.export_edges",
    ("GET", "/api/kg/export/nodes.jsonl"): "kg.export_nodes",
    ("POST", "/api/kg/nodes"): "kg.nodes.upsert",
    ("GET", "/api/kg/nodes/{id}"): "kg.nodes.get",
    ("GET", "/api/events"): "events.list",
    ("GET", "/api/credit/payouts"): "credit.payouts",
    ("GET", "/api/credit/accounts"): "credit.accounts",
    ("POST", "/api/credit/mint"): "credit.mint",
    ("POST", "/api/jobs/rescore"): "jobs.rescore",
    ("POST", "/api/jobs/backfill-edges"): "jobs.backfill_edges",
    # Webhooks; checked against the server once it serves them.
    ("POST", "/api/webhooks"): "webhooks.create",
    ("GET", "/api/webhooks"): "webhooks.list",
    ("PATCH", "/api/webhooks/{id}"): "webhooks.update",
    ("POST", "/api/webhooks/{id}/test"): "webhooks.test",
    ("GET", "/api/webhooks/{id}/deliveries"): "webhooks.deliveries",
    ("POST", "/api/webhooks/{id}/deliveries/{delivery_id}/redeliver"): "webhooks.redeliver",
}

# Served by the server but outside the client's scope: the MLflow face, which MLflow's own client
# speaks, and the health check.
OUTSIDE = ("/api/2.0/mlflow/", "/api/health")


def server_routes(client: Client) -> set[tuple[str, str]]:
    paths = client.openapi()["paths"]
    return {
        (method.upper(), path)
        for path, operations in paths.items()
        if path.startswith("/api/") and not path.startswith(OUTSIDE)
        for method in operations
        if method in {"get", "post", "put", "patch", "delete"}
    }


def test_every_route_of_the_server_has_a_client_method(public: Client) -> None:
    missing = server_routes(public) - ROUTES.keys()
    assert not missing, f"routes the client does not cover: {sorted(missing)}"


def test_every_client_route_names_a_real_method(public: Client) -> None:
    for name in ROUTES.values():
        target: object = public
        for part in name.split("."):
            target = getattr(target, part)
        assert callable(target), name
