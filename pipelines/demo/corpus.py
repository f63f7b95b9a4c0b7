"""Phrase banks of the synthetic "Lumenia" demo texts: what the documents can say.

``pipelines.demo.generate`` decides which documents exist (volumes, planted events, files,
ground truth); the banks decide what they say. The hand-written Italian fragments (everything
was written for this project, no third-party text) live in ``banks.txt`` next to this module;
this module parses them. ``filler`` fills slots, ``writer`` renders and roughens texts and
``personal`` makes up fictional personal data.

Grammar of ``banks.txt``:

* ``@name`` starts a bank; each following line is one fragment, picked with equal odds. A line
  that is a single ``[a|b|c]`` group holds several fragments (packing keeps the file short).
  Blank lines and lines starting with ``#`` are ignored.
* ``[a|b|c]`` inside a fragment picks one alternative at render time (nestable; an empty
  alternative makes words optional, e.g. ``[molto |]``).
* a leading ``!`` marks a fragment that voices intent to leave; the generator only uses it in
  anonymous documents so that churn intent stays confined to the planted cohort.
* ``{slot}`` is filled by ``Filler`` (amounts, dates, places, codes, ...); ``{o}`` is the
  writer's gender ending (o/a) so one customer keeps one voice.

Category banks are ``<category>.<part>`` with parts ``neg`` (complaint cores), ``pos``, ``neu``
(questions/requests), ``detail`` (facts with numbers), ``short`` (social-style one-liners),
``subj`` (ticket subjects) and ``title`` (negative review titles); ``para`` lists phrases that
may replace each other (``a|b ; c|d`` = two groups).
"""

from __future__ import annotations

from functools import cache
from importlib import resources

__all__ = ["BANKS_FILE", "CATEGORIES", "alternatives", "load_banks"]

#: Name of the phrase-bank data file shipped inside the ``pipelines.demo`` package.
BANKS_FILE = "banks.txt"

# Bank key -> (category id, label) of models/data/taxonomy.yaml, so ground truth speaks its ids.
CATEGORIES: dict[str, tuple[str, str]] = {
    "fatturazione": ("fatturazione_bollette", "Fatturazione e bollette"),
    "attivazione": ("consegna_spedizioni", "Consegna, spedizioni e attivazione"),
    "assistenza": ("assistenza_clienti", "Assistenza clienti"),
    "prezzi": ("prezzi_tariffe", "Prezzi e tariffe"),
    "qualita": ("qualita_prodotto_servizio", "Qualità del prodotto o servizio"),
    "app_sito": ("app_sito", "App e sito web"),
    "rete": ("rete_connessione", "Rete e connessione"),
    "rimborsi": ("rimborsi_resi", "Rimborsi e resi"),
    "contratto": ("contratto_disdetta", "Contratto e disdetta"),
    "cortesia": ("cortesia_personale", "Cortesia e competenza del personale"),
    "contatori": ("letture_conguagli", "Letture e conguagli"),
}


def _split_top(line: str) -> list[str]:
    """``[a|b|c]`` spanning the whole line -> ``["a", "b", "c"]``; anything else -> ``[line]``."""
    if not line.startswith("["):
        return [line]
    parts: list[str] = []
    depth, start = 0, 1
    for i, ch in enumerate(line):
        depth += (ch == "[") - (ch == "]")
        if depth == 0:
            return [line] if i != len(line) - 1 else [*parts, line[start:i]]
        if depth == 1 and ch == "|":
            parts.append(line[start:i])
            start = i + 1
    raise ValueError(f"unbalanced brackets: {line!r}")


@cache
def load_banks() -> dict[str, tuple[str, ...]]:
    """Parse ``banks.txt`` into ``{bank_name: fragments}`` (read once per process).

    A line that is a single top-level ``[a|b|c]`` group counts as separate fragments, so packing
    short fragments onto one line does not change how often each is picked.

    Returns:
        Mapping from bank name (e.g. ``"rete.neg"``) to its fragments, in file order.

    Raises:
        ValueError: If a fragment appears before any ``@bank`` header or brackets are unbalanced.
    """
    banks: dict[str, list[str]] = {}
    current: list[str] | None = None
    text = resources.files("pipelines.demo").joinpath(BANKS_FILE).read_text(encoding="utf-8")
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("@"):
            current = banks.setdefault(line[1:], [])
            continue
        if current is None:
            raise ValueError(f"fragment outside a bank: {line!r}")
        current.extend(_split_top(line))
    return {name: tuple(frags) for name, frags in banks.items()}


def alternatives(bank: str) -> tuple[str, ...]:
    """Items of a list bank such as ``names.m``."""
    return load_banks()[bank]
