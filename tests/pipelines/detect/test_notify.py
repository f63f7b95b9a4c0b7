"""Notifications against a local HTTP server and a local SMTP server (never a real address)."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from datetime import datetime
from email import message_from_bytes
from email.policy import default as default_policy
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from pipelines import store
from pipelines.config import Settings
from pipelines.detect.notify import (
    NotificationError,
    alert_text,
    notify_alerts,
    send_webhook,
    slack_payload,
    teams_payload,
)
from pipelines.errors import VocError
from pipelines.steps.detect import run_detection
from tests.fixtures.detection_db import build

ALERT = {
    "alert_id": "topic:2:2026-W33",
    "iso_week": "2026-W33",
    "scope": "topic",
    "series_key": "2",
    "topic_label": "Addebiti in bolletta",
    "category_label": "Fatturazione e bollette",
    "volume": 24,
    "baseline": 5.83,
    "growth": 3.64,
    "z_score": 5.3,
    "p_value": 1e-6,
    "severity": 61.2,
    "share_negativo": 0.7,
    "share_baseline": 0.25,
    "channels": ["app_store", "google"],
    "kinds": ["reviews"],
    "quotes": ["Doppio addebito dopo l'aggiornamento dell'app", "Mi avete addebitato due volte"],
    "keywords": [],
}


class _Recorder(BaseHTTPRequestHandler):
    status = 200
    received: ClassVar[list[dict]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append(
            {"path": self.path, "type": self.headers["Content-Type"], "json": json.loads(body)}
        )
        self.send_response(type(self).status)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        """Silence the default stderr logging."""


@pytest.fixture
def webhook() -> Iterator[tuple[str, type[_Recorder]]]:
    handler = type("Recorder", (_Recorder,), {"received": [], "status": 200})
    server = HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/hook", handler
    finally:
        server.shutdown()
        server.server_close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def smtp_server() -> Iterator[tuple[int, list]]:
    controller_mod = pytest.importorskip("aiosmtpd.controller")
    messages: list = []

    class Handler:
        async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
            messages.append(envelope)
            return "250 OK"

    port = _free_port()
    controller = controller_mod.Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port, messages
    finally:
        controller.stop()


def test_alert_text_is_italian_and_complete() -> None:
    subject, body = alert_text(ALERT)
    assert subject == "[VoC] Nuovo reclamo emergente: Addebiti in bolletta (2026-W33)"
    assert "Negativi: 24 (attesi 5,8, crescita ×3,6)" in body
    assert "Quota negativa: 70% (di solito 25%)" in body
    assert "Categoria: Fatturazione e bollette" in body
    assert "«Mi avete addebitato due volte»" in body
    assert "app_store, google" in body


def test_webhook_posts_slack_and_teams_json(webhook: tuple[str, type[_Recorder]]) -> None:
    url, recorder = webhook
    send_webhook(url, slack_payload(ALERT))
    send_webhook(url, teams_payload(ALERT))
    slack, teams = recorder.received
    assert slack["path"] == "/hook" and slack["type"].startswith("application/json")
    assert slack["json"]["text"].startswith("[VoC] Nuovo reclamo emergente")
    assert slack["json"]["blocks"][1]["text"]["text"].count("«") == 2
    assert teams["json"]["@type"] == "MessageCard" and "<br>" in teams["json"]["text"]


def test_webhook_error_is_reported_not_marked(webhook: tuple[str, type[_Recorder]]) -> None:
    url, recorder = webhook
    recorder.status = 500
    with pytest.raises(NotificationError, match="HTTP 500"):
        send_webhook(url, slack_payload(ALERT))
    result = notify_alerts([ALERT], Settings(webhook_url=url))
    assert result["sent"] == [] and "HTTP 500" in result["errors"][0]
    closed = f"http://127.0.0.1:{_free_port()}/hook"
    assert notify_alerts([ALERT], Settings(webhook_url=closed))["errors"]


def test_typed_settings_pick_format_tls_and_secrets(
    webhook: tuple[str, type[_Recorder]], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, recorder = webhook
    blocks = {"voc-hook": url}

    def load_block(name: str) -> str:
        if name not in blocks:
            raise VocError(f"cannot load the Prefect Secret block '{name}'")
        return blocks[name]

    monkeypatch.setattr("pipelines.config.load_prefect_secret", load_block)
    mail: dict = {}
    monkeypatch.setattr("pipelines.detect.notify.send_email", lambda *a, **kw: mail.update(kw))
    settings = Settings(
        webhook_url="prefect-secret:voc-hook", webhook_format="Teams", smtp_host="127.0.0.1",
        smtp_to="cx@example.test", smtp_starttls="sì", smtp_user="voc", smtp_password="pw",
    )  # fmt: skip
    assert notify_alerts([ALERT], settings) == {"sent": [ALERT["alert_id"]], "errors": []}
    assert recorder.received[0]["json"]["@type"] == "MessageCard"
    assert mail == {"starttls": True, "user": "voc", "password": "pw"}
    # A block that cannot be read is one error line; the other channel still delivers.
    missing = settings.replace(webhook_url="prefect-secret:gone")
    result = notify_alerts([ALERT], missing)
    assert result["sent"] == [ALERT["alert_id"]]
    assert result["errors"] == ["webhook_url: cannot load the Prefect Secret block 'gone'"]
    assert len(recorder.received) == 1


def test_email_goes_to_every_recipient(smtp_server: tuple[int, list]) -> None:
    port, messages = smtp_server
    settings = Settings(
        smtp_host="127.0.0.1", smtp_port=port, smtp_from="voc@example.test",
        smtp_to="cx@example.test; qualita@example.test",
    )  # fmt: skip
    result = notify_alerts([ALERT], settings)
    assert result == {"sent": ["topic:2:2026-W33"], "errors": []}
    (envelope,) = messages
    assert envelope.mail_from == "voc@example.test"
    assert envelope.rcpt_tos == ["cx@example.test", "qualita@example.test"]
    msg = message_from_bytes(envelope.content, policy=default_policy)
    assert msg["Subject"] == "[VoC] Nuovo reclamo emergente: Addebiti in bolletta (2026-W33)"
    assert "Doppio addebito dopo l'aggiornamento dell'app" in msg.get_content()


def test_new_alerts_are_notified_once(
    tmp_path: Path, webhook: tuple[str, type[_Recorder]], smtp_server: tuple[int, list]
) -> None:
    url, recorder = webhook
    port, messages = smtp_server
    path = tmp_path / "voc.duckdb"
    truth = build(path)
    settings = Settings(
        db=path, webhook_url=url, smtp_host="127.0.0.1", smtp_port=port,
        smtp_from="voc@example.test", smtp_to="cx@example.test",
    )  # fmt: skip
    now = datetime(2026, 8, 25, 8)
    first = run_detection(settings, None, now)
    assert first["new_alerts"] and first["notified"] == len(first["new_alerts"])
    assert len(recorder.received) == len(messages) == len(first["new_alerts"])
    # Only the report week's new alerts: the burst that opened a week earlier is not re-sent.
    texts = [r["json"]["text"] for r in recorder.received]
    assert all(truth["last_week"] in t for t in texts)

    second = run_detection(settings, None, now)
    assert second["notified"] == 0 and second["new_alerts"] == []
    assert len(recorder.received) == len(first["new_alerts"])
    con = store.connect(path, read_only=True)
    stamped = con.execute(
        "SELECT DISTINCT alert_id FROM v_emerging_complaints WHERE notified_at IS NOT NULL"
    ).df()["alert_id"]
    con.close()
    assert sorted(stamped) == sorted(first["new_alerts"])


def test_no_channel_configured_sends_nothing(tmp_path: Path) -> None:
    path = tmp_path / "voc.duckdb"
    build(path)
    summary = run_detection(Settings(db=path), None, datetime(2026, 8, 25, 8))
    assert summary["new_alerts"] and summary["notified"] == 0
