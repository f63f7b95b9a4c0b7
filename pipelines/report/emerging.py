"""The emerging-complaints section: alerts in plain Italian, each with its weekly chart.

Alerts are ``v_emerging_complaints`` rows. The chart of an alert plots the weekly counts the
detector counted (see :func:`series_source`); the caller reads them from the store and passes
them in by the alert's position.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from pipelines.report import charts
from pipelines.report.fmt import (
    DASH,
    KIND_LABELS,
    as_list,
    fmt_int,
    fmt_num,
    fmt_pct,
    missing,
    truncate,
)

__all__ = [
    "NO_ALERTS",
    "charted_alerts",
    "describe_significance",
    "emerging_section",
    "series_source",
    "triage_text",
]

MAX_ALERTS = 8
QUOTES_PER_ALERT = 3
MAX_CHANNELS = 6
QUOTE_CHARS = 280
NO_ALERTS = "Nessuna lamentela emergente questa settimana"


def _p_text(p_value: float) -> str:
    if p_value < 0.001:
        return "p < 0,001"
    return "p = " + fmt_num(p_value, 3)


def describe_significance(alert: dict[str, Any]) -> str:
    """Explain an alert's statistics in one or two plain Italian sentences.

    Args:
        alert: a ``v_emerging_complaints`` row as a dict (``volume``, ``baseline``, ``z_score``,
            ``p_value``, ``scope``).

    Returns:
        e.g. "42 segnalazioni contro le 8,5 attese (4,9 volte tanto). È molto improbabile che
        sia un caso (p < 0,001)."
    """
    volume = None if missing(alert.get("volume")) else float(alert["volume"])
    baseline = None if missing(alert.get("baseline")) else float(alert["baseline"])
    parts: list[str] = []
    n = fmt_int(volume) if volume is not None else DASH
    noun = "segnalazione" if volume == 1 else "segnalazioni"
    if alert.get("scope") == "new_topic" or not baseline:
        parts.append(
            f"Tema nuovo: {n} {noun} questa settimana, assente nelle settimane precedenti."
        )
    else:
        ratio = (volume or 0.0) / baseline
        if ratio >= 1.95:
            growth = f"{fmt_num(ratio, 1)} volte tanto"
        else:
            growth = fmt_pct(ratio - 1, 0, signed=True)
        parts.append(
            f"{n} {noun} questa settimana contro le {fmt_num(baseline, 1)} attese in base alle "
            f"settimane precedenti ({growth})."
        )
    p_value = None if missing(alert.get("p_value")) else float(alert["p_value"])
    z_score = None if missing(alert.get("z_score")) else float(alert["z_score"])
    if p_value is None and z_score is not None:
        # One-sided normal tail, so a z-only detector still gets a plain-words reading.
        p_value = 0.5 * math.erfc(z_score / math.sqrt(2))
    if p_value is None:
        parts.append("Significatività statistica non disponibile.")
    elif p_value < 0.001:
        parts.append(f"È molto improbabile che sia un caso ({_p_text(p_value)}).")
    elif p_value < 0.01:
        parts.append(f"È improbabile che sia un caso ({_p_text(p_value)}).")
    elif p_value < 0.05:
        parts.append(
            f"Aumento significativo ma da confermare la prossima settimana ({_p_text(p_value)})."
        )
    else:
        parts.append(
            f"Segnale debole: potrebbe essere una fluttuazione casuale ({_p_text(p_value)})."
        )
    return " ".join(parts)


def _alert_label(alert: dict[str, Any]) -> tuple[str, str]:
    scope = alert.get("scope")
    topic = alert.get("topic_label")
    category = alert.get("category_label")
    if scope == "channel" and alert.get("channel"):
        return f"Canale {alert['channel']}", "picco su un canale"
    if scope == "kind" and alert.get("kind"):
        return KIND_LABELS.get(str(alert["kind"]), str(alert["kind"])), "picco su una fonte"
    if scope == "category" and category:
        return str(category), "categoria"
    if topic:
        return str(topic), str(category) if category else "tema"
    return str(category or "Lamentela"), "tema"


def _status_badge(alert: dict[str, Any]) -> tuple[str, str]:
    status = str(alert.get("status") or "")
    if status == "in corso":
        since = alert.get("first_seen_week")
        return (f"In corso dal {since}" if since else "In corso"), "ongoing"
    if status == "rientrato":
        return "Rientrata", "resolved"
    return "Nuova", "new"


TRIAGE_BADGES = {
    "preso in carico": ("Presa in carico", "ongoing"),
    "risolto": ("Risolta dal team", "resolved"),
    "falso allarme": ("Falso allarme", "resolved"),
}


def triage_text(alert: Mapping[str, Any]) -> dict[str, str] | None:
    """The team's triage of an alert, for its card (``None``: nobody triaged it).

    Returns:
        ``badge``, ``badge_class`` and ``text`` (owner, note or reason, in Italian).
    """
    state = alert.get("triage_state")
    if not isinstance(state, str) or state not in TRIAGE_BADGES:
        return None
    badge, badge_class = TRIAGE_BADGES[state]
    details = []
    owner, note, reason = (alert.get(k) for k in ("triage_owner", "triage_note", "triage_reason"))
    if isinstance(owner, str) and owner:
        details.append(f"responsabile: {owner}")
    if isinstance(reason, str) and reason:
        details.append(f"motivo: {reason}")
    if isinstance(note, str) and note:
        details.append(f"nota: {note}")
    text = badge + (" — " + "; ".join(details) if details else "")
    return {"badge": badge, "badge_class": badge_class, "text": text}


def _dismissed(alert: Mapping[str, Any]) -> bool:
    return alert.get("triage_state") == "falso allarme"


def _severity_text(value: Any) -> str:
    if missing(value):
        return ""
    if isinstance(value, str):
        return value
    return fmt_num(value, 1)


def series_source(alert: Mapping[str, Any]) -> tuple[str, int | str | None]:
    """Which weekly counts stand behind an alert: ``(source, key)``.

    ``source`` is ``"topic"`` (key: topic id), ``"category"`` (category id), ``"channel"`` or
    ``"kind"`` (their value) or ``"documents"`` (all documents, key ``None``). Topics and
    categories are counted at aspect level, the others at document level, like the detector.
    """
    scope = alert.get("scope")
    topic_id: Any = alert.get("topic_id")
    if scope in ("topic", "new_topic") and not missing(topic_id):
        return "topic", int(topic_id)
    if scope == "category" and not missing(alert.get("category_id")):
        return "category", str(alert["category_id"])
    column = {"channel": "channel", "kind": "kind"}.get(str(scope))
    if column is not None and not missing(alert.get(column)):
        return column, str(alert[column])
    return "documents", None


def _alert_series(
    alert: Mapping[str, Any], counts: pd.DataFrame, weeks: list[str]
) -> tuple[list[float], str]:
    """The plotted weekly series of an alert and the chart title.

    Args:
        alert: the alert row.
        counts: ``iso_week, total, negative`` of the alert's :func:`series_source`.
        weeks: the trend window.
    """
    by_week = counts.set_index("iso_week")
    current = str(alert.get("iso_week"))
    volume: Any = alert.get("volume")
    # The detector's volume is the negative count; should a detector report all documents
    # instead, plot that measure so the chart and the sentence agree.
    measure = "negative"
    if (
        not missing(volume)
        and current in by_week.index
        and int(by_week.at[current, "total"]) == int(volume)
        and int(by_week.at[current, "negative"]) != int(volume)
    ):
        measure = "total"
    series = [float(by_week.at[w, measure]) if w in by_week.index else 0.0 for w in weeks]
    title = (
        "Segnalazioni negative per settimana"
        if measure == "negative"
        else "Documenti per settimana"
    )
    return series, title


def _shown(alerts: pd.DataFrame) -> list[tuple[int, dict[str, Any], bool]]:
    """``(position, alert, resolved)`` of the listed alerts: every resolved one, and the first
    ``MAX_ALERTS`` active ones (those get a card and a chart)."""
    shown: list[tuple[int, dict[str, Any], bool]] = []
    n_active = 0
    for i, alert in enumerate(alerts.to_dict("records")):
        if _dismissed(alert):
            continue  # listed apart, without a card
        if _status_badge(alert)[1] == "resolved":
            shown.append((i, alert, True))
        elif n_active < MAX_ALERTS:
            n_active += 1
            shown.append((i, alert, False))
    return shown


def charted_alerts(alerts: pd.DataFrame | None) -> dict[int, tuple[str, int | str | None]]:
    """Position → :func:`series_source` of each alert that gets a chart."""
    if alerts is None:
        return {}
    return {i: series_source(alert) for i, alert, resolved in _shown(alerts) if not resolved}


def emerging_section(
    alerts: pd.DataFrame | None,
    counts: Mapping[int, pd.DataFrame],
    week: str,
    weeks: list[str],
) -> dict[str, Any]:
    """Template data of the emerging-complaints section.

    Args:
        alerts: the week's ``v_emerging_complaints`` rows, most severe first (resolved last);
            ``None`` when the view is missing or unreadable (section marked unavailable).
        counts: the weekly counts of each charted alert, by position (:func:`charted_alerts`).
        week: the report's week.
        weeks: the trend window.
    """
    if alerts is None:
        return {
            "available": False, "active": [], "resolved": [], "dismissed": [],
            "empty_text": NO_ALERTS,
        }  # fmt: skip
    # Dismissed episodes are not news: one line each, with the team's reason.
    dismissed = [
        {"label": _alert_label(a)[0], "text": (triage_text(a) or {}).get("text", "")}
        for a in alerts.to_dict("records")
        if _dismissed(a)
    ]
    active: list[dict[str, Any]] = []
    resolved: list[dict[str, Any]] = []
    for i, alert, is_resolved in _shown(alerts):
        label, context = _alert_label(alert)
        badge, badge_class = _status_badge(alert)
        if is_resolved:
            resolved.append({"label": label, "context": context, "badge": badge})
            continue
        series, chart_title = _alert_series(alert, counts[i], weeks)
        baseline = None if missing(alert.get("baseline")) else float(alert["baseline"])
        fig = charts.growth_chart(weeks, series, baseline, week, chart_title)
        quotes = [truncate(q, QUOTE_CHARS) for q in as_list(alert.get("quotes"))]
        channels_list = [str(c) for c in as_list(alert.get("channels"))]
        if len(channels_list) > MAX_CHANNELS:
            hidden = len(channels_list) - MAX_CHANNELS
            channels_list = [*channels_list[:MAX_CHANNELS], f"altri {hidden}"]
        kinds = [KIND_LABELS.get(str(k), str(k)) for k in as_list(alert.get("kinds"))]
        active.append(
            {
                "label": label,
                "context": context,
                "badge": badge,
                "badge_class": badge_class,
                "severity": _severity_text(alert.get("severity")),
                "significance": describe_significance(alert),
                "volume": fmt_int(alert.get("volume")),
                "share_neg": fmt_pct(alert.get("share_negativo"), 0),
                "channels": channels_list,
                "kinds": kinds,
                "quotes": quotes[:QUOTES_PER_ALERT],
                "chart": charts.figure_html(fig, f"alert-chart-{i}"),
                "triage": triage_text(alert),
            }
        )
    return {
        "available": True, "active": active, "resolved": resolved, "dismissed": dismissed,
        "empty_text": NO_ALERTS,
    }  # fmt: skip
