"""Which documents of a split topic go to which part (keywords first, then example documents).

The rule, applied to every document whose topic (document level, or a topic its sentences talk
about: aspect level) the split divides:

1. a document containing a keyword of a part goes to the first such part (keywords are matched
   on whole words, case and accents ignored; ``bollett*`` matches every word starting with
   ``bollett``);
2. otherwise, when some parts have example documents, it goes to the part whose examples'
   mean embedding is closest (cosine); an example document always goes to its own part;
3. otherwise it stays in the topic, which keeps its name.

The rule reads only the document's text and embedding, so it gives the same answer for the
history and for next week's documents, and it is recomputed after every refit.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from pipelines.curation.edits import SplitPart

__all__ = ["assign_parts", "fold", "keyword_pattern"]

PART_COLUMNS = ["doc_id", "topic_id", "part_id"]


def fold(text: str) -> str:
    """Lower case without accents (``Perché`` → ``perche``), for keyword matching."""
    decomposed = unicodedata.normalize("NFKD", str(text).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def keyword_pattern(keywords: Sequence[str]) -> re.Pattern[str] | None:
    """One regex matching any keyword as whole words (``*`` at the end: any word ending)."""
    alternatives = []
    for word in keywords:
        w = fold(word).strip()
        star = w.endswith("*")
        w = w.rstrip("*").strip()
        if not w:
            continue
        body = r"\s+".join(re.escape(p) for p in w.split())
        alternatives.append(body + (r"\w*" if star else ""))
    if not alternatives:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")


def assign_parts(
    docs: pd.DataFrame,
    parts: Sequence[SplitPart],
    vectors: Mapping[str, np.ndarray],
) -> pd.DataFrame:
    """The documents that move to a part.

    Args:
        docs: ``doc_id``, ``topic_id`` (the model topic being divided), ``text``, ``text_hash``;
            one row per document and topic.
        parts: the split's parts, each with its ``part_id``.
        vectors: text_hash → embedding (documents without one are matched by keyword only).

    Returns:
        ``doc_id, topic_id, part_id`` of the documents that leave the topic for a part.
    """
    if docs.empty or not parts:
        return pd.DataFrame(columns=PART_COLUMNS)
    patterns = [keyword_pattern(p.keywords) for p in parts]
    examples: dict[str, int] = {d: p.part_id for p in parts for d in p.doc_ids if p.part_id}
    hash_of = dict(zip(docs["doc_id"], docs["text_hash"], strict=False))
    centroids: list[tuple[int, np.ndarray]] = []
    for part in parts:
        vecs = [vectors[hash_of[d]] for d in part.doc_ids if hash_of.get(d) in vectors]
        if vecs and part.part_id is not None:
            c = np.mean(np.vstack(vecs), axis=0)
            norm = float(np.linalg.norm(c))
            if norm > 0:
                centroids.append((part.part_id, c / norm))
    rows: list[tuple[str, int, int]] = []
    for doc_id, topic_id, text, text_hash in docs[
        ["doc_id", "topic_id", "text", "text_hash"]
    ].itertuples(index=False):
        part_id = examples.get(doc_id)
        if part_id is None:
            folded = fold(text or "")
            for part, pattern in zip(parts, patterns, strict=True):
                if pattern is not None and pattern.search(folded):
                    part_id = part.part_id
                    break
        if part_id is None and centroids and text_hash in vectors:
            v = np.asarray(vectors[text_hash], dtype=np.float32)
            sims = [float(c @ v) for _pid, c in centroids]
            part_id = centroids[int(np.argmax(sims))][0]
        if part_id is not None:
            rows.append((str(doc_id), int(topic_id), int(part_id)))
    return pd.DataFrame(rows, columns=PART_COLUMNS).drop_duplicates(["doc_id", "topic_id"])
