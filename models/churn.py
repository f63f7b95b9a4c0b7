"""Churn risk per customer: interpretable signals, default weights, and a fitted, calibrated model.

Signals (one row per customer, computed as of a date from the customer's documents):

==================  ===========================================================================
``intent``          churn-intent language (disdetta, recesso, cambio operatore, …) in the
                    window, weighted by recency (1 today, about 0.5 after a month)
``escalation``      escalation language (avvocato, reclamo formale, Codacons, AGCOM, …), same
``negative_share``  share of negative documents in the window (smoothed: one of one is 0.5)
``sentiment_drop``  fall of the mean sentiment in the last 30 days against the earlier history
``contacts_30d``    log(1 + repeat contacts in the last 30 days): one contact is normal, the
                    third in a month is a customer going round in circles
``unresolved``      log(1 + tickets in the window still new/open/pending/on hold)
``rating_drop``     fall of the latest star rating against the customer's earlier ratings (/4)
``low_rating``      latest rating in the window is 1 or 2 stars
``recency``         exp(-days since the last contact / 30): a quiet customer fades from the list
``detractor``       the customer's latest survey answer in the window is a detractor's (NPS 0-6,
                    or CSAT 1-2 when the survey asked no NPS)
``sla_breach``      log(1 + the customer's tickets in the window that missed a service level)
==================  ===========================================================================

The score is a logistic model over these signals. Without known outcomes the weights are the
defaults below (set by hand so that explicit intent dominates, corroborated by repeated negative
contacts, then checked on simulated histories and on the demo generator's cohort, see
``benchmarks/detection.py``: escalation language is common among angry customers who stay, so it
weighs less than a consistently negative history). With outcomes (``churn_outcomes``), the weights are
fitted by logistic regression and the probabilities calibrated (:class:`ChurnRiskScorer`). In both
cases each customer's *reasons* are the signals with the largest contributions, in Italian.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin

from models.persist import load_skops, save_skops

__all__ = [
    "DEFAULT_INTERCEPT",
    "DEFAULT_WEIGHTS",
    "FEATURES",
    "OPEN_STATUSES",
    "ChurnRiskScorer",
    "customer_features",
    "explain",
    "risk_level",
    "snapshot_dataset",
]

FEATURES: tuple[str, ...] = (
    "intent", "escalation", "negative_share", "sentiment_drop", "contacts_30d", "unresolved",
    "rating_drop", "low_rating", "recency", "detractor", "sla_breach",
)  # fmt: skip

DEFAULT_WEIGHTS: dict[str, float] = {
    "intent": 3.5,
    "escalation": 1.0,
    "negative_share": 2.5,
    "sentiment_drop": 1.0,
    "contacts_30d": 1.0,
    "unresolved": 0.8,
    "rating_drop": 1.2,
    "low_rating": 0.6,
    "recency": 1.0,
    # A detractor score is explicit dissatisfaction, weaker than stated intent to leave; a
    # missed service level is a cause customers cite when they go.
    "detractor": 1.2,
    "sla_breach": 0.8,
}
DEFAULT_INTERCEPT = -5.0

OPEN_STATUSES = frozenset({"new", "open", "pending", "hold", "nuovo", "aperto", "in attesa"})

# Contributions below this (in logit units) are not worth a reason.
_MIN_REASON = 0.25


def risk_level(score: float) -> str:
    """Italian risk band: ``alto`` (>= 0.5), ``medio`` (>= 0.2), ``basso``."""
    if score >= 0.5:
        return "alto"
    if score >= 0.2:
        return "medio"
    return "basso"


# --------------------------------------------------------------------------- features


def _as_list(value: Any) -> list[str]:
    if value is None or isinstance(value, str | float | int) or value is pd.NA:
        return [value] if isinstance(value, str) and value else []
    try:
        return [str(v) for v in list(value)]
    except TypeError:
        return []


def customer_features(
    docs: pd.DataFrame,
    as_of: datetime,
    *,
    window_days: int = 90,
    short_days: int = 30,
    n_texts: int = 3,
    surveys: pd.DataFrame | None = None,
    breaches: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Churn signals of every customer with a contact in the window before ``as_of``.

    Args:
        docs: documents with ``customer_id``, ``created_at``, ``kind``, ``status``, ``rating``,
            ``sentiment_label``, ``sentiment_score``, ``churn_intent``, ``escalation`` and
            optionally ``churn_cues``, ``escalation_cues``, ``text``.
        as_of: documents after this instant are ignored (no peeking into the future).
        window_days: contacts older than this do not make a customer "active".
        short_days: the "recent" window (contacts, sentiment trajectory).
        n_texts: how many recent texts to keep for display.
        surveys: survey answers ``customer_id, created_at, nps, csat`` (``detractor``).
        breaches: tickets that missed a service level, ``customer_id, created_at``
            (``sla_breach``).

    Returns:
        One row per customer (index ``customer_id``): the :data:`FEATURES` columns plus
        ``last_contact``, ``contacts_30d_n``, ``n_documents``, ``n_window``, ``n_negative``,
        ``open_tickets``, ``last_rating``, ``prev_rating``, ``churn_cues``, ``escalation_cues``,
        ``last_texts``, ``last_nps``, ``last_csat``, ``n_sla_breaches``.
    """
    cols = [*FEATURES, "last_contact", "contacts_30d_n", "n_documents", "n_window", "n_negative",
            "open_tickets", "last_rating", "prev_rating", "churn_cues", "escalation_cues",
            "last_texts", "last_nps", "last_csat", "n_sla_breaches"]  # fmt: skip
    if docs.empty or "customer_id" not in docs:
        return pd.DataFrame(columns=cols).rename_axis("customer_id")
    d = docs[docs["customer_id"].notna() & (docs["created_at"] <= pd.Timestamp(as_of))].copy()
    d["customer_id"] = d["customer_id"].astype(str)
    d["age"] = (pd.Timestamp(as_of) - d["created_at"]).dt.total_seconds() / 86400.0
    active = d.loc[d["age"] <= window_days, "customer_id"].unique()
    d = d[d["customer_id"].isin(active)].sort_values(["customer_id", "created_at"])
    if d.empty:
        return pd.DataFrame(columns=cols).rename_axis("customer_id")
    win = d[d["age"] <= window_days]
    recent = win["age"] <= short_days
    decay = np.exp(-win["age"].to_numpy() * math.log(2) / 30.0)
    w = pd.DataFrame(
        {
            "customer_id": win["customer_id"].to_numpy(),
            "intent": np.where(win["churn_intent"].fillna(False).astype(bool), decay, 0.0),
            "escalation": np.where(win["escalation"].fillna(False).astype(bool), decay, 0.0),
            "neg": (win["sentiment_label"] == "negativo").to_numpy(dtype=float),
            "recent": recent.to_numpy(dtype=float),
            "open": (
                (win["kind"] == "tickets")
                & win["status"].fillna("").astype(str).str.lower().isin(OPEN_STATUSES)
            ).to_numpy(dtype=float),
        }
    )
    g = w.groupby("customer_id", sort=True)
    out = pd.DataFrame(index=pd.Index(sorted(active), name="customer_id"))
    out["intent"] = g["intent"].max()
    out["escalation"] = g["escalation"].max()
    out["n_window"] = g.size()
    out["n_negative"] = g["neg"].sum()
    out["negative_share"] = out["n_negative"] / (out["n_window"] + 1.0)
    out["contacts_30d_n"] = g["recent"].sum()
    out["contacts_30d"] = np.log1p((out["contacts_30d_n"] - 1.0).clip(lower=0.0))
    out["open_tickets"] = g["open"].sum()
    out["unresolved"] = np.log1p(out["open_tickets"])

    # Sentiment trajectory: recent mean against the earlier year.
    scored = d[d["sentiment_score"].notna() & (d["age"] <= 365)]
    rec = scored[scored["age"] <= short_days].groupby("customer_id")["sentiment_score"].mean()
    old = scored[scored["age"] > short_days].groupby("customer_id")["sentiment_score"].mean()
    drop = (old - rec).clip(lower=0.0, upper=2.0) / 2.0
    out["sentiment_drop"] = drop.reindex(out.index).fillna(0.0)

    # Ratings: latest (inside the window) against the customer's earlier ones.
    rated = d[d["rating"].notna()]
    last = rated.groupby("customer_id").tail(1).set_index("customer_id")
    last = last[last["age"] <= window_days]
    prev = rated.drop(rated.groupby("customer_id").tail(1).index).groupby("customer_id")["rating"]
    out["last_rating"] = last["rating"].reindex(out.index)
    out["prev_rating"] = prev.mean().reindex(out.index)
    out["rating_drop"] = ((out["prev_rating"] - out["last_rating"]).clip(0.0, 4.0) / 4.0).fillna(
        0.0
    )
    out["low_rating"] = (out["last_rating"] <= 2).astype(float)

    last_doc = d.groupby("customer_id").tail(1).set_index("customer_id")
    out["last_contact"] = last_doc["created_at"].reindex(out.index)
    out["recency"] = np.exp(-last_doc["age"].reindex(out.index).to_numpy() / 30.0)
    out["n_documents"] = d.groupby("customer_id").size().reindex(out.index)

    def cues(column: str) -> pd.Series:
        if column not in win:
            return pd.Series([[] for _ in out.index], index=out.index, dtype=object)
        flat = win[["customer_id", column]].copy()
        flat[column] = flat[column].map(_as_list)
        flat = flat.explode(column).dropna()
        grouped = flat.groupby("customer_id")[column].agg(lambda s: list(dict.fromkeys(s)))
        return grouped.reindex(out.index).map(lambda v: v if isinstance(v, list) else [])

    out["churn_cues"] = cues("churn_cues")
    out["escalation_cues"] = cues("escalation_cues")
    if "text" in d:
        texts = d.groupby("customer_id")["text"].agg(
            lambda s: [_clip(t) for t in reversed(s.dropna().astype(str).tolist()[-n_texts:])]
        )
        out["last_texts"] = texts.reindex(out.index)
    else:
        out["last_texts"] = [[] for _ in out.index]
    _evidence(out, as_of, window_days, surveys, breaches)
    for name in FEATURES:
        out[name] = out[name].astype(float).fillna(0.0)
    return out[cols]


