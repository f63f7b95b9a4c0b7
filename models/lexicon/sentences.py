"""Sentence splitting of Italian customer text (abbreviations, missing spaces, emoji runs)."""

from __future__ import annotations

import re

from models.lexicon.words import _EMOJI_CLASS, _words

_ABBREVIATIONS = frozenset(
    _words(
        """sig sigg sig.ra sig.na dott dott.ssa dr prof prof.ssa avv ing arch geom rag egr gent
    gent.mo gent.ma spett spett.le ecc etc pag pagg n nr num tel cell fax art artt c.a es
    p.es ad es cfr vs ca rif cod prot all racc sped s.p.a s.r.l spa srl snc p.iva c.f
    p.za v.le c.so fraz loc int sc ott nov dic gen feb mar apr mag giu lug ago set
    mr mrs ph d.lgs d.l l. lgs co min max tot cap"""
    )
)
_SPLIT_RE = re.compile(
    rf"(?P<punct>[.!?…]+[\"»”)]*)(?=\s|$|[A-ZÀ-Ý])|(?P<nl>\n+)|"
    rf"(?P<emo>(?:[{_EMOJI_CLASS}][\ufe0f\u200d\u2640\u2642\U0001f3fb-\U0001f3ff]*)+)(?=\s+\S)"
)
_PREV_WORD_RE = re.compile(r"([\w.']+)$", re.UNICODE)


def sentence_split(text: str) -> list[str]:
    """Split Italian customer text into sentences.

    Boundaries: runs of ``.``, ``!``, ``?``, ``…`` followed by a space, the end, or a capital
    letter (missing spaces are common: "Ottimo.Consigliato"); line breaks; and runs of emoji
    followed by more text ("Arrivato rotto 😡 nessuno risponde"). Abbreviations such as
    "sig.", "dott.ssa", "ecc.", "n.", "S.p.A." and single initials do not end a sentence;
    decimals and times ("4,5", "7.15") are never split because no space follows the dot.

    Args:
        text: any text (may be empty).

    Returns:
        Non-empty, stripped sentences in order; end punctuation and emoji stay attached.
    """
    if not text:
        return []
    out: list[str] = []
    start = 0
    for m in _SPLIT_RE.finditer(text):
        end = m.end()
        if m.group("punct") is not None and m.group("punct").startswith("."):
            prev = _PREV_WORD_RE.search(text, 0, m.start())
            if prev is not None and len(m.group("punct")) == 1:
                word = prev.group(1).lower()
                if (
                    word in _ABBREVIATIONS
                    or word.rstrip(".") in _ABBREVIATIONS
                    or (len(word) == 1 and word.isalpha())
                    or ("." in word and len(word) <= 8 and word.replace(".", "").isalpha())
                ):
                    continue
        piece = text[start:end].strip()
        if piece:
            out.append(piece)
        start = end
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out
