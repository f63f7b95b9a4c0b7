"""The bad-input corpus (tests/data/bad): every row is stored or quarantined, nothing crashes.

Each file goes through the real ingest compute (``prepare_file``: read, validate, normalise,
redact, dedup) and the real storage write into a temporary DuckDB file; no model runs. The
expected outcome of every row is in ``tests/data/bad/manifest.yaml`` (written by hand in
``_generate.py``), and is checked against what the database holds after the write, so odd
strings are also checked for a clean round trip through DuckDB.
"""

from __future__ import annotations

import csv
import json
import math
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest
import yaml

from pipelines import store
from pipelines.errors import VocError
from pipelines.ingest.prepare import PreparedBatch, prepare_file

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"
MANIFEST: dict[str, Any] = yaml.safe_load((BAD / "manifest.yaml").read_text(encoding="utf-8"))
NOW = datetime.fromisoformat(MANIFEST["now"])
FILES: list[dict[str, Any]] = MANIFEST["files"]
CORE_TABLES = ("documents", "ticket_comments", "quarantine", "runs", "enrichments", "models")


def _store(con: duckdb.DuckDBPyConnection, batch: PreparedBatch, run_id: str) -> dict[str, int]:
    """What ``steps.ingest_file`` does around ``prepare_file``, minus the run bookkeeping."""
    docs = batch.documents.assign(ingest_run_id=run_id, ingested_at=NOW, redacted=True)
    quarantine = batch.quarantine.assign(run_id=run_id, quarantined_at=NOW)
    return store.write_batch(con, docs, batch.comments, quarantine)


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = store.connect(tmp_path_factory.mktemp("bad") / "bad.duckdb")
    yield connection
    connection.close()


def test_corpus_is_big_and_covers_every_nasty_kind() -> None:
    assert len(FILES) >= 60
    names = {f["file"] for f in FILES}
    assert names == {
        p.name for p in BAD.iterdir() if p.name not in {"manifest.yaml", "_generate.py"}
    }
    whats = " ".join(f["what"].lower() for f in FILES)
    for needle in ("cp1252", "latin-1", "utf-16", "crlf", "delimiter", "quote", "cut", "column",
                   "date", "future", "rating", "empty", "emoji", "html", "sql injection", "nul",
                   "right-to-left", "languages", "id three times"):  # fmt: skip
        assert needle in whats, needle


def _missing(value: Any) -> bool:
    # pandas 3 reads SQL NULL in a string column as NaN.
    return value is None or (isinstance(value, float) and math.isnan(value))


def _check_row(row: pd.Series, want: dict[str, Any], where: str) -> None:
    text = row["text"]
    if "text" in want:
        assert text == want["text"], where
    for part in want.get("text_has", []):
        assert part in text, f"{where}: {part!r} missing from {text[:200]!r}"
    for part in want.get("text_lacks", []):
        assert part not in text, f"{where}: {part!r} still in {text[:200]!r}"
    if "text_len" in want:
        assert len(text) == want["text_len"], where
    if "rating" in want:
        got = row["rating"]
        if want["rating"] is None:
            assert got is None or (isinstance(got, float) and math.isnan(got)), where
        else:
            assert got == pytest.approx(want["rating"]), where
    if "created_at" in want:
        assert str(pd.Timestamp(row["created_at"])) == want["created_at"], where
    if "language" in want:
        assert row["language"] == want["language"], f"{where}: {row['language']}"
    if "language_not" in want:
        assert row["language"] != want["language_not"], where
    for repair in want.get("repairs", []):
        assert repair in list(row["repairs"]), f"{where}: {list(row['repairs'])}"
    for col in ("status", "channel", "source_id"):
        if col in want:
            got = None if _missing(row[col]) else row[col]
            assert got == want[col], f"{where}: {col}={got!r}"
    if "customer_id_prefix" in want:
        assert str(row["customer_id"]).startswith(want["customer_id_prefix"]), where


