"""``voc retrain sentiment --finetune``: the encoder's top layers trained on the customer's labels.

The rows are the customer's examples (stars, human labels, with their weights) plus a stratified
sample of the seed set: the seed keeps the neutral class and the ticket and social channels in
view, which a customer's star ratings alone (mostly 4–5★) would let the model forget. Pure
logic: texts and labels in, a :class:`models.sentiment_finetune.FinetunedSentiment` out.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from models.sentiment_finetune import EncoderBase, FinetunedSentiment
from pipelines.enrich.retrain import HOLDOUT, Candidate, stratified_holdout

#: Seed rows mixed into the fine-tuning rows (stratified sample; all of them when fewer).
SEED_ROWS = 1000


def seed_sample(labels: np.ndarray, n: int, random_state: int) -> np.ndarray:
    """Indices of a stratified sample of ``n`` seed rows (all rows when there are fewer)."""
    if n >= len(labels):
        return np.arange(len(labels))
    if n <= 0:
        return np.arange(0)
    from sklearn.model_selection import train_test_split

    idx = np.arange(len(labels))
    pick, _ = train_test_split(idx, train_size=n, stratify=labels, random_state=random_state)
    return np.sort(pick)


def finetune_sentiment(
    texts: Sequence[str],
    labels: Sequence[str] | np.ndarray,
    weights: np.ndarray,
    seed_texts: Sequence[str],
    seed_labels: np.ndarray,
    seed_weights: np.ndarray,
    *,
    n_seed: int = SEED_ROWS,
    random_state: int = 42,
    base: EncoderBase | None = None,
    params: dict[str, Any] | None = None,
) -> FinetunedSentiment:
    """Fine-tune on the customer's rows plus a seed sample.

    Args:
        texts, labels, weights: the customer's examples (labels in ``LABELS``) and row weights.
        seed_texts, seed_labels, seed_weights: the seed set (weights as in training the default).
        n_seed: seed rows mixed in (:data:`SEED_ROWS`).
        random_state: seed of the sample and of the fine-tuning.
        base: the encoder to start from (default: this machine's e5).
        params: :class:`FinetunedSentiment` hyperparameters overriding its defaults.
    """
    pick = seed_sample(np.asarray(seed_labels, dtype=object), n_seed, random_state)
    s_w = np.asarray(seed_weights, float)[pick]
    # Seed rows weigh 1 on average, like a star rating: file weights only rank them.
    s_w = s_w / s_w.mean() if len(s_w) else s_w
    all_texts = [str(t) for t in texts] + [str(seed_texts[i]) for i in pick]
    all_labels = np.concatenate(
        [np.asarray(labels, dtype=object), np.asarray(seed_labels, dtype=object)[pick]]
    )
    all_w = np.concatenate([np.asarray(weights, float), s_w])
    model = FinetunedSentiment(**{**(params or {}), "random_state": random_state})
    return model.fit(all_texts, all_labels, all_w, base=base)


def fit_finetuned_candidate(
    customer: pd.DataFrame,
    customer_emb: np.ndarray,
    seed: pd.DataFrame,
    random_state: int,
    *,
    base: EncoderBase | None = None,
    params: dict[str, Any] | None = None,
    n_seed: int = SEED_ROWS,
) -> Candidate:
    """The fine-tuned candidate on the same stratified holdout as the frozen-head retrain.

    ``customer_emb`` (the base encoder's vectors) is kept for scoring the active model, which
    reads them; the fine-tuned model reads the texts.
    """
    from models.train_default import seed_weights

    texts = customer["text"].tolist()
    y = customer["label"].to_numpy(dtype=object)
    train, hold = stratified_holdout(y, HOLDOUT, random_state)
    model = finetune_sentiment(
        [texts[i] for i in train], y[train], customer["weight"].to_numpy(float)[train],
        seed["text"].tolist(), seed["label"].to_numpy(dtype=object), seed_weights(seed),
        n_seed=n_seed, random_state=random_state, base=base, params=params,
    )  # fmt: skip
    used = {**model.params(), "finetune": True, "n_seed_rows": min(n_seed, len(seed))}
    candidate = Candidate(model, customer, customer_emb, y, train, hold, used, {})
    candidate.metrics = candidate.score(model)
    return candidate
