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

This module picks the reader and checks the result; the formats live in
:mod:`~pipelines.ingest.read_csv`, :mod:`~pipelines.ingest.read_json`,
:mod:`~pipelines.ingest.read_excel` and :mod:`~pipelines.ingest.read_parquet`, decoding in
:mod:`~pipelines.ingest.read_decode` and column mappings in :mod:`~pipelines.ingest.column_mapping`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from pipelines.errors import InputFileError
from pipelines.ingest.column_mapping import CANONICAL_COLUMNS, apply_mapping, load_mapping
from pipelines.ingest.read_csv import read_csv
from pipelines.ingest.read_decode import decode, looks_binary, refuse_binary, refuse_binary_text
from pipelines.ingest.read_excel import read_xlsx
from pipelines.ingest.read_json import read_json, read_jsonl
from pipelines.ingest.read_parquet import read_parquet
from pipelines.ingest.read_result import ReadResult

__all__ = [
    "CANONICAL_COLUMNS",
    "ReadResult",
    "infer_format",
    "load_mapping",
    "looks_binary",
    "read_table",
]

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
        result = read_parquet(path)
    elif fmt == "xlsx":
        result = read_xlsx(path)
    else:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputFileError(
                f"{path.name}: cannot read file ({exc.strerror or exc}).", path=str(path)
            ) from exc
        refuse_binary(data, path, fmt)
        text, encoding = decode(data, path)
        refuse_binary_text(text, path, fmt)
        if fmt == "csv":
            result = read_csv(text, path)
        elif fmt == "jsonl":
            result = read_jsonl(text, path)
        else:
            result = read_json(text, path)
        result.encoding = encoding

    result.frame = apply_mapping(result.frame, mapping or {}, path)
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
