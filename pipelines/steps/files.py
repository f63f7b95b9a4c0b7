"""Jobs on one file that need no database: ``voc topics fit`` and ``voc evaluate sentiment``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from models.registry import default_sentiment_entry, load_sentiment
from pipelines import store
from pipelines.config import Settings
from pipelines.enrich.evaluate import evaluate_sentiment
from pipelines.enrich.score import read_any, write_any
from pipelines.enrich.topics_file import fit_topics_frame
from pipelines.steps.runs import NullProgress, Progress


def fit_topics_file(
    settings: Settings,
    input: Path,
    output: Path,
    *,
    text_column: str = "text",
    min_cluster_size: int = 15,
    seed: int = 42,
    progress: Progress | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Fit a topic model on ``input`` and write each row's topic to ``output``, in input order.

    Returns:
        (the rows written, one row per topic).
    """
    # Looked up at call time: tests and fake_voc.py swap the factory for a fast one.
    from models.embeddings import make_embedder

    progress = progress or NullProgress()
    frame = read_any(input, text_column)
    embedder = make_embedder(settings.embedder, settings.embed_batch_size)
    progress.start("Embedding", len(frame))
    rows, topics = fit_topics_frame(
        frame, text_column, embedder=embedder, min_cluster_size=min_cluster_size, seed=seed,
        progress=progress.advance,
    )  # fmt: skip
    write_any(rows, output)
    return rows, topics


def evaluate_sentiment_file(
    settings: Settings,
    input: Path,
    *,
    text_column: str = "text",
    label_column: str = "label",
    label_map: str | None = None,
    db: Path | None = None,
) -> dict[str, Any]:
    """Metrics of a sentiment model on a labelled file (see :func:`evaluate_sentiment`).

    The model is the shipped default, or the active one of the database ``db`` when given.
    """
    from models.embeddings import make_embedder  # at call time, as in fit_topics_file

    path = default_sentiment_entry().artifact_path
    if db is not None:
        with store.connection(settings.replace(db=db), read_only=True) as con:
            row = store.active_model(con, "sentiment")
        path = row["artifact_path"] if row else path
    model = load_sentiment(path, settings.sentiment_label_map)
    embedder = make_embedder(settings.embedder, settings.embed_batch_size)
    return evaluate_sentiment(input, text_column, label_column, label_map, model, embedder=embedder)
