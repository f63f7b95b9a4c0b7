"""Notifications of new emerging-complaint alerts, sent through apprise.

Configured in ``[notify]`` of ``voc.toml`` (typed in :class:`pipelines.config.NotifySection`): one
apprise URL per destination, the same Italian message to each::

    [notify]
    notify_urls = ["prefect-secret:voc-notify"]   # or VOC_NOTIFY_URLS="URL URL" (space-separated)

    # what the URLs (or the Secret block, one URL per line) look like:
    #   https://hooks.slack.com/services/T…/B…/…     Slack incoming webhook (or slack://T…/B…/…)
    #   https://…/workflows/…/triggers/manual/paths/invoke?…&sig=…   Teams Workflows (Adaptive Card)
    #   mailtos://voc:PASSWORD@example.it?smtp=smtp.example.it&to=cx@example.it,qualita@example.it
    #   json://host/path                              any JSON webhook; the rest: apprise's list

One message per new alert. The caller (``pipelines/steps/detect.py``) records which alerts were
sent in ``alerts.notified_at``, so the same alert is never announced twice. Quotes are the stored
(redacted) texts, sent as plain text: each service escapes it for its own markup.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import apprise

from pipelines.config import Settings, reveal
from pipelines.errors import VocError

log = logging.getLogger("voc")

__all__ = ["alert_text", "destinations", "notify_alerts"]


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


def destinations(
    settings: Settings, loader: Callable[[str], str] | None = None
) -> tuple[list[Any], list[str]]:
    """The apprise services of ``notify_urls`` (Secret blocks read now), and one line per problem.

    An error line names the entry by position and the service, never the URL (it holds tokens).
    """
    services: list[Any] = []
    errors: list[str] = []
    for position, secret in enumerate(settings.notify_urls, start=1):
        where = f"notify_urls[{position}]"
        try:
            urls = reveal(secret, loader).split()
        except VocError as exc:
            errors.append(f"{where}: {exc}")
            continue
        for url in urls:
            service = apprise.Apprise.instantiate(url)
            if service is None:
                scheme = url.split("://", 1)[0] if "://" in url else "?"
                errors.append(f"{where}: not an apprise URL this version knows (scheme '{scheme}')")
            else:
                services.append(service)
    return services, errors


@contextmanager
def _apprise_warnings() -> Iterator[Callable[[], str]]:
    """Capture what apprise says at WARNING and above (why a delivery failed), nothing below.

    Its DEBUG lines carry the payload, i.e. customer quotes: they must never reach a log.
    """
    logger = logging.getLogger("apprise")
    level, propagate = logger.level, logger.propagate
    # Not propagated either: the caller logs one line per failure, with the alert it concerns.
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    try:
        with apprise.LogCapture(level=logging.WARNING, fmt="%(message)s") as captured:
            yield lambda: " ".join(captured.getvalue().split())
    finally:
        logger.setLevel(level)
        logger.propagate = propagate


def notify_alerts(
    alerts: Sequence[Mapping[str, Any]],
    settings: Settings,
    loader: Callable[[str], str] | None = None,
) -> dict[str, list[str]]:
    """Send one message per alert to every destination of ``notify_urls``.

    An alert counts as notified when at least one destination took it (retrying it would
    repeat the message where it worked).

    Args:
        alerts: alert rows (``v_emerging_complaints`` columns).
        settings: ``notify_urls``; entries naming a Prefect Secret block are read here.
        loader: replaces the Prefect Secret loader (tests).

    Returns:
        ``sent``: alert ids delivered; ``errors``: one line per failure (no URL, no secret).
    """
    services, errors = destinations(settings, loader)
    sent: list[str] = []
    for alert in alerts:
        alert_id = str(alert.get("alert_id"))
        subject, body = alert_text(alert)
        ok = False
        for service in services:
            # Through an Apprise object, not the service itself: it converts the plain text to
            # each service's markup (HTML e-mail keeps its lines, Slack escapes its markdown).
            sender = apprise.Apprise()
            sender.add(service)
            with _apprise_warnings() as said:
                delivered = sender.notify(
                    body=body, title=subject, body_format=apprise.NotifyFormat.TEXT
                )
            if delivered:
                ok = True
            else:
                reason = said() or "delivery failed"
                errors.append(f"{alert_id}: {service.service_name}: {reason}")
        if ok:
            sent.append(alert_id)
    for line in errors:
        log.warning("notification failed: %s", line)
    return {"sent": sent, "errors": errors}
