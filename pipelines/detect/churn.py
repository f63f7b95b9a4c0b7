"""Churn risk: score the active customers, fit the weights on known outcomes."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd

from models.churn import (
    FEATURES,
    ChurnRiskScorer,
    customer_features,
    explain,
    risk_level,
    snapshot_dataset,
)


def score_churn(
    docs: pd.DataFrame,
    as_of: datetime,
    scorer: ChurnRiskScorer,
    *,
    model_name: str = "default",
    churned: pd.DataFrame | None = None,
    surveys: pd.DataFrame | None = None,
    breaches: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Risk score, level and Italian reasons of every customer active in the 90 days before ``as_of``.

    Args:
        docs: documents (see :func:`models.churn.customer_features`).
        as_of: snapshot instant.
        scorer: a fitted :class:`ChurnRiskScorer` (default weights or learned).
        model_name: ``"default"`` or the registry id of the fitted model.
        churned: known outcomes; customers gone by ``as_of`` are left out.
        surveys: survey answers ``customer_id, created_at, nps, csat`` (detractor evidence).
        breaches: tickets that missed a service level, ``customer_id, created_at``.

    Returns:
        One row per customer, riskiest first, with ``customer_id``, ``risk_score``,
        ``risk_level``, ``reasons``, ``last_contact``, ``contacts_30d``, ``n_documents``,
        ``last_texts``, ``features`` (JSON) and ``model``.
    """
    feats = customer_features(docs, as_of, surveys=surveys, breaches=breaches)
    if churned is not None and len(churned):
        gone = churned[pd.to_datetime(churned["churned_at"]) <= pd.Timestamp(as_of)]
        feats = feats[~feats.index.isin(gone["customer_id"].astype(str))]
    cols = ["customer_id", "risk_score", "risk_level", "reasons", "last_contact", "contacts_30d",
            "n_documents", "last_texts", "features", "model"]  # fmt: skip
    if feats.empty:
        return pd.DataFrame(columns=cols)
    X = feats[list(FEATURES)]
    score = scorer.predict_proba(X)[:, 1]
    reasons = explain(feats, scorer.contributions(X))
    out = pd.DataFrame(
        {
            "customer_id": feats.index.astype(str),
            "risk_score": np.round(score, 4),
            "risk_level": [risk_level(s) for s in score],
            "reasons": reasons,
            "last_contact": feats["last_contact"].to_numpy(),
            "contacts_30d": feats["contacts_30d_n"].astype(int).to_numpy(),
            "n_documents": feats["n_documents"].astype(int).to_numpy(),
            "last_texts": feats["last_texts"].to_numpy(),
            "features": [
                json.dumps({f: round(float(v), 4) for f, v in zip(FEATURES, row, strict=True)})
                for row in X.to_numpy()
            ],
            "model": model_name,
        }
    )
    return out.sort_values(["risk_score", "customer_id"], ascending=[False, True]).reset_index(
        drop=True
    )


def _precision_at(y: np.ndarray, score: np.ndarray, k: int) -> float:
    order = np.argsort(-score, kind="stable")[:k]
    return float(np.mean(y[order])) if len(order) else float("nan")


def fit_churn_model(
    docs: pd.DataFrame,
    outcomes: pd.DataFrame,
    as_of: datetime,
    *,
    horizon_days: int = 60,
    step_days: int = 14,
    max_snapshots: int = 26,
    min_positives: int = 10,
    seed: int = 0,
    surveys: pd.DataFrame | None = None,
    breaches: pd.DataFrame | None = None,
) -> tuple[ChurnRiskScorer | None, dict[str, Any]]:
    """Fit churn weights on past snapshots labelled by known outcomes, and evaluate them.

    Snapshots every ``step_days`` before ``as_of``; the later 30 % of snapshot dates are held
    out to compare the fitted model with the default weights (ROC AUC, average precision,
    precision@k), then the model is refitted on every snapshot.

    Returns:
        (scorer or None when there are too few churners, metrics dict).
    """
    from sklearn.metrics import average_precision_score, roc_auc_score

    first = pd.Timestamp(docs["created_at"].min()) + timedelta(days=30)
    snaps = [
        pd.Timestamp(as_of) - timedelta(days=step_days * (i + 1)) for i in range(max_snapshots)
    ]
    snaps = sorted(s for s in snaps if s >= first)
    data = snapshot_dataset(
        docs, outcomes, snaps, horizon_days=horizon_days, surveys=surveys, breaches=breaches
    )
    n_pos = int(data["churned"].sum()) if len(data) else 0
    metrics: dict[str, Any] = {"rows": len(data), "positives": n_pos, "snapshots": len(snaps)}
    if n_pos < min_positives or n_pos == len(data):
        metrics["status"] = "too few churners to fit: default weights kept"
        return None, metrics
    dates = sorted(data["snapshot"].unique())
    cut = dates[int(len(dates) * 0.7)] if len(dates) >= 4 else None
    if cut is not None:
        train, test = data[data["snapshot"] < cut], data[data["snapshot"] >= cut]
        y_te = test["churned"].to_numpy()
        if train["churned"].sum() >= min_positives // 2 and 0 < y_te.sum() < len(y_te):
            fitted = ChurnRiskScorer(random_state=seed).fit(train[list(FEATURES)], train["churned"])
            default = ChurnRiskScorer().fit(train[list(FEATURES)])
            k = int(min(50, max(5, y_te.sum())))
            for name, model in (("fitted", fitted), ("default", default)):
                s = model.predict_proba(test[list(FEATURES)])[:, 1]
                metrics[name] = {
                    "roc_auc": round(float(roc_auc_score(y_te, s)), 4),
                    "average_precision": round(float(average_precision_score(y_te, s)), 4),
                    f"precision_at_{k}": round(_precision_at(y_te, s, k), 4),
                }
            metrics["holdout_rows"] = len(test)
    scorer = ChurnRiskScorer(random_state=seed).fit(data[list(FEATURES)], data["churned"])
    metrics["coef"] = {f: round(float(c), 4) for f, c in zip(FEATURES, scorer.coef_, strict=True)}
    metrics["status"] = "fitted"
    return scorer, metrics
