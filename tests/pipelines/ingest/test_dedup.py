"""Near-duplicate detection rules."""

from __future__ import annotations

import random

import pandas as pd
import pytest

from pipelines.ingest.dedup import (
    _candidate_pairs,
    find_near_duplicates,
    lsh_band_keys,
    shingle_hashes,
    shingles,
)

LONG = (
    "Ho ordinato un telefono il mese scorso e non è mai arrivato, il servizio clienti "
    "non risponde alle mail e nessuno mi dice dove sia finito il pacco"
)


def _frame(rows: list[tuple[str, str, str | None, str | None]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": [r[0] for r in rows],
            "text": [r[1] for r in rows],
            "customer_id": [r[2] for r in rows],
            "created_at": pd.to_datetime([r[3] for r in rows]),
        }
    )


def test_long_repost_by_anyone_points_to_earliest() -> None:
    frame = _frame(
        [
            ("r:late", LONG + "!!!", "u1", "2025-03-05"),
            ("r:first", LONG, "u2", "2025-03-01"),
            (
                "r:other",
                "Tutto perfetto, consegna in anticipo e imballo curato, complimenti davvero a tutti quanti voi",
                "u3",
                "2025-03-02",
            ),
        ]
    )
    result = find_near_duplicates(frame)
    assert result.to_dict() == {"r:late": "r:first", "r:first": None, "r:other": None}


def test_short_texts_only_duplicate_for_the_same_author() -> None:
    frame = _frame(
        [
            ("a", "Ottimo servizio", "u1", "2025-03-01"),
            ("b", "Ottimo servizio", "u2", "2025-03-01"),
            ("c", "ottimo servizio!", "u1", "2025-03-02"),
            ("d", "Ottimo servizio", None, "2025-03-03"),
        ]
    )
    assert find_near_duplicates(frame).to_dict() == {"a": None, "b": None, "c": "a", "d": None}


def test_tie_on_date_broken_by_doc_id_and_undated_never_original() -> None:
    frame = _frame(
        [("z", LONG, None, "2025-03-01"), ("y", LONG, None, "2025-03-01"), ("x", LONG, None, None)]
    )
    assert find_near_duplicates(frame).to_dict() == {"z": "y", "y": None, "x": "y"}


def test_different_long_texts_are_not_duplicates_and_result_is_deterministic() -> None:
    other = (
        LONG.replace("telefono", "frigorifero")
        .replace("mail", "telefonate")
        .replace("pacco", "corriere")
    )
    frame = _frame([("a", LONG, None, "2025-03-01"), ("b", other, None, "2025-03-02")])
    first = find_near_duplicates(frame, seed=7)
    assert first.isna().all()
    assert find_near_duplicates(frame, seed=7).equals(first)


def test_requires_unique_doc_ids() -> None:
    with pytest.raises(ValueError, match="unique"):
        find_near_duplicates(_frame([("a", "x", None, None), ("a", "y", None, None)]))


def test_shingles_ignore_case_and_punctuation() -> None:
    assert shingles("Ciao, Mondo!") == shingles("ciao mondo")
    assert shingles("ok") == frozenset({"ok"})


def _variants(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    words = LONG.split()
    texts = []
    for _ in range(n):
        edited = list(words)
        for _ in range(rng.randint(0, 6)):  # a few word swaps: from exact copies to unrelated
            edited[rng.randrange(len(edited))] = rng.choice(["ciao", "rimborso", "bolletta", "x"])
        texts.append(" ".join(edited))
    return [*texts, "", "!!!", "Ottimo servizio"]


def test_band_keys_propose_exactly_the_lsh_candidate_pairs() -> None:
    texts = _variants(40, seed=2)
    keys = lsh_band_keys(texts, seed=5)
    assert set(keys["position"]) == set(range(40)) | {42}  # no shingle, no keys
    assert keys.groupby("position")["band"].count().nunique() == 1
    assert not keys.loc[keys["position"] == 42, "long"].any()
    assert keys.loc[keys["position"] < 40, "long"].all()
    sharing = {
        (a, b)
        for _key, group in keys.groupby(["band", "bucket"])
        for a in group["position"]
        for b in group["position"]
        if a < b
    }
    sets = [shingle_hashes(t) for t in texts]
    non_empty = [i for i, x in enumerate(sets) if len(x)]  # as find_near_duplicates does
    assert sharing == set(_candidate_pairs(non_empty, sets, 0.9, 5, 64))
    assert sharing  # the variants do collide
    assert lsh_band_keys(texts, seed=5, hashes=sets).equals(keys)
    assert not lsh_band_keys(texts, seed=6)["bucket"].equals(keys["bucket"])


def test_precomputed_hashes_give_the_same_duplicates() -> None:
    texts = _variants(30, seed=3)
    frame = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": texts})
    hashes = [shingle_hashes(t) for t in texts]
    assert find_near_duplicates(frame, hashes=hashes).equals(find_near_duplicates(frame))
    with pytest.raises(ValueError, match="hashes"):
        find_near_duplicates(frame, hashes=hashes[:-1])
