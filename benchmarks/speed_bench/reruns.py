"""Unchanged rerun: ``voc enrich`` with nothing to do vs ``voc --help`` (bare start-up)."""

from __future__ import annotations

from pathlib import Path

from .common import Row, log, voc_cli


def bench_reruns(dbs: list[tuple[str, Path]], work: Path) -> list[Row]:
    help_s = min(voc_cli(["--help"], work)[0] for _ in range(2))
    rows = []
    for label, db in dbs:
        con_count = _count_docs(db)
        before = _embedding_count(db)
        elapsed, out = voc_cli(["enrich", "--db", str(db)], work)
        no_work = "Arricchiti 0 documenti (0 nuovi embedding)" in " ".join(out.split())
        unchanged = _embedding_count(db) == before
        log(f"rerun on {label}: {elapsed:.1f} s, no model work: {no_work and unchanged}")
        rows.append(
            {"measure": f"unchanged rerun: `voc enrich` on {con_count:,} docs ({label})",
             "value": f"{elapsed:.1f} s wall", "baseline": f"`voc --help` {help_s:.1f} s",
             "ratio": f"+{elapsed - help_s:.1f} s", "target": "< 10 s, no model work",
             "ok": elapsed < 10 and no_work and unchanged,
             "note": "no model work" if no_work and unchanged else "MODEL WORK DONE"}
        )  # fmt: skip
    return rows


def _count_docs(db: Path) -> int:
    from pipelines import store

    con = store.connect(db, read_only=True)
    try:
        return int(con.execute("SELECT count(*) FROM documents").fetchone()[0])  # type: ignore[index]
    finally:
        con.close()


def _embedding_count(db: Path) -> int:
    from pipelines import store

    con = store.connect(db, read_only=True)
    try:
        return int(con.execute("SELECT count(*) FROM embeddings").fetchone()[0])  # type: ignore[index]
    finally:
        con.close()
