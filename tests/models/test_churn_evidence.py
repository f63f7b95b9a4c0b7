"""Churn reasons gain survey and service-level evidence."""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import pandas as pd

from models.churn import ChurnRiskScorer, customer_features, explain

AS_OF = datetime(2026, 10, 5)


def _docs() -> pd.DataFrame:
    rows = []
    for cid in ("A", "B", "C"):
        for days in (40, 10):
            rows.append({
                "customer_id": cid, "created_at": AS_OF - timedelta(days=days), "kind": "tickets",
                "status": "solved", "rating": np.nan, "sentiment_label": "neutro",
                "sentiment_score": 0.0, "churn_intent": False, "escalation": False,
                "churn_cues": [], "escalation_cues": [], "text": "richiesta",
            })  # fmt: skip
    return pd.DataFrame(rows)


def test_detractor_and_sla_breaches_raise_risk_and_give_reasons() -> None:
    surveys = pd.DataFrame({
        "customer_id": ["A", "A", "B", "C"],
        # A: promoter long ago, detractor lately (the latest answer counts); B: promoter;
        # C: no NPS, CSAT 1.
        "created_at": [AS_OF - timedelta(days=60), AS_OF - timedelta(days=5),
                       AS_OF - timedelta(days=5), AS_OF - timedelta(days=3)],
        "nps": [10, 2, 9, None], "csat": [None, None, None, 1],
    })  # fmt: skip
    breaches = pd.DataFrame(
        {
            "customer_id": ["B", "B", "A", "B"],
            "created_at": [AS_OF - timedelta(days=d) for d in (10, 40, 200, 400)],
        }
    )  # only the first two are in B's 90-day window; A's is too old
    feats = customer_features(_docs(), AS_OF, surveys=surveys, breaches=breaches)
    assert feats.loc["A", "detractor"] == 1.0 and feats.loc["A", "last_nps"] == 2
    assert feats.loc["B", "detractor"] == 0.0
    assert feats.loc["C", "detractor"] == 1.0 and np.isnan(feats.loc["C", "last_nps"])
    assert feats.loc["B", "n_sla_breaches"] == 2 and feats.loc["A", "n_sla_breaches"] == 0
    assert feats.loc["B", "sla_breach"] == np.log1p(2)

    scorer = ChurnRiskScorer().fit(np.zeros((1, len(feats.columns[:11]))))
    plain = customer_features(_docs(), AS_OF)
    assert (scorer.predict_proba(feats)[:, 1] > scorer.predict_proba(plain)[:, 1]).tolist() == [
        True,
        True,
        True,
    ]
    reasons = dict(zip(feats.index, explain(feats, scorer.contributions(feats)), strict=True))
    assert "Detrattore: ha dato 2/10 all'ultimo sondaggio NPS" in reasons["A"]
    assert "2 ticket oltre i tempi di servizio (SLA)" in reasons["B"]
    assert "Insoddisfatto: CSAT 1/5 all'ultimo sondaggio" in reasons["C"]


def test_no_evidence_changes_nothing() -> None:
    feats = customer_features(_docs(), AS_OF)
    assert (feats["detractor"] == 0).all() and (feats["sla_breach"] == 0).all()
