"""Fit and refit the topic model on stored documents (``voc retrain topics``, monthly refit)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from models.embeddings import Embedder
from models.registry import artifact_dir, load_topic_model
from models.taxonomy import TaxonomyClassifier, load_taxonomy
from models.topics import TopicModel
from models.topics.constraints import apply_theme_evidence
from pipelines import store
from pipelines.config import Settings
from pipelines.enrich.batch import embed_with_cache
from pipelines.errors import VocError
from pipelines.steps.embed import cached_embed_fns, embedder_for, taxonomy_classifier
from pipelines.steps.runs import NullProgress, Progress
from pipelines.store import labels as store_labels

#: Texts embedded (and stored) per chunk: a killed run keeps what it already paid for.
EMBED_CHUNK = 512


def fit_topics(
    settings: Settings, now: datetime, *, embedder: Embedder | None = None
) -> dict[str, Any]:
    """Fit (or refit, keeping topic IDs) the topic model on the rolling window and activate it."""
    with store.connection(settings) as con:
        return fit_topics_on(con, settings, now, embedder or embedder_for(settings))


def refit_topics_if_due(settings: Settings, now: datetime) -> dict[str, Any]:
    """Refit topics when the active model is older than ``topic_refit_days`` (monthly default).

    Between refits new documents are assigned online to the existing topics; the refit keeps
    topic IDs and labels of the topics it finds again.
    """
    with store.connection(settings) as con:
        row = store.active_model(con, "topics")
        if row is None:
            return {"refit": False, "reason": "no topic model yet (the first enrich fits one)"}
        age = now - pd.Timestamp(row["created_at"]).to_pydatetime()
        if age < timedelta(days=settings.topic_refit_days):
            return {"refit": False, "reason": f"model is {age.days} days old"}
        return {"refit": True, **fit_topics_on(con, settings, now, embedder_for(settings))}


def fit_topics_on(
    con: store.Connection, settings: Settings, now: datetime, embedder: Embedder
) -> dict[str, Any]:
    """:func:`fit_topics` on an open writable connection (enrich fits on its first run)."""
    embed_topic_sample(con, embedder, settings.topic_fit_sample, NullProgress())
    since = now - timedelta(weeks=settings.topic_window_weeks)
    corpus, emb = store.corpus_for_topics(con, embedder.model_id, since, settings.topic_fit_sample)
    if len(corpus) < settings.topic_min_cluster_size * 2:
        corpus, emb = store.corpus_for_topics(
            con, embedder.model_id, None, settings.topic_fit_sample
        )
    if corpus.empty:
        raise VocError("no Italian documents to fit topics on. Run 'voc ingest' first.")
    taxonomy = taxonomy_classifier(con, embedder)
    previous_row = store.active_model(con, "topics")
    previous = load_topic_model(previous_row["artifact_path"]) if previous_row else None
    model = TopicModel(
        min_cluster_size=settings.topic_min_cluster_size,
        exclude_words=settings.own_brands,
        random_state=settings.seed,
    ).fit(
        corpus["text"].tolist(), emb, taxonomy=taxonomy, previous=previous,
        # Names are chosen by how clearly their query vectors point at their own theme, in
        # the space the themes were fitted in (models/theme_names.py).
        name_embedder=embedder.embed_queries,
    )  # fmt: skip
    evidence = _theme_evidence(con, model, embedder.model_id)
    version = now.strftime("%Y%m%dT%H%M%S")
    model_id = f"topics:{version}"
    path = artifact_dir(Path(settings.db)) / f"topics-{version}.safetensors"
    path.parent.mkdir(parents=True, exist_ok=True)
    model.save(path)
    topics = model.topics_frame()
    store.write_topics(con, model_id, topics, _lineage_frame(model, now), _taxonomy_frame(taxonomy))
    outliers = float(np.mean(np.asarray(model.labels_) < 0))
    store.register_model(
        con,
        model_id=model_id,
        task="topics",
        version=version,
        created_at=now,
        data_hash=None,
        metrics={
            "n_topics": len(topics),
            "outlier_share": outliers,
            "n_docs": len(corpus),
            "human_evidence": evidence,
        },
        artifact_path=str(path),
        status="active",
        params={
            "min_cluster_size": settings.topic_min_cluster_size,
            "seed": settings.seed,
            "embedder": embedder.model_id,
        },
    )
    # The team's theme edits travel through the refit's lineage (docs/curation.md).
    from pipelines.steps.curation import refresh_curation

    refresh_curation(settings, now, con=con, force=True)
    return {"model_id": model_id, "n_topics": len(topics), "outlier_share": outliers}


def _theme_evidence(con: store.Connection, model: TopicModel, embedder_id: str) -> dict[str, int]:
    """Move the new model's centroids by the documents people moved (docs/labels.md)."""
    moved = store_labels.theme_constraints(con)
    if moved.empty:
        return {"must_link": 0, "cannot_link": 0}
    vectors = store.cached_embeddings(con, embedder_id, moved["text_hash"].unique().tolist())
    moved = moved[moved["text_hash"].isin(set(vectors))]
    if moved.empty:
        return {"must_link": 0, "cannot_link": 0}
    model.centroids_, counts = apply_theme_evidence(
        model.centroids_, np.asarray(model.topic_ids_),
        np.vstack([vectors[h] for h in moved["text_hash"]]),
        moved["theme_id"].to_numpy(dtype=int),
        moved["model_topic_id"].fillna(-1).to_numpy(dtype=int),
    )  # fmt: skip
    return counts


def embed_topic_sample(
    con: store.Connection, embedder: Embedder, sample: int, progress: Progress
) -> int:
    """Embed the topic-fitting sample (Italian, non-duplicate documents) not cached yet.

    The sample is the ``sample`` documents with the smallest content hash: deterministic, spread
    evenly over time, and the same documents again on the next refit.
    """
    todo = store.topic_fit_backlog(con, embedder.model_id, sample)
    if todo.empty:
        return 0
    progress.start("Embedding", len(todo))
    lookup, save = cached_embed_fns(con, embedder)
    texts = todo["text"].tolist()
    for start in range(0, len(texts), EMBED_CHUNK):
        # Stored chunk by chunk: a killed run keeps what it already paid for.
        embed_with_cache(
            texts[start : start + EMBED_CHUNK], embedder, lookup, save, progress.advance
        )
    return len(todo)


def _lineage_frame(model: TopicModel, now: datetime) -> pd.DataFrame:
    rows = []
    for event in getattr(model, "lineage_", []) or []:
        related = event.get("from_ids") or event.get("to_ids") or []
        rows.append(
            {
                "event": str(event.get("event")),
                "topic_id": int(event.get("topic_id", -1)),
                "related_ids": [int(x) for x in related],
                "similarity": float(event.get("similarity") or 0.0),
                "recorded_at": now,
            }
        )
    return pd.DataFrame(
        rows, columns=["event", "topic_id", "related_ids", "similarity", "recorded_at"]
    )


def _taxonomy_frame(taxonomy: TaxonomyClassifier) -> pd.DataFrame:
    descriptions = {c.id: c.description for c in load_taxonomy()}
    rows = [
        {"category_id": cid, "label": label, "description": descriptions.get(cid, "")}
        for cid, label in taxonomy.category_labels_.items()
    ]
    return pd.DataFrame(rows, columns=["category_id", "label", "description"])
