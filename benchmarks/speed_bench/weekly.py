"""The scheduled weekly run (``voc run --prefect``) on the demo's last week."""

from __future__ import annotations

import csv
import json
import re
import shutil
from datetime import datetime
from pathlib import Path

from .common import Row, bench_settings, log, timed, voc_cli
from .demo_inputs import split_demo


def bench_weekly(work: Path, scale: float) -> list[Row]:
    """One scheduled weekly run (``voc run --prefect``: ingest, refit if due, enrich, detect,
    report) on the demo's last week, after the previous fifteen were ingested and enriched."""
    from pipelines import steps
    from pipelines.demo.generate import generate_demo

    manifest = generate_demo(work / "weekly_data", seed=7, scale=scale)
    parts = split_demo(manifest, work / "weekly_parts", 16, None, chronological=True)
    db = work / "weekly.duckdb"
    settings = bench_settings(db)
    # The set-up runs "now" (wall clock) so that the weekly flow, which reads the clock like a
    # scheduled run does, finds the topic model fresh and does not refit it.
    now = datetime.now()
    steps.init_db(settings, now)
    setup_docs = 0
    for part in parts[:-1]:
        for kind, path in part:
            setup_docs += steps.ingest_file(settings, kind, path, now=now).rows
    log(f"weekly: set-up, {setup_docs} rows of the first 15 weeks ingested; enriching")
    setup_s, _ = timed(lambda: steps.enrich(settings, now))
    log(f"weekly: set-up enrich {setup_s:.0f} s")
    inbox = work / "weekly_inbox"
    inbox.mkdir(exist_ok=True)
    new_rows = 0
    for kind, path in parts[-1]:
        shutil.copy2(path, inbox / path.name)
        with path.open(encoding="utf-8") as fh:
            new_rows += max(0, sum(1 for _ in fh) - (1 if kind == "reviews" else 0))
    with open(parts[-1][0][1], encoding="utf-8", newline="") as fh:
        dates = [
            d
            for r in csv.DictReader(fh)
            if re.match(r"\d{4}-\d\d-\d\d", d := r["created_at"] or "")
        ]
    last = datetime.fromisoformat(max(dates)[:19])
    week = f"{last.isocalendar().year}-W{last.isocalendar().week:02d}"
    elapsed, out = voc_cli(
        ["run", "--prefect", "--inbox", str(inbox), "--week", week, "--db", str(db)], work
    )
    result = json.loads(out[out.index("{") :])
    enriched = result["enriched"].get("enriched", 0) if isinstance(result["enriched"], dict) else 0
    ok = bool(result.get("report")) and enriched > 0
    log(f"weekly: {elapsed:.0f} s for week {week}, {enriched} documents enriched")
    return [
        {"measure": f"scheduled weekly run (`voc run --prefect`, demo week {week})",
         "value": f"{elapsed:.0f} s wall", "baseline": f"set-up: 15 weeks enriched in {setup_s:.0f} s",
         "ratio": f"{enriched} new docs", "target": "report written", "ok": ok,
         "note": f"about {new_rows} new rows of a scale-{scale} demo; ingest, refit check, enrich, "
                 "detection, insights and the HTML report, Prefect start-up included"},
    ]  # fmt: skip
