"""Notifications through apprise, against local servers only (never a real address): a JSON
webhook (HTTP), Teams Workflows (HTTPS with a throw-away certificate) and SMTP (aiosmtpd)."""

from __future__ import annotations

import json
import socket
import ssl
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from email.policy import default as default_policy
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest

from pipelines import store
from pipelines.config import Settings
from pipelines.detect.notify import alert_text, destinations, notify_alerts
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
SUBJECT = "[VoC] Nuovo reclamo emergente: Addebiti in bolletta (2026-W33)"
# The Workflows URL's signature is a secret: it must never appear in an error line.
SIGNATURE = "sIgN4tUrE-s3cr3t"


class _Recorder(BaseHTTPRequestHandler):
    status = 200
    received: ClassVar[list[dict[str, Any]]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append(
            {"path": self.path, "type": self.headers["Content-Type"], "json": json.loads(body)}
        )
        self.send_response(type(self).status)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        """Silence the default stderr logging."""


def _serve(tls: ssl.SSLContext | None = None) -> tuple[HTTPServer, type[_Recorder]]:
    handler = type("Recorder", (_Recorder,), {"received": [], "status": 200})
    server = HTTPServer(("127.0.0.1", 0), handler)
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, handler


@pytest.fixture
def webhook() -> Iterator[tuple[str, type[_Recorder]]]:
    """A JSON webhook on 127.0.0.1, as apprise's ``json://`` URL."""
    server, handler = _serve()
    try:
        yield f"json://127.0.0.1:{server.server_port}/hook", handler
    finally:
        server.shutdown()
        server.server_close()


def _self_signed(folder: Path) -> ssl.SSLContext:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(key.public_key()).serial_number(1)
        .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=1))
        .sign(key, hashes.SHA256())
    )  # fmt: skip
    (folder / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (folder / "key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(folder / "cert.pem", folder / "key.pem")
    return context


@pytest.fixture
def workflows(tmp_path: Path) -> Iterator[tuple[str, type[_Recorder]]]:
    """A Teams Workflows endpoint on 127.0.0.1 (HTTPS), as apprise's ``workflows://`` URL."""
    pytest.importorskip("cryptography")
    server, handler = _serve(_self_signed(tmp_path))
    handler.status = 202  # what Workflows answers
    url = f"workflows://127.0.0.1:{server.server_port}/wf-voc/{SIGNATURE}?verify=no&image=no"
    try:
        yield url, handler
    finally:
        server.shutdown()
        server.server_close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def smtp_server() -> Iterator[tuple[int, list[Any]]]:
    controller_mod = pytest.importorskip("aiosmtpd.controller")
    messages: list[Any] = []

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


def _mailto(port: int, to: str = "cx@example.test") -> str:
    return f"mailto://127.0.0.1:{port}?smtp=127.0.0.1&from=voc@example.test&to={to}"


def _plain_text(envelope: Any) -> tuple[str, str]:
    message = message_from_bytes(envelope.content, policy=default_policy)
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return str(message["Subject"]), str(part.get_content())


def test_alert_text_is_italian_and_complete() -> None:
    subject, body = alert_text(ALERT)
    assert subject == SUBJECT
    assert "Negativi: 24 (attesi 5,8, crescita ×3,6)" in body
    assert "Quota negativa: 70% (di solito 25%)" in body
    assert "Categoria: Fatturazione e bollette" in body
    assert "«Mi avete addebitato due volte»" in body
    assert "app_store, google" in body


def test_json_webhook_gets_the_italian_message(webhook: tuple[str, type[_Recorder]]) -> None:
    url, recorder = webhook
    assert notify_alerts([ALERT], Settings(notify_urls=[url])) == {
        "sent": [ALERT["alert_id"]],
        "errors": [],
    }
    (posted,) = recorder.received
    assert posted["path"] == "/hook" and posted["type"].startswith("application/json")
    assert posted["json"]["title"] == SUBJECT
    assert posted["json"]["message"] == alert_text(ALERT)[1]


def test_teams_workflows_gets_an_adaptive_card(workflows: tuple[str, type[_Recorder]]) -> None:
    url, recorder = workflows
    assert notify_alerts([ALERT], Settings(notify_urls=[url]))["sent"] == [ALERT["alert_id"]]
    (posted,) = recorder.received
    assert posted["path"].startswith("/workflows/wf-voc/triggers/manual/paths/invoke?")
    assert f"sig={SIGNATURE}" in posted["path"]
    # The Workflows format (Adaptive Card), not the retired connectors' MessageCard.
    assert "@type" not in posted["json"]
    (attachment,) = posted["json"]["attachments"]
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    texts = [block.get("text", "") for block in attachment["content"]["body"]]
    assert SUBJECT in texts
    assert any("«Doppio addebito dopo l'aggiornamento dell'app»" in t for t in texts)


def test_email_goes_to_every_recipient(smtp_server: tuple[int, list[Any]]) -> None:
    port, messages = smtp_server
    url = _mailto(port, to="cx@example.test,qualita@example.test")
    assert notify_alerts([ALERT], Settings(notify_urls=[url])) == {
        "sent": ["topic:2:2026-W33"],
        "errors": [],
    }
    assert sorted(r for e in messages for r in e.rcpt_tos) == [
        "cx@example.test",
        "qualita@example.test",
    ]
    for envelope in messages:
        assert envelope.mail_from == "voc@example.test"
        subject, text = _plain_text(envelope)
        assert subject == SUBJECT
        assert "Doppio addebito dopo l'aggiornamento dell'app" in text
        # One line per fact, as written (the HTML conversion must not run them together).
        lines = text.splitlines()
        assert lines[:2] == [
            "Nuovo reclamo emergente — settimana 2026-W33",
            "Tema: Addebiti in bolletta",
        ]


def test_failures_are_reported_not_marked_and_name_no_secret(
    webhook: tuple[str, type[_Recorder]], workflows: tuple[str, type[_Recorder]]
) -> None:
    url, recorder = webhook
    teams_url, teams = workflows
    recorder.status = teams.status = 500
    result = notify_alerts([ALERT], Settings(notify_urls=[url, teams_url]))
    assert result["sent"] == []
    assert len(result["errors"]) == 2 and all("500" in line for line in result["errors"])
    assert result["errors"][0].startswith("topic:2:2026-W33: JSON: ")
    assert not any(SIGNATURE in line for line in result["errors"])
    closed = f"json://127.0.0.1:{_free_port()}/hook"
    (line,) = notify_alerts([ALERT], Settings(notify_urls=[closed]))["errors"]
    assert line.startswith("topic:2:2026-W33: JSON: ")


def test_urls_from_env_secret_blocks_and_bad_entries(
    webhook: tuple[str, type[_Recorder]], smtp_server: tuple[int, list[Any]]
) -> None:
    url, recorder = webhook
    port, messages = smtp_server
    # A Secret block may hold several URLs (one per line).
    blocks = {"voc-notify": f"{url}\n{_mailto(port)}"}

    def load_block(name: str) -> str:
        if name not in blocks:
            raise VocError(f"cannot load the Prefect Secret block '{name}'")
        return blocks[name]

    settings = Settings(notify_urls="prefect-secret:voc-notify prefect-secret:gone nosuch://x")
    services, errors = destinations(settings, load_block)
    assert [s.service_name for s in services] == ["JSON", "E-Mail"]
    assert errors == [
        "notify_urls[2]: cannot load the Prefect Secret block 'gone'",
        "notify_urls[3]: not an apprise URL this version knows (scheme 'nosuch')",
    ]
    # The destinations that work still deliver; the broken entries are reported.
    result = notify_alerts([ALERT], settings, load_block)
    assert result["sent"] == [ALERT["alert_id"]] and result["errors"] == errors
    assert len(recorder.received) == len(messages) == 1


def test_new_alerts_are_notified_once(
    tmp_path: Path, webhook: tuple[str, type[_Recorder]], smtp_server: tuple[int, list[Any]]
) -> None:
    url, recorder = webhook
    port, messages = smtp_server
    path = tmp_path / "voc.duckdb"
    truth = build(path)
    settings = Settings(db=path, notify_urls=[url, _mailto(port)])
    now = datetime(2026, 8, 25, 8)
    first = run_detection(settings, None, now)
    assert first["new_alerts"] and first["notified"] == len(first["new_alerts"])
    assert len(recorder.received) == len(messages) == len(first["new_alerts"])
    # Only the report week's new alerts: the burst that opened a week earlier is not re-sent.
    titles = [r["json"]["title"] for r in recorder.received]
    assert all(truth["last_week"] in t for t in titles)

    second = run_detection(settings, None, now)
    assert second["notified"] == 0 and second["new_alerts"] == []
    assert len(recorder.received) == len(first["new_alerts"])
    con = store.connect(path, read_only=True)
    stamped = con.execute(
        "SELECT DISTINCT alert_id FROM v_emerging_complaints WHERE notified_at IS NOT NULL"
    ).df()["alert_id"]
    con.close()
    assert sorted(stamped) == sorted(first["new_alerts"])


def test_no_destination_configured_sends_nothing(tmp_path: Path) -> None:
    path = tmp_path / "voc.duckdb"
    build(path)
    summary = run_detection(Settings(db=path), None, datetime(2026, 8, 25, 8))
    assert summary["new_alerts"] and summary["notified"] == 0
