"""Artifact persistence: atomic writes, and skops loads that trust only the listed modules."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.persist import atomic_path, load_skops, save_skops
from models.sentiment import SentimentClassifier


def test_atomic_path_replaces_only_on_success(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "model.npz"
    with atomic_path(target) as tmp:
        assert tmp.parent == target.parent and tmp.suffix == ".npz" and tmp != target
        tmp.write_bytes(b"v1")
    assert target.read_bytes() == b"v1"
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_bytes(b"half-writ")
        raise RuntimeError("killed mid-write")
    assert target.read_bytes() == b"v1"  # the previous artifact is untouched
    assert sorted(p.name for p in target.parent.iterdir()) == ["model.npz"]  # no leftovers


def test_skops_round_trip_and_trusted_modules(tmp_path: Path) -> None:
    path = tmp_path / "m.skops"
    save_skops(SentimentClassifier(C=0.5), path)
    model = load_skops(path, SentimentClassifier, trusted=("sklearn", "numpy", "models.sentiment"))
    assert isinstance(model, SentimentClassifier) and model.C == 0.5
    # A type outside the trusted modules is refused before anything is built.
    with pytest.raises(ValueError, match="refusing to load untrusted types"):
        load_skops(path, SentimentClassifier, trusted=("sklearn", "numpy"))
    # Trusted names are modules, not string prefixes: "models.sentiment_" covers nothing here.
    with pytest.raises(ValueError, match="untrusted"):
        load_skops(path, SentimentClassifier, trusted=("sklearn", "numpy", "models.sentiment_"))
    with pytest.raises(ValueError, match="not a int artifact"):
        load_skops(path, int, trusted=("sklearn", "numpy", "models.sentiment"))


def test_skops_import_leaves_sklearn_alone_and_sklearn_estimators_load(tmp_path: Path) -> None:
    """skops is imported without its scan of every estimator (``_skops_io``); scikit-learn's
    function is restored, and an estimator in an artifact still loads when its module is
    named as trusted."""
    import numpy as np
    import sklearn.utils
    from sklearn.linear_model import LogisticRegression

    from models.persist import _skops_io

    scan = sklearn.utils.all_estimators
    assert _skops_io().dump is not None
    assert sklearn.utils.all_estimators is scan
    X = np.array([[0.0, 1.0], [1.0, 0.0], [0.1, 0.9], [0.9, 0.2]])
    path = tmp_path / "lr.skops"
    save_skops(LogisticRegression().fit(X, [0, 1, 0, 1]), path)
    model = load_skops(path, LogisticRegression, trusted=("sklearn", "numpy"))
    assert model.predict(X).tolist() == [0, 1, 0, 1]
