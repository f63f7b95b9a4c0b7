"""Fixtures shared by the pipeline tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from models.sentiment import SentimentClassifier, build_features


@pytest.fixture
def weak_active(tmp_path: Path, hash_embedder: Any) -> Path:
    """An active model that learnt from the seed only, with labels scrambled: easy to beat."""
    from tests.pipelines.enrich.test_retrain import SEED

    texts = SEED["text"].tolist()
    X = build_features(hash_embedder.embed(texts), texts)
    y = np.roll(SEED["label"].to_numpy(dtype=object), 1)
    path = tmp_path / "weak.skops"
    SentimentClassifier(calibration="none").fit(X, y).save(path)
    return path
