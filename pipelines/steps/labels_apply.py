"""Applying queued labels and churn follow-ups to DuckDB (internal to the labels steps).

Called by the pending-queue drain of :mod:`pipelines.steps.curation` with the writer
connection it holds. A request is checked against the database here (unknown document, unknown
theme, unknown customer), then written in one transaction: a batch from a file is all or nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import duckdb
import pandas as pd

from pipelines import store
from pipelines.curation.labels import NONE_THEME, normalise_value
from pipelines.errors import VocError
from pipelines.store import labels as store_labels

__all__ = ["FOLLOWUP_STATES", "apply_followup", "apply_labels"]

FOLLOWUP_STATES = ("contattato", "trattenuto", "perso")


def _where(item: Mapping[str, Any], field: str, origin: str | None) -> str:
    """``file: riga N, campo C: `` for a file's row, else ``documento X: ``."""
    if origin and item.get("row"):
        return f"{origin}: riga {item['row']}, campo {item.get('column') or field}: "
    return f"documento {item['doc_id']}: "


#: Label field → the ``v_documents`` column it overrides (what the document showed before).
_SHOWN = {"sentiment": "sentiment_label", "theme": "topic_id", "churn_intent": "churn_intent",
          "escalation": "escalation"}  # fmt: skip


def _shown(field: str, doc: Mapping[str, Any]) -> str | None:
    value = doc.get(_SHOWN[field])
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, bool):
        return "si" if value else "no"
    return str(int(value)) if field == "theme" else str(value)


def apply_labels(
    con: duckdb.DuckDBPyConnection, key: str, body: Mapping[str, Any], now: datetime
) -> int:
    """Check and store a batch of labels (``body["labels"]``: doc_id, field, value, and for
    a file row, column); returns how many rows were new.

    Raises:
        VocError: the first bad item, naming the file, row and field (or the document).
    """
    items = list(body["labels"])
    origin = body.get("file")
    docs = store_labels.documents_for_labels(con, [str(i["doc_id"]) for i in items])
    by_id = {str(r["doc_id"]): r for r in docs.to_dict("records")}
    active = store.active_model(con, "topics")
    topic_model = str(active["model_id"]) if active is not None else None
    themes: set[int] | None = None
    rows = []
    for n, item in enumerate(items):
        doc_id, field = str(item["doc_id"]), str(item["field"])
        doc = by_id.get(doc_id)
        if doc is None:
            where = f"{origin}: riga {item['row']}, campo doc_id: " if item.get("row") else ""
            raise VocError(f"{where}documento sconosciuto «{doc_id}»")
        try:
            value = normalise_value(field, item["value"])
        except VocError as exc:
            raise VocError(_where(item, field, origin) + str(exc).split(": ", 1)[-1]) from None
        if field == "theme" and value != NONE_THEME:
            themes = store_labels.theme_ids(con, topic_model) if themes is None else themes
            if int(value) not in themes:
                raise VocError(
                    _where(item, field, origin) + f"il tema {value} non esiste (vedi 'voc topics"
                    " list')"
                )
        rows.append(
            {
                "label_id": f"{key}:{n}", "doc_id": doc_id, "field": field, "value": value,
                "previous": _shown(field, doc),
                "topic_model": topic_model if field == "theme" else None,
                "text_hash": doc["text_hash"], "who": str(body["who"]),
                "source": str(body["source"]),
                "made_at": datetime.fromisoformat(str(body["made_at"])), "applied_at": now,
            }
        )  # fmt: skip
    return store_labels.insert_labels(con, pd.DataFrame(rows))


def apply_followup(
    con: duckdb.DuckDBPyConnection, key: str, body: Mapping[str, Any], now: datetime
) -> bool:
    """Check and store a churn follow-up; mirrored into ``churn_outcomes``.

    Raises:
        VocError: unknown state or a customer with no documents.
    """
    state = str(body["state"])
    if state not in FOLLOWUP_STATES:
        raise VocError(f"stato sconosciuto «{state}» ({', '.join(FOLLOWUP_STATES)})")
    customer = str(body["customer_id"])
    if not store_labels.customer_known(con, customer):
        raise VocError(f"cliente sconosciuto «{customer}»")
    return store_labels.insert_followup(
        con,
        {
            "followup_id": key, "customer_id": customer, "state": state,
            "note": body.get("note") or None, "who": str(body["who"]),
            "source": str(body["source"]),
            "made_at": datetime.fromisoformat(str(body["made_at"])), "applied_at": now,
        },
    )  # fmt: skip
