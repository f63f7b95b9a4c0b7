"""The workbench in a real browser, stories 3 and 6 of issue 16: alert triage and security.

3. An alert dismissed in the app is not raised again as new when detection replays the next
   week, and no notification is sent for it (a fake webhook records every post).
6. Off loopback a missing or wrong token gets 401; a POST from another site is refused; a
   verbatim carrying a script renders as text (no dialog, no console error, no injected node);
   and the server log holds no customer text.

Run with ``pytest -m browser tests/browser``.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import datetime
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import ClassVar

import duckdb
import pytest
from playwright.sync_api import Browser, Page

from pipelines.config import Settings
from pipelines.steps.detect import run_detection
from tests.browser import harness
from tests.browser.conftest import voc_env
from tests.fixtures import detection_db
from tests.fixtures import report_db as fx
from tests.fixtures.ui_db import INJECTED, SCRIPT, build_ui_db

pytestmark = pytest.mark.browser

TOKEN = "browser-test-token-0123456789"
BURST = "Addebiti in bolletta"


@pytest.fixture
def context_page(browser: Browser) -> Iterator[tuple[Page, harness.Watch]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page, harness.Watch(page)
    context.close()


class _Hook(BaseHTTPRequestHandler):
    received: ClassVar[list[str]] = []

    def do_POST(self) -> None:  # a Slack-style webhook: records the body, answers 200
        length = int(self.headers.get("content-length", 0))
        self.received.append(self.rfile.read(length).decode("utf-8"))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def webhook() -> Iterator[tuple[str, list[str]]]:
    handler = type("Hook", (_Hook,), {"received": []})
    server = HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"json://127.0.0.1:{server.server_address[1]}/hook", handler.received  # apprise JSON
    server.shutdown()


# --------------------------------------------------------------------------- story 3


def test_story3_dismissed_alert_stays_dismissed(
    tmp_path: Path, context_page, webhook: tuple[str, list[str]]
) -> None:
    page, watch = context_page
    url, posts = webhook
    db = tmp_path / "voc.duckdb"
    truth = detection_db.build(db)
    settings = Settings(db=db, notify_urls=[url])
    # Monday after the burst's first week: detection sees up to that week and announces it.
    first_now = datetime(2026, 8, 17, 8, 0)
    first = run_detection(settings, None, first_now)
    assert first["week"] == truth["burst_week"]
    burst = [a for a in first["alerts"] if a.get("topic_label") == BURST and a["status"] == "nuovo"]
    assert len(burst) == 1 and burst[0]["alert_id"] in first["new_alerts"]
    assert any(BURST in p for p in posts)
    alert_id = burst[0]["alert_id"]

    with harness.served_app(settings, clock=lambda: first_now) as app:
        page.goto(f"{app.url}/allarmi")
        card = page.locator(f'#aperti article[data-alert-id="{alert_id}"]')
        assert card.count() == 1
        form = card.locator('form[data-action="falso allarme"]')
        form.locator('input[name="reason"]').fill("migrazione delle fatture già gestita")
        form.locator("button").click()
        page.wait_for_load_state()
        assert "falso allarme" in page.locator("[data-flash]").inner_text()
        assert page.locator(f'#aperti [data-alert-id="{alert_id}"]').count() == 0
        past = page.locator(f'#passati tr[data-alert-id="{alert_id}"]').inner_text()
        assert "falso allarme" in past and "migrazione delle fatture" in past

        # The next week: the complaint goes on; detection replays every week.
        posts.clear()
        second = run_detection(settings, None, datetime(2026, 8, 24, 8, 0))
        assert second["week"] == truth["new_theme_week"]
        row = next(a for a in second["alerts"] if a["alert_id"] == alert_id)
        assert row["status"] != "nuovo" and row["triage_state"] == "falso allarme"
        assert alert_id not in second["new_alerts"]
        assert not any(BURST in p for p in posts)  # nothing sent about it
        page.goto(f"{app.url}/allarmi")
        assert page.locator(f'#aperti [data-alert-id="{alert_id}"]').count() == 0
        assert (
            truth["new_theme_week"]
            in page.locator(f'#passati tr[data-alert-id="{alert_id}"]').inner_text()
        )
        watch.assert_clean(app.url)
    con = duckdb.connect(str(db), read_only=True)
    try:
        states = con.execute(
            "SELECT DISTINCT triage_state, triage_reason FROM v_emerging_complaints"
            " WHERE alert_id = ?",
            [alert_id],
        ).fetchall()
    finally:
        con.close()
    assert states == [("falso allarme", "migrazione delle fatture già gestita")]


# --------------------------------------------------------------------------- story 6


@pytest.fixture(scope="module")
def ui_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_ui_db(tmp_path_factory.mktemp("ui-browser") / "ui.duckdb")


def test_story6_token_required_off_loopback(ui_db: Path, context_page) -> None:
    page, watch = context_page
    with harness.served_app(Settings(db=ui_db), host="0.0.0.0", token=TOKEN,
                            clock=lambda: fx.NOW) as app:  # fmt: skip
        response = page.goto(f"{app.url}/settimana")
        assert response is not None and response.status == 401
        assert page.locator('input[name="token"]').count() == 1
        for header in ({}, {"Authorization": "Bearer not-the-token-at-all"}):
            assert page.request.get(f"{app.url}/verbatim", headers=header).status == 401
        page.fill('input[name="token"]', "wrong-token-wrong-token")
        page.click("form[action='/accesso'] button")
        assert page.locator("[role=alert]").inner_text() == "Token non valido."
        page.fill('input[name="token"]', TOKEN)
        with page.expect_navigation():
            page.click("form[action='/accesso'] button")
        assert page.url.endswith("/settimana") and page.locator("[data-kpi]").count() == 5
        bearer = page.request.get(f"{app.url}/temi", headers={"Authorization": f"Bearer {TOKEN}"})
        assert bearer.status == 200
        watch.assert_clean(app.url, 401)


def test_story6_cli_refuses_an_open_bind_without_token(ui_db: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "voc", "ui", "--host", "0.0.0.0", "--no-open", "--db", str(ui_db)],
        cwd=tmp_path, env=voc_env(tmp_path, fx.NOW), capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2
    lines = [ln for ln in (done.stderr + done.stdout).splitlines() if ln.strip()]
    assert "Traceback" not in done.stderr and any("VOC_UI_TOKEN" in ln for ln in lines)


class _Evil(BaseHTTPRequestHandler):
    """Another site: its page posts a hidden form to the workbench as soon as it opens."""

    target = ""

    def do_GET(self) -> None:
        body = (
            "<!DOCTYPE html><html><body>"
            f"<form id=f method=post action='{self.target}/temi/rinomina'>"
            "<input name=csrf value=guessed><input name=topic_id value=1>"
            "<input name=name value=Hacked></form>"
            "<script>document.getElementById('f').submit()</script></body></html>"
        ).encode()
        self.send_response(200)
        self.send_header("content-type", "text/html")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def test_story6_cross_site_post_is_refused(ui_db: Path, context_page) -> None:
    page, _watch = context_page
    with harness.served_app(Settings(db=ui_db), clock=lambda: fx.NOW) as app:
        page.goto(f"{app.url}/temi")  # the user has the app open in the same browser
        handler = type("Evil", (_Evil,), {"target": app.url})
        evil = HTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=evil.serve_forever, daemon=True).start()
        try:
            with page.expect_response(lambda r: r.url.endswith("/temi/rinomina")) as posted:
                page.goto(f"http://127.0.0.1:{evil.server_address[1]}/")
            assert posted.value.status == 403
        finally:
            evil.shutdown()
        page.goto(f"{app.url}/temi")
        assert "Hacked" not in page.inner_text("body")
    con = duckdb.connect(str(ui_db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM theme_edits").fetchone() == (0,)
    finally:
        con.close()


_INJECTED_NODES = """
() => ({
  scripts: Array.from(document.scripts).map(s => s.getAttribute('src')),
  images: document.querySelectorAll('img').length,
  handlers: Array.from(document.querySelectorAll('*'))
    .filter(e => Array.from(e.attributes).some(a => a.name.startsWith('on'))).length,
  text: document.body.innerText,
})
"""


def test_story6_injected_script_is_inert(ui_db: Path, context_page) -> None:
    page, watch = context_page
    with harness.served_app(Settings(db=ui_db), clock=lambda: fx.NOW) as app:
        secret = "rimborsatemi"
        for path in ("/verbatim?settimana=2026-W10", "/verbatim/tickets:9001",
                     f"/verbatim?q={secret}", "/verbatim?q=DROP+TABLE"):  # fmt: skip
            page.goto(app.url + path)
            nodes = page.evaluate(_INJECTED_NODES)
            assert nodes["scripts"] == ["/static/app.js"]  # ours, from this server, nothing else
            assert nodes["images"] == 0 and nodes["handlers"] == 0
            if "DROP" not in path:
                assert SCRIPT in nodes["text"]  # shown as text, as the customer wrote it
        assert "DROP TABLE documents;--" in page.inner_text("body")
        watch.assert_clean(app.url)
        logged = "\n".join(app.log.lines)
    assert "GET /verbatim 200" in logged
    assert secret not in logged and "q=" not in logged
    assert not any(text[:15] in logged for text in INJECTED.values())
