"""``voc retrain sentiment``: the database side of the star-adapted sentiment retrain.

Reads the rated reviews, embeds through the cache, compares the candidate with the active
model on the same holdout (:mod:`pipelines.enrich.retrain`), registers the candidate and
activates it only if it is better. With ``finetune`` the candidate is the encoder's top layers
and a head trained on the same rows (:mod:`pipelines.enrich.retrain_finetune`); the active model
is still scored on the cached base vectors, the candidate on the texts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from models.embeddings import Embedder
from models.registry import artifact_dir, data_hash, load_sentiment
from models.sentiment_finetune import EncoderBase
from models.train_default import load_seed
from pipelines import store
from pipelines.config import Settings
from pipelines.enrich.batch import embed_with_cache
from pipelines.enrich.retrain import (
    MIN_RATED,
    customer_examples,
    fit_candidate,
    outcome,
    read_human_labels,
    summary,
    training_rows,
)
from pipelines.enrich.retrain_finetune import SEED_ROWS, fit_finetuned_candidate
from pipelines.errors import VocError
from pipelines.steps.embed import cached_embed_fns, embedder_for
from pipelines.steps.labels import human_training_labels


@dataclass(frozen=True)
class FinetuneOptions:
    """How ``--finetune`` trains: hyperparameters, seed rows mixed in, the base encoder.

    Attributes:
        params: :class:`models.sentiment_finetune.FinetunedSentiment` hyperparameters
            (defaults: its own).
        seed_rows: seed examples mixed into the customer's rows.
        base: the encoder to fine-tune (default: this machine's converted e5).
    """

    params: dict[str, Any] = field(default_factory=dict)
    seed_rows: int = SEED_ROWS
    base: EncoderBase | None = None


def retrain_sentiment(
    settings: Settings,
    now: datetime,
    labels_path: Path | None = None,
    *,
    min_rated: int = MIN_RATED,
    embedder: Embedder | None = None,
    seed_data: pd.DataFrame | None = None,
    finetune: bool = False,
    finetune_options: FinetuneOptions | None = None,
) -> dict[str, Any]:
    """Fit a star-adapted candidate, compare it with the active model, promote it if better.

    Args:
        settings: pipeline settings (database, embedder, seed, label map of the active model).
        now: timestamp of the run (model id, registry ``created_at``).
        labels_path: optional CSV/JSONL of human labels (``text``, ``label``), on top of the
            labels stored in the database (``voc label``, the app), which are always used.
        min_rated: rated reviews needed before retraining makes sense.
        embedder: defaults to the one named in the settings (tests pass a fake).
        seed_data: seed examples (``text``, ``label``); defaults to the shipped seed set.
        finetune: fine-tune the encoder's top layers and a head (:mod:`models.sentiment_finetune`)
            instead of fitting the frozen-vector recipe.
        finetune_options: hyperparameters, seed rows and base encoder of the fine-tuning
            (tests pass a tiny local encoder).

    Returns:
        The comparison: ``model_id``, ``promoted``, ``active_model_id``, candidate and active
        holdout metrics, training counts and the artifact path.

    Raises:
        VocError: fewer than ``min_rated`` rated reviews, or no active model to compare with.
    """
    with store.connection(settings) as con:
        embedder = embedder or embedder_for(settings)
        seed = load_seed() if seed_data is None else seed_data
        options = (finetune_options or FinetuneOptions()) if finetune else None
        return _retrain(con, settings, now, labels_path, min_rated, embedder, seed, options)


def _retrain(
    con: store.Connection,
    settings: Settings,
    now: datetime,
    labels_path: Path | None,
    min_rated: int,
    embedder: Embedder,
    seed: pd.DataFrame,
    finetune: FinetuneOptions | None,
) -> dict[str, Any]:
    reviews = store.rated_reviews(con)
    if len(reviews) < min_rated:
        raise VocError(
            f"only {len(reviews)} rated Italian reviews in {settings.db}; at least {min_rated} "
            "are needed to retrain sentiment (ingest reviews with a 'rating' column)."
        )
    active = store.active_model(con, "sentiment")
    if active is None:
        raise VocError("no active sentiment model to compare with. Run 'voc init'.")
    active_id = str(active["model_id"])
    from_file = read_human_labels(labels_path) if labels_path is not None else None
    # The labels people gave in the app, the CLI or a CSV count without a file (docs/labels.md).
    human, human_info = human_training_labels(con, from_file)
    customer = customer_examples(reviews, human)
    lookup, save = cached_embed_fns(con, embedder)

    def embed(texts: list[str]) -> np.ndarray:
        return embed_with_cache(texts, embedder, lookup, save)

    cust_emb = embed(customer["text"].tolist())
    if finetune is not None:
        candidate = fit_finetuned_candidate(
            customer, cust_emb, seed, settings.seed, base=finetune.base, params=finetune.params,
            n_seed=finetune.seed_rows,
        )  # fmt: skip
    else:
        seed_emb = embed(seed["text"].tolist())
        candidate = fit_candidate(customer, cust_emb, seed, seed_emb, settings.seed)
    try:
        current = load_sentiment(str(active["artifact_path"]), settings.sentiment_label_map)
        active_metrics: dict[str, Any] | None = candidate.score(current)
    except (ValueError, OSError) as exc:
        # An active model that cannot score these embeddings (e.g. the embedder changed) is
        # no competitor: the candidate wins by default, and the reason is reported.
        active_metrics = {"error": " ".join(str(exc).split())[:200]}
    promoted, metrics, params = outcome(
        candidate, active_metrics, active_id=active_id, n_seed=len(seed),
        random_state=settings.seed, embedder_id=embedder.model_id,
    )  # fmt: skip
    params["human_labels"] = human_info

    stamp = f"{now:%Y%m%dT%H%M%S}"
    kind = "finetuned" if finetune is not None else "stars"
    new_id = f"sentiment:{kind}-{stamp}"
    # A fine-tuned model is a folder (safetensors + card); the frozen-head recipe one skops file.
    path = artifact_dir(Path(settings.db)) / (
        f"sentiment-{kind}-{stamp}" + ("" if finetune is not None else ".skops")
    )
    candidate.model.save(path)
    store.register_model(
        con,
        model_id=new_id,
        task="sentiment",
        version=stamp,
        created_at=now,
        data_hash=data_hash(training_rows(candidate)),
        metrics=json.loads(json.dumps(metrics, default=float)),
        artifact_path=str(path),
        status="candidate",
        params=params,
    )
    if promoted:
        store.activate_model(con, new_id)
    result = summary(
        candidate, active_metrics, promoted=promoted, new_id=new_id, active_id=active_id,
        n_seed=len(seed), artifact_path=str(path),
    )  # fmt: skip
    return {**result, "human_labels": human_info, "data_hash": data_hash(training_rows(candidate))}
