"""The BI database: views over Parquet snapshots that a connection left open keeps reading.

The end-to-end check (a SQLAlchemy pool and a second process open through a whole weekly run)
is tests/flows/test_bi_connection.py, marker ``integration``.
"""

from __future__ import annotations

import os
import stat
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from pipelines import store
from pipelines.config import Settings
from pipelines.errors import VocError
from pipelines.steps.bi import publish_bi
from pipelines.store import bi
from tests.fixtures import report_db as fx

NOW = datetime(2026, 3, 9, 7, 30)


@pytest.fixture()
def settings(tmp_path: Path) -> Settings:
    path = tmp_path / "voc.duckdb"
    con = store.connect(path)
    try:
        fx.populate(con)
        fx.add_detection_views(con)
    finally:
        con.close()
    return Settings(db=path)


def _rounded(rows: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
    # The live views aggregate in parallel: the last bits of a mean vary from query to query.
    return [tuple(round(v, 9) if isinstance(v, float) else v for v in row) for row in rows]


def _columns(con: duckdb.DuckDBPyConnection, view: str) -> list[tuple[str, str]]:
    return [(r[0], r[1]) for r in con.execute(f"DESCRIBE {view}").fetchall()]


def test_bi_views_match_the_live_views(settings: Settings) -> None:
    result = publish_bi(settings, NOW)
    assert result["published"] and result["catalog_rebuilt"] and result["version"] == "000001"
    assert Path(result["catalog"]) == settings.db.with_name("voc_bi.duckdb")
    assert result["latest_week"] == fx.REPORT_WEEK
    live = store.connect(settings.db, read_only=True)
    reader = duckdb.connect(result["catalog"], read_only=True)
    try:
        for view in store.BI_VIEWS:
            # Same columns, same types, same rows: a BI model built on one works on the other.
            assert _columns(reader, view) == _columns(live, view), view
            query = f"SELECT * FROM {view} ORDER BY ALL"
            expected = _rounded(live.execute(query).fetchall())
            assert _rounded(reader.execute(query).fetchall()) == expected, view
            assert result["rows"][view] == len(expected)
        tables = reader.execute(
            "SELECT table_name, table_type FROM information_schema.tables ORDER BY 1"
        ).fetchall()
        assert tables == sorted((v, "VIEW") for v in store.BI_VIEWS)  # views only, no data
        (tags,) = reader.execute(
            "SELECT tags FROM duckdb_databases() WHERE database_name = 'voc_bi'"
        ).fetchone()
        # Readable by BI drivers that embed an older DuckDB (1.x).
        assert tags["storage_version"].startswith("v1.0.0")
    finally:
        reader.close()
        live.close()
    assert store.bi_snapshot(settings.bi_catalog)["rows"] == result["rows"]


def test_open_connection_sees_the_next_publish_without_reconnecting(settings: Settings) -> None:
    first = publish_bi(settings, NOW)
    reader = duckdb.connect(first["catalog"], read_only=True)
    inode = os.stat(first["catalog"]).st_ino
    try:
        before = reader.execute("SELECT count(*) FROM v_documents").fetchone()
        # The pipeline writes the live database while the BI connection stays open...
        with store.connection(settings) as con:
            week = "SELECT doc_id FROM v_documents WHERE iso_week = ?"
            for table in ("doc_topics", "enrichments", "documents"):
                con.execute(f"DELETE FROM {table} WHERE doc_id IN ({week})", [fx.REPORT_WEEK])
        second = publish_bi(settings, NOW)
        # ...and the same connection reads the new snapshot with its next query.
        after = reader.execute("SELECT count(*) FROM v_documents").fetchone()
        weeks = reader.execute("SELECT max(iso_week) FROM v_weekly_overview").fetchone()
    finally:
        reader.close()
    assert before is not None and after is not None and after[0] < before[0]
    assert weeks == (second["latest_week"],) and second["latest_week"] < fx.REPORT_WEEK
    assert second["version"] == "000002" and not second["catalog_rebuilt"]
    # The catalog file was not touched; the old snapshot is gone, current points at the new.
    assert os.stat(second["catalog"]).st_ino == inode
    folder = bi.bi_folder(settings.bi_catalog)
    assert os.readlink(folder / "current") == "000002"
    assert sorted(p.name for p in folder.iterdir()) == [
        ".publish.lock", "000002", "catalog.sql", "current",
    ]  # fmt: skip


def test_a_copied_folder_whose_link_became_a_folder_publishes_again(
    settings: Settings, tmp_path: Path
) -> None:
    import shutil

    publish_bi(settings, NOW)
    # cp -r / shutil.copytree follow the link: the copy's `current` is a plain folder.
    copy = tmp_path / "copy"
    copy.mkdir()
    shutil.copy(settings.db, copy / "voc.duckdb")
    shutil.copytree(bi.bi_folder(settings.bi_catalog), bi.bi_folder(copy / "voc_bi.duckdb"))
    moved = Settings(db=copy / "voc.duckdb")
    folder = bi.bi_folder(moved.bi_catalog)
    assert not (folder / "current").is_symlink()
    second = publish_bi(moved, NOW)
    assert os.readlink(folder / "current") == second["version"] == "000002"
    with duckdb.connect(second["catalog"], read_only=True) as reader:
        assert reader.execute("SELECT max(iso_week) FROM v_weekly_overview").fetchall() == [
            (second["latest_week"],)
        ]


def test_catalog_is_rebuilt_when_its_statements_change(settings: Settings) -> None:
    first = publish_bi(settings, NOW)
    recorded = bi.bi_folder(settings.bi_catalog) / "catalog.sql"
    recorded.write_text("-- an older version's catalog\n", encoding="utf-8")
    second = publish_bi(settings, NOW)
    assert second["catalog_rebuilt"] and recorded.read_text(encoding="utf-8") == bi.catalog_sql(
        bi.bi_folder(settings.bi_catalog)
    )
    assert first["rows"] == second["rows"]


def test_files_are_private_unless_group_read(settings: Settings) -> None:
    result = publish_bi(settings, NOW)
    folder = Path(result["snapshot"])
    assert stat.S_IMODE(os.stat(result["catalog"]).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(folder / "v_documents.parquet").st_mode) == 0o600
    shared = publish_bi(settings.replace(bi_group_read=True), NOW)
    assert stat.S_IMODE(os.stat(Path(shared["snapshot"]) / "v_churn_risk.parquet").st_mode) == (
        0o640
    )
    assert stat.S_IMODE(os.stat(shared["snapshot"]).st_mode) == 0o750


def test_killed_publish_leaves_the_current_snapshot_and_is_cleaned(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    publish_bi(settings, NOW)
    folder = bi.bi_folder(settings.bi_catalog)

    def killed(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(bi, "_point_current", killed)
    with pytest.raises(KeyboardInterrupt):
        publish_bi(settings, NOW)
    monkeypatch.undo()
    # Readers still see snapshot 1; the next publish goes on from there and tidies up.
    assert os.readlink(folder / "current") == "000001"
    (folder / ".000009.tmp-deadbeef").mkdir()  # a staging folder of a process killed earlier
    third = publish_bi(settings, NOW)
    assert third["version"] == "000003"
    assert sorted(p.name for p in folder.iterdir() if p.name[0] in ".0") == [
        ".publish.lock", "000003",
    ]  # fmt: skip


def test_switched_off_and_errors(settings: Settings, tmp_path: Path) -> None:
    off = settings.replace(bi_publish=False)
    assert publish_bi(off, NOW) == {"published": False}
    assert not off.bi_catalog.exists()
    assert publish_bi(off, NOW, force=True)["published"]
    blocked = tmp_path / "file"
    blocked.write_text("x")
    with pytest.raises(VocError, match="cannot create the BI folder"):
        publish_bi(settings.replace(bi_db=str(blocked / "voc_bi.duckdb")), NOW)
