"""PII redaction: each placeholder type, realistic variants, and no false positives."""

from __future__ import annotations

import time

import pytest

from pipelines.ingest.redact import redact, redact_value


@pytest.mark.parametrize(
    ("text", "expected", "kind"),
    [
        # e-mail
        ("Scrivetemi a mario.rossi82@gmail.com", "Scrivetemi a [EMAIL]", "EMAIL"),
        ("mail: g.bianchi+voc@libero.it.", "mail: [EMAIL].", "EMAIL"),
        # phones: mobile with/without prefix and separators, landlines
        ("chiamatemi al 333 123 4567 grazie", "chiamatemi al [TELEFONO] grazie", "TELEFONO"),
        ("cell. +39 347-123-4567", "cell. [TELEFONO]", "TELEFONO"),
        ("numero 0039 3401234567", "numero [TELEFONO]", "TELEFONO"),
        ("tel 340.123.4567", "tel [TELEFONO]", "TELEFONO"),
        ("fisso 02 12345678 ufficio", "fisso [TELEFONO] ufficio", "TELEFONO"),
        ("sede 06-1234567", "sede [TELEFONO]", "TELEFONO"),
        ("(+39) 0471 123456", "[TELEFONO]", "TELEFONO"),
        # IBAN: Italian with/without spaces, lower case; a foreign one (mod-97 checked)
        ("IBAN IT60 X054 2811 1010 0000 0123 456 grazie", "IBAN [IBAN] grazie", "IBAN"),
        ("iban it60x0542811101000000123456", "iban [IBAN]", "IBAN"),
        ("conto DE89 3704 0044 0532 0130 00.", "conto [IBAN].", "IBAN"),
        # codice fiscale, upper/lower case
        ("CF RSSMRA85T10A562S", "CF [CODICE_FISCALE]", "CODICE_FISCALE"),
        ("c.f.: rssmra85t10a562s", "c.f.: [CODICE_FISCALE]", "CODICE_FISCALE"),
        # partita IVA near its keyword, or with the IT prefix
        ("P.IVA 01234567890 srl", "P.IVA [PARTITA_IVA] srl", "PARTITA_IVA"),
        ("partita iva n. 01234567890", "partita iva n. [PARTITA_IVA]", "PARTITA_IVA"),
        ("fatturate a IT01234567890", "fatturate a [PARTITA_IVA]", "PARTITA_IVA"),
        # cards: Luhn-valid, spaced/dashed/compact, trailing expiry kept
        ("carta 4111 1111 1111 1111 addebitata", "carta [CARTA] addebitata", "CARTA"),
        ("visa 4111-1111-1111-1111 12/26", "visa [CARTA] 12/26", "CARTA"),
        ("amex 378282246310005", "amex [CARTA]", "CARTA"),
        # addresses
        ("Abito in Via Giuseppe Garibaldi, 45/B", "Abito in [INDIRIZZO]", "INDIRIZZO"),
        ("consegnate in viale dei Mille 3 grazie", "consegnate in [INDIRIZZO] grazie", "INDIRIZZO"),
        ("P.zza Duomo n. 1, 20121 Milano", "[INDIRIZZO]", "INDIRIZZO"),
        ("indirizzo: corso italia 12", "indirizzo: [INDIRIZZO]", "INDIRIZZO"),
        # names: introductions, signatures, greetings, honorifics, agents
        ("Buongiorno, sono Mario Rossi e vi scrivo", "Buongiorno, sono [NOME] e vi scrivo", "NOME"),
        ("mi chiamo giulia e ho un problema", "mi chiamo [NOME] e ho un problema", "NOME"),
        ("Mi chiamo Gianfranco Pizzigoni.", "Mi chiamo [NOME].", "NOME"),
        ("Cordiali saluti, Mario Rossi", "Cordiali saluti, [NOME]", "NOME"),
        ("Distinti saluti\nGiulia Bianchi", "Distinti saluti\n[NOME]", "NOME"),
        ("Grazie, Luca", "Grazie, [NOME]", "NOME"),
        ("Risolto tutto.\nRosa Longo", "Risolto tutto.\n[NOME]", "NOME"),
        ("Ho parlato con Marco, gentilissimo", "Ho parlato con [NOME], gentilissimo", "NOME"),
        ("l'operatrice Chiara è stata brava", "l'operatrice [NOME] è stata brava", "NOME"),
        ("il sig. Verdi mi ha risposto male", "il sig. [NOME] mi ha risposto male", "NOME"),
        ("Gentile dott.ssa Maria De Luca,", "Gentile dott.ssa [NOME],", "NOME"),
        ("Buonasera Francesca, grazie", "Buonasera [NOME], grazie", "NOME"),
        # forms written to dodge spam bots, printed groups, separators
        ("mail: anna (at) tiscali.it grazie", "mail: [EMAIL] grazie", "EMAIL"),
        ("paolo chiocciola gmail punto com", "[EMAIL]", "EMAIL"),
        ("mario.conti[at]libero[dot]it ok", "[EMAIL] ok", "EMAIL"),
        ("tel 06/12345678 ore ufficio", "tel [TELEFONO] ore ufficio", "TELEFONO"),
        ("IBAN IT60-X054-2811-1010-0000-0123-456", "IBAN [IBAN]", "IBAN"),
        ("CF RSS MRA 85T10 A562S", "CF [CODICE_FISCALE]", "CODICE_FISCALE"),
        ("carta n.4111111111111111 ok", "carta n.[CARTA] ok", "CARTA"),
        # nicknames, abbreviated signatures, lower-case surnames, personal handles
        ("Un saluto, Gigi", "Un saluto, [NOME]", "NOME"),
        ("Saluti\nF.sco Romano", "Saluti\n[NOME]", "NOME"),
        ("sono mario rossi e aspetto", "sono [NOME] e aspetto", "NOME"),
        ("@marco_rossi85 vergognatevi", "@[NOME] vergognatevi", "NOME"),
        ("la sig.ra bianchi ha chiamato", "la sig.ra [NOME] ha chiamato", "NOME"),
        ("cordiali saluti\ngiorgio neri", "cordiali saluti\n[NOME]", "NOME"),
        ("spedire a v. Garibaldi 3, Torino", "spedire a [INDIRIZZO], Torino", "INDIRIZZO"),
        ("tel +39 (0)2 12345678", "tel [TELEFONO]", "TELEFONO"),
    ],
)
def test_each_pii_type_is_redacted(text: str, expected: str, kind: str) -> None:
    redacted, counts = redact(text)
    assert redacted == expected
    assert counts.get(kind, 0) >= 1


