"""Italian formatting for the report: numbers, percentages, dates, week labels, short texts."""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import Any

import pandas as pd

from pipelines.weeks import week_monday

__all__ = [
    "DASH",
    "KIND_LABELS",
    "MINUS",
    "MONTHS",
    "NBSP",
    "as_list",
    "fmt_date",
    "fmt_int",
    "fmt_num",
    "fmt_pct",
    "fmt_pp",
    "fmt_timestamp",
    "join_it",
    "missing",
    "tone",
    "truncate",
    "week_range_label",
]

MINUS = "\u2212"
NBSP = "\u00a0"
DASH = "—"
MONTHS = (
    "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
    "settembre", "ottobre", "novembre", "dicembre",
)  # fmt: skip
KIND_LABELS = {"reviews": "Recensioni", "tickets": "Ticket", "social": "Social", "tutti": "Tutti"}


def missing(value: Any) -> bool:
    """``None``, ``pd.NA``, ``pd.NaT`` or NaN."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return bool(math.isnan(float(value)))
    except (TypeError, ValueError):
        return False


def _swap_separators(text: str) -> str:
    # Python formats "1,234.5"; Italian is "1.234,5".
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def fmt_num(value: Any, digits: int = 1, *, signed: bool = False) -> str:
    """Italian decimal: ``1234.5`` → ``1.234,5``; ``signed`` adds ``+``; minus is U+2212."""
    if missing(value):
        return DASH
    number = round(float(value), digits)
    if number == 0:
        number = 0.0  # no "−0,0"
    body = _swap_separators(f"{abs(number):,.{digits}f}")
    if number < 0:
        return MINUS + body
    return ("+" + body) if signed and number > 0 else body


def fmt_int(value: Any, *, signed: bool = False) -> str:
    """Italian integer with thousands point: ``1234`` → ``1.234``."""
    return fmt_num(value, 0, signed=signed)


def fmt_pct(share: Any, digits: int = 1, *, signed: bool = False) -> str:
    """A share in [0, 1] as an Italian percentage: ``0.125`` → ``12,5 %``."""
    if missing(share):
        return DASH
    return fmt_num(float(share) * 100, digits, signed=signed) + NBSP + "%"


def fmt_pp(diff: Any) -> str:
    """A difference of two shares in percentage points: ``0.021`` → ``+2,1 p.p.``."""
    if missing(diff):
        return DASH
    return fmt_num(float(diff) * 100, 1, signed=True) + NBSP + "p.p."


def fmt_date(day: date) -> str:
    """``7 settembre 2026``."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def week_range_label(week: str) -> str:
    """``2026-W37`` → ``7–13 settembre 2026`` (Monday to Sunday, in Italian)."""
    start = week_monday(week)
    end = start + timedelta(days=6)
    if start.year != end.year:
        return f"{fmt_date(start)} – {fmt_date(end)}"
    if start.month != end.month:
        return f"{start.day} {MONTHS[start.month - 1]} – {fmt_date(end)}"
    return f"{start.day}–{fmt_date(end)}"


def fmt_timestamp(value: Any) -> str:
    """``9 marzo 2026, 07:30``; a dash when missing."""
    if missing(value):
        return DASH
    ts = pd.Timestamp(value)
    return f"{fmt_date(ts.date())}, {ts:%H:%M}"


def truncate(text: Any, limit: int) -> str:
    """Whitespace collapsed, cut at ``limit`` characters with an ellipsis."""
    text = " ".join(str(text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def as_list(value: Any) -> list[Any]:
    """A list column's value as a list without missing items (a lone string is one item)."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    try:
        return [v for v in list(value) if not missing(v)]
    except TypeError:
        return []


def join_it(items: list[str]) -> str:
    """``a, b e c``."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " e " + items[-1]


def tone(diff: float | None, threshold: float, higher_is: str) -> str:
    """CSS tone of a change: ``flat`` below ``threshold``, else ``good``/``bad`` or ``up``/``down``.

    ``higher_is`` is ``"good"``, ``"bad"`` or ``"neutral"`` (volume: neither good nor bad).
    """
    if diff is None or abs(diff) < threshold:
        return "flat"
    if higher_is == "neutral":
        return "up" if diff > 0 else "down"
    good = (diff > 0) == (higher_is == "good")
    return "good" if good else "bad"
