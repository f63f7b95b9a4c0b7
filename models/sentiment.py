"""Italian sentiment: an embedding head and a negation-aware cue head, fused and calibrated.

The default model is trained on the seed set shipped in ``models/data/sentiment_seed.csv`` plus
the hand-written ``sentiment_seed_extra.csv`` (written for this project, no customer or
third-party data) by ``models/train_default.py``, and stored as a skops artifact in
``models/artifacts``. Customers adapt it to their domain with their own star ratings
(``voc retrain sentiment``, :func:`fit_adapted`, :func:`stars_to_labels`).

Features are the e5 document embedding plus the lexicon's negation-aware cues, including
sentence-level ones (the most negative sentence of a long review, the polarity after the last
"ma/però"), so the sentiment step costs a fraction of a percent of the embedding time: there is
no second embedding pass per sentence. Output: ``negativo | neutro | positivo`` probabilities
and a score ``P(positivo) − P(negativo)`` in [-1, 1]. See :class:`SentimentClassifier` for why
the two feature groups get separate heads, and ``benchmarks/sentiment.py`` for how the design
was measured on real Italian data nobody on the project wrote.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

from models.persist import load_skops, save_skops
from models.sentiment_adapt import ADAPT_SHARES, MIN_SELECT_ROWS, fit_adapted, select_new_weight
from models.sentiment_features import (
    LABELS,
    build_features,
    predict_records,
    scores_from_proba,
    stars_to_labels,
    tfidf_features,
)
from models.sentiment_fusion import (
    TEXT_WEIGHTS,
    choose_offsets,
    choose_text_weight,
    softmax,
    with_text,
)
from models.sentiment_metrics import classification_metrics

# The estimator is defined here, in ``models.sentiment``: skops artifacts (the shipped
# ``sentiment_default.skops`` and every retrained one) name it by that path. The rest of the
# sentiment code lives in the modules imported above and is re-exported for callers.
__all__ = [
    "ADAPT_SHARES",
    "LABELS",
    "MIN_SELECT_ROWS",
    "TEXT_WEIGHTS",
    "SentimentClassifier",
    "build_features",
    "classification_metrics",
    "fit_adapted",
    "predict_records",
    "scores_from_proba",
    "select_new_weight",
    "stars_to_labels",
    "tfidf_features",
]


class SentimentClassifier(ClassifierMixin, BaseEstimator):
    """Two logistic heads fused in log-probability space, then calibrated.

    * The **embedding head** is a multinomial logistic regression on the e5 embedding. It carries
      most of the signal and is strongly regularised (small ``C``): the seed set is written for
      the project, and a loose fit learns its phrasing instead of the sentiment.
    * The **cue head** is a logistic regression on the lexicon's negation-aware cues (signed
      ``log1p`` of counts, standardised). It sees what embeddings blur: negation, contrast, the
      most negative sentence of a long review.
    * The fused log-probabilities ``(1 − cue_weight)·log p_emb + cue_weight·log p_cue`` are
      calibrated on out-of-fold predictions (temperature scaling by default: one parameter, so
      the ranking is untouched and little can overfit).

    Training the heads separately and fusing them with a fixed weight generalises better than one
    joint regression: on the seed set the cues are almost perfectly predictive, so a joint fit
    leans on them far more than real customer text warrants.

    * An optional **text head** (``text_weight`` > 0 or ``"cv"``), used when adapting to a
      customer's own labelled texts: word and character TF-IDF + logistic regression fitted on
      the customer's rows only. It learns the domain's own vocabulary (product names, "reso",
      "bolletta stimata"), which a frozen embedding blurs; the embedding head still carries the
      seed's general knowledge. Its log-probabilities join the fusion with weight
      ``text_weight``; ``"cv"`` picks the weight from :data:`TEXT_WEIGHTS` by out-of-fold
      macro-F1 on the customer's rows. A model with a text head needs the texts at prediction
      time (``predict_proba(X, texts=...)``; :func:`predict_records` passes them).

    Args:
        C: inverse L2 strength of the embedding head.
        n_embedding: how many leading feature columns are the embedding (the rest are cues).
        cue_C: inverse L2 strength of the cue head.
        cue_weight: weight of the cue head in the fused log-probabilities (0 = embedding only).
        class_weight: passed to both heads (``"balanced"`` resists skewed training data).
        calibration: ``"temperature"``, ``"sigmoid"`` (one-vs-rest Platt scaling, renormalised),
            ``"isotonic"`` or ``"none"``.
        cv: folds for the out-of-fold predictions the calibrator is fitted on.
        random_state: seed for the calibration folds.
        text_weight: weight of the text head in the fusion (0: no text head), or ``"cv"``.
        text_C: inverse L2 strength of the text head.
        offsets: after calibration, add per-class log-offsets chosen on the out-of-fold
            predictions of the ``calibrate_on`` rows (:func:`choose_offsets`): they move the
            decision to the customer's class shares, which temperature scaling cannot.
    """

    #: Artifacts saved before ``offsets`` existed (the shipped default among them) load without
    #: the attribute; this class-level value keeps ``get_params`` and ``repr`` working on them.
    offsets: bool = False

    def __init__(
        self,
        C: float = 0.25,
        n_embedding: int = 384,
        cue_C: float = 1.0,
        cue_weight: float = 0.15,
        class_weight: str | None = "balanced",
        calibration: str = "temperature",
        cv: int = 5,
        random_state: int = 42,
        text_weight: float | str = 0.0,
        text_C: float = 4.0,
        offsets: bool = False,
    ) -> None:
        self.C = C
        self.n_embedding = n_embedding
        self.cue_C = cue_C
        self.cue_weight = cue_weight
        self.class_weight = class_weight
        self.calibration = calibration
        self.cv = cv
        self.random_state = random_state
        self.text_weight = text_weight
        self.text_C = text_C
        self.offsets = offsets

    # ------------------------------------------------------------------ heads

    @staticmethod
    def _signed_log(cues: np.ndarray) -> np.ndarray:
        # Counts (exclamation marks, cue words) are heavy-tailed: "!!!!!!!!" must not dominate.
        return np.sign(cues) * np.log1p(np.abs(cues))

    def _fit_heads(
        self, X: np.ndarray, y: np.ndarray, w: np.ndarray | None
    ) -> tuple[LogisticRegression, StandardScaler | None, LogisticRegression | None]:
        emb = LogisticRegression(C=self.C, class_weight=self.class_weight, max_iter=3000)
        emb.fit(X[:, : self.n_embedding], y, sample_weight=w)
        cues = X[:, self.n_embedding :]
        if cues.shape[1] == 0 or self.cue_weight <= 0:
            return emb, None, None
        scaler = StandardScaler().fit(self._signed_log(cues))
        head = LogisticRegression(C=self.cue_C, class_weight=self.class_weight, max_iter=3000)
        head.fit(scaler.transform(self._signed_log(cues)), y, sample_weight=w)
        return emb, scaler, head

    def _fused(
        self,
        X: np.ndarray,
        heads: tuple[LogisticRegression, StandardScaler | None, LogisticRegression | None],
    ) -> np.ndarray:
        """Fused log-probabilities, columns in LABELS order."""
        emb, scaler, head = heads
        order = [list(emb.classes_).index(label) for label in LABELS]
        z = emb.predict_log_proba(X[:, : self.n_embedding])[:, order]
        if head is not None and scaler is not None:
            cues = scaler.transform(self._signed_log(X[:, self.n_embedding :]))
            z_cue = np.log(np.clip(head.predict_proba(cues)[:, order], 1e-12, 1.0))
            z = (1.0 - self.cue_weight) * z + self.cue_weight * z_cue
        return z

    def _fit_text_head(
        self, texts: Sequence[str], y: np.ndarray, w: np.ndarray | None
    ) -> Any | None:
        """TF-IDF (word 1–2-grams, character 2–5-grams) + logistic regression, or None.

        None when the rows hold fewer than two classes: there is nothing to tell apart.
        """
        if len(set(y)) < 2:
            return None
        from sklearn.pipeline import Pipeline

        clf = LogisticRegression(C=self.text_C, class_weight=self.class_weight, max_iter=3000)
        head = Pipeline([("tfidf", tfidf_features()), ("clf", clf)])
        try:
            head.fit(list(texts), y, clf__sample_weight=w)
        except ValueError:
            # Too few texts for min_df=2 to keep any term: no text head.
            return None
        return head

    @staticmethod
    def _text_log_proba(head: Any, texts: Sequence[str], z: np.ndarray) -> np.ndarray:
        """Text-head log-probabilities in LABELS order, given the fused ``z`` of the same rows.

        A class the head never saw (customer labels without neutrals, say) keeps the other
        heads' probability: the text head has no opinion on it, and spreads its own mass over
        the classes it knows.
        """
        base = softmax(z)
        known = [label in head.classes_ for label in LABELS]
        p = np.zeros_like(base)
        proba = head.predict_proba(list(texts))
        unknown_mass = base[:, [not k for k in known]].sum(axis=1)
        for j, label in enumerate(LABELS):
            if known[j]:
                p[:, j] = proba[:, list(head.classes_).index(label)] * (1.0 - unknown_mass)
            else:
                p[:, j] = base[:, j]
        return np.log(np.clip(p, 1e-12, 1.0))

    # ------------------------------------------------------------------ calibration

    def _fit_calibrator(self, z: np.ndarray, y: np.ndarray, w: np.ndarray | None) -> Any:
        target = np.asarray([LABELS.index(label) for label in y])
        if self.calibration == "temperature":
            from scipy.optimize import minimize_scalar

            weights = np.ones(len(y)) if w is None else np.asarray(w, dtype=np.float64)

            def nll(log_t: float) -> float:
                p = softmax(z / np.exp(log_t))
                return float(-(weights * np.log(p[np.arange(len(y)), target] + 1e-12)).sum())

            return float(np.exp(minimize_scalar(nll, bounds=(-3, 3), method="bounded").x))
        if self.calibration in ("sigmoid", "isotonic"):
            from sklearn.isotonic import IsotonicRegression

            calibrators = []
            for k in range(len(LABELS)):
                hit = (target == k).astype(int)
                if self.calibration == "sigmoid":
                    cal: Any = LogisticRegression(C=1e4).fit(z[:, [k]], hit, sample_weight=w)
                else:
                    cal = IsotonicRegression(out_of_bounds="clip", y_min=0.0, y_max=1.0)
                    cal.fit(z[:, k], hit, sample_weight=w)
                calibrators.append(cal)
            return calibrators
        if self.calibration == "none":
            return None
        raise ValueError(f"unknown calibration '{self.calibration}'")

    def _calibrate(self, z: np.ndarray) -> np.ndarray:
        cal = self.calibrator_
        if cal is None:
            return softmax(z)
        if isinstance(cal, float):
            return softmax(z / cal)
        cols = [
            c.predict_proba(z[:, [k]])[:, 1]
            if isinstance(c, LogisticRegression)
            else c.predict(z[:, k])
            for k, c in enumerate(cal)
        ]
        p = np.clip(np.column_stack(cols), 1e-6, None)
        return p / p.sum(axis=1, keepdims=True)

    # ------------------------------------------------------------------ estimator API

    def fit(
        self,
        X: np.ndarray,
        y: Sequence[str] | np.ndarray,
        sample_weight: np.ndarray | None = None,
        calibrate_on: np.ndarray | None = None,
        texts: Sequence[str] | None = None,
    ) -> SentimentClassifier:
        """Fit on features from :func:`build_features` and labels in :data:`LABELS`.

        Args:
            X: features.
            y: labels.
            sample_weight: per-row weights.
            calibrate_on: boolean mask of the customer's rows (default: all). The calibrator is
                fitted on their out-of-fold predictions and the text head on the rows
                themselves: they, not the seed, look like the text the model will score.
            texts: the texts of the rows, aligned with ``X``; required when ``text_weight`` is
                not 0 (only the ``calibrate_on`` rows are read).
        """
        labels = np.asarray(y, dtype=object)
        unknown = set(labels) - set(LABELS)
        if unknown:
            raise ValueError(f"unknown labels {sorted(unknown)}; expected {LABELS}")
        use_text = not (isinstance(self.text_weight, (int, float)) and self.text_weight == 0)
        if isinstance(self.text_weight, str) and self.text_weight != "cv":
            raise ValueError(f"text_weight must be a number or 'cv', not {self.text_weight!r}")
        if use_text and (texts is None or len(texts) != len(labels)):
            raise ValueError("a text head (text_weight != 0) needs texts aligned with X")
        X = np.asarray(X, dtype=np.float64)
        w = None if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
        mask = (
            np.ones(len(labels), bool) if calibrate_on is None else np.asarray(calibrate_on, bool)
        )
        dom = np.flatnonzero(mask)
        dom_texts = [str(texts[int(i)]) for i in dom] if use_text and texts is not None else []

        def fit_text(rows: np.ndarray) -> Any | None:
            # rows: positions within the customer's rows (dom).
            return self._fit_text_head(
                [dom_texts[i] for i in rows], labels[dom][rows], None if w is None else w[dom][rows]
            )

        self.heads_ = self._fit_heads(X, labels, w)
        self.text_head_ = fit_text(np.arange(len(dom))) if use_text else None
        self.text_weight_ = 0.0 if self.text_weight == "cv" else float(self.text_weight)
        self.calibrator_ = None
        self.text_weight_scores_: dict[str, float] = {}
        self.offsets_ = np.zeros(len(LABELS))
        needs_oof = (
            self.calibration != "none"
            or self.offsets
            or (self.text_weight == "cv" and self.text_head_ is not None)
        )
        if needs_oof:
            from sklearn.model_selection import StratifiedKFold

            # Predictions for rows the heads did not see, like new text: they fit the
            # calibrator and choose the text head's weight.
            oof = np.zeros((len(labels), len(LABELS)))
            oof_text = np.zeros((len(dom), len(LABELS)))
            position = np.full(len(labels), -1)
            position[dom] = np.arange(len(dom))
            folds = StratifiedKFold(n_splits=self.cv, shuffle=True, random_state=self.random_state)
            for train, test in folds.split(X, labels):
                heads = self._fit_heads(X[train], labels[train], None if w is None else w[train])
                oof[test] = self._fused(X[test], heads)
                if self.text_head_ is not None:
                    test_dom = test[mask[test]]
                    head = fit_text(position[train[mask[train]]])
                    oof_text[position[test_dom]] = (
                        oof[test_dom]
                        if head is None
                        else self._text_log_proba(
                            head, [dom_texts[i] for i in position[test_dom]], oof[test_dom]
                        )
                    )
            if self.text_head_ is not None:
                if self.text_weight == "cv":
                    self.text_weight_, self.text_weight_scores_ = choose_text_weight(
                        oof[dom], oof_text, labels[dom]
                    )
                oof[dom] = with_text(oof[dom], oof_text, self.text_weight_)
            if self.calibration != "none":
                self.calibrator_ = self._fit_calibrator(
                    oof[mask], labels[mask], None if w is None else w[mask]
                )
            if self.offsets:
                calibrated = np.log(np.clip(self._calibrate(oof[mask]), 1e-12, 1.0))
                self.offsets_ = choose_offsets(calibrated, labels[mask])
        if self.text_weight_ == 0.0:
            # Weighed nothing by the choice: keep the artifact lean and text-free at scoring.
            self.text_head_ = None
        self.classes_ = np.asarray(LABELS, dtype=object)
        self.n_features_in_ = X.shape[1]
        return self

    @property
    def needs_texts(self) -> bool:
        """Whether prediction reads the texts too (the model has a text head)."""
        return getattr(self, "text_head_", None) is not None

    def predict_proba(self, X: np.ndarray, texts: Sequence[str] | None = None) -> np.ndarray:
        """Calibrated probabilities, columns in :data:`LABELS` order.

        Args:
            X: features from :func:`build_features`.
            texts: the rows' texts; required when the model has a text head.
        """
        X = np.asarray(X, dtype=np.float64)
        if X.shape[1] != self.n_features_in_:
            raise ValueError(
                f"expected {self.n_features_in_} features (embedding of {self.n_embedding} + "
                f"cues), got {X.shape[1]}: was the model trained with another embedder?"
            )
        z = self._fused(X, self.heads_)
        if self.needs_texts:
            if texts is None or len(texts) != len(X):
                raise ValueError("this model has a text head: pass the texts aligned with X")
            z_text = self._text_log_proba(self.text_head_, texts, z)
            z = with_text(z, z_text, self.text_weight_)
        proba = self._calibrate(z)
        offsets = getattr(self, "offsets_", None)  # artifacts saved before offsets existed
        if offsets is not None and np.any(offsets != 0):
            proba = softmax(np.log(np.clip(proba, 1e-12, 1.0)) + offsets)
        return np.asarray(proba, dtype=np.float64)

    def predict(self, X: np.ndarray, texts: Sequence[str] | None = None) -> np.ndarray:
        """Most probable label per row."""
        return np.asarray(LABELS, dtype=object)[self.predict_proba(X, texts).argmax(axis=1)]

    def save(self, path: Path) -> None:
        """Persist with skops (safe to load: no arbitrary code), atomically."""
        save_skops(self, path)

    @classmethod
    def load(cls, path: Path) -> SentimentClassifier:
        """Load a skops artifact, trusting only the types this class is made of."""
        return load_skops(path, cls, trusted=("sklearn", "numpy", "models.sentiment"))
