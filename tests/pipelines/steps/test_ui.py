"""The workbench's read steps: every number and the documents it links to agree.

Each count a page shows comes with the filter of the documents behind it; here the two are
checked against each other and against the public views the report reads (so the drill-down
of a KPI lists exactly the documents the KPI counts).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import duckdb
import pytest

from pipelines.config import Settings
from pipelines.errors import VocError
from pipelines.steps import ui
from pipelines.store.ui import document_predicate, search_words
from tests.fixtures import report_db as fx
from tests.fixtures.ui_db import build_ui_db

WEEK = fx.REPORT_WEEK


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(db=build_ui_db(tmp_path_factory.mktemp("steps-ui") / "ui.duckdb"))


def _one(settings: Settings, sql: str, params: list) -> int:
    con = duckdb.connect(str(settings.db), read_only=True)
    try:
        row = con.execute(sql, params).fetchone()
        return int(row[0]) if row and row[0] is not None else 0
    finally:
        con.close()


def _count(settings: Settings, **fields: object) -> int:
    return ui.documents_page(settings, ui.DocumentFilter(**fields), page_size=1).total  # type: ignore[arg-type]


OVERVIEW = {"volume": "volume", "net_sentiment": "scored", "mean_rating": "n_rated",
            "share_negativo": "n_negativo", "churn_intent": "n_churn_intent"}  # fmt: skip


def test_kpi_counts_are_the_views_and_their_drilldowns(settings: Settings) -> None:
    page = ui.week_page(settings, ui.DocumentFilter(), fx.NOW)
    assert page["week"] == WEEK
    cards = {c["key"]: c for c in page["kpis"]["cards"]}
    assert set(cards) == set(OVERVIEW)
    for key, column in OVERVIEW.items():
        expected = _one(
            settings,
            f"SELECT {column} FROM v_weekly_overview WHERE iso_week = ? AND kind = 'tutti'"
            " AND channel = 'tutti'",
            [WEEK],
        )
        assert cards[key]["count"] == expected, key
        assert _count(settings, **cards[key]["drill"]) == expected, key
    assert cards["volume"]["count"] == 26  # 24 of the report fixture + 2 injected


def test_sources_and_themes_drill_to_what_they_count(settings: Settings) -> None:
    page = ui.week_page(settings, ui.DocumentFilter(), fx.NOW)
    for row in page["sources"]:
        assert _count(settings, **row["drill"]) == row["volume"], row["label"]
        neg = _count(settings, **row["drill"], sentiment="negativo")
        assert neg == row["negative"], row["label"]
        channel = row["drill"].get("channel", "tutti")
        view = _one(
            settings,
            "SELECT volume FROM v_weekly_overview WHERE iso_week = ? AND kind = ? AND channel = ?",
            [WEEK, row["drill"]["kind"], channel],
        )
        assert view == row["volume"], row["label"]
    assert page["themes"], "the fixture has themes"
    for theme in page["themes"]:
        assert _count(settings, **theme["drill"]) == theme["volume"]
        assert _count(settings, **theme["drill_negative"]) == theme["negative"]
        view = _one(
            settings,
            "SELECT volume FROM v_weekly_topics WHERE iso_week = ? AND topic_id = ?",
            [WEEK, theme["topic_id"]],
        )
        assert view == theme["volume"]


def test_filters_narrow_every_number_the_same_way(settings: Settings) -> None:
    f = ui.DocumentFilter(kind="tickets", category="fatturazione_bollette")
    page = ui.week_page(settings, f, fx.NOW)
    cards = {c["key"]: c for c in page["kpis"]["cards"]}
    merged = {"kind": "tickets", "category": "fatturazione_bollette", **cards["volume"]["drill"]}
    assert _count(settings, **merged) == cards["volume"]["count"]
    expected = _one(
        settings,
        "SELECT count(*) FROM v_documents WHERE iso_week = ? AND kind = 'tickets'"
        " AND category_id = 'fatturazione_bollette' AND NOT is_duplicate",
        [WEEK],
    )
    assert cards["volume"]["count"] == expected > 0
    assert all(row["drill"]["kind"] == "tickets" for row in page["sources"])


def test_themes_page_counts_and_spans(settings: Settings) -> None:
    page = ui.themes_page(settings, fx.NOW)
    assert page["week"] == WEEK and len(page["weeks"]) == 12
    themes = {t["topic_id"]: t for t in page["themes"]}
    assert set(themes) == {0, 1, 2, 3}
    for t in themes.values():
        assert _count(settings, **t["drill"]) == t["total"]
        assert _count(settings, **t["drill_negative"]) == t["negative_total"]
        assert _count(settings, **t["drill_recent"]) == t["recent"]
        assert _count(settings, **t["drill_recent_negative"]) == t["negative_recent"]
        assert t["drill_recent"]["week_from"] == "2026-W07"
    assert themes[1]["keywords"] == ["doppio"] and themes[1]["quotes"]


def test_alerts_page_open_and_past(settings: Settings) -> None:
    page = ui.alerts_page(settings)
    assert page["latest_week"] == WEEK
    open_ids = [a["alert_id"] for a in page["open"]]
    assert open_ids == ["topic:1:2026-W10", "channel:chat:2026-W08"]
    past = {a["alert_id"] for a in page["past"]}
    assert past == {"topic:3:2026-W07", "topic:0:2026-W09"}
    billing = page["open"][0]
    assert billing["drill"] == {"week": WEEK, "theme": 1, "theme_sentiment": "negativo"}
    assert billing["triage_state"] == "nuovo"


def test_documents_page_shows_model_outputs_and_versions(settings: Settings) -> None:
    result = ui.documents_page(settings, ui.DocumentFilter(week=WEEK, sentiment="negativo"))
    assert result.total == len(result.documents) and result.pages == 1
    doc = next(d for d in result.documents if d["doc_id"] == "tickets:9001")
    assert doc["sentiment"] == "Negativo" and doc["theme"] == "Doppio addebito in bolletta"
    assert [m["model_id"] for m in doc["models"]] == [fx.SENTIMENT_MODEL, fx.TOPIC_MODEL]
    assert all(m["version"] == "1" for m in doc["models"])
    assert doc["aspects"][0]["label"] == "Doppio addebito in bolletta"
    detail = ui.document_page(settings, "tickets:9001")
    assert detail["text"].startswith("Bolletta sbagliata <script>")  # escaped by the template
    assert ui.document_page(settings, "nessuno:1") is None


def test_paging_covers_every_document_once(settings: Settings) -> None:
    f = ui.DocumentFilter(week=WEEK)
    first = ui.documents_page(settings, f, page=1, page_size=10)
    ids = [d["doc_id"] for p in range(1, first.pages + 1)
           for d in ui.documents_page(settings, f, page=p, page_size=10).documents]  # fmt: skip
    assert len(ids) == len(set(ids)) == first.total == 26
    assert ui.documents_page(settings, f, page=99, page_size=10).page == first.pages


def test_predicate_binds_every_value() -> None:
    f = ui.DocumentFilter(week=WEEK, kind="x'; DROP", theme=1, theme_sentiment="negativo",
                          query="a%b ÀrrIVO")  # fmt: skip
    sql, params = document_predicate(f)
    assert "DROP" not in sql and "%" not in sql and "'x" not in sql
    assert params == [WEEK, "x'; DROP", 1, "negativo", "a%b", "arrivo"]
    assert search_words("  È   già ") == ["e", "gia"]
    assert document_predicate(replace(f, theme=None))[1][:2] == [WEEK, "x'; DROP"]


def test_missing_database_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(VocError, match="voc demo"):
        ui.prepare_database(Settings(db=tmp_path / "none.duckdb"))
    assert not (tmp_path / "none.duckdb").exists()
