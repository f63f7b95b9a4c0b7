"""Survey responses (NPS 0-10, CSAT 1-5, CES 1-7): one input file -> responses, documents,
quarantine.

A response counts for its scores whether or not the respondent wrote a comment: every accepted
row becomes a row of the ``responses`` frame (``survey_responses``); a row with a verbatim also
becomes a document of kind ``surveys`` (same redaction, language, ``doc_id`` and near-duplicate
rules as the other kinds), so its text is enriched and its themes can be tied to the score. A
row is quarantined when it has no valid date, no score at all, or a score that is not a whole
number in its scale; an empty verbatim is not an error.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from typing import Any

import pandas as pd

from pipelines.ingest.normalize import normalize_text, parse_datetime
from pipelines.ingest.prepare_frames import build_documents
from pipelines.ingest.redact_records import pseudonymise

__all__ = [
    "RESPONSE_COLUMNS",
    "SCALES",
    "parse_score",
    "prepare_survey_record",
    "response_frame",
    "validation_frame",
]

#: The score columns and their scales (inclusive).
SCALES: dict[str, tuple[int, int]] = {"nps": (0, 10), "csat": (1, 5), "ces": (1, 7)}
RESPONSE_COLUMNS: list[str] = [
    "response_id", "doc_id", "survey", "touchpoint", "channel", "customer_id", "created_at",
    "nps", "csat", "ces", "source_file", "source_row",
]  # fmt: skip
_SCORE_RE = re.compile(r"^\s*(\d{1,2})(?:[.,]0+)?\s*(?:/\s*(\d{1,2}))?\s*$")


def parse_score(value: Any, scale: tuple[int, int]) -> tuple[int | None, bool]:
    """A score as an integer of ``scale``: ``(value, ok)``; blank is ``(None, True)``.

    Accepts ``9``, ``"9"``, ``"9.0"``, ``"9/10"`` and the labelled answers some exports write
    (``"10 - Estremamente probabile"``, ``"1 (Per niente soddisfatto)"``): the leading number.
    A number out of the scale, a fraction or a text without a leading number is not ok.
    """
    if value is None or (isinstance(value, float) and value != value):
        return None, True
    if isinstance(value, bool):
        return None, False
    if isinstance(value, int | float):
        number = float(value)
        if not number.is_integer():
            return None, False
        score = int(number)
    else:
        text = str(value).strip()
        if not text:
            return None, True
        match = _SCORE_RE.match(text) or re.match(r"^\s*(\d{1,2})\s*(?:[-–(:]|$)", text)
        if not match:
            return None, False
        score = int(match.group(1))
        top = match.group(2) if match.re is _SCORE_RE else None
        if top is not None and int(top) != scale[1]:
            return None, False
    low, high = scale
    return (score, True) if low <= score <= high else (None, False)


def _text(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    text = str(value).strip()
    return text or None


def prepare_survey_record(rec: dict[str, Any], has_id: bool, tz: str) -> dict[str, Any]:
    """Parse one survey row: dates, scores, labels and the normalised verbatim (not redacted)."""
    repairs: list[str] = []
    text, reps = normalize_text(_text(rec.get("text")))
    repairs.extend(reps)
    out: dict[str, Any] = {
        "_row": int(rec["_row"]),
        "source_id": _text(rec.get("id")) if has_id else None,
        "created_at": parse_datetime(rec.get("created_at"), tz),
        "updated_at": None,
        "status": None,
        "comments": [],
        "customer_id": _text(rec.get("customer_id")),
        "channel": (_text(rec.get("channel")) or "").lower() or None,
        "survey": _text(rec.get("survey")),
        "touchpoint": (_text(rec.get("touchpoint")) or "").lower() or None,
        "title": None,
        "text": text,
        "rating": float("nan"),
        "repairs": repairs,
    }
    for name, scale in SCALES.items():
        score, ok = parse_score(rec.get(name), scale)
        out[name] = score
        out[f"{name}_ok"] = ok
    # A malformed score is reported as such, not as a missing one.
    out["has_score"] = any(out[name] is not None or not out[f"{name}_ok"] for name in SCALES)
    return out


def validation_frame(rows: list[dict[str, Any]], has_id: bool) -> pd.DataFrame:
    """The columns the ``surveys`` suite of :mod:`pipelines.ingest.validate` checks, one row per prepared record."""
    frame = pd.DataFrame(
        {
            "_row": pd.Series([r["_row"] for r in rows], dtype="int64"),
            "created_at_parsed": pd.to_datetime(
                pd.Series([r["created_at"] for r in rows], dtype=object), errors="coerce"
            ),
            "has_score": pd.Series([r["has_score"] for r in rows], dtype=bool),
        }
    )
    for name in SCALES:
        frame[f"{name}_ok"] = pd.Series([r[f"{name}_ok"] for r in rows], dtype=bool)
    if has_id:
        frame["id"] = pd.Series([r["source_id"] for r in rows], dtype=object)
    return frame


def response_frame(
    rows: list[dict[str, Any]], source_file: str, redact_pii: bool, stats: Counter[str]
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, int]:
    """Responses of accepted rows and the documents of those with a verbatim.

    Returns:
        ``(responses, documents, comments, identical)``: ``responses`` has
        :data:`RESPONSE_COLUMNS` (``doc_id`` set where a verbatim became a document),
        ``documents``/``comments`` come from :func:`build_documents` (comments is empty),
        ``identical`` counts rows dropped as identical copies of a kept row.
    """
    with_text = [r for r in rows if r["text"]]
    documents, comments, identical = build_documents(
        with_text, "surveys", source_file, redact_pii, stats
    )
    doc_of_row = dict(zip(documents["source_row"].tolist(), documents["doc_id"], strict=True))
    records: list[dict[str, Any]] = []
    seen: set[str] = set()
    for row in rows:
        doc_id = doc_of_row.get(row["_row"])
        if row["text"] and doc_id is None:
            continue  # an identical copy of a verbatim already kept
        customer = pseudonymise(row["customer_id"]) if redact_pii else row["customer_id"]
        if doc_id is not None:
            response_id = doc_id
        elif row["source_id"] is not None:
            response_id = f"surveys:{row['source_id']}"
        else:
            fingerprint = json.dumps(
                [customer, str(row["created_at"]), row["survey"], row["touchpoint"],
                 row["channel"], *(row[n] for n in SCALES)],
                ensure_ascii=False,
            )  # fmt: skip
            digest = hashlib.sha256(fingerprint.encode("utf-8")).hexdigest()[:16]
            response_id = f"surveys:h:{digest}"
        if response_id in seen:
            identical += 1
            continue
        seen.add(response_id)
        records.append(
            {
                "response_id": response_id,
                "doc_id": doc_id,
                "survey": row["survey"],
                "touchpoint": row["touchpoint"],
                "channel": row["channel"],
                "customer_id": customer,
                "created_at": row["created_at"],
                **{name: row[name] for name in SCALES},
                "source_file": source_file,
                "source_row": row["_row"],
            }
        )
    responses = pd.DataFrame.from_records(records, columns=RESPONSE_COLUMNS)
    for name in SCALES:
        responses[name] = pd.array(responses[name].tolist(), dtype="Int16")
    responses["created_at"] = pd.Series(
        pd.to_datetime(responses["created_at"]), dtype="datetime64[us]"
    )
    responses["source_row"] = responses["source_row"].astype("int64")
    return responses, documents, comments, identical
