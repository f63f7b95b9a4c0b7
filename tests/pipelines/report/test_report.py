"""Weekly report: Italian formatting, numbers from the views, graceful degradation, no fetches."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from pipelines import store
from pipelines.config import Settings
from pipelines.errors import VocError
from pipelines.report import emerging, fmt
from pipelines.steps import report
from tests.fixtures import report_db as fx

NBSP = "\u00a0"
MINUS = "\u2212"


@pytest.fixture(scope="module")
def fixture_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fx.build_fixture_db(tmp_path_factory.mktemp("report") / "t.duckdb")


@pytest.fixture()
def con(fixture_db: Path, tmp_path: Path) -> duckdb.DuckDBPyConnection:
    # A private copy per test: tests add and drop the detection views.
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(fixture_db.read_bytes())
    connection = store.connect(copy)
    yield connection
    connection.close()


@pytest.fixture()
def html_with_alerts(con: duckdb.DuckDBPyConnection) -> str:
    fx.add_detection_views(con)
    return report.build_report(con, None, fx.NOW)


# --------------------------------------------------------------------------- formatting


def test_italian_number_formatting() -> None:
    assert fmt.fmt_int(1234) == "1.234"
    assert fmt.fmt_int(1234567) == "1.234.567"
    assert fmt.fmt_num(12.5) == "12,5"
    assert fmt.fmt_num(1234.56, 2) == "1.234,56"
    assert fmt.fmt_pct(0.125) == f"12,5{NBSP}%"
    assert fmt.fmt_pct(-0.5, signed=True) == f"{MINUS}50,0{NBSP}%"
    assert fmt.fmt_pct(0.031, signed=True) == f"+3,1{NBSP}%"
    assert fmt.fmt_num(-0.04) == "0,0"  # never "−0,0"
    assert fmt.fmt_int(None) == "—"
    assert fmt.fmt_pct(float("nan")) == "—"


def test_week_range_label_in_italian() -> None:
    assert fmt.week_range_label("2026-W10") == "2–8 marzo 2026"
    assert fmt.week_range_label("2026-W05") == "26 gennaio – 1 febbraio 2026"
    assert fmt.week_range_label("2026-W01") == "29 dicembre 2025 – 4 gennaio 2026"


def test_significance_in_plain_words() -> None:
    strong = emerging.describe_significance(
        {"scope": "topic", "volume": 42, "baseline": 8.5, "z_score": 6.0, "p_value": 1e-6}
    )
    assert strong.startswith("42 segnalazioni questa settimana contro le 8,5 attese")
    assert "4,9 volte tanto" in strong
    assert "molto improbabile che sia un caso (p < 0,001)" in strong

    modest = emerging.describe_significance(
        {"scope": "channel", "volume": 13, "baseline": 10, "p_value": 0.03}
    )
    assert f"(+30{NBSP}%)" in modest
    assert "da confermare" in modest and "p = 0,030" in modest

    new = emerging.describe_significance({"scope": "new_topic", "volume": 7, "baseline": 0})
    assert new.startswith("Tema nuovo: 7 segnalazioni")

    # z only: the p-value is derived, so the sentence still says how surprising it is
    z_only = emerging.describe_significance(
        {"scope": "topic", "volume": 9, "baseline": 3, "z_score": 1.0}
    )
    assert "fluttuazione casuale" in z_only


# --------------------------------------------------------------------------- data


def test_default_week_is_last_closed_week(con: duckdb.DuckDBPyConnection) -> None:
    data = report.gather_report_data(con, None, fx.NOW)
    assert data["week"] == fx.REPORT_WEEK
    assert data["week_range"] == "2–8 marzo 2026"
    # on Wednesday of W10 the partial week W10 is not the default: W09 is
    wednesday = pd.Timestamp("2026-03-04 09:00").to_pydatetime()
    assert report.gather_report_data(con, None, wednesday)["week"] == "2026-W09"


def test_kpis_match_an_independent_count(con: duckdb.DuckDBPyConnection) -> None:
    docs = store.query_df(
        con,
        "SELECT iso_week, sentiment_label, rating FROM v_documents WHERE NOT is_duplicate",
    )
    week = docs[docs["iso_week"] == fx.REPORT_WEEK]
    previous = docs[docs["iso_week"].isin(["2026-W06", "2026-W07", "2026-W08", "2026-W09"])]
    scored = week.dropna(subset=["sentiment_label"])
    share_neg = (scored["sentiment_label"] == "negativo").mean()
    net = share_neg * -1 + (scored["sentiment_label"] == "positivo").mean()
    prev_scored = previous.dropna(subset=["sentiment_label"])
    prev_share = (prev_scored["sentiment_label"] == "negativo").mean()

    raw = report.gather_report_data(con, fx.REPORT_WEEK, fx.NOW)["kpis"]["raw"]
    assert raw["volume"] == len(week) == 24
    assert raw["share_negativo"] == pytest.approx(share_neg)
    assert raw["net_sentiment"] == pytest.approx(net)
    assert raw["mean_rating"] == pytest.approx(week["rating"].mean())
    assert raw["baseline"]["volume"] == pytest.approx(len(previous) / 4)
    # pooled over the 4 previous weeks, not a mean of weekly shares
    assert raw["baseline"]["share_neg"] == pytest.approx(prev_share)
    assert raw["baseline"]["rating"] == pytest.approx(previous["rating"].mean())


def test_volume_table_lists_kinds_and_channels(con: duckdb.DuckDBPyConnection) -> None:
    rows = report.gather_report_data(con, fx.REPORT_WEEK, fx.NOW)["volume_rows"]
    kinds = {r["label"]: r for r in rows if r["level"] == "kind"}
    assert set(kinds) == {"Recensioni", "Ticket", "Social"}
    assert kinds["Ticket"]["volume"] == "15"  # 4 regular + 12 spike - 1 duplicate
    channels = [r["label"] for r in rows if r["level"] == "channel"]
    assert {"email", "chat", "google", "trustpilot", "twitter", "instagram"} <= set(channels)


# --------------------------------------------------------------------------- HTML


def test_report_sections_and_numbers(html_with_alerts: str) -> None:
    html = html_with_alerts
    assert '<html lang="it">' in html
    for section in ("sintesi", "emergenti", "andamento", "temi", "abbandono", "qualita"):
        assert f'id="{section}"' in html
    assert "Settimana 10" in html and "2–8 marzo 2026" in html
    assert f"65,2{NBSP}%" in html  # share of negatives, 15/23
    assert "Doppio addebito in bolletta" in html
    assert "È molto improbabile che sia un caso (p &lt; 0,001)." in html
    assert "Categorie e sotto-temi scoperti" in html
    assert "Motivi di quarantena più frequenti" in html and "data non valida" in html
    assert "sentiment:test-1" in html and "topics:test-1" in html


def test_alerts_show_three_quotes_and_resolved_ones_apart(html_with_alerts: str) -> None:
    html = html_with_alerts
    assert html.count('class="alert"') == 2  # nuovo + in corso; rientrato listed apart
    assert "Mi avete addebitato la bolletta due volte." in html
    assert "Doppio prelievo anche questo mese." in html
    assert "Quarta citazione da non mostrare." not in html
    assert "In corso dal 2026-W08" in html
    assert "Rientrate questa settimana" in html
    assert "Ritardi nella consegna" not in re.sub(r'id="temi".*', "", html, flags=re.S)  # W09 alert


def test_churn_top_list_is_the_week_high_and_medium(html_with_alerts: str) -> None:
    html = html_with_alerts
    assert "C001" in html and "C002" in html
    assert "C003" not in html  # basso
    assert "C004" not in html  # an older week
    assert "minaccia di disdetta" in html
    assert "1 cliente a rischio alto di abbandono." in html


@pytest.mark.parametrize("mode", ["missing", "empty", "broken"])
def test_degrades_without_detection_views(con: duckdb.DuckDBPyConnection, mode: str) -> None:
    if mode == "missing":
        fx.drop_detection_views(con)
    elif mode == "broken":
        # views whose source table is gone (e.g. a half-applied migration)
        fx.drop_detection_views(con)
        con.execute("CREATE TABLE _gone (x INTEGER)")
        con.execute("CREATE VIEW v_emerging_complaints AS SELECT * FROM _gone")
        con.execute("CREATE VIEW v_churn_risk AS SELECT * FROM _gone")
        con.execute("DROP TABLE _gone")
    # "empty": the views exist (migration 002) but detection has not run
    html = report.build_report(con, fx.REPORT_WEEK, fx.NOW)
    assert "Nessuna lamentela emergente questa settimana" in html
    assert 'class="alert"' not in html
    if mode == "empty":
        assert "Nessun cliente a rischio alto o medio questa settimana." in html
        assert "non è ancora stato eseguito" not in html
    else:
        assert "Analisi del rischio di abbandono non ancora disponibile" in html
        assert "non è ancora stato eseguito" in html
    assert "Andamento dei temi" in html  # the rest of the report is intact


def test_churn_for_a_week_before_the_latest_snapshot(html_week9: str) -> None:
    assert "Nessuna valutazione del rischio di abbandono per questa settimana" in html_week9
    assert "la più recente è del 2026-W10" in html_week9
    assert "C001" not in html_week9


@pytest.fixture()
def html_week9(con: duckdb.DuckDBPyConnection) -> str:
    fx.add_detection_views(con)
    return report.build_report(con, "2026-W09", fx.NOW)


def test_alert_chart_counts_like_the_detector(con: duckdb.DuckDBPyConnection) -> None:
    fx.add_detection_views(con)
    alerts = {
        a["label"]: a for a in report.gather_report_data(con, None, fx.NOW)["emerging"]["active"]
    }
    # the topic alert's chart plots negative aspect mentions of topic 1 per week
    chart = str(alerts["Doppio addebito in bolletta"]["chart"])
    expected = store.query_df(
        con,
        "SELECT n_negativo FROM v_weekly_topics WHERE topic_id = 1 AND iso_week = ?",
        [fx.REPORT_WEEK],
    )["n_negativo"].iat[0]
    assert "Segnalazioni negative per settimana" in chart
    assert f"{float(expected)}]" in chart.replace(" ", "") or f",{int(expected)}]" in chart
    assert "Gravità" not in chart and alerts["Doppio addebito in bolletta"]["severity"] == "9,2"


def test_report_is_self_contained(html_with_alerts: str) -> None:
    html = html_with_alerts
    # plotly.js inlined exactly once; no external script, stylesheet, image or font
    assert html.count("<script") == html.count("</script>")
    assert len(re.findall(r"<script[^>]*\bsrc=", html)) == 0
    assert "<link" not in html and "@import" not in html
    assert html.count("plotly.js v4") == 1 and "partial bundle for voc-italia" in html
    assert len(re.findall(r"/\*! For license information please see plotly", html)) <= 1
    urls = re.findall(r"""\b(?:src|href)\s*=\s*["']?(?:https?:)?//""", _markup_only(html))
    assert urls == []
    assert re.search(r"url\(\s*['\"]?(?:https?:)?//", _markup_only(html)) is None
    assert "default-src 'none'" in html  # the CSP forbids fetches even if something tried
    assert "cdn.plot.ly" not in _markup_only(html) and "mathjax" not in _markup_only(html).lower()
    for href in re.findall(r'href="([^"]*)"', _markup_only(html)):
        assert href.startswith("#")


