"""Lexicon cues: negation, contrast, intensity, emoji, sarcasm hints, sentence splitting."""

from __future__ import annotations

import numpy as np
import pytest

from models.lexicon import FEATURE_NAMES, cue_features, polarity_tokens, sentence_split

IDX = {name: i for i, name in enumerate(FEATURE_NAMES)}


def feat(text: str) -> dict[str, float]:
    row = cue_features([text])[0]
    return {name: float(row[i]) for name, i in IDX.items()}


def test_shape_dtype_and_names() -> None:
    x = cue_features(["ottimo", "", "non funziona niente"])
    assert x.shape == (3, len(FEATURE_NAMES))
    assert x.dtype == np.float32
    assert len(set(FEATURE_NAMES)) == len(FEATURE_NAMES)
    assert not x[1].any()  # empty text → all zeros
    assert cue_features([]).shape == (0, len(FEATURE_NAMES))


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("non è male", 1),
        ("Non funziona", -1),
        ("non sono soddisfatto", -1),
        ("Non ha mai dato problemi", 1),
        ("nessun problema, tutto perfetto", 1),
        ("non è mai in ritardo", 1),
        ("Non lo consiglio", -1),
        ("personale gentilissimo", 1),
        ("schifo", -1),
        ("👍", 1),
        ("😡😡", -1),
        ("prodotto ottimo ma assistenza pessima", -1),
        ("qualche ritardo però alla fine tutto risolto, bravi", 1),
        ("né gentili né competenti", -1),
    ],
)
def test_net_polarity_sign(text: str, sign: int) -> None:
    assert np.sign(feat(text)["net_polarity"]) == sign, polarity_tokens(text)


def test_negation_counts_are_separate() -> None:
    f = feat("non è male")
    assert f["negated_neg"] == 1 and f["neg_count"] == 0
    f = feat("il servizio non è affatto efficiente")
    assert f["negated_pos"] == 1 and f["pos_count"] == 0


def test_negation_scope_stops_at_punctuation_and_window() -> None:
    # "ottimo" is in a new sentence, outside the scope of "non".
    f = feat("Non ci speravo. Ottimo servizio")
    assert f["pos_count"] == 1 and f["negated_pos"] == 0
    # Far beyond the window: the positive word is not negated.
    f = feat("non avevo mai comprato niente da questo negozio online e devo dire ottimo")
    assert f["pos_count"] >= 1


def test_contrast_shifts_weight_to_final_clause() -> None:
    f = feat("prodotto ottimo ma assistenza pessima")
    assert f["contrast_neg"] == 1 and f["contrast_pos"] == 0
    assert f["net_polarity"] < 0
    f = feat("assistenza lenta, però il prodotto è eccellente")
    assert f["contrast_pos"] == 1 and f["net_polarity"] > 0
    assert feat("tutto ottimo")["contrast_pos"] == 0  # no marker → no post-contrast counts


def test_intensifiers_and_superlatives() -> None:
    assert feat("davvero pessimo")["intensified_neg"] == 1
    assert feat("gentilissima e super veloce")["intensified_pos"] == 2
    assert feat("pessimo")["intensified_neg"] == 0


def test_sarcasm_hint_needs_negative_evidence() -> None:
    sarcastic = feat("grazie mille per avermi lasciato senza luce tre giorni 👏")
    assert sarcastic["sarcasm_hint"] >= 1
    assert feat("Bravi, consegna velocissima 👏")["sarcasm_hint"] == 0
    assert (
        feat("Servizio impeccabile come sempre: linea morta da una settimana 🙄")["sarcasm_hint"]
        >= 1
    )


def test_surface_features() -> None:
    f = feat("VERGOGNA!!! Ma come è possibile? Nessuno risponde")
    assert f["exclamations"] == 3 and f["questions"] == 1
    assert f["caps_ratio"] > 0
    assert f["n_sentences"] == 3
    assert f["min_sentence_polarity"] < 0
    assert feat("ok")["length_bucket"] == 0
    assert feat(" ".join(["parola"] * 100))["length_bucket"] == 4
    assert feat("come posso cambiare l'IBAN per l'addebito?")["request_cue"] >= 1
    assert feat("Il pacco è arrivato martedì.")["request_cue"] == 0


