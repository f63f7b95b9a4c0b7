"""Detection steps: emerging complaints and churn risk for a week, known churn outcomes.

The steps read and write the database (through ``pipelines.store``) around the pure code of
``pipelines.detect``.

Detection replays every week from the first one with data up to the latest closed week (or the
report week, if later). It is cheap (weekly counts), it makes the alert table a pure function of
the data and the settings, and a lifecycle (nuovo → in corso → rientrato) needs the previous
weeks anyway. Only ``notified_at`` survives a replay, so a notification is sent once per alert,
and only for the latest week: replaying an old week never announces anything.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from models.churn import FEATURES, ChurnRiskScorer
from models.detection import STATUS_NEW, STATUS_RESOLVED
from models.registry import load_topic_model
from pipelines import store
from pipelines.config import Settings
from pipelines.curation import NEW, continued_episodes
from pipelines.detect.alert_rows import NameSpace
from pipelines.detect.alerts import detect_alerts
from pipelines.detect.churn import fit_churn_model, score_churn
from pipelines.detect.params import params_from_settings
from pipelines.errors import VocError
from pipelines.ingest.outcomes import read_outcomes
from pipelines.steps.curation import refresh_curation
from pipelines.store import curation as store_curation
from pipelines.store import detection as store_detection
from pipelines.weeks import choose_week, week_bounds_utc, week_range

log = logging.getLogger(__name__)


def _report_week(docs: pd.DataFrame, week: str | None, now: datetime, tz: str) -> str:
    weeks = sorted(docs["iso_week"].dropna().unique().tolist())
    if not weeks:
        raise VocError("no documents yet. Run 'voc ingest' and 'voc enrich' first.")
    return choose_week(weeks, week, now, tz, must_exist=False)


def _churn_scorer(
    con: Any, settings: Settings, docs: pd.DataFrame, outcomes: pd.DataFrame,
    as_of: datetime, week: str, now: datetime, evidence: dict[str, pd.DataFrame],
) -> tuple[ChurnRiskScorer, str, dict[str, Any]]:  # fmt: skip
    """The default scorer, or a model fitted on the known outcomes (registered, reused)."""
    default = ChurnRiskScorer().fit(np.zeros((1, len(FEATURES))))
    if outcomes.empty:
        return default, "default", {"status": "no outcomes: default weights"}
    from models.registry import artifact_dir, data_hash

    rows = [f"{c}|{pd.Timestamp(t).isoformat()}" for c, t in outcomes.itertuples(index=False)]
    # The feature set is part of the key: a model fitted on other features is never reused.
    digest = data_hash([*rows, f"week={week}", f"docs={len(docs)}", "features=" + ",".join(FEATURES),
                        *(f"{k}={len(v)}" for k, v in sorted(evidence.items()))])  # fmt: skip
    known = store_detection.churn_model_for(con, digest)
    if known is not None and Path(str(known["artifact_path"])).exists():
        # Same outcomes, same documents, same week: no refit (a rejected fit stays rejected).
        if known["status"] == "active":
            path = Path(str(known["artifact_path"]))
            return ChurnRiskScorer.load(path), str(known["model_id"]), {"status": "reused"}
        return default, "default", {"status": "fitted model already rejected: default weights"}
    scorer, metrics = fit_churn_model(docs, outcomes, as_of, seed=settings.seed, **evidence)
    if scorer is None:
        return default, "default", metrics
    version = now.strftime("%Y%m%dT%H%M%S")
    model_id = f"churn:{version}"
    path = artifact_dir(Path(settings.db)) / f"churn-{version}.skops"
    scorer.save(path)
    better = (
        "fitted" not in metrics
        or metrics["fitted"]["average_precision"] >= metrics["default"]["average_precision"] - 0.01
    )
    store.register_model(
        con, model_id=model_id, task="churn", version=version, created_at=now, data_hash=digest,
        metrics=metrics, artifact_path=str(path), status="active" if better else "candidate",
        params={"horizon_days": 60, "seed": settings.seed},
    )  # fmt: skip
    if not better:
        metrics["status"] = "fitted model worse than the defaults on held-out weeks: defaults kept"
        return default, "default", metrics
    return scorer, model_id, metrics


def run_detection(
    settings: Settings, week: str | None, now: datetime, *, notify: bool = True
) -> dict[str, Any]:
    """Detect emerging complaints and score churn risk for a week; store and notify.

    Replays detection over every week up to the latest closed one, stores the alerts and the
    report week's churn snapshot in one transaction, records a run, and (when the report week is
    the latest) sends the notifications of its new alerts, once per alert, remembered in
    ``alerts.notified_at``.

    Args:
        settings: configuration (``alert_*``, ``notify_urls``, ``db``, ``seed``).
        week: ISO week to report; ``None`` is the last closed week with data.
        now: current time (run record, notification time, churn snapshot cap).
        notify: send notifications for new alerts when ``notify_urls`` names a destination.

    Returns:
        Summary: ``week``, ``run_id``, ``alerts_new``/``alerts_open``/``alerts_resolved``/
        ``alerts_total`` (counts for the week), ``alerts`` (the week's rows), ``new_alerts`` (ids
        not notified yet), ``notified``, ``notify_errors``, ``churn_model``, ``churn_metrics``,
        ``customers_scored``, ``n_high_risk``, ``churn_top`` (first 10 customers).
    """
    with store.connection(settings) as con:
        run_id = store.start_run(con, "insights", {"week": week, "step": "detection"}, now)
        try:
            summary = _detect(con, settings, week, now, run_id, notify)
        except BaseException as exc:
            store.finish_run(
                con, run_id, status="failed", stats={}, finished_at=now, error=type(exc).__name__
            )
            raise
        stats = {k: v for k, v in summary.items() if isinstance(v, int | float | str)}
        store.finish_run(con, run_id, status="ok", stats=stats, finished_at=now)
        return summary


def _detect(
    con: Any, settings: Settings, week: str | None, now: datetime, run_id: str, notify: bool
) -> dict[str, Any]:
    # Queued theme edits and triage land first, so the alerts see the curated themes.
    refresh_curation(settings, now, con=con)
    docs = store_detection.load_documents(con)
    tz = settings.timezone
    report = _report_week(docs, week, now, tz)
    # The alert table always covers every closed week with data, whichever week is reported:
    # looking at an old week must not drop the later alerts (nor forget their notifications).
    last = max(report, _report_week(docs, None, now, tz))
    monday, week_end = week_bounds_utc(report, tz)
    last_end = week_bounds_utc(last, tz)[1]
    docs = docs[docs["created_at"] < last_end].reset_index(drop=True)
    weeks = week_range(docs["iso_week"].min(), last)
    aspects = store_detection.load_aspects(con)
    aspects = aspects[aspects["doc_id"].isin(set(docs["doc_id"]))]
    topic_labels, category_labels = store_detection.load_labels(con)
    params = params_from_settings(settings)

    from models.embeddings import make_embedder

    # Every negative document's embedding: the unassigned ones feed the new-topic clustering,
    # all of them the dense-group scan.
    negative = docs[docs["sentiment_label"] == "negativo"]
    embedder = make_embedder(settings.embedder)
    vectors = store_detection.load_vectors(
        con, embedder.model_id, negative["text_hash"].unique().tolist()
    )
    alerts = detect_alerts(
        docs, aspects, weeks, params, topic_labels=topic_labels,
        category_labels=category_labels, vectors=vectors, seed=settings.seed,
        hidden_topics=store_curation.hidden_themes(con), exclude_words=settings.own_brands,
        name_space=_name_space(con, embedder, vectors),
    )  # fmt: skip
    # Triage survives the replay: an episode keeps its own (by alert_id), or continues one.
    triaged = store_curation.triage_current(con)
    alerts["triage_of"] = continued_episodes(alerts, triaged)
    triage_state = (
        alerts["triage_of"]
        .fillna(alerts["alert_id"])
        .map(dict(zip(triaged["alert_id"], triaged["state"], strict=True)))
        .fillna(NEW)
    )
    sent_before = store_detection.notified(con)
    alerts["notified_at"] = (
        alerts["alert_id"].map(sent_before).where(alerts["iso_week"] == alerts["first_seen_week"])
    )
    alerts["notified_at"] = pd.to_datetime(alerts["notified_at"])
    alerts["run_id"] = run_id
    alerts["detected_at"] = now

    # A report week still in progress is scored as of now, not as of its (future) end.
    as_of = min(week_end, max(now, monday))
    outcomes = store_detection.load_outcomes(con)
    # Survey answers and missed service levels (ticket_operations, written by the cx step that
    # 'voc insights' runs first) are churn evidence too.
    evidence = {"surveys": store.survey_evidence(con), "breaches": store.sla_evidence(con)}
    scorer, model_name, churn_metrics = _churn_scorer(
        con, settings, docs, outcomes, as_of, report, now, evidence
    )
    risk = score_churn(docs, as_of, scorer, model_name=model_name, churned=outcomes, **evidence)
    risk["as_of_week"] = report
    risk["run_id"] = run_id
    risk["computed_at"] = now
    with store.transaction(con):
        store_detection.replace_alerts(con, alerts)
        store_detection.replace_churn(con, report, risk)

    this_week = alerts[alerts["iso_week"] == report]
    untriaged = triage_state[this_week.index] == NEW
    # A triaged episode (in charge, resolved, dismissed) is never announced again.
    fresh = this_week[
        (this_week["status"] == STATUS_NEW) & this_week["notified_at"].isna() & untriaged
    ]
    notified: list[str] = []
    errors: list[str] = []
    # Notifications are news: only for the latest week, never when replaying an old one.
    if notify and report == last and len(fresh) and settings.notify_urls:
        from pipelines.detect.notify import notify_alerts

        result = notify_alerts(fresh.to_dict("records"), settings)
        notified, errors = result["sent"], result["errors"]
        store_detection.mark_notified(con, notified, now)
    return {
        "week": report,
        "run_id": run_id,
        "n_weeks": len(weeks),
        "alerts_new": int(((this_week["status"] == STATUS_NEW) & untriaged).sum()),
        "alerts_triaged": int((~untriaged).sum()),
        "alerts_open": int((this_week["status"] != STATUS_RESOLVED).sum()),
        "alerts_resolved": int((this_week["status"] == STATUS_RESOLVED).sum()),
        "alerts_total": len(this_week),
        "alerts": this_week.drop(columns=["run_id", "detected_at"])
        .assign(triage_state=triage_state[this_week.index])
        .to_dict("records"),
        "new_alerts": fresh["alert_id"].tolist(),
        "notified": len(notified),
        "notify_errors": errors,
        "churn_model": model_name,
        "churn_metrics": churn_metrics,
        "customers_scored": len(risk),
        "n_high_risk": int((risk["risk_level"] == "alto").sum()) if len(risk) else 0,
        "churn_top": risk.head(10)
        .drop(columns=["features", "run_id", "computed_at"])
        .to_dict("records"),
    }


def ingest_churn_outcomes(settings: Settings, path: Path, now: datetime) -> dict[str, Any]:
    """Load known churn outcomes (CSV of customer_id, churned_at) into ``churn_outcomes``.

    Re-ingesting the same file changes nothing; a changed date updates the customer's row. The
    next ``voc insights`` fits the churn weights on them.

    Returns:
        ``rows``, ``inserted``, ``updated``, ``unchanged``, ``known_customers`` (outcomes whose
        customer has documents), ``run_id``.
    """
    frame = read_outcomes(Path(path), settings.timezone, redact_pii=settings.redact_pii)
    with store.connection(settings) as con:
        run_id = store.start_run(con, "ingest", {"file": str(path), "kind": "churn_outcomes"}, now)
        try:
            counts = store_detection.upsert_outcomes(
                con, frame.assign(source_file=str(path), ingested_at=now)
            )
            known = store_detection.known_outcome_customers(con)
        except BaseException as exc:
            store.finish_run(
                con, run_id, status="failed", stats={}, finished_at=now, error=type(exc).__name__
            )
            raise
        stats = {"rows": len(frame), **counts, "known_customers": known}
        store.finish_run(con, run_id, status="ok", stats=stats, finished_at=now)
        return {**stats, "run_id": run_id}


def _name_space(con: Any, embedder: Any, vectors: dict[str, Any]) -> NameSpace | None:
    """What a new theme's names are scored with: the embedder's query vectors against the
    active topic model's centroids (in the same space), or None when there is no such model."""
    row = store.active_model(con, "topics")
    if row is None or not vectors:
        return None
    try:
        model = load_topic_model(row["artifact_path"])
    except OSError as exc:
        # Naming is a nicety: detection still runs, new themes keep their keyword names.
        log.warning("topic model %s unreadable, new themes named by keywords: %s",
                    row["model_id"], exc)  # fmt: skip
        return None
    if len(model.topic_ids_) == 0 or model.centroids_.shape[1] != embedder.dim:
        return None
    return NameSpace(embedder.embed_queries, vectors, model.centroids_)
