"""The inference runtime of the example's models: modelgraph.runner around a fitted scikit-learn model.

The server runs it once per batch of edges as the `process` runtime that
train_and_promote.py registers: `MODELGRAPH_EXAMPLE_MODEL` names the joblib file of the fitted
model, and each edge's inputs are `{"features": [numbers]}`, the row of the gene it is about.
"""

from __future__ import annotations

import os
from typing import Any

import joblib
import numpy as np

from modelgraph.runner import serve_batch


def main() -> None:
    """Loads the model once, then scores every edge of the batch in one call."""
    model = joblib.load(os.environ["MODELGRAPH_EXAMPLE_MODEL"])

    def predict(batch: list[Any]) -> list[float]:
        if not batch:
            return []
        rows = np.array([inputs["features"] for inputs in batch], dtype=float)
        return [float(p) for p in model.predict_proba(rows)[:, 1]]

    serve_batch(predict)


if __name__ == "__main__":
    main()
