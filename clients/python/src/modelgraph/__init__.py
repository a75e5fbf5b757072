"""modelgraph: a typed client for the modelgraph registry's HTTP API (docs/api.md).

    from modelgraph import Client, ApiError

    with Client(url="http://127.0.0.1:8080", token="…") as mg:
        model = mg.models.get("model-biophys-microglia@promoted")

`modelgraph.runner` turns a Python function into a `process` inference runtime.
"""

from .agents import (
    Agent,
    AgentDetail,
    AgentKind,
    Balance,
    IssuedToken,
    RevokedToken,
    Scope,
    Token,
    Transfer,
    Wallet,
)
from .artifacts import Artifact, ArtifactLink, ArtifactRef, ArtifactType, ArtifactVersion, Link, LinkType
from .client import Client
from .compare import (
    CompareWarning,
    Comparison,
    ConfidenceChange,
    DagEdge,
    DagNode,
    FieldDiff,
    ImpactPreview,
    MetricRow,
    Overlap,
    ProvenanceDag,
)
from .credit import Account, Accounts, MintResult, Payout, PayoutPlan, PayoutReport
from .errors import ApiError, ModelgraphError, RequestTimeoutError, TransportError
from .events import Event, EventPage
from .jobs import BackfillSummary, Histogram, RescoreSummary
from .kg import (
    MAX_EDGES_PER_REQUEST,
    Edge,
    EdgeDetail,
    EdgeInput,
    EdgeInsertResult,
    EdgePage,
    HistoryEntry,
    Review,
)
from .lineages import Alias, Lineage, LineageDetail, LineagePage, Maintainers
from .registry import UNSET, ModelFamily, ModelSort, ModelStatus, Order
from .registry_types import (
    LinkedArtifact,
    MlflowRecord,
    ModelDetail,
    ModelLinks,
    ModelPage,
    ModelSummary,
    Pin,
    Promotion,
    Provenance,
    TagChange,
    VersionRef,
)
from .runtimes import HttpRuntime, OnnxRuntime, ProcessRuntime
from .webhooks import Delivery, DeliveryPage, NewWebhook, Webhook, verify_signature

__version__ = "0.1.0"

__all__ = [
    "MAX_EDGES_PER_REQUEST",
    "UNSET",
    "Account",
    "Accounts",
    "Agent",
    "AgentDetail",
    "AgentKind",
    "Alias",
    "ApiError",
    "Artifact",
    "ArtifactLink",
    "ArtifactRef",
    "ArtifactType",
    "ArtifactVersion",
    "BackfillSummary",
    "Balance",
    "Client",
    "CompareWarning",
    "Comparison",
    "ConfidenceChange",
    "DagEdge",
    "DagNode",
    "Delivery",
    "DeliveryPage",
    "Edge",
    "EdgeDetail",
    "EdgeInput",
    "EdgeInsertResult",
    "EdgePage",
    "EdgeStatus",
    "Event",
    "EventPage",
    "FieldDiff",
    "Histogram",
    "HistoryEntry",
    "HttpRuntime",
    "ImpactPreview",
    "IssuedToken",
    "Lineage",
    "LineageDetail",
    "LineagePage",
    "Link",
    "LinkType",
    "LinkedArtifact",
    "Maintainers",
    "MetricRow",
    "MintResult",
    "MlflowRecord",
    "ModelDetail",
    "ModelFamily",
    "ModelLinks",
    "ModelPage",
    "ModelSort",
    "ModelStatus",
    "ModelSummary",
    "ModelgraphError",
    "NewWebhook",
    "OnnxRuntime",
    "Order",
    "Origin",
    "Overlap",
    "Payout",
    "PayoutPlan",
    "PayoutReport",
    "Pin",
    "ProcessRuntime",
    "Promotion",
    "Provenance",
    "ProvenanceDag",
    "RequestTimeoutError",
    "RescoreSummary",
    "Review",
    "RevokedToken",
    "Scope",
    "TagChange",
    "Token",
    "Transfer",
    "TransportError",
    "VersionRef",
    "Wallet",
    "Webhook",
    "verify_signature",
]
