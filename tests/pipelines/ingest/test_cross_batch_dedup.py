"""Cross-file near-duplicate detection at ingest, through the LSH band-key index."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from pipelines import steps, store
from pipelines.config import load_settings
from pipelines.ingest.dedup import find_near_duplicates, lsh_band_keys
from pipelines.steps import ingest as ingest_step

NOW = datetime(2026, 10, 5, 7, 0)
T0 = datetime(2026, 9, 1, 8, 0)
LONG_A = (
    "Ho chiamato il servizio clienti tre volte questa settimana e nessuno ha saputo dirmi"
    " perché la bolletta di agosto è raddoppiata rispetto al mese scorso"
)
LONG_B = (
    "La consegna del modem era prevista per lunedì ma il corriere non si è mai presentato e"
    " il tracking risulta fermo da cinque giorni senza nessuna spiegazione"
)


def _doc(doc_id: str, text: str, hours: float, author: str | None = None) -> dict[str, object]:
    return {
        "doc_id": f"social:{doc_id}", "kind": "social", "source_id": doc_id,
        "channel": "twitter", "customer_id": author, "created_at": T0 + timedelta(hours=hours),
        "updated_at": None, "title": None, "text": text,
        "text_hash": hashlib.sha256(text.encode()).hexdigest(), "rating": None, "status": None,
        "language": "it", "is_duplicate": False, "duplicate_of": None, "repairs": [],
        "redacted": True, "source_file": "f.jsonl", "source_row": 1, "ingest_run_id": "run",
        "ingested_at": NOW,
    }  # fmt: skip


def _within_file(rows: list[dict[str, object]]) -> pd.DataFrame:
    """The document frame as prepare_file leaves it: duplicates inside the file flagged."""
    frame = pd.DataFrame(rows)
    dups = find_near_duplicates(frame[["doc_id", "text", "created_at", "customer_id"]], seed=1)
    frame["duplicate_of"] = dups.reindex(frame["doc_id"]).tolist()
    frame["is_duplicate"] = frame["duplicate_of"].notna()
    return frame


EMPTY_COMMENTS = pd.DataFrame(
    columns=["doc_id", "comment_id", "comment_idx", "author_role", "created_at", "text"]
)
EMPTY_Q = pd.DataFrame(
    columns=["source_file", "source_row", "kind", "field", "reason", "raw", "run_id",
             "quarantined_at"]
)  # fmt: skip


def _full_recompute(con: duckdb.DuckDBPyConnection, kind: str, seed: int) -> None:
    """The former cross-file step: every stored non-duplicate document, every time."""
    stored = store.existing_documents(con, kind)
    dups = find_near_duplicates(stored, seed=seed)
    store.mark_duplicates(con, {k: v for k, v in dups.items() if isinstance(v, str) and v})


def _store(con: duckdb.DuckDBPyConnection, rows: list[dict[str, object]], *, full: bool) -> int:
    frame = _within_file(rows)
    store.write_batch(con, frame, EMPTY_COMMENTS, EMPTY_Q)
    if full:
        _full_recompute(con, "social", 1)
        return -1
    return ingest_step._mark_cross_batch_duplicates(con, "social", 1, frame["doc_id"].tolist())


def _flags(con: duckdb.DuckDBPyConnection) -> dict[str, str | None]:
    rows = con.execute(
        "SELECT doc_id, CASE WHEN is_duplicate THEN duplicate_of END FROM documents"
    ).fetchall()
    return dict(rows)


@pytest.fixture()
def con(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = store.connect(tmp_path / "voc.duckdb")
    yield connection
    connection.close()


def test_repost_in_a_later_file_points_to_the_earlier_document(
    con: duckdb.DuckDBPyConnection,
) -> None:
    _store(con, [_doc("1", LONG_A, 0, "u1"), _doc("2", LONG_B, 1, "u2")], full=False)
    repost = LONG_A.replace("tre volte", "tre volte!!") + "."
    count = _store(con, [_doc("3", repost, 30, "u9"), _doc("4", "Tutto bene", 31)], full=False)
    assert count == 1
    assert _flags(con) == {
        "social:1": None, "social:2": None, "social:3": "social:1", "social:4": None,
    }  # fmt: skip


def test_backdated_copy_makes_the_stored_document_the_duplicate(
    con: duckdb.DuckDBPyConnection,
) -> None:
    _store(con, [_doc("1", LONG_A, 10, "u1")], full=False)
    _store(con, [_doc("0", LONG_A, 0, "u2")], full=False)
    assert _flags(con) == {"social:0": None, "social:1": "social:0"}


def test_short_repeat_only_counts_for_the_same_author(con: duckdb.DuckDBPyConnection) -> None:
    late = "La bolletta di questo mese è arrivata in ritardo"  # 9 words: short
    _store(
        con, [_doc("1", "Ottimo servizio, grazie", 0, "u1"), _doc("5", late, 1, "u3")], full=False
    )
    _store(
        con,
        [_doc("2", "Ottimo servizio grazie!", 5, "u1"), _doc("3", "Ottimo servizio, grazie", 6, "u2"),
         _doc("4", "Ottimo servizio, grazie", 7), _doc("6", late + " ok", 8, "u3"),
         _doc("7", late + " ok", 9, "u4")],
        full=False,
    )  # fmt: skip
    assert _flags(con) == {
        "social:1": None, "social:2": "social:1", "social:3": None, "social:4": None,
        "social:5": None, "social:6": "social:5", "social:7": None,
    }  # fmt: skip


def _corpus(seed: int) -> list[list[dict[str, object]]]:
    """Six files mixing reposts (some backdated), edits, same-author repeats and noise."""
    rng = random.Random(seed)
    vocab = ["bolletta", "modem", "consegna", "rimborso", "operatore", "fattura", "linea",
             "ritardo", "assistenza", "contratto", "offerta", "guasto", "tecnico", "app"]  # fmt: skip
    bases = [" ".join(rng.choice(vocab) + rng.choice("aeiou") for _ in range(18)) for _ in range(6)]
    shorts = ["Ottimo servizio", "Grazie mille", "Tutto ok", "!!!",
              "La bolletta di questo mese è arrivata di nuovo in ritardo",
              "Il tecnico non si è presentato all'appuntamento di ieri"]  # fmt: skip
    files: list[list[dict[str, object]]] = []
    n = 0
    for f in range(6):
        rows = []
        for _ in range(12):
            n += 1
            roll = rng.random()
            author = rng.choice(["u1", "u2", "u3", "u4", None])
            hours = f * 24 + rng.uniform(-60, 20)  # some copies are older than their original
            if roll < 0.45:
                text = rng.choice(bases)
                edit = rng.random()
                if edit < 0.3:  # same shingles
                    text = text.replace(" ", "  ", 1) + rng.choice(["", ".", "!"])
                elif edit < 0.6:  # a word more or less: Jaccard around the 0.9 threshold
                    text = rng.choice([text + " ok", text + " grazie", text.split(" ", 1)[1]])
            elif roll < 0.75:
                text = rng.choice(shorts) + rng.choice(["", "!", " davvero", " ok"])
            else:
                text = " ".join(rng.choice(vocab) for _ in range(rng.randint(3, 20)))
            rows.append(_doc(f"{n}", text, hours, author))
        files.append(rows)
    return files


@pytest.mark.parametrize("seed", [3, 4, 5])
def test_same_flags_as_the_full_recompute_after_every_file(tmp_path: Path, seed: int) -> None:
    full = store.connect(tmp_path / "full.duckdb")
    incremental = store.connect(tmp_path / "incremental.duckdb")
    try:
        for rows in _corpus(seed):
            _store(full, rows, full=True)
            _store(incremental, rows, full=False)
            assert _flags(incremental) == _flags(full)
        assert any(v is not None for v in _flags(full).values())
    finally:
        full.close()
        incremental.close()


@pytest.mark.parametrize("chunk", [2, 50_000])
def test_database_without_index_is_backfilled_with_the_same_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    monkeypatch.setattr(ingest_step, "_BACKFILL_CHUNK", chunk)
    files = _corpus(7)
    reference = store.connect(tmp_path / "ref.duckdb")
    upgraded = store.connect(tmp_path / "old.duckdb")
    try:
        for i, rows in enumerate(files):
            _store(reference, rows, full=True)
            # The first files were stored before the index existed (the former step).
            _store(upgraded, rows, full=i < 3)
            if i == 2:
                assert upgraded.execute("SELECT count(*) FROM doc_lsh_indexed").fetchone() == (0,)
            assert _flags(upgraded) == _flags(reference)
        unindexed = upgraded.execute(
            "SELECT count(*) FROM documents d ANTI JOIN doc_lsh_indexed i USING (doc_id)"
            " WHERE NOT d.is_duplicate"
        ).fetchone()
        assert unindexed == (0,)  # every stored non-duplicate is indexed now
    finally:
        reference.close()
        upgraded.close()


def test_per_file_work_reads_only_candidates(
    con: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(0)
    letters = "abcdefghilmnoprstuvz"

    def gibberish() -> str:
        return " ".join(
            "".join(rng.choice(letters) for _ in range(rng.randint(4, 9))) for _ in range(15)
        )

    history = [_doc(f"h{i}", gibberish(), i, f"c{i}") for i in range(300)]
    _store(con, history, full=False)

    def no_full_scan(*_a: object, **_k: object) -> pd.DataFrame:
        raise AssertionError("the whole history was loaded")

    fetched: list[int] = []
    real_candidates = store.dedup_candidates

    def counting(*args: object, **kwargs: object) -> pd.DataFrame:
        out = real_candidates(*args, **kwargs)  # type: ignore[arg-type]
        fetched.append(len(out))
        return out

    monkeypatch.setattr(store, "existing_documents", no_full_scan)
    monkeypatch.setattr(store, "dedup_candidates", counting)
    repost = str(history[123]["text"]) + "!"
    count = _store(
        con,
        [
            _doc("new1", repost, 500, "x"),
            _doc("new2", "ciao", 501, "c7"),
            _doc("new3", " ".join(reversed(str(history[8]["text"]).split())), 502, "c8"),
        ],
        full=False,
    )
    assert count == 1
    assert _flags(con)["social:new1"] == "social:h123"
    # The repost's LSH match and c8's document (as long as new3, compared as the same author's);
    # not c7's, far longer than "ciao", nor the other 297 stored.
    assert fetched == [2]


def test_new_seed_rebuilds_the_index(con: duckdb.DuckDBPyConnection) -> None:
    rows = [_doc("1", LONG_A, 0, "u1"), _doc("2", LONG_B, 1, "u2")]
    _store(con, rows, full=False)
    frame = _within_file([_doc("3", LONG_A + ".", 5, "u3")])
    store.write_batch(con, frame, EMPTY_COMMENTS, EMPTY_Q)
    assert ingest_step._mark_cross_batch_duplicates(con, "social", 9, ["social:3"]) == 1
    assert _flags(con)["social:3"] == "social:1"
    stored = set(
        con.execute("SELECT band, bucket FROM doc_lsh WHERE doc_id = 'social:2'").fetchall()
    )
    want = lsh_band_keys([LONG_B], seed=9)
    assert stored == set(zip(want["band"].tolist(), want["bucket"].tolist(), strict=True))


def test_updated_text_replaces_its_keys(con: duckdb.DuckDBPyConnection) -> None:
    _store(con, [_doc("1", LONG_A, 0, "u1")], full=False)
    _store(con, [_doc("1", LONG_B, 0, "u1")], full=False)  # same id, new text
    assert con.execute("SELECT count(*) FROM doc_lsh").fetchone() == (len(lsh_band_keys([LONG_B])),)
    _store(con, [_doc("2", LONG_B + "!", 3, "u5"), _doc("3", LONG_A, 4, "u6")], full=False)
    assert _flags(con) == {"social:1": None, "social:2": "social:1", "social:3": None}


def test_ingest_file_flags_a_repost_across_files(tmp_path: Path) -> None:
    settings = load_settings(env={"VOC_CONFIG": str(tmp_path / "none.toml")}, db=tmp_path / "v.db")
    steps.init_db(settings, NOW)
    header = "id,created_at,text,rating,channel,customer_id\n"
    first = tmp_path / "r1.csv"
    first.write_text(header + f'1,2026-09-01T10:00:00,"{LONG_A}",2,google,\n', encoding="utf-8")
    second = tmp_path / "r2.csv"
    second.write_text(
        header + f'2,2026-09-03T10:00:00,"{LONG_A}!",1,trustpilot,\n'
        f'3,2026-09-03T11:00:00,"{LONG_B}",1,google,\n',
        encoding="utf-8",
    )
    assert steps.ingest_file(settings, "reviews", first, now=NOW).duplicates == 0
    assert steps.ingest_file(settings, "reviews", second, now=NOW).duplicates == 1
    # Re-ingesting changes nothing.
    assert steps.ingest_file(settings, "reviews", second, now=NOW).duplicates == 1
    con = store.connect(settings.db, read_only=True)
    try:
        assert _flags(con) == {"reviews:1": None, "reviews:2": "reviews:1", "reviews:3": None}
    finally:
        con.close()


def test_prolific_author_is_compared_through_band_keys(tmp_path: Path) -> None:
    rng = random.Random(1)
    letters = "abcdefghilmnoprstuvz"

    def words(n: int) -> str:
        return " ".join("".join(rng.choice(letters) for _ in range(6)) for _ in range(n))

    # A catch-all author id with more documents than are compared pairwise.
    sizes = [3 if i in (5, 7) else rng.choice([3, 15]) for i in range(260)]
    history = [_doc(f"a{i}", words(sizes[i]), i, "anonimo") for i in range(260)]
    history += [_doc("b1", "Servizio ottimo davvero", 0, "u1")]
    later = [
        _doc("n1", str(history[5]["text"]) + "!", 400, "anonimo"),
        _doc("n2", str(history[7]["text"]), 401, "altro"),
        _doc("n3", "Servizio ottimo davvero", 402, "anonimo"),
    ]
    full = store.connect(tmp_path / "full.duckdb")
    incremental = store.connect(tmp_path / "incremental.duckdb")
    fetched: list[int] = []
    real_candidates = store.dedup_candidates
    try:
        for rows in (history, later):
            _store(full, rows, full=True)
            with pytest.MonkeyPatch.context() as mp:

                def counting(*args: object, **kwargs: object) -> pd.DataFrame:
                    out = real_candidates(*args, **kwargs)  # type: ignore[arg-type]
                    fetched.append(len(out))
                    return out

                mp.setattr(store, "dedup_candidates", counting)
                _store(incremental, rows, full=False)
            assert _flags(incremental) == _flags(full)
        flags = _flags(incremental)
        # Short texts: a repeat by the same author only.
        assert flags["social:n1"] == "social:a5"
        assert flags["social:n2"] is None and flags["social:n3"] is None
        assert fetched[-1] < 20  # not the author's 260 documents
    finally:
        full.close()
        incremental.close()