def _markup_only(html: str) -> str:
    """The document without the body of the inlined plotly.js bundle (it holds URL strings)."""
    start = html.index("<script>")
    end = html.index("</script>", start)
    assert end - start > 1_000_000, "the first script should be the plotly.js bundle"
    return html[:start] + html[end:]


def test_report_is_deterministic(con: duckdb.DuckDBPyConnection) -> None:
    fx.add_detection_views(con)
    first = report.build_report(con, fx.REPORT_WEEK, fx.NOW)
    second = report.build_report(con, fx.REPORT_WEEK, fx.NOW)
    assert first == second


def test_week_errors(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    with pytest.raises(VocError, match="invalid week"):
        report.build_report(con, "2026-10", fx.NOW)
    with pytest.raises(VocError, match="no data for week 2024-W01"):
        report.build_report(con, "2024-W01", fx.NOW)
    empty = store.connect(tmp_path / "empty.duckdb")
    try:
        with pytest.raises(VocError, match="no enriched documents"):
            report.build_report(empty, None, fx.NOW)
    finally:
        empty.close()


def test_write_report_reads_only_and_writes_the_file(fixture_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "report.html"
    written = report.write_report(Settings(db=fixture_db), "2026-W09", out, fx.NOW)
    assert written == out
    text = out.read_text(encoding="utf-8")
    assert "Settimana 9" in text and text.rstrip().endswith("</html>")
    assert not list(out.parent.glob(".report-*"))  # no temporary left behind


def test_customer_text_is_escaped(con: duckdb.DuckDBPyConnection) -> None:
    fx.add_detection_views(con)
    evil = "<script>alert(1)</script>"
    con.execute("UPDATE topics SET label = ? WHERE topic_id = 1", [f"Bollette {evil}"])
    con.execute("UPDATE alerts SET quotes = [?] WHERE topic_id = 1", [f"Pessimo {evil}"])
    html = report.build_report(con, fx.REPORT_WEEK, fx.NOW)
    assert evil not in html
    assert "Pessimo &lt;script&gt;alert(1)&lt;/script&gt;" in html
    # table cell (jinja escaping) and heatmap label (escaped for plotly's pseudo-HTML)
    assert "Bollette &lt;script&gt;alert(1)&lt;/script&gt;</td>" in html
    assert '["Bollette &lt;script&gt;alert(1)&lt;\\u002fscript&gt;",' in html  # heatmap y axis


def test_categories_are_aspect_level_with_their_subtopics(con: duckdb.DuckDBPyConnection) -> None:
    data = report.gather_report_data(con, fx.REPORT_WEEK, fx.NOW)
    categories = {c["label"]: c for c in data["categories"]}
    topic_week = store.query_df(
        con,
        "SELECT volume FROM v_weekly_topics WHERE topic_id = 1 AND iso_week = ?",
        [fx.REPORT_WEEK],
    )["volume"].iat[0]
    billing = categories["Fatturazione e bollette"]
    assert billing["volume"] == fmt.fmt_int(topic_week) == "13"
    assert billing["subtopics"] == [{"label": "Doppio addebito in bolletta", "volume": "13"}]
    table = {t["label"]: t for t in data["topics"]["table"]}
    assert table["Doppio addebito in bolletta"]["category"] == "Fatturazione e bollette"
