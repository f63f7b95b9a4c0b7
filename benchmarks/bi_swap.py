"""What a BI connection left open sees while snapshots are swapped under it (docs/bi.md).

Usage::

    python benchmarks/bi_swap.py                 # 12 s per layout, 2 M rows per snapshot
    python benchmarks/bi_swap.py --seconds 30

For each layout a reader process keeps one read-only DuckDB connection to a catalog of views
open and queries it in a loop, while this process publishes a new snapshot every 0.3 s the way
:mod:`pipelines.store.bi` does (write it beside the current one, rename a new ``current`` link
over the old one, delete the old snapshot at once). Every snapshot has its own row count and one
``week`` value, so a query that read part of two snapshots is caught: ``mixed`` counts them.

- ``file per view`` (what the BI database uses): ``current/t.parquet``;
- ``week folders``: ``current/t/p=N/*.parquet`` read with a glob, as ``voc export`` writes.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

READER = """
import duckdb, json, sys, time
con = duckdb.connect(sys.argv[1], read_only=True)
ok = errors = mixed = 0
versions = set()
end = time.monotonic() + float(sys.argv[2])
while time.monotonic() < end:
    try:
        n, weeks, total = con.execute(
            "SELECT count(*), count(DISTINCT week), sum(j) FROM t").fetchone()
    except duckdb.Error:
        errors += 1
        continue
    ok += 1
    versions.add(n)
    mixed += weeks != 1 or total != n * (n - 1)
print(json.dumps({"ok": ok, "errors": errors, "mixed": mixed, "versions": len(versions)}))
"""


def _write(folder: Path, version: int, rows: int, partitioned: bool) -> None:
    folder.mkdir()
    n = rows + version * 1000  # each snapshot its own size: a mix shows in sum(j)
    select = f"SELECT i, 'w{version}' AS week, i * 2 AS j, i % 20 AS p FROM range({n}) t(i)"
    con = duckdb.connect()
    try:
        if partitioned:
            con.execute(f"COPY ({select}) TO '{folder / 't'}' (FORMAT parquet, PARTITION_BY (p))")
        else:
            con.execute(f"COPY ({select}) TO '{folder / 't.parquet'}' (FORMAT parquet)")
    finally:
        con.close()


def _swap(root: Path, version: int) -> None:
    link = root / ".current.tmp"
    link.unlink(missing_ok=True)
    os.symlink(f"{version:06d}", link)
    os.replace(link, root / "current")


def run(layout: str, seconds: float, rows: int) -> dict[str, int]:
    """Swap snapshots under an open reader for ``seconds``; what the reader saw."""
    partitioned = layout == "week folders"
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        _write(root / "000000", 0, rows, partitioned)
        _swap(root, 0)
        source = (
            f"read_parquet('{root}/current/t/**/*.parquet', hive_partitioning = true)"
            if partitioned
            else f"read_parquet('{root}/current/t.parquet')"
        )
        catalog = root / "bi.duckdb"
        con = duckdb.connect(str(catalog))
        con.execute(f"CREATE VIEW t AS SELECT * FROM {source}")
        con.close()
        reader = subprocess.Popen(
            [sys.executable, "-c", READER, str(catalog), str(seconds)], stdout=subprocess.PIPE
        )
        version = 0
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            time.sleep(0.3)
            version += 1
            _write(root / f"{version:06d}", version, rows, partitioned)
            _swap(root, version)
            shutil.rmtree(root / f"{version - 1:06d}")
        out, _ = reader.communicate(timeout=seconds + 60)
        return {"published": version, **json.loads(out)}


def main(argv: list[str] | None = None) -> int:
    """Print one row per layout."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=12.0)
    parser.add_argument("--rows", type=int, default=2_000_000)
    args = parser.parse_args(argv)
    print(f"DuckDB {duckdb.__version__}; {args.rows:,} rows per snapshot, {args.seconds:g} s each")
    print(f"{'layout':<16}{'swaps':>7}{'queries':>9}{'errors':>8}{'mixed':>7}{'seen':>6}")
    for layout in ("file per view", "week folders"):
        r = run(layout, args.seconds, args.rows)
        print(f"{layout:<16}{r['published']:>7}{r['ok'] + r['errors']:>9}{r['errors']:>8}"
              f"{r['mixed']:>7}{r['versions']:>6}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
