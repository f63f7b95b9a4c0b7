"""The BI database: a small DuckDB file of views over Parquet snapshots, which BI tools keep open.

The live database has one writer at a time, and while it writes no other process can open it,
not even read-only: a dashboard's pooled connection would block the weekly run. So BI tools get
another file, which the pipeline never opens for writing while anyone may be reading it::

    voc_bi.duckdb                     the catalog: one view per public view, nothing else
    voc_bi/current -> 000042          symbolic link, replaced atomically by each publish
    voc_bi/000042/v_documents.parquet one file per view (and manifest.json)
    voc_bi/catalog.sql                the statements the catalog was built with

Each view of the catalog is ``SELECT * FROM read_parquet('<folder>/current/<view>.parquet')``.
A publish writes a new numbered snapshot beside the current one, then renames a new link over
``current``: a connection that stays open (a BI pool, the DuckDB CLI) reads the new week with its
next query, without reconnecting, and a query already running keeps the file it opened (measured
in docs/bi.md: one file per view is never read half old, half new; a week-partitioned folder can
be). The catalog itself is rebuilt only when its statements change (a new view or column, a
moved folder), into a new file renamed over the old one: open connections keep the old file,
whose views read the same ``current`` link. Older snapshots are deleted once ``current`` points
past them.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import uuid
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb

from pipelines.errors import VocError
from pipelines.store.db import query_df
from pipelines.store.export import EXPORT_VIEWS, quote_literal
from pipelines.store.report import relation_exists

__all__ = ["BI_VIEWS", "bi_folder", "bi_snapshot", "publish_bi"]

#: The views a BI database holds: the public views, the BI contract (docs/bi.md).
BI_VIEWS = tuple(EXPORT_VIEWS)
CURRENT = "current"


def bi_folder(catalog: Path) -> Path:
    """The folder of the Parquet snapshots of ``catalog`` (``voc_bi.duckdb`` → ``voc_bi/``)."""
    return catalog.with_name(catalog.stem)


def _modes(group_read: bool) -> tuple[int, int]:
    # Same privacy as the database file (customer text): the owner only, unless asked.
    return (0o750, 0o640) if group_read else (0o700, 0o600)


def catalog_sql(folder: Path) -> str:
    """The statements of the catalog: one view per public view over ``folder/current``."""
    current = folder.resolve() / CURRENT
    lines = [
        "-- voc-italia BI database: views over the Parquet snapshot the pipeline publishes.",
        f"-- Rebuilt when these statements change; the data follow {current}.",
    ]
    for view in BI_VIEWS:
        path = quote_literal(str(current / f"{view}.parquet"))
        lines.append(f"CREATE VIEW {view} AS SELECT * FROM read_parquet({path});")
    return "\n".join(lines) + "\n"


@contextlib.contextmanager
def _publish_lock(folder: Path) -> Iterator[None]:
    """One publish at a time per folder (the weekly flow and a manual ``voc export``)."""
    with (folder / ".publish.lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _snapshots(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_dir() and p.name.isdigit())


def _write_snapshot(
    con: duckdb.DuckDBPyConnection, staging: Path, file_mode: int
) -> dict[str, int]:
    rows: dict[str, int] = {}
    for view in BI_VIEWS:
        if not relation_exists(con, view):
            raise VocError(f"view {view} is missing: run 'voc init' to migrate the database")
        target = staging / f"{view}.parquet"
        # The path is a quoted literal: COPY takes no bound parameter for it on every version.
        con.execute(
            f"COPY (SELECT * FROM {view}) TO {quote_literal(str(target))} "
            "(FORMAT parquet, COMPRESSION zstd)"
        )
        os.chmod(target, file_mode)
        rows[view] = int(query_df(con, f"SELECT count(*) AS n FROM {view}")["n"].iat[0])
    return rows


def _latest_week(con: duckdb.DuckDBPyConnection) -> str | None:
    frame = query_df(con, "SELECT max(iso_week) AS w FROM v_weekly_overview")
    value = frame["w"].iat[0]
    return None if value is None or value != value else str(value)


def _replace(path: Path, build: Any, file_mode: int) -> None:
    """Write ``path`` through a temporary sibling renamed over it (readers see old or new)."""
    tmp = path.with_name(f".{path.name}.tmp-{uuid.uuid4().hex[:8]}")
    try:
        build(tmp)
        os.chmod(tmp, file_mode)
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


#: Storage format of the catalog file: the oldest that DuckDB 1.x can open. BI drivers
#: (Metabase's, ODBC, duckdb-engine pinned by a BI image) lag behind; the default of a newer
#: DuckDB would lock them out with "file was written by a newer version".
CATALOG_STORAGE = "v1.0.0"


def _build_catalog(sql: str) -> Any:
    def build(tmp: Path) -> None:
        builder = duckdb.connect()
        try:
            target = quote_literal(str(tmp))
            try:
                builder.execute(f"ATTACH {target} AS bi (STORAGE_VERSION '{CATALOG_STORAGE}')")
            except duckdb.Error:
                # A DuckDB without the option writes the old format anyway.
                builder.execute(f"ATTACH {target} AS bi")
            builder.execute("USE bi")
            builder.execute(sql)
            builder.execute("USE memory")
            builder.execute("DETACH bi")
        finally:
            builder.close()

    return build


def _point_current(folder: Path, version: str) -> None:
    link = folder / f".{CURRENT}.tmp-{uuid.uuid4().hex[:8]}"
    try:
        os.symlink(version, link, target_is_directory=True)
    except OSError as exc:
        raise VocError(
            f"{folder}: cannot create a symbolic link ({exc.strerror}); the BI database needs "
            "them (Linux, macOS, or Windows in developer mode). Set bi_publish = false."
        ) from None
    current = folder / CURRENT
    if current.is_dir() and not current.is_symlink():
        # A copy made by a tool that follows links (cp -r, shutil.copytree) turned the link
        # into a plain folder: os.replace cannot put a link over a folder, and the copy holds
        # nothing the numbered snapshots do not.
        shutil.rmtree(current)
    os.replace(link, current)


def publish_bi(
    con: duckdb.DuckDBPyConnection,
    catalog: Path,
    published_at: datetime,
    *,
    group_read: bool = False,
) -> dict[str, Any]:
    """Publish the public views as a new Parquet snapshot and point the BI database at it.

    Args:
        con: open connection to the live database (read-only is enough).
        catalog: the BI database file (``settings.bi_catalog``).
        published_at: the run's time, written in the snapshot's manifest.
        group_read: make the files readable by the owner's group (``bi_group_read``).

    Returns:
        ``catalog``, ``snapshot`` (folder), ``version``, ``latest_week``, ``rows`` per view and
        ``catalog_rebuilt`` (False when its statements did not change).

    Raises:
        VocError: the folder cannot be written, or symbolic links are not supported.
    """
    catalog = Path(catalog).expanduser()
    folder = bi_folder(catalog)
    dir_mode, file_mode = _modes(group_read)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        os.chmod(folder, dir_mode)
    except OSError as exc:
        raise VocError(f"{folder}: cannot create the BI folder ({exc.strerror})") from None
    with _publish_lock(folder):
        snapshots = _snapshots(folder)
        version = f"{int(snapshots[-1].name) + 1 if snapshots else 1:06d}"
        staging = folder / f".{version}.tmp-{uuid.uuid4().hex[:8]}"
        staging.mkdir(mode=dir_mode)
        try:
            rows = _write_snapshot(con, staging, file_mode)
            week = _latest_week(con)
            manifest = {"version": version, "published_at": published_at.isoformat(),
                        "latest_week": week, "rows": rows}  # fmt: skip
            (staging / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
            os.chmod(staging / "manifest.json", file_mode)
            os.chmod(staging, dir_mode)
            staging.rename(folder / version)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        # The link first: a rebuilt catalog may name a view only the new snapshot has.
        _point_current(folder, version)
        sql = catalog_sql(folder)
        recorded = folder / "catalog.sql"
        rebuilt = not catalog.exists() or (
            not recorded.exists() or recorded.read_text(encoding="utf-8") != sql
        )
        if rebuilt:
            _replace(catalog, _build_catalog(sql), file_mode)
            _replace(recorded, lambda tmp: tmp.write_text(sql, encoding="utf-8"), file_mode)
        for old in _snapshots(folder):
            if old.name != version:
                # A reader that opened one of its files keeps it until it closes it (POSIX).
                shutil.rmtree(old, ignore_errors=True)
        leftovers = [*folder.glob(".*.tmp-*"), *catalog.parent.glob(f".{catalog.name}.tmp-*")]
        for stale in leftovers:
            # Left by a publish that was killed; only one publish runs at a time.
            if stale.is_dir() and not stale.is_symlink():
                shutil.rmtree(stale, ignore_errors=True)
            else:
                stale.unlink(missing_ok=True)
    return {
        "catalog": str(catalog),
        "snapshot": str(folder / version),
        "version": version,
        "latest_week": week,
        "rows": rows,
        "catalog_rebuilt": rebuilt,
    }


def bi_snapshot(catalog: Path) -> dict[str, Any] | None:
    """The manifest of the snapshot ``current`` points at (None before the first publish)."""
    manifest = bi_folder(Path(catalog).expanduser()) / CURRENT / "manifest.json"
    try:
        return dict(json.loads(manifest.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return None
