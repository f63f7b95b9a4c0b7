"""Churn-risk ranking: simulated customer histories and the demo generator's cohort (precision@k).

``python benchmarks/detection.py churn``.
"""

from __future__ import annotations

import json
import time
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from models.churn import ChurnRiskScorer
from pipelines.detect import fit_churn_model, score_churn


def simulate_customers(
    seed: int,
    *,
    n_pool: int = 3000,
    n_cohort: int = 60,
    n_angry: int = 40,
    intent_recall: float = 0.85,
    fp_intent: float = 0.01,
    weeks: int = 16,
    start: datetime = datetime(2025, 1, 6),
) -> tuple[pd.DataFrame, list[str], pd.DataFrame]:
    """Customer documents: background pool, a churn cohort, angry-but-loyal customers.

    Returns:
        (docs, cohort ids, outcomes with churned_at for the cohort).
    """
    rng = np.random.default_rng(seed)
    span = timedelta(weeks=weeks)
    rows: list[dict] = []

    def doc(cid: str, ts: datetime, sent: str, *, intent: bool = False, escal: bool = False,
            open_: bool = False, rating: float | None = None) -> None:  # fmt: skip
        kind = "tickets" if rng.random() < 0.6 else "reviews"
        score = {"neg": -0.65, "neu": 0.0, "pos": 0.6}[sent] + rng.normal(0, 0.15)
        if kind == "reviews" and rating is None:
            rating = {"neg": rng.choice([1, 2]), "neu": 3, "pos": rng.choice([4, 5])}[sent]
        rows.append(
            {
                "customer_id": cid, "created_at": ts, "kind": kind,
                "status": ("open" if open_ else "solved") if kind == "tickets" else None,
                "rating": float(rating) if kind == "reviews" and rating is not None else np.nan,
                "sentiment_label": {"neg": "negativo", "neu": "neutro", "pos": "positivo"}[sent],
                "sentiment_score": float(np.clip(score, -1, 1)),
                "churn_intent": intent, "escalation": escal,
                "churn_cues": ["disdetta"] if intent else [], "escalation_cues": ["reclamo formale"] if escal else [],
                "text": f"testo simulato {len(rows)}",
            }
        )  # fmt: skip

    for i in range(n_pool):
        cid = f"P{i:05d}"
        for _ in range(rng.poisson(1.2)):
            ts = start + span * rng.random()
            sent = rng.choice(["neg", "neu", "pos"], p=[0.45, 0.3, 0.25])
            doc(cid, ts, sent, intent=rng.random() < fp_intent,
                escal=rng.random() < (0.04 if sent == "neg" else 0.005),
                open_=rng.random() < 0.1)  # fmt: skip
    for i in range(n_angry):
        cid = f"A{i:04d}"
        for _ in range(rng.integers(3, 7)):
            ts = start + span * rng.uniform(0.02, 0.99)
            # "Non voglio disdire, ma…": the negation-aware detector still slips sometimes.
            doc(cid, ts, "neg", intent=rng.random() < 0.08, escal=rng.random() < 0.3,
                open_=rng.random() < 0.3)  # fmt: skip
    cohort: list[str] = []
    outcomes = []
    for i in range(n_cohort):
        cid = f"C{i:04d}"
        cohort.append(cid)
        k = int(rng.integers(4, 8))
        first = start + span * rng.uniform(0.0, 0.3)
        last = start + span * rng.uniform(0.74, 0.995)
        pos = [0.0, *sorted(np.sqrt(rng.random(k - 2))), 1.0]
        r0 = rng.choice([4.0, 5.0])
        for j, p in enumerate(pos):
            ts = first + (last - first) * p
            frac = j / (k - 1)
            final = j == k - 1
            sent = ("neu" if rng.random() < 0.4 else "neg") if frac < 0.34 else "neg"
            doc(cid, ts, sent, intent=final and rng.random() < intent_recall,
                escal=frac > 0.5 and rng.random() < 0.3, open_=frac > 0.5 and rng.random() < 0.5,
                rating=max(1.0, r0 - 4 * frac))  # fmt: skip
        outcomes.append(
            {"customer_id": cid, "churned_at": last + timedelta(days=float(rng.uniform(3, 40)))}
        )
    docs = pd.DataFrame(rows).sort_values("created_at").reset_index(drop=True)
    docs["created_at"] = pd.to_datetime(docs["created_at"])
    return docs, cohort, pd.DataFrame(outcomes)


