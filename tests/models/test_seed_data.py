"""The shipped sentiment seed meets its size, balance, coverage and uniqueness contract."""

from __future__ import annotations

import csv
import importlib.util
import re
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "models" / "data" / "sentiment_seed.csv"
GENERATOR = ROOT / "scripts" / "build_sentiment_seed.py"

LABELS = {"negativo", "neutro", "positivo"}
SECTORS = {
    "telco", "energia", "banca", "assicurazioni", "ecommerce", "consegne", "viaggi",
    "pubblica_amministrazione",
}  # fmt: skip
CHANNELS = {"review", "ticket", "social"}
PHENOMENA = {
    "plain", "negation", "sarcasm", "mixed", "question", "request", "info", "polite_complaint",
    "slang", "typo", "emoji", "short", "long", "dialect", "thanks",
}  # fmt: skip


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with SEED.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == ["text", "label", "sector", "channel", "phenomenon"]
        return list(reader)


def test_size_and_uniqueness(rows: list[dict[str, str]]) -> None:
    assert len(rows) >= 3200
    texts = [r["text"] for r in rows]
    assert len(set(texts)) == len(texts), "exact duplicate texts"
    norm = [re.sub(r"\s+", " ", t.strip().casefold()) for t in texts]
    assert len(set(norm)) == len(norm), "case/whitespace duplicates"
    assert all(t.strip() for t in texts)


def test_label_balance(rows: list[dict[str, str]]) -> None:
    counts = Counter(r["label"] for r in rows)
    assert set(counts) == LABELS
    for label, n in counts.items():
        assert 0.28 <= n / len(rows) <= 0.40, (label, n / len(rows))


def test_sector_and_channel_coverage(rows: list[dict[str, str]]) -> None:
    sectors = Counter(r["sector"] for r in rows)
    assert set(sectors) == SECTORS
    assert min(sectors.values()) / len(rows) >= 0.08, sectors
    channels = Counter(r["channel"] for r in rows)
    assert set(channels) == CHANNELS
    assert min(channels.values()) / len(rows) >= 0.20, channels


def test_phenomena_present(rows: list[dict[str, str]]) -> None:
    counts = Counter(r["phenomenon"] for r in rows)
    assert set(counts) == PHENOMENA
    assert min(counts.values()) >= 40, counts


def test_phenomenon_label_policy(rows: list[dict[str, str]]) -> None:
    by = Counter((r["phenomenon"], r["label"]) for r in rows)
    # Requests, questions and information are neutral; sarcasm and polite complaints negative.
    for phen in ("question", "request", "info"):
        assert by[(phen, "positivo")] == by[(phen, "negativo")] == 0
    assert by[("sarcasm", "positivo")] == 0 and by[("polite_complaint", "positivo")] == 0
    assert by[("thanks", "negativo")] == 0
    # Mixed texts are mostly negative: a serious complaint must not be missed.
    mixed = sum(v for (p, _), v in by.items() if p == "mixed")
    assert by[("mixed", "negativo")] / mixed > 0.5
    # Negation appears with every label.
    assert all(by[("negation", lab)] > 0 for lab in LABELS)


def test_anchor_examples_present(rows: list[dict[str, str]]) -> None:
    label_of = {r["text"]: r["label"] for r in rows}
    assert label_of["Come posso cambiare l'IBAN per l'addebito?"] == "neutro"
    assert label_of["Ho ricevuto la fattura di marzo."] == "neutro"
    assert label_of["Il pacco è arrivato martedì."] == "neutro"
    assert label_of["grazie mille per avermi lasciato senza luce tre giorni 👏"] == "negativo"
    assert label_of["servizio pessimo nn ve lo consilgio a nessuno"] == "negativo"
    assert label_of["ok"] == "neutro" and label_of["top"] == "positivo"
    assert label_of["schifo"] == "negativo" and label_of["👍"] == "positivo"


def test_lengths_vary(rows: list[dict[str, str]]) -> None:
    words = [len(r["text"].split()) for r in rows]
    assert sum(w <= 3 for w in words) >= 100
    assert sum(w >= 50 for w in words) >= 50
    long_sentences = [r for r in rows if r["phenomenon"] == "long"]
    assert all(r["text"].count(".") + r["text"].count("!") >= 4 for r in long_sentences)


def test_generator_is_deterministic_and_matches_file(rows: list[dict[str, str]]) -> None:
    spec = importlib.util.spec_from_file_location("build_sentiment_seed", GENERATOR)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    built = mod.build()
    assert built == mod.build()
    assert [b[0] for b in built] == [r["text"] for r in rows]
