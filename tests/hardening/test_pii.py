"""Personal data: recall per type on the PII corpus, and nothing of it in the DB, logs, report or
exports after a full ingest → enrich → detection → report → export run with redaction on.

The corpus (tests/data/pii/corpus.yaml) and the scoring rules live in benchmarks/pii.py, which
also prints the recall table. Model work uses the fast hashing embedder of tests/conftest.py.
"""

from __future__ import annotations

import csv
import html as htmllib
import importlib.util
import json
import logging
import re
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from pipelines import steps, store
from pipelines.config import load_settings
from pipelines.steps import embed as embed_step

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("bench_pii", ROOT / "benchmarks" / "pii.py")
assert _spec is not None and _spec.loader is not None
bench = importlib.util.module_from_spec(_spec)
sys.modules["bench_pii"] = bench  # dataclasses look the module up
_spec.loader.exec_module(bench)

NOW = datetime(2025, 4, 7, 7, 0)
# Minimum recall per type on the corpus (measured: see `python benchmarks/pii.py`). The corpus
# has deliberately hard cases (lower-case surnames, spaced codice fiscale, "[at]" e-mails,
# handles, abbreviated signatures); all are caught today, so any regression fails here.
MIN_RECALL = {
    "EMAIL": 1.0,
    "TELEFONO": 1.0,
    "IBAN": 1.0,
    "CODICE_FISCALE": 1.0,
    "PARTITA_IVA": 1.0,
    "CARTA": 1.0,
    "INDIRIZZO": 1.0,
    "NOME": 1.0,
    "CARTA_IDENTITA": 1.0,
    "PATENTE": 1.0,
    "PASSAPORTO": 1.0,
    "TESSERA_SANITARIA": 1.0,
}
SECRET = "xoxb-SEGRETO-4242-not-for-logs"
# Columns that hold hashes or run metadata, not text: digit windows there are noise.
SKIP_COLUMNS = {
    "text_hash",
    "sha256",
    "digest",
    "params",
    "stats",
    "metrics",
    "artifact_path",
    "vector",
    "run_id",
    "ingest_run_id",
}


def test_recall_per_type_meets_thresholds() -> None:
    result = bench.evaluate()
    corpus = bench.load_corpus()
    assert len(corpus["items"]) >= 100
    for kind in bench.TYPES:
        assert result.total[kind] >= 7, kind
        assert result.recall(kind) >= MIN_RECALL[kind], (kind, result.recall(kind), result.misses)
    assert result.overall >= 0.93
    assert result.control_damage == []  # order numbers, amounts and dates are kept


def test_scoring_rules_detect_a_leak() -> None:
    # The scorer itself must be able to fail: unredacted text leaks every type.
    for item in bench.load_corpus()["items"]:
        for pii in item["pii"]:
            assert bench.survives(pii, item["text"]), pii


# --------------------------------------------------------------------------- end to end


def _write_inputs(folder: Path, items: list[dict[str, Any]]) -> dict[str, Path]:
    """Spread the corpus over reviews (text and title), tickets (customer and agent comments),
    social posts and one quarantined row of each kind."""
    folder.mkdir()
    reviews = folder / "reviews.csv"
    with reviews.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "created_at", "text", "title", "rating", "channel", "customer_id"])
        for i, item in enumerate(items[0::3]):
            title = items[(i * 7) % len(items)]["text"][:80] if i % 4 == 0 else ""
            writer.writerow([f"R{i}", f"2025-03-{1 + i % 28:02d}", item["text"], title, 1 + i % 5,
                             "google", "mario.rossi@gmail.com" if i == 0 else f"C{i}"])  # fmt: skip
        # A future date: quarantined, with its (redacted) raw row kept for inspection.
        writer.writerow(["RQ", "2031-01-01", items[0]["text"], "", 3, "google", "C-q"])
    tickets = folder / "tickets.json"
    records = []
    for i, item in enumerate(items[1::3]):
        agent = items[(i * 5 + 2) % len(items)]["text"]
        records.append({
            "id": f"T{i}", "requester_id": f"U{i}", "status": "open",
            "created_at": f"2025-03-{1 + i % 28:02d}T09:00:00Z", "subject": "Richiesta",
            "channel": "email",
            "comments": [
                {"id": 1, "author_role": "customer", "body": item["text"]},
                {"id": 2, "author_role": "agent", "body": f"Gentile cliente, ecco. {agent}"},
            ],
        })  # fmt: skip
    records.append({"id": "TQ", "status": "open", "created_at": "ieri", "subject": "x",
                    "comments": [{"author_role": "customer", "body": items[1]["text"]}]})  # fmt: skip
    tickets.write_text(json.dumps({"tickets": records}, ensure_ascii=False), encoding="utf-8")
    social = folder / "social.jsonl"
    lines = [
        json.dumps({"id": f"S{i}", "platform": "twitter", "author_id": f"@u{i}",
                    "created_at": f"2025-03-{1 + i % 28:02d}T18:00:00Z", "text": item["text"]},
                   ensure_ascii=False)
        for i, item in enumerate(items[2::3])
    ]  # fmt: skip
    cut = next(i["text"] for i in items if i["text"].startswith("Richiamatemi al 333"))
    lines.append('{"id": "SQ", "created_at": "2025-03-01", "text": "' + cut[:30])
    social.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {"reviews": reviews, "tickets": tickets, "social": social}


