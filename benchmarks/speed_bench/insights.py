"""1 M documents: an enriched demo database grown with synthetic rows; ``weekly_insights`` on it."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from .common import Row, log, timed


def build_big(small_db: Path, big_db: Path, n: int) -> float:
    """Copy a real enriched database and add ``n`` synthetic documents with enrichments."""
    from pipelines import store

    shutil.copy2(small_db, big_db)
    models_dir = small_db.with_name(f"{small_db.stem}_models")
    if models_dir.exists():
        shutil.copytree(models_dir, big_db.with_name(f"{big_db.stem}_models"), dirs_exist_ok=True)
    con = store.connect(big_db)
    start = time.perf_counter()
    try:
        sent = store.active_model(con, "sentiment")
        top = store.active_model(con, "topics")
        assert sent and top
        topics = [r[0] for r in con.execute(
            "SELECT topic_id FROM topics WHERE topic_model = ? ORDER BY 1", [top["model_id"]]
        ).fetchall()] or [0]  # fmt: skip
        cats = [
            r[0] for r in con.execute("SELECT category_id FROM taxonomy ORDER BY 1").fetchall()
        ] or ["altro"]
        params = [n, list(topics), list(cats), str(sent["model_id"]), str(top["model_id"])]
        with store.transaction(con):
            con.execute(
                "INSERT INTO documents (doc_id, kind, source_id, channel, customer_id, created_at,"
                " title, text, text_hash, rating, language, is_duplicate, redacted, source_file,"
                " source_row, ingest_run_id, ingested_at)"
                " SELECT 'syn:' || i, ['reviews','tickets','social'][1 + i % 3], 's' || i,"
                " ['google','trustpilot','email','web','twitter','facebook'][1 + i % 6],"
                " 'C' || (i % 150000), TIMESTAMP '2025-11-03' + INTERVAL (i % 364) DAY"
                "   + INTERVAL (i % 86400) SECOND, NULL,"
                " 'Testo sintetico ' || i || ' sulla bolletta e il servizio clienti',"
                " sha256('Testo sintetico ' || i || ' sulla bolletta e il servizio clienti'),"
                " CASE WHEN i % 3 = 0 THEN 1 + i % 5 END, 'it', FALSE, TRUE, 'syn.csv', i,"
                " 'bench', TIMESTAMP '2026-11-01' FROM range(?) t(i)",
                [n],
            )
            con.execute(
                "INSERT INTO enrichments (doc_id, text_hash, sentiment_label, sentiment_score,"
                " p_negativo, p_neutro, p_positivo, topic_id, topic_similarity, category_id,"
                " churn_intent, churn_cues, escalation, escalation_cues, sentiment_model,"
                " topic_model, run_id, enriched_at)"
                " SELECT doc_id, text_hash, ['negativo','neutro','positivo'][(1 + hash(doc_id) % 3)::BIGINT],"
                " (hash(doc_id) % 200) / 100.0 - 1, 0.3, 0.3, 0.4,"
                " ($2::INTEGER[])[(1 + hash(doc_id) % len($2))::BIGINT], 0.5,"
                " ($3::VARCHAR[])[(1 + hash(doc_id) % len($3))::BIGINT], hash(doc_id) % 40 = 0, [],"
                " FALSE, [], $4, $5, 'bench', TIMESTAMP '2026-11-01'"
                " FROM documents WHERE doc_id LIKE 'syn:%' AND $1 > 0",
                params,
            )
            con.execute(
                "INSERT INTO doc_topics (doc_id, topic_id, category_id, n_sentences,"
                " sentiment_score, sentiment_label, topic_model)"
                " SELECT doc_id, topic_id, category_id, 1, sentiment_score, sentiment_label,"
                " topic_model FROM enrichments WHERE doc_id LIKE 'syn:%'"
            )
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return time.perf_counter() - start


def _median_time(fn: Callable[[], Any], repeats: int = 3) -> float:
    return float(np.median([timed(fn)[0] for _ in range(repeats)]))


def bench_insights(big_db: Path, n: int) -> list[Row]:
    from pipelines import store
    from pipelines.steps.report import read_insights as weekly_insights

    con = store.connect(big_db, read_only=True)
    try:
        total = con.execute("SELECT count(*) FROM documents").fetchone()[0]  # type: ignore[index]
        weekly_insights(con, None)  # warm the file cache
        insights_s = _median_time(lambda: weekly_insights(con, None))
        scan_s = _median_time(lambda: con.execute(
            "SELECT date_trunc('week', created_at) AS w, count(*), avg(rating)"
            " FROM documents GROUP BY 1"
        ).fetchall())  # fmt: skip
        overview_s = _median_time(
            lambda: con.execute("SELECT count(*) FROM v_weekly_overview").fetchall()
        )
        topics_s = _median_time(
            lambda: con.execute("SELECT count(*) FROM v_weekly_topics").fetchall()
        )
    finally:
        con.close()
    log(f"insights: {insights_s:.2f} s on {total:,} documents (bare scan {scan_s:.2f} s)")
    return [
        {"measure": f"insights: weekly_insights on {total:,} documents",
         "value": f"{insights_s:.2f} s", "baseline": f"bare weekly GROUP BY scan {scan_s:.2f} s",
         "ratio": f"{insights_s / scan_s:.1f}×", "target": "(interactive: a few s)",
         "ok": insights_s < 10,
         "note": f"full views: v_weekly_overview {overview_s:.2f} s, v_weekly_topics {topics_s:.2f} s"},
    ]  # fmt: skip
