"""Rule-based PII redaction for Italian customer texts.

Each detected item is replaced by a typed placeholder: ``[EMAIL]``, ``[TELEFONO]``, ``[IBAN]``,
``[CODICE_FISCALE]``, ``[PARTITA_IVA]``, ``[CARTA]``, ``[INDIRIZZO]``, ``[NOME]`` and the identity
documents ``[CARTA_IDENTITA]``, ``[PATENTE]``, ``[PASSAPORTO]``, ``[TESSERA_SANITARIA]``.

Design notes:

* Numbers are checked before they are replaced: cards must pass Luhn, foreign IBANs mod-97,
  phone numbers must have a plausible Italian shape and are skipped right after words such as
  "ordine" or "fattura" (order numbers are not personal data and are useful for analysis).
* Identity document numbers share their shapes with order and product codes: they are
  replaced only after a cue naming the document (the tessera sanitaria's ``80380…`` and the
  ``U1…`` patente number excepted).
* Names are found with context rules (self-introductions, greetings, signatures, honorifics)
  plus a list of common Italian first names. First names that are also ordinary words
  ("Felice", "Rosa", "Massimo", "Luce") are only redacted in a clear naming context.
* Nothing here logs: inputs are personal data by definition.

This module is the driver: it runs the detectors in a fixed order (e-mails before handles,
IBANs and cards before phone numbers, names last) and counts the replacements. The detectors
live in :mod:`~pipelines.ingest.redact_patterns` (e-mail, IBAN, card, codice fiscale, partita
IVA, phone, address), :mod:`~pipelines.ingest.redact_names` (names and social handles) and
:mod:`~pipelines.ingest.redact_lexicon` (the name word lists). All of it is pure regex/set
lookups (~10k short texts/s on one core).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from pipelines.ingest import redact_patterns as pat
from pipelines.ingest.redact_id_documents import ID_DOCUMENT_TYPES, redact_id_documents
from pipelines.ingest.redact_lexicon import FIRST_NAMES, SURNAMES
from pipelines.ingest.redact_names import redact_handles, redact_names

# FIRST_NAMES and SURNAMES stay importable from here, where they were defined before the split.
__all__ = ["FIRST_NAMES", "PLACEHOLDERS", "SURNAMES", "redact", "redact_value"]

PLACEHOLDERS: tuple[str, ...] = (
    "EMAIL",
    "IBAN",
    "CARTA",
    "CODICE_FISCALE",
    "PARTITA_IVA",
    "TELEFONO",
    "INDIRIZZO",
    "NOME",
    *ID_DOCUMENT_TYPES,
)


# --------------------------------------------------------------------------- main API


def redact(text: str) -> tuple[str, dict[str, int]]:
    """Replace personal data with typed placeholders.

    Args:
        text: A normalised text (see :func:`pipelines.ingest.normalize.normalize_text`).

    Returns:
        ``(redacted_text, counts)`` where counts maps placeholder type (``EMAIL``, ``TELEFONO``,
        ...) to the number of replacements; types with no match are omitted.
    """
    if not text:
        return text or "", {}
    counts: dict[str, int] = {}

    def sub(
        pattern: re.Pattern[str], label: str, s: str, check: Callable[..., bool] | None = None
    ) -> str:
        def repl(m: re.Match[str]) -> str:
            if check is not None and not check(m, s):
                return m.group(0)
            counts[label] = counts.get(label, 0) + 1
            return f"[{label}]"

        return pattern.sub(repl, s)

    if "@" in text:
        text = sub(pat.EMAIL, "EMAIL", text)
    if pat.OBF_HINT.search(text):
        text = sub(pat.EMAIL_OBFUSCATED, "EMAIL", text)
        text = redact_handles(text, counts)
    has_digit = pat.DIGIT.search(text) is not None  # every numeric pattern needs a \d
    if has_digit:
        text = pat.redact_ibans(text, counts)
        # Before cards and phones: a tessera sanitaria's 20 digits hold phone-shaped runs.
        text = redact_id_documents(text, counts)
        text = pat.redact_cards(text, counts)
        text = sub(
            pat.CF, "CODICE_FISCALE", text, lambda m, s: any(c.isdigit() for c in m.group(0))
        )
        text = sub(
            pat.CF_SPACED, "CODICE_FISCALE", text, lambda m, s: any(c.isdigit() for c in m.group(0))
        )
        text = pat.redact_piva(text, counts)
        text = sub(pat.PHONE_TRUNK_ZERO, "TELEFONO", text)
        text = sub(pat.PHONE, "TELEFONO", text, pat.phone_ok)
        text = sub(pat.ADDRESS, "INDIRIZZO", text)
        text = pat.redact_group(pat.ADDRESS_LOWER, "INDIRIZZO", text, counts)
    text = redact_names(text, counts)
    return text, counts


def redact_value(value: object) -> object:
    """Recursively redact every string inside a JSON-like value (dict/list/str)."""
    if isinstance(value, str):
        return redact(value)[0]
    if isinstance(value, dict):
        return {k: redact_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [redact_value(v) for v in value]
    return value
