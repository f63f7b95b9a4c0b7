"""Notifications of new emerging-complaint alerts: webhook (Slack/Teams) and SMTP e-mail.

Configured in ``[notify]`` of ``voc.toml`` (typed in :class:`pipelines.config.NotifySection`)::

    [notify]
    webhook_url = "prefect-secret:voc-webhook"           # or VOC_WEBHOOK_URL; Slack or Teams
    webhook_format = "slack"                             # slack (default) | teams
    smtp_host = "smtp.example.it"
    smtp_port = 587
    smtp_from = "voc@example.it"
    smtp_to = "cx-team@example.it, qualita@example.it"
    smtp_starttls = true                                 # optional
    smtp_user = "voc"                                    # optional; password from VOC_SMTP_PASSWORD
                                                         # or smtp_password = "prefect-secret:NAME"

One message per new alert. The caller (``pipelines/steps/detect.py``) records which alerts were
sent in ``alerts.notified_at``, so the same alert is never announced twice. Quotes are the stored
(redacted) texts.
"""

from __future__ import annotations

import json
import logging
import smtplib
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from email.message import EmailMessage
from typing import Any

from pipelines.config import Settings, reveal
from pipelines.errors import VocError

log = logging.getLogger("voc")

__all__ = [
    "NotificationError",
    "alert_text",
    "notify_alerts",
    "send_email",
    "send_webhook",
    "slack_payload",
    "teams_payload",
]


class NotificationError(RuntimeError):
    """A webhook or SMTP delivery failed (message in one line)."""


def _num(value: Any, digits: int = 1) -> str:
    """Italian number formatting (decimal comma); '–' for missing values."""
    try:
        x = float(value)
    except (TypeError, ValueError):
        return "–"
    if x != x:  # NaN
        return "–"
    return f"{x:,.{digits}f}".replace(",", "·").replace(".", ",").replace("·", ".")


def _pct(value: Any) -> str:
    try:
        return f"{float(value) * 100:.0f}%"
    except (TypeError, ValueError):
        return "–"


def _list(value: Any) -> list[str]:
    if value is None:
        return []
    try:
        return [str(v) for v in list(value)]
    except TypeError:
        return []


def alert_text(alert: Mapping[str, Any]) -> tuple[str, str]:
    """Subject and plain-text body (Italian) of one alert."""
    label = alert.get("topic_label") or alert.get("category_label") or alert.get("series_key")
    week = alert.get("iso_week")
    subject = f"[VoC] Nuovo reclamo emergente: {label} ({week})"
    lines = [f"Nuovo reclamo emergente — settimana {week}", f"Tema: {label}"]
    if alert.get("category_label") and alert.get("scope") == "topic":
        lines.append(f"Categoria: {alert['category_label']}")
    lines.append(
        f"Negativi: {alert.get('volume')} (attesi {_num(alert.get('baseline'))}, "
        f"crescita ×{_num(alert.get('growth'))}); z = {_num(alert.get('z_score'))}, "
        f"p = {_num(alert.get('p_value'), 5)}"
    )
    if alert.get("share_negativo") is not None:
        base = alert.get("share_baseline")
        lines.append(
            f"Quota negativa: {_pct(alert.get('share_negativo'))}"
            + (f" (di solito {_pct(base)})" if base is not None else "")
        )
    lines.append(f"Gravità: {_num(alert.get('severity'))}")
    channels, kinds = _list(alert.get("channels")), _list(alert.get("kinds"))
    if channels or kinds:
        lines.append(f"Canali: {', '.join(channels) or '–'} · Tipi: {', '.join(kinds) or '–'}")
    keywords = _list(alert.get("keywords"))
    if keywords:
        lines.append(f"Parole chiave: {', '.join(keywords)}")
    quotes = _list(alert.get("quotes"))[:5]
    if quotes:
        lines.append("Esempi:")
        lines += [f"  • «{q}»" for q in quotes]
    lines.append(f"Segnalazione: {alert.get('alert_id')}")
    return subject, "\n".join(lines)


def slack_payload(alert: Mapping[str, Any]) -> dict[str, Any]:
    """Slack incoming-webhook payload (``text`` fallback plus ``blocks``)."""
    subject, body = alert_text(alert)
    return {
        "text": subject,
        "blocks": [
            {"type": "header", "text": {"type": "plain_text", "text": subject[:150]}},
            {"type": "section", "text": {"type": "mrkdwn", "text": body[:2900]}},
        ],
    }


