"""Adapt the sentiment model to a customer's domain with their own star ratings: pure logic.

``voc retrain sentiment`` (the step :func:`pipelines.steps.retrain.retrain_sentiment`):

1. reads the customer's rated Italian reviews from the database (``documents.rating`` and text,
   duplicates excluded) and maps stars to labels (1–2 negativo, 3 neutro, 4–5 positivo);
2. adds optional human labels from a CSV (``text``, ``label``; stars accepted too), which count
   twice as much as a star rating because they are read, not inferred;
3. embeds everything through the ``embeddings`` cache table (only missing texts are embedded);
4. holds out a stratified 20 % of the customer's examples, fits a candidate on the seed set plus
   the rest (the seed keeps the neutral class and the ticket/social channels from being
   forgotten), and scores the candidate and the active model on the *same* holdout;
5. registers the candidate and activates it only if its macro-F1 is higher.

This module holds steps 2 and 4 and the bookkeeping of 5; the step does the reading, embedding
and registry writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from models.sentiment import (
    LABELS,
    build_features,
    classification_metrics,
    fit_adapted,
    predict_records,
    stars_to_labels,
)
from models.train_default import ADAPT_PARAMS, seed_weights
from pipelines.enrich.evaluate import labels_from_column
from pipelines.errors import VocError
from pipelines.ingest.readers import read_table

MIN_RATED = 200
HOLDOUT = 0.2
HUMAN_WEIGHT = 2.0


def read_human_labels(path: Path) -> pd.DataFrame:
    """``text``/``label`` rows of a labels file (labels: LABELS names, English names or stars).

    Raises:
        VocError: no ``label`` column or no usable row.
    """
    frame = read_table(Path(path), text_columns=("text",)).frame
    if "label" not in frame.columns:
        raise VocError(f"{Path(path).name}: no 'label' column (needs 'text' and 'label').")
    labels = labels_from_column(frame["label"].tolist())
    texts = frame["text"].fillna("").astype(str).str.strip()
    out = pd.DataFrame({"text": texts, "label": labels})
    out = out[(out["text"].str.len() > 0) & (out["label"] != "")]
    if out.empty:
        raise VocError(f"{Path(path).name}: no row with a text and a label in {', '.join(LABELS)}.")
    return out.drop_duplicates("text", keep="last").reset_index(drop=True)


def stratified_holdout(
    labels: np.ndarray, fraction: float, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """(train, holdout) index arrays, stratified when every class has at least two rows."""
    from sklearn.model_selection import train_test_split

    idx = np.arange(len(labels))
    counts = pd.Series(labels).value_counts()
    stratify = labels if (counts >= 2).all() else None
    train, hold = train_test_split(idx, test_size=fraction, stratify=stratify, random_state=seed)
    return np.sort(train), np.sort(hold)


def _score(model: Any, emb: np.ndarray, texts: list[str], y: np.ndarray) -> dict[str, Any]:
    proba = predict_records(model, emb, texts)["proba"]
    return classification_metrics(y, proba)


@dataclass
class Candidate:
    """A star-adapted sentiment model and the split it was fitted and scored on."""

    model: Any
    examples: pd.DataFrame
    embeddings: np.ndarray
    labels: np.ndarray
    train: np.ndarray
    holdout: np.ndarray
    params: dict[str, Any]
    metrics: dict[str, Any]

    @property
    def holdout_texts(self) -> list[str]:
        """Texts of the holdout, in holdout order."""
        texts = self.examples["text"].tolist()
        return [texts[i] for i in self.holdout]

    def score(self, model: Any) -> dict[str, Any]:
        """Metrics of ``model`` on the candidate's holdout (the comparison's common ground)."""
        return _score(
            model, self.embeddings[self.holdout], self.holdout_texts, self.labels[self.holdout]
        )


def customer_examples(reviews: pd.DataFrame, human: pd.DataFrame | None) -> pd.DataFrame:
    """``text``, ``label``, ``weight``, ``source`` of the customer's examples.

    Stars map to labels (1–2 negativo, 3 neutro, 4–5 positivo); a human label (weight
    :data:`HUMAN_WEIGHT`) overrides the star-derived label of the same text.
    """
    customer = pd.DataFrame(
        {
            "text": reviews["text"].astype(str),
            "label": stars_to_labels(reviews["rating"].astype(float).tolist()),
            "weight": 1.0,
            "source": "stars",
        }
    )
    if human is not None:
        human = human.assign(weight=HUMAN_WEIGHT, source="human")
        customer = customer[~customer["text"].isin(set(human["text"]))]
        customer = pd.concat([customer, human], ignore_index=True)
    return customer[customer["label"] != ""].reset_index(drop=True)


def fit_candidate(
    customer: pd.DataFrame,
    customer_emb: np.ndarray,
    seed: pd.DataFrame,
    seed_emb: np.ndarray,
    random_state: int,
) -> Candidate:
    """Hold out a stratified share of the customer's examples, fit on the seed plus the rest.

    The seed keeps the neutral class and the ticket/social channels from being forgotten.
    """
    texts = customer["text"].tolist()
    seed_texts = seed["text"].tolist()
    y = customer["label"].to_numpy(dtype=object)
    train, hold = stratified_holdout(y, HOLDOUT, random_state)
    X_cust = build_features(customer_emb, texts)
    X_seed = build_features(seed_emb, seed_texts)
    params = {**ADAPT_PARAMS, "n_embedding": int(customer_emb.shape[1])}
    model = fit_adapted(
        X_seed,
        seed["label"].to_numpy(dtype=object),
        X_cust[train],
        y[train],
        params,
        weights_new=customer["weight"].to_numpy()[train],
        random_state=random_state,
        weights_seed=seed_weights(seed),
        texts_new=[texts[i] for i in train],
    )
    candidate = Candidate(model, customer, customer_emb, y, train, hold, params, {})
    candidate.metrics = candidate.score(model)
    return candidate


def outcome(
    candidate: Candidate,
    active_metrics: dict[str, Any] | None,
    *,
    active_id: str,
    n_seed: int,
    random_state: int,
    embedder_id: str,
) -> tuple[bool, dict[str, Any], dict[str, Any]]:
    """Whether the candidate wins, and its registry ``metrics`` and ``params``.

    The candidate is promoted when the active model has no macro-F1 on the holdout (it could
    not score it) or a lower one.
    """
    active_f1 = (active_metrics or {}).get("macro_f1")
    promoted = active_f1 is None or candidate.metrics["macro_f1"] > active_f1
    counts = candidate.examples.iloc[candidate.train]["source"].value_counts()
    metrics = {
        "holdout": candidate.metrics,
        "active_holdout": active_metrics,
        "compared_with": active_id,
        "text_head": text_head(candidate),
    }
    params = {
        **candidate.params,
        "random_state": random_state,
        "embedder": embedder_id,
        "n_seed": n_seed,
        "n_stars": int(counts.get("stars", 0)),
        "n_human": int(counts.get("human", 0)),
        "n_holdout": len(candidate.holdout),
    }
    return promoted, metrics, params


def text_head(candidate: Candidate) -> dict[str, Any]:
    """How much the customer's own words count, and the out-of-fold evidence for it."""
    # A fine-tuned encoder has no text head: its own layers learnt the customer's words.
    return {
        "weight": getattr(candidate.model, "text_weight_", 0.0),
        "cv_macro_f1": dict(getattr(candidate.model, "text_weight_scores_", {})),
    }


