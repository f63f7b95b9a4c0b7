"""Output of the demo: source ids and the files in the input schemas of ``docs/architecture.md``.

``reviews.csv`` (UTF-8, LF line ends), ``tickets.json`` (``{"tickets": [...]}`` with comment
threads and priorities), ``social.jsonl`` (one post per line), ``surveys.csv`` (NPS/CSAT/CES with
optional verbatims) and ``ground_truth.json`` (``pipelines.demo.truth``).
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from pipelines.demo.truth import ground_truth
from pipelines.demo.world import Doc, World

__all__ = ["DemoManifest", "assign_ids", "write"]


@dataclass(frozen=True)
class DemoManifest:
    """Paths and sizes of a generated demo data set.

    Row counts include the intentionally invalid rows listed in the ground truth.
    """

    reviews_path: Path
    tickets_path: Path
    social_path: Path
    ground_truth_path: Path
    n_reviews: int
    n_tickets: int
    n_social: int
    start: date
    weeks: int
    surveys_path: Path | None = None
    n_surveys: int = 0


def fmt_ts(ts: datetime, style: str) -> str:
    """``ts`` as ISO text: ``csv`` (no zone), ``ms`` (milliseconds and Z) or ``z`` (seconds and Z)."""
    if style == "csv":
        return ts.strftime("%Y-%m-%dT%H:%M:%S")
    if style == "ms":
        return ts.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ts.microsecond // 1000:03d}Z"
    return ts.strftime("%Y-%m-%dT%H:%M:%SZ")


def assign_ids(world: World) -> None:
    """Number the documents per kind in time order (reviews RV-, tickets from 50001, posts SP-)."""
    world.docs.sort(key=lambda d: d.ts)  # stable: ties keep plan order
    counters = {"reviews": 0, "tickets": 50000, "social": 0}
    for d in world.docs:
        counters[d.kind] += 1
        n = counters[d.kind]
        d.id = {"reviews": f"RV-{n:06d}", "tickets": str(n)}.get(d.kind, f"SP-{n:06d}")


def created(d: Doc, style: str) -> str:
    """The ``created_at`` text of ``d``, garbled for rows planted with a bad date."""
    if d.invalid and d.invalid[0] == "created_at":
        return r"31/02/2026" if d.kind == "reviews" and d.id[-1] in "02468" else "n/d"
    return fmt_ts(d.ts, style)


def write(world: World, out: Path) -> DemoManifest:
    """Write the four files of ``world`` into ``out`` (created if missing) and describe them."""
    out.mkdir(parents=True, exist_ok=True)
    by_kind = {k: [d for d in world.docs if d.kind == k] for k in ("reviews", "tickets", "social")}
    paths = {"reviews": out / "reviews.csv", "tickets": out / "tickets.json",
             "social": out / "social.jsonl", "truth": out / "ground_truth.json"}  # fmt: skip
    with paths["reviews"].open("w", encoding="utf-8", newline="") as fh:
        wr = csv.writer(fh, lineterminator="\n")
        wr.writerow(["id", "created_at", "text", "title", "rating", "channel", "customer_id"])
        for d in by_kind["reviews"]:
            rating = "" if d.rating is None else str(d.rating)
            wr.writerow([d.id, created(d, "csv"), d.text, d.title, rating, d.channel,
                         d.customer or ""])  # fmt: skip
    comment_id = 9_000_000
    tickets = []
    for d in by_kind["tickets"]:
        comments = []
        for role, ts, body in d.comments:
            comment_id += 1
            comments.append({"id": comment_id, "author_role": role,
                             "created_at": fmt_ts(ts, "z"), "body": body})  # fmt: skip
        tickets.append({
            "id": int(d.id), "requester_id": d.customer, "status": d.status,
            "created_at": created(d, "z"), "updated_at": fmt_ts(d.updated_at or d.ts, "z"),
            "solved_at": fmt_ts(d.solved_at, "z") if d.solved_at else None,
            "subject": d.subject, "channel": d.channel, "priority": d.priority or "normal",
            "comments": comments,
        })  # fmt: skip
    dump(paths["tickets"], {"tickets": tickets}, indent=1)
    with paths["social"].open("w", encoding="utf-8", newline="\n") as fh:
        for d in by_kind["social"]:
            row = {"id": d.id, "platform": d.channel, "author_id": d.author,
                   "created_at": created(d, "ms"), "text": d.text,
                   "in_reply_to": d.parent.id if d.parent else None}  # fmt: skip
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    paths["surveys"] = out / "surveys.csv"
    with paths["surveys"].open("w", encoding="utf-8", newline="") as fh:
        wr = csv.writer(fh, lineterminator="\n")
        wr.writerow(["id", "created_at", "survey", "touchpoint", "channel", "customer_id", "nps",
                     "csat", "ces", "text"])  # fmt: skip
        for r in world.surveys:
            wr.writerow([r.id, fmt_ts(r.ts, "z"), r.survey, r.touchpoint, r.channel,
                         r.customer or "", r.nps, "" if r.csat is None else r.csat,
                         "" if r.ces is None else r.ces, r.text])  # fmt: skip
    dump(paths["truth"], ground_truth(world, by_kind), indent=1)
    return DemoManifest(paths["reviews"], paths["tickets"], paths["social"], paths["truth"],
                        len(by_kind["reviews"]), len(by_kind["tickets"]), len(by_kind["social"]),
                        world.start, world.weeks, paths["surveys"],
                        len(world.surveys))  # fmt: skip


def dump(path: Path, obj: object, indent: int | None = None) -> None:
    """Write ``obj`` as UTF-8 JSON with a final newline."""
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        json.dump(obj, fh, ensure_ascii=False, indent=indent)
        fh.write("\n")
