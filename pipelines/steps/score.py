"""``voc score``: score any file with the active (or shipped) models, no database needed.

The models are bundled exactly as for ``voc enrich`` (an :class:`EnrichmentModels` whose
``own_brands`` are ``settings.own_brands``), so both commands read a text the same way.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from models.embeddings import Embedder
from models.registry import default_sentiment_entry, load_sentiment, load_topic_model
from models.taxonomy import TaxonomyClassifier, load_taxonomy
from pipelines import store
from pipelines.config import Settings
from pipelines.enrich.batch import EnrichmentModels
from pipelines.enrich.score import read_any, score_frame, write_any
from pipelines.steps.embed import embedder_for
from pipelines.steps.runs import NullProgress, Progress


def score_file(
    settings: Settings,
    input_path: Path,
    output_path: Path,
    text_column: str = "text",
    *,
    db: Path | None = None,
    progress: Progress | None = None,
) -> pd.DataFrame:
    """Score ``input_path`` row by row and write ``output_path`` (format by extension).

    Args:
        settings: embedder, label map and ``company_names`` (the intent detector's own brands).
        input_path: CSV, JSONL or Parquet file.
        output_path: ``.csv``, ``.jsonl``, ``.json`` or ``.parquet`` file to write.
        text_column: the column holding the text.
        db: a database whose active sentiment and topic models to use (read-only); without it
            the shipped sentiment model, and the taxonomy categories as topics.
        progress: progress display (the CLI's bar).

    Returns:
        The scored frame, as written.
    """
    progress = progress or NullProgress()
    frame = read_any(input_path, text_column)
    embedder = embedder_for(settings)
    models, labels = scoring_models(settings, embedder, db)
    progress.start("Scoring", len(frame))
    scored = score_frame(frame, text_column, models, topic_labels=labels, progress=progress.advance)
    write_any(scored, output_path)
    return scored


def scoring_models(
    settings: Settings, embedder: Embedder, db: Path | None = None
) -> tuple[EnrichmentModels, dict[int, str] | None]:
    """The models ``voc score`` uses and the labels of their topics (None: no topic model)."""
    sentiment_id = default_sentiment_entry().model_id
    sentiment_path = default_sentiment_entry().artifact_path
    topics, topic_id, labels = None, "", None
    if db is not None:
        with store.connection(settings.replace(db=db), read_only=True) as con:
            sent = store.active_model(con, "sentiment")
            top = store.active_model(con, "topics")
            if sent:
                sentiment_id, sentiment_path = str(sent["model_id"]), sent["artifact_path"]
            if top:
                topics, topic_id = load_topic_model(top["artifact_path"]), str(top["model_id"])
                labels = store.topic_labels(con, topic_id)

    def embed(texts: list[str]) -> np.ndarray:
        return embedder.embed(texts)

    return (
        EnrichmentModels(
            embedder=embedder,
            sentiment=load_sentiment(sentiment_path, settings.sentiment_label_map),
            sentiment_id=sentiment_id,
            topics=topics,
            topic_id=topic_id,
            taxonomy=TaxonomyClassifier().fit(load_taxonomy(), embed),
            own_brands=settings.own_brands,
        ),
        labels,
    )
