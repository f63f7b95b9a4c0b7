"""What every format reader returns, and how a cell becomes a string.

Every scalar cell comes back as ``str`` (or ``None`` when missing) so no type is guessed while
reading: dates, ratings and ids are parsed later, where failures can be quarantined with a
reason. Nested values (ticket ``comments``) stay Python lists/dicts.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["MAX_BAD_LINE_CHARS", "ReadResult", "cell"]

#: Raw text kept per unreadable record (enough to find it in the file, bounded for quarantine).
MAX_BAD_LINE_CHARS = 2000
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass
class ReadResult:
    """Rows read from one file.

    Attributes:
        frame: One row per readable record; string/None cells plus a 1-based ``_row`` column.
        bad_rows: ``(row, reason)`` for records that could not be parsed (truncated JSON line,
            CSV row with the wrong number of fields, non-object JSON item). They belong in
            quarantine; they never abort the file.
        bad_lines: Raw text of each bad record by row (truncated), so the caller can quarantine a
            redacted copy. May contain personal data: never log it.
        encoding: The encoding the file was decoded with (text formats only).
    """

    frame: pd.DataFrame
    bad_rows: list[tuple[int, str]] = field(default_factory=list)
    bad_lines: dict[int, str] = field(default_factory=dict)
    encoding: str | None = None


def cell(value: Any) -> Any:
    """Scalars to ``str`` (None stays None); nested lists/dicts are kept, converted to Python."""
    if value is None:
        return None
    if isinstance(value, str):
        if not value.isascii() and _SURROGATE.search(value):
            # A JSON escape of half an emoji ("\\ud83d"): not encodable as UTF-8 downstream.
            return _SURROGATE.sub("\ufffd", value)
        return value
    if isinstance(value, bool | np.bool_):
        return "true" if value else "false"
    if isinstance(value, np.generic):
        return cell(value.item())
    if isinstance(value, float):
        if math.isnan(value):
            return None
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.isoformat()
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, np.ndarray):
        return [_nested(v) for v in value.tolist()]
    if isinstance(value, list | tuple):
        return [_nested(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _nested(v) for k, v in value.items()}
    if value is pd.NaT or value is pd.NA:
        return None
    return str(value)


def _nested(value: Any) -> Any:
    """Inside nested structures keep JSON-like Python values (str/None/list/dict)."""
    return cell(value)
