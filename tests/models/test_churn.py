"""Churn signals, default and fitted scorer, Italian reasons, skops persistence."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from models.churn import (
    FEATURES,
    ChurnRiskScorer,
    customer_features,
    explain,
    risk_level,
    snapshot_dataset,
)

AS_OF = datetime(2026, 10, 5)


def _doc(cid: str, days_ago: float, label: str = "neutro", **over: object) -> dict:
    score = {"negativo": -0.7, "neutro": 0.0, "positivo": 0.7}[label]
    row = {
        "customer_id": cid, "created_at": AS_OF - timedelta(days=days_ago), "kind": "reviews",
        "status": None, "rating": np.nan, "sentiment_label": label, "sentiment_score": score,
        "churn_intent": False, "escalation": False, "churn_cues": [], "escalation_cues": [],
        "text": f"testo di {cid} {days_ago}",
    }  # fmt: skip
    row.update(over)
    return row


def _docs() -> pd.DataFrame:
    rows = [
        # Leaving: repeated, worsening contacts, an open ticket, explicit intent, rating drop.
        _doc("C1", 80, "positivo", rating=5.0),
        _doc("C1", 20, "negativo", kind="tickets", status="open"),
        _doc("C1", 10, "negativo", kind="tickets", status="pending", escalation=True,
             escalation_cues=["reclamo formale"]),
        _doc("C1", 2, "negativo", rating=1.0, churn_intent=True, churn_cues=["disdetta", "passo a"]),
        # Angry but staying: negative, no intent.
        _doc("A1", 25, "negativo"),
        _doc("A1", 5, "negativo", kind="tickets", status="solved"),
        # Happy, one contact.
        _doc("H1", 3, "positivo", rating=5.0),
        # Inactive: last contact long ago.
        _doc("OLD", 200, "negativo", churn_intent=True),
        # Future documents must be ignored.
        _doc("H1", -3, "negativo", churn_intent=True),
    ]  # fmt: skip
    return pd.DataFrame(rows)


def test_customer_features_signals_and_no_peeking() -> None:
    f = customer_features(_docs(), AS_OF)
    assert set(f.index) == {"C1", "A1", "H1"}  # OLD is outside the 90-day window
    c1, h1 = f.loc["C1"], f.loc["H1"]
    assert c1["intent"] == pytest.approx(0.5 ** (2 / 30))  # half-life 30 days
    assert c1["escalation"] > 0 and c1["contacts_30d_n"] == 3
    assert c1["open_tickets"] == 2 and c1["unresolved"] == pytest.approx(np.log1p(2))
    assert c1["rating_drop"] == pytest.approx(1.0) and c1["low_rating"] == 1.0
    assert c1["sentiment_drop"] > 0.3
    assert c1["churn_cues"] == ["disdetta", "passo a"]
    assert c1["last_texts"][0] == "testo di C1 2"  # most recent first
    assert h1["intent"] == 0.0 and h1["n_documents"] == 1  # the future document is ignored
    assert set(FEATURES) <= set(f.columns)


def test_default_scorer_ranks_leaver_first_and_explains_in_italian() -> None:
    f = customer_features(_docs(), AS_OF)
    scorer = ChurnRiskScorer().fit(f[list(FEATURES)])
    assert scorer.mode_ == "default"
    p = pd.Series(scorer.predict_proba(f[list(FEATURES)])[:, 1], index=f.index)
    assert ((p >= 0) & (p <= 1)).all()
    assert p["C1"] > p["A1"] > p["H1"]
    assert risk_level(p["C1"]) == "alto" and risk_level(p["H1"]) == "basso"
    reasons = explain(f, scorer.contributions(f[list(FEATURES)]))
    c1 = reasons[list(f.index).index("C1")]
    assert c1[0] == "Intenzione di abbandono: «disdetta», «passo a»"
    assert len(c1) == 4 and "Messaggi negativi: 3 su 4 negli ultimi 90 giorni" in c1
    every = explain(f, scorer.contributions(f[list(FEATURES)]), max_reasons=10)
    c1_all = every[list(f.index).index("C1")]
    assert "Minaccia di escalation: «reclamo formale»" in c1_all
    assert "2 ticket non risolti" in c1_all and "Contatto recente" not in c1_all
    assert reasons[list(f.index).index("H1")] == []


def test_empty_input_gives_empty_frame() -> None:
    empty = customer_features(_docs().iloc[0:0], AS_OF)
    assert empty.empty and set(FEATURES) <= set(empty.columns)


def _labelled(seed: int, n: int = 400) -> tuple[pd.DataFrame, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = pd.DataFrame(rng.random((n, len(FEATURES))) * 0.3, columns=list(FEATURES))
    y = (rng.random(n) < 0.15).astype(int)
    X.loc[y == 1, "escalation"] += 0.6  # in this population escalation is what predicts churn
    return X, y


def test_fitted_scorer_learns_weights_and_calibrates(tmp_path: Path) -> None:
    X, y = _labelled(0)
    scorer = ChurnRiskScorer(random_state=0).fit(X, y)
    assert scorer.mode_ == "fitted"
    coef = dict(zip(FEATURES, scorer.coef_, strict=True))
    assert coef["escalation"] == max(coef.values())
    proba = scorer.predict_proba(X)[:, 1]
    assert abs(proba.mean() - y.mean()) < 0.05  # calibrated: no inflation from class weights
    path = tmp_path / "churn.skops"
    scorer.save(path)
    again = ChurnRiskScorer.load(path)
    assert np.allclose(again.predict_proba(X), scorer.predict_proba(X))


def test_fit_needs_both_classes_and_the_right_columns() -> None:
    X, _ = _labelled(1, 20)
    with pytest.raises(ValueError, match="both"):
        ChurnRiskScorer().fit(X, np.zeros(20, dtype=int))
    with pytest.raises(ValueError, match="feature columns"):
        ChurnRiskScorer().fit(np.zeros((3, 2)))


def test_snapshot_dataset_labels_within_horizon_and_drops_the_gone() -> None:
    docs = _docs()
    outcomes = pd.DataFrame(
        {
            "customer_id": ["C1", "A1"],
            "churned_at": [AS_OF + timedelta(days=20), AS_OF - timedelta(hours=12)],
        }
    )
    data = snapshot_dataset(docs, outcomes, [AS_OF - timedelta(days=1), AS_OF], horizon_days=30)
    first = data[data["snapshot"] == pd.Timestamp(AS_OF - timedelta(days=1))].set_index(
        "customer_id"
    )
    last = data[data["snapshot"] == pd.Timestamp(AS_OF)].set_index("customer_id")
    assert first.loc["C1", "churned"] == 1 and first.loc["H1", "churned"] == 0
    assert first.loc["A1", "churned"] == 1
    assert "A1" not in last.index  # gone by the second snapshot
    assert set(FEATURES) <= set(data.columns)
