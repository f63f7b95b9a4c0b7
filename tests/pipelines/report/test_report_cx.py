"""Report sections "NPS e soddisfazione", "Cosa pesa sul voto", "Tempi di risposta e SLA"."""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from pipelines import store
from pipelines.config import Settings
from pipelines.detect.impact import impact_table
from pipelines.detect.operations import ticket_operations
from pipelines.steps import report
from pipelines.steps.cx import calendar_for
from tests.fixtures import report_db as fx


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    path = fx.build_fixture_db(tmp_path_factory.mktemp("report_cx") / "t.duckdb")
    connection = store.connect(path)
    rng = random.Random(3)
    rows = []
    monday = pd.Timestamp(fx.FIRST_MONDAY)
    for week in range(fx.N_WEEKS):
        # the last week collapses: many detractors
        for i in range(40):
            bad = rng.random() < (0.8 if week == fx.N_WEEKS - 1 else 0.25)
            nps = rng.choice((0, 2, 5)) if bad else rng.choice((7, 9, 10))
            ts = monday + timedelta(days=7 * week + i % 5, hours=10)
            rows.append((f"surveys:{week}-{i}", ts, nps, 2 if bad else 5,
                         rng.choice(("email", "app"))))  # fmt: skip
    connection.executemany(
        "INSERT INTO survey_responses (response_id, created_at, nps, csat, channel, touchpoint)"
        " VALUES (?, ?, ?, ?, ?, 'generale')",
        rows,
    )
    tickets, comments = store.ticket_inputs(connection)
    settings = Settings()
    cal = calendar_for(settings, *tickets["created_at"])
    comments = pd.concat([comments, comments.assign(
        comment_idx=comments["comment_idx"] + 100, author_role="agent",
        created_at=comments["created_at"] + timedelta(hours=30), text="Verifichiamo")])  # fmt: skip
    ops = ticket_operations(tickets, comments, cal, settings.sla_first_response,
                            settings.sla_resolution, fx.NOW)  # fmt: skip
    scored, mentions = store.impact_inputs(connection)
    impact = impact_table(scored, mentions, fx.REPORT_WEEK, n_boot=60, min_mentions=5)
    with store.transaction(connection):
        store.replace_ticket_operations(connection, ops)
        store.replace_theme_impact(connection, fx.REPORT_WEEK, impact)
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
