"""Peak memory: ingest and enrich ~100 k demo documents in a subprocess (fake fast embedder)."""

from __future__ import annotations

import csv
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .common import GIB, NOW, Row, bench_settings, log
from .demo_inputs import split_demo

# The child is ``benchmarks/run.py --memory-child``: a fresh interpreter, so its peak is its own.
RUN_SCRIPT = Path(__file__).resolve().parents[1] / "run.py"


class FastFakeEmbedder:
    """Character 3-gram hashing vectors (scikit-learn HashingVectorizer): no model, ~50 µs/text.

    Close texts get close vectors, so topics and dedup behave like with a real model; used only
    to measure memory at 100 k documents without hours of CPU embedding.
    """

    dim = 384
    model_id = "bench/char3-hashing"

    def __init__(self) -> None:
        from sklearn.feature_extraction.text import HashingVectorizer

        self._vec = HashingVectorizer(analyzer="char_wb", ngram_range=(3, 3), n_features=self.dim,
                                      alternate_sign=False, norm="l2")  # fmt: skip

    def embed(
        self, texts: Sequence[str], progress: Callable[[int], None] | None = None
    ) -> np.ndarray:
        out = self._vec.transform([t or " " for t in texts]).toarray().astype(np.float32)
        if progress is not None:
            progress(len(texts))
        return out

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self.embed(texts)


def memory_child(work: Path, mode: str) -> None:
    """Run in a subprocess: ingest the chunked files and enrich, then report max RSS."""
    import models.embeddings
    from pipelines import steps
    from pipelines.steps import embed as steps_embed
    from pipelines.steps.report import read_insights as weekly_insights

    fake = FastFakeEmbedder()
    steps_embed.make_embedder = lambda *a, **k: fake  # type: ignore[assignment]
    models.embeddings.make_embedder = lambda *a, **k: fake  # type: ignore[assignment]
    db = work / f"memory_{mode}.duckdb"
    settings = bench_settings(db)
    steps.init_db(settings, NOW)
    timings: dict[str, float] = {}
    if mode == "full":
        files = json.loads((work / "memory_files.json").read_text())
        start = time.perf_counter()
        for kind, path in files:
            steps.ingest_file(settings, kind, Path(path), now=NOW)
        timings["ingest_s"] = time.perf_counter() - start
        start = time.perf_counter()
        stats = steps.enrich(settings, NOW)
        timings["enrich_s"] = time.perf_counter() - start
        timings["enriched"] = stats["enriched"]
        from pipelines import store

        con = store.connect(db, read_only=True)
        try:
            weekly_insights(con, None)
        finally:
            con.close()
    print(json.dumps({"peak_bytes": _peak_rss_kib() * 1024, **timings}))


def _peak_rss_kib() -> int:
    """This process's peak resident set size, in KiB.

    ``VmHWM`` belongs to the address space created at ``exec``. ``getrusage``'s ``ru_maxrss``
    instead carries over the high-water mark of the forked parent: a child started by a big
    benchmark process would report the parent's size.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:  # not Linux
        pass
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def _demo_files(work: Path, n_docs: int, rows_per_file: int) -> tuple[list[tuple[str, Path]], int]:
    """About ``n_docs`` demo documents in files of at most ``rows_per_file`` rows.

    The demo generator is built for a few thousand documents, so bigger sets are assembled from
    several seeded runs at scale 2 (~10.9 k documents each) whose ids get a per-run prefix.
    """
    from pipelines.demo.generate import generate_demo

    files: list[tuple[str, Path]] = []
    total, run = 0, 0
    while total < n_docs:
        scale = min(2.0, (n_docs - total) / 5450)
        manifest = generate_demo(work / f"memory_data_{run}", seed=100 + run, scale=scale)
        prefix = f"m{run}-"
        with open(manifest.reviews_path, encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh))
        for row in rows[1:]:
            row[0] = prefix + row[0]
        with open(manifest.reviews_path, "w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows(rows)
        data = json.loads(Path(manifest.tickets_path).read_text(encoding="utf-8"))
        for ticket in data["tickets"] if isinstance(data, dict) else data:
            ticket["id"] = f"{prefix}{ticket['id']}"
        Path(manifest.tickets_path).write_text(
            json.dumps(data, ensure_ascii=False), encoding="utf-8"
        )
        lines = []
        for line in Path(manifest.social_path).read_text(encoding="utf-8").splitlines():
            if line.strip():
                try:
                    rec = json.loads(line)
                    rec["id"] = f"{prefix}{rec.get('id')}"
                    line = json.dumps(rec, ensure_ascii=False)
                except (json.JSONDecodeError, AttributeError):
                    pass  # the demo plants broken lines on purpose: keep them broken
            lines.append(line)
        Path(manifest.social_path).write_text("\n".join(lines) + "\n", encoding="utf-8")
        files += split_demo(manifest, work / f"memory_parts_{run}", 1, rows_per_file)[0]
        total += manifest.n_reviews + manifest.n_tickets + manifest.n_social
        run += 1
    return files, total


def bench_memory(work: Path, n_docs: int) -> list[Row]:
    log(f"memory: generating ~{n_docs:,} demo documents")
    files, total = _demo_files(work, n_docs, 10_000)
    (work / "memory_files.json").write_text(json.dumps([(k, str(p)) for k, p in files]))

    def child(mode: str) -> dict[str, Any]:
        proc = subprocess.run(
            [sys.executable, str(RUN_SCRIPT), "--memory-child", str(work), "--mode", mode],
            capture_output=True, text=True, env=dict(os.environ, GX_ANALYTICS_ENABLED="false"),
        )  # fmt: skip
        if proc.returncode != 0:
            raise RuntimeError(f"memory child failed: {proc.stderr[-2000:]}")
        return json.loads(proc.stdout.strip().splitlines()[-1])

    base = child("baseline")
    log(f"memory: baseline {base['peak_bytes'] / GIB:.2f} GiB; now {total:,} documents")
    full = child("full")
    peak = full["peak_bytes"]
    log(
        f"memory: peak {peak / GIB:.2f} GiB (ingest {full['ingest_s']:.0f} s, enrich {full['enrich_s']:.0f} s)"
    )
    return [
        {"measure": f"peak memory: ingest + enrich + insights, {total:,} documents",
         "value": f"{peak / GIB:.2f} GiB", "baseline": f"imports + open DB {base['peak_bytes'] / GIB:.2f} GiB",
         "ratio": f"+{(peak - base['peak_bytes']) / GIB:.2f} GiB", "target": "≤ 2 GiB",
         "ok": peak <= 2 * GIB,
         "note": f"{len(files)} files of ≤10k rows; fake char-3-gram embedder; "
                 f"ingest {full['ingest_s']:.0f} s, enrich {full['enrich_s']:.0f} s"},
    ]  # fmt: skip
