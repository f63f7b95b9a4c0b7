"""Enrichment: embeddings → sentiment, topics, taxonomy category, churn intent, aspect sentiment.

:func:`enrich_frame` is pure compute over a batch of documents and their embeddings; the step
functions in ``pipelines/steps/enrich.py`` feed it from storage, batch by batch.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np
import pandas as pd

from models.embeddings import Embedder, content_hash
from models.intent import IntentResult, detect_intents
from models.lexicon import sentence_split
from models.sentiment import LABELS, predict_records

# Long documents are scored sentence by sentence so one review can say "staff: positivo,
# wifi: negativo". Very short fragments ("Grazie.") carry no aspect and are skipped.
MIN_SENTENCE_WORDS = 4
MAX_SENTENCES = 6


@dataclass
class EnrichmentModels:
    """The active models and their registry ids (``topics`` None: ``voc score`` without a DB)."""

    embedder: Embedder
    sentiment: Any
    sentiment_id: str
    topics: Any
    topic_id: str
    taxonomy: Any
    own_brands: tuple[str, ...] = ()


EmbedFn = Callable[[Sequence[str]], np.ndarray]


def aspect_sentences(text: str) -> list[str]:
    """Sentences of a document worth an aspect of their own (empty for one-sentence texts)."""
    parts = [s for s in sentence_split(text) if len(s.split()) >= MIN_SENTENCE_WORDS]
    return parts[:MAX_SENTENCES] if len(parts) >= 2 else []


def _label_of(score: float) -> str:
    if score <= -0.2:
        return "negativo"
    if score >= 0.2:
        return "positivo"
    return "neutro"


@dataclass
class TextScores:
    """Model outputs for a list of texts, row-aligned with it (what every scorer reads)."""

    label: np.ndarray
    score: np.ndarray
    proba: np.ndarray
    topic: np.ndarray | None
    similarity: np.ndarray | None
    category: np.ndarray
    intents: list[IntentResult]


def score_texts(texts: list[str], embeddings: np.ndarray, models: EnrichmentModels) -> TextScores:
    """Sentiment, topic, taxonomy category and intents of Italian texts and their embeddings.

    The one place the models meet the texts, for ``voc enrich`` and ``voc score`` alike: the
    intent detector always gets the company's own names (``models.own_brands``). Without a
    topic model (``models.topics`` None) the topic outputs are None.
    """
    rec = predict_records(models.sentiment, embeddings, texts)
    topic = similarity = None
    if models.topics is not None:
        topic, similarity = models.topics.transform(embeddings)
    return TextScores(
        label=rec["label"],
        score=rec["score"],
        proba=rec["proba"],
        topic=topic,
        similarity=similarity,
        category=models.taxonomy.predict(embeddings),
        intents=detect_intents(texts, models.own_brands),
    )


def enrich_frame(
    docs: pd.DataFrame,
    doc_embeddings: np.ndarray,
    models: EnrichmentModels,
    embed_sentences: EmbedFn,
    *,
    run_id: str,
    now: datetime,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Enrich a batch of documents.

    Args:
        docs: frame with ``doc_id``, ``text``, ``text_hash``, ``language``.
        doc_embeddings: (n, d) embeddings of ``docs.text`` in the same order.
        models: active models.
        embed_sentences: embeds sentences (cached by the caller) for aspect-level scoring.
        run_id: the enrich run, recorded on every row.
        now: enrichment timestamp.

    Returns:
        (enrichments, doc_topics) frames matching ``store.ENRICHMENT_COLUMNS`` and
        ``store.DOC_TOPIC_COLUMNS``. Non-Italian documents get a row with empty model outputs,
        so they are not picked up again, but no Italian model scores them.
    """
    n = len(docs)
    texts = docs["text"].fillna("").astype(str).tolist()
    italian = (docs["language"].fillna("it") == "it").to_numpy() & np.array(
        [bool(t.strip()) for t in texts], dtype=bool
    )
    idx = np.flatnonzero(italian)
    it_texts = [texts[i] for i in idx]
    it_emb = doc_embeddings[idx]

    label = np.full(n, None, dtype=object)
    score = np.full(n, np.nan)
    proba = np.full((n, 3), np.nan)
    topic = np.full(n, -1, dtype=np.int64)
    sim = np.full(n, np.nan)
    category = np.full(n, None, dtype=object)
    churn = np.zeros(n, dtype=bool)
    escal = np.zeros(n, dtype=bool)
    churn_cues: list[list[str]] = [[] for _ in range(n)]
    escal_cues: list[list[str]] = [[] for _ in range(n)]

    if len(idx):
        scores = score_texts(it_texts, it_emb, models)
        label[idx], score[idx], proba[idx] = scores.label, scores.score, scores.proba
        if scores.topic is not None and scores.similarity is not None:  # enrich always has one
            topic[idx], sim[idx] = scores.topic, scores.similarity
        category[idx] = scores.category
        for j, res in zip(idx, scores.intents, strict=True):
            churn[j], escal[j] = res.churn, res.escalation
            churn_cues[j], escal_cues[j] = list(res.churn_cues), list(res.escalation_cues)

    enrichments = pd.DataFrame(
        {
            "doc_id": docs["doc_id"].to_numpy(),
            "text_hash": docs["text_hash"].to_numpy(),
            "sentiment_label": label,
            "sentiment_score": score,
            "p_negativo": proba[:, 0],
            "p_neutro": proba[:, 1],
            "p_positivo": proba[:, 2],
            "topic_id": np.where(italian, topic, -1),
            "topic_similarity": sim,
            "category_id": category,
            "churn_intent": churn,
            "churn_cues": churn_cues,
            "escalation": escal,
            "escalation_cues": escal_cues,
            "sentiment_model": models.sentiment_id,
            "topic_model": models.topic_id,
            "run_id": run_id,
            "enriched_at": now,
        }
    )
    doc_topics = _aspects(docs, idx, it_texts, topic, category, score, models, embed_sentences)
    return enrichments, doc_topics


