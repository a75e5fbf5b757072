"""Makes a Python function a `process` inference runtime.

The server starts the program once per batch, writes one `{"id": <edge id>, "inputs": <json>}`
line per edge on its stdin, closes it, and reads one `{"id": …, "confidence": <0…1>}` line per
edge from its stdout. A batch fails when the program exits non-zero, prints bad JSON, leaves an
id out or answers outside 0…1; its stderr goes into the server's record of the failure.

    # eval.py — registered as {"kind": "process", "command": ["/usr/bin/python3", "eval.py"]}
    from modelgraph.runner import serve

    def predict(inputs):
        return min(1.0, inputs["score"] / 10)

    serve(predict)

`serve` calls the function once per edge; `serve_batch` once with every edge's inputs of the
batch (for a model that scores arrays faster than rows). Bad input, an exception or an answer
that is not a probability prints a message on stderr and exits with a non-zero status: 2 for
input the program cannot read, 1 for a failure of the function or its answer.
"""

from __future__ import annotations

import json
import math
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, NoReturn, SupportsFloat, TextIO

EXIT_BAD_INPUT = 2
"""The exit status for a line that is not `{"id": <string>, "inputs": <json>}`."""

EXIT_FAILED = 1
"""The exit status when the function raises or answers something that is not a probability."""

Predict = Callable[[Any], SupportsFloat]
"""One edge's inputs (decoded JSON) → its confidence in 0…1."""

PredictBatch = Callable[[list[Any]], Iterable[SupportsFloat]]
"""Every edge's inputs of a batch, in order → their confidences, in the same order."""


class RunnerError(Exception):
    """Why the runner stops: the message for stderr and the exit status."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Item:
    """One line of the batch: an edge id and the inputs to score."""

    id: str
    inputs: Any


def read_items(lines: Iterable[str]) -> Iterator[Item]:
    """Parses the JSON Lines of stdin; blank lines are skipped, anything else malformed stops."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as error:
            raise RunnerError(f"stdin line {number} is not JSON: {error}", EXIT_BAD_INPUT) from error
        if not isinstance(record, dict) or not isinstance(record.get("id"), str):
            raise RunnerError(f'stdin line {number} is not an object with a string "id"', EXIT_BAD_INPUT)
        if "inputs" not in record:
            raise RunnerError(f'stdin line {number} (id "{record["id"]}") has no "inputs"', EXIT_BAD_INPUT)
        yield Item(record["id"], record["inputs"])


def confidence_of(item_id: str, value: object) -> float:
    """The function's answer as a confidence, or a `RunnerError` saying why it is not one."""
    if isinstance(value, bool | str | bytes) or not isinstance(value, SupportsFloat):
        raise RunnerError(f'confidence for id "{item_id}" is not a number: {value!r}', EXIT_FAILED)
    number = float(value)
    if not (math.isfinite(number) and 0.0 <= number <= 1.0):
        raise RunnerError(f'confidence for id "{item_id}" is outside 0…1: {number!r}', EXIT_FAILED)
    return number


def _answer(stdout: TextIO, item_id: str, confidence: float) -> None:
    stdout.write(json.dumps({"id": item_id, "confidence": confidence}) + "\n")


def _call(function: Callable[[Any], Any], argument: Any, what: str) -> Any:
    try:
        return function(argument)
    except Exception as error:
        raise RunnerError(f"{what} raised:\n{traceback.format_exc()}", EXIT_FAILED) from error


def run_each(predict: Predict, stdin: TextIO, stdout: TextIO) -> None:
    """Answers each line as soon as it is read."""
    for item in read_items(stdin):
        value = _call(predict, item.inputs, f'predict for id "{item.id}"')
        _answer(stdout, item.id, confidence_of(item.id, value))
        stdout.flush()


def run_batch(predict: PredictBatch, stdin: TextIO, stdout: TextIO) -> None:
    """Reads the whole batch, scores it in one call, answers every line."""
    items = list(read_items(stdin))
    values: Sequence[Any] = list(_call(predict, [item.inputs for item in items], "predict on the batch"))
    if len(values) != len(items):
        raise RunnerError(f"predict answered {len(values)} confidences for {len(items)} inputs", EXIT_FAILED)
    for item, value in zip(items, values, strict=True):
        _answer(stdout, item.id, confidence_of(item.id, value))
    stdout.flush()


def _exit(work: Callable[[], None], stderr: TextIO) -> NoReturn:
    try:
        work()
    except RunnerError as error:
        stderr.write(f"modelgraph.runner: {error}\n")
        stderr.flush()
        raise SystemExit(error.status) from None
    raise SystemExit(0)


def serve(
    predict: Predict,
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> NoReturn:
    """Runs `predict` on each edge of the batch on stdin, answers on stdout, then exits.

    Exits 0 after the last line; 2 on a line it cannot read; 1 when `predict` raises or answers
    something that is not a number within 0…1 — each time with the reason on stderr.
    """
    source, sink, errors = stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr
    _exit(lambda: run_each(predict, source, sink), errors)


def serve_batch(
    predict: PredictBatch,
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> NoReturn:
    """Runs `predict` once on the inputs of every edge of the batch, answers each, then exits.

    `predict` gets a list of inputs and returns as many confidences, in order (a numpy array will do).
    Exit statuses as for `serve`; a wrong number of answers is 1.
    """
    source, sink, errors = stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr
    _exit(lambda: run_batch(predict, source, sink), errors)