def test_long_review_with_one_furious_sentence() -> None:
    text = (
        "Prodotto arrivato in tempo. Funziona bene e la batteria dura. Il montaggio è semplice. "
        "Ma il servizio clienti è VERGOGNOSO, mai vista una cosa simile! Per il resto ok."
    )
    f = feat(text)
    assert f["min_sentence_polarity"] < -0.5
    assert f["max_sentence_polarity"] > 0.3


def test_typos_and_accent_folding() -> None:
    assert feat("nn funziona")["net_polarity"] < 0
    assert feat("e' perfetto")["net_polarity"] > 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ciao. Tutto bene!", ["Ciao.", "Tutto bene!"]),
        ("Gentile sig. Rossi, le scrivo.", ["Gentile sig. Rossi, le scrivo."]),
        ("Parlato con la dott.ssa Bianchi ecc. e poi basta", None),
        ("Costa 4,5 euro alle 7.15 di sera", ["Costa 4,5 euro alle 7.15 di sera"]),
        ("Che schifo!!! Mai più", ["Che schifo!!!", "Mai più"]),
        ("Ottimo.Consigliato", ["Ottimo.", "Consigliato"]),
        ("prima riga\nseconda riga", ["prima riga", "seconda riga"]),
        ("Arrivato rotto 😡😡 nessuno risponde", ["Arrivato rotto 😡😡", "nessuno risponde"]),
        ("Boh… vedremo", ["Boh…", "vedremo"]),
        (
            "Fattura n. 12 della S.p.A. Verdi ricevuta.",
            ["Fattura n. 12 della S.p.A. Verdi ricevuta."],
        ),
        ("", []),
    ],
)
def test_sentence_split(text: str, expected: list[str] | None) -> None:
    out = sentence_split(text)
    if expected is None:
        assert len(out) == 1
    else:
        assert out == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Greetings and sign-offs are formulas, not praise.
        ("Vorrei sapere quando arriva la bolletta. Buona giornata", []),
        ("Il modem non funziona. Buon lavoro", [("non funziona", -2.0)]),
        ("Attendo riscontro. Cordiali saluti", []),
        ("Grazie per l'attenzione. Cordialmente, Anna", [("grazie", 1.0)]),
        # A salutation opening a letter is not praise; the same adjective judging someone is.
        ("Gentile operatore, il modem non va", []),
        ("Ho parlato con un operatore gentile", [("gentile", 1.0)]),
        ("Gentile e preparato", [("gentile", 1.0), ("preparato", 1.0)]),
        ("Prodotto buono, buona qualità", [("buono", 1.0), ("buona", 1.0), ("qualita", 1.0)]),
    ],
)
def test_formulas_are_not_cues(text: str, expected: list[tuple[str, float]]) -> None:
    assert [(c.text, c.weight) for c in polarity_tokens(text)] == expected


def test_a_sign_off_does_not_make_a_complaint_end_positive() -> None:
    last = FEATURE_NAMES.index("last_sentence_polarity")
    feats = cue_features(["La linea cade ogni sera, è inaccettabile. Buona serata"])
    assert feats[0, last] < 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A "buono"/"bello" inside a definite description names a thing: no praise asserted.
        ("La buona scuola è un disastro", [("disastro", -2.0)]),
        ("Nel Bel Paese i treni sono in ritardo", [("in ritardo", -1.0)]),
        # The same adjectives asserting a quality still count.
        ("Un buon prodotto", [("buon", 1.0)]),
        ("La pizza è buona", [("buona", 1.0)]),
        ("Prodotto di buona qualità", [("buona", 1.0), ("qualita", 1.0)]),
        ("La bella e brava operatrice", [("bella", 1.0), ("brava", 1.0)]),
        # Other praise after an article is still praise.
        ("Grazie per l'ottimo servizio", [("grazie", 1.0), ("ottimo", 2.0)]),
        # Links and handles are addresses, not words ("5 stelle" inside a handle).
        ("@Viterbo5Stelle guarda qui http://t.co/Buono5Stelle", []),
        ("Scrivete a assistenza@ottimo.it: pessimo servizio", [("pessimo", -2.0)]),
    ],
)
def test_names_and_addresses_are_not_cues(text: str, expected: list[tuple[str, float]]) -> None:
    assert [(c.text, c.weight) for c in polarity_tokens(text)] == expected
