"""Storage: the only package that opens DuckDB connections or holds SQL text.

``from pipelines import store`` then ``with store.connection(settings) as con:``. The modules
group the statements by the tables they touch: ``db`` (connections, migrations,
transactions), ``runs``, ``documents``, ``dedup`` (near-duplicate index), ``embeddings``
(embedding cache, enrichment rows), ``registry`` (models), ``topics``, ``detection``,
``sources`` (connector state), ``export`` and ``bi`` (files and the database for BI tools) and
``doctor`` (maintenance). Steps call them through this
facade (``store.write_batch(...)``), so a test that patches ``store.X`` patches what they call.
"""

from pipelines.store.bi import BI_VIEWS, bi_folder, bi_snapshot, publish_bi
from pipelines.store.db import (
    connect,
    connection,
    migrate,
    query_df,
    schema_version,
    set_timezone,
    timezone,
    transaction,
)
from pipelines.store.dedup import (
    dedup_candidates,
    dedup_documents,
    record_dedup,
    sync_dedup_scheme,
    unindexed_documents,
)
from pipelines.store.documents import (
    DOCUMENT_COLUMNS,
    existing_documents,
    mark_duplicates,
    write_batch,
)
from pipelines.store.embeddings import (
    DOC_TOPIC_COLUMNS,
    ENRICHMENT_COLUMNS,
    cached_embeddings,
    pending_documents,
    store_embeddings,
    write_enrichments,
)
from pipelines.store.export import (
    EXPORT_VIEWS,
    export_views,
    quote_literal,
)
from pipelines.store.insights import (
    corpus_weeks,
    documents_per_kind,
    overview_weeks,
    topic_complaints,
    week_by_kind,
    week_overview,
    week_top_complaints,
    week_top_topics,
)
from pipelines.store.overview import (
    churn_risk_top,
    emerging_complaints_of_week,
    view_names,
)
from pipelines.store.registry import (
    activate_model,
    active_model,
    list_models,
    register_model,
)
from pipelines.store.report import (
    alert_counts,
    aspect_rows,
    category_names,
    channel_weeks,
    churn_counts,
    churn_snapshot,
    churn_top,
    document_count,
    emerging_alerts,
    kind_volumes,
    kind_weeks,
    quarantine_count,
    quarantine_reasons,
    relation_exists,
    topic_names,
    topic_weeks,
    week_document_counts,
    week_languages,
    week_models,
    weekly_totals,
)
from pipelines.store.runs import (
    finish_run,
    start_run,
)
from pipelines.store.sources import (
    SourceState,
    is_processed,
    read_state,
    record_processed,
    reset_state,
    write_state,
)
from pipelines.store.status import (
    active_models,
    documents_by_kind,
    documents_by_week,
    last_runs,
    open_alert_count,
    table_columns,
)
from pipelines.store.topics import (
    corpus_for_topics,
    write_topics,
)

__all__ = [
    "BI_VIEWS",
    "DOCUMENT_COLUMNS",
    "DOC_TOPIC_COLUMNS",
    "ENRICHMENT_COLUMNS",
    "EXPORT_VIEWS",
    "SourceState",
    "activate_model",
    "active_model",
    "active_models",
    "alert_counts",
    "aspect_rows",
    "bi_folder",
    "bi_snapshot",
    "cached_embeddings",
    "category_names",
    "channel_weeks",
    "churn_counts",
    "churn_risk_top",
    "churn_snapshot",
    "churn_top",
    "connect",
    "connection",
    "corpus_for_topics",
    "corpus_weeks",
    "dedup_candidates",
    "dedup_documents",
    "document_count",
    "documents_by_kind",
    "documents_by_week",
    "documents_per_kind",
    "emerging_alerts",
    "emerging_complaints_of_week",
    "existing_documents",
    "export_views",
    "finish_run",
    "is_processed",
    "kind_volumes",
    "kind_weeks",
    "last_runs",
    "list_models",
    "mark_duplicates",
    "migrate",
    "open_alert_count",
    "overview_weeks",
    "pending_documents",
    "publish_bi",
    "quarantine_count",
    "quarantine_reasons",
    "query_df",
    "quote_literal",
    "read_state",
    "record_dedup",
    "record_processed",
    "register_model",
    "relation_exists",
    "reset_state",
    "schema_version",
    "set_timezone",
    "start_run",
    "store_embeddings",
    "sync_dedup_scheme",
    "table_columns",
    "timezone",
    "topic_complaints",
    "topic_names",
    "topic_weeks",
    "transaction",
    "unindexed_documents",
    "view_names",
    "week_by_kind",
    "week_document_counts",
    "week_languages",
    "week_models",
    "week_overview",
    "week_top_complaints",
    "week_top_topics",
    "weekly_totals",
    "write_batch",
    "write_enrichments",
    "write_state",
    "write_topics",
]

from pipelines.store.enrichment import (
    Connection,
    duplicate_count,
    has_model,
    latest_week,
    rated_reviews,
    topic_fit_backlog,
    topic_labels,
)

__all__ += [
    "Connection",
    "duplicate_count",
    "has_model",
    "latest_week",
    "rated_reviews",
    "topic_fit_backlog",
    "topic_labels",
]