@pytest.mark.parametrize("entry", FILES, ids=[f["file"] for f in FILES])
def test_bad_file(entry: dict[str, Any], con: duckdb.DuckDBPyConnection) -> None:
    path = BAD / entry["file"]
    if "error" in entry:
        with pytest.raises(VocError) as info:
            prepare_file(path, entry["kind"], now=NOW)
        message = str(info.value)
        assert "\n" not in message and len(message) < 400
        assert entry["error"] in message, message
        assert entry["file"] in message, message  # the error names the file
        return

    batch = prepare_file(path, entry["kind"], now=NOW)
    stats = batch.stats
    assert stats["rows_read"] == (
        len(batch.documents) + stats["quarantined"] + stats["identical_duplicates"]
    )
    _store(con, batch, f"run-{entry['file']}")

    expected: dict[int, dict[str, Any]] = {int(k): v for k, v in entry["rows"].items()}
    docs = con.execute(
        "SELECT * FROM documents WHERE source_file = ? ORDER BY source_row", [entry["file"]]
    ).df()
    quarantine = con.execute(
        "SELECT source_row, field, reason, raw FROM quarantine WHERE source_file = ?"
        " ORDER BY source_row",
        [entry["file"]],
    ).df()
    stored_rows = set(docs["source_row"].astype(int))
    q_rows = set(quarantine["source_row"].astype(int))
    assert not stored_rows & q_rows, "a row is both stored and quarantined"
    want_stored = {r for r, w in expected.items() if w["outcome"] == "stored"}
    want_q = {r for r, w in expected.items() if w["outcome"] == "quarantined"}
    want_collapsed = {r for r, w in expected.items() if w["outcome"] == "collapsed"}
    assert stored_rows == want_stored, f"stored {sorted(stored_rows)}"
    assert q_rows == want_q, f"quarantined {sorted(q_rows)}: {quarantine['reason'].tolist()}"
    assert stats["identical_duplicates"] == len(want_collapsed)
    assert stats["rows_read"] == len(expected)

    by_row = docs.set_index(docs["source_row"].astype(int))
    for r in sorted(want_stored):
        _check_row(by_row.loc[r], expected[r], f"{entry['file']} row {r}")
    reasons = dict(zip(quarantine["source_row"].astype(int), quarantine["reason"], strict=True))
    for r in sorted(want_q):
        assert expected[r]["reason"] in reasons[r], f"row {r}: {reasons[r]!r}"
        assert reasons[r].strip(), "empty reason"
    for raw in quarantine["raw"]:
        json.loads(raw)  # always valid JSON, even for unreadable rows


def test_injection_strings_are_stored_verbatim_and_harmless(tmp_path: Path) -> None:
    con = store.connect(tmp_path / "inj.duckdb")
    try:
        before = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in CORE_TABLES}
        for name in ("b50_sql_injection.csv", "b51_sql_injection_tickets.json",
                     "b60_formula_injection.csv", "b69_prompt_and_paths.csv"):  # fmt: skip
            kind = "tickets" if name.endswith(".json") else "reviews"
            batch = prepare_file(BAD / name, kind, now=NOW)
            first = _store(con, batch, "run-1")
            again = _store(con, batch, "run-2")
            assert first["inserted"] == len(batch.documents) > 0
            assert again["inserted"] == again["updated"] == 0
        texts = set(con.execute("SELECT text FROM documents").df()["text"])
        for injection in MANIFEST["injections"]:
            assert injection in texts
        titles = set(con.execute("SELECT title FROM documents").df()["title"])
        assert "'; DROP TABLE quarantine; --" in titles
        ids = set(con.execute("SELECT source_id FROM documents").df()["source_id"])
        assert "b50-1'); DROP TABLE documents;--" in ids
        assert "b51-1'; DROP TABLE ticket_comments; --" in ids
        comments = con.execute("SELECT text FROM ticket_comments").df()["text"].tolist()
        assert "'; DELETE FROM models; --" in comments
        # Every table is still there, nothing else was touched.
        after = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in CORE_TABLES}
        assert after["enrichments"] == before["enrichments"] == 0
        assert after["models"] == before["models"]
        assert after["documents"] == 8 + 1 + 5 + 4
        assert con.execute("SELECT count(*) FROM documents WHERE text = 'pwned'").fetchone()[0] == 0
        assert not Path("/tmp/leak.csv").exists() and not Path("/tmp/evil.duckdb").exists()
    finally:
        con.close()


def _big_text(size: int) -> str:
    # Italian-looking words with digits, capitals and punctuation: exercises every redaction
    # regex on a long input (a quadratic pattern would show up here as a timeout).
    unit = (
        "Buongiorno, il servizio clienti non risponde da 3 giorni e la fattura n. 12345 è "
        "sbagliata. Via Roma è chiusa, chiamo il numero verde ma nessuno. Cordiali saluti\n"
    )
    return (unit * (size // len(unit) + 1))[:size]


def test_five_megabyte_text_is_stored_quickly(tmp_path: Path) -> None:
    text = _big_text(5 * 1024 * 1024)
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "created_at", "text", "rating"])
        writer.writerow(["big-1", "2025-03-03", text, "4"])
        writer.writerow(["big-2", "2025-03-03", "Piccola recensione accanto", "5"])
    assert path.stat().st_size > 5_000_000
    start = time.perf_counter()
    batch = prepare_file(path, "reviews", now=NOW)
    elapsed = time.perf_counter() - start
    assert len(batch.documents) == 2 and batch.quarantine.empty
    stored = batch.documents.set_index("source_id").loc["big-1", "text"]
    assert len(stored) > 4_000_000  # kept (not silently truncated to nothing)
    assert elapsed < 60, f"5 MB text took {elapsed:.1f} s"
    con = store.connect(tmp_path / "big.duckdb")
    try:
        _store(con, batch, "run-big")
        got = con.execute("SELECT length(text) FROM documents WHERE source_id = 'big-1'").fetchone()
        assert got is not None and got[0] == len(stored)
    finally:
        con.close()
