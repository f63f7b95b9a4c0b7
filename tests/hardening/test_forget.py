"""GDPR erasure: after ``voc forget`` nothing of the customer is left in any table, the raw
bytes of the database file, the topic model files, kept staging batches or the BI export, and
the rest of the data is untouched.

The database is built once by the real pipeline (ingest of reviews and tickets with a
quarantined row and a repost by another customer, churn outcomes, enrichment with a topic fit,
detection, export) and copied for each test. Model work uses the fast hashing embedder.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest
from typer.testing import CliRunner

from pipelines.config import Settings, load_settings
from pipelines.ingest.redact_records import pseudonymise
from pipelines.steps.bi import publish_bi
from pipelines.steps.forget import customer_hash, forget_customer, quote_is_from
from pipelines.store import BI_VIEWS
from voc.cli import app

NOW = datetime(2026, 3, 9, 7, 0)
EMAIL = "giulia.forget@example.it"
HASHED = pseudonymise(EMAIL)
# The customer's texts: each one names the "Zefiro" lamp, which no other customer writes about
# except C099, who reposted the first review word for word.
REVIEWS = [
    "Il lampadario smart Zefiro si spegne da solo ogni sera, assistenza inesistente e "
    "rimborso negato da tre settimane ormai.",
    "Seconda volta che il lampadario Zefiro mi lascia al buio, nessuno risponde alle email e la "
    "garanzia non vale nulla.",
    "Buongiorno, sono Giulia Bertolazzi: la app del lampadario Zefiro chiede un aggiornamento "
    "che fallisce sempre.",
]
TICKET = (
    "Il lampadario Zefiro numero {i} non si accende più dopo l'aggiornamento, voglio il rimborso."
)
BANK = [
    "La consegna è arrivata in ritardo di una settimana, pacco rovinato e nessuna scusa.",
    "Bolletta doppia anche questo mese, addebito non autorizzato sul conto corrente.",
    "Operatore gentile e competente, problema risolto in pochi minuti.",
    "L'app si blocca appena apro il profilo, impossibile pagare la fattura.",
    "Fibra lenta la sera, velocità dimezzata rispetto al contratto firmato.",
]


def _write_inputs(folder: Path) -> None:
    rows = [
        [f"RT{i}", (NOW - timedelta(days=20 - 3 * i)).isoformat(), text, "", 1, "google", EMAIL]
        for i, text in enumerate(REVIEWS)
    ]
    rows.append(["RTQ", "2031-01-01", "Zefiro rotto, chiamatemi al 347 123 4567", "", 1,
                 "google", EMAIL])  # fmt: skip
    rows += [
        [f"R{i}", (NOW - timedelta(days=1 + i % 60)).isoformat(), f"{BANK[i % 5]} Caso {i}.", "",
         1 + i % 5, "trustpilot", f"C{i % 20:03d}"]
        for i in range(60)
    ]  # fmt: skip
    rows.append(
        ["RDUP", (NOW - timedelta(days=2)).isoformat(), REVIEWS[0], "", 1, "google", "C099"]
    )
    with (folder / "reviews.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "created_at", "text", "title", "rating", "channel", "customer_id"])
        writer.writerows(rows)
    tickets = [
        {"id": f"TT{i}", "requester_id": EMAIL, "status": "open",
         "created_at": f"{(NOW - timedelta(days=5 + i)).isoformat()}Z",
         "subject": "Lampadario Zefiro guasto",
         "comments": [
             {"id": "1", "author_role": "customer", "body": TICKET.format(i=i)},
             {"id": "2", "author_role": "agent", "body": "Gentile Giulia, verifichiamo subito."},
         ]}
        for i in range(2)
    ] + [
        {"id": f"T{i}", "requester_id": f"C{i:03d}", "status": "open",
         "created_at": f"{(NOW - timedelta(days=3 + i)).isoformat()}Z", "subject": "Bolletta",
         "comments": [{"id": "1", "author_role": "customer", "body": f"{BANK[i % 5]} Ticket {i}."}]}
        for i in range(10)
    ]  # fmt: skip
    (folder / "tickets.json").write_text(json.dumps({"tickets": tickets}), encoding="utf-8")
    (folder / "outcomes.csv").write_text(
        f"customer_id,churned_at\n{EMAIL},2026-03-01\nC001,2026-02-20\n", encoding="utf-8"
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database built by the real pipeline, with its export and topic model file."""
    import models.embeddings
    from pipelines import steps
    from pipelines.steps import embed as steps_embed
    from pipelines.steps.detect import ingest_churn_outcomes, run_detection
    from tests.conftest import HashEmbedder

    folder = tmp_path_factory.mktemp("forget")
    _write_inputs(folder)
    embedder = HashEmbedder()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(steps_embed, "make_embedder", lambda *a, **k: embedder)
        mp.setattr(models.embeddings, "make_embedder", lambda *a, **k: embedder)
        settings = _settings(folder)
        steps.init_db(settings, NOW)
        steps.ingest_file(settings, "reviews", folder / "reviews.csv", now=NOW)
        steps.ingest_file(settings, "tickets", folder / "tickets.json", now=NOW)
        ingest_churn_outcomes(settings, folder / "outcomes.csv", NOW)
        steps.enrich(settings, NOW)
        run_detection(settings, None, NOW, notify=False)
    con = duckdb.connect(str(settings.db))
    try:
        # An alert quoting the customer and another customer (detection on a hashing embedder
        # raises none by itself): only the customer's quote may go.
        con.execute(
            "INSERT INTO alerts (alert_id, iso_week, first_seen_week, status, scope, series_key,"
            " quotes) VALUES ('topic:9:2026-W10', '2026-W10', '2026-W10', 'nuovo', 'topic', '9',"
            " [?, ?])",
            [TICKET.format(i=0)[:60] + "…", BANK[1]],
        )
    finally:
        con.close()
    steps.export_views(settings, folder / "export", "parquet")
    for name in ("reviews.csv", "tickets.json", "outcomes.csv"):
        (folder / name).unlink()  # the inputs are the customer's own files, not ours
    return folder


