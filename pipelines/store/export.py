"""BI export: the public views as Parquet (or CSV) datasets, partitioned by ISO week.

Each view becomes a Hive-partitioned folder (``v_documents/iso_week=2026-W10/data_0.parquet``)
that Power BI, Tableau, Superset, pandas or DuckDB read as one table. A view is written to a
temporary sibling folder and swapped in only when complete, so a BI refresh that runs during an
export sees the previous export or the new one, never half of each.
"""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path
from typing import Any

import duckdb

from pipelines.errors import VocError
from pipelines.store.db import query_df
from pipelines.store.report import relation_exists

__all__ = ["EXPORT_VIEWS", "FORMATS", "export_views", "quote_literal"]

# view → partition column. The detection views are optional (migration 002).
EXPORT_VIEWS: dict[str, str] = {
    "v_documents": "iso_week",
    "v_weekly_overview": "iso_week",
    "v_weekly_topics": "iso_week",
    "v_emerging_complaints": "iso_week",
    "v_churn_risk": "as_of_week",
    "v_weekly_scores": "iso_week",
    "v_theme_impact": "iso_week",
    "v_ticket_operations": "iso_week",
}
FORMATS = ("parquet", "csv")
_OPTIONS = {
    "parquet": "FORMAT parquet, COMPRESSION zstd",
    "csv": "FORMAT csv, HEADER true",
}


def quote_literal(text: str) -> str:
    """A SQL string literal for ``text`` (single quotes doubled; NUL rejected)."""
    if "\0" in text:
        raise VocError(f"invalid path {text!r}: contains a NUL character")
    return "'" + text.replace("'", "''") + "'"


def _quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _copy(con: duckdb.DuckDBPyConnection, select: str, target: Path, options: str) -> None:
    """``COPY (select) TO target``: the path is a bound parameter, or a quoted literal on DuckDB
    versions that do not accept parameters in COPY."""
    try:
        con.execute(f"COPY ({select}) TO ? ({options})", [str(target)])
    except (duckdb.ParserException, duckdb.BinderException, duckdb.InvalidInputException):
        con.execute(f"COPY ({select}) TO {quote_literal(str(target))} ({options})")


def export_views(
    con: duckdb.DuckDBPyConnection, out_dir: Path, fmt: str = "parquet"
) -> dict[str, dict[str, Any]]:
    """Write every public view under ``out_dir``, partitioned by week.

    Args:
        con: open database connection (read-only is enough).
        out_dir: destination folder; each view gets its own sub-folder, replaced on re-export.
        fmt: ``"parquet"`` (default) or ``"csv"``.

    Returns:
        ``{view: {"rows": n, "partitions": k, "path": str, "partition_by": column}}`` for the
        views that exist (``v_emerging_complaints`` and ``v_churn_risk`` only after migration 002).

    Raises:
        VocError: unknown format or unwritable destination.
    """
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise VocError(f"unknown export format '{fmt}': use one of {', '.join(FORMATS)}")
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise VocError(f"{out_dir}: cannot create the export folder ({exc.strerror})") from None
    results: dict[str, dict[str, Any]] = {}
    for view, column in EXPORT_VIEWS.items():
        if not relation_exists(con, view):
            continue
        rows = int(query_df(con, f"SELECT count(*) AS n FROM {_quote_ident(view)}")["n"].iat[0])
        final = out_dir / view
        staging = out_dir / f".{view}.tmp-{uuid.uuid4().hex[:8]}"
        select = f"SELECT * FROM {_quote_ident(view)}"
        try:
            if rows:
                _copy(
                    con,
                    select,
                    staging,
                    f"{_OPTIONS[fmt]}, PARTITION_BY ({_quote_ident(column)})",
                )
            else:
                # An empty view still gets a file, so readers see its columns.
                staging.mkdir()
                _copy(con, select, staging / f"empty.{fmt}", _OPTIONS[fmt])
            partitions = len([p for p in staging.iterdir() if p.is_dir()])
            _swap(staging, final)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        results[view] = {
            "rows": rows,
            "partitions": partitions,
            "path": str(final),
            "partition_by": column,
        }
    return results


def _swap(staging: Path, final: Path) -> None:
    """Replace ``final`` with ``staging`` (two renames; the old export is removed last)."""
    old = None
    if final.exists():
        old = final.with_name(f".{final.name}.old-{uuid.uuid4().hex[:8]}")
        final.rename(old)
    staging.rename(final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
