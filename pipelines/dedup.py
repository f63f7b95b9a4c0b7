"""Near-duplicate detection with MinHash LSH.

Two documents are duplicates when their character 5-shingle sets have Jaccard similarity
>= ``threshold`` and either

* they come from the same author (``customer_id``), whatever their length (the same customer
  posting the same complaint twice), or
* both have at least ``min_words`` words (an exact/near-exact repost by anyone; short texts
  such as "Ottimo servizio" are legitimately repeated by different people).

LSH only proposes candidates; every pair is verified with the exact Jaccard of the shingle sets,
so the result does not depend on LSH false positives. Within a group of duplicates the earliest
document (``created_at``, then ``doc_id``) is the original.
"""

from __future__ import annotations

import re
import zlib
from itertools import combinations

import numpy as np
import pandas as pd

__all__ = ["find_near_duplicates", "shingles"]

_NON_WORD = re.compile(r"[^\w\[\]]+")
_WORD = re.compile(r"[^\W\d_]+")
_SHINGLE = 5
# Authors with more documents than this are compared through LSH instead of pairwise.
_PAIRWISE_MAX = 200


def shingles(text: str, k: int = _SHINGLE) -> frozenset[str]:
    """Character k-shingles of a case-folded, punctuation-free version of ``text``."""
    norm = _NON_WORD.sub(" ", (text or "").casefold()).strip()
    if not norm:
        return frozenset()
    if len(norm) <= k:
        return frozenset({norm})
    return frozenset({norm[i : i + k] for i in range(len(norm) - k + 1)})


def find_near_duplicates(
    frame: pd.DataFrame,
    *,
    threshold: float = 0.9,
    seed: int = 1,
    num_perm: int = 64,
    min_words: int = 12,
) -> pd.Series:
    """Map each document to the original it duplicates, or None.

    Args:
        frame: Needs ``doc_id`` and ``text``; uses ``created_at`` and ``customer_id`` when
            present. ``doc_id`` must be unique.
        threshold: Minimum Jaccard similarity of the 5-shingle sets.
        seed: MinHash seed (results are deterministic for a given seed).
        num_perm: MinHash permutations.
        min_words: Minimum length (in words) for duplicates across different/unknown authors.

    Returns:
        A Series indexed by ``doc_id`` (in frame order) holding the ``doc_id`` of the original
        for duplicates and None otherwise.

    Raises:
        ValueError: Missing columns or repeated ``doc_id``.
    """
    for col in ("doc_id", "text"):
        if col not in frame.columns:
            raise ValueError(f"find_near_duplicates needs a {col!r} column")
    doc_ids = frame["doc_id"].astype(str).tolist()
    if len(set(doc_ids)) != len(doc_ids):
        raise ValueError("find_near_duplicates needs unique doc_id values")
    result = pd.Series([None] * len(doc_ids), index=pd.Index(doc_ids, name="doc_id"), dtype=object)
    n = len(doc_ids)
    if n < 2:
        return result

    texts = [
        "" if t is None or (isinstance(t, float) and np.isnan(t)) else str(t) for t in frame["text"]
    ]
    if "customer_id" in frame.columns:
        authors = [None if _missing(a) else str(a) for a in frame["customer_id"]]
    else:
        authors = [None] * n
    if "created_at" in frame.columns:
        created = pd.to_datetime(frame["created_at"], errors="coerce")
        missing = created.isna().to_numpy()
        ticks = created.to_numpy(dtype="datetime64[us]").astype("int64")
        # NaT sorts last: an undated copy is never preferred as the original.
        created_key = [(1, 0) if missing[i] else (0, int(ticks[i])) for i in range(n)]
    else:
        created_key = [(0, 0)] * n
    order_key = [(created_key[i], doc_ids[i]) for i in range(n)]

    sets = [shingles(t) for t in texts]
    long_enough = [len(_WORD.findall(t)) >= min_words for t in texts]
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def join_if_similar(i: int, j: int) -> None:
        a, b = sets[i], sets[j]
        if a != b:
            small, large = sorted((len(a), len(b)))
            if small < threshold * large:  # Jaccard <= |small| / |large|
                return
            if len(a & b) / len(a | b) < threshold:
                return
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)

    # Reposts by anyone: only long texts qualify, so only they go through LSH.
    long_idx = [i for i in range(n) if sets[i] and long_enough[i]]
    for i, j in _lsh_pairs(long_idx, sets, threshold, seed, num_perm):
        join_if_similar(i, j)
    # Same author, any length: compare within each author's (usually few) documents.
    by_author: dict[str, list[int]] = {}
    for i in range(n):
        author = authors[i]
        if author is not None and sets[i]:
            by_author.setdefault(author, []).append(i)
    for members in by_author.values():
        if len(members) < 2:
            continue
        if len(members) <= _PAIRWISE_MAX:
            pairs: list[tuple[int, int]] = list(combinations(members, 2))
        else:  # a catch-all id such as "anonymous": fall back to LSH
            pairs = _lsh_pairs(members, sets, threshold, seed, num_perm)
        for i, j in pairs:
            join_if_similar(i, j)

    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    values = result.to_numpy(copy=True)
    for members in groups.values():
        if len(members) < 2:
            continue
        original = min(members, key=lambda k: order_key[k])
        for k in members:
            if k != original:
                values[k] = doc_ids[original]
    return pd.Series(values, index=result.index, dtype=object)


def _lsh_pairs(
    indices: list[int],
    sets: list[frozenset[str]],
    threshold: float,
    seed: int,
    num_perm: int,
) -> list[tuple[int, int]]:
    """Candidate pairs ``(i, j)``, ``i < j``, from MinHash LSH, in a deterministic order."""
    if len(indices) < 2:
        return []
    # Imported here: datasketch pulls in scipy (~1-2 s), not worth paying at import time.
    from datasketch import MinHash, MinHashLSH

    # crc32 (C, deterministic across processes) instead of datasketch's default sha1: ~3x
    # faster, and the MinHash permutations work on 32-bit values anyway.
    hashes = MinHash.bulk(
        [[s.encode("utf-8") for s in sets[i]] for i in indices],
        num_perm=num_perm,
        seed=seed,
        hashfunc=zlib.crc32,
    )
    # A lower LSH threshold keeps recall high; the exact Jaccard check decides.
    lsh = MinHashLSH(threshold=max(0.5, threshold - 0.1), num_perm=num_perm)
    for i, mh in zip(indices, hashes, strict=True):
        lsh.insert(i, mh, check_duplication=False)
    pairs: set[tuple[int, int]] = set()
    for i, mh in zip(indices, hashes, strict=True):
        for j in lsh.query(mh):
            if j != i:
                pairs.add((min(i, j), max(i, j)))
    return sorted(pairs)


def _missing(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and np.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()
