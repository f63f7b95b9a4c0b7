"""Demo exports split into parts and row chunks: the inputs of the ingest and enrich benchmarks."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any


def _line_date(line: str) -> str:
    """``created_at`` of a social JSONL line (empty for broken lines), the chronological key."""
    try:
        return str(json.loads(line).get("created_at") or "")
    except (json.JSONDecodeError, AttributeError):
        return ""  # the demo's planted broken lines


def split_demo(
    manifest: Any,
    folder: Path,
    parts: int,
    rows_per_file: int | None,
    chronological: bool = False,
) -> list[list[tuple[str, Path]]]:
    """Split demo exports into ``parts`` groups of (kind, file), optionally in row chunks.

    With ``chronological`` the rows are sorted by creation date first, so the last part is the
    most recent stretch of time (with 16 parts of the 16-week demo, about its last week).
    """
    folder.mkdir(parents=True, exist_ok=True)
    with open(manifest.reviews_path, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        reviews = list(reader)
    tickets = json.loads(Path(manifest.tickets_path).read_text(encoding="utf-8"))
    tickets = tickets["tickets"] if isinstance(tickets, dict) else tickets
    social = [
        ln
        for ln in Path(manifest.social_path).read_text(encoding="utf-8").splitlines()
        if ln.strip()
    ]
    if chronological:
        at = header.index("created_at")
        reviews.sort(key=lambda r: r[at] if len(r) > at else "")
        tickets.sort(key=lambda t: str(t.get("created_at") or ""))
        social.sort(key=_line_date)

    def chunks(items: list[Any]) -> list[list[Any]]:
        per = -(-len(items) // parts)
        groups = [items[i : i + per] for i in range(0, len(items), per)]
        if rows_per_file:
            groups = [
                g[i : i + rows_per_file] for g in groups for i in range(0, len(g), rows_per_file)
            ]
        return groups

    out: list[list[tuple[str, Path]]] = [[] for _ in range(parts)]
    for kind, items in (("reviews", reviews), ("tickets", tickets), ("social", social)):
        groups = chunks(items)
        per_part = -(-len(groups) // parts)
        for gi, group in enumerate(groups):
            part = min(gi // per_part, parts - 1)
            if kind == "reviews":
                path = folder / f"reviews_{gi:03d}.csv"
                with path.open("w", encoding="utf-8", newline="") as fh:
                    writer = csv.writer(fh)
                    writer.writerow(header)
                    writer.writerows(group)
            elif kind == "tickets":
                path = folder / f"tickets_{gi:03d}.json"
                path.write_text(
                    json.dumps({"tickets": group}, ensure_ascii=False), encoding="utf-8"
                )
            else:
                path = folder / f"social_{gi:03d}.jsonl"
                path.write_text("\n".join(group) + "\n", encoding="utf-8")
            out[part].append((kind, path))
    return out