def _in_window(frame: pd.DataFrame | None, as_of: datetime, days: int) -> pd.DataFrame:
    if frame is None or frame.empty:
        return pd.DataFrame(columns=["customer_id", "created_at"])
    age = (pd.Timestamp(as_of) - pd.to_datetime(frame["created_at"])).dt.total_seconds() / 86400
    out = frame[(age >= 0) & (age <= days)].copy()
    out["customer_id"] = out["customer_id"].astype(str)
    return out.sort_values("created_at", kind="stable")


def _evidence(
    out: pd.DataFrame,
    as_of: datetime,
    window_days: int,
    surveys: pd.DataFrame | None,
    breaches: pd.DataFrame | None,
) -> None:
    """Add ``detractor``/``sla_breach`` and their display columns to ``out`` in place."""
    answers = _in_window(surveys, as_of, window_days)
    if len(answers):
        last = answers.groupby("customer_id").tail(1).set_index("customer_id")
        nps = pd.to_numeric(last["nps"], errors="coerce")
        csat = pd.to_numeric(last["csat"], errors="coerce")
        detractor = (nps <= 6) | (nps.isna() & (csat <= 2))
        out["last_nps"] = nps.reindex(out.index)
        out["last_csat"] = csat.reindex(out.index)
        out["detractor"] = detractor.astype(float).reindex(out.index).fillna(0.0)
    else:
        out["last_nps"], out["last_csat"], out["detractor"] = np.nan, np.nan, 0.0
    missed = _in_window(breaches, as_of, window_days)
    counts = missed.groupby("customer_id").size() if len(missed) else pd.Series(dtype=float)
    out["n_sla_breaches"] = counts.reindex(out.index).fillna(0).astype(int)
    out["sla_breach"] = np.log1p(out["n_sla_breaches"].astype(float))


