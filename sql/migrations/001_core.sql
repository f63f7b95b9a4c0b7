-- 001: core tables. Forward-only: never edit a released migration, add a new one.

CREATE TABLE IF NOT EXISTS runs (
    run_id      VARCHAR PRIMARY KEY,
    flow        VARCHAR NOT NULL,          -- ingest | enrich | insights | weekly | retrain | demo
    started_at  TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    status      VARCHAR NOT NULL,          -- running | ok | failed
    params      JSON,
    stats       JSON,
    error       VARCHAR
);

CREATE TABLE IF NOT EXISTS documents (
    doc_id        VARCHAR PRIMARY KEY,     -- "{kind}:{source_id}" or "{kind}:h:{hash16}"
    kind          VARCHAR NOT NULL,        -- reviews | tickets | social
    source_id     VARCHAR,
    channel       VARCHAR,
    customer_id   VARCHAR,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP,
    title         VARCHAR,
    text          VARCHAR NOT NULL,        -- normalised; redacted when redaction is on
    text_hash     VARCHAR NOT NULL,
    rating        DOUBLE,
    status        VARCHAR,
    language      VARCHAR,
    is_duplicate  BOOLEAN NOT NULL DEFAULT FALSE,
    duplicate_of  VARCHAR,
    repairs       VARCHAR[],
    redacted      BOOLEAN NOT NULL DEFAULT TRUE,
    source_file   VARCHAR,
    source_row    INTEGER,
    ingest_run_id VARCHAR,
    ingested_at   TIMESTAMP
);

CREATE TABLE IF NOT EXISTS ticket_comments (
    doc_id       VARCHAR NOT NULL,
    comment_id   VARCHAR,
    comment_idx  INTEGER NOT NULL,
    author_role  VARCHAR NOT NULL,         -- customer | agent
    created_at   TIMESTAMP,
    text         VARCHAR,
    PRIMARY KEY (doc_id, comment_idx)
);

CREATE TABLE IF NOT EXISTS quarantine (
    source_file    VARCHAR NOT NULL,
    source_row     INTEGER NOT NULL,
    kind           VARCHAR NOT NULL,
    field          VARCHAR,
    reason         VARCHAR NOT NULL,
    raw            VARCHAR,                -- offending row as JSON, redacted
    run_id         VARCHAR,
    quarantined_at TIMESTAMP,
    PRIMARY KEY (source_file, source_row, kind, field)
);

-- Embedding cache: no text is embedded twice by the same model.
CREATE TABLE IF NOT EXISTS embeddings (
    model_id  VARCHAR NOT NULL,
    text_hash VARCHAR NOT NULL,
    vector    FLOAT[] NOT NULL,
    PRIMARY KEY (model_id, text_hash)
);

-- Model registry.
CREATE TABLE IF NOT EXISTS models (
    model_id      VARCHAR PRIMARY KEY,     -- e.g. "sentiment:default-1"
    task          VARCHAR NOT NULL,        -- sentiment | topics
    version       VARCHAR NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    data_hash     VARCHAR,
    metrics       JSON,
    artifact_path VARCHAR,
    status        VARCHAR NOT NULL,        -- active | candidate | retired
    params        JSON
);

-- One row per document: the output of the active models.
CREATE TABLE IF NOT EXISTS enrichments (
    doc_id          VARCHAR PRIMARY KEY,
    text_hash       VARCHAR NOT NULL,
    sentiment_label VARCHAR,               -- negativo | neutro | positivo (NULL for non-Italian)
    sentiment_score DOUBLE,                -- [-1, 1]
    p_negativo      DOUBLE,
    p_neutro        DOUBLE,
    p_positivo      DOUBLE,
    topic_id        INTEGER,               -- -1 = unassigned
    topic_similarity DOUBLE,
    category_id     VARCHAR,               -- taxonomy category
    churn_intent    BOOLEAN,
    churn_cues      VARCHAR[],
    escalation      BOOLEAN,
    escalation_cues VARCHAR[],
    sentiment_model VARCHAR,
    topic_model     VARCHAR,
    run_id          VARCHAR,
    enriched_at     TIMESTAMP
);

-- Aspect level: one row per (document, topic) from sentence-level scoring.
CREATE TABLE IF NOT EXISTS doc_topics (
    doc_id          VARCHAR NOT NULL,
    topic_id        INTEGER NOT NULL,
    category_id     VARCHAR,
    n_sentences     INTEGER NOT NULL,
    sentiment_score DOUBLE,
    sentiment_label VARCHAR,
    topic_model     VARCHAR,
    PRIMARY KEY (doc_id, topic_id)
);

CREATE TABLE IF NOT EXISTS topics (
    topic_model VARCHAR NOT NULL,
    topic_id    INTEGER NOT NULL,
    label       VARCHAR NOT NULL,
    keywords    VARCHAR[],
    category_id VARCHAR,
    size        INTEGER,
    quotes      VARCHAR[],
    PRIMARY KEY (topic_model, topic_id)
);

CREATE TABLE IF NOT EXISTS topic_lineage (
    topic_model VARCHAR NOT NULL,
    event       VARCHAR NOT NULL,          -- continued | merged | split | born | died
    topic_id    INTEGER,
    related_ids INTEGER[],
    similarity  DOUBLE,
    recorded_at TIMESTAMP
);

CREATE TABLE IF NOT EXISTS taxonomy (
    category_id VARCHAR PRIMARY KEY,
    label       VARCHAR NOT NULL,
    description VARCHAR
);
