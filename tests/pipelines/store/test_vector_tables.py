"""Embeddings in fixed-size tables: one per vector size, read through Arrow, migrated in place."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from pipelines import store
from pipelines.config import Settings
from pipelines.store import db as store_db
from pipelines.store import doctor, vector_tables
from tests.pipelines.store.test_storage import EMPTY_COMMENTS, EMPTY_Q, _docs

NOW = datetime(2026, 10, 5, 7, 0)


def _vectors(n: int, dim: int, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).standard_normal((n, dim)).astype(np.float32)


def test_store_and_read_any_size(db_path: Path) -> None:
    con = store.connect(db_path)
    big, tiny = _vectors(4, 384, 1), _vectors(3, 8, 2)
    store.store_embeddings(con, "e5", ["a", "b", "c", "d"], big)
    store.store_embeddings(con, "tiny", ["a", "b", "c"], tiny)
    assert vector_tables.tables(con) == [("embeddings_8", 8), ("embeddings_384", 384)]
    types = dict(
        con.execute(
            "SELECT table_name, data_type FROM information_schema.columns"
            " WHERE column_name = 'vector'"
        ).fetchall()
    )
    assert types == {
        "embeddings_8": "FLOAT[8]", "embeddings_384": "FLOAT[384]", "embeddings": "FLOAT[]",
    }  # fmt: skip

    hashes, matrix = store.embedding_matrix(con, "tiny", ["c", "a", "zzz", "a"])
    assert sorted(hashes) == ["a", "c"] and matrix.shape == (2, 8) and matrix.dtype == np.float32
    for h, row in zip(hashes, matrix, strict=True):
        np.testing.assert_array_equal(row, tiny["abc".index(h)])
    got = store.cached_embeddings(con, "e5", ["d", "b"])
    np.testing.assert_array_equal(got["d"], big[3])
    np.testing.assert_array_equal(got["b"], big[1])
    assert store.cached_embeddings(con, "unknown", ["a"]) == {}
    assert store.embedding_matrix(con, "e5", [])[1].shape == (0, 384)


def test_first_vector_of_a_hash_is_kept(db_path: Path) -> None:
    con = store.connect(db_path)
    vecs = _vectors(3, 8, 3)
    store.store_embeddings(con, "m", ["a", "b", "a"], vecs)
    store.store_embeddings(con, "m", ["b"], vecs[:1])  # already cached: kept as it was
    got = store.cached_embeddings(con, "m", ["a", "b"])
    np.testing.assert_array_equal(got["a"], vecs[0])
    np.testing.assert_array_equal(got["b"], vecs[1])
    assert con.execute("SELECT count(*) FROM embeddings_8").fetchall() == [(2,)]


def test_a_model_cannot_change_size(db_path: Path) -> None:
    con = store.connect(db_path)
    store.store_embeddings(con, "m", ["a"], _vectors(1, 8, 4))
    with pytest.raises(ValueError, match="size 8 and now gives 16"):
        store.store_embeddings(con, "m", ["b"], _vectors(1, 16, 5))
    # the failed call wrote nothing, not even the other size's table
    assert vector_tables.tables(con) == [("embeddings_8", 8), ("embeddings_384", 384)]
    with pytest.raises(ValueError, match="expected 2 vectors"):
        store.store_embeddings(con, "m", ["a", "b"], _vectors(3, 8, 6))


@pytest.mark.parametrize("bad", [0, -3, 70_000, 8.0, True, "8; DROP TABLE x"])
def test_table_name_checks_the_size(bad: object) -> None:
    with pytest.raises(ValueError):
        vector_tables.table_name(bad)  # type: ignore[arg-type]


def test_to_matrix_honours_chunk_offsets() -> None:
    flat = np.arange(5 * 3, dtype=np.float32)
    column = pa.FixedSizeListArray.from_arrays(pa.array(flat), 3)
    chunked = pa.chunked_array([column.slice(1, 2), column.slice(3, 2)])
    np.testing.assert_array_equal(vector_tables.to_matrix(chunked, 3), flat.reshape(5, 3)[1:5])
    assert vector_tables.to_matrix(pa.chunked_array([], column.type), 3).shape == (0, 3)


def test_topic_corpus_rows_match_their_vectors(db_path: Path) -> None:
    con = store.connect(db_path)
    docs = pd.concat(
        [_docs(doc_id=f"reviews:{i}", source_id=str(i), text_hash=f"h{i}") for i in range(5)]
    )
    store.write_batch(con, docs, EMPTY_COMMENTS, EMPTY_Q)
    vecs = _vectors(5, 8, 7)
    store.store_embeddings(con, "m", [f"h{i}" for i in (4, 2, 0, 1, 3)], vecs[[4, 2, 0, 1, 3]])
    frame, matrix = store.corpus_for_topics(con, "m", None, limit=3)
    assert frame["doc_id"].tolist() == ["reviews:0", "reviews:1", "reviews:2"]
    np.testing.assert_array_equal(matrix, vecs[:3])
    empty, none = store.corpus_for_topics(con, "other", None)
    assert empty.empty and len(none) == 0


def test_forget_reaches_every_size(db_path: Path) -> None:
    con = store.connect(db_path)
    store.store_embeddings(con, "e5", ["a", "b"], _vectors(2, 384, 8))
    store.store_embeddings(con, "tiny", ["a", "b"], _vectors(2, 8, 9))
    assert store.delete_embeddings(con, ["a"]) == 2
    assert store.cached_embeddings(con, "tiny", ["a"]) == {}
    assert set(store.cached_embeddings(con, "e5", ["a", "b"])) == {"b"}


def _pre_008_database(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A database made by the code before migration 008: migrations up to 007 only."""
    real = store_db._sql_files

    def older(folder: str) -> list[tuple[str, str]]:
        files = real(folder)
        if folder == "migrations":
            return [(n, t) for n, t in files if int(n.split("_", 1)[0]) < 8]
        # Today's views may read tables of later migrations (labels, 009): the old database
        # gets them when it is opened by today's code, as a real one would.
        return [] if folder == "views" else files

    with monkeypatch.context() as patch:
        patch.setattr(store_db, "_sql_files", older)
        store.connect(path).close()


