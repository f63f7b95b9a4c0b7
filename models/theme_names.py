"""Theme names a CX manager reads: short Italian noun phrases from the theme's own documents.

A theme is named by one candidate noun phrase (:mod:`models.phrases`) of its documents, two to
six words, head first ("Attese al numero verde", "Doppio addebito in bolletta"). Candidates are
ranked by

* **distinctiveness**: the c-TF-IDF of BERTopic on binary document counts,
  ``df(p, c) / n(c) * log(1 + A / df(p))`` (``A`` the mean theme size), which rewards phrases
  many of the theme's documents share and few others use;
* **closeness to the theme**: the phrase's vector (the mean embedding of the documents that use
  it) against the theme centroids: its cosine to its own centroid minus the best cosine to
  another, so that the name points at this theme and not at a neighbour;
* **length**: one word names a theme too vaguely ("Camera"), so single words score lower and a
  theme named by one is completed with the best longer phrase holding that word, or with its
  second phrase ("Colazione e caffè").

Given the embedder the themes were fitted with (``query_embedder``: texts -> e5 ``query:``
vectors), the name is then chosen among each theme's ``n_scored`` best candidates by
**identifiability**: the candidate name embedded as a query must be closer to its own theme's
centroid than to any other (and, for a new theme, than to the existing themes' centroids); the
margin enters as a steep logistic factor, so the most readable identifiable name wins and,
when none is, the one closest to being so. A few hundred short phrases: cheap.

A phrase must occur in at least ``min_docs`` documents of the theme (no wording from one
verbatim). Themes are named largest first, and a phrase repeating a word of a bigger theme's name
scores half (MMR across themes); within a theme, the phrases kept besides the name are chosen by
maximal marginal relevance (relevance minus overlap with the phrases already kept).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from models.phrases import PhraseIndex, build_phrase_index, key_word
from models.text_it import WEAK_LABEL_WORDS

__all__ = ["FALLBACK_NAME", "QueryEmbedder", "ThemeName", "name_theme", "name_themes"]

FALLBACK_NAME = "Argomento vario"
WEAK_KEYS = frozenset(key_word(w) for w in WEAK_LABEL_WORDS)
_LENGTH_WEIGHT = {1: 0.55, 2: 1.0, 3: 1.05, 4: 1.0}
#: Candidate names per theme embedded as queries (20 found no more identifiable names than 10
#: on ABSITA), and the softness of the margin's factor: e5 cosines are compressed, a margin of
#: 0.01 already separates two themes; 0.005 keeps the readable name whenever it is
#: identifiable (0.03 let unidentifiable ones win: 83 % instead of 92 % on ABSITA).
N_SCORED = 10
MARGIN_SCALE = 0.005

#: texts -> (m, d) L2-normalised query vectors (e.g. ``Embedder.embed_queries``).
QueryEmbedder = Callable[[Sequence[str]], np.ndarray]


@dataclass(frozen=True, slots=True)
class ThemeName:
    """The name of one theme.

    Attributes:
        label: the display name, capitalised ("Attese al numero verde").
        phrases: the theme's key phrases, best first, diverse (MMR); the name's phrase first.
    """

    label: str
    phrases: tuple[str, ...]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def name_themes(
    index: PhraseIndex,
    labels: np.ndarray,
    topic_ids: Sequence[int],
    *,
    embeddings: np.ndarray | None = None,
    centroids: np.ndarray | None = None,
    order: Sequence[int] | None = None,
    min_docs: int = 3,
    n_phrases: int = 3,
    mmr_lambda: float = 0.7,
    query_embedder: QueryEmbedder | None = None,
    contrast: np.ndarray | None = None,
    n_scored: int = N_SCORED,
    margin_scale: float = MARGIN_SCALE,
) -> dict[int, ThemeName]:
    """Name every theme of a clustering.

    Args:
        index: candidate phrases of the documents (:func:`models.phrases.build_phrase_index`).
        labels: theme id per document (-1 for documents of no theme; they count in ``df(p)``).
        topic_ids: themes to name, aligned with the rows of ``centroids``.
        embeddings: (n, d) L2-normalised document embeddings (``None``: no closeness term).
        centroids: (k, d) L2-normalised theme centroids, aligned with ``topic_ids``.
        order: naming priority (default: largest theme first).
        min_docs: a phrase must occur in at least this many of the theme's documents (and in
            1 % of them for large themes).
        n_phrases: phrases kept per theme (the name's phrase first).
        mmr_lambda: relevance weight of the within-theme MMR (1 = no diversity).
        query_embedder: texts -> (m, d) L2-normalised query vectors in the space of
            ``centroids`` (the embedder the themes were fitted with, e5 ``query:`` side).
            Given, each theme's ``n_scored`` best names are embedded and the one whose vector
            points at its own centroid with the widest margin over the other centroids wins
            (:func:`_identifiable`); ``None``: the text scores alone.
        contrast: (m, d) L2-normalised centroids of themes not named here that a name must
            not point at either (the existing themes, for a new one); with ``centroids``.
        n_scored: candidate names per theme embedded by ``query_embedder``.
        margin_scale: softness of the margin's factor (a logistic of ``margin / scale``).

    Returns:
        Dict theme id -> :class:`ThemeName`; names are unique.
    """
    labels = np.asarray(labels)
    ids = [int(t) for t in topic_ids]
    out: dict[int, ThemeName] = {}
    if not ids:
        return out
    n_p = len(index.keys)
    rows_of = {t: np.flatnonzero(labels == t) for t in ids}
    sizes = np.asarray([max(len(rows_of[t]), 1) for t in ids], dtype=np.float64)
    if n_p == 0:
        return _unique({t: ThemeName(FALLBACK_NAME, ()) for t in ids})
    member = sparse.csr_matrix(
        (
            np.ones(sum(len(r) for r in rows_of.values()), dtype=np.float32),
            (
                np.concatenate([np.full(len(rows_of[t]), i) for i, t in enumerate(ids)]),
                np.concatenate([rows_of[t] for t in ids]),
            ),
        ),
        shape=(len(ids), index.n_docs),
    )
    df_tc = np.asarray((member @ index.matrix).todense())
    df_t = np.maximum(np.asarray(index.matrix.sum(axis=0)).ravel(), 1.0)
    ctf = (df_tc / sizes[:, None]) * np.log1p(float(sizes.mean()) / df_t)[None, :]
    length = np.asarray([_LENGTH_WEIGHT.get(int(w), 0.9) for w in index.n_words])
    csc = index.matrix.tocsc()
    priority = (
        list(order) if order is not None else [ids[i] for i in np.argsort(-sizes, kind="stable")]
    )
    if centroids is not None and contrast is not None and len(contrast):
        centroids = np.vstack([centroids, contrast])  # rows past len(ids): never named
    spread = centroids is not None and len(centroids) > 1
    scored = query_embedder is not None and spread and n_scored > 0
    # Candidates and their text scores, before the cross-theme penalty (it depends on order).
    base: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
    for t in priority:
        i = ids.index(t)
        floor = max(min_docs, int(np.ceil(0.01 * sizes[i])))
        eligible = np.flatnonzero(df_tc[i] >= floor)
        # The 60 most distinctive phrases are enough to find the name among them.
        cand = eligible[np.lexsort((eligible, -ctf[i, eligible]))][:60]
        rel = ctf[i, cand] / max(float(ctf[i, cand].max()), 1e-12) if len(cand) else cand * 0.0
        if embeddings is not None and centroids is not None and spread and len(cand):
            rel = rel * _closeness(csc, cand, embeddings, centroids, i)
        base[t] = (eligible, cand, rel * length[cand])
    vectors: dict[str, np.ndarray] = {}
    if scored:
        assert query_embedder is not None
        texts = sorted(
            {
                _label_text(index, base[t][0], ctf[ids.index(t)], df_tc[ids.index(t)], c, base[t])
                for t in priority
                for c in _top(base[t][1], base[t][2], n_scored)
            }
        )
        if texts:
            vecs = np.asarray(query_embedder([_cap(x) for x in texts]), dtype=np.float32)
            vectors = dict(zip(texts, vecs, strict=True))
    used_words: set[str] = set()
    used_keys: set[int] = set()
    for t in priority:
        i = ids.index(t)
        eligible, cand, rel = base[t]
        keep = np.asarray([j not in used_keys for j in cand], dtype=bool)
        eligible = np.asarray([j for j in eligible if j not in used_keys], dtype=np.int64)
        cand, rel = cand[keep], rel[keep]
        if len(cand) == 0:
            out[t] = ThemeName(FALLBACK_NAME, ())
            continue
        rel = rel * np.asarray([0.5 if index.lemmas[j] & used_words else 1.0 for j in cand])
        if scored:
            assert centroids is not None
            assert query_embedder is not None
            rel = _identifiable(
                index, eligible, ctf[i], df_tc[i], cand, rel, (centroids, i),
                (query_embedder, vectors), n_scored, margin_scale,
            )  # fmt: skip
        chosen = _mmr(index, csc, cand, rel, rows_of[t], n_phrases, mmr_lambda)
        label_keys = _label_keys(index, eligible, ctf[i], df_tc[i], chosen)
        label = " e ".join(index.surfaces[j] for j in label_keys)
        shown = [
            *label_keys,
            *(j for j in chosen if not index.lemmas[j] <= _words(index, label_keys)),
        ]
        out[t] = ThemeName(_cap(label), tuple(index.surfaces[j] for j in shown[:n_phrases]))
        used_keys.update(label_keys)
        for j in label_keys:
            used_words |= index.lemmas[j]
    return _unique(out)


def _top(cand: np.ndarray, rel: np.ndarray, n: int) -> list[int]:
    """The ``n`` best candidate columns by relevance (ties by column: deterministic)."""
    return [int(cand[p]) for p in np.lexsort((cand, -rel))[:n]]


def _label_text(
    index: PhraseIndex,
    eligible: np.ndarray,
    ctf: np.ndarray,
    df: np.ndarray,
    first: int,
    theme: tuple[np.ndarray, np.ndarray, np.ndarray],
) -> str:
    """The name a theme gets when ``first`` leads its phrases (:func:`_label_keys`)."""
    rest = [j for j in _top(theme[1], theme[2], 4) if j != first]
    return " e ".join(
        index.surfaces[j] for j in _label_keys(index, eligible, ctf, df, [first, *rest])
    )


def _identifiable(
    index: PhraseIndex,
    eligible: np.ndarray,
    ctf: np.ndarray,
    df: np.ndarray,
    cand: np.ndarray,
    rel: np.ndarray,
    space: tuple[np.ndarray, int],
    queries: tuple[QueryEmbedder, dict[str, np.ndarray]],
    n_scored: int,
    scale: float,
) -> np.ndarray:
    """Relevance times how clearly each of the best names points at its own theme.

    A name is identifiable when its query vector is closer to its theme's centroid than to any
    other (what a reader, or a search, does with it). The margin ``own - best other`` enters
    as a logistic factor, so a readable name wins among the identifiable ones. Candidates are
    scored ``n_scored`` at a time, best first, until one is identifiable; those never scored
    keep a factor of 0 (they are never the name)."""
    cents, own = space
    embed, vectors = queries
    theme = (eligible, cand, rel)
    ranked = np.lexsort((cand, -rel))
    factor = np.zeros(len(cand))
    # The best n_scored first; when none of them is identifiable, the next n_scored, and so on
    # through the candidates (a readable name is worth looking further for).
    for start in range(0, len(ranked), max(n_scored, 1)):
        top = ranked[start : start + n_scored]
        texts = [_label_text(index, eligible, ctf, df, int(cand[p]), theme) for p in top]
        # Names the first pass did not foresee (a bigger theme took a phrase): embedded now.
        missing = sorted({x for x in texts if x not in vectors})
        if missing:
            vecs = np.asarray(embed([_cap(x) for x in missing]), dtype=np.float32)
            vectors.update(zip(missing, vecs, strict=True))
        for p, text in zip(top, texts, strict=True):
            sims = cents @ vectors[text]
            mine = float(sims[own])
            sims[own] = -np.inf
            factor[p] = 1.0 / (1.0 + np.exp(-(mine - float(sims.max())) / scale))
        if factor.max() > 0.5:  # a positive margin: identifiable
            break
    # Ranked by the product; the winner leads the MMR, the others keep their text order.
    best = int(np.argmax(rel * factor + 1e-12 * factor))
    out = rel.copy()
    out[best] = float(rel.max()) * 2.0 + 1.0
    return out


def _closeness(
    csc: sparse.csc_matrix, cand: np.ndarray, emb: np.ndarray, cents: np.ndarray, own: int
) -> np.ndarray:
    """A factor in (0, 1]: how much closer each phrase's vector is to its own theme than to
    the next one (the mean embedding of the documents using it, against the centroids)."""
    vecs = np.vstack(
        [emb[csc.indices[csc.indptr[j] : csc.indptr[j + 1]]].mean(axis=0) for j in cand]
    )
    vecs /= np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12)
    sims = vecs @ cents.T
    mine = sims[:, own].copy()
    sims[:, own] = -np.inf
    margin = mine - sims.max(axis=1)
    # e5 cosines are compressed: a margin of 0.05 already separates two themes well.
    return 1.0 / (1.0 + np.exp(-margin / 0.02))


def _mmr(
    index: PhraseIndex,
    csc: sparse.csc_matrix,
    cand: np.ndarray,
    rel: np.ndarray,
    rows: np.ndarray,
    n: int,
    lam: float,
) -> list[int]:
    """Phrase columns chosen by maximal marginal relevance (document and word overlap)."""
    docs = {
        int(j): set(csc.indices[csc.indptr[j] : csc.indptr[j + 1]].tolist()) & set(rows.tolist())
        for j in cand
    }
    chosen: list[int] = []
    left = list(range(len(cand)))
    while left and len(chosen) < n:
        best, best_score = -1, -np.inf
        for p in left:
            j = int(cand[p])
            sim = 0.0
            for c in chosen:
                a, b = docs[j], docs[c]
                cos = len(a & b) / max(np.sqrt(len(a) * len(b)), 1.0)
                words = len(index.lemmas[j] & index.lemmas[c]) / max(
                    len(index.lemmas[j] | index.lemmas[c]), 1
                )
                sim = max(sim, cos, words)
            score = lam * rel[p] - (1 - lam) * sim
            if score > best_score + 1e-12:
                best, best_score = p, score
        chosen.append(int(cand[best]))
        left.remove(best)
    return chosen


def _label_keys(
    index: PhraseIndex, eligible: np.ndarray, ctf: np.ndarray, df: np.ndarray, chosen: list[int]
) -> list[int]:
    """The phrase(s) of the name: the best one, extended to a longer phrase holding it that
    most of its documents use ("numero verde" -> "attese al numero verde"); a single word is
    completed by the most distinctive longer phrase holding it, else by the next single-word
    phrase ("Colazione e caffè")."""
    first = chosen[0]
    supersets = [
        int(j)
        for j in eligible
        if index.n_words[j] > index.n_words[first] and index.lemmas[first] <= index.lemmas[j]
    ]
    fuller = [j for j in supersets if df[j] >= 0.7 * df[first]]
    if fuller:
        return [max(fuller, key=lambda j: (df[j], index.n_words[j], -j))]
    if index.n_words[first] >= 2:
        return [first]
    if supersets:
        # A phrase naming the subject ("colazione continentale") before a verdict on it
        # ("colazione ottima"), unless the verdict is far more distinctive.
        best = max(float(ctf[j]) for j in supersets)
        plain = [j for j in supersets if not index.lemmas[j] & WEAK_KEYS and ctf[j] >= 0.5 * best]
        return [max(plain or supersets, key=lambda j: (ctf[j], -j))]
    longer = [j for j in chosen[1:] if index.n_words[j] >= 2]
    if longer:
        return [longer[0]]
    others = [j for j in chosen[1:] if index.n_words[j] == 1]
    return [first, others[0]] if others else [first]


def _words(index: PhraseIndex, keys: Sequence[int]) -> frozenset[str]:
    return frozenset().union(*(index.lemmas[j] for j in keys))


def _unique(names: dict[int, ThemeName]) -> dict[int, ThemeName]:
    """Distinct labels: a repeated one takes the theme's next phrase ("X: Y"), else its id."""
    seen: set[str] = set()
    out: dict[int, ThemeName] = {}
    for t in sorted(names):
        name = names[t]
        label = name.label
        if label in seen:
            extra = next((p for p in name.phrases[1:] if _cap(p) not in seen), None)
            label = f"{label} ({extra})" if extra else f"{label} ({t})"
        seen.add(label)
        out[t] = ThemeName(label, name.phrases)
    return out


def name_theme(
    texts: Sequence[str],
    background: Sequence[str] = (),
    *,
    exclude_words: Iterable[str] = (),
    min_docs: int = 2,
    query_embedder: QueryEmbedder | None = None,
    centroid: np.ndarray | None = None,
    contrast: np.ndarray | None = None,
) -> ThemeName:
    """Name one group of documents against a background (e.g. a new-theme alert).

    Args:
        texts: the group's documents.
        background: documents to contrast with (their phrases make a name less distinctive).
        exclude_words: words never in a name (the company's own names).
        min_docs: a phrase must occur in at least this many of the group's documents.
        query_embedder: texts -> query vectors; with ``centroid`` and ``contrast``, the name
            is the candidate pointing most clearly at the group (:func:`name_themes`).
        centroid: (d,) the group's mean embedding.
        contrast: (m, d) centroids the name must not point at (the existing themes).

    Returns:
        The name; :data:`FALLBACK_NAME` when no phrase qualifies.
    """
    texts, background = list(texts), list(background)
    index = build_phrase_index([*texts, *background], exclude_words, min_df=min_docs)
    labels = np.r_[np.zeros(len(texts), dtype=np.int64), np.full(len(background), -1)]
    own = None
    if centroid is not None:
        own = np.asarray(centroid, dtype=np.float32).reshape(1, -1)
        own /= max(float(np.linalg.norm(own)), 1e-12)
    return name_themes(
        index, labels, [0], min_docs=min_docs, query_embedder=query_embedder, centroids=own,
        contrast=contrast,
    )[0]  # fmt: skip
