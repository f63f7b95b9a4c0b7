"""Page load time of the workbench (``voc ui``), server side, on the demo database.

Usage::

    voc demo --out voc_demo                       # once: ~5,500 documents, takes minutes
    python benchmarks/ui.py --db voc_demo/voc.duckdb [--requests 50]

The database is copied first (the app migrates a database it opens; the original stays as
is). The app runs as ``voc ui`` runs it, in a background thread on a free loopback port; each
page is requested ``--requests`` times after three warm-up requests, one request at a time,
over real HTTP. The server-side time is the app's own ``Server-Timing`` header: from the
request entering the app (security checks included) to the rendered page, so it holds the
read-only DuckDB session the page opens, the queries, and the template. The client-side wall
time is printed next to it. One table: p50 / p95 / max per page, in milliseconds.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipelines.config import Settings  # noqa: E402
from voc.ui.server import serving  # noqa: E402

WARMUP = 3


def _pages(client: httpx.Client) -> dict[str, str]:
    """The pages measured: the four of the app plus a filtered week, a search, a document."""
    week = re.search(
        r'<option value="([0-9]{4}-W[0-9]{2})" selected', client.get("/settimana").text
    )
    chosen = week.group(1) if week else ""
    listing = client.get(f"/verbatim?settimana={chosen}&sentiment=negativo").text
    doc = re.search(r'data-doc="([^"]+)"', listing)
    return {
        "Settimana": "/settimana",
        "Settimana, filtrata (ticket)": "/settimana?fonte=tickets",
        "Verbatim (settimana, negativi)": f"/verbatim?settimana={chosen}&sentiment=negativo",
        "Verbatim, ricerca nel testo": "/verbatim?q=bolletta",
        "Documento": f"/verbatim/{doc.group(1)}" if doc else "/verbatim",
        "Temi": "/temi",
        "Allarmi": "/allarmi",
    }


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(db: Path, requests: int) -> list[tuple[str, float, float, float, float, int]]:
    """``(page, p50, p95, max, wall p50, bytes)`` per page, times in milliseconds."""
    work = Path(tempfile.mkdtemp(prefix="voc-ui-bench-"))
    copy = work / db.name
    shutil.copy(db, copy)
    wal = db.with_name(db.name + ".wal")  # writes not checkpointed yet belong to the copy too
    if wal.exists():
        shutil.copy(wal, work / wal.name)
    now = datetime.now(UTC).replace(tzinfo=None)
    rows = []
    try:
        with (
            serving(Settings(db=copy), clock=lambda: now) as url,
            httpx.Client(base_url=url, timeout=60) as client,
        ):
            for name, path in _pages(client).items():
                server: list[float] = []
                wall: list[float] = []
                size = 0
                for i in range(WARMUP + requests):
                    started = time.perf_counter()
                    response = client.get(path)
                    elapsed = (time.perf_counter() - started) * 1000
                    if response.status_code != 200:
                        raise SystemExit(f"{path}: HTTP {response.status_code}")
                    if i >= WARMUP:
                        timing = response.headers["server-timing"]
                        server.append(float(timing.split("dur=")[1]))
                        wall.append(elapsed)
                        size = len(response.content)
                rows.append(
                    (name, statistics.median(server), _quantile(server, 0.95), max(server),
                     statistics.median(wall), size)
                )  # fmt: skip
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("voc_demo/voc.duckdb"))
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args(argv)
    if not args.db.exists():
        print(f"{args.db}: not found. Run 'voc demo --out voc_demo' first.")
        return 2
    rows = measure(args.db, args.requests)
    print(f"\nvoc ui on {args.db} — {args.requests} requests per page, server side (ms)\n")
    print(f"| {'pagina':32} | p50 | p95 | max | wall p50 | KiB |")
    print(f"|{'-' * 34}|----:|----:|----:|---------:|----:|")
    for name, p50, p95, top, wall, size in rows:
        print(f"| {name:32} | {p50:.0f} | {p95:.0f} | {top:.0f} | {wall:.0f} | {size / 1024:.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
