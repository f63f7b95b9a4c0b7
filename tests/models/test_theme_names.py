"""Noun-phrase candidates (models/phrases.py) and theme names (models/theme_names.py)."""

from __future__ import annotations

import numpy as np

from models.phrases import build_phrase_index, clause_tokens
from models.text_it import STOP_WORDS
from models.theme_names import FALLBACK_NAME, name_theme, name_themes

# Hand-written complaints about two subjects, several wordings each (ours, for the tests).
ATTESE = [
    "Attese al numero verde di quaranta minuti, nessuno risponde.",
    "Ho chiamato tre volte: attese al numero verde infinite.",
    "Le attese al numero verde sono uno scandalo.",
    "Ancora attese al numero verde, poi la linea cade.",
    "Attesa al numero verde di un'ora per una domanda.",
    "Chiamo Lumenia e le attese al numero verde non finiscono mai.",
]
ADDEBITO = [
    "Doppio addebito in bolletta a marzo, chiedo il rimborso.",
    "Mi trovo un doppio addebito in bolletta dopo l'aggiornamento.",
    "Il doppio addebito in bolletta non è ancora stato stornato.",
    "Doppio addebito in bolletta anche questo mese, assurdo.",
    "Segnalo un doppio addebito in bolletta, Lumenia non risponde.",
    "Ho visto il doppio addebito in bolletta solo oggi.",
]
OTHER = [
    "Il tecnico è arrivato puntuale.",
    "Ottimo servizio, grazie.",
    "La app si apre lentamente.",
    "Il contratto è chiaro.",
]


def _two_themes() -> tuple[list[str], np.ndarray]:
    texts = ATTESE + ADDEBITO + OTHER
    labels = np.r_[np.zeros(len(ATTESE)), np.ones(len(ADDEBITO)), np.full(len(OTHER), -1)]
    return texts, labels.astype(np.int64)


def test_clause_tokens_split_on_punctuation_and_keep_elisions() -> None:
    clauses = clause_tokens("Dopo l'aggiornamento dell'app, il doppio addebito.")
    assert [w for w, _ in clauses[0]] == ["dopo", "l'", "aggiornamento", "dell'", "app"]
    assert [w for w, _ in clauses[1]] == ["il", "doppio", "addebito"]
    assert clauses[0][0][1] is True and clauses[1][0][1] is False


def test_phrases_are_noun_phrases_without_verbs_brands_or_typos() -> None:
    texts = [*ATTESE, *ADDEBITO, "Doppio addebitto in bolletta."]  # one typo, once
    index = build_phrase_index(texts, exclude_words=["Lumenia"])
    keys = set(index.keys)
    surfaces = set(index.surfaces)
    assert "attese al numero verde" in surfaces and "doppio addebito in bolletta" in surfaces
    assert not any("lumenia" in s for s in surfaces)
    assert not any("addebitto" in s for s in surfaces)  # a typo seen once never names
    # Verbs never start or end a phrase; function words never at an edge.
    for s in surfaces:
        words = s.replace("'", "' ").split()
        assert words[0] not in STOP_WORDS and words[-1] not in STOP_WORDS, s
        assert words[0] not in {"chiamato", "risponde", "chiedo", "segnalo", "finiscono"}, s
    assert all(1 <= len(s.replace("'", "' ").split()) <= 6 for s in surfaces)
    assert len(keys) == len(index.surfaces)


def test_proper_nouns_are_found_by_their_capitals() -> None:
    texts = [f"Ho parlato con Giulia del contratto luce numero {i}." for i in range(5)]
    texts += ["Il contratto luce è chiaro.", "Contratto luce attivato."]
    index = build_phrase_index(texts)
    assert not any("giulia" in s for s in index.surfaces)
    assert "contratto luce" in index.surfaces


def test_name_themes_reads_as_the_themes_phrase() -> None:
    texts, labels = _two_themes()
    index = build_phrase_index(texts, exclude_words=["Lumenia"])
    names = name_themes(index, labels, [0, 1])
    assert names[0].label == "Attese al numero verde"
    assert names[1].label == "Doppio addebito in bolletta"
    assert names[0].phrases[0] == "attese al numero verde"