def teams_payload(alert: Mapping[str, Any]) -> dict[str, Any]:
    """Microsoft Teams incoming-webhook payload (MessageCard)."""
    subject, body = alert_text(alert)
    return {
        "@type": "MessageCard",
        "@context": "https://schema.org/extensions",
        "summary": subject,
        "title": subject,
        "text": body.replace("\n", "<br>"),
    }


def send_webhook(url: str, payload: Mapping[str, Any], timeout: float = 10.0) -> None:
    """POST ``payload`` as JSON.

    Raises:
        NotificationError: network error or a non-2xx answer.
    """
    data = json.dumps(payload, ensure_ascii=False, default=str).encode("utf-8")
    request = urllib.request.Request(
        url, data=data, method="POST", headers={"Content-Type": "application/json; charset=utf-8"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status = response.status
    except urllib.error.HTTPError as exc:
        raise NotificationError(f"webhook answered HTTP {exc.code}") from None
    except (urllib.error.URLError, OSError) as exc:
        raise NotificationError(f"webhook unreachable ({exc})") from None
    if not 200 <= status < 300:
        raise NotificationError(f"webhook answered HTTP {status}")


def send_email(
    host: str,
    port: int,
    sender: str,
    recipients: Sequence[str],
    subject: str,
    body: str,
    *,
    starttls: bool = False,
    user: str = "",
    password: str = "",
    timeout: float = 10.0,
) -> None:
    """Send a plain-text UTF-8 e-mail.

    Raises:
        NotificationError: connection, authentication or delivery failure.
    """
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = sender
    message["To"] = ", ".join(recipients)
    message.set_content(body)
    try:
        with smtplib.SMTP(host, port, timeout=timeout) as smtp:
            if starttls:
                smtp.starttls()
            if user:
                smtp.login(user, password)
            smtp.send_message(message)
    except (smtplib.SMTPException, OSError) as exc:
        raise NotificationError(f"SMTP {host}:{port} failed ({exc})") from None


def _recipients(value: str) -> list[str]:
    return [r.strip() for r in value.replace(";", ",").split(",") if r.strip()]


def notify_alerts(alerts: Sequence[Mapping[str, Any]], settings: Settings) -> dict[str, list[str]]:
    """Send one webhook message and/or one e-mail per alert.

    An alert counts as notified when at least one configured channel delivered it (retrying
    it would repeat the message on the channel that worked).

    Args:
        alerts: alert rows (``v_emerging_complaints`` columns).
        settings: the ``[notify]`` keys; the secrets (``webhook_url``, ``smtp_password``) are
            read here, from a Prefect Secret block when they name one.

    Returns:
        ``sent``: alert ids delivered; ``errors``: one line per failure.
    """
    fmt = settings.webhook_format
    sent: list[str] = []
    errors: list[str] = []
    secrets: dict[str, str] = {}
    for key in ("webhook_url", "smtp_password"):
        try:
            secrets[key] = reveal(getattr(settings, key))
        except VocError as exc:
            secrets[key] = ""
            errors.append(f"{key}: {exc}")
    recipients = _recipients(settings.smtp_to)
    use_mail = bool(settings.smtp_host and recipients)
    if settings.smtp_host and not recipients:
        log.warning("smtp_host is set but smtp_to is empty: no e-mail sent")
    for alert in alerts:
        ok = False
        alert_id = str(alert.get("alert_id"))
        if secrets["webhook_url"]:
            payload = teams_payload(alert) if fmt == "teams" else slack_payload(alert)
            try:
                send_webhook(secrets["webhook_url"], payload)
                ok = True
            except NotificationError as exc:
                errors.append(f"{alert_id}: {exc}")
        if use_mail:
            subject, body = alert_text(alert)
            try:
                send_email(
                    settings.smtp_host, settings.smtp_port,
                    settings.smtp_from or "voc@localhost", recipients, subject, body,
                    starttls=settings.smtp_starttls, user=settings.smtp_user,
                    password=secrets["smtp_password"],
                )  # fmt: skip
                ok = True
            except NotificationError as exc:
                errors.append(f"{alert_id}: {exc}")
        if ok:
            sent.append(alert_id)
    for line in errors:
        log.warning("notification failed: %s", line)
    return {"sent": sent, "errors": errors}
