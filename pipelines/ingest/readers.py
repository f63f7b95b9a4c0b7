"""Read review/ticket/social exports into a DataFrame of strings.

Supported formats: CSV (delimiter and encoding sniffed), JSON Lines (``.jsonl``/``.ndjson``),
JSON (a list, an object wrapping a list such as ``{"tickets": [...]}``, or JSON lines saved as
``.json``) and Parquet. Every scalar cell comes back as ``str`` (or ``None`` when missing) so no
type is guessed here: dates, ratings and ids are parsed later, where failures can be quarantined
with a reason. Nested values (ticket ``comments``) stay Python lists/dicts.

A ``_row`` column holds the 1-based data row number that quarantine reports refer to:
for CSV the record number after the header (blank lines are not counted), for JSON Lines the
line number, for JSON and Parquet the position in the list/table.

Nothing here logs cell contents: exports carry personal data.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import math
import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from pipelines.errors import InputFileError

__all__ = ["CANONICAL_COLUMNS", "ReadResult", "infer_format", "load_mapping", "read_table"]

#: Column names the pipeline understands (see docs/architecture.md). Headers matching one of these
#: case-insensitively are renamed to the canonical spelling.
CANONICAL_COLUMNS: frozenset[str] = frozenset(
    {
        "id",
        "created_at",
        "updated_at",
        "solved_at",
        "text",
        "title",
        "rating",
        "channel",
        "customer_id",
        "requester_id",
        "status",
        "subject",
        "description",
        "comments",
        "platform",
        "author_id",
        "in_reply_to",
    }
)

_FORMATS = {
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
}
_DELIMITERS = (",", ";", "\t", "|")
# Keys that usually wrap the record list in JSON exports, in order of preference.
_WRAPPER_KEYS = ("tickets", "reviews", "posts", "items", "data", "results", "records", "rows")
_MAX_BAD_LINE_CHARS = 2000
_SURROGATE = re.compile("[\ud800-\udfff]")

# Long reviews/ticket bodies can exceed the csv module's 128 KiB default field limit.
csv.field_size_limit(16 * 1024 * 1024)


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


def infer_format(path: Path) -> str:
    """Infer ``csv``/``jsonl``/``json``/``parquet``/``xlsx`` from a file extension.

    Raises:
        InputFileError: The extension is not one of the supported ones.
    """
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputFileError(
            f"{path.name}: cannot tell the format from the extension {path.suffix!r}. "
            "Use --format csv|jsonl|json|parquet|xlsx.",
            path=str(path),
        )
    return fmt


def load_mapping(path: Path) -> dict[str, str | list[str]]:
    """Load a column mapping ``{canonical: source_column}`` from YAML, JSON or TOML.

    A value may be a list of alternative source columns (the first one present wins) or a string
    starting with ``=`` for a constant (``channel: "=trustpilot"``).

    Raises:
        InputFileError: The file is missing, unparsable or not a flat string mapping.
    """
    path = Path(path)
    try:
        raw_text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputFileError(
            f"{path.name}: cannot read mapping file ({exc.strerror or exc}).", path=str(path)
        ) from exc
    suffix = path.suffix.lower()
    try:
        if suffix == ".json":
            data = json.loads(raw_text)
        elif suffix == ".toml":
            data = tomllib.loads(raw_text)
        else:
            data = yaml.safe_load(raw_text)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError, yaml.YAMLError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputFileError(
            f"{path.name}: mapping file is not valid {suffix.lstrip('.') or 'YAML'} ({first}).",
            path=str(path),
        ) from exc
    if isinstance(data, dict) and set(data) == {"columns"} and isinstance(data["columns"], dict):
        data = data["columns"]
    if not isinstance(data, dict) or not data:
        raise InputFileError(
            f"{path.name}: mapping must be a non-empty dictionary like 'text: Review Content'.",
            path=str(path),
        )
    mapping: dict[str, str | list[str]] = {}
    for key, value in data.items():
        if isinstance(value, str) and value.strip():
            mapping[str(key)] = value.strip()
        elif (
            isinstance(value, list)
            and value
            and all(isinstance(v, str) and v.strip() for v in value)
        ):
            mapping[str(key)] = [v.strip() for v in value]
        else:
            raise InputFileError(
                f"{path.name}: mapping value for {key!r} must be a column name "
                "(or a list of names); got {type(value).__name__}.",
                path=str(path),
                field=str(key),
            )
    return mapping


def read_table(
    path: Path,
    fmt: str | None = None,
    mapping: Mapping[str, str | Sequence[str]] | None = None,
    *,
    text_columns: Sequence[str] = ("text",),
) -> ReadResult:
    """Read a CSV/JSONL/JSON/Parquet/Excel export into string columns.

    Args:
        path: The file to read.
        fmt: ``csv``, ``jsonl``, ``json``, ``parquet`` or ``xlsx`` (first worksheet, header on
            the first non-empty row); inferred from the extension when None.
        mapping: ``{canonical: source_column}`` renames applied after reading (see
            :func:`load_mapping`).
        text_columns: At least one of these (canonical) columns must exist after mapping,
            e.g. ``("comments", "description")`` for tickets.

    Returns:
        The frame (with ``_row``) and the records that could not be parsed.

    Raises:
        InputFileError: Unknown format, unreadable/undecodable file, or no text column.
    """
    path = Path(path)
    fmt = (fmt or infer_format(path)).lower()
    if fmt == "ndjson":
        fmt = "jsonl"
    if fmt not in {"csv", "jsonl", "json", "parquet", "xlsx"}:
        raise InputFileError(
            f"{path.name}: unknown format {fmt!r}. Use csv, jsonl, json, parquet or xlsx.",
            path=str(path),
        )
    if fmt == "parquet":
        result = _read_parquet(path)
    elif fmt == "xlsx":
        result = _read_xlsx(path)
    else:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputFileError(
                f"{path.name}: cannot read file ({exc.strerror or exc}).", path=str(path)
            ) from exc
        _refuse_binary(data, path, fmt)
        text, encoding = _decode(data, path)
        _refuse_binary_text(text, path, fmt)
        if fmt == "csv":
            result = _read_csv(text, path)
        elif fmt == "jsonl":
            result = _read_jsonl(text, path)
        else:
            result = _read_json(text, path)
        result.encoding = encoding

    result.frame = _apply_mapping(result.frame, mapping or {}, path)
    present = [c for c in text_columns if c in result.frame.columns]
    if not present:
        found = [c for c in result.frame.columns if c != "_row"]
        shown = ", ".join(found[:15]) + (", ..." if len(found) > 15 else "")
        expected = " or ".join(repr(c) for c in text_columns)
        hint = ""
        if mapping:
            wanted = [mapping[c] for c in text_columns if c in mapping]
            if wanted:
                hint = f" Mapping points {expected} at {wanted[0]!r}, which is not in the file."
        raise InputFileError(
            f"{path.name}: no text column (expected {expected}; found: {shown or 'no columns'})."
            f"{hint} Use --mapping to rename.",
            path=str(path),
            field=text_columns[0] if text_columns else None,
        )
    return result


# --------------------------------------------------------------------------- decoding

# Signatures of files people rename or pick by mistake, with what they probably are.
_MAGIC = (
    (b"PK\x03\x04", "a ZIP archive (an Excel .xlsx workbook? use --format xlsx)"),
    (b"\x1f\x8b", "a gzip archive (decompress it first)"),
    (b"BZh", "a bzip2 archive (decompress it first)"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive (extract it first)"),
    (b"%PDF", "a PDF document"),
    (b"PAR1", "a Parquet file (use --format parquet)"),
    (b"\xd0\xcf\x11\xe0", "an old Excel .xls/Office file (save it as .xlsx or CSV)"),
    (b"SQLite format 3\x00", "a SQLite database"),
)


def _refuse_binary(data: bytes, path: Path, fmt: str) -> None:
    """One clear line for a binary file given as text, instead of garbage column names."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputFileError(
                f"{path.name}: this is {what}, not {fmt.upper()} text.", path=str(path)
            )