def _rank_metrics(risk: pd.DataFrame, positives: set[str], k: int = 50) -> dict[str, float]:
    top = risk["customer_id"].head(k).tolist()
    hits = sum(c in positives for c in top)
    top100 = sum(c in positives for c in risk["customer_id"].head(100))
    return {f"precision@{k}": hits / k, f"recall@{k}": hits / len(positives),
            "recall@100": top100 / len(positives)}  # fmt: skip


def run_churn(n: int, seed: int, verbose: bool = True) -> dict:
    """Default-weight ranking over simulated populations, then fitted weights."""
    t0 = time.perf_counter()
    settings = [
        {"intent_recall": 0.85, "n_angry": 40, "fp_intent": 0.01},
        {"intent_recall": 0.6, "n_angry": 40, "fp_intent": 0.01},
        {"intent_recall": 0.85, "n_angry": 100, "fp_intent": 0.02},
        {"intent_recall": 1.0, "n_angry": 20, "fp_intent": 0.005},
    ]
    table = []
    for cfg in settings:
        ms = []
        for s in range(seed, seed + n):
            docs, cohort, _ = simulate_customers(s, **cfg)
            as_of = docs["created_at"].max() + timedelta(hours=1)
            risk = score_churn(docs, as_of.to_pydatetime(), ChurnRiskScorer().fit(np.zeros((1, 9))))
            ms.append(_rank_metrics(risk, set(cohort)))
        table.append({**cfg, **{k: float(np.mean([m[k] for m in ms])) for k in ms[0]}})
    # Fitted weights: train on one population's outcomes (a longer history), test on fresh ones.
    fit_rows = []
    for s in range(seed, seed + max(2, n // 3)):
        cfg = {"intent_recall": 0.6, "n_angry": 60, "fp_intent": 0.01}
        docs, _, outcomes = simulate_customers(1000 + s, weeks=40, n_cohort=150, **cfg)
        as_of = (docs["created_at"].max() + timedelta(days=1)).to_pydatetime()
        scorer, metrics = fit_churn_model(docs, outcomes, as_of, seed=s)
        test_docs, cohort, _ = simulate_customers(2000 + s, **cfg)
        t_as_of = (test_docs["created_at"].max() + timedelta(hours=1)).to_pydatetime()
        default = _rank_metrics(
            score_churn(test_docs, t_as_of, ChurnRiskScorer().fit(np.zeros((1, 9)))), set(cohort)
        )
        fitted = (
            _rank_metrics(score_churn(test_docs, t_as_of, scorer), set(cohort)) if scorer else {}
        )
        fit_rows.append({"seed": s, "positives": metrics.get("positives"),
                         "default_p@50": default["precision@50"],
                         "fitted_p@50": fitted.get("precision@50", np.nan),
                         "holdout_AP_fitted": metrics.get("fitted", {}).get("average_precision"),
                         "holdout_AP_default": metrics.get("default", {}).get("average_precision")})  # fmt: skip
    elapsed = time.perf_counter() - t0
    if verbose:
        print(
            f"\n== Churn risk, simulated populations (3000 customers, cohort 60), {elapsed:.1f} s"
        )
        print(pd.DataFrame(table).to_string(index=False, float_format=lambda x: f"{x:.3f}"))
        print(
            "\nFitted weights (trained on a 40-week history with outcomes, tested on a fresh population):"
        )
        print(pd.DataFrame(fit_rows).to_string(index=False, float_format=lambda x: f"{x:.3f}"))
    return {"default": table, "fitted": fit_rows, "seconds": round(elapsed, 1)}


def _demo_documents(folder: Path) -> tuple[pd.DataFrame, datetime, set[str], set[str]]:
    """Raw demo files as scored documents: the generator's own sentiment labels, the production
    intent detector (``models.intent``). A fast proxy of the enriched demo database."""
    from models.intent import detect_intents

    truth = json.loads((folder / "ground_truth.json").read_text(encoding="utf-8"))
    labels = truth["labels"]
    rows = []
    reviews = pd.read_csv(folder / "reviews.csv", dtype=str)
    for r in reviews.itertuples():
        cid = r.customer_id if isinstance(r.customer_id, str) and r.customer_id else None
        rows.append({"kind": "reviews", "id": str(r.id), "created_at": r.created_at,
                     "text": str(r.text), "rating": r.rating, "customer_id": cid, "status": None})  # fmt: skip
    tickets = json.loads((folder / "tickets.json").read_text(encoding="utf-8"))
    tickets = tickets["tickets"] if isinstance(tickets, dict) else tickets
    for t in tickets:
        parts = [str(t.get("subject") or "")]
        parts += [c["body"] for c in t.get("comments", []) if c.get("author_role") == "customer"]
        rows.append({"kind": "tickets", "id": str(t["id"]), "created_at": t["created_at"],
                     "text": " ".join(parts), "rating": None, "customer_id": t.get("requester_id"),
                     "status": t.get("status")})  # fmt: skip
    df = pd.DataFrame(rows)
    when = pd.to_datetime(df["created_at"], errors="coerce", utc=True, format="mixed")
    df["created_at"] = when.dt.tz_localize(None)
    df = df.dropna(subset=["created_at"]).reset_index(drop=True)
    df["rating"] = pd.to_numeric(df["rating"].astype(str).str.replace(",", "."), errors="coerce")
    mapping = {"neg": "negativo", "mixed": "negativo", "neu": "neutro", "pos": "positivo"}
    sent = [
        labels.get(k, {}).get(i, {}).get("sentiment")
        for k, i in zip(df["kind"], df["id"], strict=True)
    ]
    df["sentiment_label"] = [mapping.get(x) for x in sent]
    df["sentiment_score"] = df["sentiment_label"].map(
        {"negativo": -0.6, "neutro": 0.0, "positivo": 0.6}
    )
    found = detect_intents(df["text"].tolist(), [truth.get("company", "")])
    df["churn_intent"] = [r.churn for r in found]
    df["escalation"] = [r.escalation for r in found]
    df["churn_cues"] = [list(r.churn_cues) for r in found]
    df["escalation_cues"] = [list(r.escalation_cues) for r in found]
    as_of = datetime.fromisoformat(truth["weeks"][-1]["start"]) + timedelta(days=7)
    events = truth["events"]
    return (df, as_of, set(events["churn_cohort"]["customer_ids"]),
            set(events["hard_negatives"]["customer_ids"]))  # fmt: skip


def run_demo_churn(seeds: list[int], verbose: bool = True) -> list[dict]:
    """Churn ranking on the demo generator's planted cohort (raw files, no embeddings)."""
    import tempfile

    from pipelines.demo.generate import generate_demo

    rows = []
    for seed in seeds:
        with tempfile.TemporaryDirectory() as tmp:
            generate_demo(Path(tmp), seed=seed)
            docs, as_of, cohort, hard = _demo_documents(Path(tmp))
        risk = score_churn(docs, as_of, ChurnRiskScorer().fit(np.zeros((1, 9))))
        top = risk["customer_id"].head(50).tolist()
        rows.append({"seed": seed, **_rank_metrics(risk, cohort),
                     "hard_negatives_in_top50": sum(c in hard for c in top),
                     "intent_docs_in_hard_negatives": int(docs[docs["customer_id"].isin(hard)]["churn_intent"].sum())})  # fmt: skip
    if verbose:
        print("\nDemo generator cohort (60 churners, 20 angry-but-loyal; generator sentiment labels, "
              "production intent detector):")  # fmt: skip
        print(pd.DataFrame(rows).to_string(index=False, float_format=lambda x: f"{x:.3f}"))
    return rows
