"""Italian identity documents: carta d'identità (paper and electronic), patente, passaporto and
tessera sanitaria numbers.

Formats (as printed on the documents):

========================  ==========================  ===========================================
document                  number                      example
========================  ==========================  ===========================================
carta d'identità (paper)  2 letters + 7 digits        ``AX 1234567``
carta d'identità (CIE)    C + letter + 5 digits +     ``CA00000AA`` ("numero unico nazionale",
                          2 letters                   top right of the card since 2016)
passaporto                2 letters + 7 digits        ``YA1234567``
patente (since 2013)      ``U1`` + 7 letters/digits   ``U1H68I903B`` (field 5 of the EU card)
                          + check letter
patente (1999-2013)       2 letters + 7 digits +      ``MI2345678A``
                          check letter
tessera sanitaria         20 digits, ``80380`` first  ``80380000501234567890`` (80 = health card,
                          (card number; the codice    380 = Italy; the back of the card, "numero
                          fiscale on it is handled    di identificazione della tessera")
                          by the CF rule)
========================  ==========================  ===========================================

Most of these shapes are also the shapes of order numbers, product codes and delivery codes
("ordine AB1234567", "modello CB12345XY"), so a number is replaced only when the nearest cue
before it (at most 60 characters back, across a line break) names a document ("carta d'identità",
"C.I.", "CIE", "passaporto", "patente", "tessera sanitaria", "documento") rather than an order, a
shipment, an invoice, a contract or a meter ("ordine", "tracking", "fattura", "POD", "PDR"...).
With no cue before it, a document cue right after it counts ("AX1234567 è la mia carta
d'identità"). Two shapes are distinctive enough on their own: the tessera sanitaria's 20 digits
starting ``80380`` (replaced whatever the words around it) and the ``U1…`` patente number.

The placeholder says which document it was: ``[CARTA_IDENTITA]``, ``[PASSAPORTO]``,
``[PATENTE]``, ``[TESSERA_SANITARIA]``. Distinctive shapes name their own document; a paper ID
card shape follows its cue (a passport and a paper ID card look alike), with a generic cue
("documento", "estremi") meaning carta d'identità, the most common one.
"""

from __future__ import annotations

import re

__all__ = ["ID_DOCUMENT_TYPES", "redact_id_documents"]

#: Placeholder types this module adds, in the benchmark's order.
ID_DOCUMENT_TYPES: tuple[str, ...] = (
    "CARTA_IDENTITA",
    "PATENTE",
    "PASSAPORTO",
    "TESSERA_SANITARIA",
)

_SEP = r"[ \t\-]?"
# One candidate per number; the named group tells the shape. Letters may be lower case (a cue
# is then required anyway); the boundaries keep longer codes (tracking "RR123456785IT", POD
# "IT001E12345678") out.
_CANDIDATE = re.compile(
    r"(?<![A-Za-z0-9])(?:"
    rf"(?P<ts>80380(?:{_SEP}\d){{15}})"
    rf"|(?P<u1>[Uu]1[A-Za-z0-9]{{7}}[A-Za-z])"
    rf"|(?P<cie>[Cc][A-Za-z]{_SEP}\d{{5}}{_SEP}[A-Za-z]{{2}})"
    rf"|(?P<pat>[A-Za-z]{{2}}\d{{7}}[A-Za-z])"
    rf"|(?P<aa7>[A-Za-z]{{2}}{_SEP}\d{{7}})"
    r")(?![A-Za-z0-9])"
)

