"""JSON Lines and JSON readers.

JSON may be a list, an object wrapping a list such as ``{"tickets": [...]}``, or JSON Lines saved
as ``.json``. ``_row`` is the line number (JSON Lines) or the position in the list (JSON).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from pipelines.errors import InputFileError
from pipelines.ingest.read_result import MAX_BAD_LINE_CHARS, ReadResult, cell

__all__ = ["read_json", "read_jsonl"]

# Keys that usually wrap the record list in JSON exports, in order of preference.
_WRAPPER_KEYS = ("tickets", "reviews", "posts", "items", "data", "results", "records", "rows")


def read_jsonl(text: str, path: Path) -> ReadResult:
    """One JSON object per line; unparsable or non-object lines go to ``bad_rows``."""
    records: list[dict[str, Any]] = []
    rows: list[int] = []
    bad_rows: list[tuple[int, str]] = []
    bad_lines: dict[int, str] = {}
    # split("\n") not splitlines(): U+2028 may legally appear unescaped inside JSON strings.
    for lineno, line in enumerate(text.split("\n"), start=1):
        line = line.strip().lstrip("\ufeff")
        if not line:
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            bad_rows.append((lineno, f"invalid JSON ({exc.msg} at column {exc.colno})"))
            bad_lines[lineno] = line[:MAX_BAD_LINE_CHARS]
            continue
        except RecursionError:
            bad_rows.append((lineno, "invalid JSON (nested too deeply)"))
            bad_lines[lineno] = line[:MAX_BAD_LINE_CHARS]
            continue
        if not isinstance(obj, dict):
            bad_rows.append((lineno, f"expected a JSON object, found {type(obj).__name__}"))
            bad_lines[lineno] = line[:MAX_BAD_LINE_CHARS]
            continue
        records.append(obj)
        rows.append(lineno)
    return ReadResult(frame=_records_frame(records, rows), bad_rows=bad_rows, bad_lines=bad_lines)


def read_json(text: str, path: Path) -> ReadResult:
    """A JSON document holding a record list (or JSON Lines saved as ``.json``).

    Raises:
        InputFileError: Empty or invalid JSON, or no list of records in it.
    """
    stripped = text.strip().lstrip("\ufeff")
    if not stripped:
        raise InputFileError(f"{path.name}: the file is empty.", path=str(path))
    try:
        data = json.loads(stripped)
    except RecursionError:
        raise InputFileError(
            f"{path.name}: not valid JSON (nested too deeply).", path=str(path)
        ) from None
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" or stripped.startswith("{"):
            # Several top-level objects: JSON Lines saved with a .json extension.
            lined = read_jsonl(text, path)
            if len(lined.frame):
                return lined
            # Not JSON Lines either (e.g. one document cut short): report the JSON error.
        raise InputFileError(
            f"{path.name}: not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno}).",
            path=str(path),
            row=exc.lineno,
        ) from exc
    items = _unwrap(data, path)
    records: list[dict[str, Any]] = []
    rows: list[int] = []
    bad_rows: list[tuple[int, str]] = []
    bad_lines: dict[int, str] = {}
    for i, item in enumerate(items, start=1):
        if isinstance(item, dict):
            records.append(item)
            rows.append(i)
        else:
            bad_rows.append((i, f"expected a JSON object, found {type(item).__name__}"))
            bad_lines[i] = json.dumps(item, ensure_ascii=False, default=str)[:MAX_BAD_LINE_CHARS]
    return ReadResult(frame=_records_frame(records, rows), bad_rows=bad_rows, bad_lines=bad_lines)


def _unwrap(data: Any, path: Path) -> list[Any]:
    """Find the record list: the document itself or a wrapping key such as ``tickets``."""
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        for key in _WRAPPER_KEYS:
            if isinstance(data.get(key), list):
                return data[key]
        for value in data.values():
            if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
                return value
        if "id" in data or "text" in data or "comments" in data:
            return [data]  # a single record
    raise InputFileError(
        f"{path.name}: no list of records found (expected a JSON list or an object like "
        '{"tickets": [...]}).',
        path=str(path),
    )


def _records_frame(records: list[dict[str, Any]], rows: list[int]) -> pd.DataFrame:
    columns: dict[str, None] = {}
    for rec in records:
        for key in rec:
            columns.setdefault(str(key), None)
    columns.pop("_row", None)
    data = {
        col: pd.Series([cell(rec.get(col)) for rec in records], dtype=object) for col in columns
    }
    frame = pd.DataFrame(data, index=pd.RangeIndex(len(records)))
    frame["_row"] = pd.Series(rows, dtype="int64")
    return frame
