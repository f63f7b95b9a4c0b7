"""Candidate noun phrases (models/phrases.py): what may head a name and where a name ends."""

from __future__ import annotations

from models.phrases import build_phrase_index

# Hand-written feedback (ours, for the tests): an adverb before a noun, a participle with its
# agent, a participle that ends a name.
RADO = [f"Scrivo di rado recensioni, questa è la numero {i}." for i in range(4)]
RECENSIONI = ["Le recensioni sono utili.", "Leggo le recensioni.", "Tra le recensioni, poche."]
PREZZO = [f"Sono cliente da un mese attirata dal prezzo, pratica {i}." for i in range(4)]
AUTORIZZATO = [f"Trovo un addebito non autorizzato in bolletta, caso {i}." for i in range(4)]


def _surfaces(texts: list[str]) -> set[str]:
    return set(build_phrase_index(texts).surfaces)


def test_an_adverb_never_heads_a_phrase() -> None:
    surfaces = _surfaces([*RADO, *RECENSIONI, *PREZZO])
    assert not any(s.split()[0] == "rado" for s in surfaces), surfaces
    assert "recensioni" in surfaces


def test_a_participle_with_its_agent_is_a_clause_not_a_name() -> None:
    surfaces = _surfaces([*PREZZO, *RADO])
    assert not any("attirata" in s for s in surfaces), surfaces
    assert "prezzo" in surfaces and "mese" in surfaces


def test_a_participle_may_end_a_name() -> None:
    surfaces = _surfaces([*AUTORIZZATO, *PREZZO])
    assert "addebito non autorizzato" in surfaces
    assert "addebito non autorizzato in bolletta" in surfaces
    assert not any(s.startswith("autorizzato") for s in surfaces)
