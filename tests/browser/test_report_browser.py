"""The weekly report in a real browser: headless Chromium driven by Playwright.

Checks that the file renders offline exactly as a CX manager would see it: no console error
(JavaScript exceptions, CSP violations, failed loads), no network request besides the file
itself, every chart drawn, the expected sections and numbers on screen, and a printable PDF.
A full-page screenshot is kept next to the test's temporary files (and copied to
``$VOC_SCREENSHOT_DIR`` when set) to look at.

Run with ``pytest -m browser tests/browser`` (needs ``apt-get install -y chromium``; the
harness is tests/browser/harness.py).
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipelines import store
from pipelines.config import Settings
from pipelines.report.fmt import fmt_int, fmt_num, fmt_pct
from pipelines.steps import report
from tests.browser import harness
from tests.fixtures import report_db as fx
from tests.fixtures.cx_db import add_cx

pytestmark = pytest.mark.browser

NBSP = "\u00a0"
SECTIONS = ("sintesi", "emergenti", "andamento", "temi", "soddisfazione", "voto", "sla",
            "abbandono", "qualita")  # fmt: skip


@pytest.fixture(scope="module")
def chromium(browser: object) -> Iterator[object]:
    # The session's browser (conftest): Playwright's sync API allows one running instance per
    # thread, so a second one here fails whenever another test file started the session's.
    yield browser


@pytest.fixture(scope="module")
def fixture_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("browser") / "t.duckdb"
    con = store.connect(path)
    try:
        fx.populate(con)
        fx.add_detection_views(con)
    finally:
        con.close()
    return path


@pytest.fixture(scope="module")
def full_page(chromium, fixture_db: Path, tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("report") / "report.html"
    report.write_report(Settings(db=fixture_db), None, out, fx.NOW)
    page = harness.inspect_page(chromium, out, pdf=True)
    shot = out.with_suffix(".png")
    shot.write_bytes(page.screenshot)
    if os.environ.get("VOC_SCREENSHOT_DIR"):
        target = Path(os.environ["VOC_SCREENSHOT_DIR"])
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, target / "report-browser-test.png")
    return page


def _expected_kpis(fixture_db: Path) -> dict[str, str]:
    con = store.connect(fixture_db, read_only=True)
    try:
        row = store.query_df(
            con,
            "SELECT volume, share_negativo, net_sentiment, mean_rating FROM v_weekly_overview"
            " WHERE iso_week = ? AND kind = 'tutti' AND channel = 'tutti'",
            [fx.REPORT_WEEK],
        ).iloc[0]
    finally:
        con.close()
    return {
        "volume": fmt_int(row["volume"]),
        "share_negativo": fmt_pct(row["share_negativo"]),
        "net_sentiment": fmt_pct(row["net_sentiment"], signed=True),
        "mean_rating": f"{fmt_num(row['mean_rating'], 2)}{NBSP}/{NBSP}5",
    }


def test_no_console_errors_and_no_network(full_page) -> None:
    assert full_page.console_errors == []
    assert full_page.external_requests == []
    # the network log works: it saw the page itself
    assert full_page.url in full_page.requests
    assert full_page.probe["external_refs"] == []


def test_sections_charts_and_numbers(full_page, fixture_db: Path) -> None:
    probe = full_page.probe
    assert probe["lang"] == "it"
    assert probe["sections"] == list(SECTIONS)
    # 2 trend charts + 1 per emerging complaint + 2 topic heatmaps, all drawn by plotly.js
    assert probe["plots"] == probe["plots_rendered"] == 2 + 2 + 2
    kpis = {k["key"]: k for k in probe["kpis"]}
    for key, value in _expected_kpis(fixture_db).items():
        assert kpis[key]["value"] == value, key
    assert kpis["volume"]["value"] == "24"
    assert "delta-bad" in kpis["share_negativo"]["tone"]  # more negatives: red
    assert "delta-bad" in kpis["net_sentiment"]["tone"]
    alerts = probe["alerts"]
    assert [a["title"] for a in alerts] == ["Doppio addebito in bolletta", "Canale chat"]
    assert alerts[0]["quotes"] == 3 and all(a["chart"] for a in alerts)

    text = full_page.text
    assert "Settimana 10" in text and "2–8 marzo 2026" in text
    assert "È molto improbabile che sia un caso (p < 0,001)." in text
    assert "C001" in text and "minaccia di disdetta" in text
    assert "Motivi di quarantena più frequenti" in text
    assert re.search(r"\b2 lamentele emergenti: Doppio addebito in bolletta e Canale chat\.", text)


def test_print_and_screenshot(full_page) -> None:
    assert full_page.pdf.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", full_page.pdf))
    assert pages >= 3  # "temi" and "abbandono" start a new page
    assert full_page.screenshot.startswith(b"\x89PNG")
    width = int.from_bytes(full_page.screenshot[16:20], "big")
    height = int.from_bytes(full_page.screenshot[20:24], "big")
    assert width == 1280 and height > 2500


def test_degraded_report_without_detection(chromium, fixture_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    shutil.copy(fixture_db, db)
    con = store.connect(db)
    try:
        fx.drop_detection_views(con)
        html = report.build_report(con, None, fx.NOW)
    finally:
        con.close()
    out = tmp_path / "report.html"
    out.write_text(html, encoding="utf-8")
    page = harness.inspect_page(chromium, out, screenshot=False)
    assert page.console_errors == [] and page.external_requests == []
    assert "Nessuna lamentela emergente questa settimana" in page.text
    assert page.probe["plots"] == page.probe["plots_rendered"] == 4


def test_scores_drivers_and_sla_sections_draw(chromium, fixture_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "cx.duckdb"
    shutil.copy(fixture_db, db)
    con = store.connect(db)
    try:
        add_cx(con)
        html = report.build_report(con, None, fx.NOW)
    finally:
        con.close()
    out = tmp_path / "report.html"
    out.write_text(html, encoding="utf-8")
    page = harness.inspect_page(chromium, out, screenshot=False)
    assert page.console_errors == [] and page.external_requests == []
    # the 6 charts of the base report + NPS trend band + impact bars (stars) + SLA breaches
    assert page.probe["plots"] == page.probe["plots_rendered"] == 6 + 3
    assert "NPS e soddisfazione" in page.text and "Cosa pesa sul voto" in page.text
    assert "Tempi di risposta e SLA" in page.text and "in calo" in page.text


def test_harness_catches_requests_and_errors(chromium, tmp_path: Path) -> None:
    # negative control: without this the two "== []" assertions above could pass vacuously
    bad = tmp_path / "bad.html"
    bad.write_text(
        "<!DOCTYPE html><html><body><img src='http://127.0.0.1:9/pixel.png'>"
        "<script>console.error('boom')</script></body></html>",
        encoding="utf-8",
    )
    page = harness.inspect_page(chromium, bad, screenshot=False, settle_seconds=0.5)
    assert "http://127.0.0.1:9/pixel.png" in page.external_requests
    assert any("boom" in e for e in page.console_errors)
    # and a CSP violation (what a stray inline style would cause in the report) is an error
    strict = tmp_path / "strict.html"
    strict.write_text(
        "<!DOCTYPE html><html><head><meta http-equiv='Content-Security-Policy'"
        " content=\"default-src 'none'\"></head><body><p style='color:red'>x</p></body></html>",
        encoding="utf-8",
    )
    page = harness.inspect_page(chromium, strict, screenshot=False)
    assert any("Content Security Policy" in e for e in page.console_errors)