def _db_text(db: Path, skip: set[str] = SKIP_COLUMNS) -> dict[str, str]:
    """Every text-like column of every table, one string per table."""
    con = store.connect(db, read_only=True)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE NOT internal"
        ).fetchall()]  # fmt: skip
        out: dict[str, str] = {}
        for table in tables:
            cols = [
                name
                for name, dtype in con.execute(
                    "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = ?",
                    [table],
                ).fetchall()
                if ("VARCHAR" in dtype or "JSON" in dtype) and name not in skip
            ]
            if not cols:
                continue
            select = ", ".join(f'CAST("{c}" AS VARCHAR)' for c in cols)
            rows = con.execute(f'SELECT {select} FROM "{table}"').fetchall()
            out[table] = "\n|\n".join(str(v) for row in rows for v in row if v is not None)
        return out
    finally:
        con.close()


def _visible_text(html: str) -> str:
    """What a reader of the report sees: no scripts, styles, SVG paths or tag attributes."""
    html = re.sub(r"(?is)<(script|style|svg)\b.*?</\1>", " ", html)
    return htmllib.unescape(re.sub(r"<[^>]+>", " ", html))


def _string_cells(frame: pd.DataFrame) -> str:
    cols = [c for c in frame.columns if c not in SKIP_COLUMNS and frame[c].dtype.kind in "OSUT"]
    return "\n|\n".join(str(v) for c in cols for v in frame[c].dropna())


def test_no_pii_survives_anywhere(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
    hash_embedder: Any,
) -> None:
    import models.embeddings
    from pipelines.steps.detect import run_detection
    from pipelines.steps.report import build_report
    from pipelines.store.export import export_views

    monkeypatch.setattr(embed_step, "make_embedder", lambda *a, **k: hash_embedder)
    monkeypatch.setattr(models.embeddings, "make_embedder", lambda *a, **k: hash_embedder)
    caplog.set_level(logging.DEBUG)
    corpus = bench.load_corpus()
    result = bench.evaluate(corpus)
    # A value the redactor is known to miss (see MIN_RECALL) leaks by design; so does any other
    # value sharing its digits or words (the same card written with dots), so skip those.
    exposed = "\n".join(redacted for _kind, _value, redacted in result.misses)
    planted = [
        pii for item in corpus["items"] for pii in item["pii"] if not bench.survives(pii, exposed)
    ]
    assert len(planted) >= 100
    inputs = _write_inputs(tmp_path / "in", corpus["items"])
    settings = load_settings(
        env={
            "VOC_CONFIG": str(tmp_path / "none.toml"),
            # Secrets in the configuration must not reach the database or the logs either.
            "VOC_NOTIFY_URLS": f"json://hooks.example.invalid/services/{SECRET} "
            f"mailtos://user:{SECRET}@mail.example.invalid",
        },
        db=tmp_path / "voc.duckdb",
        topic_min_cluster_size=3,
    )
    steps.init_db(settings, NOW)
    for kind, path in inputs.items():
        res = steps.ingest_file(settings, kind, path, now=NOW)
        assert res.inserted > 0 and res.quarantined >= 1
    steps.enrich(settings, NOW)
    run_detection(settings, None, NOW, notify=False)
    con = store.connect(settings.db, read_only=True)
    try:
        html = build_report(con, None, NOW)
        export_views(con, tmp_path / "export", "parquet")
    finally:
        con.close()
    from pipelines.report import charts

    sinks = _db_text(settings.db)
    assert {"documents", "ticket_comments", "quarantine"} <= set(sinks)
    assert "[EMAIL]" in sinks["documents"] and "[NOME]" in sinks["ticket_comments"]
    sinks["report"] = _visible_text(html.replace(charts.plotly_js(), ""))
    sinks["exports"] = "\n".join(
        _string_cells(pd.read_parquet(folder))
        for folder in sorted((tmp_path / "export").iterdir())
        if folder.is_dir() and not folder.name.startswith(".")
    )
    captured = capsys.readouterr()
    sinks["logs"] = "\n".join(r.getMessage() for r in caplog.records)
    sinks["stdout"] = captured.out + captured.err
    assert sinks["exports"], "nothing exported"

    leaks = [
        (sink, pii["type"], pii["value"])
        for sink, text in sinks.items()
        for pii in planted
        if bench.survives(pii, text)
    ]
    assert leaks == [], sorted(set(leaks))[:60]
    everything = {
        **sinks,
        **{f"{t} (all columns)": v for t, v in _db_text(settings.db, set()).items()},
    }
    assert [sink for sink, text in everything.items() if SECRET in text] == []
