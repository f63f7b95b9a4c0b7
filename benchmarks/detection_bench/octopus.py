"""Octopus replay: the real Trustpilot stream week by week, the alerts it raises, with quotes.

``python benchmarks/detection.py octopus``.
"""

from __future__ import annotations

import hashlib
import time

import numpy as np
import pandas as pd

from models.detection import STATUS_NEW, DetectionParams
from pipelines.detect import detect_alerts
from pipelines.weeks import week_range

from .embeddings import bench_embedder, embed_cached
from .streams import octopus_frame


def run_octopus(params: DetectionParams, verbose: bool = True) -> dict:
    """Replay the Octopus stream week by week; list the alerts it raises."""
    from models.taxonomy import TaxonomyClassifier, load_taxonomy

    df = octopus_frame()
    emb = embed_cached(df["text"].tolist())
    embedder = bench_embedder()
    tax = TaxonomyClassifier().fit(load_taxonomy(), embedder.embed)
    df["category_id"] = tax.predict(emb)
    df["iso_week"] = df["created_at"].dt.strftime("%G-W%V")
    stars = df["rating"]
    df["sentiment_label"] = np.where(
        stars <= 2, "negativo", np.where(stars == 3, "neutro", "positivo")
    )
    df["sentiment_score"] = (stars - 3) / 2
    df["kind"] = "reviews"
    df["channel"] = "trustpilot"
    df["topic_id"] = -1  # no topic model: categories and new themes only
    df["language"] = "it"
    df["text_hash"] = [hashlib.sha256(t.encode("utf-8")).hexdigest() for t in df["text"]]
    weeks = week_range(df["iso_week"].min(), df["iso_week"].max())
    vectors = dict(zip(df["text_hash"], emb, strict=True))
    labels = dict(tax.category_labels_)
    t0 = time.perf_counter()
    alerts = detect_alerts(df, pd.DataFrame(), weeks, params, category_labels=labels,
                           vectors=vectors, seed=0)  # fmt: skip
    elapsed = time.perf_counter() - t0
    new = alerts[alerts["status"] == STATUS_NEW] if len(alerts) else alerts
    weekly = df.groupby("iso_week").agg(
        n=("doc_id", "size"), neg=("sentiment_label", lambda s: (s == "negativo").sum())
    )
    # The weeks with the most negative reviews, to judge what the detector left alone.
    neg = df[df["sentiment_label"] == "negativo"]
    busiest = neg.groupby("iso_week").size().sort_values(ascending=False).head(6)
    if verbose:
        print(f"\n== Octopus Energy Italia, Trustpilot: {len(df)} reviews, {len(weeks)} weeks "
              f"({weeks[0]} … {weeks[-1]}), {int(weekly['neg'].sum())} negative (<= 2 stars); "
              f"replay {elapsed:.1f} s")  # fmt: skip
        print(
            f"weekly volume median {weekly['n'].median():.0f} (max {weekly['n'].max()}), "
            f"negatives per week median {weekly['neg'].median():.0f} (max {weekly['neg'].max()})"
        )
        print(
            f"new alerts: {len(new)} over {len(weeks)} weeks "
            f"({10 * len(new) / len(weeks):.2f} per 10 weeks)"
        )
        for _, a in new.iterrows():
            span = alerts[alerts["alert_id"] == a["alert_id"]]["iso_week"]
            print(f"\n* {a['iso_week']} [{a['scope']}] {a['topic_label']}: {a['volume']} negative vs "
                  f"{a['baseline']} expected (z {a['z_score']}, p {max(a['p_value'], 1e-6):.1g}, share "
                  f"{a['share_negativo']:.2f} vs {a['share_baseline'] if a['share_baseline'] is not None else float('nan'):.2f}); "
                  f"open {span.min()} → {span.max()}")  # fmt: skip
            if len(a["keywords"]):
                print(f"  keywords: {', '.join(a['keywords'])}")
            for q in list(a["quotes"])[:3]:
                print(f"  «{q[:200]}»")
        print("\nWeeks with the most negative reviews (categories of their negatives):")
        for week, n in busiest.items():
            cats = neg[neg["iso_week"] == week]["category_id"].value_counts().head(3)
            flagged = week in set(alerts["iso_week"]) if len(alerts) else False
            print(f"  {week}: {n} negative of {int(weekly.loc[week, 'n'])} "
                  f"({', '.join(f'{c} {k}' for c, k in cats.items())})"
                  f"{'  [alert]' if flagged else ''}")  # fmt: skip
    return {"reviews": len(df), "weeks": len(weeks), "new_alerts": len(new),
            "alerts": new[["iso_week", "scope", "topic_label", "volume", "baseline", "z_score"]].to_dict("records") if len(new) else []}  # fmt: skip
