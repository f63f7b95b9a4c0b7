"""Human labels, the review queue and churn follow-ups: the steps the CLI and the app call.

A label or a follow-up goes through the pending queue like a theme edit
(:func:`pipelines.steps.curation.submit_request`): applied at once when the database is free,
else "in attesa" until the next writer. A file of labels is one request: all of its rows are
stored, or none. docs/labels.md explains the rules and the review-queue strategy.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from models.embeddings import make_embedder
from models.registry import data_hash
from models.review_queue import margin_uncertainty, select_for_review
from pipelines import store
from pipelines.config import Settings
from pipelines.curation import clean_text, clean_who
from pipelines.curation.labels import FIELDS, label_key, normalise_value, read_labels_file
from pipelines.errors import VocError
from pipelines.report.workbench import document_view
from pipelines.steps.curation import APPLIED, submit_request
from pipelines.steps.labels_apply import FOLLOWUP_STATES
from pipelines.steps.ui import filter_choices
from pipelines.store import labels as store_labels
from pipelines.weeks import week_monday, week_of

__all__ = [
    "FOLLOWUP_STATES",
    "RECENCY_HALF_LIFE_WEEKS",
    "THEME_INTEREST_WEIGHT",
    "LabelResult",
    "at_risk_customers",
    "export_queue",
    "follow_up",
    "human_training_labels",
    "import_labels",
    "label_document",
    "review_page",
    "review_queue",
]

#: A document's priority halves every this many weeks of age (recent weeks matter more).
RECENCY_HALF_LIFE_WEEKS = 4.0
#: Priority of a document in a theme people look at (edited, alerted, labelled) vs the rest.
THEME_INTEREST_WEIGHT = 1.5


@dataclass(frozen=True)
class LabelResult:
    """What became of a label request: ``applicata`` or ``in attesa`` (a run holds the file)."""

    key: str
    status: str
    n_labels: int
    message: str


def _submit(
    settings: Settings, body: dict[str, Any], now: datetime, key: str | None, done: str
) -> LabelResult:
    key = key or label_key("batch", "", repr(body["labels"]), str(body["who"]), now)
    key, status = submit_request(settings, "labels", body, now, key)
    message = done if status == APPLIED else f"{done} — in attesa: un'elaborazione è in corso"
    return LabelResult(key, status, len(body["labels"]), message)


def label_document(
    settings: Settings,
    doc_id: str,
    values: Mapping[str, str | None],
    *,
    who: str,
    now: datetime,
    source: str = "cli",
    key: str | None = None,
) -> LabelResult:
    """Label one document (``values``: field → value; ``None`` fields are left alone).

    Raises:
        VocError: no value, an unknown field or value, an unknown document or theme.
    """
    labels = []
    for field, raw in values.items():
        if raw is None:
            continue
        labels.append({"doc_id": doc_id, "field": field, "value": normalise_value(field, raw)})
    if not labels:
        raise VocError("nessuna etichetta: indica --sentiment, --theme o --churn-intent")
    body = {"labels": labels, "who": clean_who(who), "made_at": now.isoformat(),
            "source": source}  # fmt: skip
    words = ", ".join(f"{lab['field']} = {lab['value']}" for lab in labels)
    return _submit(settings, body, now, key, f"Documento {doc_id}: {words}")


def import_labels(settings: Settings, path: Path, *, who: str, now: datetime) -> LabelResult:
    """Label documents from a file (the review queue's CSV, filled in): all rows or none.

    Raises:
        VocError: one line with the file, the row and the field (an empty value, an unknown
            label, an unknown document or theme); nothing is stored then.
    """
    path = Path(path)
    rows = read_labels_file(path)
    labels = [{"doc_id": r.doc_id, "field": r.field, "value": r.value, "row": r.row,
               "column": r.column} for r in rows]  # fmt: skip
    body = {"labels": labels, "who": clean_who(who), "made_at": now.isoformat(),
            "source": "csv", "file": path.name}  # fmt: skip
    docs = len({r.doc_id for r in rows})
    return _submit(settings, body, now, None, f"{len(rows)} etichette su {docs} documenti")


# --------------------------------------------------------------------------- queue


def _priority(frame: pd.DataFrame, interest: set[int], now: datetime, tz: str) -> np.ndarray:
    """Recency (half-life :data:`RECENCY_HALF_LIFE_WEEKS`) × theme interest."""
    monday = week_monday(week_of(now, tz))
    ages = np.array(
        [max(0.0, (monday - week_monday(str(w))).days / 7.0) for w in frame["iso_week"]],
        dtype=float,
    )
    recency = 0.5 ** (ages / RECENCY_HALF_LIFE_WEEKS)
    themed = frame["topic_id"].map(lambda t: not pd.isna(t) and int(t) in interest).to_numpy()
    return recency * np.where(themed, THEME_INTEREST_WEIGHT, 1.0)


def review_queue(settings: Settings, n: int, now: datetime) -> pd.DataFrame:
    """The ``n`` documents whose sentiment label would teach the model most, in order.

    Uncertain (margin of the model's probabilities) × recent × in a theme people look at,
    spread over the embedding space (:func:`models.review_queue.select_for_review`).
    Documents already labelled are left out.

    Returns:
        ``doc_id, iso_week, kind, channel, title, text, sentiment_label, topic_id,
        topic_label, churn_intent, uncertainty`` (and the model's probabilities).

    Raises:
        DatabaseBusyError: a run holds the file.
    """
    if n < 1:
        raise VocError("--n deve essere almeno 1")
    with store.connection(settings, read_only=True) as con:
        frame = store_labels.queue_candidates(con)
        if frame.empty:
            return frame.assign(uncertainty=pd.Series(dtype=float))
        interest = store_labels.theme_interest(con)
        model_id = make_embedder(settings.embedder).model_id
        vectors = store.cached_embeddings(con, model_id, frame["text_hash"].unique().tolist())
    proba = frame[["p_negativo", "p_neutro", "p_positivo"]].to_numpy(dtype=float)
    priority = _priority(frame, interest, now, settings.timezone)
    have = frame["text_hash"].map(lambda h: h in vectors).to_numpy()
    if have.all():
        matrix = np.vstack([vectors[h] for h in frame["text_hash"]])
        picked = select_for_review(proba, n, vectors=matrix, priority=priority)
    else:
        # Without every embedding cached, no diversity pass (never embed inside a read).
        picked = select_for_review(proba, n, priority=priority)
    out = frame.iloc[picked].reset_index(drop=True)
    return out.assign(uncertainty=margin_uncertainty(proba[picked]))


#: Columns of the exported queue; the last four are for the person to fill in.
QUEUE_COLUMNS = ("doc_id", "settimana", "fonte", "canale", "titolo", "testo",
                 "sentiment_modello", "tema_modello", "incertezza",
                 "sentiment", "tema", "abbandono")  # fmt: skip


def export_queue(settings: Settings, path: Path, n: int, now: datetime) -> dict[str, Any]:
    """Write the review queue as a CSV to fill in (``sentiment``, and optionally ``tema``
    and ``abbandono``), then import it with ``voc label --from``.

    Returns:
        ``path``, ``rows``.
    """
    queue = review_queue(settings, n, now)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(QUEUE_COLUMNS)
        for row in queue.fillna("").to_dict("records"):
            theme = (
                "" if pd.isna(row["topic_id"]) else f"{int(row['topic_id'])}: {row['topic_label']}"
            )
            writer.writerow([
                row["doc_id"], row["iso_week"], row["kind"], row["channel"], row["title"],
                row["text"], row["sentiment_label"], theme,
                f"{row['uncertainty']:.2f}", "", "", "",
            ])  # fmt: skip
    return {"path": str(path), "rows": len(queue)}


# --------------------------------------------------------------------------- retraining


def human_training_labels(
    con: store.Connection, file_labels: pd.DataFrame | None
) -> tuple[pd.DataFrame | None, dict[str, Any]]:
    """The human sentiment labels a retrain learns from: the stored ones (``labels`` table)
    plus a file's (the file wins for the same text), and what the registry records of them.

    Returns:
        (``text``, ``label`` frame or None, ``{"stored": n, "file": m, "hash": sha256}``).
    """
    stored = store_labels.human_sentiment_labels(con)[["text", "label"]]
    parts = [stored] + ([file_labels[["text", "label"]]] if file_labels is not None else [])
    merged = pd.concat(parts, ignore_index=True).drop_duplicates("text", keep="last")
    info = {
        "stored": len(stored),
        "file": 0 if file_labels is None else len(file_labels),
        "hash": data_hash(
            f"{t}\t{lab}" for t, lab in zip(merged["text"], merged["label"], strict=True)
        ),
    }
    return (merged.reset_index(drop=True) if len(merged) else None), info


# --------------------------------------------------------------------------- churn follow-up


def follow_up(
    settings: Settings,
    customer_id: str,
    state: str,
    *,
    note: str | None,
    who: str,
    now: datetime,
    source: str = "cli",
    key: str | None = None,
) -> LabelResult:
    """Record a follow-up of an at-risk customer (``contattato``, ``trattenuto``, ``perso``):
    a row of ``churn_outcomes``, so the next ``voc insights`` fits churn on it.

    Raises:
        VocError: an unknown state or customer.
    """
    state = " ".join(str(state).split()).lower()
    if state not in FOLLOWUP_STATES:
        raise VocError(f"stato sconosciuto «{state}» ({', '.join(FOLLOWUP_STATES)})")
    customer = str(customer_id).strip()
    if not customer:
        raise VocError("manca il cliente")
    body = {"customer_id": customer, "state": state,
            "note": clean_text(note, "la nota"), "who": clean_who(who),
            "made_at": now.isoformat(), "source": source}  # fmt: skip
    key = key or label_key(customer, "followup", state, str(body["who"]), now)
    key, status = submit_request(settings, "followup", body, now, key)
    done = f"Cliente {customer}: {state}"
    message = done if status == APPLIED else f"{done} — in attesa: un'elaborazione è in corso"
    return LabelResult(key, status, 1, message)


def at_risk_customers(settings: Settings, limit: int = 50) -> list[dict[str, Any]]:
    """The latest churn-risk list (riskiest first) with each customer's follow-up, if any.

    Raises:
        DatabaseBusyError: a run holds the file.
    """
    with store.connection(settings, read_only=True) as con:
        risk = store.churn_risk_top(con, limit)
        done = store_labels.followups_current(con)
    follow = {str(r["customer_id"]): r for r in done.to_dict("records")}
    out = []
    for row in risk.to_dict("records"):
        f = follow.get(str(row["customer_id"]))
        out.append({**row, "followup": f["outcome"] if f else None,
                    "followup_note": (f or {}).get("note"),
                    "followed_by": (f or {}).get("followed_by")})  # fmt: skip
    return out


def field_names() -> tuple[str, ...]:
    """The label fields (for help texts)."""
    return FIELDS


# --------------------------------------------------------------------------- app pages


def review_page(settings: Settings, now: datetime, n: int = 20) -> dict[str, Any]:
    """The Revisione page: the first ``n`` documents of the review queue (as the Verbatim page
    shows them), the theme choices and how many labels exist.

    Raises:
        DatabaseBusyError: a run holds the file.
    """
    queue = review_queue(settings, n, now)
    ids = queue["doc_id"].astype(str).tolist()
    with store.connection(settings, read_only=True) as con:
        rows = store.documents_by_ids(con, ids)
        counts = store_labels.label_counts(con)
    docs = [document_view(r, [], {}) for r in rows.to_dict("records")]
    uncertainty = dict(zip(ids, queue["uncertainty"].tolist(), strict=True))
    for doc in docs:
        doc["uncertainty"] = round(float(uncertainty.get(doc["doc_id"], 0.0)), 2)
    themes = [t for t in filter_choices(settings)["themes"] if t[0] >= 0]
    return {"documents": docs, "themes": themes, "counts": counts}
