"""The workbench's audit log and pending queue as lines a CX manager reads (Italian).

:func:`describe_edit` words a theme edit (a queued request or an audit row) the same way in
both places; :func:`edits_view` and :func:`pending_view` shape the Temi page's log and every
page's banner of waiting edits. Pure: rows in, dicts out.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from pipelines.report.fmt import DASH, fmt_timestamp, join_it, missing
from pipelines.weeks import to_local

__all__ = ["TRIAGE_WORDS", "describe_edit", "edits_view", "pending_view"]


def _text(value: Any) -> str:
    return "" if missing(value) else str(value)


TRIAGE_WORDS = {
    "nuovo": "riaperta",
    "preso in carico": "presa in carico",
    "risolto": "risolta",
    "falso allarme": "falso allarme",
}


def _names(value: Any) -> str:
    """A before/after value of the audit log in words."""
    if isinstance(value, dict) and "hidden" in value:
        return "nascosto" if value["hidden"] else "visibile"
    if isinstance(value, dict):
        return join_it([f"«{v}»" for v in value.values()])
    if isinstance(value, list | tuple):
        return join_it([f"«{v}»" for v in value])
    return "" if value is None else f"«{value}»"


def describe_edit(kind: str, topic_ids: list[int], fields: dict[str, Any]) -> str:
    """One Italian line for a theme edit (queued request or audit row).

    Args:
        kind: rename | merge | split | hide | unhide | map | undo.
        topic_ids: the themes it targets.
        fields: the request or payload (``name``, ``parts``, ``category_id``, ``edit_id``).
    """
    ids = join_it([f"#{t}" for t in topic_ids]) or "—"
    name = fields.get("name")
    if kind == "rename":
        return f"Rinomina {ids} in «{name}»"
    if kind == "merge":
        return f"Unisce {ids}" + (f" come «{name}»" if name else "")
    if kind == "split":
        parts = [p["name"] if isinstance(p, dict) else p[0] for p in fields.get("parts") or []]
        return f"Divide {ids} in " + join_it([f"«{p}»" for p in parts])
    if kind == "hide":
        return f"Nasconde {ids} come rumore"
    if kind == "unhide":
        return f"Mostra di nuovo {ids}"
    if kind == "map":
        return f"Assegna {ids} alla categoria «{fields.get('category_id')}»"
    if kind == "undo":
        return f"Annulla la modifica {fields.get('edit_id')}"
    return f"{kind} {ids}"


def pending_view(items: list[dict[str, Any]], tz: str) -> list[dict[str, Any]]:
    """Queued and refused requests (``pending_edits``) as lines for the page banner."""
    out = []
    for item in items:
        if item.get("target") == "alert":
            # pending_edits merges the request over the queue row: "state" is the triage
            # state asked for, and a refused request is told by its error.
            state = str(item.get("state") or "")
            summary = f"Allarme {item.get('alert_id')}: {TRIAGE_WORDS.get(state, state)}"
        elif item.get("target") == "labels":
            labels = item.get("labels") or []
            first = labels[0] if labels else {}
            summary = (
                f"Etichetta {first.get('field')} = {first.get('value')} sul documento"
                f" {first.get('doc_id')}"
                if len(labels) == 1
                else f"{len(labels)} etichette"
                + (f" da {item['file']}" if item.get("file") else "")
            )
        elif item.get("target") == "followup":
            summary = f"Cliente {item.get('customer_id')}: {item.get('state')}"
        else:
            summary = describe_edit(
                str(item.get("kind")), [int(t) for t in item.get("topic_ids") or []], item
            )
        out.append(
            {
                "summary": summary,
                "who": _text(item.get("who")),
                "when": _local_time(item.get("made_at") or item.get("queued_at"), tz),
                "refused": bool(item.get("error")) or item.get("state") == "rifiutata",
                "error": _text(item.get("error")),
            }
        )
    return out


def _local_time(value: Any, tz: str) -> str:
    if missing(value) or value == "":
        return DASH
    stamp = pd.Timestamp(value)
    return fmt_timestamp(to_local(stamp.to_pydatetime(), tz))


def edits_view(rows: list[dict[str, Any]], tz: str) -> list[dict[str, Any]]:
    """The audit log (``list_edits``, newest first) as table rows with an undo flag."""
    out = []
    for row in rows:
        payload = row.get("payload") or {}
        kind = str(row.get("kind"))
        ids = [int(t) for t in row.get("topic_ids") or []]
        out.append(
            {
                "edit_id": str(row.get("edit_id")),
                "when": _local_time(row.get("made_at"), tz),
                "who": _text(row.get("who")),
                "summary": describe_edit(kind, ids, payload),
                "before": _names(payload.get("before")) if kind != "undo" else "",
                "after": _names(payload.get("after")) if kind != "undo" else "",
                "undone": not missing(row.get("undone_at")),
                "undone_by": _text(row.get("undone_by")),
                "undoable": kind != "undo" and missing(row.get("undone_at")),
            }
        )
    return out
