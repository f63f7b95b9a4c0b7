"""Evaluation metrics of sentiment probabilities (holdouts, promotion checks, benchmarks)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from models.sentiment_features import LABELS


def classification_metrics(
    y_true: Sequence[str] | np.ndarray, proba: np.ndarray, labels: Sequence[str] = LABELS
) -> dict[str, Any]:
    """Macro-F1, per-class P/R/F1, confusion matrix, log loss and calibration of ``proba``.

    ``proba`` columns follow :data:`LABELS`. The expected calibration error (ECE) uses 10
    equal-width bins of the top probability.
    """
    from sklearn.metrics import (
        confusion_matrix,
        f1_score,
        log_loss,
        precision_recall_fscore_support,
    )

    truth = np.asarray(y_true, dtype=object)
    pred = np.asarray(LABELS, dtype=object)[np.asarray(proba).argmax(axis=1)]
    present = [lab for lab in labels if lab in set(truth)]
    p, r, f, s = precision_recall_fscore_support(truth, pred, labels=present, zero_division=0)
    per_class = {
        lab: {
            "precision": round(float(p[i]), 4),
            "recall": round(float(r[i]), 4),
            "f1": round(float(f[i]), 4),
            "support": int(s[i]),
        }
        for i, lab in enumerate(present)
    }
    top = np.asarray(proba).max(axis=1)
    hit = pred == truth
    bins = np.minimum((top * 10).astype(int), 9)
    ece = sum(
        abs(hit[bins == b].mean() - top[bins == b].mean()) * (bins == b).mean()
        for b in range(10)
        if (bins == b).any()
    )
    clipped = np.clip(np.asarray(proba, dtype=np.float64), 1e-9, 1.0)
    return {
        "n": len(truth),
        "macro_f1": round(float(f1_score(truth, pred, labels=present, average="macro")), 4),
        "accuracy": round(float(hit.mean()), 4),
        "per_class": per_class,
        "confusion_matrix": {
            "labels": list(LABELS),
            "matrix": confusion_matrix(truth, pred, labels=list(LABELS)).tolist(),
        },
        "log_loss": round(
            float(log_loss(truth, clipped / clipped.sum(1, keepdims=True), labels=list(LABELS))),
            4,
        ),
        "ece": round(float(ece), 4),
    }
