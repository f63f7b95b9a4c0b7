"""Parquet reader: every column as strings; ``_row`` is the position in the table."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipelines.errors import InputFileError
from pipelines.ingest.read_result import ReadResult, cell

__all__ = ["read_parquet"]


def read_parquet(path: Path) -> ReadResult:
    """Every column of a Parquet file as string cells.

    Raises:
        InputFileError: The file cannot be read as Parquet.
    """
    try:
        raw = pd.read_parquet(path)
    except Exception as exc:  # pyarrow raises several unrelated types for corrupt files
        raise InputFileError(
            f"{path.name}: cannot read Parquet file ({type(exc).__name__}).", path=str(path)
        ) from exc
    data = {
        str(col): pd.Series([cell(v) for v in raw[col].tolist()], dtype=object)
        for col in raw.columns
        if str(col) != "_row"
    }
    frame = pd.DataFrame(data, index=pd.RangeIndex(len(raw)))
    frame["_row"] = pd.Series(range(1, len(raw) + 1), dtype="int64")
    return ReadResult(frame=frame)
