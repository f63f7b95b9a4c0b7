"""Curation steps: theme edits and alert triage, queued first, applied when the file is free.

The app (``voc ui``) and the CLI (``voc topics ...``, ``voc alerts ...``) call these functions.
Each request is checked, appended to the pending queue (a SQLite file next to the database,
:mod:`pipelines.store.pending`) and then applied at once if the DuckDB file is free within a
couple of seconds; otherwise it stays queued ("in attesa") and the next writer applies it:
the next edit, or any pipeline run (init at its start, detection at its end). Reads open short
read-only connections; while a run writes they raise
:class:`~pipelines.errors.DatabaseBusyError`, which the app shows as "aggiornamento in corso".
The design is in docs/curation.md.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import duckdb
import pandas as pd

from pipelines import store
from pipelines.config import Settings
from pipelines.curation import (
    DISMISSED,
    IN_CHARGE,
    RESOLVED,
    TRIAGE_STATES,
    clean_name,
    clean_text,
    clean_who,
    edit_key,
)
from pipelines.errors import DatabaseBusyError, VocError
from pipelines.steps.curation_apply import apply_theme_edit, apply_triage, refresh
from pipelines.steps.labels_apply import apply_followup, apply_labels
from pipelines.store import curation as cur
from pipelines.store import pending
from pipelines.weeks import parse_week

log = logging.getLogger("voc")

__all__ = [
    "EditResult",
    "apply_pending_edits",
    "hide_theme",
    "list_alerts",
    "list_edits",
    "list_themes",
    "map_theme",
    "merge_themes",
    "pending_edits",
    "refresh_curation",
    "rename_theme",
    "review_items",
    "split_theme",
    "submit_request",
    "triage_alert",
    "undo_edit",
    "unhide_theme",
]

#: How long an edit waits for the database before it is left in the queue: long enough to
#: ride over another reader's short session, far shorter than a pipeline run.
EDIT_WAIT_SECONDS = 2.0
APPLIED, WAITING = "applicata", "in attesa"


@dataclass(frozen=True)
class EditResult:
    """What became of a theme edit or a triage change.

    Attributes:
        key: the edit's id (``theme_edits.edit_id``) or triage id; also the queue key.
        kind: the edit kind, or ``triage``.
        status: ``applicata`` (in the database now) or ``in attesa`` (queued: a run holds the
            file; the next writer applies it).
        topic_ids: the themes concerned (for triage: empty).
        message: one Italian line for the person who made it.
        alert_id: for triage, the episode.
    """

    key: str
    kind: str
    status: str
    topic_ids: list[int]
    message: str
    alert_id: str | None = None


# --------------------------------------------------------------------------- queue


#: Processes are serialised by DuckDB's writer lock; threads of one process (the app serves
#: requests in threads, and they share one database instance) by this lock.
_DRAIN_LOCK = threading.Lock()


def _drain(con: duckdb.DuckDBPyConnection, settings: Settings, now: datetime) -> dict[str, Any]:
    """Apply every queued request in order; refused ones are marked with their reason."""
    with _DRAIN_LOCK:
        return _drain_locked(con, settings, now)


def _drain_locked(
    con: duckdb.DuckDBPyConnection, settings: Settings, now: datetime
) -> dict[str, Any]:
    applied: list[str] = []
    rejected: dict[str, str] = {}
    for item in pending.pending_items(settings.db):
        try:
            if item.target == "alert":
                apply_triage(con, item.key, item.body, now)
            elif item.target == "labels":
                apply_labels(con, item.key, item.body, now)
            elif item.target == "followup":
                apply_followup(con, item.key, item.body, now)
            else:
                apply_theme_edit(con, settings, item.key, item.body, now)
        except VocError as exc:
            rejected[item.key] = str(exc)
            pending.mark(settings.db, item.key, pending.REJECTED, now, str(exc))
            continue
        applied.append(item.key)
        pending.mark(settings.db, item.key, pending.APPLIED, now)
    if applied or rejected:
        # Counts only: edit texts may quote customer words (split keywords), never logged.
        log.info("curation: %d pending edits applied, %d refused", len(applied), len(rejected))
    return {"applied": applied, "rejected": rejected}


def apply_pending_edits(
    settings: Settings,
    now: datetime,
    *,
    wait: bool | float = False,
    con: duckdb.DuckDBPyConnection | None = None,
) -> dict[str, Any]:
    """Apply the queued edits and triage changes to the database, oldest first.

    Pipeline runs call it with the connection they hold; the app may call it any time.

    Args:
        settings: configuration (``db``).
        now: when they are applied.
        wait: how long to wait for the file (``False``: not at all).
        con: an open writer connection to use instead of opening one.

    Returns:
        ``applied`` (keys), ``rejected`` (key → reason), ``pending`` (still queued: the file
        was busy), ``busy``.
    """
    if not pending.pending_items(settings.db):
        return {"applied": [], "rejected": {}, "pending": 0, "busy": False}
    if con is not None:
        return {**_drain(con, settings, now), "pending": 0, "busy": False}
    try:
        with store.connection(settings, wait=wait) as own:
            return {**_drain(own, settings, now), "pending": 0, "busy": False}
    except DatabaseBusyError:
        left = len(pending.pending_items(settings.db))
        return {"applied": [], "rejected": {}, "pending": left, "busy": True}


def pending_edits(settings: Settings) -> list[dict[str, Any]]:
    """Queued requests not applied yet, and refused ones (with the reason), oldest first.

    Each is the request (``kind``, ``topic_ids``, ``name``… or ``alert_id``, ``state``…) plus
    ``key``, ``target`` (``theme`` or ``alert``), ``status`` (``in attesa`` or ``rifiutata``),
    ``error`` and ``queued_at``. Reads only the queue: it works while a run holds the database.
    """
    items = pending.pending_items(settings.db, states=(pending.WAITING, pending.REJECTED))
    return [
        {**i.body, "key": i.key, "target": i.target, "status": i.state, "error": i.error,
         "queued_at": i.queued_at}
        for i in items
    ]  # fmt: skip


def submit_request(
    settings: Settings, target: str, body: dict[str, Any], now: datetime, key: str | None
) -> tuple[str, str]:
    """Queue a request for ``target`` (``theme``, ``alert``, ``labels``, ``followup``) and
    try to apply the queue at once; returns ``(key, status)`` (see :func:`_submit`)."""
    return _submit(settings, target, body, now, key)


def _submit(
    settings: Settings, target: str, body: dict[str, Any], now: datetime, key: str | None
) -> tuple[str, str]:
    """Queue a request, then try to apply the queue; returns ``(key, status)``.

    Raises:
        VocError: the request was applied at once and refused (it is removed from the queue:
            its author sees the reason now).
    """
    key = key or edit_key(target, body, str(body["who"]), now)
    pending.enqueue(settings.db, key, target, body, now)
    result = apply_pending_edits(settings, now, wait=EDIT_WAIT_SECONDS)
    if key in result["rejected"]:
        pending.forget(settings.db, key)
        raise VocError(result["rejected"][key])
    item = pending.queued(settings.db, key)
    waiting = item is not None and item.state == pending.WAITING
    return key, WAITING if waiting else APPLIED


def _edit(
    settings: Settings,
    kind: str,
    topic_ids: Sequence[int],
    extra: Mapping[str, Any],
    *,
    who: str,
    now: datetime,
    key: str | None,
    topic_model: str | None,
    done: str,
) -> EditResult:
    ids = [int(t) for t in topic_ids]
    body = {"kind": kind, "topic_ids": ids, **extra, "who": clean_who(who),
            "made_at": now.isoformat(), "topic_model": topic_model}  # fmt: skip
    key, status = _submit(settings, "theme", body, now, key)
    message = done if status == APPLIED else f"{done} — in attesa: un'elaborazione è in corso"
    return EditResult(key, kind, status, ids, message)


# --------------------------------------------------------------------------- theme edits


def rename_theme(
    settings: Settings, topic_id: int, name: str, *, who: str, now: datetime,
    key: str | None = None, topic_model: str | None = None,
) -> EditResult:  # fmt: skip
    """Give a theme a name; the name is pinned to the theme's stable id and survives refits.

    Args:
        settings: configuration (``db``).
        topic_id: the theme (a topic id, a merged theme's id or a split part's id).
        name: the new name.
        who: the person (audit).
        now: when (naive UTC).
        key: idempotency key (the app sends one per form); default: derived from the request.
        topic_model: the topic model the id was read from (default: the active one).

    Raises:
        VocError: empty or too long name, unknown theme.
    """
    name = clean_name(name)
    return _edit(settings, "rename", [topic_id], {"name": name}, who=who, now=now, key=key,
                 topic_model=topic_model, done=f"Tema {topic_id} rinominato in «{name}»")  # fmt: skip


def merge_themes(
    settings: Settings, topic_ids: Sequence[int], *, name: str | None = None, who: str,
    now: datetime, key: str | None = None, topic_model: str | None = None,
) -> EditResult:  # fmt: skip
    """Show two or more themes as one; the first id becomes the merged theme's id.

    Raises:
        VocError: fewer than two distinct themes, an unknown theme, a bad name.
    """
    ids = list(dict.fromkeys(int(t) for t in topic_ids))
    if len(ids) < 2:
        raise VocError("per unire servono almeno due temi diversi")
    extra = {"name": clean_name(name)} if name else {"name": None}
    joined = ", ".join(str(t) for t in ids)
    return _edit(settings, "merge", ids, extra, who=who, now=now, key=key,
                 topic_model=topic_model, done=f"Temi {joined} uniti nel tema {ids[0]}")  # fmt: skip


def split_theme(
    settings: Settings, topic_id: int, parts: Mapping[str, Sequence[str]], *, who: str,
    now: datetime, key: str | None = None, topic_model: str | None = None,
) -> EditResult:  # fmt: skip
    """Divide a theme into named parts, by keywords or example documents.

    Args:
        parts: part name → entries: document ids of the theme (examples) or keywords
            (``bollett*`` matches every word starting with ``bollett``). Documents matching no
            part stay in the theme (see :mod:`pipelines.curation.split`).

    Raises:
        VocError: no parts, a part without entries, an unknown theme, a merged theme or a part.
    """
    if not parts:
        raise VocError("indica almeno una parte: nome e parole chiave o documenti di esempio")
    # A list of pairs, not a mapping: the order of the parts decides which keyword wins.
    clean = [[clean_name(n, "il nome di una parte"), [str(e) for e in v]] for n, v in parts.items()]
    return _edit(settings, "split", [topic_id], {"parts": clean}, who=who, now=now, key=key,
                 topic_model=topic_model,
                 done=f"Tema {topic_id} diviso in {len(clean)} parti")  # fmt: skip


def hide_theme(
    settings: Settings, topic_id: int, *, who: str, now: datetime, key: str | None = None,
    topic_model: str | None = None,
) -> EditResult:  # fmt: skip
    """Hide a theme as noise: out of the report's top lists and the alerts (data kept)."""
    return _edit(settings, "hide", [topic_id], {}, who=who, now=now, key=key,
                 topic_model=topic_model, done=f"Tema {topic_id} nascosto come rumore")  # fmt: skip