def _clip(text: str, limit: int = 280) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def snapshot_dataset(
    docs: pd.DataFrame,
    outcomes: pd.DataFrame,
    snapshots: Sequence[datetime],
    *,
    horizon_days: int = 60,
    window_days: int = 90,
    surveys: pd.DataFrame | None = None,
    breaches: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Training rows for the fitted model: features at past dates, labelled by later churn.

    Args:
        docs: documents (see :func:`customer_features`).
        outcomes: ``customer_id``, ``churned_at``.
        snapshots: dates at which to take the features.
        horizon_days: a row is positive when the customer churned within this many days after
            the snapshot.
        window_days: activity window of :func:`customer_features`.
        surveys: survey answers (see :func:`customer_features`).
        breaches: service-level breaches (see :func:`customer_features`).

    Returns:
        Frame with ``customer_id``, ``snapshot``, the :data:`FEATURES` and ``churned`` (0/1).
        Customers who had already churned at the snapshot are left out.
    """
    churn_at = (
        outcomes.assign(customer_id=outcomes["customer_id"].astype(str))
        .groupby("customer_id")["churned_at"]
        .min()
    )
    frames = []
    for snap in snapshots:
        feats = customer_features(
            docs, snap, window_days=window_days, surveys=surveys, breaches=breaches
        )
        if feats.empty:
            continue
        when = churn_at.reindex(feats.index)
        gone = when.notna() & (when <= pd.Timestamp(snap))
        feats = feats[~gone.to_numpy()]
        when = when[~gone.to_numpy()]
        label = when.notna() & (when <= pd.Timestamp(snap) + timedelta(days=horizon_days))
        frame = feats[list(FEATURES)].copy()
        frame["churned"] = label.to_numpy().astype(int)
        frame["snapshot"] = pd.Timestamp(snap)
        frames.append(frame.reset_index())
    if not frames:
        return pd.DataFrame(columns=["customer_id", "snapshot", *FEATURES, "churned"])
    return pd.concat(frames, ignore_index=True)


# --------------------------------------------------------------------------- scorer


class ChurnRiskScorer(ClassifierMixin, BaseEstimator):
    """Logistic churn-risk scorer over :data:`FEATURES`.

    ``fit(X)`` without labels adopts the default weights; ``fit(X, y)`` learns them with a
    logistic regression and, when there are enough positives, calibrates the probabilities
    (``CalibratedClassifierCV``, sigmoid). The coefficients of a plain logistic regression on all
    rows are kept in ``coef_`` for the per-customer reasons.

    Args:
        C: inverse L2 strength of the logistic regression.
        class_weight: passed to the logistic regression (churners are rare).
        calibrate: calibrate the fitted probabilities.
        cv: calibration folds.
        random_state: seed of the calibration folds.

    Attributes:
        mode_: ``"default"`` or ``"fitted"``.
        coef_: (n_features,) logit weights used for the reasons.
        intercept_: logit intercept.
        model_: the fitted (calibrated) classifier, or None in default mode.
        classes_: ``[0, 1]``.
    """

    def __init__(
        self,
        C: float = 1.0,
        class_weight: str | None = "balanced",
        calibrate: bool = True,
        cv: int = 3,
        random_state: int = 0,
    ) -> None:
        self.C = C
        self.class_weight = class_weight
        self.calibrate = calibrate
        self.cv = cv
        self.random_state = random_state

    @staticmethod
    def _matrix(X: Any) -> np.ndarray:
        if isinstance(X, pd.DataFrame):
            return X.loc[:, list(FEATURES)].to_numpy(dtype=np.float64)
        X = np.asarray(X, dtype=np.float64)
        if X.ndim != 2 or X.shape[1] != len(FEATURES):
            raise ValueError(f"expected {len(FEATURES)} feature columns {FEATURES}")
        return X

    def fit(self, X: Any, y: Sequence[int] | None = None) -> ChurnRiskScorer:
        """Adopt the default weights (``y`` is None) or fit them on labelled rows."""
        from sklearn.linear_model import LogisticRegression

        Xm = self._matrix(X)
        self.classes_ = np.array([0, 1])
        self.n_features_in_ = Xm.shape[1]
        if y is None:
            self.mode_ = "default"
            self.coef_ = np.array([DEFAULT_WEIGHTS[f] for f in FEATURES])
            self.intercept_ = DEFAULT_INTERCEPT
            self.model_ = None
            return self
        yv = np.asarray(y, dtype=int)
        if len(np.unique(yv)) < 2:
            raise ValueError("ChurnRiskScorer.fit: need both churned and retained customers")
        base = LogisticRegression(C=self.C, class_weight=self.class_weight, max_iter=2000)
        explainer = LogisticRegression(C=self.C, class_weight=self.class_weight, max_iter=2000)
        explainer.fit(Xm, yv)
        self.coef_ = explainer.coef_[0].copy()
        self.intercept_ = float(explainer.intercept_[0])
        n_pos = int(yv.sum())
        if self.calibrate and n_pos >= 2 * self.cv and len(yv) - n_pos >= 2 * self.cv:
            from sklearn.calibration import CalibratedClassifierCV
            from sklearn.model_selection import StratifiedKFold

            folds = StratifiedKFold(n_splits=self.cv, shuffle=True, random_state=self.random_state)
            self.model_ = CalibratedClassifierCV(base, method="sigmoid", cv=folds).fit(Xm, yv)
        else:
            # Balanced class weights distort probabilities; without calibration, refit unweighted.
            self.model_ = LogisticRegression(C=self.C, max_iter=2000).fit(Xm, yv)
        self.mode_ = "fitted"
        return self

    def decision_function(self, X: Any) -> np.ndarray:
        """Logit of the explanatory linear model (defaults or fitted weights)."""
        return self._matrix(X) @ self.coef_ + self.intercept_

    def predict_proba(self, X: Any) -> np.ndarray:
        """(n, 2) probabilities of staying / churning."""
        Xm = self._matrix(X)
        if self.model_ is None:
            p = 1.0 / (1.0 + np.exp(-(Xm @ self.coef_ + self.intercept_)))
        else:
            p = self.model_.predict_proba(Xm)[:, 1]
        return np.column_stack([1.0 - p, p])

    def predict(self, X: Any) -> np.ndarray:
        """1 where the churn probability is at least 0.5."""
        return (self.predict_proba(X)[:, 1] >= 0.5).astype(int)

    def contributions(self, X: Any) -> np.ndarray:
        """(n, n_features) logit contributions ``w_j * x_j`` (what the reasons are made of)."""
        return self._matrix(X) * self.coef_

    def save(self, path: Path) -> None:
        """Persist with skops (atomically)."""
        save_skops(self, path)

    @classmethod
    def load(cls, path: Path) -> ChurnRiskScorer:
        """Load a skops artifact, trusting only scikit-learn, numpy and this module's types."""
        return load_skops(path, cls, trusted=("sklearn", "numpy", "models.churn"))


# --------------------------------------------------------------------------- reasons


def _quote_cues(cues: list[str], n: int = 3) -> str:
    return ", ".join(f"«{c}»" for c in cues[:n])


def _reason(name: str, row: pd.Series) -> str:
    if name == "intent":
        cues = _as_list(row.get("churn_cues"))
        return "Intenzione di abbandono" + (f": {_quote_cues(cues)}" if cues else "")
    if name == "escalation":
        cues = _as_list(row.get("escalation_cues"))
        return "Minaccia di escalation" + (f": {_quote_cues(cues)}" if cues else "")
    if name == "negative_share":
        return f"Messaggi negativi: {int(row['n_negative'])} su {int(row['n_window'])} negli ultimi 90 giorni"
    if name == "sentiment_drop":
        return "Sentiment in peggioramento rispetto ai contatti precedenti"
    if name == "contacts_30d":
        n = int(row["contacts_30d_n"])
        return (
            f"{n} contatti negli ultimi 30 giorni"
            if n != 1
            else "1 contatto negli ultimi 30 giorni"
        )
    if name == "unresolved":
        n = int(row["open_tickets"])
        return f"{n} ticket non risolti" if n != 1 else "1 ticket non risolto"
    if name == "rating_drop":
        return f"Valutazione scesa da {row['prev_rating']:.1f} a {row['last_rating']:.0f} stelle".replace(
            ".", ","
        )
    if name == "low_rating":
        return f"Ultima valutazione: {row['last_rating']:.0f} stelle"
    if name == "recency":
        return "Contatto recente"
    if name == "detractor":
        if row.get("last_nps") == row.get("last_nps"):  # not NaN
            return f"Detrattore: ha dato {int(row['last_nps'])}/10 all'ultimo sondaggio NPS"
        return f"Insoddisfatto: CSAT {int(row['last_csat'])}/5 all'ultimo sondaggio"
    if name == "sla_breach":
        n = int(row["n_sla_breaches"])
        return (
            f"{n} ticket oltre i tempi di servizio (SLA)"
            if n != 1
            else ("1 ticket oltre i tempi di servizio (SLA)")
        )
    return name


def explain(
    features: pd.DataFrame, contributions: np.ndarray, max_reasons: int = 4
) -> list[list[str]]:
    """Italian reasons per customer: the signals with the largest positive contributions.

    Args:
        features: output of :func:`customer_features` (rows aligned with ``contributions``).
        contributions: (n, n_features) from :meth:`ChurnRiskScorer.contributions`.
        max_reasons: at most this many per customer.

    Returns:
        One list of reasons per row, strongest first. Recency alone is never a reason: it only
        keeps the list current.
    """
    out: list[list[str]] = []
    names = list(FEATURES)
    for i in range(len(features)):
        row = features.iloc[i]
        order = np.argsort(-contributions[i], kind="stable")
        reasons = [
            _reason(names[j], row)
            for j in order
            if contributions[i, j] >= _MIN_REASON and names[j] != "recency"
        ]
        out.append(reasons[:max_reasons])
    return out
