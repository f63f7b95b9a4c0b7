"""Human labels in a real browser (issue 18): correct, count, retrain; CSV; churn follow-ups.

Each story drives ``voc ui`` in headless Chromium on the small generated demo database, while
the pipeline runs as a separate process (the real CLI with the hashing embedder), and checks the
result in the app, in the public views and in the model registry. Every page visited must load
without a console error, a CSP violation or a request to anything but the app itself.

Run with ``pytest -m browser tests/browser``.
"""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import duckdb
import pytest
from playwright.sync_api import Browser, Page

from models.registry import data_hash as registry_hash
from pipelines.config import Settings
from tests.browser import harness
from tests.browser.conftest import DEMO_NOW, FAKE_VOC, fake_voc, voc_env

pytestmark = pytest.mark.browser

LATER = DEMO_NOW + timedelta(days=1)
WEEK = "2026-W43"


def _rows(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def _negatives(db: Path) -> int:
    return int(_rows(db, "SELECT n_negativo FROM v_weekly_overview WHERE iso_week = ? AND"
                         " kind = 'tutti' AND channel = 'tutti'", [WEEK])[0][0])  # fmt: skip


def _kpi_negatives(page: Page) -> int:
    # The KPI card that counts the week's negative documents (the count behind its share).
    return int(
        page.locator('a.drill[data-drill="share_negativo"]').get_attribute("data-count") or -1
    )


@pytest.fixture
def app_page(browser: Browser) -> Iterator[tuple[Page, harness.Watch]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    watch = harness.Watch(page)
    yield page, watch
    context.close()


def _retrain(workdir: Path, db: Path, now: object) -> dict:
    # The full recipe on the whole seed set: minutes on a loaded 2-core machine.
    out = fake_voc(["retrain", "sentiment", "--db", str(db)], workdir, now, timeout=2400)  # type: ignore[arg-type]
    return json.loads(out[out.index("{") :])


_REVIEWS = {
    1: "La bolletta di {m} è arrivata doppia e nessuno del servizio clienti mi risponde",
    3: "Servizio nella media a {m}, la bolletta è chiara ma i tempi sono lunghi",
    5: "Tecnico gentilissimo a {m}, fibra attivata in due giorni, tutto perfetto",
}
_MONTHS = ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
           "settembre", "ottobre", "novembre", "dicembre"]  # fmt: skip


def _more_reviews(workdir: Path, db: Path) -> None:
    """The small demo has fewer rated reviews than a retrain needs: a customer's extra file."""
    path = workdir / "reviews_extra.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "created_at", "text", "rating", "channel"])
        for star, text in _REVIEWS.items():
            for i, month in enumerate(_MONTHS):
                for j in range(2):
                    writer.writerow(
                        [
                            f"X-{star}-{i}-{j}",
                            f"2026-10-{10 + j + i % 10:02d}T10:00:00",
                            text.format(m=month) + f" (ordine {i}{j})",
                            star,
                            "google",
                        ]
                    )
    fake_voc(["ingest", "reviews", str(path), "--db", str(db)], workdir, LATER)


def test_story_correct_count_retrain(demo: Path, app_page, tmp_path: Path) -> None:
    page, watch = app_page
    _more_reviews(tmp_path, demo)
    settings = Settings(db=demo)
    with harness.served_app(settings, clock=lambda: LATER) as app:
        page.goto(f"{app.url}/settimana?settimana={WEEK}")
        kpi_before = _kpi_negatives(page)
        before = _negatives(demo)
        doc = _rows(demo, "SELECT doc_id FROM v_documents WHERE iso_week = ? AND NOT is_duplicate"
                          " AND sentiment_label IN ('neutro', 'positivo') ORDER BY doc_id LIMIT 1",
                    [WEEK])[0][0]  # fmt: skip
        model_label = _rows(demo, "SELECT sentiment_label FROM v_documents WHERE doc_id = ?",
                            [doc])[0][0]  # fmt: skip
        page.goto(f"{app.url}/verbatim/{doc}")
        page.locator('[data-label-forms] button[data-label="negativo"]').click()
        page.wait_for_load_state()
        assert page.locator('[data-flash="ok"]').inner_text().startswith(f"Documento {doc}")
        # At once: the views and the Settimana page count it as negative, marked human.
        assert _negatives(demo) == before + 1
        page.goto(f"{app.url}/settimana?settimana={WEEK}")
        assert _kpi_negatives(page) == kpi_before + 1
        page.goto(f"{app.url}/verbatim/{doc}")
        assert page.locator('[data-human="sentiment"]').count() == 1
        watch.assert_clean(app.url)
    row = _rows(demo, "SELECT sentiment_label, sentiment_human, model_sentiment_label FROM"
                      " v_documents WHERE doc_id = ?", [doc])  # fmt: skip
    assert row == [("negativo", True, model_label)]

    result = _retrain(tmp_path, demo, LATER + timedelta(hours=1))
    assert result["human_labels"]["stored"] == 1 and result["n_human"] == 1
    text = _rows(demo, "SELECT text FROM documents WHERE doc_id = ?", [doc])[0][0]
    params, data_hash = _rows(demo, "SELECT params, data_hash FROM models WHERE model_id = ?",
                              [result["model_id"]])[0]  # fmt: skip
    card = json.loads(params) if isinstance(params, str) else params
    # The registry card names the label: the hash of exactly this (text, label) pair.
    assert card["human_labels"]["stored"] == 1
    assert card["human_labels"]["hash"] == registry_hash([f"{text}\tnegativo"])
    assert data_hash == result["data_hash"]
    # Promotion is decided by the holdout, as before.
    promoted = result["candidate_macro_f1"] > (result["active_macro_f1"] or -1)
    assert result["promoted"] is promoted
    status = _rows(demo, "SELECT status FROM models WHERE model_id = ?", [result["model_id"]])
    assert status == [("active" if promoted else "candidate",)]


def test_story_queue_csv_round_trip(demo: Path, app_page, tmp_path: Path) -> None:
    page, watch = app_page
    queue = tmp_path / "coda.csv"
    fake_voc(["queue", "export", "--n", "6", str(queue), "--db", str(demo)], tmp_path, LATER)
    with queue.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 6
    for row, value in zip(rows, ["negativo", "neutro", "positivo"] * 2, strict=True):
        row["sentiment"] = value
    bad = [dict(r) for r in rows]
    bad[3]["sentiment"] = "benino"
    for path, content in ((tmp_path / "bad.csv", bad), (queue, rows)):
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(content)
    # The same child CLI, expecting a one-line refusal and nothing written.
    failed = subprocess.run(
        [sys.executable, str(FAKE_VOC), "label", "--from", str(tmp_path / "bad.csv"), "--db",
         str(demo)], cwd=tmp_path, env=voc_env(tmp_path, LATER), capture_output=True, text=True,
        timeout=600,
    )  # fmt: skip
    assert failed.returncode == 2
    assert "bad.csv: riga 5, campo sentiment: etichetta sconosciuta «benino»" in failed.stderr
    assert _rows(demo, "SELECT count(*) FROM labels") == [(0,)]
    fake_voc(["label", "--from", str(queue), "--db", str(demo)], tmp_path, LATER)
    assert _rows(demo, "SELECT count(*) FROM labels WHERE source = 'csv'") == [(6,)]
    with harness.served_app(Settings(db=demo), clock=lambda: LATER) as app:
        page.goto(f"{app.url}/verbatim/{rows[0]['doc_id']}")
        assert page.locator('[data-human="sentiment"]').count() == 1
        page.goto(f"{app.url}/revisione")
        listed = page.locator("[data-label-forms]")
        shown = {listed.nth(i).get_attribute("data-label-forms") for i in range(listed.count())}
        assert not shown & {r["doc_id"] for r in rows}  # labelled: out of the queue
        # Keyboard: "2" labels the current document neutral, the next one moves up.
        first = listed.first.get_attribute("data-label-forms")
        with page.expect_navigation():
            page.keyboard.press("2")
        assert page.locator('[data-flash="ok"]').count() == 1
        watch.assert_clean(app.url)
    assert _rows(demo, "SELECT value, source FROM labels_current WHERE doc_id = ?", [first]) == [
        ("neutro", "app")
    ]


def test_story_churn_follow_up_refits(demo: Path, app_page, tmp_path: Path) -> None:
    page, watch = app_page
    before = _rows(demo, "SELECT count(*) FROM models WHERE task = 'churn'")[0][0]
    marked: list[str] = []
    with harness.served_app(Settings(db=demo), clock=lambda: LATER) as app:
        page.goto(f"{app.url}/clienti")
        customers = page.locator("tr[data-customer]")
        assert customers.count() >= 12
        for i in range(12):
            row = page.locator("tr[data-customer]").nth(i)
            marked.append(str(row.get_attribute("data-customer")))
            row.locator('select[name="state"]').select_option("perso")
            row.locator('input[name="note"]').fill(f"disdetta {i}")
            row.locator("button").click()
            page.wait_for_load_state()
            assert page.locator('[data-flash="ok"]').count() == 1
        done = page.locator('tr[data-customer] [data-followup="perso"]')
        assert done.count() == 12  # the list shows who is already handled
        watch.assert_clean(app.url)
    got = _rows(demo, "SELECT customer_id, outcome, note FROM churn_outcomes ORDER BY 1")
    assert sorted(c for c, _, _ in got) == sorted(marked)
    assert {o for _, o, _ in got} == {"perso"} and all(
        re.match(r"disdetta \d+", n) for *_, n in got
    )
    out = fake_voc(["insights", "--db", str(demo)], tmp_path, LATER)
    assert out  # the weekly tables were printed
    after = _rows(demo, "SELECT count(*) FROM models WHERE task = 'churn'")[0][0]
    assert after == before + 1  # the churn weights were refitted on the follow-ups