def unhide_theme(
    settings: Settings, topic_id: int, *, who: str, now: datetime, key: str | None = None,
    topic_model: str | None = None,
) -> EditResult:  # fmt: skip
    """Show a hidden theme again."""
    return _edit(settings, "unhide", [topic_id], {}, who=who, now=now, key=key,
                 topic_model=topic_model, done=f"Tema {topic_id} di nuovo visibile")  # fmt: skip


def map_theme(
    settings: Settings, topic_id: int, category_id: str, *, who: str, now: datetime,
    key: str | None = None, topic_model: str | None = None,
) -> EditResult:  # fmt: skip
    """Put a theme under a taxonomy category (overrides the zero-shot mapping)."""
    category = clean_text(category_id, "la categoria", required=True)
    return _edit(settings, "map", [topic_id], {"category_id": category}, who=who, now=now,
                 key=key, topic_model=topic_model,
                 done=f"Tema {topic_id} assegnato alla categoria «{category}»")  # fmt: skip


def undo_edit(
    settings: Settings, edit_id: str, *, who: str, now: datetime, key: str | None = None
) -> EditResult:
    """Cancel an edit: the themes are replayed without it (later edits stay)."""
    target = clean_text(edit_id, "l'id della modifica", required=True)
    return _edit(settings, "undo", [], {"edit_id": target}, who=who, now=now, key=key,
                 topic_model=None, done=f"Modifica {target} annullata")  # fmt: skip


