"""CSV reader: delimiter sniffed (or Excel's ``sep=`` hint), malformed records quarantined.

``_row`` is the record number after the header (blank lines are not counted).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from pipelines.errors import InputFileError
from pipelines.ingest.read_result import MAX_BAD_LINE_CHARS, ReadResult

__all__ = ["read_csv"]

_DELIMITERS = (",", ";", "\t", "|")

# Long reviews/ticket bodies can exceed the csv module's 128 KiB default field limit.
csv.field_size_limit(16 * 1024 * 1024)


def _sniff_delimiter(text: str) -> str:
    """Pick the delimiter giving the most consistent multi-column parse of the first rows."""
    sample = text[:65536]
    truncated = len(text) > len(sample)
    best, best_score = ",", (-1.0, 0)
    for delim in _DELIMITERS:
        rows: list[list[str]] = []
        try:
            for row in csv.reader(io.StringIO(sample), delimiter=delim):
                if row:
                    rows.append(row)
                if len(rows) >= 50:
                    break
        except csv.Error:
            continue
        if truncated and len(rows) > 1:
            rows = rows[:-1]  # the last sampled record may be cut in half
        if not rows:
            continue
        width = len(rows[0])
        if width < 2:
            continue
        body = rows[1:] or rows
        consistency = sum(len(r) == width for r in body) / len(body)
        score = (consistency, width)
        if score > best_score:
            best, best_score = delim, score
    return best


_SEP_HINT = re.compile(r"^\ufeff?sep=(.)[ \t]*(?:\r\n|\r|\n)", re.IGNORECASE)


def read_csv(text: str, path: Path) -> ReadResult:
    """Parse decoded CSV text; records with the wrong field count go to ``bad_rows``.

    Raises:
        InputFileError: No header row, or a parse error the reader cannot recover from.
    """
    # Excel writes a "sep=;" hint line before the header: honour it and drop it.
    hint = _SEP_HINT.match(text)
    if hint:
        delimiter = hint.group(1)
        text = text[hint.end() :]
    else:
        delimiter = _sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    lines: list[str] | None = None  # physical lines, only built to recover from a stray quote
    base = 0  # physical lines before the current reader's first line
    try:
        header: list[str] | None = None
        for row in reader:
            if row and any(cell.strip() for cell in row):
                header = row
                break
        if header is None:
            raise InputFileError(f"{path.name}: the file is empty (no header row).", path=str(path))
        columns = _clean_header(header)
        width = len(columns)
        values: list[list[str]] = [[] for _ in range(width)]
        rows: list[int] = []
        bad_rows: list[tuple[int, str]] = []
        bad_lines: dict[int, str] = {}
        n = 0
        end = reader.line_num  # physical lines consumed by the current reader so far
        while True:
            restart: int | None = None
            for record in reader:
                start, end = end, reader.line_num
                if not record or (len(record) == 1 and not record[0].strip()):
                    continue  # blank line
                n += 1
                if len(record) != width:
                    if end - start > 1 and any("\n" in c or "\r" in c for c in record):
                        # An opening quote that never closes swallows the following lines into
                        # one field: report its first line, then read on from the next line.
                        if lines is None:
                            lines = io.StringIO(text, newline="").readlines()
                        first = base + start
                        bad_rows.append(
                            (n, "unbalanced quote (a field opens a quote that never closes)")
                        )
                        bad_lines[n] = lines[first].rstrip("\r\n")[:MAX_BAD_LINE_CHARS]
                        restart = first + 1
                        break
                    bad_rows.append(
                        (
                            n,
                            f"expected {width} fields separated by {delimiter!r}, found {len(record)}",
                        )
                    )
                    bad_lines[n] = delimiter.join(record)[:MAX_BAD_LINE_CHARS]
                    continue
                rows.append(n)
                for i, cell in enumerate(record):
                    values[i].append(cell)
            if restart is None:
                break
            assert lines is not None
            base, end = restart, 0
            reader = csv.reader(_lines_from(lines, restart), delimiter=delimiter)
    except csv.Error as exc:
        raise InputFileError(
            f"{path.name}: CSV parse error near line {base + reader.line_num} ({exc}). "
            "Check for an unclosed quote.",
            path=str(path),
            row=base + reader.line_num,
        ) from exc
    frame = pd.DataFrame(
        {c: pd.Series(v, dtype=object) for c, v in zip(columns, values, strict=True)}
    )
    frame["_row"] = pd.Series(rows, dtype="int64")
    return ReadResult(frame=frame, bad_rows=bad_rows, bad_lines=bad_lines)


def _lines_from(lines: list[str], start: int) -> Iterator[str]:
    # A generator, not a slice: recovering from many stray quotes stays linear.
    for i in range(start, len(lines)):
        yield lines[i]


def _clean_header(header: list[str]) -> list[str]:
    """Strip BOMs/whitespace, name empty headers and make names unique."""
    seen: dict[str, int] = {}
    columns: list[str] = []
    for i, name in enumerate(header):
        clean = (
            name.replace("\ufeff", "").replace("\x00", "").strip().strip('"').strip()
            or f"column_{i + 1}"
        )
        if clean in seen:
            seen[clean] += 1
            clean = f"{clean}.{seen[clean]}"
        else:
            seen[clean] = 0
        columns.append(clean)
    return columns
