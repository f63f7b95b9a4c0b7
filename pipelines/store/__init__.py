"""Storage: the only package that opens DuckDB connections or holds SQL text.

``from pipelines import store`` then ``store.connect(...)``; the modules below group the
statements by the tables they touch.
"""

from pipelines.store.db import (
    DOC_TOPIC_COLUMNS,
    DOCUMENT_COLUMNS,
    ENRICHMENT_COLUMNS,
    activate_model,
    active_model,
    cached_embeddings,
    connect,
    connection,
    corpus_for_topics,
    dedup_candidates,
    dedup_documents,
    existing_documents,
    finish_run,
    list_models,
    mark_duplicates,
    migrate,
    pending_documents,
    query_df,
    record_dedup,
    register_model,
    schema_version,
    set_timezone,
    start_run,
    store_embeddings,
    sync_dedup_scheme,
    timezone,
    transaction,
    unindexed_documents,
    write_batch,
    write_enrichments,
    write_topics,
)

__all__ = [
    "DOCUMENT_COLUMNS",
    "DOC_TOPIC_COLUMNS",
    "ENRICHMENT_COLUMNS",
    "activate_model",
    "active_model",
    "cached_embeddings",
    "connect",
    "connection",
    "corpus_for_topics",
    "dedup_candidates",
    "dedup_documents",
    "existing_documents",
    "finish_run",
    "list_models",
    "mark_duplicates",
    "migrate",
    "pending_documents",
    "query_df",
    "record_dedup",
    "register_model",
    "schema_version",
    "set_timezone",
    "start_run",
    "store_embeddings",
    "sync_dedup_scheme",
    "timezone",
    "transaction",
    "unindexed_documents",
    "write_batch",
    "write_enrichments",
    "write_topics",
]

from pipelines.store.overview import (
    churn_risk_top,
    emerging_complaints_of_week,
    view_names,
)

__all__ += ["churn_risk_top", "emerging_complaints_of_week", "view_names"]