# Cues. "CI" only in capitals or dotted ("ci" is a pronoun); "TS" likewise.
_CUES: tuple[tuple[str, str], ...] = (
    ("CARTA_IDENTITA", r"(?i:carta\s+(?:d['’]\s*|di\s+)?identit[àa]|identit[àa]\s+elettronica|"
                       r"\bid(?:entity)?\s+card\b)|\bCIE\b|\bC\.?\s?I\.?(?![A-Za-z])|"
                       r"(?i:\bc\.\s?i\.)"),
    ("PASSAPORTO", r"(?i:\bpassaport[oi]\b|\bpassports?\b)"),
    ("PATENTE", r"(?i:\bpatent[ei]\b|\blicenza\s+di\s+guida\b)"),
    ("TESSERA_SANITARIA", r"(?i:tessera\s+sanitaria|tesserino\s+sanitario|\btessera\s+team\b|"
                          r"carta\s+regionale\s+dei\s+servizi)|\bTS\b|\bT\.S\.|\bCRS\b"),
    ("DOCUMENTO", r"(?i:\bdocument[oi]\b|\bdoc\.|\bestremi\b|\briconoscimento\b)"),
)  # fmt: skip
# Words that make the number an identifier of something else (the nearest cue wins).
_NOT_A_DOCUMENT = (
    r"(?i:\bordin\w*|\border\b|\btracking\b|\bspedizion\w*|\bfattur\w*|\bcontratt\w*|\bpod\b|"
    r"\bpdr\b|\bcliente\b|\bprodott\w*|\bmodell\w*|\barticol\w*|\bsku\b|\blotto\b|"
    r"\bprotocoll\w*|\bticket\b|\bpratica\b|\brif\b|\briferimento\b|\bmatricola\b|\bserial\w*|"
    r"\bimei\b|\biccid\b|\breclamo\b|\bsegnalazione\b|\bbollett\w*|\btrasporto\b|\bDDT\b|"
    r"\bcorriere\b|\bpacco\b|\bcodice\s+(?:cliente|utente|offerta|sconto|promo\w*))"
)
_CUE = re.compile(
    "|".join(f"(?P<{name}>{pattern})" for name, pattern in _CUES) + f"|(?P<OTHER>{_NOT_A_DOCUMENT})"
)
_LOOK_BACK = 60
_LOOK_AHEAD = 40
# A shape and its own document, when the shape alone says it.
_SHAPE_TYPE = {"ts": "TESSERA_SANITARIA", "u1": "PATENTE", "cie": "CARTA_IDENTITA"}


def _cue_before(text: str, start: int) -> str | None:
    """The nearest cue before ``start`` (a document type or ``OTHER``); line breaks do not stop
    it ("Carta d'identità:" on one line, the number on the next)."""
    window = text[max(0, start - _LOOK_BACK) : start]
    last = None
    for m in _CUE.finditer(window):
        last = m
    return last.lastgroup if last is not None else None


def _cue_after(text: str, end: int) -> str | None:
    """The first cue after ``end``."""
    window = text[end : end + _LOOK_AHEAD]
    m = _CUE.search(window)
    return m.lastgroup if m is not None else None


def _stands_alone(shape: str, raw: str) -> bool:
    """Whether ``raw`` is a document number without any cue (distinctive shapes only)."""
    # "U1" + 7 + check letter, in capitals and with digits in it: not a word or a code name.
    return shape == "u1" and raw.isupper() and sum(c.isdigit() for c in raw) >= 4


def _document_type(shape: str, raw: str, text: str, start: int, end: int) -> str | None:
    """The placeholder type of candidate ``raw`` (shape ``shape``), or None to keep it."""
    if shape == "ts":
        # 20 digits starting 80380 are a health card whatever the words around them
        # ("Gentile cliente, ecco: 80380…" is not a customer code).
        return "TESSERA_SANITARIA"
    cue = _cue_before(text, start)
    if cue is None:
        cue = _cue_after(text, end)
    if cue == "OTHER":
        return None
    if cue is None:
        return _SHAPE_TYPE[shape] if _stands_alone(shape, raw) else None
    if shape in _SHAPE_TYPE:
        return _SHAPE_TYPE[shape]
    if shape == "pat":
        # An old patente number: only after a patente cue or a generic one.
        return "PATENTE" if cue in ("PATENTE", "DOCUMENTO") else None
    return "CARTA_IDENTITA" if cue == "DOCUMENTO" else cue


def redact_id_documents(text: str, counts: dict[str, int]) -> str:
    """Replace identity document numbers by their typed placeholder (see the module docstring).

    Args:
        text: a normalised text.
        counts: replacements per placeholder type, updated in place.

    Returns:
        The text with each document number replaced.
    """
    out: list[str] = []
    pos = 0
    for m in _CANDIDATE.finditer(text):
        shape = m.lastgroup or ""
        label = _document_type(shape, m.group(0), text, m.start(), m.end())
        if label is None:
            continue
        out.append(text[pos : m.start()])
        out.append(f"[{label}]")
        counts[label] = counts.get(label, 0) + 1
        pos = m.end()
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)
