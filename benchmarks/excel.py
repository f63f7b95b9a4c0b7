"""Excel reading speed: python-calamine (the reader) against openpyxl (the reader it replaced).

Usage::

    python benchmarks/excel.py            # 50,000 rows
    python benchmarks/excel.py --rows 200000

Writes one workbook shaped like a reviews export (a title line and a blank row above the header,
float ids, date cells, text, stars, blank rows between blocks), reads it with both, checks that
they give the same frame (same values, same spreadsheet row numbers) and prints seconds and the
ratio measured in the same run. openpyxl is a development dependency only (tests write
workbooks with it).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipelines.ingest.read_excel import _unique_names, read_xlsx  # noqa: E402
from pipelines.ingest.read_result import cell  # noqa: E402

WORDS = [
    "bolletta",
    "doppia",
    "nessuno",
    "risponde",
    "tecnico",
    "gentile",
    "fibra",
    "attivata",
    "ritardo",
    "consegna",
]


def write_workbook(path: Path, rows: int) -> None:
    """A reviews export of ``rows`` data rows (write-only mode: fast and small in memory)."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["Esportazione recensioni"])
    sheet.append([])
    sheet.append(["id", "created_at", "text", "rating", "channel"])
    start = datetime(2025, 1, 1, 8)
    for i in range(rows):
        if i and i % 1000 == 0:
            sheet.append([])  # blank rows between blocks, as users leave them
        text = " ".join(WORDS[(i + k) % len(WORDS)] for k in range(6 + i % 7))
        sheet.append([float(1_000_000 + i), start + timedelta(minutes=7 * i), text, 1 + i % 5,
                      "google" if i % 3 else "trustpilot"])  # fmt: skip
    book.save(path)


def read_with_openpyxl(path: Path) -> pd.DataFrame:
    """The former reader (openpyxl read-only, cached formula values), same header/row rules."""
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        filled = []
        for number, values in enumerate(book.worksheets[0].iter_rows(values_only=True), start=1):
            cells = [cell(v) for v in values]
            if any(c is not None and not (isinstance(c, str) and not c.strip()) for c in cells):
                filled.append((number, cells))
    finally:
        book.close()
    counts = [sum(c is not None for c in cells) for _, cells in filled]
    at = next(i for i, n in enumerate(counts) if n >= min(2, max(counts)))
    header = _unique_names(
        str(c).strip() if c is not None and str(c).strip() else f"column_{i + 1}"
        for i, c in enumerate(filled[at][1])
    )
    records: list[dict[str, Any]] = [
        {name: cells[i] if i < len(cells) else None for i, name in enumerate(header)}
        for _, cells in filled[at + 1 :]
    ]
    frame = pd.DataFrame(
        {name: pd.Series([r[name] for r in records], dtype=object) for name in header}
    )
    frame["_row"] = pd.Series([n for n, _ in filled[at + 1 :]], dtype="int64")
    return frame


def _raw_calamine(path: Path) -> list[list[Any]]:
    from python_calamine import CalamineWorkbook

    return CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()


def _raw_openpyxl(path: Path) -> list[tuple[Any, ...]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        return list(book.worksheets[0].iter_rows(values_only=True))
    finally:
        book.close()


def _timed(read: Callable[[Path], Any], path: Path) -> tuple[Any, float]:
    start = time.perf_counter()
    out = read(path)
    return out, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    """Print the timing table; non-zero exit when the two readers disagree."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "recensioni.xlsx"
        write_workbook(path, args.rows)
        raw = {"python-calamine": _raw_calamine, "openpyxl": _raw_openpyxl}
        raw_seconds = {name: _timed(read, path)[1] for name, read in raw.items()}
        fast, fast_seconds = _timed(lambda p: read_xlsx(p).frame, path)
        slow, slow_seconds = _timed(read_with_openpyxl, path)
    same = fast.reset_index(drop=True).equals(slow.reset_index(drop=True))
    print(f"{args.rows:,} rows ({path.name}); identical frames and row numbers: {same}")
    print(f"{'library':<16}{'cells only s':>14}{'whole reader s':>16}{'rows/s':>10}")
    for name, seconds in (("python-calamine", fast_seconds), ("openpyxl", slow_seconds)):
        print(f"{name:<16}{raw_seconds[name]:>14.2f}{seconds:>16.2f}{args.rows / seconds:>10,.0f}")
    ratio = raw_seconds["openpyxl"] / raw_seconds["python-calamine"]
    print(f"calamine: {ratio:.1f}x faster reading the cells, "
          f"{slow_seconds / fast_seconds:.1f}x for the whole reader")  # fmt: skip
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
