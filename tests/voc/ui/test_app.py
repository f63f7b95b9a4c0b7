"""The workbench over HTTP: pages, security headers, auth, CSRF, escaping, logs, busy DB."""

from __future__ import annotations

import logging
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from starlette.testclient import TestClient

from tests.fixtures.ui_db import INJECTED, SCRIPT, SQL
from tests.voc.ui.conftest import ORIGIN, csrf_of, make_client
from voc.ui.app import CSP

TOKEN = "a-long-enough-test-token"
PAGES = ["/settimana", "/verbatim", "/verbatim?settimana=2026-W10", "/temi", "/allarmi",
         "/revisione", "/clienti",
         "/verbatim/tickets:9001"]  # fmt: skip


@pytest.mark.parametrize("path", PAGES)
def test_pages_render_with_a_strict_policy(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-security-policy"] == CSP
    assert "'unsafe-inline'" not in CSP and "default-src 'none'" in CSP
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "same-origin"
    assert response.headers["server-timing"].startswith("app;dur=")
    html = response.text
    assert '<html lang="it">' in html
    # nothing inline that the policy would block, and nothing fetched from elsewhere
    assert "<script>" not in html and " style=" not in html and "http://" not in html


def test_settimana_links_every_kpi_to_its_documents(client: TestClient) -> None:
    html = client.get("/settimana").text
    for key in ("volume", "net_sentiment", "mean_rating", "share_negativo", "churn_intent"):
        assert f'data-drill="{key}"' in html
    assert "/verbatim?settimana=2026-W10&amp;sentiment=negativo" in html


def test_injected_strings_render_inert(client: TestClient, ui_db: Path) -> None:
    for path in ("/verbatim?settimana=2026-W10", "/verbatim/tickets:9001",
                 "/verbatim?q=" + SQL):  # fmt: skip
        html = client.get(path).text
        assert SCRIPT not in html and "<img src=x" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    html = client.get("/verbatim", params={"q": SQL}).text
    assert 'data-total="1"' in html and "DROP TABLE documents;--" in html
    con = duckdb.connect(str(ui_db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] > 200
    finally:
        con.close()


def test_search_is_literal_and_accent_blind(client: TestClient) -> None:
    # '%' is a wildcard in LIKE, a plain character here
    assert 'data-total="0"' in client.get("/verbatim", params={"q": "%"}).text
    both = client.get("/verbatim", params={"q": "BOLLETTA rimborsatemi"}).text
    assert 'data-total="1"' in both and 'data-doc="tickets:9001"' in both


def test_bad_parameters_are_one_line_errors(client: TestClient) -> None:
    for path in ("/verbatim?settimana=2026-W99", "/verbatim?tema=abc",
                 "/verbatim?sentiment=arrabbiato", "/settimana?settimana=ieri"):  # fmt: skip
        response = client.get(path)
        assert response.status_code == 400 and "data-error" in response.text
    assert "settimana non valida: «2026-W99»" in client.get("/verbatim?settimana=2026-W99").text
    missing = client.get("/verbatim/nessuno:1")
    assert missing.status_code == 404 and "Documento non trovato." in missing.text


def test_dns_rebinding_host_is_refused(client: TestClient) -> None:
    response = client.get("/settimana", headers={"Host": "evil.example:8765"})
    assert response.status_code == 400


def test_token_required_off_loopback(ui_db: Path) -> None:
    with make_client(ui_db, host="0.0.0.0", token=TOKEN) as c:
        assert c.get("/settimana").status_code == 401
        assert c.get("/settimana", headers={"Authorization": "Bearer wrong"}).status_code == 401
        ok = c.get("/settimana", headers={"Authorization": f"Bearer {TOKEN}"})
        assert ok.status_code == 200
        assert c.get("/static/app.css").status_code == 200  # no data in static files
        login = c.get("/accesso")
        bad = c.post("/accesso", data={"csrf": csrf_of(login.text), "token": "nope"},
                     headers=ORIGIN)  # fmt: skip
        assert bad.status_code == 401 and "Token non valido" in bad.text
        good = c.post(
            "/accesso",
            data={"csrf": csrf_of(login.text), "token": TOKEN, "next": "/temi"},
            headers=ORIGIN,
            follow_redirects=False,
        )
        assert good.status_code == 303 and good.headers["location"] == "/temi"
        cookie = good.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=strict" in cookie and TOKEN not in cookie
        assert c.get("/temi").status_code == 200


def test_every_post_needs_same_origin_and_csrf_token(client: TestClient) -> None:
    token = csrf_of(client.get("/settimana").text)
    posts = sorted(
        {r.path for r in client.app.routes if "POST" in getattr(r, "methods", set())}  # type: ignore[attr-defined]
    )
    assert "/utente" in posts and "/accesso" in posts
    for path in posts:
        target = path.replace("{alert_id}", "x")
        cross = client.post(target, data={"csrf": token}, headers={"Origin": "http://evil.example"})
        assert cross.status_code == 403, path
        no_origin = client.post(target, data={"csrf": token})
        assert no_origin.status_code == 403, path
        no_token = client.post(target, data={"name": "x"}, headers=ORIGIN)
        assert no_token.status_code == 403, path
    other_browser = make_client(client.app.state.settings.db)  # type: ignore[attr-defined]
    stolen = other_browser.post("/utente", data={"csrf": token, "name": "x"}, headers=ORIGIN)
    assert stolen.status_code == 403
    ok = client.post("/utente", data={"csrf": token, "name": "Giulia <b>", "back": "//evil.com"},
                     headers=ORIGIN, follow_redirects=False)  # fmt: skip
    assert ok.status_code == 303 and ok.headers["location"] == "/"
    assert "Giulia &lt;b&gt;" in client.get("/settimana").text


def test_log_has_paths_only(client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    secret = "rimborsatemi"
    with caplog.at_level(logging.INFO, logger="voc.ui"):
        client.get("/verbatim", params={"q": secret})
        client.get("/verbatim/tickets:9001")
    lines = [r.getMessage() for r in caplog.records if r.name == "voc.ui"]
    assert any(line.startswith("GET /verbatim 200") for line in lines)
    text = "\n".join(lines)
    assert secret not in text and "q=" not in text
    assert not any(t[:12] in text for t in INJECTED.values())


def test_busy_database_says_so_and_recovers(ui_db: Path, tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('held', flush=True);"
         " time.sleep(60)", str(ui_db)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with make_client(ui_db) as c:
            busy = c.get("/settimana")
            assert busy.status_code == 503 and busy.headers["retry-after"] == "5"
            assert "Aggiornamento in corso, riprova tra poco" in busy.text
    finally:
        holder.kill()
        holder.wait()
    deadline = time.monotonic() + 10
    with make_client(ui_db) as c:
        while (status := c.get("/settimana").status_code) == 503 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert status == 200


def test_unexpected_error_logs_type_only(client: TestClient, caplog: pytest.LogCaptureFixture,
                                         monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    from pipelines.steps import ui as steps_ui

    def boom(*_a: object, **_k: object) -> None:
        raise RuntimeError("customer text: rimborsatemi")

    monkeypatch.setattr(steps_ui, "alerts_page", boom)
    with caplog.at_level(logging.INFO):
        response = client.get("/allarmi")
    assert response.status_code == 500
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "RuntimeError" in logged and "rimborsatemi" not in logged