def looks_binary(text: str) -> bool:
    """Whether decoded text is mostly control characters: bytes that were never text.

    A few control characters are repaired per row (NUL bytes, ANSI escapes, a stray bell); a
    quarter of the first 4,000 characters (in a file of at least 64) is not an export.
    """
    head = text[:4000]
    if len(head) < 64:
        return False
    control = sum(1 for ch in head if ch < " " and ch not in "\t\n\r")
    return control > 0.25 * len(head)


def _refuse_binary_text(text: str, path: Path, fmt: str) -> None:
    if looks_binary(text):
        raise InputFileError(
            f"{path.name}: binary content, not {fmt.upper()} text (mostly control characters).",
            path=str(path),
        )


def _decode(data: bytes, path: Path) -> tuple[str, str]:
    """Decode bytes: BOMs first, then strict UTF-8, then cp1252 (Excel on Windows)."""
    try:
        if data.startswith(codecs.BOM_UTF8):
            return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), "utf-8-sig"
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return data.decode("utf-16"), "utf-16"
        # BOM-less UTF-16 (rare, some Windows tools): ASCII text has a NUL every other byte.
        head = data[:4000]
        if len(head) >= 8 and head[1::2].count(0) > 0.4 * len(head[1::2]):
            return data.decode("utf-16-le"), "utf-16-le"
        if len(head) >= 8 and head[0::2].count(0) > 0.4 * len(head[0::2]):
            return data.decode("utf-16-be"), "utf-16-be"
    except UnicodeDecodeError as exc:
        raise InputFileError(
            f"{path.name}: looks like UTF-16 but cannot be decoded (byte {exc.start}). "
            "Re-export the file as UTF-8.",
            path=str(path),
        ) from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; latin-1 maps every byte, so this cannot fail.
        return data.decode("latin-1"), "latin-1"


