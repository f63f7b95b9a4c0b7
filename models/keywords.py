"""Class-based TF-IDF keywords over Italian lemmas and short readable topic labels.

Keywords are scored per topic with the c-TF-IDF of BERTopic, computed on *binary* document
counts (a word repeated ten times in one long complaint counts once), so that one verbose
document cannot dominate a topic:

    score(t, c) = df(t, c) / n(c) * log(1 + A / df(t))

where ``df(t, c)`` is the number of documents of topic ``c`` containing feature ``t``, ``n(c)``
the topic size, ``df(t)`` the number of documents containing ``t`` in the whole corpus
(outliers included) and ``A`` the mean topic size. A bigram whose word is common outside the
topic ("problema con X") is damped, so that it does not lead a label on the strength of X alone.

Labels are built from the best one or two *key phrases* (bigram or unigram surfaces), not from a
bag of ten words: "Doppio addebito · Rimborso", at most ~40 characters.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
from rapidfuzz import fuzz
from scipy import sparse

from models.text_it import WEAK_LABEL_WORDS, features, is_stop

__all__ = [
    "Corpus",
    "Keyword",
    "build_corpus",
    "ctfidf_keywords",
    "make_label",
    "make_labels",
    "representative_quotes",
    "unique_labels",
]


@dataclass(frozen=True, slots=True)
class Keyword:
    """One scored key phrase of a topic.

    Attributes:
        lemma: feature key (lemmas joined by spaces).
        surface: most frequent written form, used for display.
        score: c-TF-IDF score.
        df: number of topic documents containing it.
    """

    lemma: str
    surface: str
    score: float
    df: int

    @property
    def words(self) -> frozenset[str]:
        """Content lemmas of the phrase (``non`` excluded), for overlap checks."""
        return frozenset(w for w in self.lemma.split() if w != "non")


@dataclass
class Corpus:
    """Binary document-feature matrix over lemma 1–2-grams.

    Attributes:
        matrix: (n_docs, n_features) CSR matrix of 0/1.
        features: feature lemma keys, aligned with columns.
        surfaces: most frequent surface form per feature.
        units: 1 for words (and fused negations), 2 for bigrams, aligned with columns.
        parts: for bigrams, the column indices of their two words when those are features too.
    """

    matrix: sparse.csr_matrix
    features: list[str]
    surfaces: list[str]
    units: np.ndarray
    parts: dict[int, tuple[int, ...]]

    @property
    def n_docs(self) -> int:
        """Number of documents (rows)."""
        return int(self.matrix.shape[0])


def build_corpus(texts: Sequence[str], ngram_range: tuple[int, int] = (1, 2)) -> Corpus:
    """Analyse texts once into a binary document-feature matrix.

    Args:
        texts: documents.
        ngram_range: (1, 1) for unigrams only, (1, 2) to add bigrams.

    Returns:
        The corpus matrix with vocabulary and display surfaces.
    """
    vocab: dict[str, int] = {}
    units: list[int] = []
    pairs: dict[tuple[int, str], int] = {}
    indptr = [0]
    indices: list[int] = []
    for text in texts:
        seen: set[int] = set()
        for lemma, surface, n_units in features(text or "", ngram_range):
            j = vocab.get(lemma)
            if j is None:
                j = vocab[lemma] = len(vocab)
                units.append(n_units)
            key = (j, surface)
            pairs[key] = pairs.get(key, 0) + 1
            seen.add(j)
        indices.extend(sorted(seen))
        indptr.append(len(indices))
    # Columns in alphabetical order: the matrix (and the seeded SVD built on it) must not depend
    # on the order in which documents arrive.
    names = list(vocab)
    order = np.argsort(np.asarray(names, dtype=object), kind="stable")
    new_pos = np.empty(len(names), dtype=np.int64)
    new_pos[order] = np.arange(len(names))
    data = np.ones(len(indices), dtype=np.float32)
    matrix = sparse.csr_matrix(
        (data, new_pos[np.asarray(indices, dtype=np.int64)], np.asarray(indptr, dtype=np.int64)),
        shape=(len(indptr) - 1, len(vocab)),
    )
    matrix.sort_indices()
    # Most frequent surface per feature; ties broken alphabetically.
    best: dict[int, tuple[int, str]] = {}
    for (j, surface), count in pairs.items():
        cur = best.get(j)
        if cur is None or (-count, surface) < (-cur[0], cur[1]):
            best[j] = (count, surface)
    features_sorted = [names[j] for j in order]
    surfaces = [best[int(j)][1] for j in order]
    unit_arr = np.asarray(units, dtype=np.int8)[order]
    col = {f: i for i, f in enumerate(features_sorted)}
    parts: dict[int, tuple[int, ...]] = {}
    for i, lemma in enumerate(features_sorted):
        if unit_arr[i] == 2:
            parts[i] = tuple(col[w] for w in _split_units(lemma) if w in col)
    return Corpus(matrix, features_sorted, surfaces, unit_arr, parts)


def _split_units(lemma: str) -> list[str]:
    """The two word units of a bigram key, keeping "non x" together."""
    words, out, i = lemma.split(), [], 0
    while i < len(words):
        if words[i] == "non" and i + 1 < len(words):
            out.append(f"non {words[i + 1]}")
            i += 2
        else:
            out.append(words[i])
            i += 1
    return out


def ctfidf_keywords(
    corpus: Corpus,
    labels: np.ndarray,
    topic_ids: Sequence[int],
    n_keywords: int = 10,
    min_df: int = 2,
    generic_share: float = 0.2,
) -> dict[int, list[Keyword]]:
    """Top c-TF-IDF key phrases per topic.

    Args:
        corpus: output of :func:`build_corpus`.
        labels: topic id per document (-1 for outliers, which count only in ``df(t)``).
        topic_ids: topics to describe.
        n_keywords: phrases per topic.
        min_df: a phrase must occur in at least this many documents of the topic.
        generic_share: bigrams containing a word found in more than this share of the
            documents outside the topic are damped proportionally.

    Returns:
        Dict topic id -> keywords, best first (ties broken by feature text, for determinism).
    """
    labels = np.asarray(labels)
    ids = list(topic_ids)
    out: dict[int, list[Keyword]] = {t: [] for t in ids}
    if not ids or corpus.matrix.shape[1] == 0:
        return out
    col = {t: i for i, t in enumerate(ids)}
    rows = np.flatnonzero(np.isin(labels, ids))
    member = sparse.csr_matrix(
        (np.ones(len(rows), dtype=np.float32), ([col[int(t)] for t in labels[rows]], rows)),
        shape=(len(ids), corpus.n_docs),
    )
    df_tc = np.asarray((member @ corpus.matrix).todense())
    n_c = np.maximum(np.asarray(member.sum(axis=1)).ravel(), 1.0)
    df_t = np.maximum(np.asarray(corpus.matrix.sum(axis=0)).ravel(), 1.0)
    avg = float(n_c.mean())
    scores = (df_tc / n_c[:, None]) * np.log1p(avg / df_t)[None, :]
    # A bigram built on a word that is everywhere ("problema con X", "servizio X") inherits all
    # its specificity from X: damp it by how common its most widespread word is *outside* the
    # topic, so that X, or a better phrase, leads the label.
    if corpus.parts:
        cols = np.fromiter(corpus.parts, dtype=np.int64)
        p1 = np.asarray([corpus.parts[j][0] if corpus.parts[j] else -1 for j in cols])
        p2 = np.asarray([corpus.parts[j][-1] if corpus.parts[j] else -1 for j in cols])
        outside = np.maximum(corpus.n_docs - n_c, 1.0)
        out_share = np.hstack([(df_t[None, :] - df_tc) / outside[:, None], np.zeros((len(ids), 1))])
        common = np.maximum(out_share[:, p1], out_share[:, p2])  # index -1 -> the zero column
        scores[:, cols] *= np.minimum(1.0, generic_share / np.maximum(common, 1e-9))
    scores[df_tc < min_df] = 0.0
    feats = np.asarray(corpus.features, dtype=object)
    for i, t in enumerate(ids):
        row = scores[i]
        cand = np.flatnonzero(row > 0)
        if len(cand) == 0:
            continue
        # lexsort: last key is primary -> score desc, then feature text asc.
        order = cand[np.lexsort((feats[cand], -row[cand]))][: n_keywords * 3]
        kws = [
            Keyword(str(feats[j]), corpus.surfaces[j], float(row[j]), int(df_tc[i, j]))
            for j in order
        ]
        out[t] = _dedupe(kws)[:n_keywords]
    return out


def _dedupe(kws: list[Keyword]) -> list[Keyword]:
    """Drop a unigram already covered by a better-scored bigram with the same document count."""
    kept: list[Keyword] = []
    for kw in kws:
        if any(kw.words <= k.words and kw.df == k.df and k.lemma != kw.lemma for k in kept):
            continue
        kept.append(kw)
    return kept


def _clean_surface(surface: str) -> str:
    """Trim stop words left at the edges of a phrase (never expected, but labels must be clean)."""
    words = surface.split()
    while words and is_stop(words[0]) and words[0] != "non":
        words.pop(0)
    while words and is_stop(words[-1]):
        words.pop()
    return " ".join(words)


def _choose(
    keywords: Sequence[Keyword], max_chars: int, max_phrases: int, bigram_ratio: float
) -> list[Keyword]:
    """Pick the key phrases of a label (see :func:`make_label`)."""
    cands = [k for k in keywords if _clean_surface(k.surface)]
    strong = [k for k in cands if k.words - WEAK_LABEL_WORDS]
    cands = strong or cands
    if not cands:
        return []
    best = cands[0]
    multi = [k for k in cands if len(k.words) >= 2 and k.score >= bigram_ratio * best.score]
    # A phrase naming the subject only ("rapporto qualità") beats one with a verdict in it.
    plain = [k for k in multi if not k.words & WEAK_LABEL_WORDS]
    first = (plain or multi or [best])[0]
    if len(first.words) >= 2:
        first = _chain(first, cands)
    chosen = [first]
    used = set(first.words)
    phrases = {k.words: k for k in cands if len(k.words) >= 2}
    for k in cands:
        if len(chosen) >= max_phrases:
            break
        if k is first or k.words & used:
            continue
        joint = phrases.get(chosen[-1].words | k.words)
        if joint is not None and len(chosen[-1].words) == 1 and len(k.words) == 1:
            # "Servizio · Clienti" reads as the phrase it is: "Servizio clienti".
            chosen[-1] = joint
            used |= joint.words
            continue
        text = " · ".join(_clean_surface(c.surface) for c in [*chosen, k])
        if len(text) > max_chars:
            continue
        chosen.append(k)
        used |= k.words
    return chosen


def _chain(first: Keyword, cands: Sequence[Keyword]) -> Keyword:
    """Join overlapping bigrams into a longer phrase ("rapporto qualità" + "qualità prezzo").

    Only when the other bigram is nearly as frequent (they are mostly one expression) and adds
    a non-evaluative word; at most one extension.
    """
    head, tail = first.surface.split(), first.lemma.split()
    best: tuple[int, Keyword] | None = None
    for k in cands:
        kl, ks = k.lemma.split(), k.surface.split()
        if k is first or len(kl) != 2 or k.df < 0.6 * first.df:
            continue
        if kl[0] == tail[-1] and ks[0] == head[-1] and kl[1] not in tail:
            new, word = (
                Keyword(f"{first.lemma} {kl[1]}", " ".join(head + ks[1:]), first.score, first.df),
                kl[1],
            )
        elif kl[1] == tail[0] and ks[-1] == head[0] and kl[0] not in tail:
            new, word = (
                Keyword(f"{kl[0]} {first.lemma}", " ".join(ks[:-1] + head), first.score, first.df),
                kl[0],
            )
        else:
            continue
        if word not in WEAK_LABEL_WORDS and (best is None or k.df > best[0]):
            best = (k.df, new)
    return best[1] if best else first


def make_label(
    keywords: Sequence[Keyword],
    max_chars: int = 40,
    max_phrases: int = 2,
    bigram_ratio: float = 0.5,
) -> str:
    """A short Italian label from the best key phrases.

    The first phrase is the best bigram when it scores at least ``bigram_ratio`` times the best
    unigram (phrases read better than single words); further phrases must not repeat a lemma
    already shown. Phrases are capitalised and joined with " · ".

    Args:
        keywords: topic keywords, best first.
        max_chars: label length budget.
        max_phrases: at most this many phrases.
        bigram_ratio: preference for a leading multi-word phrase.

    Returns:
        The label, or ``"Argomento vario"`` when there are no keywords.
    """
    chosen = _choose(keywords, max_chars, max_phrases, bigram_ratio)
    if not chosen:
        return "Argomento vario"
    parts = [_clean_surface(c.surface) for c in chosen]
    label = " · ".join(p[:1].upper() + p[1:] for p in parts)
    return label if len(label) <= max_chars + 8 else label[: max_chars + 7].rstrip() + "…"


def make_labels(
    keywords: dict[int, list[Keyword]], order: Sequence[int], max_chars: int = 40
) -> dict[int, str]:
    """Labels for several topics that avoid repeating each other's words.

    Topics are labelled in ``order`` (largest first); a key phrase sharing a lemma with a label
    already given scores half, so two neighbouring topics read "Camera · Stanza" and
    "Bagno · Pulizia" rather than "Camera · Stanza" and "Bagno · Camera".

    Args:
        keywords: topic id -> keywords, best first.
        order: topic ids in labelling priority.
        max_chars: label length budget.

    Returns:
        Dict topic id -> unique label.
    """
    used: set[str] = set()
    out: dict[int, str] = {}
    for t in order:
        kws = keywords.get(t, [])
        # Halve the score of phrases repeating a word already used by a bigger topic's label.
        adjusted = [replace(k, score=k.score * (0.5 if k.words & used else 1.0)) for k in kws]
        order_k = sorted(range(len(adjusted)), key=lambda i: (-adjusted[i].score, i))
        resorted = [adjusted[i] for i in order_k]
        out[t] = make_label(resorted, max_chars=max_chars)
        for k in _choose(resorted, max_chars, 2, 0.5):
            used |= k.words
    return unique_labels(out, keywords, max_chars)


def unique_labels(
    labels: dict[int, str], keywords: dict[int, list[Keyword]], max_chars: int = 40
) -> dict[int, str]:
    """Make labels unique by extending duplicates with their next distinct key phrase.

    Args:
        labels: topic id -> label.
        keywords: topic id -> keywords (used to extend duplicates).
        max_chars: length budget for the extension.

    Returns:
        A new dict with unique labels (a numeric suffix as a last resort).
    """
    out = dict(labels)
    seen: Counter[str] = Counter(out.values())
    for tid in sorted(out):
        if seen[out[tid]] <= 1:
            continue
        old = out[tid]
        for n in (3, 4):
            cand = make_label(keywords.get(tid, []), max_chars=max_chars + 20, max_phrases=n)
            if cand not in seen:
                break
        else:
            cand = f"{old} ({tid})"
        seen[old] -= 1
        seen[cand] += 1
        out[tid] = cand
    return out


def representative_quotes(
    texts: Sequence[str], emb: np.ndarray, members: np.ndarray, centroid: np.ndarray, n: int
) -> list[str]:
    """Up to ``n`` distinct, medium-length member texts closest to the centroid.

    Args:
        texts: all documents.
        emb: (n_docs, d) normalised embeddings.
        members: indices of the topic's documents.
        centroid: (d,) topic centroid.
        n: number of quotes.

    Returns:
        Whitespace-normalised quotes (cut at 300 characters), near-duplicates skipped.
    """
    if len(members) == 0 or n <= 0:
        return []
    sims = emb[members] @ centroid
    lengths = np.asarray([len(texts[i]) for i in members])
    # Very short quotes say little, very long ones are unreadable in a report.
    score = sims - 0.04 * (lengths < 25) - 0.02 * (lengths > 300)
    order = members[np.lexsort((members, -score))][: max(50, n * 10)]
    chosen: list[str] = []
    for i in order:
        text = " ".join(texts[i].split())
        if not text:
            continue
        if any(fuzz.token_set_ratio(text.lower(), c.lower()) >= 90 for c in chosen):
            continue
        chosen.append(text if len(text) <= 300 else text[:299].rstrip() + "…")
        if len(chosen) == n:
            break
    return chosen
