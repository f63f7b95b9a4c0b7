"""How the sentiment heads' log-probabilities are combined: softmax, text-head fusion and weight.

Used by :class:`models.sentiment.SentimentClassifier`; kept apart so the estimator module holds
the estimator only.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from models.sentiment_features import LABELS


def softmax(z: np.ndarray) -> np.ndarray:
    """Row-wise softmax of (log-)scores, shifted by the row maximum so ``exp`` cannot overflow."""
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def with_text(z: np.ndarray, z_text: np.ndarray, weight: float) -> np.ndarray:
    """Log-linear fusion of the other heads' ``z`` with the text head's ``z_text``."""
    return (1.0 - weight) * z + weight * z_text


#: Candidate weights of the text head in the fusion; ``text_weight="cv"`` picks one of them. The
#: cap: the head learns from the customer's rows alone (hundreds to a few thousand, noisy stars),
#: so it may sharpen the seed-trained heads but not outvote them.
TEXT_WEIGHTS: tuple[float, ...] = (0.0, 0.2, 0.35)


def choose_text_weight(
    z: np.ndarray, z_text: np.ndarray, y: np.ndarray
) -> tuple[float, dict[str, float]]:
    """The text-head weight with the best out-of-fold macro-F1 (ties go to the smaller weight).

    Macro-F1 is the metric the promotion holdout uses (:mod:`pipelines.enrich.retrain`). Out-of-fold
    log loss was tried and is not used: with 3,000 Amazon.it star ratings it kept weight 0
    although both macro-F1s rose with the text head (the noisy 3-star class dominates it).

    Returns:
        (the chosen weight, the out-of-fold macro-F1 of every candidate).
    """
    from sklearn.metrics import f1_score

    present = sorted(set(y))
    scores: dict[str, float] = {}
    for weight in TEXT_WEIGHTS:
        pred = np.asarray(LABELS, dtype=object)[with_text(z, z_text, weight).argmax(1)]
        scores[str(weight)] = float(f1_score(y, pred, labels=present, average="macro"))
    best = max(scores.values())
    chosen = min(float(k) for k, v in scores.items() if v >= best - 1e-9)
    return chosen, {k: round(v, 4) for k, v in scores.items()}


#: Candidate log-offsets of :func:`choose_offsets` (ties go to the one closest to 0).
OFFSET_GRID: tuple[float, ...] = tuple(np.round(np.linspace(-2.0, 2.0, 41), 2))


def choose_offsets(log_proba: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Per-class log-offsets (``negativo`` fixed at 0) chosen on out-of-fold predictions.

    The ``positivo`` offset maximises the binary macro-F1 of the polar rows (positivo iff
    ``log p_pos + b ≥ log p_neg``): a customer's share of complaints moves the boundary between
    the two classes that matter most. The ``neutro`` offset then maximises the 3-class macro-F1.
    A class the rows lack keeps offset 0.

    Args:
        log_proba: (n, 3) calibrated log-probabilities in :data:`LABELS` order.
        y: the rows' labels.
    """
    from sklearn.metrics import f1_score

    y = np.asarray(y, dtype=object)
    offsets = np.zeros(len(LABELS))
    grid = sorted(OFFSET_GRID, key=abs)

    def best(score: Callable[[float], float]) -> float:
        scores = [score(b) for b in grid]
        return float(grid[int(np.argmax(np.asarray(scores) > max(scores) - 1e-9))])

    polar = (y == "negativo") | (y == "positivo")
    if len(set(y[polar])) == 2:
        neg, pos = log_proba[polar, 0], log_proba[polar, 2]

        def binary(b: float) -> float:
            pred = np.where(pos + b >= neg, "positivo", "negativo")
            return float(f1_score(y[polar], pred, average="macro"))

        offsets[2] = best(binary)
    present = sorted(set(y))
    if "neutro" in present and len(present) > 1:

        def three(b: float) -> float:
            shifted = log_proba + offsets + np.asarray([0.0, b, 0.0])
            pred = np.asarray(LABELS, dtype=object)[shifted.argmax(axis=1)]
            return float(f1_score(y, pred, labels=present, average="macro"))

        offsets[1] = best(three)
    return offsets