# --------------------------------------------------------------------------- reads


def _plain(value: Any) -> Any:
    """A frame cell as a plain Python value (lists for arrays, None for NaN/NaT)."""
    if hasattr(value, "tolist"):
        return value.tolist()
    if isinstance(value, list | tuple | dict):
        return value
    try:
        return None if pd.isna(value) else value
    except (TypeError, ValueError):
        return value


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{k: _plain(v) for k, v in row.items()} for row in frame.to_dict("records")]


def list_edits(settings: Settings) -> list[dict[str, Any]]:
    """The audit log, newest first: who changed which theme when, before and after."""
    import json

    with store.connection(settings, read_only=True) as con:
        rows = _records(cur.load_edits(con))
    for row in rows:
        row["payload"] = json.loads(row["payload"]) if row["payload"] else {}
    return list(reversed(rows))


def review_items(settings: Settings) -> list[dict[str, Any]]:
    """Edits a refit could not carry over, each with an Italian message (for a person)."""
    with store.connection(settings, read_only=True) as con:
        return _records(cur.review_rows(con))


def list_themes(settings: Settings) -> list[dict[str, Any]]:
    """Every theme of the active model: label, model label, hidden, category, origin,
    topics, documents, negatives, keywords, quotes, first/last week, edits."""
    with store.connection(settings, read_only=True) as con:
        active = store.active_model(con, "topics")
        if active is None:
            return []
        return _records(cur.theme_overview(con, str(active["model_id"])))


