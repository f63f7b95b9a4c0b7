"""Ingest: the bulk storage write vs row-by-row ``INSERT``s, and the whole ingest step in rows/s."""

from __future__ import annotations

import time
from pathlib import Path

from .common import NOW, Row, bench_settings, log, timed


def bench_ingest(work: Path, scale: float) -> list[Row]:
    from pipelines import steps, store
    from pipelines.demo.generate import generate_demo
    from pipelines.ingest.prepare import prepare_file

    log(f"ingest: generating demo exports (scale {scale})")
    manifest = generate_demo(work / "ingest_data", seed=11, scale=scale)
    files = [("reviews", manifest.reviews_path), ("tickets", manifest.tickets_path),
             ("social", manifest.social_path)]  # fmt: skip
    db = work / "ingest.duckdb"
    settings = bench_settings(db)
    steps.init_db(settings, NOW)
    prepare_file(files[0][1], "reviews", now=NOW)  # warm-up: lazy imports, GE context, langid
    total_rows, total_s = 0, 0.0
    cpu_start = time.process_time()
    for kind, path in files:
        seconds, result = timed(lambda k=kind, p=path: steps.ingest_file(settings, k, p, now=NOW))
        total_rows += result.rows
        total_s += seconds
    total_cpu = time.process_time() - cpu_start
    log(f"ingest: {total_rows} rows in {total_s:.1f} s")
    # The same files with redaction off (redact_pii = false), into a fresh database: what the
    # personal-data scrubbing costs, the largest per-row stage.
    plain = bench_settings(work / "ingest_plain.duckdb", redact_pii=False)
    steps.init_db(plain, NOW)
    plain_s = sum(
        timed(lambda k=kind, p=path: steps.ingest_file(plain, k, p, now=NOW))[0]
        for kind, path in files
    )
    log(f"ingest, redaction off: {total_rows} rows in {plain_s:.1f} s")

    # Storage write alone: the prepared documents of the reviews file, replicated to 100 k rows.
    batch = prepare_file(manifest.reviews_path, "reviews", now=NOW)
    docs = batch.documents.assign(ingest_run_id="bench", ingested_at=NOW, redacted=True)
    reps = max(1, 100_000 // max(1, len(docs)))
    import pandas as pd

    big = pd.concat(
        [docs.assign(doc_id=docs["doc_id"] + f"#{i}") for i in range(reps)], ignore_index=True
    )
    empty_comments = batch.comments.iloc[0:0]
    empty_q = batch.quarantine.iloc[0:0].assign(run_id=None, quarantined_at=None)
    con = store.connect(work / "write.duckdb")
    try:
        bulk_s, _ = timed(lambda: store.write_batch(con, big, empty_comments, empty_q))
        bulk_rate = len(big) / bulk_s
        # Baseline: the same columns, one INSERT statement per row (in one transaction, its
        # best case), on the first rows of the same frame.
        n_slow = 2000
        slow = big.iloc[:n_slow].copy()
        slow["doc_id"] = slow["doc_id"] + "-slow"
        cols = list(store.DOCUMENT_COLUMNS)
        records = [tuple(None if (isinstance(v, float) and v != v) else v for v in r)
                   for r in slow[cols].itertuples(index=False, name=None)]  # fmt: skip
        sql = f"INSERT INTO documents ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})"

        def row_by_row() -> None:
            con.execute("BEGIN TRANSACTION")
            for rec in records:
                con.execute(sql, list(rec))
            con.execute("COMMIT")

        slow_s, _ = timed(row_by_row)
        slow_rate = n_slow / slow_s
    finally:
        con.close()
    log(f"storage write: bulk {bulk_rate:,.0f} rows/s, row-by-row {slow_rate:,.0f} rows/s")
    return [
        {"measure": "ingest: storage write (bulk upsert)", "value": f"{bulk_rate:,.0f} rows/s",
         "baseline": f"row-by-row INSERT {slow_rate:,.0f} rows/s",
         "ratio": f"{bulk_rate / slow_rate:,.0f}×",
         "target": "≥ 50,000 rows/s and ≥ 100×",
         "ok": bulk_rate >= 50_000 and bulk_rate / slow_rate >= 100},
        {"measure": "ingest: whole step (read→validate→normalise→redact→dedup→store)",
         "value": f"{total_rows / total_s:,.0f} rows/s",
         "baseline": f"storage write alone {bulk_rate:,.0f} rows/s",
         "ratio": f"{(total_rows / total_s) / bulk_rate:.3f}×",
         "target": "–", "ok": None,
         "note": f"{total_rows} demo rows, warm process; {total_rows / total_cpu:,.0f} rows per"
                 " CPU-second (what one idle core would do). Context, not the target: the"
                 " 50,000 rows/s target is set against a row-by-row INSERT, i.e. the storage"
                 " write above; this row adds the per-row Python text work (normalising,"
                 " redaction, language id, near-duplicate shingles), still ~100x faster than"
                 " enrichment"},
        {"measure": "ingest: whole step, redaction off (redact_pii = false)",
         "value": f"{total_rows / plain_s:,.0f} rows/s",
         "baseline": f"redaction on {total_rows / total_s:,.0f} rows/s",
         "ratio": f"{total_s / plain_s:.2f}×", "target": "–", "ok": None,
         "note": "same files; the difference is what redaction costs"},
    ]  # fmt: skip
