"""Candidate noun phrases of Italian feedback, without a POS tagger.

Theme names must read as short Italian noun phrases ("Attese al numero verde", "Doppio addebito
in bolletta"). We have no tagger for Italian offline, so the chunker works on our function-word
lists (:mod:`models.text_it`) plus two cheap signals:

* **verb shape**: simplemma maps a finite verb ("salta", "funziona") or a participle
  ("richiesto") to an infinitive; a word whose lemma is an infinitive and which is not the
  lemma itself is verb-shaped. Many nouns are verb-shaped too ("chiamata", "addebito"), so:
* **noun evidence** from the corpus itself: the share of a word's occurrences right after an
  unambiguous determiner ("il", "una", "della", "questo" ...). "la chiamata" makes
  "chiamata" a noun; "mi hanno chiamato" never does.

A candidate is a span of 1-6 words inside one clause that starts with a content word that is
not verb-shaped (or has noun evidence) and is not a verdict ("ottimo"), continues with content
words, prepositions (with their article: "al", "della", "con il") or ``non``, and ends on a
content word that is not a finite verb. Adverbs, conjunctions and indefinites the stop-word
list misses ("rado", "spesso", "qualsiasi") never enter a phrase. A participle does not lead a
phrase; it may end one ("addebito non autorizzato"), but not when "da" follows it: that is the
agent of a passive verb, so the span is a clause ("mese attirata dal prezzo"). Candidates are
keyed by their content lemmas ("attesa numero verde"), so inflections and connector variants
count as one phrase, shown in its most frequent written form.

Words that are proper nouns in this corpus (capitalised in mid-sentence most of the time:
brands, staff first names, redaction placeholders) and the caller's ``exclude_words`` never
enter a phrase. A word seen in fewer than ``min_word_df`` documents of the corpus (a typo such
as "fedltà") never enters one either.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from models.text_it import WEAK_LABEL_WORDS, content_lemma, lemmatize

__all__ = ["PhraseIndex", "build_phrase_index", "clause_tokens", "key_word"]

# Prepositions, alone or fused with an article: they may join the words of a phrase.
_PREPS: frozenset[str] = frozenset(
    """
    di a da in con su per tra fra del dello della dei degli delle dell al allo alla ai agli alle
    all dal dallo dalla dai dagli dalle dall nel nello nella nei negli nelle nell sul sullo sulla
    sui sugli sulle sull
    """.split()  # noqa: SIM905 (a word list reads better as text)
)
# Articles allowed right after a simple preposition ("con il contatore", "per la fibra").
_ARTICLES: frozenset[str] = frozenset("il lo la i gli le l un uno una".split())  # noqa: SIM905
# Unambiguous determiners: what follows them is a noun (or an adjective before one). "lo"/"la"/
# "le"/"l" are left out: they are also object pronouns ("lo consiglio").
_DETERMINERS: frozenset[str] = frozenset(
    """
    il i un uno una del dello della dei degli delle dell al allo alla ai agli alle all dal dallo
    dalla dai dagli dalle dall nel nello nella nei negli nelle nell sul sullo sulla sui sugli
    sulle sull questo questa questi queste quel quello quella quei quelle mio mia miei mie tuo
    tua suo sua suoi sue nostro nostra nostri nostre vostro vostra ogni nessun qualche
    """.split()  # noqa: SIM905
)
_AGENT: frozenset[str] = frozenset("da dal dallo dalla dai dagli dalle dall".split())  # noqa: SIM905
_SIMPLE_PREPS: frozenset[str] = frozenset("di a da in con su per tra fra".split())  # noqa: SIM905
# Adverbs that only make sense with what follows ("vicino alla stazione"): never at an end.
_ADVERBIAL: frozenset[str] = frozenset(
    [
        "vicino",
        "vicina",
        "vicini",
        "vicine",
        "lontano",
        "lontana",
        "accanto",
        "davanti",
        "dietro",
        "dentro",
        "fuori",
        "sopra",
        "sotto",
        "oltre",
        "circa",
        "fino",
        "insieme",
        "prima",
        "dopo",
        "rispetto",
    ]
)
# Articles that are also object pronouns ("la stanza", "la consiglio"): noun evidence for a
# name's head, not enough to rescue a verb-shaped word.
_PRONOUN_ARTICLES: frozenset[str] = frozenset("lo la le l gli".split())  # noqa: SIM905
# Adverbs, conjunctions and indefinites the stop-word list keeps as content words: none of
# them is a noun, so none heads or joins a name ("di rado recensioni" is no "Rado recensioni").
_NOT_NOUNS: frozenset[str] = frozenset(
    """
    rado spesso meno almeno tardi presto purtroppo quando ieri oggi domani subito soltanto pure
    forse certo pertanto perciò percio sebbene poiché poiche nonché nonche chissà qualsiasi
    qualunque eventuali eventuale entrambi entrambe diversi diverse tale tali finalmente mentre
    ovunque dovunque talvolta sovente raramente tanto tanta tanti tante
    """.split()  # noqa: SIM905
)
_VERB_ENDINGS = ("are", "ere", "ire", "rre")
# Participle endings: "richiesto", "arrivata", "risolto", "chiesta", "preso".
_PARTICIPLE = re.compile(r"(?:[aiu]t[oaie]|[sx]t[oaie]|tt[oaie]|[sn]s[oaie])$")
_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*['’]?|\d+|\S", re.UNICODE)
_CLAUSE_BREAK = frozenset('.,;:!?()[]{}"“”«»|/…–—')
MAX_WORDS = 6


@dataclass
class PhraseIndex:
    """Binary document x candidate-phrase matrix of a corpus.

    Attributes:
        matrix: (n_docs, n_phrases) CSR of 0/1.
        keys: content-lemma key per phrase ("attesa numero verde").
        surfaces: most frequent written form per phrase ("attese al numero verde").
        n_words: content words per phrase.
        lemmas: content lemmas per phrase (for overlap checks).
    """

    matrix: sparse.csr_matrix
    keys: list[str]
    surfaces: list[str]
    n_words: np.ndarray
    lemmas: list[frozenset[str]]

    @property
    def n_docs(self) -> int:
        """Number of documents (rows)."""
        return int(self.matrix.shape[0])


def clause_tokens(text: str) -> list[list[tuple[str, bool]]]:
    """Tokens of each clause as (lower-case word, capitalised) pairs; elisions keep their
    apostrophe ("dell'", "l'") and are then read as the function word they are."""
    clauses: list[list[tuple[str, bool]]] = [[]]
    for m in _TOKEN.finditer(text):
        tok = m.group(0)
        if len(tok) == 1 and not tok.isalnum():
            if tok in _CLAUSE_BREAK and clauses[-1]:
                clauses.append([])
            continue
        clauses[-1].append((tok.lower().replace("’", "'"), tok[:1].isupper()))
    return [c for c in clauses if c]


def _is_verb_shaped(word: str) -> tuple[bool, bool]:
    """(verb-shaped, participle-shaped) by simplemma's lemma and the word's ending."""
    lem = lemmatize(word)
    if not lem.endswith(_VERB_ENDINGS):
        return False, False
    if word == lem:
        return True, False  # an infinitive ("telefonare"), or a noun like "cameriere"
    if _PARTICIPLE.search(word):
        return True, True
    # "addebito", "contratto", "consiglio" are nouns far more often than first-person verbs
    # ("trovo", "spero"): the caller asks them for less noun evidence.
    return True, False


class _Lexicon:
    """Per-corpus word statistics the chunker needs (noun evidence, proper nouns, rare words)."""

    def __init__(self, docs: list[list[list[tuple[str, bool]]]], exclude: set[str]) -> None:
        after_det: Counter[str] = Counter()
        after_any: Counter[str] = Counter()
        with_left: Counter[str] = Counter()
        caps_mid: Counter[str] = Counter()
        mid: Counter[str] = Counter()
        df: Counter[str] = Counter()
        for clauses in docs:
            seen: set[str] = set()
            for clause in clauses:
                for i, (w, cap) in enumerate(clause):
                    seen.add(w)
                    if i > 0:
                        with_left[w] += 1
                        mid[w] += 1
                        caps_mid[w] += cap
                        left = clause[i - 1][0].rstrip("'")
                        after_det[w] += left in _DETERMINERS
                        after_any[w] += (
                            left in _DETERMINERS or left in _PRONOUN_ARTICLES or left in _PREPS
                        )
            df.update(seen)
        # Spelling is checked on a word's key: "attesa" and "attese" vouch for each other.
        self.key_df: Counter[str] = Counter()
        for w, c in df.items():
            self.key_df[key_word(w)] += c
        self.df = df
        self.noun_share = {w: after_det[w] / with_left[w] for w in with_left}
        # Adjectives ("datata", "moderna") seldom follow an article or a preposition: they do
        # not lead a name.
        self.adjective = {
            w for w in with_left if with_left[w] >= 3 and after_any[w] < 0.1 * with_left[w]
        }
        # Proper nouns: capitalised in mid-clause most of the time (brands, names, "[NOME]").
        self.proper = {w for w in mid if mid[w] >= 2 and caps_mid[w] >= 0.6 * mid[w]}
        self.exclude = exclude

    def kind(self, word: str, min_word_df: int) -> str:
        """'x' (never in a phrase), 'p' (preposition), 'a' (article), 'non', 'h' (content word
        that may lead a phrase), 'c' (content word, not first), 't' (participle: not first,
        and the phrase ends on it), 'v' (finite verb: never)."""
        base = word.rstrip("'")
        if base in _PREPS:
            return "p"
        if base in _ARTICLES:
            return "a"
        if word == "non":
            return "non"
        if base != word or word in self.exclude or word in self.proper:
            return "x"
        if self.key_df[key_word(word)] < min_word_df:
            return "x"
        lem = content_lemma(word)
        if lem is None or word.isdigit() or word.endswith("mente"):
            return "x"
        if word in _ADVERBIAL:
            return "p"
        if word in _NOT_NOUNS:
            return "x"
        verb, participle = _is_verb_shaped(word)
        need = 0.1 if word.endswith("o") and not participle else 0.25
        if verb and self.noun_share.get(word, 0.0) < need:
            return "t" if participle else "v"
        if (
            lem in WEAK_LABEL_WORDS
            or word in self.adjective
            or word.endswith(("issimo", "issima", "issimi", "issime"))
        ):
            return "c"  # "ottima colazione" is named by "colazione"
        return "h"


def _spans(clause: list[str], kinds: list[str]) -> Iterable[tuple[int, int]]:
    """(start, end) of the candidate phrases of one clause (end exclusive)."""
    n = len(clause)
    for i in range(n):
        if kinds[i] != "h":
            continue
        j = i
        while j < n and j - i < MAX_WORDS:
            k = kinds[j]
            if k in ("h", "c"):
                yield i, j + 1
            elif k == "t":
                # "da" after a participle brings its agent: the participle is a passive verb
                # and the span a clause, not a name ("mese attirata dal prezzo").
                if j + 1 < n and clause[j + 1].rstrip("'") in _AGENT:
                    break
                yield i, j + 1
            elif k == "p":
                # A preposition, optionally with an article, must be followed by a content word.
                if j + 1 < n and kinds[j + 1] == "p" and clause[j + 1] in _SIMPLE_PREPS:
                    j += 1  # "vicino alla stazione", "fino a"
                if j + 1 < n and kinds[j + 1] == "a" and clause[j] in _SIMPLE_PREPS:
                    j += 1
                if j + 1 >= n or kinds[j + 1] not in ("h", "c", "t"):
                    break
            elif k == "non":
                if not (j + 1 < n and kinds[j + 1] in ("c", "t")):
                    break
            else:
                break
            j += 1


def build_phrase_index(
    texts: Sequence[str],
    exclude_words: Iterable[str] = (),
    min_word_df: int = 3,
    min_df: int = 2,
) -> PhraseIndex:
    """Candidate noun phrases of every document.

    Args:
        texts: documents.
        exclude_words: words that never enter a phrase (the company's own names), any case.
        min_word_df: every word of a phrase occurs in at least this many documents (no typos
            copied from one verbatim).
        min_df: phrases in fewer documents are dropped.

    Returns:
        The binary document-phrase matrix, with the display form of each phrase.
    """
    exclude = {w.lower() for e in exclude_words for w in re.findall(r"[^\W\d_]+", e or "")}
    docs = [clause_tokens(t or "") for t in texts]
    lex = _Lexicon(docs, exclude)
    kind_cache: dict[str, str] = {}
    surf_counts: dict[str, Counter[str]] = defaultdict(Counter)
    rows: list[set[str]] = []
    for clauses in docs:
        seen: set[str] = set()
        for clause in clauses:
            words = [w for w, _ in clause]
            kinds = []
            for w in words:
                k = kind_cache.get(w)
                if k is None:
                    k = kind_cache[w] = lex.kind(w, min_word_df)
                kinds.append(k)
            for a, b in _spans(words, kinds):
                content = [
                    key_word(w)
                    for w, k in zip(words[a:b], kinds[a:b], strict=True)
                    if k in ("h", "c", "t", "non")
                ]
                key = " ".join(content)
                surf_counts[key][_surface(words[a:b])] += 1
                seen.add(key)
        rows.append(seen)
    df = Counter(k for r in rows for k in r)
    keys = sorted(k for k, c in df.items() if c >= min_df)
    col = {k: j for j, k in enumerate(keys)}
    indptr, indices = [0], []
    for r in rows:
        indices.extend(sorted(col[k] for k in r if k in col))
        indptr.append(len(indices))
    matrix = sparse.csr_matrix(
        (np.ones(len(indices), dtype=np.float32), indices, indptr), shape=(len(rows), len(keys))
    )
    surfaces = [min(surf_counts[k].items(), key=lambda kv: (-kv[1], kv[0]))[0] for k in keys]
    lemmas = [frozenset(w for w in k.split() if w != "non") for k in keys]
    n_words = np.asarray([len(k.split()) - k.split().count("non") for k in keys], dtype=np.int64)
    return PhraseIndex(matrix, keys, surfaces, n_words, lemmas)


def key_word(word: str) -> str:
    """A word's key in phrase keys: its lemma without the final vowel (from 5 letters), so
    that inflections simplemma lemmatises apart ("attesa" -> "atteso", "attese" -> "attesa")
    make one phrase."""
    lem = content_lemma(word) or word
    return lem[:-1] if len(lem) >= 5 and lem[-1] in "aeio" else lem


def _surface(words: Sequence[str]) -> str:
    """Words joined for display; an elided article or preposition binds to the next word."""
    out = ""
    for w in words:
        if out.endswith("'"):
            out += w
        else:
            out += (" " if out else "") + w
    return out
