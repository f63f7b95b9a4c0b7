"""``voc demo``: generate the fictional company's feedback, then the weekly run on it."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from pipelines import store
from pipelines.config import Settings
from pipelines.demo.generate import DEMO_COMPANY_NAMES, DemoManifest, generate_demo
from pipelines.errors import VocError
from pipelines.steps.report import read_corpus_summary
from pipelines.steps.runs import Progress
from pipelines.steps.weekly import LATEST, WeeklyRun, weekly_run


@dataclass
class DemoResult:
    """The generated data, the weekly run over it and a summary of the whole corpus."""

    settings: Settings
    manifest: DemoManifest
    run: WeeklyRun
    summary: dict[str, Any]


def run_demo(
    settings: Settings,
    now: datetime,
    *,
    out: Path,
    seed: int = 42,
    scale: float = 1.0,
    fresh_db: bool = True,
    progress: Progress | None = None,
) -> DemoResult:
    """Write the demo data into ``out/data`` and run the weekly pipeline on a new database.

    Detection and the report look at the demo's last week (its "Monday morning" is the day
    after it), whatever today's date is; no notification is sent.

    Args:
        settings: pipeline settings; ``company_names`` defaults to the demo company's.
        now: run time (naive UTC).
        out: folder for the data and the report.
        seed: generator seed.
        scale: volume multiplier (1.0 ≈ 5,500 documents).
        fresh_db: ``settings.db`` is the demo's own file: an old one is replaced. Otherwise an
            existing database is an error (the user chose it; it is never overwritten).
        progress: progress display for the enrichment.
    """
    if not settings.company_names:
        settings = settings.replace(company_names=DEMO_COMPANY_NAMES)
    db_path = Path(settings.db)
    if db_path.exists():
        if not fresh_db:
            raise VocError(
                f"{db_path}: exists; the demo needs a fresh database (remove it or choose another --db)"
            )
        db_path.unlink()
        shutil.rmtree(db_path.parent / f"{db_path.stem}_models", ignore_errors=True)
    manifest = generate_demo(out / "data", seed=seed, scale=scale)
    files = [("reviews", manifest.reviews_path), ("tickets", manifest.tickets_path),
             ("social", manifest.social_path)]  # fmt: skip
    run = weekly_run(settings, now, files=files, week=LATEST, report_dir=out, notify=False,
                     progress=progress)  # fmt: skip
    with store.connection(settings, read_only=True) as con:
        summary = read_corpus_summary(con)
    return DemoResult(settings, manifest, run, summary)
