"""Seeded generator of a fictional Italian company's customer feedback ("Lumenia").

``generate_demo`` writes ``reviews.csv``, ``tickets.json``, ``social.jsonl`` and ``surveys.csv``
in the input schemas of ``docs/architecture.md`` plus ``ground_truth.json`` describing the
planted signals: an emerging complaint, a fading complaint, a churn cohort with hard negatives, a
channel outage, invalid rows, non-Italian posts, near-duplicates, personal data, a theme that
drives detractors and a channel whose SLA breaches rise with a theme. Texts are composed from the
hand-written banks in ``pipelines.demo.corpus`` and then roughened (typos, abbreviations, casing,
emoji) so that no two documents share a template verbatim. The demo only writes files; it never
opens the database.

The stages, in the order they run (they share one random stream per seed, so the order is part
of the output):

* ``world``: calendar, channels, customers, handles and the baseline weekly traffic;
* ``events``: planted complaints, churn cohort and hard negatives, social threads, phone leaks;
* ``documents`` (with ``compose`` and ``tickets``): the texts, ratings and ticket threads;
* ``dirt``: near-duplicate reposts and invalid rows;
* ``operations`` and ``surveys``: ticket priorities, the planted SLA problem, reopenings and the
  survey responses (own random streams, after everything else);
* ``files`` and ``truth``: source ids, the files and the ground truth.

Ground-truth document ids are the source ids as strings (ticket ids are integers in
``tickets.json``); weeks are 1-based and run Monday to Sunday from ``start``; all timestamps are
naive UTC.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pipelines.demo import dirt, documents, events, files, operations, surveys
from pipelines.demo.files import DemoManifest
from pipelines.demo.world import BRAND_HANDLE, DEMO_COMPANY_NAMES, World, plan_baseline

__all__ = ["BRAND_HANDLE", "DEMO_COMPANY_NAMES", "DemoManifest", "generate_demo"]


def generate_demo(
    out_dir: Path,
    *,
    seed: int = 42,
    weeks: int = 16,
    start: date = date(2026, 7, 6),
    scale: float = 1.0,
) -> DemoManifest:
    """Write the Lumenia demo data set (reviews, tickets, social posts, ground truth).

    Args:
        out_dir: Directory to write ``reviews.csv``, ``tickets.json``, ``social.jsonl`` and
            ``ground_truth.json`` into (created if missing; existing files are overwritten).
        seed: Seed of every random draw; the same seed gives byte-identical files.
        weeks: Number of weeks to cover (at least 8; event weeks scale with it, 16 is canonical).
        start: Monday of week 1.
        scale: Volume multiplier; 1.0 gives about 5,500 documents. Planted events keep a
            minimum size so that small slices (e.g. 0.05) still contain them.

    Returns:
        Paths, row counts and the time window of the generated files.

    Raises:
        ValueError: If ``start`` is not a Monday, ``weeks`` < 8 or ``scale`` <= 0.
    """
    if start.weekday() != 0:
        raise ValueError(f"start must be a Monday, got {start:%A} {start}")
    if weeks < 8:
        raise ValueError("weeks must be at least 8 to hold the planted events")
    if scale <= 0:
        raise ValueError("scale must be positive")
    world = World(seed, weeks, start, scale)
    plan_baseline(world)
    events.plan_events(world)
    events.plan_customers(world)
    events.link_social(world)
    events.leak_phone_numbers(world)
    documents.render(world)
    dirt.near_duplicates(world)
    dirt.invalid_rows(world)
    files.assign_ids(world)
    # Last, from their own streams: the other files stay as they were without them.
    world.operations = operations.plan_operations(world)
    world.surveys = surveys.plan_surveys(world)
    return files.write(world, Path(out_dir))
