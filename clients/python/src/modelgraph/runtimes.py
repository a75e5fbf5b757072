"""How a model version's inference is run: the runtime kinds, as request values."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ProcessRuntime:
    """A program that reads `{"id", "inputs"}` lines on stdin and writes `{"id", "confidence"}` lines.

    `command[0]` should be an absolute path: registering a process runtime needs `admin` unless the
    server lists that program in `MODELGRAPH_RUNTIME_COMMANDS`. The process gets only `PATH`, `HOME`,
    `LANG`, `TMPDIR` and `env`. `modelgraph.runner` makes a Python function such a program.
    """

    command: Sequence[str]
    cwd: str | None = None
    env: Mapping[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The runtime as the API takes it."""
        runtime: dict[str, Any] = {"kind": "process", "command": list(self.command)}
        if self.cwd is not None:
            runtime["cwd"] = self.cwd
        if self.env:
            runtime["env"] = dict(self.env)
        return runtime


@dataclass(frozen=True)
class HttpRuntime:
    """A server speaking the Open Inference Protocol (KServe v2) at `url`, serving `model`."""

    url: str
    model: str

    def to_json(self) -> dict[str, Any]:
        """The runtime as the API takes it."""
        return {"kind": "http", "url": self.url, "model": self.model}


@dataclass(frozen=True)
class OnnxRuntime:
    """An ONNX model file (`file:` URI) the server runs in-process; inputs are `{"features": [...]}`."""

    uri: str

    def to_json(self) -> dict[str, Any]:
        """The runtime as the API takes it."""
        return {"kind": "onnx", "uri": self.uri}


Runtime = ProcessRuntime | HttpRuntime | OnnxRuntime
"""Any runtime kind."""


def runtime_json(runtime: Runtime | Mapping[str, Any] | None) -> dict[str, Any] | None:
    """A runtime given as a dataclass or as the API's JSON object, as the API's JSON object."""
    if runtime is None:
        return None
    if isinstance(runtime, ProcessRuntime | HttpRuntime | OnnxRuntime):
        return runtime.to_json()
    return dict(runtime)
