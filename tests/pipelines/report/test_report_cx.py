"""Report sections "NPS e soddisfazione", "Cosa pesa sul voto", "Tempi di risposta e SLA"."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipelines import store
from pipelines.steps import report
from tests.fixtures import report_db as fx
from tests.fixtures.cx_db import add_cx


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    path = fx.build_fixture_db(tmp_path_factory.mktemp("report_cx") / "t.duckdb")
    connection = store.connect(path)
    add_cx(connection)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def html(con: duckdb.DuckDBPyConnection) -> str:
    return report.build_report(con, fx.REPORT_WEEK, fx.NOW)


def test_scores_section_with_interval_and_a_real_fall(html: str, con) -> None:
    assert 'id="soddisfazione"' in html and 'data-score="nps"' in html
    row = store.week_scores(con, fx.REPORT_WEEK).iloc[0]
    assert row["nps_change"] == "in calo"
    assert "▼ in calo" in html
    assert "chart-nps" in html
    # A week whose change is inside the noise says so instead of showing an arrow.
    scores = store.scores_weeks(con, [f"2026-W0{i}" for i in range(2, 10)])
    overall = scores[(scores["channel"] == "tutti") & (scores["touchpoint"] == "tutti")]
    assert "nessuna variazione significativa" in overall["nps_change"].tolist()


def test_drivers_section_ranks_themes_on_the_star_rating(html: str, con) -> None:
    impact = store.theme_impact_rows(con, fx.REPORT_WEEK)
    assert set(impact["metric"]) == {"rating"}  # the fixture's surveys have no verbatims
    assert 'id="voto"' in html and 'data-metric="rating"' in html
    assert "chart-impact-rating" in html and "Cosa sistemare per primo" in html
    first = impact[impact["scope"] == "category"].sort_values("priority_rank").iloc[0]
    assert str(first["theme_label"]) in html


def test_sla_section(html: str, con) -> None:
    assert 'id="sla"' in html and "chart-sla" in html
    assert "Fuori SLA di prima risposta" in html and "Arretrato a fine settimana" in html
    weeks = store.ticket_weeks(con, [fx.REPORT_WEEK])
    assert weeks["tickets"].max() > 0


def test_sections_degrade_on_an_empty_archive(tmp_path: Path) -> None:
    con = store.connect(fx.build_fixture_db(tmp_path / "e.duckdb"))
    try:
        html = report.build_report(con, fx.REPORT_WEEK, fx.NOW)
    finally:
        con.close()
    assert 'data-empty="soddisfazione"' in html and 'data-empty="voto"' in html
    assert 'data-empty="sla"' in html
