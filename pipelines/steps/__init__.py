"""Pipeline steps: the in-process jobs the CLI, the flows and the demo all call.

Each step opens the database (``with store.connection(settings) as con:``), calls store
functions and the pure stage code, records itself in the ``runs`` table and writes in
transactions, so re-running a step is idempotent and a killed step leaves no half-written
batch. Prefect tasks (``flows/``) and CLI commands (``voc/``) are thin adapters over these.

This module only re-exports the steps' public names. Note that ``steps.enrich`` is the
function: reach the module as ``importlib.import_module("pipelines.steps.enrich")``.
"""

# ruff: noqa: F401  (a facade: every import is a re-export; append new steps' lines below)

from pipelines.steps.bi import publish_bi
from pipelines.steps.curation import (
    EditResult,
    apply_pending_edits,
    hide_theme,
    list_alerts,
    list_edits,
    list_themes,
    map_theme,
    merge_themes,
    pending_edits,
    refresh_curation,
    rename_theme,
    review_items,
    split_theme,
    triage_alert,
    undo_edit,
    unhide_theme,
)
from pipelines.steps.cx import WeekCx, calendar_for, run_cx, week_cx
from pipelines.steps.demo import DemoResult, run_demo
from pipelines.steps.detect import ingest_churn_outcomes, run_detection
from pipelines.steps.embed import embedder_for
from pipelines.steps.enrich import (
    BatchRunner,
    EnrichmentPlan,
    batches_in_process,
    cached_for_batch,
    enrich,
    load_models,
    plan_enrichment,
    store_batch,
)
from pipelines.steps.files import evaluate_sentiment_file, fit_topics_file
from pipelines.steps.ingest import DEDUP_THRESHOLD, KINDS, IngestResult, ingest_file
from pipelines.steps.labels import (
    LabelResult,
    at_risk_customers,
    export_queue,
    follow_up,
    import_labels,
    label_document,
    review_queue,
)
from pipelines.steps.overview import (
    AlertsAndChurn,
    activate_model,
    alerts_and_churn,
    list_models,
)
from pipelines.steps.pull import pull_source
from pipelines.steps.report import (
    build_report,
    corpus_summary,
    export_views,
    gather_report_data,
    gather_status,
    weekly_insights,
    write_report,
)
from pipelines.steps.retrain import retrain_sentiment
from pipelines.steps.runs import Call, NullProgress, Progress, direct, recorded_run
from pipelines.steps.score import score_file, scoring_models
from pipelines.steps.setup import ensure_default_models, init_db, model_embedder
from pipelines.steps.topics import fit_topics, refit_topics_if_due
from pipelines.steps.weekly import (
    LATEST,
    WeekInsights,
    WeeklyRun,
    ingest_inbox,
    report_week,
    week_insights,
    weekly_run,
)
