"""Dask scale-out gives the same rows as the sequential run; overlapping writers are serialised."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest

from pipelines import steps, store
from pipelines.config import load_settings
from pipelines.demo.generate import generate_demo

pytestmark = pytest.mark.integration
NOW = datetime(2026, 11, 2, 7, 0)
COLUMNS = [
    "doc_id",
    "sentiment_label",
    "sentiment_score",
    "topic_id",
    "category_id",
    "churn_intent",
]


def _ingest(root: Path, data: Path) -> object:
    # The Dask workers read the process environment (tests/conftest.py pins VOC_EMBEDDER);
    # the sequential side must see the same embedder, or the two runs embed differently.
    env = {"VOC_CONFIG": str(root / "none.toml")}
    env.update({k: v for k, v in os.environ.items() if k == "VOC_EMBEDDER"})
    settings = load_settings(env=env, db=root / "voc.duckdb")
    steps.init_db(settings, NOW)
    for kind, name in (
        ("reviews", "reviews.csv"),
        ("tickets", "tickets.json"),
        ("social", "social.jsonl"),
    ):
        steps.ingest_file(settings, kind, data / name, now=NOW)
    return settings


def _rows(settings: object) -> pd.DataFrame:
    con = store.connect(settings.db, read_only=True)  # type: ignore[attr-defined]
    try:
        return con.execute(
            "SELECT doc_id, sentiment_label, round(sentiment_score, 5) AS sentiment_score, topic_id,"
            " category_id, churn_intent FROM enrichments ORDER BY doc_id"
        ).df()
    finally:
        con.close()


def test_dask_enrichment_matches_sequential(tmp_path: Path) -> None:
    from flows.pipeline_flows import enrich_flow_with

    manifest = generate_demo(tmp_path / "data", seed=11, scale=0.03)
    data = Path(manifest.reviews_path).parent
    seq = _ingest(tmp_path / "seq", data)
    steps.enrich(seq, NOW)  # also fits the topic model
    par = _ingest(tmp_path / "par", data)
    # Same topic model for both: copy the registry entry and artifact from the sequential DB.
    con_s = store.connect(seq.db, read_only=True)
    topics_row = store.active_model(con_s, "topics")
    topics = con_s.execute("SELECT * FROM topics").df()
    con_s.close()
    con_p = store.connect(par.db)
    steps.ensure_default_models(con_p, NOW)
    store.register_model(
        con_p, model_id=topics_row["model_id"], task="topics", version=topics_row["version"],
        created_at=NOW, data_hash=None, metrics={}, artifact_path=topics_row["artifact_path"],
        status="active",
    )  # fmt: skip
    con_p.register("_t", topics)
    con_p.execute("INSERT INTO topics SELECT * FROM _t")
    con_p.close()

    stats = enrich_flow_with("dask")(db=str(par.db), now=NOW)
    assert stats["enriched"] > 0
    a, b = _rows(seq), _rows(par)
    assert len(a) == len(b) > 0
    pd.testing.assert_frame_equal(a[COLUMNS], b[COLUMNS])


def test_overlapping_writers_are_serialised(tmp_path: Path) -> None:
    manifest = generate_demo(tmp_path / "data", seed=12, scale=0.03)
    db = tmp_path / "voc.duckdb"
    cmds = [
        [sys.executable, "-m", "voc", "ingest", kind, str(path), "--db", str(db)]
        for kind, path in (("reviews", manifest.reviews_path), ("tickets", manifest.tickets_path),
                           ("social", manifest.social_path))
    ]  # fmt: skip
    procs = [
        subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for c in cmds
    ]
    outputs = [p.communicate(timeout=300)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], outputs
    con = store.connect(db, read_only=True)
    try:
        kinds = dict(con.execute("SELECT kind, count(*) FROM documents GROUP BY kind").fetchall())
        runs = con.execute(
            "SELECT count(*) FROM runs WHERE flow = 'ingest' AND status = 'ok'"
        ).fetchone()
    finally:
        con.close()
    assert set(kinds) == {"reviews", "tickets", "social"}
    assert runs == (3,)
