"""The workbench's pages (``voc ui``) as template data: the interactive weekly report.

Frames in (read by :mod:`pipelines.steps.ui`), plain dicts out. Every number a page shows
comes with ``drill``: the filter fields (as in :class:`pipelines.store.ui.DocumentFilter`) that
select exactly the documents it counts, so the app can link it to the verbatims behind it.
Nothing here queries or knows about HTTP.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from pipelines.report.emerging import _alert_label, _status_badge, describe_significance
from pipelines.report.fmt import (
    DASH,
    KIND_LABELS,
    as_list,
    fmt_int,
    fmt_num,
    fmt_pct,
    fmt_timestamp,
    missing,
    tone,
    truncate,
)
from pipelines.report.kpis import BASELINE_WEEKS, _sparkline, kpis

__all__ = [
    "KPI_DRILLS",
    "alerts_view",
    "document_view",
    "themes_view",
    "week_view",
]

#: KPI card → (filter fields of the documents it counts, the series column counting them).
KPI_DRILLS: dict[str, tuple[dict[str, Any], str]] = {
    "volume": ({}, "volume"),
    "net_sentiment": ({"scored": True}, "scored"),
    "mean_rating": ({"rated": True}, "n_rated"),
    "share_negativo": ({"sentiment": "negativo"}, "n_negativo"),
    "churn_intent": ({"churn": True}, "n_churn_intent"),
}
_DRILL_NOUNS = {
    "volume": "documenti",
    "net_sentiment": "documenti valutati",
    "mean_rating": "recensioni con voto",
    "share_negativo": "documenti negativi",
    "churn_intent": "documenti con segnali di abbandono",
}
TREND_POINTS = 12
QUOTE_CHARS = 320
SENTIMENT_LABELS = {"negativo": "Negativo", "neutro": "Neutro", "positivo": "Positivo"}


def _int(value: Any) -> int:
    return 0 if missing(value) else int(value)


def _with_shares(series: pd.DataFrame, weeks: list[str]) -> pd.DataFrame:
    """One row per week of ``weeks`` (zeros where no document), with the views' shares."""
    frame = pd.DataFrame({"iso_week": weeks}).merge(series, on="iso_week", how="left")
    for column in ("volume", "scored", "n_negativo", "n_neutro", "n_positivo", "n_rated",
                   "n_churn_intent"):  # fmt: skip
        frame[column] = frame[column].fillna(0).astype(int)
    scored = frame["scored"].where(frame["scored"] > 0)
    frame["share_negativo"] = frame["n_negativo"] / scored
    frame["net_sentiment"] = (frame["n_positivo"] - frame["n_negativo"]) / scored
    return frame


def _kpi_cards(series: pd.DataFrame, weeks: list[str], week: str) -> dict[str, Any]:
    """The report's KPI cards on the filtered series, each with the documents it counts."""
    section = kpis(series, weeks, week)
    current = series.set_index("iso_week").loc[week]
    for card in section["cards"]:
        fields, column = KPI_DRILLS[card["key"]]
        count = _int(current[column])
        card["drill"] = {**fields, "week": week}
        card["count"] = count
        card["count_text"] = f"{fmt_int(count)} {_DRILL_NOUNS[card['key']]}"
    return section


