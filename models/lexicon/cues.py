"""Per-token polarity analysis: lexicon cues with negation scope, intensity and contrast."""

from __future__ import annotations

import re
from dataclasses import dataclass

from models.lexicon.sentences import sentence_split
from models.lexicon.words import (
    _ADDRESS_RE,
    _CONTRAST_SINGLE,
    _DEFINITE,
    _EMOJI_POLARITY,
    _FOLD,
    _INTENSIFIERS,
    _JOINERS,
    _MWE,
    _MWE_FIRST,
    _MWE_MAXLEN,
    _NAMING_ADJ,
    _NEGATORS,
    _NOT_NOUN,
    _PUNCT_BREAK,
    _SALUTATION_ADJ,
    _SALUTATION_NOUNS,
    _TOKEN_RE,
    _lookup,
)

#: How many tokens after a negator are negated (unless punctuation or a contrast comes first).
NEGATION_WINDOW = 4


@dataclass(frozen=True)
class TokenCue:
    """One polarity-bearing unit of a text (a word, an expression or an emoji)."""

    text: str
    weight: float  # signed base weight from the lexicon
    negated: bool
    intensified: bool
    after_contrast: bool
    sentence: int
    emoji: bool = False
    clause: int = 0  # number of contrast markers before this cue

    @property
    def effective(self) -> float:
        """Signed contribution after negation (weakened when flipping a negative) and boost."""
        w = self.weight
        if self.negated:
            w = -w * (0.5 if w < 0 else 1.0)
        return w * (1.5 if self.intensified else 1.0)


_NE_RE = re.compile(r"(?<![^\W\d_])né(?![^\W\d_])")


def _tokens(text: str) -> list[str]:
    """Lower-case, accent-folded tokens; links, @handles, emoji modifiers and joiners are dropped.

    The accented negator "né" would fold into the pronoun "ne", so it becomes the sentinel "nne" first.
    """
    low = text.lower()
    if "@" in low or "http" in low or "www." in low:
        low = _ADDRESS_RE.sub(" ", low)
    if "né" in low:
        low = _NE_RE.sub("nne", low)
    if "\ufe0f" in low or "\u200d" in low:
        low = _JOINERS.sub("", low)
    return _TOKEN_RE.findall(low.translate(_FOLD))


def polarity_tokens(text: str) -> list[TokenCue]:
    """Analyse one text into polarity cues with negation, intensity and contrast flags.

    Args:
        text: raw text.

    Returns:
        The cues in order of appearance (tokens without polarity are omitted). A cue's
        ``after_contrast`` is True when it follows the last contrast marker of the text.
    """
    return _analyse(text, sentence_split(text))


def _analyse(text: str, sentences: list[str]) -> list[TokenCue]:
    raw: list[tuple[str, float, bool, bool, int, int, bool]] = []
    clause = 0  # number of contrast markers seen so far
    for s_idx, sent in enumerate(sentences or [text]):
        toks = _tokens(sent)
        n = len(toks)
        neg_left = 0  # tokens still inside the current negation scope
        boost_left = 0  # tokens still boosted by an intensifier
        i = 0
        while i < n:
            tok = toks[i]
            if tok in _MWE_FIRST:
                hit, mwe_w = 0, 0.0
                for size in range(min(_MWE_MAXLEN, n - i), 0, -1):
                    found = _MWE.get(tuple(toks[i : i + size]))
                    if found is not None:
                        hit, mwe_w = size, found
                        break
                if hit:
                    # Expressions that contain their own negator are atomic; others can be
                    # negated ("non è mai in ritardo").
                    negated = neg_left > 0 and tok not in _NEGATORS
                    phrase = " ".join(toks[i : i + hit])
                    if mwe_w:  # weight 0: a formula (greeting, sign-off), no cue
                        raw.append((phrase, mwe_w, negated, boost_left > 0, s_idx, clause, False))
                    i += hit
                    neg_left = max(0, neg_left - hit)
                    boost_left = 0
                    continue
            if i == 0 and tok in _SALUTATION_ADJ and n > 1 and toks[1] in _SALUTATION_NOUNS:
                i += 2  # "Gentile cliente," opens a letter: a salutation, not praise
                continue
            if tok[0] in _PUNCT_BREAK:
                neg_left = boost_left = 0
            elif tok == ",":
                # A comma ends the scope unless nothing has been negated yet ("non, ecco, ...").
                neg_left = 0
            elif tok in _CONTRAST_SINGLE or (
                tok == "peccato" and i + 1 < n and toks[i + 1] == "che"
            ):
                clause += 1
                neg_left = 0
            elif (
                tok in _NEGATORS
                or tok == "nne"
                or (tok == "per" and i + 1 < n and toks[i + 1] in ("niente", "nulla"))
            ):
                if tok == "per":
                    i += 1
                neg_left = NEGATION_WINDOW
            elif tok in _INTENSIFIERS:
                boost_left = 2
            elif tok in _EMOJI_POLARITY:
                raw.append((tok, _EMOJI_POLARITY[tok], False, False, s_idx, clause, True))
            else:
                w, sup = _lookup(tok)
                if w > 0 and _names_a_thing(toks, i):
                    w = 0.0
                if w:
                    raw.append((tok, w, neg_left > 0, sup or boost_left > 0, s_idx, clause, False))
                if neg_left:
                    neg_left -= 1
                if boost_left:
                    boost_left -= 1
            i += 1
    return [
        TokenCue(t, w, ng, it, clause > 0 and cl == clause, si, emo, cl)
        for t, w, ng, it, si, cl, emo in raw
    ]


def _names_a_thing(toks: list[str], i: int) -> bool:
    """Whether ``toks[i]`` is a "buono"/"bello" inside a definite description ("la buona scuola")."""
    return (
        toks[i] in _NAMING_ADJ
        and 0 < i < len(toks) - 1
        and toks[i - 1] in _DEFINITE
        and toks[i + 1].isalpha()
        and toks[i + 1] not in _NOT_NOUN
        and not _lookup(toks[i + 1])[0]
    )
