"""Italian text helpers for keyword extraction: tokenisation, lemmatisation, stop words, n-grams.

The helpers are deliberately small and dependency-light (``simplemma`` + ``stop-words``), so that
keyword extraction over 50,000 documents stays within a couple of seconds.

Design choices (why):

* Features are counted on **lemmas** (``bollette`` and ``bolletta`` are one feature), but every
  feature remembers the **surface forms** it was seen with, so labels show real words
  ("addebito in bolletta", not "addebitare bolletta").
* ``non`` is fused with the following content word ("non funziona"): negation carries the
  complaint in customer feedback and would be lost by a plain stop list.
* Bigrams join two content words that are adjacent or separated by one short connector
  (``di``, ``in``, ``della`` …), which yields readable phrases such as "tempi di attesa".
* The generic Italian stop list from ``stop-words`` is extended with customer-care boilerplate
  (greetings, sign-offs, filler) and shorn of a few words that matter in CX ("doppio" in
  "doppio addebito", "subito", "nuovo").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

import simplemma
from stop_words import get_stop_words

__all__ = [
    "CX_STOP_WORDS",
    "STOP_WORDS",
    "WEAK_LABEL_WORDS",
    "Token",
    "analyze",
    "content_lemma",
    "features",
    "is_stop",
    "lemmatize",
    "tokenize",
]


def _fold(word: str) -> str:
    """Strip diacritics ("qualità" -> "qualita")."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


# Customer-care boilerplate, filler and chat shorthand: frequent in every topic, never a topic.
CX_STOP_WORDS: frozenset[str] = frozenset(
    """
    buongiorno buonasera buonanotte salve ciao ciaoo grazie grazi mille ringrazio ringraziamo
    ringraziando cordiali cordialmente saluti saluto distinti gentili spett spettabile egregi
    egregio oggetto allego allegato allegata
    ok okay cmq xke xché perchè ke nn tt qlc qc qlcs x pls please thanks thank
    po pò ecc etc eccetera ah eh beh boh mah uh
    cosa cose modo tipo parte volta fatto dire detto dato fare avere essere stare potere dovere
    volere andare venire sapere vedere
    davvero veramente proprio abbastanza assolutamente decisamente certamente sicuramente
    praticamente comunque inoltre tuttavia anzi ovvero oppure ossia nemmeno neanche neppure
    infatti insomma magari ormai appena già gia altrettanto stessa stesse
    ciò cio qualcosa niente nulla nessuno nessuna ognuno chiunque
    troppo parecchio piuttosto estremamente super
    """.split()  # noqa: SIM905 (a word list reads better as text)
)

# Words in the generic list that carry meaning in customer feedback.
_KEEP: frozenset[str] = frozenset(
    "doppio triplo promesso lavoro nuovo nuovi comprare lungo subito grande gran".split()  # noqa: SIM905
)

STOP_WORDS: frozenset[str] = frozenset(
    (set(get_stop_words("italian")) - _KEEP) | CX_STOP_WORDS | {"c", "l", "d", "s", "un", "n"}
)

# Generic evaluative words: fine as keywords, but a label should name the subject ("Colazione"),
# not the verdict ("Ottimo"); labels use them only when nothing else is available.
WEAK_LABEL_WORDS: frozenset[str] = frozenset(
    """
    ottimo buono bello pessimo eccellente perfetto bravo bravissimo brutto male bene fantastico
    stupendo meraviglioso top consigliare consigliato soddisfatto soddisfatta contento positivo
    negativo scarso discreto ottimamente super esperienza grande piccolo migliore peggiore
    consiglio complimenti
    """.split()  # noqa: SIM905
)

_STOP_FOLDED: frozenset[str] = frozenset(_fold(w) for w in STOP_WORDS)

# Short connectors allowed inside a bigram ("tempi di attesa", "addebito in bolletta").
_CONNECTORS: frozenset[str] = frozenset(
    """
    di a da in con su per tra fra del dello della dei degli delle al allo alla ai agli alle
    dal dallo dalla dai dagli dalle nel nello nella nei negli nelle sul sullo sulla sui sugli sulle
    """.split()  # noqa: SIM905 (a word list reads better as text)
)

# Hyphenated words stay whole: "wi-fi", "check-in", "e-mail".
_WORD = re.compile(r"[0-9a-zàáèéìíòóùú]+(?:-[0-9a-zàáèéìíòóùú]+)*", re.IGNORECASE)
# Elided articles/prepositions: "dell'hotel" -> "hotel"; both apostrophe forms occur in the wild.
_CLAUSE = re.compile(r"[.,;:!?()\[\]{}\n\r\"“”«»|/]+|\s-\s")
_APOS = re.compile(r"['’`´]")