def training_rows(candidate: Candidate) -> list[str]:
    """``text<TAB>label`` of every customer example (what the registry's data hash covers)."""
    texts = candidate.examples["text"].tolist()
    return [f"{t}\t{lab}" for t, lab in zip(texts, candidate.labels, strict=True)]


def summary(
    candidate: Candidate,
    active_metrics: dict[str, Any] | None,
    *,
    promoted: bool,
    new_id: str,
    active_id: str,
    n_seed: int,
    artifact_path: str,
) -> dict[str, Any]:
    """What ``voc retrain sentiment`` reports."""
    examples, hold = candidate.examples, candidate.holdout
    return {
        "model_id": new_id,
        "promoted": promoted,
        "active_model_id": new_id if promoted else active_id,
        "compared_with": active_id,
        "candidate_macro_f1": candidate.metrics["macro_f1"],
        "active_macro_f1": (active_metrics or {}).get("macro_f1"),
        "n_train": len(candidate.train),
        "n_holdout": len(hold),
        "n_stars": int((examples["source"] == "stars").sum()),
        "n_human": int((examples["source"] == "human").sum()),
        "n_seed": n_seed,
        "holdout_labels": {lab: int((candidate.labels[hold] == lab).sum()) for lab in LABELS},
        "text_head": text_head(candidate),
        "candidate": candidate.metrics,
        "active": active_metrics,
        "artifact_path": artifact_path,
    }
