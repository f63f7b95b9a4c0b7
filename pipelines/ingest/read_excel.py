"""Excel reader: the first worksheet of an ``.xlsx`` workbook (python-calamine, imported on use)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pandas as pd

from pipelines.errors import InputFileError
from pipelines.ingest.read_result import ReadResult, cell

__all__ = ["read_xlsx"]


def read_xlsx(path: Path) -> ReadResult:
    """First worksheet of an Excel workbook; ``_row`` is the spreadsheet's own row number.

    The header is the first row with two or more filled cells (exports often start with a title
    line or blank rows); rows with no value at all are skipped, as Excel users leave them
    between blocks, and so are unnamed columns with no value (formatting beyond the table).
    Cells become strings like every other format: whole numbers without ".0" (ids, stars),
    dates in ISO 8601. Formulas give the value Excel computed and saved (none: empty).
    """
    # Only Excel users pay for the import. calamine (Rust) reads a 50k-row sheet ~13x faster
    # than openpyxl (benchmarks/excel.py).
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
        names = book.sheet_names
        # skip_empty_area=False keeps the blank rows above the table: row i is spreadsheet row
        # i + 1, the number a user sees in Excel and finds in the quarantine.
        grid = book.get_sheet_by_index(0).to_python(skip_empty_area=False) if names else None
    except (CalamineError, OSError, ValueError) as exc:
        raise InputFileError(
            f"{path.name}: cannot read Excel file ({type(exc).__name__}); save it again as .xlsx "
            "or export CSV.",
            path=str(path),
        ) from exc
    if grid is None:
        raise InputFileError(f"{path.name}: the workbook has no worksheet.", path=str(path))
    filled: list[tuple[int, list[Any]]] = []
    for number, values in enumerate(grid, start=1):
        cells = [_value(v) for v in values]
        if any(c is not None and not (isinstance(c, str) and not c.strip()) for c in cells):
            filled.append((number, cells))
    if not filled:
        raise InputFileError(f"{path.name}: the first worksheet is empty.", path=str(path))
    # The header is the first row as wide as a table row: title lines above it ("Export
    # recensioni marzo") have a single filled cell.
    counts = [sum(c is not None for c in cells) for _, cells in filled]
    at = next(i for i, n in enumerate(counts) if n >= min(2, max(counts)))
    header = _unique_names(
        str(c).strip() if c is not None and str(c).strip() else f"column_{i + 1}"
        for i, c in enumerate(filled[at][1])
    )
    records = [
        {name: cells[i] if i < len(cells) else None for i, name in enumerate(header)}
        for _, cells in filled[at + 1 :]
    ]
    rows = [number for number, _ in filled[at + 1 :]]
    named = [c is not None for c in filled[at][1]]
    keep = [
        name
        for i, name in enumerate(header)
        if (i < len(named) and named[i]) or any(r[name] is not None for r in records)
    ]
    frame = pd.DataFrame(
        {name: pd.Series([r[name] for r in records], dtype=object) for name in keep},
        index=pd.RangeIndex(len(records)),
    )
    frame["_row"] = pd.Series(rows, dtype="int64")
    return ReadResult(frame=frame)


def _value(value: Any) -> Any:
    """One calamine cell as the string every reader gives (see :func:`cell`)."""
    if isinstance(value, str) and value == "":
        return None  # calamine writes an empty cell as "": no value, as a missing one
    if isinstance(value, date) and not isinstance(value, datetime):
        # A date cell at midnight comes back as a date; written as the datetime it is in the
        # workbook (openpyxl's form, so stored values do not change with the reader).
        value = datetime.combine(value, time())
    return cell(value)


def _unique_names(names: Iterable[str]) -> list[str]:
    """Header names made unique ("Data", "Data" -> "Data", "Data_2"): no column is lost."""
    seen: Counter[str] = Counter()
    out: list[str] = []
    for name in names:
        seen[name] += 1
        out.append(name if seen[name] == 1 else f"{name}_{seen[name]}")
    return out
