"""The workbench's stories in a real browser (issue 16): curate, refit, triage, drill, run.

Each story drives ``voc ui`` in headless Chromium (Playwright, the system's Chromium) on a small
generated database, while the pipeline runs as a separate process (the real CLI with the
hashing embedder), and checks the result in the app, in the public views and in the report.
Every page visited must load without a console error, a CSP violation or a request to
anything but the app itself.

Run with ``pytest -m browser tests/browser``.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import pytest
from playwright.sync_api import Browser, Page

from pipelines.config import Settings
from pipelines.demo.generate import generate_demo
from pipelines.steps.report import write_report
from tests.browser import harness
from tests.browser.conftest import DEMO_NOW, fake_voc, start_fake_voc

pytestmark = pytest.mark.browser

LATER = DEMO_NOW + timedelta(days=1)


def _rows(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


@pytest.fixture
def app_page(browser: Browser) -> Iterator[tuple[Page, harness.Watch]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    watch = harness.Watch(page)
    yield page, watch
    context.close()


def _themes(page: Page) -> dict[int, str]:
    cards = page.locator("article.theme")
    return {
        int(cards.nth(i).get_attribute("data-theme") or -1): cards.nth(i)
        .locator("[data-theme-label]")
        .inner_text()
        for i in range(cards.count())
    }


def _rename(page: Page, theme: int, name: str) -> str:
    card = page.locator(f'article.theme[data-theme="{theme}"]')
    card.locator("summary").click()
    form = card.locator('form[data-edit="rename"]')
    form.locator('input[name="name"]').fill(name)
    form.locator("button").click()
    page.wait_for_load_state()
    return page.locator("[data-flash]").first.inner_text()


def _refit_and_reassign(workdir: Path, db: Path) -> None:
    """``voc retrain topics`` then ``voc enrich``: a new topic model, documents moved to it."""
    fake_voc(["retrain", "topics", "--db", str(db)], workdir, LATER)
    fake_voc(["enrich", "--db", str(db)], workdir, LATER)


# --------------------------------------------------------------------------- story 1


def test_story1_rename_survives_a_refit(demo: Path, app_page, tmp_path: Path) -> None:
    page, watch = app_page
    settings = Settings(db=demo)
    with harness.served_app(settings, clock=lambda: LATER) as app:
        page.goto(f"{app.url}/temi")
        before = _themes(page)
        theme = next(iter(before))  # the largest theme
        message = _rename(page, theme, "Bollette e codice cliente")
        assert "rinominato" in message
        assert _themes(page)[theme] == "Bollette e codice cliente"
        models_before = _rows(demo, "SELECT model_id FROM models WHERE task = 'topics'")

        _refit_and_reassign(tmp_path, demo)

        models = _rows(
            demo, "SELECT model_id FROM models WHERE task = 'topics' AND status = 'active'"
        )
        assert models[0] not in models_before  # a new topic model is active
        event = _rows(
            demo, "SELECT event FROM topic_lineage WHERE topic_model = ? AND topic_id = ?",
            [models[0][0], theme],
        )  # fmt: skip
        assert event == [("continued",)]
        page.goto(f"{app.url}/temi")
        assert _themes(page)[theme] == "Bollette e codice cliente"
        page.goto(f"{app.url}/settimana")
        assert "Bollette e codice cliente" in page.locator("[data-themes]").inner_text()
        watch.assert_clean(app.url)
    # the views BI tools read: every week of the theme, documents on the new model
    labels = _rows(demo, "SELECT DISTINCT topic_label FROM v_weekly_topics WHERE topic_id = ?",
                   [theme])  # fmt: skip
    assert labels == [("Bollette e codice cliente",)]
    docs = _rows(
        demo,
        "SELECT DISTINCT topic_label, topic_model FROM v_documents WHERE topic_id = ?",
        [theme],
    )
    assert docs == [("Bollette e codice cliente", models[0][0])]
    report = write_report(settings, None, tmp_path / "report.html", LATER).read_text("utf-8")
    assert "Bollette e codice cliente" in report


# --------------------------------------------------------------------------- story 2


def _regrouped(db: Path, group: int, members: list[int]) -> list[tuple[str, int, int]]:
    """Per week: the view's volume for ``group`` and the documents of ``members`` counted
    straight from the aspect table (the model's own topics, no curation)."""
    marks = ", ".join("?" for _ in members)
    return _rows(
        db,
        "WITH raw AS (SELECT v.iso_week, count(DISTINCT v.doc_id) AS n FROM v_documents v"
        " JOIN doc_topics dt ON dt.doc_id = v.doc_id AND dt.topic_model = v.topic_model"
        f" WHERE NOT v.is_duplicate AND dt.topic_id IN ({marks}) GROUP BY v.iso_week)"
        " SELECT r.iso_week, r.n, coalesce(w.volume, 0) FROM raw r"
        " LEFT JOIN v_weekly_topics w ON w.iso_week = r.iso_week AND w.topic_id = ?"
        " ORDER BY r.iso_week",
        [*members, group],
    )


def test_story2_merge_survives_a_refit(demo: Path, app_page, tmp_path: Path) -> None:
    page, watch = app_page
    with harness.served_app(Settings(db=demo), clock=lambda: LATER) as app:
        page.goto(f"{app.url}/temi")
        ids = list(_themes(page))[1:3]
        form = page.locator('form[data-edit="merge"]')
        for theme in ids:
            form.locator(f'input[name="topic_id"][value="{theme}"]').check()
        form.locator('input[name="name"]').fill("Fibra e gas")
        form.locator("button").click()
        page.wait_for_load_state()
        assert "uniti" in page.locator("[data-flash]").inner_text()
        after = _themes(page)
        assert after[ids[0]] == "Fibra e gas" and ids[1] not in after

        _refit_and_reassign(tmp_path, demo)

        page.goto(f"{app.url}/temi")
        again = _themes(page)
        assert again[ids[0]] == "Fibra e gas" and ids[1] not in again
        card = page.locator(f'article.theme[data-theme="{ids[0]}"]').inner_text()
        assert f"unisce #{ids[0]}, #{ids[1]}" in card
        watch.assert_clean(app.url)
    # history regrouped: no week shows the absorbed theme, every week counts both
    assert _rows(demo, "SELECT count(*) FROM v_weekly_topics WHERE topic_id = ?", [ids[1]]) == [
        (0,)
    ]
    weeks = _regrouped(demo, ids[0], ids)
    assert len(weeks) >= 10 and all(raw == shown for _w, raw, shown in weeks)


# --------------------------------------------------------------------------- story 4


def _all_documents(page: Page) -> list[str]:
    ids: list[str] = []
    while True:
        ids += [d.get_attribute("data-doc") or "" for d in page.locator("article.doc").all()]
        nxt = page.locator('a[rel="next"]')
        if not nxt.count():
            return ids
        nxt.first.click()
        page.wait_for_load_state()


KPI_SQL = {
    "volume": "",
    "net_sentiment": " AND sentiment_label IS NOT NULL",
    "mean_rating": " AND rating IS NOT NULL",
    "share_negativo": " AND sentiment_label = 'negativo'",
    "churn_intent": " AND churn_intent",
}


def test_story4_a_kpi_opens_exactly_its_documents(demo_template: Path, app_page) -> None:
    page, watch = app_page
    db = demo_template / "voc.duckdb"
    with harness.served_app(Settings(db=db), clock=lambda: LATER) as app:
        page.goto(f"{app.url}/settimana")
        week = page.locator('select[name="settimana"]').input_value()
        # every count on the page is a link to its documents (shares and means are not counts)
        assert page.locator(".kpi-value a.drill").count() == 5
        for table in ("#fonti", "#temi"):
            rows = page.locator(f"{table} tbody tr")
            assert rows.count() > 0
            for row in rows.all():
                assert row.locator("td.num a.drill").count() == 2  # documents, negatives
        for key, condition in KPI_SQL.items():
            page.goto(f"{app.url}/settimana?settimana={week}")
            link = page.locator(f'a[data-drill="{key}"]')
            count = int(link.get_attribute("data-count") or -1)
            link.click()
            page.wait_for_load_state()
            assert int(page.locator("[data-total]").get_attribute("data-total") or -2) == count
            shown = _all_documents(page)
            expected = _rows(
                db,
                "SELECT doc_id FROM v_documents WHERE iso_week = ? AND NOT is_duplicate"
                + condition,
                [week],
            )
            assert sorted(shown) == sorted(d for (d,) in expected), key
            assert len(shown) == count
        overview = _rows(
            db,
            "SELECT volume, n_negativo FROM v_weekly_overview WHERE iso_week = ? AND kind = 'tutti'"
            " AND channel = 'tutti'",
            [week],
        )[0]
        page.goto(f"{app.url}/settimana?settimana={week}")
        assert page.locator('a[data-drill="volume"]').get_attribute("data-count") == str(
            overview[0]
        )
        assert page.locator('a[data-drill="share_negativo"]').get_attribute("data-count") == str(
            overview[1]
        )
        watch.assert_clean(app.url)


# --------------------------------------------------------------------------- story 5


def _db_busy(db: Path) -> bool:
    try:
        duckdb.connect(str(db), read_only=True).close()
    except duckdb.Error:
        return True
    return False


def test_story5_edit_during_a_run_is_applied(demo: Path, app_page, tmp_path: Path) -> None:
    page, watch = app_page
    # The run has real work: more feedback of the same weeks (another seed) to ingest, enrich.
    inbox = tmp_path / "inbox"
    generate_demo(inbox, seed=7, scale=0.1)
    (inbox / "ground_truth.json").unlink()
    with harness.served_app(Settings(db=demo), clock=lambda: LATER) as app:
        page.goto(f"{app.url}/temi")
        theme = next(iter(_themes(page)))
        card = page.locator(f'article.theme[data-theme="{theme}"]')
        card.locator("summary").click()  # the user starts editing…
        card.locator('form[data-edit="rename"] input[name="name"]').fill(
            "Rinominato durante il run"
        )

        # the demo's last week: the run's report is for a week that has data
        week = _rows(demo, "SELECT max(iso_week) FROM v_documents")[0][0]
        args = ["run", "--inbox", str(inbox), "--week", week, "--db", str(demo)]
        run = start_fake_voc(args, tmp_path, LATER)
        deadline = time.monotonic() + 120
        while not _db_busy(demo):  # …while the run takes the database
            assert run.poll() is None and time.monotonic() < deadline, "the run never started"
            time.sleep(0.05)
        card.locator('form[data-edit="rename"] button').click()
        page.wait_for_load_state()
        flash = page.locator("[data-flash]").first
        kind = flash.get_attribute("data-flash")
        # "pending" when the run held the file for the edit's whole wait (the usual case);
        # "ok" when the edit found the file free between two of the run's steps.
        assert kind in ("pending", "ok"), flash.inner_text()
        if kind == "pending":
            assert page.locator("[data-pending]").count() == 1
            assert "Rinominato durante il run" in page.locator("[data-pending]").inner_text()
        # the user keeps reading while the run goes on: it must finish anyway
        while run.poll() is None and time.monotonic() < deadline + 240:
            page.goto(f"{app.url}/temi")
            time.sleep(0.3)
        _out, err = run.communicate(timeout=30)
        assert run.returncode == 0, err[-3000:]
        page.goto(f"{app.url}/temi")
        assert page.locator("[data-pending]").count() == 0
        assert _themes(page)[theme] == "Rinominato durante il run"
        watch.assert_clean(app.url, 503)  # the pages read while the run wrote said "busy"
    edits = _rows(demo, "SELECT kind, topic_ids FROM theme_edits")
    assert edits == [("rename", [theme])]
    runs = _rows(demo, "SELECT status FROM runs WHERE started_at >= ? ORDER BY started_at", [LATER])
    assert runs and all(status == "ok" for (status,) in runs)


def test_story5_busy_page_while_a_run_writes(demo: Path, app_page) -> None:
    """While the file is held the app answers at once, in Italian, and recovers by itself."""
    page, watch = app_page
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys; c = duckdb.connect(sys.argv[1]);"
         " print('held', flush=True); sys.stdin.readline()", str(demo)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    with harness.served_app(Settings(db=demo), clock=lambda: LATER) as app:
        try:
            assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
            started = datetime.now()
            response = page.goto(f"{app.url}/settimana")
            assert response is not None and response.status == 503
            assert (datetime.now() - started).total_seconds() < 5
            assert "Aggiornamento in corso, riprova tra poco" in page.inner_text("body")
        finally:
            assert holder.stdin is not None
            holder.stdin.write("\n")
            holder.stdin.close()
            holder.wait(timeout=30)
        # the page reloads itself (data-refresh) and shows the week again
        page.wait_for_url(re.compile(r".*/settimana$"), timeout=5000)
        page.wait_for_selector("[data-kpi]", timeout=15000)
        watch.assert_clean(app.url, 503)
