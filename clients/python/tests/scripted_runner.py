"""A process runtime for the tests: the confidence of an edge is its inputs' `next`.

`python scripted_runner.py each` scores one edge at a time (`serve`), `batch` the whole batch at
once (`serve_batch`), and `short` answers one confidence too few (a batch the server must refuse).
"""

from __future__ import annotations

import sys
from typing import Any, cast

from modelgraph.runner import serve, serve_batch


def next_confidence(inputs: Any) -> float:
    # Passed on as it came, so the runner's own checks see whatever the test sent.
    return cast(float, inputs["next"])


if __name__ == "__main__":
    mode = sys.argv[1] if len(sys.argv) > 1 else "each"
    if mode == "each":
        serve(next_confidence)
    elif mode == "batch":
        serve_batch(lambda batch: [next_confidence(inputs) for inputs in batch])
    elif mode == "short":
        serve_batch(lambda batch: [next_confidence(inputs) for inputs in batch][1:])
    sys.exit(f"unknown mode {mode}")
