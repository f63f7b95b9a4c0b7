"""Real review streams as enriched document frames, and their replay through the detector.

The Octopus Energy Italia Trustpilot reviews (real dates) and the Amazon.it Echo Dot reviews
(seeded dates) are read from ``../shared/data``: third-party research data, never copied into the
repository.
"""

from __future__ import annotations

import hashlib
import sys
import time
from datetime import datetime
from typing import Any

import numpy as np
import pandas as pd

from models.detection import STATUS_NEW, DetectionParams
from pipelines.detect import detect_alerts

from . import CACHE, DATA
from .embeddings import bench_embedder, embed_cached, model_tag


def octopus_frame() -> pd.DataFrame:
    """Octopus Energy Italia Trustpilot reviews: ``doc_id``, ``created_at``, ``text``, ``rating``."""
    raw = pd.read_csv(DATA / "octopus_energy_trustpilot_it" / "Recensioni_OCTOPUS.csv")
    title = raw["Reviewtitle"].fillna("").astype(str).str.strip()
    body = raw["Reviewtext"].fillna("").astype(str).str.strip()
    df = pd.DataFrame(
        {
            "doc_id": "reviews:" + raw["IDMPS"].astype(str),
            "created_at": pd.to_datetime(raw["DATA"], errors="coerce"),
            # The review body (the title when there is none): what the other benchmarks embed.
            "text": np.where(body.str.len() > 0, body, title),
            "rating": pd.to_numeric(raw["STELLE"], errors="coerce"),
        }
    ).dropna(subset=["created_at"])
    return df[df["text"].str.len() > 0].reset_index(drop=True)


def echo_frame(seed: int = 0, n_weeks: int = 52) -> pd.DataFrame:
    """Amazon.it Echo Dot reviews as a dated stream (the scrape has no dates: seeded dates).

    The weekly volume follows a slow seeded random walk with a few busy weeks (promotions), so
    the background is not a flat Poisson stream. About 7 % of the reviews have <= 2 stars: a
    negative density closer to a support queue than the Octopus stream's 1 %.
    """
    raw = pd.read_csv(DATA / "amazon_it_scraped_reviews" / "reviews_8.csv", dtype=str)
    text = raw["comment"].fillna("").map(lambda s: " ".join(s.split()))
    stars = pd.to_numeric(raw["stars"].str[0], errors="coerce")
    df = pd.DataFrame({"text": text, "rating": stars})
    df = df[(df["text"].str.len() > 0) & df["rating"].notna()].drop_duplicates("text")
    rng = np.random.default_rng(seed)
    level = np.exp(np.cumsum(rng.normal(0, 0.08, n_weeks)))
    level[rng.choice(n_weeks, 3, replace=False)] *= 1.8
    week = rng.choice(n_weeks, size=len(df), p=level / level.sum())
    start = datetime(2024, 1, 1)
    offsets = pd.to_timedelta(week * 7 + rng.integers(0, 7, len(df)), unit="D")
    df["created_at"] = pd.Timestamp(start) + offsets
    df["doc_id"] = [f"reviews:echo-{i}" for i in range(len(df))]
    return df.reset_index(drop=True)


def prepared_stream(stream: str) -> tuple[pd.DataFrame, dict[str, str], Any]:
    """Documents of a real stream enriched as ``run_octopus`` does, plus topics from a topic model.

    Categories come from the taxonomy classifier over the benchmark's embeddings; topics from the
    product's :class:`models.topics.TopicModel` fitted on the whole stream (cached), assigned by
    its own ``transform`` (outliers stay unassigned and feed the new-topic detection); sentiment
    from the stars (<= 2 negative, 3 neutral). Returns (documents, category labels, topic model).
    """
    import pickle

    from models.taxonomy import TaxonomyClassifier, load_taxonomy
    from models.topics import TopicModel

    df = octopus_frame() if stream == "octopus" else echo_frame()
    emb = embed_cached(df["text"].tolist())
    tax = TaxonomyClassifier().fit(load_taxonomy(), bench_embedder().embed)
    df["category_id"] = tax.predict(emb)
    key = hashlib.sha256("\x1f".join(df["text"]).encode("utf-8")).hexdigest()[:16]
    path = CACHE / f"topics_{stream}_{model_tag()}_{key}.pkl"
    if path.exists():
        topics = pickle.loads(path.read_bytes())
    else:
        t0 = time.perf_counter()
        topics = TopicModel(random_state=0).fit(df["text"].tolist(), emb, taxonomy=tax)
        path.write_bytes(pickle.dumps(topics))
        print(f"  topic model fitted in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    df["topic_id"] = topics.transform(emb)[0]
    stars = df["rating"]
    df["sentiment_label"] = np.where(
        stars <= 2, "negativo", np.where(stars == 3, "neutro", "positivo")
    )
    df["sentiment_score"] = (stars - 3) / 2
    df["kind"] = "reviews"
    df["channel"] = "trustpilot" if stream == "octopus" else "amazon"
    df["language"] = "it"
    df["text_hash"] = [hashlib.sha256(t.encode("utf-8")).hexdigest() for t in df["text"]]
    df["vector"] = list(emb)
    return df, dict(tax.category_labels_), topics


def assign_weeks(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with ``iso_week`` from ``created_at``."""
    return frame.assign(iso_week=frame["created_at"].dt.strftime("%G-W%V"))


def replay(
    docs: pd.DataFrame, weeks: list[str], params: DetectionParams, labels: dict, topic_labels: dict
) -> pd.DataFrame:
    """The production detector (:func:`pipelines.detect.alerts.detect_alerts`) on a document frame."""
    window = docs[docs["iso_week"].isin(set(weeks))]
    # Every negative document's embedding, as the pipeline loads them (new topics, dense groups).
    negative = window[window["sentiment_label"] == "negativo"]
    vectors = dict(zip(negative["text_hash"], negative["vector"], strict=True))
    return detect_alerts(
        window.drop(columns=["vector"]), pd.DataFrame(), weeks, params,
        topic_labels=topic_labels, category_labels=labels, vectors=vectors, seed=0,
    )  # fmt: skip


def new_alerts(
    docs: pd.DataFrame,
    weeks: list[str],
    warm: int,
    params: DetectionParams,
    labels: dict,
    topic_labels: dict,
) -> list[str]:
    """Replay ``weeks`` and describe the alerts opened ("nuovo") after the first ``warm`` weeks."""
    alerts = replay(docs, weeks, params, labels, topic_labels)
    if not len(alerts):
        return []
    new = alerts[(alerts["status"] == STATUS_NEW) & alerts["iso_week"].isin(weeks[warm:])]
    return [f"{a.iso_week} [{a.scope}] {a.topic_label}" for a in new.itertuples()]
