"""The hand-written sentences and fragments of the seed generators, read from ``scripts/seed_sentences/``.

Every text in those files was written for the project (no third-party or customer text). The
generators only compose them, so changing a sentence is a change to a data file; the generated
CSVs are reproducible byte for byte from the files and the seeds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

FOLDER = Path(__file__).resolve().parents[1] / "seed_sentences"


def load_yaml(name: str) -> dict[str, Any]:
    """A YAML file of ``seed_sentences/`` (lists of strings by name)."""
    data = yaml.safe_load((FOLDER / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict), name
    return data


def load_text(name: str) -> str:
    """A text file of ``seed_sentences/`` (one record a line)."""
    return (FOLDER / name).read_text(encoding="utf-8")


# Sector fragments (facts, requests, statements, nominal judgements, brands, …), by sector code.
S: dict[str, dict[str, list[str]]] = load_yaml("seed_sectors.yaml")
SECTORS = list(S)

_F = load_yaml("seed_fragments.yaml")
NUMS: list[str] = _F["NUMS"]
TIMES: list[str] = _F["TIMES"]
NEG_OPEN: list[str] = _F["NEG_OPEN"]
NEG_CLOSE: list[str] = _F["NEG_CLOSE"]
NEG_TITLES: list[str] = _F["NEG_TITLES"]
POS_OPEN: list[str] = _F["POS_OPEN"]
POS_CLOSE: list[str] = _F["POS_CLOSE"]
POS_TITLES: list[str] = _F["POS_TITLES"]
FURIOUS: list[str] = _F["FURIOUS"]
AGENTS: list[str] = _F["AGENTS"]
HELPS: list[str] = _F["HELPS"]
AGENT_DID: list[str] = _F["AGENT_DID"]
GREET: list[str] = _F["GREET"]
T_CLOSE_NEG: list[str] = _F["T_CLOSE_NEG"]
T_CLOSE_NEU: list[str] = _F["T_CLOSE_NEU"]
T_CLOSE_POS: list[str] = _F["T_CLOSE_POS"]
SUBJECTS: dict[str, list[str]] = _F["SUBJECTS"]
TAGS: dict[str, list[str]] = _F["TAGS"]
EMO: dict[str, list[str]] = _F["EMO"]
POLITE_OPEN: list[str] = _F["POLITE_OPEN"]
POLITE_LEAD: list[str] = _F["POLITE_LEAD"]
POLITE_BODY: list[str] = _F["POLITE_BODY"]
POLITE_CLOSE: list[str] = _F["POLITE_CLOSE"]
INTERROGATIVE: tuple[str, ...] = tuple(_F["INTERROGATIVE"])  # a tuple: str.startswith takes it
TYPO_WORDS: dict[str, list[str]] = _F["TYPO_WORDS"]
SHORT: dict[str, list[str]] = _F["SHORT"]

_J = load_yaml("seed_judgements.yaml")
NOUNS: list[tuple[str, str, str]] = [(n, g, k) for n, g, k in _J["NOUNS"]]
POS_ADJ: list[str] = _J["POS_ADJ"]
NEG_ADJ: list[str] = _J["NEG_ADJ"]
POS_VP: list[str] = _J["POS_VP"]
NEG_VP: list[str] = _J["NEG_VP"]
PRODUCTS: dict[str, dict[str, list[str]]] = _J["PRODUCTS"]
OCCASIONS: list[str] = _J["OCCASIONS"]
PROD_POS_CLOSE: list[str] = _J["PROD_POS_CLOSE"]
PROD_NEG_CLOSE: list[str] = _J["PROD_NEG_CLOSE"]
TOPICS: list[str] = _J["TOPICS"]
TOPIC_TAGS: list[str] = _J["TOPIC_TAGS"]

# Fully hand-written standalone examples: label|sector|channel|phenomenon|text
# ("\n" inside a text stands for a line break).
HANDWRITTEN = load_text("seed_handwritten.txt")
