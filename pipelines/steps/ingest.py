"""Ingest one file: read, validate, normalise, redact, store, then flag cross-file duplicates."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd

from pipelines import store
from pipelines.config import Settings
from pipelines.errors import VocError
from pipelines.ingest.dedup import (
    PAIRWISE_MAX,
    find_near_duplicates,
    index_scheme,
    lsh_band_keys,
    shingle_hashes,
)
from pipelines.ingest.prepare import prepare_file
from pipelines.ingest.readers import load_mapping
from pipelines.steps.runs import recorded_run

KINDS = ("reviews", "tickets", "social")


@dataclass
class IngestResult:
    """What one ``voc ingest`` did."""

    file: str
    kind: str
    rows: int
    inserted: int
    updated: int
    unchanged: int
    quarantined: int
    duplicates: int
    run_id: str
    identical_duplicates: int = 0
    quarantine_reasons: dict[str, int] = field(default_factory=dict)


def ingest_file(
    settings: Settings,
    kind: str,
    path: Path,
    *,
    now: datetime,
    fmt: str | None = None,
    mapping_path: Path | None = None,
) -> IngestResult:
    """Read, validate, normalise, redact and store one file of ``kind``.

    Every input row ends up in ``documents`` or in ``quarantine``. Re-ingesting the same file
    changes nothing; a ticket whose ``updated_at`` moved forward is updated in place.
    """
    if kind not in KINDS:
        raise VocError(f"unknown kind '{kind}': use one of {', '.join(KINDS)}")
    if not path.exists():
        raise VocError(f"{path}: file not found")
    if path.is_dir():
        raise VocError(f"{path}: is a folder; give one file, or use voc run --inbox {path}")
    mapping = load_mapping(mapping_path) if mapping_path else None
    batch = prepare_file(
        path,
        kind,
        fmt=fmt,
        mapping=mapping,
        redact_pii=settings.redact_pii,
        now=now,
        timezone=settings.timezone,
    )
    with store.connection(settings) as con:
        params = {"kind": kind, "file": path.name, "format": fmt}
        with recorded_run(con, "ingest", params, now) as (run_id, stats):
            docs = batch.documents.assign(ingest_run_id=run_id, ingested_at=now)
            docs["redacted"] = settings.redact_pii
            quarantine = batch.quarantine.assign(run_id=run_id, quarantined_at=now)
            counts = store.write_batch(con, docs, batch.comments, quarantine)
            duplicates = _mark_cross_batch_duplicates(
                con, kind, settings.seed, docs["doc_id"].tolist(), shingles=batch.shingles
            )
            stats.update(
                counts, rows=int(batch.stats.get("rows", len(docs))), duplicates=duplicates
            )
    reasons = (
        batch.quarantine["reason"].value_counts().head(5).to_dict() if len(batch.quarantine) else {}
    )
    return IngestResult(
        file=str(path),
        kind=kind,
        rows=int(batch.stats.get("rows", len(docs) + len(batch.quarantine))),
        inserted=counts["inserted"],
        updated=counts["updated"],
        unchanged=counts["unchanged"],
        quarantined=counts["quarantined"],
        duplicates=duplicates,
        run_id=run_id,
        identical_duplicates=int(batch.stats.get("identical_duplicates", 0)),
        quarantine_reasons={str(k): int(v) for k, v in reasons.items()},
    )


#: Documents stored before the dedup index existed are indexed this many at a time, so a large
#: existing database is backfilled without holding all its texts in memory.
_BACKFILL_CHUNK = 50_000
#: Jaccard threshold of cross-file near-duplicates (find_near_duplicates' default).
DEDUP_THRESHOLD = 0.9


def _mark_cross_batch_duplicates(
    con: store.Connection,
    kind: str,
    seed: int,
    doc_ids: Sequence[str],
    *,
    shingles: Mapping[str, np.ndarray] | None = None,
) -> int:
    """Near-duplicate detection of a stored file against everything stored for ``kind``.

    The flags of the former step, :func:`find_near_duplicates` over every stored non-duplicate
    document of ``kind`` (reposts, re-sends), but reading only the documents that can pair with
    the file: those sharing an LSH band key with it (keys of stored documents are kept in
    ``doc_lsh``) and those of the same authors. Work per file grows with the file and its
    candidates, not with the database. (One difference, in the safe direction: for an author
    just above ``PAIRWISE_MAX`` documents the subset may be compared pairwise where the full run
    relied on LSH, so a true pair LSH would miss, ~1% at the threshold, is found.) Documents
    stored but not indexed yet (a database from before the index, an ingest killed between its
    two commits, another seed) are compared and indexed first, oldest first, in chunks.

    Args:
        con: Writable connection.
        kind: Document kind of the file.
        seed: MinHash seed.
        doc_ids: ``doc_id`` of the file's documents (already stored).
        shingles: Shingle hashes already computed for some texts (keyed by text), reused.

    Returns:
        How many stored documents of ``kind`` are flagged as duplicates.
    """
    store.sync_dedup_scheme(con, index_scheme(threshold=DEDUP_THRESHOLD, seed=seed))
    while True:
        backlog = store.unindexed_documents(con, kind, exclude=doc_ids, limit=_BACKFILL_CHUNK)
        if backlog.empty:
            break
        _dedup_against_index(con, kind, backlog, seed)
    new = store.dedup_documents(con, kind, doc_ids)
    if len(new):
        _dedup_against_index(con, kind, new, seed, shingles)
    return store.duplicate_count(con, kind)


def _dedup_against_index(
    con: store.Connection,
    kind: str,
    new: pd.DataFrame,
    seed: int,
    shingles: Mapping[str, np.ndarray] | None = None,
) -> None:
    """Compare ``new`` stored documents with their candidates, flag duplicates, index them.

    Why the subset gives the full result: stored non-duplicates are pairwise distinct already
    (each was compared when it was indexed), so every duplicate pair involves a new document,
    and LSH pairs a new document only with documents sharing one of its band keys, all of
    which are candidates; same-author comparisons see the author's whole history (or, for an
    author with more than ``PAIRWISE_MAX`` documents, where the full run uses LSH too, the
    author's documents sharing a band key).
    """
    known = shingles or {}
    # Shingled once for keys and matching (and not at all when the prepare step already did).
    hashes = [known[t] if t in known else shingle_hashes(t) for t in new["text"]]
    new = new.assign(n_shingles=[len(h) for h in hashes])
    keys = lsh_band_keys(new["text"].tolist(), threshold=DEDUP_THRESHOLD, seed=seed, hashes=hashes)
    at = keys["position"].to_numpy()
    keys = pd.DataFrame(
        {
            "doc_id": new["doc_id"].to_numpy(dtype=object)[at],
            "customer_id": new["customer_id"].to_numpy(dtype=object)[at],
            "band": keys["band"].to_numpy(),
            "bucket": keys["bucket"].to_numpy(),
            "is_long": keys["long"].to_numpy(),
        }
    )
    candidates = store.dedup_candidates(
        con,
        kind,
        new[["doc_id", "customer_id", "n_shingles"]],
        keys,
        pairwise_max=PAIRWISE_MAX,
        threshold=DEDUP_THRESHOLD,
    )
    if len(candidates):
        frame = pd.concat([new.drop(columns="n_shingles"), candidates], ignore_index=True)
        hashes += [shingle_hashes(t) for t in candidates["text"]]
    else:
        frame = new
    dups = find_near_duplicates(frame, threshold=DEDUP_THRESHOLD, seed=seed, hashes=hashes)
    mapping = {k: v for k, v in dups.items() if isinstance(v, str) and v}
    # Documents just flagged are never candidates again: no need to keep their keys.
    keep = ~keys["doc_id"].isin(list(mapping)).to_numpy()
    store.record_dedup(
        con,
        kind,
        mapping,
        new[["doc_id", "text_hash", "n_shingles"]],
        keys.loc[keep].reset_index(drop=True),
    )