def _source_rows(frame: pd.DataFrame, week: str, n_previous: int) -> list[dict[str, Any]]:
    """Per kind, then its channels: the week's documents and negatives vs the previous mean."""
    if frame.empty:
        return []
    counts = ["volume", "n_negativo", "scored"]
    is_now = frame["iso_week"] == week
    # One aggregation per level, then a lookup per row (not one filter of the frame per row).
    now = {
        "kind": frame[is_now].groupby("kind")[counts].sum(),
        "channel": frame[is_now].groupby(["kind", "channel"])[counts].sum(),
    }
    before = {
        "kind": frame[~is_now].groupby("kind")["volume"].sum(),
        "channel": frame[~is_now].groupby(["kind", "channel"])["volume"].sum(),
    }

    def row(key: Any, label: str, drill: dict[str, Any], level: str) -> dict[str, Any]:
        this = now[level].loc[key] if key in now[level].index else None
        volume = int(this["volume"]) if this is not None else 0
        negative = int(this["n_negativo"]) if this is not None else 0
        scored = int(this["scored"]) if this is not None else 0
        previous = float(before[level].get(key, 0))
        base = previous / n_previous if n_previous else None
        change = (volume - base) / base if base else None
        return {
            "label": label,
            "level": level,
            "drill": {**drill, "week": week},
            "volume": volume,
            "volume_text": fmt_int(volume),
            "negative": negative,
            "negative_text": fmt_int(negative),
            "share_neg": fmt_pct(negative / scored) if scored else DASH,
            "baseline": fmt_num(base, 1) if base is not None else DASH,
            "change": fmt_pct(change, 0, signed=True) if change is not None else DASH,
            "change_tone": tone(change, 0.1, "neutral"),
        }

    rows: list[dict[str, Any]] = []
    pairs = frame[["kind", "channel"]].drop_duplicates()
    for kind in sorted(pairs["kind"].unique()):
        rows.append(row(kind, KIND_LABELS.get(str(kind), str(kind)), {"kind": kind}, "kind"))
        channels = pairs.loc[pairs["kind"] == kind, "channel"]
        volume = {c: row((kind, c), "", {}, "channel")["volume"] for c in channels}
        # This week's largest first; channels quiet this week after them, by name.
        for channel in sorted(channels, key=lambda c: (-volume[c], str(c))):
            drill = {"kind": kind, "channel": channel}
            rows.append(row((kind, channel), str(channel), drill, "channel"))
    return rows


def _theme_rows(
    themes: pd.DataFrame, names: dict[int, str], week: str, previous: list[str]
) -> list[dict[str, Any]]:
    """The week's themes under the filter, largest first, with their negatives."""
    if "hidden" in themes:  # hidden themes leave the lists, as in the report
        themes = themes[~themes["hidden"].fillna(False).astype(bool)]
    now = themes[themes["iso_week"] == week]
    before = themes[themes["iso_week"].isin(previous)].groupby("topic_id")["volume"].sum()
    rows = []
    for item in now.sort_values(["volume", "topic_id"], ascending=[False, True]).itertuples():
        tid = int(item.topic_id)
        volume, negative = int(item.volume), int(item.n_negativo)
        base = float(before.get(tid, 0)) / len(previous) if previous else None
        change = (volume - base) / base if base else None
        rows.append(
            {
                "topic_id": tid,
                "label": names.get(tid, f"Tema {tid}"),
                "volume": volume,
                "volume_text": fmt_int(volume),
                "negative": negative,
                "negative_text": fmt_int(negative),
                "share_neg": fmt_pct(negative / volume) if volume else DASH,
                "change": fmt_pct(change, 0, signed=True) if change is not None else DASH,
                "change_tone": tone(change, 0.1, "neutral"),
                "drill": {"week": week, "theme": tid},
                "drill_negative": {"week": week, "theme": tid, "theme_sentiment": "negativo"},
            }
        )
    return rows


def week_view(
    series: pd.DataFrame,
    kind_channels: pd.DataFrame,
    themes: pd.DataFrame,
    theme_names: pd.DataFrame,
    week: str,
    weeks: list[str],
) -> dict[str, Any]:
    """Template data of the Settimana page.

    Args:
        series: per-week counts under the filter (``filtered_week_series``) over ``weeks``.
        kind_channels: per (week, kind, channel) counts of the week and the baseline weeks.
        themes: per (week, theme) counts of the week and the baseline weeks.
        theme_names: ``topic_id, topic_label``.
        week: the page's week.
        weeks: the trend window, oldest first, ending with ``week``.
    """
    full = _with_shares(series, weeks)
    section = _kpi_cards(full, weeks, week)
    have = set(series["iso_week"]) if len(series) else set()
    previous = [w for w in weeks[-1 - BASELINE_WEEKS : -1] if w in have]
    names = {int(r.topic_id): str(r.topic_label) for r in theme_names.itertuples()}
    return {
        "kpis": section,
        "sources": _source_rows(kind_channels, week, len(previous)),
        "themes": _theme_rows(themes, names, week, previous),
        "n_previous": len(previous),
    }


