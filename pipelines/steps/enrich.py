"""Enrich every document not yet enriched by the active models (``voc enrich``, the flows).

One sequence for every runner: plan (models, pending batches) → compute each batch → store it
in order → record the run (``failed`` on any error). Only where the pure batch compute runs is
pluggable (:data:`BatchRunner`): here, or mapped over a Prefect task runner such as Dask.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any

import numpy as np
import pandas as pd

from models.embeddings import Embedder
from models.registry import load_sentiment, load_topic_model
from pipelines import store
from pipelines.config import Settings
from pipelines.enrich.batch import BatchResult, EnrichmentModels, batch_hashes, enrich_batch
from pipelines.errors import VocError
from pipelines.steps.embed import embedder_for, taxonomy_classifier
from pipelines.steps.runs import NullProgress, Progress, recorded_run
from pipelines.steps.setup import (
    _match_sentiment_to_embedder,
    ensure_default_models,
    model_embedder,
)
from pipelines.steps.topics import embed_topic_sample, fit_topics_on


@dataclass
class EnrichmentPlan:
    """The active models and the documents still to enrich, split in batches."""

    run_id: str
    models: EnrichmentModels
    batches: list[pd.DataFrame]
    stats: dict[str, Any]


#: Embeddings already cached for a batch (see :func:`cached_for_batch`).
CachedFor = Callable[[pd.DataFrame], dict[str, np.ndarray]]
#: Computes the plan's batches, yielding one result per batch in batch order.
BatchRunner = Callable[[EnrichmentPlan, datetime, CachedFor], Iterable[BatchResult]]


def batches_in_process(
    plan: EnrichmentPlan, now: datetime, cached: CachedFor
) -> Iterator[BatchResult]:
    """The default :data:`BatchRunner`: one batch at a time, here, as the loop asks for it."""
    for batch in plan.batches:
        yield enrich_batch(batch, cached(batch), plan.models, run_id=plan.run_id, now=now)


def enrich(
    settings: Settings,
    now: datetime,
    progress: Progress | None = None,
    *,
    run_batches: BatchRunner = batches_in_process,
) -> dict[str, Any]:
    """Enrich every document not yet enriched by the active model versions.

    Args:
        settings: pipeline settings.
        now: run time (run record, ``enriched_at``, the id of a first topic model).
        progress: progress display (the CLI's bar).
        run_batches: where batches are computed; ``flows`` maps them over Prefect tasks.

    Returns:
        The run's statistics (``enriched``, ``embedded``, model ids, first-fit details).
    """
    progress = progress or NullProgress()
    with store.connection(settings) as con:
        ensure_default_models(con, now)
        with recorded_run(con, "enrich", {}, now) as (run_id, stats):
            plan = plan_enrichment(con, settings, now, progress, run_id=run_id, stats=stats)
            embedder_id = plan.models.embedder.model_id
            if plan.batches:
                progress.start("Arricchimento", int(stats["enriched"]))
            results = run_batches(plan, now, partial(cached_for_batch, con, embedder_id))
            embedded = 0
            for batch, result in zip(plan.batches, results, strict=True):
                store_batch(con, embedder_id, result)
                embedded += len(result.new_hashes)
                progress.advance(len(batch))
            stats["embedded"] += embedded
        if stats.get("enriched"):
            # New or re-assigned documents: split parts are recomputed for them (and edits
            # queued while the enrichment held the file are applied).
            from pipelines.steps.curation import refresh_curation

            refresh_curation(settings, now, con=con, force=True)
        return stats


def plan_enrichment(
    con: store.Connection,
    settings: Settings,
    now: datetime,
    progress: Progress,
    *,
    run_id: str,
    stats: dict[str, Any],
    embedder: Embedder | None = None,
) -> EnrichmentPlan:
    """Make sure models exist (fitting topics on the first run) and list pending batches.

    ``stats`` (the run's, filled here) becomes the plan's ``stats``.
    """
    stats["embedded"] = 0
    embedder = embedder or embedder_for(settings)
    stats.update(_match_sentiment_to_embedder(con, embedder, now))
    topics = store.active_model(con, "topics")
    # Topic centroids live in one embedding space: a model fitted with another embedder (or
    # before embedders were recorded) is refitted, as on the first run.
    if topics is None or model_embedder(topics) != embedder.model_id:
        stats["embedded"] = embed_topic_sample(con, embedder, settings.topic_fit_sample, progress)
        stats["topics_fit"] = fit_topics_on(con, settings, now, embedder)
    models = load_models(con, settings, embedder)
    pending = store.pending_documents(con, models.sentiment_id, models.topic_id)
    size = settings.enrich_batch_size
    batches = [
        pending.iloc[i : i + size].reset_index(drop=True) for i in range(0, len(pending), size)
    ]
    stats.update(enriched=len(pending), sentiment_model=models.sentiment_id,
                 topic_model=models.topic_id, embedder=embedder.model_id)  # fmt: skip
    return EnrichmentPlan(run_id, models, batches, stats)


def load_models(con: store.Connection, settings: Settings, embedder: Embedder) -> EnrichmentModels:
    """The active sentiment and topic models (topic model must exist)."""
    sent = store.active_model(con, "sentiment")
    if sent is None:
        raise VocError("no active sentiment model. Run 'voc init'.")
    topics = store.active_model(con, "topics")
    if topics is None:
        raise VocError("no active topic model. Run 'voc enrich' or 'voc retrain topics'.")
    return EnrichmentModels(
        embedder=embedder,
        sentiment=load_sentiment(sent["artifact_path"], settings.sentiment_label_map),
        sentiment_id=str(sent["model_id"]),
        topics=load_topic_model(topics["artifact_path"]),
        topic_id=str(topics["model_id"]),
        taxonomy=taxonomy_classifier(con, embedder),
        own_brands=settings.own_brands,
    )


def cached_for_batch(
    con: store.Connection, embedder_id: str, batch: pd.DataFrame
) -> dict[str, np.ndarray]:
    """Cached embeddings of a batch's documents and aspect sentences."""
    return store.cached_embeddings(con, embedder_id, batch_hashes(batch))


def store_batch(con: store.Connection, embedder_id: str, result: BatchResult) -> None:
    """Cache the new embeddings, then write the batch's enrichment rows (each atomic)."""
    store.store_embeddings(con, embedder_id, result.new_hashes, result.new_vectors)
    store.write_enrichments(con, result.enrichments, result.doc_topics)
