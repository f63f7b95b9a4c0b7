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

:func:`lsh_band_keys` exposes the LSH band keys :func:`find_near_duplicates` uses, so the
ingest step can keep them in the database and fetch only the stored documents that can be
duplicates of a new file (see ``steps._mark_cross_batch_duplicates``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import combinations

import numpy as np
import pandas as pd

__all__ = [
    "PAIRWISE_MAX",
    "find_near_duplicates",
    "index_scheme",
    "lsh_band_keys",
    "shingle_hashes",
    "shingles",
]

_NON_WORD = re.compile(r"[^\w\[\]]+")
_WORD = re.compile(r"[^\W\d_]+")
_SHINGLE = 5
# Authors with more documents than this are compared through LSH instead of pairwise.
_PAIRWISE_MAX = 200
PAIRWISE_MAX = _PAIRWISE_MAX


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


def shingle_hashes(text: str | None) -> np.ndarray:
    """Sorted unique 64-bit hashes of the character 5-shingles of ``text`` (may be empty).

    What :func:`find_near_duplicates` and :func:`lsh_band_keys` compare; compute them once and
    pass them as ``hashes`` when the same texts go through both.
    """
    return _shingle_hashes(_text(text))


def find_near_duplicates(
    frame: pd.DataFrame,
    *,
    threshold: float = 0.9,
    seed: int = 1,
    num_perm: int = 64,
    min_words: int = 12,
    hashes: Sequence[np.ndarray] | None = None,
) -> pd.Series:
    """Map each document to the original it duplicates, or None.

    Args:
        frame: Needs ``doc_id`` and ``text``; uses ``created_at`` and ``customer_id`` when
            present. ``doc_id`` must be unique.
        threshold: Minimum Jaccard similarity of the 5-shingle sets.
        seed: MinHash seed (results are deterministic for a given seed).
        num_perm: MinHash bins (signature length).
        min_words: Minimum length (in words) for duplicates across different/unknown authors.
        hashes: :func:`shingle_hashes` of each row's text, if already computed.

    Returns:
        A Series indexed by ``doc_id`` (in frame order) holding the ``doc_id`` of the original
        for duplicates and None otherwise.

    Raises:
        ValueError: Missing columns, repeated ``doc_id`` or ``hashes`` of another length.
    """
    for col in ("doc_id", "text"):
        if col not in frame.columns:
            raise ValueError(f"find_near_duplicates needs a {col!r} column")
    doc_ids = frame["doc_id"].astype(str).tolist()
    if len(set(doc_ids)) != len(doc_ids):
        raise ValueError("find_near_duplicates needs unique doc_id values")
    if hashes is not None and len(hashes) != len(doc_ids):
        raise ValueError("find_near_duplicates needs one hashes entry per row")
    result = pd.Series([None] * len(doc_ids), index=pd.Index(doc_ids, name="doc_id"), dtype=object)
    n = len(doc_ids)
    if n < 2:
        return result

    texts = [_text(t) for t in frame["text"]]
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

    sets = list(hashes) if hashes is not None else [_shingle_hashes(t) for t in texts]
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
    keys = _band_keys([sets[i] for i in indices], threshold, seed, num_perm)
    pairs: set[tuple[int, int]] = set()
    for band in range(keys.shape[1]):
        order = np.argsort(keys[:, band], kind="stable")
        sorted_keys = keys[order, band]
        starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
        sizes = np.diff(np.r_[starts, len(order)])
        for start, size in zip(starts[sizes > 1], sizes[sizes > 1], strict=True):
            group = sorted(indices[k] for k in order[start : start + size])
            pairs.update(combinations(group, 2))
    return sorted(pairs)


def _band_keys(sets: list[np.ndarray], threshold: float, seed: int, num_perm: int) -> np.ndarray:
    """(n, bands) LSH bucket keys of non-empty shingle-hash sets; same key = candidate pair."""
    bands, rows = _optimal_bands(max(0.5, threshold - 0.2), num_perm)
    if not sets:
        return np.zeros((0, bands), dtype=np.uint64)
    signatures = _signatures(sets, num_perm, seed)
    mixer = np.random.RandomState(seed).randint(1, 2**62, size=rows, dtype=np.uint64)
    mixer |= np.uint64(1)
    keys = np.empty((len(sets), bands), dtype=np.uint64)
    for band in range(bands):
        keys[:, band] = (signatures[:, band * rows : (band + 1) * rows] * mixer).sum(axis=1)
    return keys


def lsh_band_keys(
    texts: Sequence[str | None],
    *,
    threshold: float = 0.9,
    seed: int = 1,
    num_perm: int = 64,
    min_words: int = 12,
    hashes: Sequence[np.ndarray] | None = None,
) -> pd.DataFrame:
    """The LSH band keys :func:`find_near_duplicates` would give these texts.

    Two texts are LSH candidates in :func:`find_near_duplicates` (same parameters) exactly
    when they share a ``(band, bucket)`` here, so keys stored for earlier documents find the
    candidates of new ones without reloading every text. Pure: no I/O.

    Args:
        texts: Document texts (None/NaN count as empty).
        threshold: As in :func:`find_near_duplicates`.
        seed: As in :func:`find_near_duplicates`.
        num_perm: As in :func:`find_near_duplicates`.
        min_words: As in :func:`find_near_duplicates`; sets ``long``.
        hashes: :func:`shingle_hashes` of each text, if already computed.

    Returns:
        One row per (text, band), texts without any shingle (empty, punctuation only) left
        out: ``position`` (index into ``texts``), ``band`` (int16), ``bucket`` (uint64) and
        ``long`` (the text has at least ``min_words`` words, so it can be a repost of anyone's
        text; shorter ones are only compared with the same author's).
    """
    clean = [_text(t) for t in texts]
    if hashes is not None and len(hashes) != len(clean):
        raise ValueError("lsh_band_keys needs one hashes entry per text")
    sets = list(hashes) if hashes is not None else [_shingle_hashes(t) for t in clean]
    keep = [i for i, s in enumerate(sets) if len(s)]
    keys = _band_keys([sets[i] for i in keep], threshold, seed, num_perm)
    bands = keys.shape[1]
    long_enough = np.array([len(_WORD.findall(clean[i])) >= min_words for i in keep], dtype=bool)
    return pd.DataFrame(
        {
            "position": np.repeat(np.asarray(keep, dtype=np.int64), bands),
            "band": np.tile(np.arange(bands, dtype=np.int16), len(keep)),
            "bucket": keys.reshape(-1),
            "long": np.repeat(long_enough, bands),
        }
    )


def index_scheme(
    *, threshold: float = 0.9, seed: int = 1, num_perm: int = 64, min_words: int = 12
) -> str:
    """A name for the parameters band keys depend on: stored keys of another scheme are stale."""
    return f"oph-minhash-v1:k={_SHINGLE}:t={threshold}:p={num_perm}:s={seed}:w={min_words}"


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


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)


def _missing(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and np.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()
