"""Embedding tables: one fixed-size ``FLOAT[d]`` table per vector size, and the model → size map.

DuckDB's fixed-size ``ARRAY`` reaches Python through Arrow as one contiguous buffer, which numpy
reshapes without a Python object per vector (50 k vectors in a fraction of the time of a
``FLOAT[]`` list column read with ``fetchall``: ``benchmarks/embeddings_io.py``). An array column
has one size, and embedders have different ones (e5-small 384; the tests' tiny models others),
so each size gets its own table, ``embeddings_<d>``, created when a first vector of that size
is stored. ``embedding_models`` records each embedder's size: readers go straight to one table,
and an embedder whose output size changes under the same id is refused instead of mixed in. The
view ``embeddings`` keeps the old table's shape over all sizes, for ad-hoc queries.

Migration 008 moves the 384-float rows of the old ``embeddings`` table in SQL;
:func:`adopt_unsized` (run by :func:`pipelines.store.db.migrate` in the same transaction) moves
the rows of any other size and drops the old table. This module imports nothing from the rest of
the store, so ``db`` can call it.
"""

from __future__ import annotations

import duckdb
import numpy as np
import pyarrow as pa

CATALOG = "embedding_models"
VIEW = "embeddings"
PREFIX = "embeddings_"
#: The table migration 008 creates in SQL (multilingual-e5-small's size).
DEFAULT_DIM = 384
_MAX_DIM = 65_536


def table_name(dim: int) -> str:
    """``embeddings_<dim>``; the size is checked, as it becomes part of SQL text."""
    if isinstance(dim, bool) or not isinstance(dim, int | np.integer) or not 0 < dim <= _MAX_DIM:
        raise ValueError(f"embedding size must be an integer in 1..{_MAX_DIM}, got {dim!r}")
    return f"{PREFIX}{int(dim)}"


def ensure_table(con: duckdb.DuckDBPyConnection, dim: int) -> str:
    """Create ``embeddings_<dim>`` if missing (and add it to the ``embeddings`` view)."""
    name = table_name(dim)
    if any(table == name for table, _d in tables(con)):
        return name
    _create(con, dim)
    refresh_view(con)
    return name


def _create(con: duckdb.DuckDBPyConnection, dim: int) -> str:
    name = table_name(dim)
    con.execute(
        f"CREATE TABLE IF NOT EXISTS {name} (model_id VARCHAR NOT NULL,"
        f" text_hash VARCHAR NOT NULL, vector FLOAT[{int(dim)}] NOT NULL,"
        " PRIMARY KEY (model_id, text_hash))"
    )
    return name


def refresh_view(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)create ``embeddings``: every size's rows as before 008 (``vector FLOAT[]``).

    For ad-hoc queries, counts and joins on the keys only: reading vectors through it pays
    the list conversion again, so the store reads the size tables.
    """
    parts = [
        f"SELECT model_id, text_hash, vector::FLOAT[] AS vector FROM {name}"
        for name, _dim in tables(con)
    ]
    con.execute(f"CREATE OR REPLACE VIEW {VIEW} AS " + " UNION ALL ".join(parts))


def model_dim(con: duckdb.DuckDBPyConnection, model_id: str) -> int | None:
    """The vector size recorded for ``model_id`` (None: nothing stored by it yet)."""
    rows = con.execute(f"SELECT dim FROM {CATALOG} WHERE model_id = ?", [model_id]).fetchall()
    return int(rows[0][0]) if rows else None


def model_table(con: duckdb.DuckDBPyConnection, model_id: str) -> str | None:
    """The table holding ``model_id``'s vectors (None: nothing stored by it yet)."""
    dim = model_dim(con, model_id)
    return None if dim is None else table_name(dim)


def register_model(con: duckdb.DuckDBPyConnection, model_id: str, dim: int) -> str:
    """Record ``model_id``'s vector size (first time) and make its table. Returns the table.

    Raises:
        ValueError: ``model_id`` already stored vectors of another size (a model replaced under
            the same id would mix two vector spaces in the cache).
    """
    known = model_dim(con, model_id)
    if known is not None and known != dim:
        raise ValueError(
            f"embedder {model_id!r} stored vectors of size {known} and now gives {dim}:"
            " give the new model its own id"
        )
    name = ensure_table(con, dim)
    if known is None:
        con.execute(f"INSERT INTO {CATALOG} VALUES (?, ?)", [model_id, int(dim)]).fetchall()
    return name


def tables(con: duckdb.DuckDBPyConnection) -> list[tuple[str, int]]:
    """Every ``(embeddings_<d>, d)`` table of the database, smallest size first."""
    rows = con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'"
        " AND regexp_full_match(table_name, 'embeddings_[0-9]+')"
    ).fetchall()
    found = [(str(r[0]), int(str(r[0])[len(PREFIX) :])) for r in rows]
    return sorted(found, key=lambda item: item[1])


def misplaced_rows(con: duckdb.DuckDBPyConnection) -> int:
    """Vectors stored in a size table other than their model's (a database from before 008
    whose model had vectors of several sizes: they are kept, never read)."""
    total = 0
    for name, dim in tables(con):
        rows = con.execute(
            f"SELECT count(*) FROM {name} e JOIN {CATALOG} m USING (model_id) WHERE m.dim <> ?",
            [dim],
        ).fetchall()
        total += int(rows[0][0])
    return total


def to_matrix(column: pa.ChunkedArray | pa.Array, dim: int) -> np.ndarray:
    """An Arrow ``FLOAT[dim]`` column as an ``(n, dim)`` float32 matrix, without Python lists."""
    chunks = column.chunks if isinstance(column, pa.ChunkedArray) else [column]
    # flatten() honours each chunk's offset (a slice's .values would not).
    parts = [chunk.flatten().to_numpy(zero_copy_only=False) for chunk in chunks if len(chunk)]
    if not parts:
        return np.zeros((0, dim), dtype=np.float32)
    flat = parts[0] if len(parts) == 1 else np.concatenate(parts)
    return flat.astype(np.float32, copy=False).reshape(-1, dim)


def adopt_unsized(con: duckdb.DuckDBPyConnection) -> None:
    """Migration 008, second half: move the old ``embeddings`` rows of every size but 384.

    Each size goes to its own table; vectors with no element (no embedder writes them) are
    dropped with the old table. Call inside the migration's transaction.
    """
    old = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main'"
        " AND table_name = 'embeddings'"
    ).fetchall()
    if not old[0][0]:
        return
    sizes = con.execute(
        f"SELECT DISTINCT len(vector) AS d FROM embeddings WHERE len(vector) NOT IN (0, {DEFAULT_DIM})"
        " ORDER BY d"
    ).fetchall()
    for (dim,) in sizes:
        name = _create(con, int(dim))  # the view comes after the old table is gone
        con.execute(
            f"INSERT INTO {name} SELECT model_id, text_hash, vector::FLOAT[{int(dim)}]"
            " FROM embeddings WHERE len(vector) = ?",
            [int(dim)],
        ).fetchall()
    con.execute("DROP TABLE embeddings")
    refresh_view(con)