@pytest.mark.parametrize(
    "text",
    [
        "Via libera alla promo di marzo",
        "il 3 marzo ho chiamato tre volte",
        "ordine 123456 mai arrivato",
        "ordine n. 3456789012 in ritardo",
        "codice cliente CL-3401234567",
        "fattura 2024001234567 non ricevuta",
        "consegna il 03/03/2025 alle 10:30, pagato 49,90 euro",
        "rinnovo 12-2025, scadenza 01/2025",
        "spedito via corriere 3 giorni fa",
        "ho scritto via email 2 volte",
        "Ottimo servizio Vodafone, grazie Amazon",
        "Grazie Mille per la pazienza",
        "Cordiali saluti\nIl team di assistenza",
        "Massimo rispetto per il tecnico",
        "Sono felice del servizio",
        "Chiara la spiegazione della bolletta",
        "La bolletta Luce e Gas è raddoppiata",
        "Piazza San Marco è bellissima",
        "Ho chiamato il 187 e poi il 119",
        "costo 350.000.000 euro",
        "la famiglia Echo di Amazon è comoda",
        "SONO MOLTO ARRABBIATO CON TIM",
        "voto 10/10, modello XR-2000",
        "Grazie @TIM_Official e @enelitalia",
        "Vale la pena aspettare? Fra due giorni scade",
        "pagato 350.000.000 di lire",
        "guarda at home, in inglese",
        "ci vediamo al punto di ritiro",
    ],
)
def test_no_false_positive_on_ordinary_sentences(text: str) -> None:
    assert redact(text) == (text, {})


def test_counts_per_type_and_multiple_items() -> None:
    text = (
        "Buongiorno, sono Anna Verdi. Il mio numero è 333 1234567, la mail anna@example.it, "
        "IBAN IT60X0542811101000000123456.\nCordiali saluti\nAnna Verdi"
    )
    redacted, counts = redact(text)
    assert counts == {"EMAIL": 1, "IBAN": 1, "TELEFONO": 1, "NOME": 2}
    for secret in ("Anna", "Verdi", "1234567", "example", "0542811"):
        assert secret not in redacted


def test_redact_value_walks_nested_json() -> None:
    value = {"id": 1, "comments": [{"body": "scrivete a x@y.it"}], "n": None}
    assert redact_value(value) == {"id": 1, "comments": [{"body": "scrivete a [EMAIL]"}], "n": None}


def test_empty_text() -> None:
    assert redact("") == ("", {})


def test_no_catastrophic_backtracking() -> None:
    # A regex that backtracks catastrophically takes minutes on this input, not a second; the
    # generous bound only catches that (throughput is measured in benchmarks/pii.py).
    nasty = ("Via " + "Aaaa " * 200 + "\n") + ("1 " * 2000) + ("Mario " * 500)
    start = time.perf_counter()
    redact(nasty)
    assert time.perf_counter() - start < 10.0


def test_card_with_dotted_groups_is_redacted_but_dotted_amounts_are_not() -> None:
    out, counts = redact("carta 4111.1111.1111.1111 clonata, addebito di 1.250.000 lire")
    assert "4111" not in out and counts.get("CARTA") == 1
    assert "1.250.000" in out