# --------------------------------------------------------------------------- themes


ORIGINS = {"modello": "", "unione": "tema unito", "divisione": "parte di un tema diviso"}


def themes_view(
    theme_weeks: pd.DataFrame, overview: pd.DataFrame, weeks: list[str]
) -> list[dict[str, Any]]:
    """Every theme: size, trend, negative share, keywords and quotes, largest first.

    Counts are aspect level, as in ``v_weekly_topics`` (a document counts for each theme its
    sentences talk about), so each one links to exactly its documents.

    Args:
        theme_weeks: every ``v_weekly_topics`` row of the discovered (curated) themes.
        overview: the curated themes of the active topic model (``theme_id, label,
            model_label, hidden, category_id, category_label, origin, unit_ids, keywords,
            quotes``), from the curation state.
        weeks: the trend window (the last ``TREND_POINTS`` weeks), oldest first.
    """
    info = {int(r["theme_id"]): r for r in overview.to_dict("records")}
    recent = set(weeks[-BASELINE_WEEKS:])
    span = {"week_from": weeks[-BASELINE_WEEKS], "week_to": weeks[-1]} if weeks else {}
    rows: list[dict[str, Any]] = []
    ids = set(theme_weeks["topic_id"].astype(int)) | set(info)
    for tid in ids:
        part = theme_weeks[theme_weeks["topic_id"] == tid].sort_values("iso_week")
        curated = info.get(tid, {})
        label = _text(curated.get("label")) or (
            str(part["topic_label"].iloc[-1]) if len(part) else f"Tema {tid}"
        )
        category = _text(curated.get("category_label"))
        if not category and len(part) and part["category_label"].notna().any():
            category = str(part["category_label"].dropna().iloc[-1])
        by_week = part.set_index("iso_week")["volume"]
        trend: list[float | None] = [float(by_week.get(w, 0)) for w in weeks]
        last = part[part["iso_week"].isin(recent)]
        volume_recent, negative_recent = int(last["volume"].sum()), int(last["n_negativo"].sum())
        total, negative_total = int(part["volume"].sum()), int(part["n_negativo"].sum())
        hidden = bool(curated.get("hidden"))
        if not curated and "theme_hidden" in part:
            hidden = bool(part["theme_hidden"].fillna(False).any())
        members = [int(u) for u in as_list(curated.get("unit_ids"))]
        rows.append(
            {
                "topic_id": tid,
                "label": label,
                "model_label": _text(curated.get("model_label")) or label,
                "category_label": category or DASH,
                "category_id": _text(curated.get("category_id")) or None,
                "hidden": hidden,
                "origin": ORIGINS.get(_text(curated.get("origin")), ""),
                "members": members if len(members) > 1 else [],
                "total": total,
                "total_text": fmt_int(total),
                "negative_total": negative_total,
                "negative_total_text": fmt_int(negative_total),
                "recent": volume_recent,
                "recent_text": fmt_int(volume_recent),
                "negative_recent": negative_recent,
                "negative_recent_text": fmt_int(negative_recent),
                "share_neg": fmt_pct(negative_recent / volume_recent) if volume_recent else DASH,
                "spark": _sparkline(trend, width=120, height=28),
                "keywords": [str(k) for k in as_list(curated.get("keywords"))][:8],
                "quotes": [truncate(q, QUOTE_CHARS) for q in as_list(curated.get("quotes"))][:3],
                # every count with the documents it counts (aspect level, like the view)
                "drill": {"theme": tid},
                "drill_negative": {"theme": tid, "theme_sentiment": "negativo"},
                "drill_recent": {"theme": tid, **span},
                "drill_recent_negative": {"theme": tid, "theme_sentiment": "negativo", **span},
            }
        )
    # Visible themes first, then by recent and total size.
    rows.sort(key=lambda r: (r["hidden"], -r["recent"], -r["total"], r["label"]))
    return rows


