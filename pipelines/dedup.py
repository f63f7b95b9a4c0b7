"""Near-duplicate detection with MinHash LSH (one-permutation hashing, numpy).

Two documents are duplicates when their character 5-shingle sets have Jaccard similarity
>= ``threshold`` and either

* they come from the same author (``customer_id``), whatever their length (the same customer
  posting the same complaint twice), or
* both have at least ``min_words`` words (an exact/near-exact repost by anyone; short texts
  such as "Ottimo servizio" are legitimately repeated by different people).

LSH only proposes candidates; every pair is verified with the exact Jaccard of the shingle sets
(64-bit shingle hashes), so the result does not depend on LSH false positives. Within a group of duplicates the earliest
document (``created_at``, then ``doc_id``) is the original.
"""

from __future__ import annotations

import re
from functools import lru_cache
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


_FNV_PRIME = np.uint64(0x100000001B3)
_MIX = np.uint64(0xFF51AFD7ED558CCD)
_EMPTY = np.zeros(0, dtype=np.uint64)


def _shingle_hashes(text: str, k: int = _SHINGLE) -> np.ndarray:
    """The k-shingles of :func:`shingles` as sorted unique 64-bit hashes.

    Computed with numpy over the code points (a rolling polynomial hash), ~10x faster than
    building a set of strings; Jaccard similarities are the same up to 64-bit collisions.
    """
    norm = _NON_WORD.sub(" ", (text or "").casefold()).strip()
    if not norm:
        return _EMPTY
    points = np.frombuffer(norm.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    width = min(k, len(points))
    n = len(points) - width + 1
    hashes = np.full(n, width, dtype=np.uint64)
    for j in range(width):
        hashes = hashes * _FNV_PRIME + points[j : j + n]  # wraps modulo 2**64
    hashes ^= hashes >> np.uint64(29)
    hashes *= _MIX
    hashes ^= hashes >> np.uint64(32)
    return np.unique(hashes)


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
        num_perm: MinHash bins (signature length).
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

    sets = [_shingle_hashes(t) for t in texts]
    long_enough = [len(_WORD.findall(t)) >= min_words for t in texts]
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def join_if_similar(i: int, j: int) -> None:
        a, b = sets[i], sets[j]
        if not np.array_equal(a, b):
            small, large = sorted((len(a), len(b)))
            if small < threshold * large:  # Jaccard <= |small| / |large|
                return
            common = len(np.intersect1d(a, b, assume_unique=True))
            if common / (len(a) + len(b) - common) < threshold:
                return
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)

    # Reposts by anyone: only long texts qualify, so only they go through LSH.
    long_idx = [i for i in range(n) if len(sets[i]) and long_enough[i]]
    for i, j in _candidate_pairs(long_idx, sets, threshold, seed, num_perm):
        join_if_similar(i, j)
    # Same author, any length: compare within each author's (usually few) documents.
    by_author: dict[str, list[int]] = {}
    for i in range(n):
        author = authors[i]
        if author is not None and len(sets[i]):
            by_author.setdefault(author, []).append(i)
    for members in by_author.values():
        if len(members) < 2:
            continue
        if len(members) <= _PAIRWISE_MAX:
            pairs: list[tuple[int, int]] = list(combinations(members, 2))
        else:  # a catch-all id such as "anonymous": fall back to LSH
            pairs = _candidate_pairs(members, sets, threshold, seed, num_perm)
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


def _candidate_pairs(
    indices: list[int], sets: list[np.ndarray], threshold: float, seed: int, num_perm: int
) -> list[tuple[int, int]]:
    """Candidate pairs ``(i, j)``, ``i < j``, from MinHash LSH, in a deterministic order.

    Signatures use one-permutation hashing (each shingle hash lands in one of ``num_perm``
    bins, the bin minimum is the signature value, empty bins borrow the next bin's value):
    one hash per shingle instead of ``num_perm``, all in numpy. Bands are tuned for
    ``threshold - 0.2``, so pairs at the threshold are found with probability ~0.99; the
    exact Jaccard check removes the extra candidates.
    """
    if len(indices) < 2:
        return []
    bands, rows = _optimal_bands(max(0.5, threshold - 0.2), num_perm)
    signatures = _signatures([sets[i] for i in indices], num_perm, seed)
    mixer = np.random.RandomState(seed).randint(1, 2**62, size=rows, dtype=np.uint64)
    mixer |= np.uint64(1)
    pairs: set[tuple[int, int]] = set()
    for band in range(bands):
        keys = (signatures[:, band * rows : (band + 1) * rows] * mixer).sum(axis=1)
        order = np.argsort(keys, kind="stable")
        sorted_keys = keys[order]
        starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
        sizes = np.diff(np.r_[starts, len(order)])
        for start, size in zip(starts[sizes > 1], sizes[sizes > 1], strict=True):
            group = sorted(indices[k] for k in order[start : start + size])
            pairs.update(combinations(group, 2))
    return sorted(pairs)


_EMPTY_BIN = np.iinfo(np.uint64).max
_ROTATION = np.uint64(0x9E3779B97F4A7C15)


def _signatures(sets: list[np.ndarray], num_perm: int, seed: int) -> np.ndarray:
    """(n, num_perm) one-permutation MinHash signatures of non-empty shingle-hash sets."""
    n = len(sets)
    lengths = np.fromiter((len(x) for x in sets), dtype=np.int64, count=n)
    hashes = np.concatenate(sets) ^ np.uint64((seed * 0xD6E8FEB86659FD93) % 2**64)
    hashes *= _MIX
    hashes ^= hashes >> np.uint64(31)
    bins = (hashes % np.uint64(num_perm)).astype(np.int64)
    values = hashes // np.uint64(num_perm)
    owner = np.repeat(np.arange(n, dtype=np.int64), lengths)
    flat = np.full(n * num_perm, _EMPTY_BIN, dtype=np.uint64)
    np.minimum.at(flat, owner * num_perm + bins, values)
    sig = flat.reshape(n, num_perm)
    # Densify: an empty bin takes the value of the next non-empty bin (circularly), shifted by
    # the distance, so two similar documents still agree on it.
    cols = np.arange(num_perm)
    valid = sig != _EMPTY_BIN
    where = np.where(valid, cols, 2 * num_perm)
    twice = np.concatenate([where, np.where(valid, cols + num_perm, 2 * num_perm)], axis=1)
    nearest = np.minimum.accumulate(twice[:, ::-1], axis=1)[:, ::-1][:, :num_perm]
    borrowed = np.take_along_axis(sig, nearest % num_perm, axis=1)
    return borrowed + (nearest - cols).astype(np.uint64) * _ROTATION


@lru_cache(maxsize=16)
def _optimal_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows) minimising false positives + false negatives around ``threshold``.

    The same criterion as datasketch's MinHashLSH, integrated numerically.
    """
    best, best_error = (1, num_perm), float("inf")
    low = np.linspace(0.0, threshold, 201)
    high = np.linspace(threshold, 1.0, 201)
    for bands in range(1, num_perm + 1):
        for rows in range(1, num_perm // bands + 1):
            fp = _trapezoid(1 - (1 - low**rows) ** bands, low)
            fn = _trapezoid((1 - high**rows) ** bands, high)
            error = 0.5 * fp + 0.5 * fn
            if error < best_error:
                best, best_error = (bands, rows), error
    return best


# numpy < 2 has only trapz.
_trapezoid = getattr(np, "trapezoid", None) or np.trapz  # type: ignore[attr-defined]


def _missing(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and np.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()
