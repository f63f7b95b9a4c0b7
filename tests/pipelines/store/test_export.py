"""BI export: every public view as a week-partitioned dataset that reads back identically."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow.dataset as ds
import pytest

from pipelines import store
from pipelines.errors import VocError
from pipelines.store import export
from tests.fixtures import report_db as fx


@pytest.fixture(scope="module")
def fixture_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "t.duckdb"
    con = store.connect(path)
    try:
        fx.populate(con)
        fx.add_detection_views(con)
    finally:
        con.close()
    return path


@pytest.fixture()
def con(fixture_db: Path) -> duckdb.DuckDBPyConnection:
    connection = store.connect(fixture_db, read_only=True)
    yield connection
    connection.close()


def _count(con: duckdb.DuckDBPyConnection, view: str) -> int:
    return int(store.query_df(con, f"SELECT count(*) AS n FROM {view}")["n"].iat[0])


def test_parquet_partitioned_by_week(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    result = export.export_views(con, tmp_path / "bi")
    assert set(result) == set(export.EXPORT_VIEWS)
    docs = tmp_path / "bi" / "v_documents"
    weeks = sorted(p.name for p in docs.iterdir())
    assert weeks[0] == "iso_week=2025-W49" and weeks[-1] == "iso_week=2026-W10"
    assert len(weeks) == fx.N_WEEKS == result["v_documents"]["partitions"]
    assert (tmp_path / "bi" / "v_churn_risk" / "as_of_week=2026-W10").is_dir()
    for view, info in result.items():
        assert info["rows"] == _count(con, view), view
        # a BI tool (here pyarrow) reads the folder back as one table, partition column included
        table = ds.dataset(info["path"], format="parquet", partitioning="hive").to_table()
        assert table.num_rows == info["rows"], view
        assert info["partition_by"] in table.column_names
        expected = store.query_df(con, f"SELECT * FROM {view} LIMIT 0").columns
        assert set(expected) == set(table.column_names), view


def test_values_round_trip(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    export.export_views(con, tmp_path)
    pattern = str(tmp_path / "v_weekly_overview" / "**" / "*.parquet")
    back = con.execute(
        "SELECT iso_week, kind, channel, volume, share_negativo FROM read_parquet(?,"
        " hive_partitioning = true) WHERE kind = 'tutti' ORDER BY iso_week",
        [pattern],
    ).df()
    original = store.query_df(
        con,
        "SELECT iso_week, kind, channel, volume, share_negativo FROM v_weekly_overview"
        " WHERE kind = 'tutti' ORDER BY iso_week",
    )
    assert back["volume"].tolist() == original["volume"].tolist()
    assert back["share_negativo"].tolist() == pytest.approx(original["share_negativo"].tolist())
    # list columns survive
    quotes = con.execute(
        "SELECT quotes FROM read_parquet(?, hive_partitioning = true) WHERE status = 'nuovo'"
        " AND iso_week = '2026-W10'",
        [str(tmp_path / "v_emerging_complaints" / "**" / "*.parquet")],
    ).fetchone()
    assert quotes is not None and len(quotes[0]) == 4


def test_reexport_replaces_and_leaves_no_staging(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    stale = tmp_path / "v_documents" / "iso_week=1999-W01"
    stale.mkdir(parents=True)
    (stale / "old.parquet").write_bytes(b"stale")
    export.export_views(con, tmp_path)
    export.export_views(con, tmp_path)
    assert not stale.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_path_with_quotes_and_spaces(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    # the destination is data, never SQL: a quote in the folder name must not break out
    out = tmp_path / "it's a dir'); DROP TABLE documents; --"
    result = export.export_views(con, out)
    assert result["v_documents"]["rows"] == _count(con, "v_documents") > 0
    assert (out / "v_documents").is_dir()


def test_quote_literal() -> None:
    assert export.quote_literal("a'b") == "'a''b'"
    with pytest.raises(VocError):
        export.quote_literal("a\0b")


def test_csv_and_empty_views(tmp_path: Path) -> None:
    con = store.connect(tmp_path / "empty.duckdb")
    try:
        result = export.export_views(con, tmp_path / "out", fmt="csv")
    finally:
        con.close()
    assert result["v_documents"]["rows"] == 0
    header = (tmp_path / "out" / "v_documents" / "empty.csv").read_text().splitlines()[0]
    assert header.startswith("doc_id,kind,channel")


def test_unknown_format(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    with pytest.raises(VocError, match="unknown export format 'xlsx'"):
        export.export_views(con, tmp_path, fmt="xlsx")
