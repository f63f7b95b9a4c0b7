"""Human labels: fields, accepted values, the labels file (pure; docs/labels.md).

A label is ``(doc_id, field, value)``. Values are stored in one canonical spelling:

=================  ==========================================================
``sentiment``      ``negativo`` | ``neutro`` | ``positivo``
``theme``          a theme id (``voc topics list``) or ``nessuno`` (none of these)
``churn_intent``   ``si`` | ``no``
``escalation``     ``si`` | ``no``
=================  ==========================================================

The labels file is the review queue's CSV (``voc queue export``): one row per document, a
``doc_id`` column and one column per field (``sentiment``, ``tema``, ``abbandono``,
``escalation``; the English field names work too). Every row must give at least one label.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from pipelines.errors import VocError

__all__ = [
    "FIELDS",
    "FILE_COLUMNS",
    "SOURCES",
    "FileLabel",
    "label_key",
    "normalise_value",
    "read_labels_file",
]

FIELDS = ("sentiment", "theme", "churn_intent", "escalation")
SOURCES = ("app", "cli", "csv")
#: Column of the labels file → field (the queue writes the Italian names).
FILE_COLUMNS: dict[str, str] = {
    "sentiment": "sentiment", "tema": "theme", "theme": "theme", "abbandono": "churn_intent",
    "churn_intent": "churn_intent", "escalation": "escalation",
}  # fmt: skip
NONE_THEME = "nessuno"
_SENTIMENT = {
    "negativo": "negativo", "neg": "negativo", "negative": "negativo", "-": "negativo",
    "neutro": "neutro", "neutrale": "neutro", "neutral": "neutro", "0": "neutro",
    "positivo": "positivo", "pos": "positivo", "positive": "positivo", "+": "positivo",
}  # fmt: skip
_YES_NO = {"si": "si", "sì": "si", "s": "si", "yes": "si", "y": "si", "1": "si", "true": "si",
           "no": "no", "n": "no", "0": "no", "false": "no"}  # fmt: skip
_NONE = {"nessuno", "nessuno di questi", "none", "-1"}


def normalise_value(field: str, raw: Any) -> str:
    """The canonical spelling of a label value, or a one-line error naming the field.

    Raises:
        VocError: unknown field, empty value, or a value the field does not take.
    """
    if field not in FIELDS:
        raise VocError(f"campo sconosciuto «{field}» (campi: {', '.join(FIELDS)})")
    text = " ".join(str(raw if raw is not None else "").split()).lower()
    if not text:
        raise VocError(f"{field}: valore vuoto")
    if field == "sentiment":
        if text in _SENTIMENT:
            return _SENTIMENT[text]
        raise VocError(f"{field}: etichetta sconosciuta «{raw}» (negativo, neutro, positivo)")
    if field == "theme":
        if text in _NONE:
            return NONE_THEME
        if text.isdigit():
            return str(int(text))
        raise VocError(f"{field}: tema sconosciuto «{raw}» (un numero di tema o «nessuno»)")
    if text in _YES_NO:
        return _YES_NO[text]
    raise VocError(f"{field}: etichetta sconosciuta «{raw}» (si, no)")


def label_key(doc_id: str, field: str, value: str, who: str, made_at: datetime) -> str:
    """Deterministic id of one label request (the same request twice is one label)."""
    blob = json.dumps([doc_id, field, value, who, made_at.isoformat()], ensure_ascii=False)
    return "lab-" + hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class FileLabel:
    """One label read from a file, with where it came from (for error messages)."""

    row: int  #: line of the file (the header is line 1)
    doc_id: str
    field: str
    column: str  #: the file's column name
    value: str


def _decode(path: Path) -> str:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise VocError(f"{path.name}: file non leggibile (codifica sconosciuta)")


def read_labels_file(path: Path) -> list[FileLabel]:
    """Every label of a labels file, checked; nothing is returned unless every row is valid.

    Raises:
        VocError: one line naming the file, the row and the field: missing file or ``doc_id``
            column, no label column, an empty ``doc_id``, a row with no label, a value the
            field does not take.
    """
    path = Path(path)
    if not path.exists():
        raise VocError(f"{path}: file non trovato")
    text = _decode(path)
    sample = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    header = [h.strip().lower() for h in next(reader, [])]
    if "doc_id" not in header:
        raise VocError(f"{path.name}: manca la colonna 'doc_id'")
    columns = [(i, h, FILE_COLUMNS[h]) for i, h in enumerate(header) if h in FILE_COLUMNS]
    if not columns:
        names = ", ".join(sorted({"sentiment", "tema", "abbandono", "escalation"}))
        raise VocError(f"{path.name}: nessuna colonna di etichette ({names})")
    id_col = header.index("doc_id")
    out: list[FileLabel] = []
    for line, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue  # a blank line is no row
        cell = _cells(cells, len(header))
        doc_id = cell[id_col].strip()
        if not doc_id:
            raise VocError(f"{path.name}: riga {line}, campo doc_id: valore vuoto")
        given = [(h, f, cell[i]) for i, h, f in columns if cell[i].strip()]
        if not given:
            first = columns[0][1]
            raise VocError(
                f"{path.name}: riga {line}, campo {first}: valore vuoto (etichetta la riga o"
                " cancellala)"
            )
        for column, field, raw in given:
            try:
                value = normalise_value(field, raw)
            except VocError as exc:
                reason = str(exc).split(": ", 1)[-1]
                raise VocError(f"{path.name}: riga {line}, campo {column}: {reason}") from None
            out.append(FileLabel(line, doc_id, field, column, value))
    if not out:
        raise VocError(f"{path.name}: nessuna etichetta nel file")
    return out


def _cells(cells: list[str], width: int) -> list[str]:
    return [*cells, *[""] * (width - len(cells))][:width] if len(cells) < width else cells


def summarise(labels: list[Mapping[str, Any]]) -> dict[str, int]:
    """How many labels per field."""
    counts: dict[str, int] = {}
    for item in labels:
        counts[str(item["field"])] = counts.get(str(item["field"]), 0) + 1
    return counts
