"""Adapt the sentiment model to a customer's domain with their own star ratings.

``retrain_sentiment`` (``voc retrain sentiment``):

1. reads the customer's rated Italian reviews from the database (``documents.rating`` and text,
   duplicates excluded) and maps stars to labels (1–2 negativo, 3 neutro, 4–5 positivo);
2. adds optional human labels from a CSV (``text``, ``label``; stars accepted too), which count
   twice as much as a star rating because they are read, not inferred;
3. embeds everything through the ``embeddings`` cache table (only missing texts are embedded);
4. holds out a stratified 20 % of the customer's examples, fits a candidate on the seed set plus
   the rest (the seed keeps the neutral class and the ticket/social channels from being
   forgotten), and scores the candidate and the active model on the *same* holdout;
5. registers the candidate and activates it only if its macro-F1 is higher.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from models.embeddings import Embedder, make_embedder
from models.registry import artifact_dir, data_hash, load_sentiment
from models.sentiment import (
    LABELS,
    build_features,
    classification_metrics,
    fit_adapted,
    predict_records,
    stars_to_labels,
)
from models.train_default import ADAPT_PARAMS, load_seed, seed_weights
from pipelines import store
from pipelines.config import Settings
from pipelines.enrich.batch import embed_with_cache
from pipelines.enrich.evaluate import labels_from_column
from pipelines.errors import VocError
from pipelines.ingest.readers import read_table

MIN_RATED = 200
HOLDOUT = 0.2
HUMAN_WEIGHT = 2.0


def rated_reviews(con: Any) -> pd.DataFrame:
    """Italian, non-duplicate documents with a rating: text, text_hash, rating."""
    return store.query_df(
        con,
        "SELECT doc_id, text, text_hash, rating FROM documents"
        " WHERE rating IS NOT NULL AND NOT isnan(rating) AND language = 'it'"
        "   AND NOT is_duplicate AND length(trim(text)) > 0 ORDER BY doc_id",
    )


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


def retrain_sentiment(
    settings: Settings,
    now: datetime,
    labels_path: Path | None = None,
    *,
    min_rated: int = MIN_RATED,
    embedder: Embedder | None = None,
    seed_data: pd.DataFrame | None = None,
) -> dict[str, Any]:
    """Fit a star-adapted candidate, compare it with the active model, promote it if better.

    Args:
        settings: pipeline settings (database, embedder, seed, label map of the active model).
        now: timestamp of the run (model id, registry ``created_at``).
        labels_path: optional CSV/JSONL of human labels (``text``, ``label``).
        min_rated: rated reviews needed before retraining makes sense.
        embedder: defaults to the one named in the settings (tests pass a fake).
        seed_data: seed examples (``text``, ``label``); defaults to the shipped seed set.

    Returns:
        The comparison: ``model_id``, ``promoted``, ``active_model_id``, candidate and active
        holdout metrics, training counts and the artifact path.

    Raises:
        VocError: fewer than ``min_rated`` rated reviews, or no active model to compare with.
    """
    con = store.connect(settings.db)
    try:
        embedder = embedder or make_embedder(settings.embedder, settings.embed_batch_size)
        seed = load_seed() if seed_data is None else seed_data
        return _retrain(con, settings, now, labels_path, min_rated, embedder, seed)
    finally:
        con.close()


def _retrain(
    con: Any,
    settings: Settings,
    now: datetime,
    labels_path: Path | None,
    min_rated: int,
    embedder: Embedder,
    seed: pd.DataFrame,
) -> dict[str, Any]:
    reviews = rated_reviews(con)
    if len(reviews) < min_rated:
        raise VocError(
            f"only {len(reviews)} rated Italian reviews in {settings.db}; at least {min_rated} "
            "are needed to retrain sentiment (ingest reviews with a 'rating' column)."
        )
    active = store.active_model(con, "sentiment")
    if active is None:
        raise VocError("no active sentiment model to compare with. Run 'voc init'.")

    customer = pd.DataFrame(
        {
            "text": reviews["text"].astype(str),
            "label": stars_to_labels(reviews["rating"].astype(float).tolist()),
            "weight": 1.0,
            "source": "stars",
        }
    )
    if labels_path is not None:
        human = read_human_labels(labels_path).assign(weight=HUMAN_WEIGHT, source="human")
        # A human label overrides the star-derived label of the same text.
        customer = customer[~customer["text"].isin(set(human["text"]))]
        customer = pd.concat([customer, human], ignore_index=True)
    customer = customer[customer["label"] != ""].reset_index(drop=True)
    model_id = embedder.model_id

    def embed(texts: list[str]) -> np.ndarray:
        return embed_with_cache(
            texts,
            embedder,
            lookup=lambda h: store.cached_embeddings(con, model_id, h),
            store=lambda h, v: store.store_embeddings(con, model_id, h, v),
        )

    cust_texts = customer["text"].tolist()
    seed_texts = seed["text"].tolist()
    cust_emb, seed_emb = embed(cust_texts), embed(seed_texts)
    y = customer["label"].to_numpy(dtype=object)
    train, hold = stratified_holdout(y, HOLDOUT, settings.seed)

    X_cust = build_features(cust_emb, cust_texts)
    X_seed = build_features(seed_emb, seed_texts)
    params = {**ADAPT_PARAMS, "n_embedding": int(cust_emb.shape[1])}
    candidate = fit_adapted(
        X_seed,
        seed["label"].to_numpy(dtype=object),
        X_cust[train],
        y[train],
        params,
        weights_new=customer["weight"].to_numpy()[train],
        random_state=settings.seed,
        weights_seed=seed_weights(seed),
        texts_new=[cust_texts[i] for i in train],
    )
    hold_texts = [cust_texts[i] for i in hold]
    cand_metrics = _score(candidate, cust_emb[hold], hold_texts, y[hold])
    try:
        current = load_sentiment(str(active["artifact_path"]), settings.sentiment_label_map)
        active_metrics: dict[str, Any] | None = _score(current, cust_emb[hold], hold_texts, y[hold])
    except (ValueError, OSError) as exc:
        # An active model that cannot score these embeddings (e.g. the embedder changed) is
        # no competitor: the candidate wins by default, and the reason is reported.
        active_metrics = {"error": " ".join(str(exc).split())[:200]}

    active_f1 = (active_metrics or {}).get("macro_f1")
    promoted = active_f1 is None or cand_metrics["macro_f1"] > active_f1

    stamp = f"{now:%Y%m%dT%H%M%S}"
    new_id = f"sentiment:stars-{stamp}"
    path = artifact_dir(Path(settings.db)) / f"sentiment-stars-{stamp}.skops"
    candidate.save(path)
    rows = [f"{t}\t{lab}" for t, lab in zip(cust_texts, y, strict=True)]
    counts = customer.iloc[train]["source"].value_counts()
    # How much the customer's own words count, and the out-of-fold evidence for it.
    text_head = {
        "weight": candidate.text_weight_,
        "cv_macro_f1": dict(candidate.text_weight_scores_),
    }
    metrics = {
        "holdout": cand_metrics,
        "active_holdout": active_metrics,
        "compared_with": str(active["model_id"]),
        "text_head": text_head,
    }
    params_out = {
        **params,
        "random_state": settings.seed,
        "embedder": model_id,
        "n_seed": len(seed),
        "n_stars": int(counts.get("stars", 0)),
        "n_human": int(counts.get("human", 0)),
        "n_holdout": len(hold),
    }
    store.register_model(
        con,
        model_id=new_id,
        task="sentiment",
        version=stamp,
        created_at=now,
        data_hash=data_hash(rows),
        metrics=json.loads(json.dumps(metrics, default=float)),
        artifact_path=str(path),
        status="candidate",
        params=params_out,
    )
    if promoted:
        store.activate_model(con, new_id)
    return {
        "model_id": new_id,
        "promoted": promoted,
        "active_model_id": new_id if promoted else str(active["model_id"]),
        "compared_with": str(active["model_id"]),
        "candidate_macro_f1": cand_metrics["macro_f1"],
        "active_macro_f1": active_f1,
        "n_train": len(train),
        "n_holdout": len(hold),
        "n_stars": int((customer["source"] == "stars").sum()),
        "n_human": int((customer["source"] == "human").sum()),
        "n_seed": len(seed),
        "holdout_labels": {lab: int((y[hold] == lab).sum()) for lab in LABELS},
        "text_head": text_head,
        "candidate": cand_metrics,
        "active": active_metrics,
        "artifact_path": str(path),
    }