def _settings(folder: Path) -> Settings:
    return load_settings(
        env={"VOC_CONFIG": str(folder / "none.toml")}, db=folder / "voc.duckdb",
        topic_min_cluster_size=3, lock_wait_seconds=0,
    )  # fmt: skip


@pytest.fixture
def work(built: Path, tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "work"
    shutil.copytree(built, folder)
    # The registry holds absolute artifact paths: point the copy at its own model files.
    con = duckdb.connect(str(folder / "voc.duckdb"))
    try:
        con.execute(
            "UPDATE models SET artifact_path = replace(artifact_path, ?, ?)",
            [str(built), str(folder)],
        )
    finally:
        con.close()
    yield folder


def _tables(db: Path) -> dict[str, str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for (table,) in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE NOT internal"
        ).fetchall():
            cols = [c for (c,) in con.execute(
                "SELECT column_name FROM duckdb_columns() WHERE table_name = ?", [table]
            ).fetchall()]  # fmt: skip
            select = ", ".join(f'CAST("{c}" AS VARCHAR)' for c in cols)
            rows = con.execute(f'SELECT {select} FROM "{table}"').fetchall()
            out[table] = "\n".join("|".join(str(v) for v in r) for r in rows)
        return out
    finally:
        con.close()


def _rows(db: Path, sql: str) -> list[tuple[Any, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


# What identifies the customer: the id in both forms and phrases of their texts (whole phrases:
# topic keywords, statistics of a whole topic that the next refit recomputes, may hold a word or
# two of them). The repost of REVIEWS[0] belongs to C099 and stays.
TRACES = [EMAIL, str(HASHED), "numero 0 non si accende", "numero 1 non si accende",
          "mi lascia al buio", "aggiornamento che fallisce", "Zefiro rotto",
          "Lampadario Zefiro guasto"]  # fmt: skip


def _traces(text: str) -> list[str]:
    return [t for t in TRACES if t.lower() in text.lower()]


def test_forget_erases_a_customer_everywhere(work: Path) -> None:
    db, export = work / "voc.duckdb", work / "export"
    staged = work / "voc_staging"
    staged.mkdir()
    (staged / "kept.jsonl").write_text(
        json.dumps({"id": "RT9", "customer_id": HASHED, "text": "Zefiro rotto"}) + "\n"
        + json.dumps({"id": "R99", "customer_id": "C001", "text": "ok"}) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    # A table another migration could add (human labels): found by its doc_id column.
    con = duckdb.connect(str(db))
    try:
        con.execute("CREATE TABLE doc_labels (doc_id VARCHAR, label VARCHAR)")
        con.execute(
            "INSERT INTO doc_labels VALUES ('reviews:RT1', 'negativo'), ('reviews:R1', 'x')"
        )
    finally:
        con.close()
    # Before: the traces are everywhere, including the file's raw bytes (the checks can fail).
    before = _tables(db)
    assert _traces(before["documents"]) and _traces(before["topics"]) and _traces(before["alerts"])
    assert HASHED in before["churn_outcomes"] and HASHED in before["quarantine"]
    assert str(HASHED).encode() in db.read_bytes() and b"Zefiro numero" in db.read_bytes()
    models = list((work / "voc_models").glob("*.safetensors"))
    assert models and all(_traces(m.read_bytes().decode("utf-8", "replace")) for m in models)
    others = _rows(db, f"SELECT count(*) FROM documents WHERE customer_id <> '{HASHED}'")
    shared = _rows(db, "SELECT text_hash FROM documents WHERE doc_id = 'reviews:RDUP'")[0][0]

    # The BI database BI tools keep open has the customer too, until the erasure republishes it.
    catalog = publish_bi(_settings(work), NOW)["catalog"]
    snapshot = work / "voc_bi" / "current"
    bi_before = [pd.read_parquet(p) for p in snapshot.glob("*.parquet")]
    assert _traces("\n".join(f.astype(str).to_csv() for f in bi_before))

    # The id as a person types it: other case, stray spaces.
    result = forget_customer(
        _settings(work), " Giulia.Forget@Example.it", NOW, export_dirs=[export]
    )

    assert result.documents == 5  # three reviews, two tickets (the quarantined row is not one)
    assert result.removed["documents"] == 5 and result.removed["ticket_comments"] == 4
    assert result.removed["enrichments"] == 5 and result.removed["churn_outcomes"] == 1
    assert result.removed["quarantine"] == 1 and result.removed["embeddings"] > 0
    assert result.removed["staging"] == 1 and result.removed["doc_labels"] == 1
    assert result.quotes["alerts.quotes"] == 1 and result.quotes["topics.quotes"] >= 1
    assert any(k.startswith("file topics-") for k in result.quotes)
    assert result.released_duplicates == 1 and result.file_rewritten
    assert result.exports == [str(export), catalog]
    bi_after = [pd.read_parquet(p) for p in (work / "voc_bi").rglob("*.parquet")]
    assert (
        len(bi_after) == len(BI_VIEWS)
        and _traces("\n".join(f.astype(str).to_csv() for f in bi_after)) == []
    )
    assert not any("voc_bi.duckdb" in item for item in result.left)

    after = _tables(db)
    assert {t: _traces(text) for t, text in after.items() if _traces(text)} == {}
    assert any("parole chiave dei temi" in item for item in result.left)
    data = db.read_bytes()
    assert [t for t in TRACES if t.lower().encode() in data.lower()] == []
    for model in models:
        assert _traces(model.read_bytes().decode("utf-8", "replace")) == [], model.name
    frames = [pd.read_parquet(p) for p in export.rglob("*.parquet")]
    assert frames and _traces("\n".join(f.astype(str).to_csv() for f in frames)) == []
    assert _traces((staged / "kept.jsonl").read_text(encoding="utf-8")) == []
    assert "R99" in (staged / "kept.jsonl").read_text(encoding="utf-8")

    # Everyone else is untouched; the repost is an original again; its embedding stays.
    assert _rows(db, f"SELECT count(*) FROM documents WHERE customer_id <> '{HASHED}'") == others
    assert _rows(db, "SELECT is_duplicate, duplicate_of FROM documents WHERE doc_id = "
                     "'reviews:RDUP'") == [(False, None)]  # fmt: skip
    assert _rows(db, f"SELECT count(*) FROM embeddings WHERE text_hash = '{shared}'")[0][0] > 0
    assert _rows(db, "SELECT unnest(quotes) FROM alerts") == [(BANK[1],)]
    assert _rows(db, "SELECT doc_id FROM doc_labels") == [("reviews:R1",)]
    # The erasure is recorded, with the id hashed.
    runs = _rows(db, "SELECT params, stats FROM runs WHERE flow = 'forget'")
    assert len(runs) == 1 and customer_hash(EMAIL) in runs[0][0]
    assert EMAIL not in after["runs"].lower()


def test_dry_run_counts_and_changes_nothing(work: Path) -> None:
    db = work / "voc.duckdb"
    before = _tables(db)
    preview = forget_customer(_settings(work), EMAIL, NOW, dry_run=True)
    assert preview.dry_run and preview.documents == 5 and preview.removed["documents"] == 5
    assert not preview.file_rewritten and preview.run_id is None
    assert _tables(db) == before


def test_without_the_rewrite_the_rows_go_but_the_bytes_stay(work: Path) -> None:
    # Why the file is rewritten: DuckDB leaves deleted values in its free blocks.
    db = work / "voc.duckdb"
    inode = db.stat().st_ino
    result = forget_customer(_settings(work), EMAIL, NOW, rewrite=False)
    assert result.removed["documents"] == 5 and not result.file_rewritten
    assert any("--no-rewrite" in item for item in result.left)
    assert db.stat().st_ino == inode
    assert {t: _traces(text) for t, text in _tables(db).items() if _traces(text)} == {}
    assert b"numero 0 non si accende" in db.read_bytes()  # gone from every table, not the file


def test_unknown_customer_removes_nothing_but_is_recorded(work: Path) -> None:
    db = work / "voc.duckdb"
    inode = db.stat().st_ino
    result = forget_customer(_settings(work), "nessuno@example.it", NOW)
    assert result.documents == 0 and result.removed == {} and not result.file_rewritten
    assert db.stat().st_ino == inode  # the same file: not rewritten
    assert len(_rows(db, "SELECT * FROM runs WHERE flow = 'forget'")) == 1


def test_cli_forget_asks_then_erases(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(work)
    db = work / "voc.duckdb"
    runner = CliRunner()
    texts = [t for (t,) in _rows(db, "SELECT text FROM documents WHERE customer_id = 'C005'")]
    scored = _rows(db, "SELECT count(*) FROM churn_risk WHERE customer_id = 'C005'")[0][0]
    assert texts and scored
    refused = runner.invoke(app, ["forget", "C005", "--db", str(db)], input="n\n")
    assert refused.exit_code == 1 and "Da cancellare" in refused.output
    assert _rows(db, "SELECT count(*) FROM documents WHERE customer_id = 'C005'")[0][0] == len(
        texts
    )

    done = runner.invoke(app, ["forget", "C005", "--db", str(db), "--yes"])
    assert done.exit_code == 0, done.output
    assert f"Cancellato: {len(texts)} documenti" in done.output
    assert "righe di rischio abbandono" in done.output and "Export BI riscritto" in done.output
    after = _tables(db)
    owned = re.compile(r"(?m)(?:^|\|)C005(?:\||$)")
    assert [table for table, text in after.items() if owned.search(text)] == []
    assert not any(t in after["documents"] for t in texts)  # "Caso N." makes each text unique
    assert "C005" not in pd.read_parquet(work / "export" / "v_churn_risk").astype(str).to_csv()


def test_cli_rejects_an_empty_id(work: Path) -> None:
    result = CliRunner().invoke(app, ["forget", "  ", "--db", str(work / "voc.duckdb"), "--yes"])
    assert result.exit_code == 2 and "customer" in result.output


@pytest.mark.parametrize(
    ("quote", "texts", "expected"),
    [
        (
            "Il lampadario Zefiro numero 0 non si…",
            ["il lampadario zefiro numero 0 non si accende"],
            True,
        ),
        ("Pessimo", ["pessimo servizio, mai più"], False),  # short: only an identical text
        ("Pessimo", ["pessimo"], True),
        ("Bolletta doppia anche questo mese", ["il lampadario zefiro"], False),
        ("", ["x"], False),
    ],
)
def test_quote_is_from(quote: str, texts: list[str], expected: bool) -> None:
    assert quote_is_from(quote, texts) is expected