# --------------------------------------------------------------------------- alerts


def _alert_drill(alert: dict[str, Any]) -> dict[str, Any]:
    """The negative documents of the alert's week that its series counts."""
    week = str(alert.get("iso_week"))
    scope = alert.get("scope")
    if scope in ("topic", "new_topic") and not missing(alert.get("topic_id")):
        return {"week": week, "theme": int(alert["topic_id"]), "theme_sentiment": "negativo"}
    if scope == "category" and not missing(alert.get("category_id")):
        return {"week": week, "category": str(alert["category_id"]), "sentiment": "negativo"}
    if scope == "channel" and not missing(alert.get("channel")):
        return {"week": week, "channel": str(alert["channel"]), "sentiment": "negativo"}
    if scope == "kind" and not missing(alert.get("kind")):
        return {"week": week, "kind": str(alert["kind"]), "sentiment": "negativo"}
    return {"week": week, "sentiment": "negativo"}


def alerts_view(rows: pd.DataFrame | None, latest_week: str | None) -> dict[str, Any]:
    """Open and past alert episodes, each with its evidence and weekly history.

    An episode is open when its latest row is in the latest detected week and has not
    returned to normal (``rientrato``); the triage state, when the view has it, is shown as is.

    Args:
        rows: every ``v_emerging_complaints`` row (``None``: detection never ran).
        latest_week: the latest week detection looked at.
    """
    if rows is None or rows.empty:
        return {"available": rows is not None, "open": [], "past": []}
    open_items: list[dict[str, Any]] = []
    past: list[dict[str, Any]] = []
    for alert_id, part in rows.groupby("alert_id", sort=False):
        part = part.sort_values("iso_week")
        alert = part.iloc[-1].to_dict()
        label, context = _alert_label(alert)
        badge, badge_class = _status_badge(alert)
        history = [
            {"week": str(r["iso_week"]), "status": str(r["status"]),
             "volume": fmt_int(r["volume"]), "drill": _alert_drill(r)}
            for r in part.to_dict("records")
        ]  # fmt: skip
        item = {
            "alert_id": str(alert_id),
            "label": label,
            "context": context,
            "badge": badge,
            "badge_class": badge_class,
            "week": str(alert["iso_week"]),
            "first_seen_week": str(alert["first_seen_week"]),
            "significance": describe_significance(alert),
            "volume": fmt_int(alert.get("volume")),
            "baseline": fmt_num(alert.get("baseline"), 1),
            "growth": fmt_num(alert.get("growth"), 1),
            "share_neg": fmt_pct(alert.get("share_negativo"), 0),
            "severity": fmt_num(alert.get("severity"), 1),
            "keywords": [str(k) for k in as_list(alert.get("keywords"))][:8],
            "channels": [str(c) for c in as_list(alert.get("channels"))][:8],
            "kinds": [KIND_LABELS.get(str(k), str(k)) for k in as_list(alert.get("kinds"))],
            "quotes": [truncate(q, QUOTE_CHARS) for q in as_list(alert.get("quotes"))][:3],
            "notified_at": fmt_timestamp(alert.get("notified_at")),
            "triage_state": _text(alert.get("triage_state")) or "nuovo",
            "triage_owner": _text(alert.get("triage_owner")),
            "triage_note": _text(alert.get("triage_note")),
            "triage_reason": _text(alert.get("triage_reason")),
            "triage_by": _text(alert.get("triage_by")),
            "drill": _alert_drill(alert),
            "history": history,
        }
        closed = item["triage_state"] in ("risolto", "falso allarme")
        is_open = alert["iso_week"] == latest_week and badge_class != "resolved" and not closed
        (open_items if is_open else past).append(item)
    return {"available": True, "open": open_items, "past": past}