def test_migration_008_keeps_every_vector(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "old.duckdb"
    _pre_008_database(path, monkeypatch)
    rows = [  # (model, hash, vector): e5 vectors, a tiny model's, and a model of mixed sizes
        *[("e5", f"h{i}", v) for i, v in enumerate(_vectors(3, 384, 10))],
        *[("tiny", f"h{i}", v) for i, v in enumerate(_vectors(2, 8, 11))],
        *[("mixed", f"h{i}", v) for i, v in enumerate(_vectors(2, 16, 12))],
        ("mixed", "h9", _vectors(1, 4, 13)[0]),
    ]
    con = duckdb.connect(str(path))
    assert con.execute("SELECT max(version) FROM schema_version").fetchall()[0][0] < 8
    frame = pd.DataFrame(
        {"m": [r[0] for r in rows], "h": [r[1] for r in rows], "v": [r[2].tolist() for r in rows]}
    )
    con.register("_old", frame)
    con.execute("INSERT INTO embeddings SELECT m, h, v::FLOAT[] FROM _old").fetchall()
    con.unregister("_old")
    con.close()

    con = store.connect(path)  # migrates
    assert store.schema_version(con) >= 8
    assert [t for t, _d in vector_tables.tables(con)] == [
        "embeddings_4", "embeddings_8", "embeddings_16", "embeddings_384",
    ]  # fmt: skip
    names = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert "embeddings" not in names  # the old table is gone; a view of every size replaces it
    assert con.execute("SELECT count(*) FROM embeddings").fetchall() == [(len(rows),)]
    assert dict(con.execute("SELECT model_id, dim FROM embedding_models").fetchall()) == {
        "e5": 384, "tiny": 8, "mixed": 16,
    }  # fmt: skip
    total = sum(
        con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]
        for t, _d in vector_tables.tables(con)
    )
    assert total == len(rows)
    for model, h, vector in rows[:-1]:
        np.testing.assert_array_equal(store.cached_embeddings(con, model, [h])[h], vector)
    # the odd-sized row of 'mixed' is kept, never read, and reported
    assert vector_tables.misplaced_rows(con) == 1
    con.close()
    report = doctor.doctor(Settings(db=path), backup=False, rebuild=False, now=NOW)
    assert "1 cached embeddings of another size than their model's" in report["problems"]


def test_embeddings_view_spans_every_size(db_path: Path) -> None:
    con = store.connect(db_path)
    store.store_embeddings(con, "e5", ["a", "b"], _vectors(2, 384, 14))
    tiny = _vectors(1, 8, 15)
    store.store_embeddings(con, "tiny", ["a"], tiny)  # a new size's table joins the view
    rows = con.execute(
        "SELECT model_id, count(*), min(len(vector)) FROM embeddings GROUP BY ALL ORDER BY 1"
    ).fetchall()
    assert rows == [("e5", 2, 384), ("tiny", 1, 8)]
    (vector,) = con.execute("SELECT vector FROM embeddings WHERE model_id = 'tiny'").fetchone()
    np.testing.assert_array_equal(np.asarray(vector, dtype=np.float32), tiny[0])
