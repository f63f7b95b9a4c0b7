"""The public-life social seed file: reproducible from its generator, balanced, no duplicates."""

from __future__ import annotations

import csv
import importlib.util
import re
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "models" / "data" / "sentiment_seed_social2.csv"
GENERATOR = ROOT / "scripts" / "build_sentiment_seed_social2.py"


@pytest.fixture(scope="module")
def generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("build_sentiment_seed_social2", GENERATOR)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with SEED.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == ["text", "label", "sector", "channel", "phenomenon"]
        return list(reader)


def test_file_is_the_generators_output(generator, rows: list[dict[str, str]]) -> None:  # type: ignore[no-untyped-def]
    built = generator.build()
    assert built == generator.build()
    assert [tuple(r.values()) for r in rows] == [tuple(b) for b in built]


def test_size_balance_and_no_near_duplicates(generator, rows: list[dict[str, str]]) -> None:  # type: ignore[no-untyped-def]
    assert 600 <= len(rows) <= 1000
    counts = Counter(r["label"] for r in rows)
    assert set(counts) == {"negativo", "neutro", "positivo"}
    assert min(counts.values()) / len(rows) >= 0.25, counts
    assert {r["channel"] for r in rows} == {"social"}
    folded = [" ".join(r["text"].casefold().split()) for r in rows]
    assert len(set(folded)) == len(folded)
    shingles = [generator._shingles(r["text"]) for r in rows]
    for i, a in enumerate(shingles):
        for b in shingles[i + 1 :]:
            assert len(a & b) / len(a | b) < generator.NEAR_DUPLICATE


def test_fragments_are_joined_in_proper_italian(generator, rows: list[dict[str, str]]) -> None:  # type: ignore[no-untyped-def]
    assert generator._contract("Su il voto de la riforma a il Senato") == (
        "Sul voto della riforma al Senato"
    )
    bad = re.compile(r"\b(de|su) (il|la|l'|i|gli|le)\b", re.IGNORECASE)
    assert not [r["text"] for r in rows if bad.search(r["text"])]
    # Sarcasm is labelled by its intended meaning; news and genuine questions are neutral.
    by = Counter((r["phenomenon"], r["label"]) for r in rows)
    assert by[("sarcasm", "positivo")] == by[("info", "positivo")] == by[("info", "negativo")] == 0