def _aspects(
    docs: pd.DataFrame,
    idx: np.ndarray,
    it_texts: list[str],
    topic: np.ndarray,
    category: np.ndarray,
    score: np.ndarray,
    models: EnrichmentModels,
    embed_sentences: EmbedFn,
) -> pd.DataFrame:
    """Per (document, topic) sentiment from sentence-level scoring."""
    owners: list[int] = []
    sentences: list[str] = []
    for j, text in zip(idx, it_texts, strict=True):
        for s in aspect_sentences(text):
            owners.append(int(j))
            sentences.append(s)
    rows: list[dict[str, Any]] = []
    multi = set(owners)
    if sentences:
        emb = embed_sentences(sentences)
        s_rec = predict_records(models.sentiment, emb, sentences)
        s_topic, _ = models.topics.transform(emb)
        s_cat = models.taxonomy.predict(emb)
        frame = pd.DataFrame(
            {
                "owner": owners,
                "topic_id": s_topic,
                "category_id": s_cat,
                "score": s_rec["score"],
            }
        )
        # A sentence that fits no topic inherits the document's topic: it is still about it.
        frame.loc[frame.topic_id < 0, "topic_id"] = topic[frame.owner[frame.topic_id < 0]]
        grouped = frame.groupby(["owner", "topic_id"], sort=True).agg(
            n_sentences=("score", "size"), sentiment_score=("score", "mean")
        )
        grouped["category_id"] = _most_common_category(frame)
        doc_ids = docs["doc_id"].to_numpy()
        for (owner, t_id), n, mean, cat in zip(
            grouped.index,
            grouped["n_sentences"],
            grouped["sentiment_score"],
            grouped["category_id"],
            strict=True,
        ):
            rows.append(
                {
                    "doc_id": doc_ids[owner],
                    "topic_id": int(t_id),
                    "category_id": cat,
                    "n_sentences": int(n),
                    "sentiment_score": float(mean),
                }
            )
    for j in idx:
        if int(j) in multi:
            continue
        rows.append(
            {
                "doc_id": docs["doc_id"].iat[int(j)],
                "topic_id": int(topic[j]),
                "category_id": category[j],
                "n_sentences": 1,
                "sentiment_score": float(score[j]),
            }
        )
    out = pd.DataFrame(
        rows,
        columns=["doc_id", "topic_id", "category_id", "n_sentences", "sentiment_score"],
    )
    out["sentiment_label"] = [_label_of(s) for s in out["sentiment_score"]]
    out["topic_model"] = models.topic_id
    return out


def _most_common_category(frame: pd.DataFrame) -> pd.Series:
    """Per (owner, topic_id): the most frequent category_id, the smallest on a tie (as
    ``Series.mode().iat[0]``), without a Python call per group."""
    counts = frame.groupby(["owner", "topic_id", "category_id"], sort=True).size()
    counts = counts.reset_index(name="n").sort_values(
        ["owner", "topic_id", "n", "category_id"],
        ascending=[True, True, False, True],
        kind="stable",
    )
    first = counts.drop_duplicates(["owner", "topic_id"])
    return first.set_index(["owner", "topic_id"])["category_id"]


def memory_cache() -> tuple[
    Callable[[list[str]], dict[str, np.ndarray]], Callable[[list[str], np.ndarray], None]
]:
    """``(lookup, store)`` for :func:`embed_with_cache` over a dict: one command's texts, no DB."""
    cache: dict[str, np.ndarray] = {}

    def lookup(hashes: list[str]) -> dict[str, np.ndarray]:
        return {h: cache[h] for h in hashes if h in cache}

    def store(hashes: list[str], vectors: np.ndarray) -> None:
        cache.update(zip(hashes, vectors, strict=True))

    return lookup, store


def _aspect_parts(embedder: Embedder, known: set[str]) -> dict[str, np.ndarray]:
    """Hash → vector of the aspect-sized sentences a one-pass embedder just encoded.

    Cached with their documents, so the aspect sentences are not encoded a second time when the
    documents were embedded elsewhere first (the topic sample of a first run).
    """
    last_parts = getattr(embedder, "last_parts", None)
    if last_parts is None:
        return {}
    out: dict[str, np.ndarray] = {}
    for text, vector in last_parts().items():
        h = content_hash(text)
        if h not in known and len(text.split()) >= MIN_SENTENCE_WORDS:
            out[h] = vector
    return out


