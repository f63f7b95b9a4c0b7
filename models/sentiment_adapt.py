"""Adapting the default sentiment recipe to a customer's own labelled rows (``voc retrain``).

The seed set plus the customer's rows (star ratings, human labels), with the in-domain row
weight chosen by a clipped heuristic or by cross-validation (:func:`select_new_weight`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from models.sentiment_features import LABELS

# models.sentiment re-exports this module's functions, so the estimator is imported where it
# is used (after models.sentiment has finished loading), not at import time.
if TYPE_CHECKING:
    from models.sentiment import SentimentClassifier


#: Candidate shares of the total training weight carried by the in-domain rows; which one is
#: used is chosen by cross-validation on those rows (:func:`select_new_weight`).
ADAPT_SHARES: tuple[float, ...] = (0.25, 0.5, 0.75)
#: Fewer in-domain rows than this (or fewer than this many per fold and class) are too few to
#: choose a weight by cross-validation: the fixed heuristic of :func:`fit_adapted` is used.
MIN_SELECT_ROWS = 100
_SELECT_FOLDS = 3


def _share_weight(share: float, seed_total: float, n_new: int) -> float:
    """Per-row weight that gives ``n_new`` rows ``share`` of the total training weight."""
    return share / (1.0 - share) * seed_total / max(n_new, 1)


def select_new_weight(
    X_seed: np.ndarray,
    y_seed: np.ndarray,
    w_seed: np.ndarray,
    X_new: np.ndarray,
    y_new: np.ndarray,
    params: dict[str, Any],
    weights_new: np.ndarray | None = None,
    shares: Sequence[float] = ADAPT_SHARES,
    random_state: int = 42,
) -> tuple[float | None, dict[float, float]]:
    """Choose the in-domain row weight by cross-validation on the in-domain rows only.

    For each candidate share, the heads are fitted on the seed plus two thirds of the in-domain
    rows and scored (macro-F1) on the remaining third, three times; the share with the best
    pooled out-of-fold macro-F1 wins, ties going to the smaller share (the seed is the safer
    prior). Calibration is left out of these fits: temperature scaling does not move the argmax.

    Returns:
        (the chosen per-row weight, or None when the data are too few to choose; the
        out-of-fold macro-F1 of each share).
    """
    from sklearn.metrics import f1_score
    from sklearn.model_selection import StratifiedKFold

    from models.sentiment import SentimentClassifier

    labels, counts = np.unique(y_new, return_counts=True)
    if len(y_new) < MIN_SELECT_ROWS or len(labels) < 2 or counts.min() < _SELECT_FOLDS:
        return None, {}
    extra = np.ones(len(y_new)) if weights_new is None else np.asarray(weights_new, float)
    # The text head is chosen afterwards, on top of the chosen share: leave it out here.
    head_params = {
        k: v
        for k, v in params.items()
        if k not in ("random_state", "calibration", "text_weight", "offsets")
    }
    folds = StratifiedKFold(n_splits=_SELECT_FOLDS, shuffle=True, random_state=random_state)
    splits = list(folds.split(X_new, y_new))
    scores: dict[float, float] = {}
    for share in shares:
        oof = np.zeros((len(y_new), len(LABELS)))
        for train, test in splits:
            w_new = _share_weight(share, float(w_seed.sum()), len(train)) * extra[train]
            model = SentimentClassifier(**head_params, calibration="none", text_weight=0.0).fit(
                np.vstack([X_seed, X_new[train]]),
                np.concatenate([y_seed, y_new[train]]),
                sample_weight=np.concatenate([w_seed, w_new]),
            )
            oof[test] = model.predict_proba(X_new[test])
        pred = np.asarray(LABELS, dtype=object)[oof.argmax(axis=1)]
        scores[float(share)] = float(f1_score(y_new, pred, labels=list(labels), average="macro"))
    best = max(scores.values())
    chosen = min(share for share, score in scores.items() if score >= best - 1e-9)
    return _share_weight(chosen, float(w_seed.sum()), len(y_new)), scores


def fit_adapted(
    X_seed: np.ndarray,
    y_seed: Sequence[str] | np.ndarray,
    X_new: np.ndarray,
    y_new: Sequence[str] | np.ndarray,
    params: dict[str, Any],
    new_weight: float | str | None = None,
    weights_new: np.ndarray | None = None,
    random_state: int = 42,
    weights_seed: np.ndarray | None = None,
    texts_new: Sequence[str] | None = None,
) -> SentimentClassifier:
    """Fit the default recipe on the seed set plus in-domain examples (stars, human labels).

    The seed rows keep the neutral class and the non-review channels from being forgotten; the
    in-domain rows teach the customer's vocabulary. By default each in-domain row weighs as much
    as it takes for the in-domain data to carry the seed's total weight, clipped to [1, 3] so
    that a few hundred noisy star ratings cannot dominate alone. ``new_weight="cv"`` instead
    chooses the in-domain share of the total weight by cross-validation on the in-domain rows
    (:func:`select_new_weight`). It is not the default: on the benchmark it raised the in-domain
    3-class macro-F1 but cost binary macro-F1 on the energy reviews and, by leaning on one
    domain, generalised worse to another (see ``benchmarks/sentiment.py``). The weight used is
    stored on the model as ``new_weight_``.

    Args:
        X_seed, y_seed: seed features (:func:`build_features`) and labels.
        X_new, y_new: in-domain features and labels.
        params: :class:`SentimentClassifier` hyperparameters.
        new_weight: weight of each in-domain row relative to a seed row; None: the clipped
            heuristic above; ``"cv"``: chosen by cross-validation on the in-domain rows (falls
            back to the heuristic below :data:`MIN_SELECT_ROWS` rows).
        weights_new: optional extra per-row multipliers (e.g. 2 for human labels vs stars).
        random_state: seed for the selection and calibration folds.
        weights_seed: per-row weights of the seed rows (default 1).
        texts_new: the in-domain texts, for the text head (``params["text_weight"]``, see
            :class:`SentimentClassifier`); without them the model has no text head.
    """
    from models.sentiment import SentimentClassifier

    n_seed, n_new = len(y_seed), len(y_new)
    w_seed = np.ones(n_seed) if weights_seed is None else np.asarray(weights_seed, dtype=float)
    seed_labels = np.asarray(y_seed, dtype=object)
    new_labels = np.asarray(y_new, dtype=object)
    params = {k: v for k, v in params.items() if k != "random_state"}
    if texts_new is None:
        params["text_weight"] = 0.0
    elif len(texts_new) != n_new:
        raise ValueError(f"texts_new has {len(texts_new)} texts for {n_new} rows")
    selection: dict[float, float] = {}
    if isinstance(new_weight, str) and new_weight != "cv":
        raise ValueError(f"new_weight must be a number, None or 'cv', not {new_weight!r}")
    if new_weight == "cv":
        new_weight, selection = select_new_weight(
            np.asarray(X_seed), seed_labels, w_seed, np.asarray(X_new), new_labels, params,
            weights_new=weights_new, random_state=random_state,
        )  # fmt: skip
    if new_weight is None:
        new_weight = float(np.clip(w_seed.sum() / max(n_new, 1), 1.0, 3.0))
    w_new = np.full(n_new, new_weight) * (1.0 if weights_new is None else np.asarray(weights_new))
    X = np.vstack([np.asarray(X_seed), np.asarray(X_new)])
    y = np.concatenate([seed_labels, new_labels])
    w = np.concatenate([w_seed, w_new])
    calibrate_on = np.concatenate([np.zeros(n_seed, bool), np.ones(n_new, bool)])
    # The seed rows' texts are never read: the text head learns the customer's rows only.
    texts = None if texts_new is None else [""] * n_seed + [str(t) for t in texts_new]
    model = SentimentClassifier(**params, random_state=random_state).fit(
        X, y, sample_weight=w, calibrate_on=calibrate_on, texts=texts
    )
    model.new_weight_ = float(new_weight)
    model.weight_selection_ = {str(k): round(v, 4) for k, v in selection.items()}
    return model