# --------------------------------------------------------------------------- CSV


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


def _read_csv(text: str, path: Path) -> ReadResult:
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
                        bad_lines[n] = lines[first].rstrip("\r\n")[:_MAX_BAD_LINE_CHARS]
                        restart = first + 1
                        break
                    bad_rows.append(
                        (
                            n,
                            f"expected {width} fields separated by {delimiter!r}, found {len(record)}",
                        )
                    )
                    bad_lines[n] = delimiter.join(record)[:_MAX_BAD_LINE_CHARS]
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


# --------------------------------------------------------------------------- JSON


def _read_jsonl(text: str, path: Path) -> ReadResult:
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
            bad_lines[lineno] = line[:_MAX_BAD_LINE_CHARS]
            continue
        except RecursionError:
            bad_rows.append((lineno, "invalid JSON (nested too deeply)"))
            bad_lines[lineno] = line[:_MAX_BAD_LINE_CHARS]
            continue
        if not isinstance(obj, dict):
            bad_rows.append((lineno, f"expected a JSON object, found {type(obj).__name__}"))
            bad_lines[lineno] = line[:_MAX_BAD_LINE_CHARS]
            continue
        records.append(obj)
        rows.append(lineno)
    return ReadResult(frame=_records_frame(records, rows), bad_rows=bad_rows, bad_lines=bad_lines)


def _read_json(text: str, path: Path) -> ReadResult:
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
            lined = _read_jsonl(text, path)
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
            bad_lines[i] = json.dumps(item, ensure_ascii=False, default=str)[:_MAX_BAD_LINE_CHARS]
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
        col: pd.Series([_cell(rec.get(col)) for rec in records], dtype=object) for col in columns
    }
    frame = pd.DataFrame(data, index=pd.RangeIndex(len(records)))
    frame["_row"] = pd.Series(rows, dtype="int64")
    return frame