def refresh_curation(
    settings: Settings,
    now: datetime,
    *,
    con: duckdb.DuckDBPyConnection | None = None,
    force: bool = False,
) -> bool:
    """Apply queued edits, then replay the edit log onto the active topic model.

    Called after every refit and enrichment (``force``: documents changed) and by detection;
    True when the derived tables were rewritten.
    """
    if con is None:
        with store.connection(settings) as own:
            return refresh_curation(settings, now, con=own, force=force)
    drained = _drain(con, settings, now) if pending.pending_items(settings.db) else {}
    return refresh(con, settings, force=force) or bool(drained.get("applied"))


# --------------------------------------------------------------------------- alerts


def triage_alert(
    settings: Settings, alert_id: str, state: str, *, owner: str | None = None,
    note: str | None = None, reason: str | None = None, who: str, now: datetime,
    key: str | None = None,
) -> EditResult:  # fmt: skip
    """Move an alert episode through triage: nuovo → preso in carico → risolto / falso allarme.

    A triaged episode is never notified again; a dismissed one stays dismissed while it is the
    same episode (also when a replay moves its first week by one).

    Raises:
        VocError: unknown state or alert, a move not allowed, a missing owner or reason.
    """
    if state not in TRIAGE_STATES:
        raise VocError(f"stato '{state}' sconosciuto: usa uno di {', '.join(TRIAGE_STATES)}")
    if state == IN_CHARGE:
        clean_text(owner, "il responsabile (--owner)", required=True)
    if state == DISMISSED:
        clean_text(reason, "il motivo (--reason)", required=True)
    alert = clean_text(alert_id, "l'id della segnalazione", required=True)
    body = {"alert_id": alert, "state": state, "owner": owner, "note": note, "reason": reason,
            "who": clean_who(who), "made_at": now.isoformat()}  # fmt: skip
    key, status = _submit(settings, "alert", body, now, key)
    words = {IN_CHARGE: "presa in carico", RESOLVED: "risolta", DISMISSED: "falso allarme"}
    done = f"Segnalazione {alert}: {words.get(state, 'riaperta')}"
    if status != APPLIED:
        done += " — in attesa: un'elaborazione è in corso"
    return EditResult(key, "triage", status, [], done, alert_id=alert)


def list_alerts(
    settings: Settings, *, week: str | None = None, states: Sequence[str] | None = None
) -> list[dict[str, Any]]:
    """``v_emerging_complaints`` rows with their triage, newest week first.

    Args:
        week: only this ISO week.
        states: only these triage states (e.g. ``["nuovo", "preso in carico"]``).
    """
    week = parse_week(week) if week else None
    for s in states or ():
        if s not in TRIAGE_STATES:
            raise VocError(f"stato '{s}' sconosciuto: usa uno di {', '.join(TRIAGE_STATES)}")
    with store.connection(settings, read_only=True) as con:
        return _records(cur.alert_rows(con, week, states))
