"""``voc status`` data: documents per kind and week, last runs, active models, open alerts."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines import store
from pipelines.steps.report import read_status
from tests.fixtures import report_db as fx


@pytest.fixture(scope="module")
def fixture_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("status") / "t.duckdb"
    con = store.connect(path)
    try:
        fx.populate(con)
        fx.add_detection_views(con)
    finally:
        con.close()
    return path


def test_status_on_a_read_only_connection(fixture_db: Path) -> None:
    con = store.connect(fixture_db, read_only=True)
    try:
        info = read_status(con)
    finally:
        con.close()
    kinds = {row["kind"]: row for row in info["documents_by_kind"]}
    assert set(kinds) == {"reviews", "tickets", "social"}
    assert info["documents"] == sum(r["documents"] for r in kinds.values()) == 207
    assert kinds["tickets"]["documents"] == 4 * fx.N_WEEKS + fx.SPIKE_TICKETS
    assert kinds["social"]["enriched"] == kinds["social"]["documents"]

    weeks = info["documents_by_week"]
    assert weeks[0]["iso_week"] == fx.REPORT_WEEK  # newest first
    w10 = {r["kind"]: r["documents"] for r in weeks if r["iso_week"] == fx.REPORT_WEEK}
    assert w10["tickets"] == 4 + fx.SPIKE_TICKETS

    runs = {r["flow"]: r for r in info["runs"]}
    assert set(runs) == {"ingest", "enrich"}
    # the latest ingest failed; the last good one is still reported
    assert runs["ingest"]["status"] == "failed"
    assert runs["ingest"]["error"] == "file non trovato"
    assert runs["ingest"]["last_ok_at"] < runs["ingest"]["started_at"]
    assert runs["enrich"]["status"] == "ok" and runs["enrich"]["duration_s"] == 180.0
    assert runs["enrich"]["stats"] == {"documents": 10}

    models = {m["task"]: m for m in info["models"]}
    assert models["sentiment"]["model_id"] == fx.SENTIMENT_MODEL
    assert models["sentiment"]["metrics"] == {"macro_f1": 0.8}
    assert info["quarantined"] == 5
    # W10: 'nuovo' and 'in corso' are open, 'rientrato' is not; W09's 'nuovo' counts too
    assert info["open_alerts"] == 3
    assert info["schema_version"] >= 2


def test_status_without_alerts_table_and_runs(tmp_path: Path) -> None:
    con = store.connect(tmp_path / "empty.duckdb")
    try:
        con.execute("DROP VIEW IF EXISTS v_emerging_complaints")
        con.execute("DROP TABLE IF EXISTS alerts")
        info = read_status(con)
    finally:
        con.close()
    assert info["open_alerts"] is None
    assert info["documents"] == 0 and info["documents_by_kind"] == []
    assert info["runs"] == [] and info["models"] == []


def test_status_weeks_are_local(fixture_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "rome.duckdb"
    db.write_bytes(fixture_db.read_bytes())
    con = store.connect(db)
    try:
        store.set_timezone(con, "Europe/Rome")
        # Sunday 23:30 UTC is Monday 00:30 in Rome: the next ISO week there, like the views
        con.execute(
            "UPDATE documents SET created_at = TIMESTAMP '2026-03-08 23:30:00'"
            " WHERE doc_id = (SELECT min(doc_id) FROM documents)"
        )
        info = read_status(con)
    finally:
        con.close()
    weeks = info["documents_by_week"]
    assert weeks[0]["iso_week"] == "2026-W11" and weeks[0]["documents"] == 1