def _text(value: Any) -> str:
    return "" if missing(value) else str(value)


# --------------------------------------------------------------------------- documents


def document_view(
    row: dict[str, Any], aspects: list[dict[str, Any]], versions: dict[str, dict[str, Any]]
) -> dict[str, Any]:
    """One document with its model outputs and the versions of the models that made them.

    Args:
        row: a ``v_documents`` row.
        aspects: the document's themes (its ``document_aspects`` rows, as dicts).
        versions: model id → registry row (``version``, ``created_at``, ``status``).
    """
    label = _text(row.get("sentiment_label"))
    models = []
    for key, task in (("sentiment_model", "Sentiment"), ("topic_model", "Temi")):
        model_id = _text(row.get(key))
        if model_id:
            entry = versions.get(model_id, {})
            models.append(
                {
                    "task": task,
                    "model_id": model_id,
                    "version": _text(entry.get("version")) or DASH,
                    "status": _text(entry.get("status")) or DASH,
                }
            )
    return {
        "doc_id": str(row["doc_id"]),
        "kind": KIND_LABELS.get(str(row.get("kind")), str(row.get("kind"))),
        "channel": _text(row.get("channel")) or "sconosciuto",
        "created": fmt_timestamp(row.get("created_at_local")),
        "week": _text(row.get("iso_week")),
        "title": _text(row.get("title")),
        "text": _text(row.get("text")),
        "rating": fmt_num(row.get("rating"), 0) if not missing(row.get("rating")) else "",
        "language": _text(row.get("language")),
        "duplicate_of": _text(row.get("duplicate_of")) if row.get("is_duplicate") else "",
        "sentiment": SENTIMENT_LABELS.get(label, "non valutato"),
        "sentiment_key": label or "none",
        "score": fmt_num(row.get("sentiment_score"), 2, signed=True),
        "probabilities": [
            (SENTIMENT_LABELS[s], fmt_pct(row.get(f"p_{s}"), 0)) for s in SENTIMENT_LABELS
        ],
        "theme": _text(row.get("topic_label")) or DASH,
        "model_theme": _text(row.get("model_topic_label")),
        "category": _text(row.get("category_label")) or DASH,
        "churn": bool(row.get("churn_intent")) if not missing(row.get("churn_intent")) else False,
        "churn_cues": [str(c) for c in as_list(row.get("churn_cues"))],
        "escalation": bool(row.get("escalation")) if not missing(row.get("escalation")) else False,
        "aspects": [
            {
                "topic_id": int(a["topic_id"]),
                "label": _text(a["topic_label"]) or f"Tema {int(a['topic_id'])}",
                "category": _text(a["category_label"]) or DASH,
                "sentences": _int(a["n_sentences"]),
                "sentiment": SENTIMENT_LABELS.get(_text(a["sentiment_label"]), DASH),
                "score": fmt_num(a["sentiment_score"], 2, signed=True),
            }
            for a in aspects
        ],
        "models": models,
        # Which outputs a person set (docs/labels.md): the page marks them "umano".
        "human": {
            key: bool(row.get(col)) and not missing(row.get(col))
            for key, col in (
                ("sentiment", "sentiment_human"),
                ("theme", "topic_human"),
                ("churn", "churn_intent_human"),
            )
        },
        "model_sentiment": SENTIMENT_LABELS.get(_text(row.get("model_sentiment_label")), ""),
        "enriched_at": fmt_timestamp(row.get("enriched_at")),
        "source_file": _text(row.get("source_file")),
    }