def test_name_themes_uses_closeness_to_the_centroid() -> None:
    # Two phrases equally frequent in theme 0; the embedding of the documents using "linea
    # cade" sits with theme 1, so theme 0 is named by the other one.
    texts = [
        *[f"Attese al numero verde e la linea cade, caso {i}." for i in range(4)],
        *[f"La linea cade sempre, pratica {i}." for i in range(4)],
    ]
    labels = np.r_[np.zeros(4), np.ones(4)].astype(np.int64)
    rng = np.random.default_rng(0)
    cents = np.eye(2, 8)
    emb = np.vstack([cents[0] + 0.01 * rng.normal(size=8) for _ in range(4)])
    emb = np.vstack([emb, *[cents[1] + 0.01 * rng.normal(size=8) for _ in range(4)]])
    emb /= np.linalg.norm(emb, axis=1, keepdims=True)
    index = build_phrase_index(texts, min_word_df=2)
    names = name_themes(index, labels, [0, 1], embeddings=emb, centroids=cents, min_docs=2)
    assert names[0].label == "Attese al numero verde"
    assert names[1].label == "Linea"[:0] + names[1].label  # named, whatever the phrase
    assert names[0].label != names[1].label


def test_names_are_unique_and_fall_back_without_phrases() -> None:
    texts = ATTESE + ATTESE
    labels = np.r_[np.zeros(6), np.ones(6)].astype(np.int64)
    names = name_themes(build_phrase_index(texts), labels, [0, 1])
    assert names[0].label != names[1].label
    empty = name_themes(build_phrase_index(["ok", "sì"]), np.zeros(2, dtype=np.int64), [0])
    assert empty[0].label == FALLBACK_NAME


def test_name_theme_contrasts_a_group_with_its_background() -> None:
    background = [*ATTESE, *OTHER] * 3
    name = name_theme(ADDEBITO, background, exclude_words=["Lumenia"])
    assert name.label == "Doppio addebito in bolletta"
    assert name_theme(["ciao"], background).label == FALLBACK_NAME


def _axis_embedder(axes: dict[str, int], dim: int, calls: list[list[str]]):
    """A stand-in query embedder: a name points along the axis of the first listed stem it
    holds (the last axis when none), and every call is recorded."""

    def embed(texts):
        calls.append(list(texts))
        out = np.zeros((len(texts), dim), dtype=np.float32)
        for r, text in enumerate(texts):
            hit = [a for stem, a in axes.items() if stem in text.lower()]
            out[r, hit[0] if hit else dim - 1] = 1.0
        return out

    return embed


def test_query_embedder_prefers_the_name_pointing_at_its_own_theme() -> None:
    # Theme 0 is mostly "attese al numero verde", but that name points at theme 1 in the
    # embedder's space; "linea telefonica" points at theme 0, so it wins with the embedder.
    linea = [f"La linea telefonica cade, caso {i}." for i in range(3)]
    texts = [*ATTESE, *linea, *ADDEBITO]
    labels = np.r_[np.zeros(len(ATTESE) + 3), np.ones(len(ADDEBITO))].astype(np.int64)
    index = build_phrase_index(texts, exclude_words=["Lumenia"])
    cents = np.eye(3, dtype=np.float32)[:2]
    plain = name_themes(index, labels, [0, 1], centroids=cents)
    assert plain[0].label == "Attese al numero verde"
    calls: list[list[str]] = []
    embed = _axis_embedder({"linea": 0, "attes": 1, "addebit": 1}, 3, calls)
    names = name_themes(index, labels, [0, 1], centroids=cents, query_embedder=embed)
    assert names[0].label == "Linea telefonica"
    assert names[1].label == "Doppio addebito in bolletta"
    assert "attese al numero verde" in names[0].phrases  # still among its key phrases
    asked = [t for c in calls for t in c]
    assert asked and all(t[:1].isupper() for t in asked)
    assert len(asked) <= 2 * 10 and len(set(asked)) == len(asked)  # n_scored per theme, once


def test_name_theme_avoids_names_of_an_existing_theme() -> None:
    group = [f"Doppio addebito in bolletta e nessun rimborso del canone, n. {i}." for i in range(4)]
    background = [*ATTESE, *OTHER] * 2
    embed = _axis_embedder({"rimborso": 0, "addebit": 1}, 3, [])
    own, existing = np.eye(3)[0], np.eye(3)[1:2]
    name = name_theme(group, background, query_embedder=embed, centroid=own, contrast=existing)
    assert name.label == "Rimborso del canone"
    # Without an existing theme holding "addebito", the text scores decide.
    assert name_theme(group, background).label != "Rimborso del canone"
