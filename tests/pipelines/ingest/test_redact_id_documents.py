"""Identity document numbers: each document with its cue, the shapes that need none, and the
order, shipment, meter and product codes of the same shapes that must be kept."""

from __future__ import annotations

import pytest

from pipelines.ingest.redact import PLACEHOLDERS, redact
from pipelines.ingest.redact_id_documents import ID_DOCUMENT_TYPES, redact_id_documents


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # carta d'identità: paper and CIE, cue before or after, spaced, lower case, next line
        ("carta d'identità AX1234567", "carta d'identità [CARTA_IDENTITA]"),
        ("Carta di identità n. AX 1234567 valida", "Carta di identità n. [CARTA_IDENTITA] valida"),
        ("CIE CA00000AA", "CIE [CARTA_IDENTITA]"),
        (
            "la mia carta d’identità elettronica: CB 12345 DE",
            "la mia carta d’identità elettronica: [CARTA_IDENTITA]",
        ),
        ("C.I. AX1234567", "C.I. [CARTA_IDENTITA]"),
        ("CI: ax1234567", "CI: [CARTA_IDENTITA]"),
        ("numero documento AX1234567", "numero documento [CARTA_IDENTITA]"),
        ("AX1234567 è la mia carta d'identità", "[CARTA_IDENTITA] è la mia carta d'identità"),
        ("Carta d'identità:\nAX1234567", "Carta d'identità:\n[CARTA_IDENTITA]"),
        # passaporto
        ("passaporto YA1234567", "passaporto [PASSAPORTO]"),
        ("Passaporto n° ya 1234567.", "Passaporto n° [PASSAPORTO]."),
        ("passport YA1234567", "passport [PASSAPORTO]"),
        # patente: U1 numbers alone, older numbers after their cue
        ("patente U1H68I903B", "patente [PATENTE]"),
        ("ecco il numero: U1H68I903B", "ecco il numero: [PATENTE]"),
        ("la patente è MI2345678A", "la patente è [PATENTE]"),
        ("patente AX1234567", "patente [PATENTE]"),
        # tessera sanitaria: 20 digits starting 80380, any separators, any words around
        ("tessera sanitaria 80380000501234567890", "tessera sanitaria [TESSERA_SANITARIA]"),
        ("TS 80380 00050 12345 67890", "TS [TESSERA_SANITARIA]"),
        ("80380-0005-0123-4567-890 ecco", "[TESSERA_SANITARIA] ecco"),
        ("Gentile cliente, 80380000501234567890", "Gentile cliente, [TESSERA_SANITARIA]"),
    ],
)
def test_document_numbers_are_redacted(text: str, expected: str) -> None:
    assert redact(text)[0] == expected


@pytest.mark.parametrize(
    "text",
    [
        "ordine AB1234567 non arrivato",
        "Ho mandato la carta d'identità, ma l'ordine AC7654321 è fermo",
        "Il modello CB12345XY non si accende",
        "contratto CF12345GH disdetto",
        "POD IT001E12345678 e PDR 00881234567890",
        "tracking RR123456785IT",
        "documento di trasporto AD2345678",
        "fattura n. FT1234567 del 3 marzo",
        "Ci hanno detto che il codice è AF4567890",
        "Offerta U1PROMO25X attivata",
        "spedizione 80380123 in consegna",
        "codice AB1234567",
    ],
)
def test_codes_of_the_same_shapes_are_kept(text: str) -> None:
    assert redact(text) == (text, {})


def test_a_distinctive_shape_keeps_its_own_type_whatever_the_cue() -> None:
    # A CIE number after "patente" is still a CIE number; a U1 number after "documento" a patente.
    assert redact("la patente CA12345BB")[0] == "la patente [CARTA_IDENTITA]"
    assert redact("documento U1H68I903B")[0] == "documento [PATENTE]"


def test_counts_and_placeholders() -> None:
    counts: dict[str, int] = {}
    out = redact_id_documents(
        "CIE CA00000AA, passaporto YA1234567, patente U1H68I903B, TS 80380000501234567890",
        counts,
    )
    assert (
        out
        == "CIE [CARTA_IDENTITA], passaporto [PASSAPORTO], patente [PATENTE], TS [TESSERA_SANITARIA]"
    )
    assert counts == dict.fromkeys(ID_DOCUMENT_TYPES, 1)
    assert set(ID_DOCUMENT_TYPES) <= set(PLACEHOLDERS)


def test_documents_next_to_other_personal_data() -> None:
    # The IBAN and the codice fiscale keep their own placeholders; the tessera sanitaria's
    # digits are not mistaken for a phone number or a card.
    out, counts = redact(
        "CF RSSMRA85T10A562S, tessera sanitaria 80380 00050 12345 67890, "
        "IBAN IT60X0542811101000000123456, carta d'identità AX1234567"
    )
    assert counts == {
        "CODICE_FISCALE": 1, "TESSERA_SANITARIA": 1, "IBAN": 1, "CARTA_IDENTITA": 1,
    }  # fmt: skip
    assert "67890" not in out and "1234567" not in out