@dataclass(frozen=True, slots=True)
class Token:
    """One content unit of a document.

    Attributes:
        lemma: normalised feature key (lemma, or "non <lemma>" for fused negations).
        surface: lower-cased form as written ("non funziona").
    """

    lemma: str
    surface: str


@lru_cache(maxsize=200_000)
def lemmatize(word: str) -> str:
    """Lemmatise one lower-case Italian word with simplemma (cached), then fold accents.

    Accents are folded *after* lemmatisation because customers often drop them ("qualita",
    "perche"): both spellings must be one feature, while simplemma needs the accented form.

    Args:
        word: lower-case token.

    Returns:
        The accent-folded lemma; the folded word itself when simplemma does not know it.
    """
    return _fold(simplemma.lemmatize(word, lang="it").lower())


def is_stop(word: str) -> bool:
    """Whether a lower-case word (surface or lemma) is a stop word or too short to matter."""
    return len(word) < 2 or word in STOP_WORDS or word in _STOP_FOLDED or word.isdigit()


def tokenize(text: str) -> list[str]:
    """Split text into lower-case word tokens, dropping elided prefixes and punctuation.

    Args:
        text: raw text.

    Returns:
        Lower-case tokens in order (stop words included; numbers included).
    """
    return _WORD.findall(_APOS.sub(" ", text.lower()))


_CONTENT_CACHE: dict[str, str | None] = {}


def content_lemma(word: str) -> str | None:
    """Lemma of a lower-case word when it is a content word, else ``None`` (cached)."""
    try:
        return _CONTENT_CACHE[word]
    except KeyError:
        pass
    lem: str | None = None
    if not is_stop(word) and any(c.isalpha() for c in word):
        lem = lemmatize(word)
        if is_stop(lem):
            lem = None
    if len(_CONTENT_CACHE) < 500_000:
        _CONTENT_CACHE[word] = lem
    return lem


def _content(words: list[str]) -> list[tuple[int, str, str]]:
    """(position, lemma, surface) of content words, fusing ``non`` with the next content word."""
    out: list[tuple[int, str, str]] = []
    i, n = 0, len(words)
    while i < n:
        w = words[i]
        if w == "non" and i + 1 < n:
            lem = content_lemma(words[i + 1])
            if lem is not None:
                out.append((i + 1, "non " + lem, "non " + words[i + 1]))
                i += 2
                continue
        lem = content_lemma(w)
        if lem is not None:
            out.append((i, lem, w))
        i += 1
    return out


def features(text: str, ngram_range: tuple[int, int] = (1, 2)) -> list[tuple[str, str, int]]:
    """Like :func:`analyze` but returns plain (lemma, surface, n_units) tuples (fast path).

    ``n_units`` is 1 for a word (or a fused negation such as "non funziona"), 2 for a bigram.
    """
    out: list[tuple[str, str, int]] = []
    # Bigrams never cross punctuation: "non funziona, tempi" is not a phrase.
    for chunk in _CLAUSE.split(text):
        words = tokenize(chunk)
        if not words:
            continue
        units = _content(words)
        if ngram_range[0] <= 1:
            out.extend((lem, sur, 1) for _, lem, sur in units)
        if ngram_range[1] >= 2:
            for (p1, l1, s1), (p2, l2, s2) in pairwise(units):
                gap = p2 - p1 - (1 if s2.startswith("non ") else 0)
                if gap == 1:
                    surface = s1 + " " + s2
                elif gap == 2 and words[p1 + 1] in _CONNECTORS:
                    surface = f"{s1} {words[p1 + 1]} {s2}"
                else:
                    continue
                if l1 != l2:
                    out.append((l1 + " " + l2, surface, 2))
    return out


def analyze(text: str, ngram_range: tuple[int, int] = (1, 2)) -> list[Token]:
    """Content features of a text: lemma unigrams and connector-tolerant bigrams.

    Args:
        text: raw text.
        ngram_range: (min_n, max_n) with values in {1, 2}.

    Returns:
        Tokens; bigram lemmas are "lemma1 lemma2" and bigram surfaces keep the connector
        ("tempi di attesa").
    """
    return [Token(lem, sur) for lem, sur, _ in features(text, ngram_range)]
