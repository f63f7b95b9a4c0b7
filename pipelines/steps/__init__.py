"""Pipeline steps: each one reads from and writes to storage around pure compute functions.

Prefect tasks (``flows/``) and CLI commands (``voc/``) are thin adapters over these functions.
Every step records itself in the ``runs`` table and writes in transactions, so re-running any
step is idempotent and a killed step leaves no half-written batch.
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

import duckdb
import numpy as np
import pandas as pd

from models.embeddings import Embedder, make_embedder
from models.registry import (
    DEFAULT_SENTIMENT_ID,
    ModelEntry,
    artifact_dir,
    default_sentiment_entry,
    load_sentiment,
    load_topic_model,
)
from models.taxonomy import TaxonomyClassifier, load_taxonomy
from models.topics import TopicModel
from pipelines import store
from pipelines.config import Settings
from pipelines.enrich.batch import (
    BatchResult,
    EnrichmentModels,
    batch_hashes,
    embed_with_cache,
    enrich_batch,
)
from pipelines.errors import VocError
from pipelines.ingest.dedup import (
    PAIRWISE_MAX,
    find_near_duplicates,
    index_scheme,
    lsh_band_keys,
    shingle_hashes,
)
from pipelines.ingest.prepare import prepare_file
from pipelines.ingest.readers import load_mapping

log = logging.getLogger("voc")

KINDS = ("reviews", "tickets", "social")


class Progress(Protocol):
    """What a step needs to report progress (the CLI passes a rich progress bar)."""

    def start(self, description: str, total: int) -> None: ...
    def advance(self, n: int) -> None: ...


class NullProgress:
    """Progress that shows nothing (flows, tests)."""

    def start(self, description: str, total: int) -> None:
        """Ignore."""

    def advance(self, n: int) -> None:
        """Ignore."""


@contextlib.contextmanager
def recorded_run(
    con: duckdb.DuckDBPyConnection, flow: str, params: dict[str, Any], now: datetime
) -> Iterator[tuple[str, dict[str, Any]]]:
    """Record a run in ``runs``: yields (run_id, stats dict to fill); failures are recorded too."""
    run_id = store.start_run(con, flow, params, now)
    stats: dict[str, Any] = {}
    try:
        yield run_id, stats
    except BaseException as exc:
        with contextlib.suppress(Exception):
            store.finish_run(
                con, run_id, status="failed", stats=stats, finished_at=now, error=type(exc).__name__
            )
        raise
    store.finish_run(con, run_id, status="ok", stats=stats, finished_at=now)


# --------------------------------------------------------------------------- init


def init_db(settings: Settings, now: datetime) -> dict[str, Any]:
    """Create or migrate the database and register the shipped default models."""
    con = store.connect(settings.db, wait_seconds=settings.lock_wait_seconds)
    try:
        ensure_default_models(con, now)
        # Every run starts here: edits queued while the last run held the file land now.
        from pipelines.steps.curation import apply_pending_edits

        applied = apply_pending_edits(settings, now, con=con)
        return {"db": str(settings.db), "schema_version": store.schema_version(con),
                "edits_applied": len(applied["applied"])}  # fmt: skip
    finally:
        con.close()


def ensure_default_models(con: duckdb.DuckDBPyConnection, now: datetime) -> None:
    """Register the shipped sentiment model, active unless another one is.

    A newer shipped default (an upgrade) replaces an older shipped default that is active; a
    model the user trained or activated stays active and the new default waits as candidate.
    """
    entry = default_sentiment_entry()
    known = store.query_df(con, "SELECT model_id FROM models WHERE model_id = ?", [entry.model_id])
    if not known.empty:
        return
    active = store.active_model(con, "sentiment")
    if active is None:
        _register(con, entry, "active", now)
        return
    _register(con, entry, "candidate", now)
    if str(active["model_id"]).startswith(f"{DEFAULT_SENTIMENT_ID}-"):
        store.activate_model(con, entry.model_id)


def _register(
    con: duckdb.DuckDBPyConnection, entry: ModelEntry, status: str, now: datetime
) -> None:
    store.register_model(
        con,
        model_id=entry.model_id,
        task=entry.task,
        version=entry.version,
        created_at=now,
        data_hash=entry.data_hash,
        metrics=entry.metrics,
        artifact_path=entry.artifact_path,
        status=status,
        params=entry.params,
    )


# --------------------------------------------------------------------------- ingest


@dataclass
class IngestResult:
    """What one ``voc ingest`` did."""

    file: str
    kind: str
    rows: int
    inserted: int
    updated: int
    unchanged: int
    quarantined: int
    duplicates: int
    run_id: str
    identical_duplicates: int = 0
    quarantine_reasons: dict[str, int] = field(default_factory=dict)


def ingest_file(
    settings: Settings,
    kind: str,
    path: Path,
    *,
    now: datetime,
    fmt: str | None = None,
    mapping_path: Path | None = None,
) -> IngestResult:
    """Read, validate, normalise, redact and store one file of ``kind``.

    Every input row ends up in ``documents`` or in ``quarantine``. Re-ingesting the same file
    changes nothing; a ticket whose ``updated_at`` moved forward is updated in place.
    """
    if kind not in KINDS:
        raise VocError(f"unknown kind '{kind}': use one of {', '.join(KINDS)}")
    if not path.exists():
        raise VocError(f"{path}: file not found")
    if path.is_dir():
        raise VocError(f"{path}: is a folder; give one file, or use voc run --inbox {path}")
    mapping = load_mapping(mapping_path) if mapping_path else None
    batch = prepare_file(
        path,
        kind,
        fmt=fmt,
        mapping=mapping,
        redact_pii=settings.redact_pii,
        now=now,
        timezone=settings.timezone,
    )
    con = store.connect(settings.db, wait_seconds=settings.lock_wait_seconds)
    try:
        params = {"kind": kind, "file": path.name, "format": fmt}
        with recorded_run(con, "ingest", params, now) as (run_id, stats):
            docs = batch.documents.assign(ingest_run_id=run_id, ingested_at=now)
            docs["redacted"] = settings.redact_pii
            quarantine = batch.quarantine.assign(run_id=run_id, quarantined_at=now)
            counts = store.write_batch(con, docs, batch.comments, quarantine)
            duplicates = _mark_cross_batch_duplicates(
                con, kind, settings.seed, docs["doc_id"].tolist(), shingles=batch.shingles
            )
            stats.update(
                counts, rows=int(batch.stats.get("rows", len(docs))), duplicates=duplicates
            )
        reasons = (
            batch.quarantine["reason"].value_counts().head(5).to_dict()
            if len(batch.quarantine)
            else {}
        )
        return IngestResult(
            file=str(path),
            kind=kind,
            rows=int(batch.stats.get("rows", len(docs) + len(batch.quarantine))),
            inserted=counts["inserted"],
            updated=counts["updated"],
            unchanged=counts["unchanged"],
            quarantined=counts["quarantined"],
            duplicates=duplicates,
            run_id=run_id,
            identical_duplicates=int(batch.stats.get("identical_duplicates", 0)),
            quarantine_reasons={str(k): int(v) for k, v in reasons.items()},
        )
    finally:
        con.close()


#: Documents stored before the dedup index existed are indexed this many at a time, so a large
#: existing database is backfilled without holding all its texts in memory.
_BACKFILL_CHUNK = 50_000
#: Jaccard threshold of cross-file near-duplicates (find_near_duplicates' default).
DEDUP_THRESHOLD = 0.9


def _mark_cross_batch_duplicates(
    con: duckdb.DuckDBPyConnection,
    kind: str,
    seed: int,
    doc_ids: Sequence[str],
    *,
    shingles: Mapping[str, np.ndarray] | None = None,
) -> int:
    """Near-duplicate detection of a stored file against everything stored for ``kind``.

    The flags of the former step, :func:`find_near_duplicates` over every stored non-duplicate
    document of ``kind`` (reposts, re-sends), but reading only the documents that can pair with
    the file: those sharing an LSH band key with it (keys of stored documents are kept in
    ``doc_lsh``) and those of the same authors. Work per file grows with the file and its
    candidates, not with the database. (One difference, in the safe direction: for an author
    just above ``PAIRWISE_MAX`` documents the subset may be compared pairwise where the full run
    relied on LSH, so a true pair LSH would miss, ~1% at the threshold, is found.) Documents
    stored but not indexed yet (a database from before the index, an ingest killed between its
    two commits, another seed) are compared and indexed first, oldest first, in chunks.

    Args:
        con: Writable connection.
        kind: Document kind of the file.
        seed: MinHash seed.
        doc_ids: ``doc_id`` of the file's documents (already stored).
        shingles: Shingle hashes already computed for some texts (keyed by text), reused.

    Returns:
        How many stored documents of ``kind`` are flagged as duplicates.
    """
    store.sync_dedup_scheme(con, index_scheme(threshold=DEDUP_THRESHOLD, seed=seed))
    while True:
        backlog = store.unindexed_documents(con, kind, exclude=doc_ids, limit=_BACKFILL_CHUNK)
        if backlog.empty:
            break
        _dedup_against_index(con, kind, backlog, seed)
    new = store.dedup_documents(con, kind, doc_ids)
    if len(new):
        _dedup_against_index(con, kind, new, seed, shingles)
    total = store.query_df(
        con, "SELECT count(*) AS n FROM documents WHERE kind = ? AND is_duplicate", [kind]
    )
    return int(total["n"].iat[0])


def _dedup_against_index(
    con: duckdb.DuckDBPyConnection,
    kind: str,
    new: pd.DataFrame,
    seed: int,
    shingles: Mapping[str, np.ndarray] | None = None,
) -> None:
    """Compare ``new`` stored documents with their candidates, flag duplicates, index them.

    Why the subset gives the full result: stored non-duplicates are pairwise distinct already
    (each was compared when it was indexed), so every duplicate pair involves a new document,
    and LSH pairs a new document only with documents sharing one of its band keys, all of
    which are candidates; same-author comparisons see the author's whole history (or, for an
    author with more than ``PAIRWISE_MAX`` documents, where the full run uses LSH too, the
    author's documents sharing a band key).
    """
    known = shingles or {}
    # Shingled once for keys and matching (and not at all when the prepare step already did).
    hashes = [known[t] if t in known else shingle_hashes(t) for t in new["text"]]
    new = new.assign(n_shingles=[len(h) for h in hashes])
    keys = lsh_band_keys(new["text"].tolist(), threshold=DEDUP_THRESHOLD, seed=seed, hashes=hashes)
    at = keys["position"].to_numpy()
    keys = pd.DataFrame(
        {
            "doc_id": new["doc_id"].to_numpy(dtype=object)[at],
            "customer_id": new["customer_id"].to_numpy(dtype=object)[at],
            "band": keys["band"].to_numpy(),
            "bucket": keys["bucket"].to_numpy(),
            "is_long": keys["long"].to_numpy(),
        }
    )
    candidates = store.dedup_candidates(
        con,
        kind,
        new[["doc_id", "customer_id", "n_shingles"]],
        keys,
        pairwise_max=PAIRWISE_MAX,
        threshold=DEDUP_THRESHOLD,
    )
    if len(candidates):
        frame = pd.concat([new.drop(columns="n_shingles"), candidates], ignore_index=True)
        hashes += [shingle_hashes(t) for t in candidates["text"]]
    else:
        frame = new
    dups = find_near_duplicates(frame, threshold=DEDUP_THRESHOLD, seed=seed, hashes=hashes)
    mapping = {k: v for k, v in dups.items() if isinstance(v, str) and v}
    # Documents just flagged are never candidates again: no need to keep their keys.
    keep = ~keys["doc_id"].isin(list(mapping)).to_numpy()
    store.record_dedup(
        con,
        kind,
        mapping,
        new[["doc_id", "text_hash", "n_shingles"]],
        keys.loc[keep].reset_index(drop=True),
    )


# --------------------------------------------------------------------------- models


def _cached_embed_fns(
    con: duckdb.DuckDBPyConnection, embedder: Embedder
) -> tuple[Callable[[list[str]], dict[str, np.ndarray]], Callable[[list[str], np.ndarray], None]]:
    def lookup(hashes: list[str]) -> dict[str, np.ndarray]:
        return store.cached_embeddings(con, embedder.model_id, hashes)

    def save(hashes: list[str], vectors: np.ndarray) -> None:
        store.store_embeddings(con, embedder.model_id, hashes, vectors)

    return lookup, save


def _taxonomy_classifier(
    con: duckdb.DuckDBPyConnection, embedder: Embedder, taxonomy_path: Path | None = None
) -> TaxonomyClassifier:
    lookup, save = _cached_embed_fns(con, embedder)

    def embed(texts: list[str]) -> np.ndarray:
        return embed_with_cache(texts, embedder, lookup, save)

    return TaxonomyClassifier().fit(load_taxonomy(taxonomy_path), embed)


def fit_topics(
    settings: Settings,
    now: datetime,
    *,
    con: duckdb.DuckDBPyConnection | None = None,
    embedder: Embedder | None = None,
) -> dict[str, Any]:
    """Fit (or refit, keeping topic IDs) the topic model on the rolling window and activate it."""
    owns = con is None
    con = con or store.connect(settings.db, wait_seconds=settings.lock_wait_seconds)
    try:
        embedder = embedder or make_embedder(settings.embedder, settings.embed_batch_size)
        _embed_for_topics(con, embedder, settings.topic_fit_sample, NullProgress())
        since = now - timedelta(weeks=settings.topic_window_weeks)
        corpus = store.corpus_for_topics(con, embedder.model_id, since, settings.topic_fit_sample)
        if len(corpus) < settings.topic_min_cluster_size * 2:
            corpus = store.corpus_for_topics(
                con, embedder.model_id, None, settings.topic_fit_sample
            )
        if corpus.empty:
            raise VocError("no Italian documents to fit topics on. Run 'voc ingest' first.")
        taxonomy = _taxonomy_classifier(con, embedder)
        previous_row = store.active_model(con, "topics")
        previous = load_topic_model(previous_row["artifact_path"]) if previous_row else None
        emb = np.vstack(corpus["vector"].to_numpy()).astype(np.float32)
        model = TopicModel(
            min_cluster_size=settings.topic_min_cluster_size,
            exclude_words=settings.own_brands,
            random_state=settings.seed,
        ).fit(corpus["text"].tolist(), emb, taxonomy=taxonomy, previous=previous)
        version = now.strftime("%Y%m%dT%H%M%S")
        model_id = f"topics:{version}"
        path = artifact_dir(Path(settings.db)) / f"topics-{version}.safetensors"
        path.parent.mkdir(parents=True, exist_ok=True)
        model.save(path)
        topics = model.topics_frame()
        store.write_topics(
            con, model_id, topics, _lineage_frame(model, now), _taxonomy_frame(taxonomy)
        )
        outliers = float(np.mean(np.asarray(model.labels_) < 0))
        store.register_model(
            con,
            model_id=model_id,
            task="topics",
            version=version,
            created_at=now,
            data_hash=None,
            metrics={"n_topics": len(topics), "outlier_share": outliers, "n_docs": len(corpus)},
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
    finally:
        if owns:
            con.close()


def refit_topics_if_due(settings: Settings, now: datetime) -> dict[str, Any]:
    """Refit topics when the active model is older than ``topic_refit_days`` (monthly default).

    Between refits new documents are assigned online to the existing topics; the refit keeps
    topic IDs and labels of the topics it finds again.
    """
    con = store.connect(settings.db, wait_seconds=settings.lock_wait_seconds)
    try:
        row = store.active_model(con, "topics")
        if row is None:
            return {"refit": False, "reason": "no topic model yet (the first enrich fits one)"}
        age = now - pd.Timestamp(row["created_at"]).to_pydatetime()
        if age < timedelta(days=settings.topic_refit_days):
            return {"refit": False, "reason": f"model is {age.days} days old"}
        return {"refit": True, **fit_topics(settings, now, con=con)}
    finally:
        con.close()


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


def model_embedder(row: Mapping[str, Any]) -> str | None:
    """The embedder id a registry row says its model was trained on (None when not recorded)."""
    raw = row.get("params")
    try:
        params = json.loads(raw) if isinstance(raw, str) else dict(raw or {})
    except (TypeError, ValueError):
        return None
    value = params.get("embedder")
    return str(value) if value else None


def _match_sentiment_to_embedder(
    con: duckdb.DuckDBPyConnection, embedder: Embedder, now: datetime
) -> dict[str, Any]:
    """Keep the active sentiment model usable with the configured embedder.

    A head trained on another embedder's vectors reads the new ones as noise. The shipped
    default takes over when it matches (the change is recorded in the run's stats); otherwise
    the mismatch is logged and recorded, and ``voc retrain sentiment`` is the way out.
    """
    active = store.active_model(con, "sentiment")
    trained_on = model_embedder(active) if active is not None else None
    if active is None or trained_on in (None, embedder.model_id):
        return {}
    entry = default_sentiment_entry()
    if entry.params.get("embedder") != embedder.model_id:
        log.warning(
            "sentiment model %s was trained on %s embeddings, the embedder is %s: "
            "run 'voc retrain sentiment'",
            active["model_id"],
            trained_on,
            embedder.model_id,
        )
        return {"sentiment_embedder_mismatch": {"model": str(active["model_id"]),
                                                "trained_on": trained_on}}  # fmt: skip
    ensure_default_models(con, now)
    store.activate_model(con, entry.model_id)
    return {"sentiment_replaced": {"was": str(active["model_id"]), "now": entry.model_id}}


def load_models(
    con: duckdb.DuckDBPyConnection, settings: Settings, embedder: Embedder
) -> EnrichmentModels:
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
        taxonomy=_taxonomy_classifier(con, embedder),
        own_brands=settings.own_brands,
    )


# --------------------------------------------------------------------------- enrich


def _embed_for_topics(
    con: duckdb.DuckDBPyConnection, embedder: Embedder, sample: int, progress: Progress
) -> int:
    """Embed the topic-fitting sample (Italian, non-duplicate documents) not cached yet.

    The sample is the ``sample`` documents with the smallest content hash: deterministic, spread
    evenly over time, and the same documents again on the next refit.
    """
    todo = store.query_df(
        con,
        "WITH s AS (SELECT DISTINCT text_hash, text FROM documents"
        "  WHERE language = 'it' AND NOT is_duplicate AND length(trim(text)) > 0"
        "  ORDER BY text_hash LIMIT ?)"
        " SELECT s.text_hash, s.text FROM s"
        " LEFT JOIN embeddings e ON e.text_hash = s.text_hash AND e.model_id = ?"
        " WHERE e.text_hash IS NULL ORDER BY s.text_hash",
        [sample, embedder.model_id],
    )
    if todo.empty:
        return 0
    progress.start("Embedding", len(todo))
    lookup, save = _cached_embed_fns(con, embedder)
    chunk = 512
    texts = todo["text"].tolist()
    for start in range(0, len(texts), chunk):
        # Stored chunk by chunk: a killed run keeps what it already paid for.
        embed_with_cache(texts[start : start + chunk], embedder, lookup, save, progress.advance)
    return len(todo)


@dataclass
class EnrichmentPlan:
    """The active models and the documents still to enrich, split in batches."""

    run_id: str
    models: EnrichmentModels
    batches: list[pd.DataFrame]
    stats: dict[str, Any]


def plan_enrichment(
    con: duckdb.DuckDBPyConnection,
    settings: Settings,
    now: datetime,
    progress: Progress,
    embedder: Embedder | None = None,
) -> EnrichmentPlan:
    """Make sure models exist (fitting topics on the first run) and list pending batches."""
    ensure_default_models(con, now)
    run_id = store.start_run(con, "enrich", {}, now)
    stats: dict[str, Any] = {"embedded": 0}
    embedder = embedder or make_embedder(settings.embedder, settings.embed_batch_size)
    stats.update(_match_sentiment_to_embedder(con, embedder, now))
    topics = store.active_model(con, "topics")
    # Topic centroids live in one embedding space: a model fitted with another embedder (or
    # before embedders were recorded) is refitted, as on the first run.
    if topics is None or model_embedder(topics) != embedder.model_id:
        stats["embedded"] = _embed_for_topics(con, embedder, settings.topic_fit_sample, progress)
        stats["topics_fit"] = fit_topics(settings, now, con=con, embedder=embedder)
    models = load_models(con, settings, embedder)
    pending = store.pending_documents(con, models.sentiment_id, models.topic_id)
    size = settings.enrich_batch_size
    batches = [
        pending.iloc[i : i + size].reset_index(drop=True) for i in range(0, len(pending), size)
    ]
    stats.update(enriched=len(pending), sentiment_model=models.sentiment_id,
                 topic_model=models.topic_id)  # fmt: skip
    return EnrichmentPlan(run_id, models, batches, stats)


def cached_for_batch(
    con: duckdb.DuckDBPyConnection, embedder_id: str, batch: pd.DataFrame
) -> dict[str, np.ndarray]:
    """Cached embeddings of a batch's documents and aspect sentences."""
    return store.cached_embeddings(con, embedder_id, batch_hashes(batch))


def store_batch(con: duckdb.DuckDBPyConnection, embedder_id: str, result: BatchResult) -> None:
    """Cache the new embeddings, then write the batch's enrichment rows (each atomic)."""
    store.store_embeddings(con, embedder_id, result.new_hashes, result.new_vectors)
    store.write_enrichments(con, result.enrichments, result.doc_topics)


def finish_enrichment(
    con: duckdb.DuckDBPyConnection, plan: EnrichmentPlan, now: datetime, embedded: int
) -> dict[str, Any]:
    """Close the enrich run with its statistics."""
    plan.stats["embedded"] = plan.stats.get("embedded", 0) + embedded
    store.finish_run(con, plan.run_id, status="ok", stats=plan.stats, finished_at=now)
    if plan.stats.get("enriched"):
        # New or re-assigned documents: split parts are recomputed for them.
        from pipelines.steps.curation_apply import refresh

        refresh(con, None, force=True)
    return plan.stats


def enrich(settings: Settings, now: datetime, progress: Progress | None = None) -> dict[str, Any]:
    """Enrich every document not yet enriched by the active model versions (in-process).

    The Dask flow (``flows/pipeline_flows.py``) runs the same three parts, with the batches
    mapped over workers: :func:`plan_enrichment`, :func:`enrich_batch`, :func:`store_batch`.
    """
    progress = progress or NullProgress()
    con = store.connect(settings.db, wait_seconds=settings.lock_wait_seconds)
    try:
        plan = plan_enrichment(con, settings, now, progress)
        try:
            embedded = 0
            if plan.batches:
                progress.start("Arricchimento", int(plan.stats["enriched"]))
            embedder_id = plan.models.embedder.model_id
            for batch in plan.batches:
                result = enrich_batch(
                    batch, cached_for_batch(con, embedder_id, batch), plan.models,
                    run_id=plan.run_id, now=now,
                )  # fmt: skip
                store_batch(con, embedder_id, result)
                embedded += len(result.new_hashes)
                progress.advance(len(batch))
        except BaseException as exc:
            store.finish_run(con, plan.run_id, status="failed", stats=plan.stats,
                               finished_at=now, error=type(exc).__name__)  # fmt: skip
            raise
        return finish_enrichment(con, plan, now, embedded)
    finally:
        con.close()


from pipelines.steps.curation import (  # noqa: E402, F401
    EditResult,
    apply_pending_edits,
    hide_theme,
    list_alerts,
    list_edits,
    list_themes,
    map_theme,
    merge_themes,
    pending_edits,
    refresh_curation,
    rename_theme,
    review_items,
    split_theme,
    triage_alert,
    undo_edit,
    unhide_theme,
)
from pipelines.steps.detect import ingest_churn_outcomes, run_detection  # noqa: E402, F401
from pipelines.steps.files import evaluate_sentiment_file, fit_topics_file  # noqa: E402, F401
from pipelines.steps.overview import (  # noqa: E402, F401
    AlertsAndChurn,
    activate_model,
    alerts_and_churn,
    list_models,
)
from pipelines.steps.pull import pull_source as pull_source  # noqa: E402
from pipelines.steps.report import (  # noqa: E402, F401
    build_report,
    corpus_summary,
    export_views,
    gather_report_data,
    gather_status,
    weekly_insights,
    write_report,
)
