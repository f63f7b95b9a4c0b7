"""Helpers shared by the detection tests."""

from __future__ import annotations

import numpy as np


def _blob(rng: np.random.Generator, center: np.ndarray, n: int, spread: float) -> np.ndarray:
    x = center + spread * rng.normal(size=(n, center.size))
    return x / np.linalg.norm(x, axis=1, keepdims=True)
