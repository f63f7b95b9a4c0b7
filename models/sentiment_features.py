"""What every sentiment model reads and returns: labels, features, star mapping, scored records.

Shared by :class:`models.sentiment.SentimentClassifier`, the transformers checkpoints of
:mod:`models.hf_sentiment` (through :func:`predict_records`) and the retraining code.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

LABELS: tuple[str, str, str] = ("negativo", "neutro", "positivo")


def tfidf_features() -> Any:
    """Word 1–2-gram + character 2–5-gram TF-IDF (unfitted): the text head's features."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion

    # min_df=2: a word seen once is noise (or a name), not the domain's vocabulary.
    return FeatureUnion(
        [
            ("words", TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)),
            ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2,
                                      sublinear_tf=True, max_features=100_000)),
        ]
    )  # fmt: skip


def build_features(embeddings: np.ndarray, texts: Sequence[str]) -> np.ndarray:
    """Concatenate document embeddings with the lexicon cue features of the same texts."""
    from models.lexicon import cue_features

    cues = cue_features(list(texts)).astype(np.float32)
    return np.hstack([np.asarray(embeddings, dtype=np.float32), cues])


def stars_to_labels(ratings: Sequence[float]) -> np.ndarray:
    """Map 1–5 star ratings to labels: 1–2 negativo, 3 neutro, 4–5 positivo (else empty)."""
    out = []
    for r in ratings:
        if r is None or not np.isfinite(r):
            out.append("")
        elif r < 2.5:
            out.append("negativo")
        elif r < 3.5:
            out.append("neutro")
        else:
            out.append("positivo")
    return np.asarray(out, dtype=object)


def scores_from_proba(proba: np.ndarray) -> np.ndarray:
    """Sentiment score in [-1, 1]: P(positivo) − P(negativo)."""
    return np.clip(proba[:, 2] - proba[:, 0], -1.0, 1.0)


def predict_records(
    model: Any, embeddings: np.ndarray, texts: Sequence[str]
) -> dict[str, np.ndarray]:
    """Score texts and return plain columns: label, score, and the three probabilities."""
    if len(texts) == 0:
        empty = np.zeros(0)
        return {"label": np.zeros(0, dtype=object), "score": empty, "proba": np.zeros((0, 3))}
    if hasattr(model, "predict_proba_texts"):
        # Text-native models (transformers checkpoints) read the texts, not the embeddings.
        proba = np.asarray(model.predict_proba_texts(list(texts)), dtype=np.float64)
    else:
        X = build_features(embeddings, texts)
        if getattr(model, "needs_texts", False):
            proba = model.predict_proba(X, texts=list(texts))
        else:
            proba = model.predict_proba(X)
    return {
        "label": np.asarray(LABELS, dtype=object)[proba.argmax(axis=1)],
        "score": scores_from_proba(proba),
        "proba": proba,
    }
