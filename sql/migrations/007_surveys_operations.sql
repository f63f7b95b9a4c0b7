-- 007: survey scores, theme impact and ticket operations.
-- Forward-only: never edit a released migration, add a new one.

-- One row per survey response, with or without a verbatim: a score without a comment counts
-- for NPS/CSAT/CES. The verbatim itself is a document (kind 'surveys', same id) so it is
-- enriched like any other text; doc_id is NULL when the respondent wrote nothing.
CREATE TABLE IF NOT EXISTS survey_responses (
    response_id   VARCHAR PRIMARY KEY,     -- "surveys:{source_id}" or "surveys:h:{hash16}"
    doc_id        VARCHAR,                 -- documents.doc_id of the verbatim, or NULL
    survey        VARCHAR,                 -- survey name (e.g. "NPS relazionale 2026")
    touchpoint    VARCHAR,                 -- e.g. attivazione, assistenza, fatturazione
    channel       VARCHAR,                 -- where it was answered: email, app, sms, web, ...
    customer_id   VARCHAR,
    created_at    TIMESTAMP NOT NULL,      -- UTC
    nps           SMALLINT,                -- 0-10
    csat          SMALLINT,                -- 1-5
    ces           SMALLINT,                -- 1-7 (higher = easier)
    source_file   VARCHAR,
    source_row    INTEGER,
    ingest_run_id VARCHAR,
    ingested_at   TIMESTAMP
);

-- Ticket operations (first response, resolution, reopenings, SLA), one row per ticket.
-- Derived: recomputed from documents + ticket_comments by every 'voc insights' with the
-- [sla] settings of that run.
CREATE TABLE IF NOT EXISTS ticket_operations (
    doc_id                  VARCHAR PRIMARY KEY,
    channel                 VARCHAR,
    priority                VARCHAR,       -- low | normal | high | urgent
    customer_id             VARCHAR,
    created_at              TIMESTAMP NOT NULL,
    first_response_at       TIMESTAMP,
    solved_at               TIMESTAMP,
    status                  VARCHAR,
    first_response_hours    DOUBLE,        -- business hours (NULL: no answer yet)
    resolution_hours        DOUBLE,        -- business hours (NULL: not solved)
    first_response_target   DOUBLE,
    resolution_target       DOUBLE,
    first_response_breached BOOLEAN,       -- NULL: no answer yet and still within target
    resolution_breached     BOOLEAN,
    reopens                 INTEGER,
    agent_replies           INTEGER,
    slow_replies            INTEGER,       -- agent replies later than the first-response target
    polarity_after_slow     DOUBLE,        -- mean lexicon polarity of the customer's next message
    polarity_after_fast     DOUBLE,
    n_after_slow            INTEGER,
    n_after_fast            INTEGER,
    topic_id                INTEGER,
    category_id             VARCHAR,
    sentiment_label         VARCHAR,
    run_id                  VARCHAR,
    computed_at             TIMESTAMP
);

-- Theme impact on NPS, CSAT and star rating (driver analysis), recomputed by every
-- 'voc insights': per week, over the rolling window and over the week alone.
CREATE TABLE IF NOT EXISTS theme_impact (
    iso_week       VARCHAR NOT NULL,       -- last week of the period
    period         VARCHAR NOT NULL,       -- rolling | week
    weeks          INTEGER NOT NULL,
    metric         VARCHAR NOT NULL,       -- nps | csat | rating
    scope          VARCHAR NOT NULL,       -- topic | category
    theme_id       VARCHAR NOT NULL,
    theme_label    VARCHAR,
    n_responses    INTEGER,
    n_mentions     INTEGER,
    reach          DOUBLE,
    score_all      DOUBLE,
    score_with     DOUBLE,
    score_without  DOUBLE,
    impact         DOUBLE,                 -- score_all - score_without (remove and recompute)
    impact_low     DOUBLE,
    impact_high    DOUBLE,
    effect         DOUBLE,                 -- regression on theme indicators (overlap-aware)
    effect_low     DOUBLE,
    effect_high    DOUBLE,
    gain           DOUBLE,                 -- -effect x reach: points recovered by fixing it
    gain_low       DOUBLE,
    gain_high      DOUBLE,
    priority_rank  INTEGER,                -- "cosa sistemare per primo" (1 = first)
    n_negativo     INTEGER,                -- aspect-level sentiment of the mentions
    n_neutro       INTEGER,
    n_positivo     INTEGER,
    confidence     DOUBLE,
    n_bootstrap    INTEGER,
    run_id         VARCHAR,
    computed_at    TIMESTAMP,
    PRIMARY KEY (iso_week, period, metric, scope, theme_id)
);

-- What a ticket export says about service beyond its thread: priority (low | normal | high |
-- urgent), when it was solved, and the helpdesk's own reopen count when it has one.
CREATE TABLE IF NOT EXISTS ticket_details (
    doc_id    VARCHAR PRIMARY KEY,
    priority  VARCHAR NOT NULL,
    solved_at TIMESTAMP,
    reopens   INTEGER
);