def _cell(value: Any) -> Any:
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
        return _cell(value.item())
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
    return _cell(value)


# --------------------------------------------------------------------------- Parquet


def _read_parquet(path: Path) -> ReadResult:
    try:
        raw = pd.read_parquet(path)
    except Exception as exc:  # pyarrow raises several unrelated types for corrupt files
        raise InputFileError(
            f"{path.name}: cannot read Parquet file ({type(exc).__name__}).", path=str(path)
        ) from exc
    data = {
        str(col): pd.Series([_cell(v) for v in raw[col].tolist()], dtype=object)
        for col in raw.columns
        if str(col) != "_row"
    }
    frame = pd.DataFrame(data, index=pd.RangeIndex(len(raw)))
    frame["_row"] = pd.Series(range(1, len(raw) + 1), dtype="int64")
    return ReadResult(frame=frame)


def _read_xlsx(path: Path) -> ReadResult:
    """First worksheet of an Excel workbook; ``_row`` is the spreadsheet's own row number.

    The header is the first row with two or more filled cells (exports often start with a title
    line or blank rows); rows with no value at all are skipped, as Excel users leave them
    between blocks, and so are unnamed columns with no value (formatting beyond the table).
    Cells become strings like every other format: whole numbers without ".0" (ids, stars),
    dates in ISO 8601.
    """
    import zipfile

    from openpyxl import load_workbook  # only Excel users pay for the import

    try:
        # read_only streams rows (big exports); data_only takes the values formulas computed.
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputFileError(
            f"{path.name}: cannot read Excel file ({type(exc).__name__}); save it again as .xlsx "
            "or export CSV.",
            path=str(path),
        ) from exc
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        if sheet is None:
            raise InputFileError(f"{path.name}: the workbook has no worksheet.", path=str(path))
        filled: list[tuple[int, list[Any]]] = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = [_cell(v) for v in values]
            if any(c is not None and not (isinstance(c, str) and not c.strip()) for c in cells):
                filled.append((number, cells))
    finally:
        book.close()
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


def _unique_names(names: Iterable[str]) -> list[str]:
    """Header names made unique ("Data", "Data" -> "Data", "Data_2"): no column is lost."""
    seen: Counter[str] = Counter()
    out: list[str] = []
    for name in names:
        seen[name] += 1
        out.append(name if seen[name] == 1 else f"{name}_{seen[name]}")
    return out


# --------------------------------------------------------------------------- mapping


def _apply_mapping(
    frame: pd.DataFrame, mapping: Mapping[str, str | Sequence[str]], path: Path
) -> pd.DataFrame:
    """Rename mapped source columns to canonical names, add constants, fix header case."""
    frame = frame.copy()
    by_folded = {str(c).strip().casefold(): c for c in frame.columns if c != "_row"}
    renames: dict[str, str] = {}
    constants: dict[str, str] = {}
    for canonical, source in mapping.items():
        if isinstance(source, str) and source.startswith("="):
            constants[canonical] = source[1:]
            continue
        candidates = [source] if isinstance(source, str) else list(source)
        for cand in candidates:
            actual = cand if cand in frame.columns else by_folded.get(cand.strip().casefold())
            if actual is not None and actual != "_row":
                renames[actual] = canonical
                break
    # A mapped source wins over a same-named column already in the file.
    clash = [c for c in set(renames.values()) if c in frame.columns and c not in renames]
    frame = frame.drop(columns=clash).rename(columns=renames)
    for canonical, value in constants.items():
        frame[canonical] = pd.Series([value] * len(frame), dtype=object, index=frame.index)
    # Headers like "Text" or " created_at " are the canonical columns in another spelling.
    fixes: dict[str, str] = {}
    for col in frame.columns:
        folded = str(col).strip().casefold().replace(" ", "_")
        if folded in CANONICAL_COLUMNS and col != folded and folded not in frame.columns:
            fixes[col] = folded
    if fixes:
        frame = frame.rename(columns=fixes)
    return frame
