"""modelgraph.runner as the server runs it: a child process fed JSON Lines on stdin."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import modelgraph
from modelgraph.runner import EXIT_BAD_INPUT, EXIT_FAILED, serve, serve_batch

SCRIPT = Path(__file__).with_name("scripted_runner.py")


def run(mode: str, stdin: str) -> subprocess.CompletedProcess[str]:
    # The environment a server gives a runtime: nothing of ours but where modelgraph is.
    env = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(Path(modelgraph.__file__).resolve().parent.parent),
    }
    return subprocess.run(
        [sys.executable, str(SCRIPT), mode], input=stdin, capture_output=True, text=True, env=env, timeout=60
    )


def lines(*records: object) -> str:
    return "".join(json.dumps(record) + "\n" for record in records)


@pytest.mark.parametrize("mode", ["each", "batch"])
def test_answers_every_line_in_order(mode: str) -> None:
    done = run(
        mode, lines({"id": "e1", "inputs": {"next": 0.25}}, {"id": "e:2", "inputs": {"next": 1}}) + "\n"
    )
    assert done.returncode == 0, done.stderr
    assert [json.loads(line) for line in done.stdout.splitlines()] == [
        {"id": "e1", "confidence": 0.25},
        {"id": "e:2", "confidence": 1.0},
    ]
    assert done.stderr == ""


@pytest.mark.parametrize("mode", ["each", "batch"])
def test_an_empty_batch_answers_nothing(mode: str) -> None:
    done = run(mode, "")
    assert (done.returncode, done.stdout) == (0, "")


@pytest.mark.parametrize(
    ("stdin", "message"),
    [
        ('{"id": "e1", "inputs": \n', "stdin line 1 is not JSON"),
        (lines(["e1"]), 'stdin line 1 is not an object with a string "id"'),
        (lines({"id": 7, "inputs": {}}), 'not an object with a string "id"'),
        (
            lines({"id": "e1", "inputs": {"next": 0.5}}, {"id": "e2"}),
            'stdin line 2 (id "e2") has no "inputs"',
        ),
    ],
)
@pytest.mark.parametrize("mode", ["each", "batch"])
def test_bad_input_exits_2_with_the_reason_on_stderr(mode: str, stdin: str, message: str) -> None:
    done = run(mode, stdin)
    assert done.returncode == EXIT_BAD_INPUT
    assert message in done.stderr


@pytest.mark.parametrize("mode", ["each", "batch"])
def test_an_exception_in_predict_exits_1_with_its_traceback(mode: str) -> None:
    done = run(mode, lines({"id": "e1", "inputs": {"other": 1}}))
    assert done.returncode == EXIT_FAILED
    assert "KeyError: 'next'" in done.stderr
    assert "Traceback" in done.stderr


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (1.5, 'confidence for id "e1" is outside 0…1: 1.5'),
        (-0.1, 'confidence for id "e1" is outside 0…1: -0.1'),
        (float("nan"), 'confidence for id "e1" is outside 0…1: nan'),
        ("0.5", "confidence for id \"e1\" is not a number: '0.5'"),
        (None, 'confidence for id "e1" is not a number: None'),
        (True, 'confidence for id "e1" is not a number: True'),
    ],
)
def test_an_answer_that_is_not_a_probability_exits_1(value: object, message: str) -> None:
    done = run("each", json.dumps({"id": "e1", "inputs": {"next": value}}) + "\n")
    assert done.returncode == EXIT_FAILED
    assert message in done.stderr
    assert done.stdout == ""


def test_a_batch_answer_of_the_wrong_length_exits_1() -> None:
    done = run("short", lines({"id": "e1", "inputs": {"next": 0.1}}, {"id": "e2", "inputs": {"next": 0.2}}))
    assert done.returncode == EXIT_FAILED
    assert "predict answered 1 confidences for 2 inputs" in done.stderr
    assert done.stdout == ""


def test_serve_takes_streams_and_exits_0() -> None:
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(SystemExit) as exited:
        serve(
            lambda inputs: inputs["x"] / 2,
            stdin=io.StringIO(lines({"id": "a", "inputs": {"x": 1}})),
            stdout=out,
            stderr=err,
        )
    assert exited.value.code == 0
    assert json.loads(out.getvalue()) == {"id": "a", "confidence": 0.5}


def test_serve_batch_accepts_any_numbers_of_the_right_count() -> None:
    out = io.StringIO()
    with pytest.raises(SystemExit) as exited:
        serve_batch(
            lambda batch: (float(len(batch)) / 4 for _ in batch),
            stdin=io.StringIO(lines({"id": "a", "inputs": 1}, {"id": "b", "inputs": 2})),
            stdout=out,
            stderr=io.StringIO(),
        )
    assert exited.value.code == 0
    assert [json.loads(line)["confidence"] for line in out.getvalue().splitlines()] == [0.5, 0.5]
