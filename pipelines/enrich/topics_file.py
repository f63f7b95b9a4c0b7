"""``voc topics fit``: fit a topic model on any file, without a database.

This is how anyone evaluates the topic model on their own labelled data: the output keeps every
input row, in input order, with ``topic_id``, ``topic_label`` and ``category_id`` added.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from models.embeddings import Embedder
from models.taxonomy import TaxonomyClassifier, load_taxonomy
from models.topics import TopicModel
from pipelines.enrich.batch import embed_with_cache, memory_cache
from pipelines.errors import VocError
from pipelines.ingest.normalize import normalize_text


def fit_topics_frame(
    frame: pd.DataFrame,
    text_column: str,
    *,
    embedder: Embedder,
    min_cluster_size: int = 15,
    seed: int = 42,
    progress: Callable[[int], None] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Fit topics on ``frame[text_column]``.

    Returns:
        (rows with topic_id/topic_label/category_id added, one row per topic).
    """
    texts = [normalize_text(str(t) if t is not None else "")[0] for t in frame[text_column]]
    idx = np.asarray([i for i, t in enumerate(texts) if t.strip()], dtype=np.int64)
    if len(idx) < 2 * min_cluster_size:
        raise VocError(
            f"only {len(idx)} non-empty texts: topics need at least {2 * min_cluster_size} "
            "(or lower --min-cluster-size)"
        )
    lookup, store = memory_cache()
    selected = [texts[i] for i in idx]
    emb = embed_with_cache(selected, embedder, lookup, store, progress)
    taxonomy = TaxonomyClassifier().fit(
        load_taxonomy(), lambda ts: embed_with_cache(list(ts), embedder, lookup, store)
    )
    model = TopicModel(min_cluster_size=min_cluster_size, random_state=seed).fit(
        selected, emb, taxonomy=taxonomy, name_embedder=embedder.embed_queries
    )
    labels = np.asarray(model.labels_)
    out = frame.copy()
    topic_id = pd.array([pd.NA] * len(frame), dtype="Int64")
    topic_id[idx] = labels
    names: dict[int, str] = {int(k): v for k, v in model.topic_labels_.items()}
    out["topic_id"] = topic_id
    out["topic_label"] = [
        names.get(int(t), "Non assegnato") if pd.notna(t) else None for t in out["topic_id"]
    ]
    categories = np.full(len(frame), None, dtype=object)
    categories[idx] = taxonomy.predict(emb)
    out["category_id"] = categories
    return out, model.topics_frame()


__all__ = ["fit_topics_frame"]


def describe(topics: pd.DataFrame) -> list[dict[str, Any]]:
    """Topics as plain records for printing."""
    return topics.to_dict(orient="records")