def embed_with_cache(
    texts: Sequence[str],
    embedder: Embedder,
    lookup: Callable[[list[str]], dict[str, np.ndarray]],
    store: Callable[[list[str], np.ndarray], None],
    progress: Callable[[int], None] | None = None,
) -> np.ndarray:
    """Embed texts, computing only those whose content hash is not cached yet.

    Args:
        texts: texts to embed.
        embedder: the active embedder.
        lookup: hashes → cached vectors (from storage, or an in-memory dict).
        store: saves newly computed (hashes, vectors).
        progress: called with the number of texts done after each batch.
    """
    hashes = [content_hash(t) for t in texts]
    cached = lookup(hashes)
    missing_hashes: list[str] = []
    missing_texts: list[str] = []
    seen: set[str] = set()
    for h, t in zip(hashes, texts, strict=True):
        if h not in cached and h not in seen:
            seen.add(h)
            missing_hashes.append(h)
            missing_texts.append(t)
    if progress is not None:
        progress(len(texts) - len(missing_texts))
    if missing_texts:
        vectors = embedder.embed(missing_texts, progress=progress)
        parts = _aspect_parts(embedder, seen | set(cached))
        if parts:
            missing_hashes += list(parts)
            vectors = np.vstack([vectors, np.stack(list(parts.values()))])
        store(missing_hashes, vectors)
        cached = {**cached, **dict(zip(missing_hashes, vectors, strict=True))}
    dim = embedder.dim or (len(next(iter(cached.values()))) if cached else 0)
    out = np.zeros((len(texts), dim), dtype=np.float32)
    for i, h in enumerate(hashes):
        out[i] = cached[h]
    return out


@dataclass
class BatchResult:
    """What enriching one batch produced, ready to store."""

    enrichments: pd.DataFrame
    doc_topics: pd.DataFrame
    new_hashes: list[str]
    new_vectors: np.ndarray


def is_scorable(docs: pd.DataFrame) -> np.ndarray:
    """Italian, non-empty documents: the ones the Italian models read."""
    texts = docs["text"].fillna("").astype(str)
    return ((docs["language"].fillna("it") == "it") & (texts.str.strip() != "")).to_numpy()


def batch_hashes(docs: pd.DataFrame) -> list[str]:
    """Content hashes a batch will need embeddings for (documents and aspect sentences)."""
    hashes: list[str] = []
    for text, ok in zip(docs["text"].fillna("").astype(str), is_scorable(docs), strict=True):
        if ok:
            hashes.append(content_hash(text))
            hashes.extend(content_hash(s) for s in aspect_sentences(text))
    return hashes


def enrich_batch(
    docs: pd.DataFrame,
    cached: dict[str, np.ndarray],
    models: EnrichmentModels,
    *,
    run_id: str,
    now: datetime,
) -> BatchResult:
    """Enrich one batch without touching storage (so it can run on a Dask worker).

    Args:
        docs: ``doc_id``, ``text``, ``text_hash``, ``language`` of the batch.
        cached: embeddings already known for the batch's hashes (see :func:`batch_hashes`).
        models: the active models.
        run_id: the enrich run.
        now: enrichment timestamp.

    Returns:
        Enrichment rows, aspect rows, and the embeddings computed here (for the cache).
    """
    memo = dict(cached)
    new: dict[str, np.ndarray] = {}

    def lookup(hashes: list[str]) -> dict[str, np.ndarray]:
        return {h: memo[h] for h in hashes if h in memo}

    def store(hashes: list[str], vectors: np.ndarray) -> None:
        for h, v in zip(hashes, vectors, strict=True):
            memo[h] = new[h] = v

    def embed(texts: Sequence[str]) -> np.ndarray:
        return embed_with_cache(list(texts), models.embedder, lookup, store)

    docs = docs.reset_index(drop=True)
    ok = np.flatnonzero(is_scorable(docs))
    emb = np.zeros((len(docs), models.embedder.dim or 384), dtype=np.float32)
    if len(ok):
        vectors = embed(docs["text"].iloc[ok].astype(str).tolist())
        if emb.shape[1] != vectors.shape[1]:
            emb = np.zeros((len(docs), vectors.shape[1]), dtype=np.float32)
        emb[ok] = vectors
    enrichments, doc_topics = enrich_frame(docs, emb, models, embed, run_id=run_id, now=now)
    new_vectors = np.vstack(list(new.values())) if new else np.zeros((0, emb.shape[1]))
    return BatchResult(enrichments, doc_topics, list(new), new_vectors)


__all__ = [
    "LABELS",
    "BatchResult",
    "EnrichmentModels",
    "TextScores",
    "aspect_sentences",
    "batch_hashes",
    "embed_with_cache",
    "enrich_batch",
    "enrich_frame",
    "is_scorable",
    "score_texts",
]
