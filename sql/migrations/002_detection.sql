-- 002: emerging-complaint alerts, churn risk and known churn outcomes.
-- Forward-only: never edit a released migration, add a new one.

-- One row per alert episode and week: the episode opens ('nuovo'), continues ('in corso') and
-- closes ('rientrato') across weeks. The table is recomputed by every detection run; only
-- notified_at is carried over (per alert_id), so a notification is never sent twice.
CREATE TABLE IF NOT EXISTS alerts (
    alert_id        VARCHAR NOT NULL,      -- "{scope}:{key}:{first_seen_week}"
    iso_week        VARCHAR NOT NULL,
    first_seen_week VARCHAR NOT NULL,
    status          VARCHAR NOT NULL,      -- nuovo | in corso | rientrato
    scope           VARCHAR NOT NULL,      -- topic | category | channel | kind | new_topic
    series_key      VARCHAR NOT NULL,
    topic_id        INTEGER,
    topic_label     VARCHAR,
    category_id     VARCHAR,
    category_label  VARCHAR,
    channel         VARCHAR,
    kind            VARCHAR,
    volume          INTEGER,               -- negative documents this week
    total           INTEGER,               -- all documents of the series this week
    baseline        DOUBLE,                -- expected negative documents
    growth          DOUBLE,                -- (volume + 1) / (baseline + 1)
    z_score         DOUBLE,
    p_value         DOUBLE,
    severity        DOUBLE,                -- volume x negative share x growth (capped at 10)
    share_negativo  DOUBLE,
    share_baseline  DOUBLE,
    mean_sentiment  DOUBLE,
    channels        VARCHAR[],
    kinds           VARCHAR[],
    quotes          VARCHAR[],             -- redacted example texts
    keywords        VARCHAR[],
    notified_at     TIMESTAMP,
    run_id          VARCHAR,
    detected_at     TIMESTAMP,
    PRIMARY KEY (alert_id, iso_week)
);

-- Churn-risk snapshot per customer, one set per ISO week it was computed for.
CREATE TABLE IF NOT EXISTS churn_risk (
    customer_id  VARCHAR NOT NULL,
    as_of_week   VARCHAR NOT NULL,
    risk_score   DOUBLE NOT NULL,          -- [0, 1]
    risk_level   VARCHAR NOT NULL,         -- alto | medio | basso
    reasons      VARCHAR[],                -- Italian
    last_contact TIMESTAMP,
    contacts_30d INTEGER,
    n_documents  INTEGER,
    last_texts   VARCHAR[],                -- redacted
    features     JSON,
    model        VARCHAR NOT NULL,         -- 'default' or the fitted model id
    run_id       VARCHAR,
    computed_at  TIMESTAMP,
    PRIMARY KEY (customer_id, as_of_week)
);

-- Known churn outcomes supplied by the customer (CSV of customer_id, churned_at).
CREATE TABLE IF NOT EXISTS churn_outcomes (
    customer_id VARCHAR PRIMARY KEY,
    churned_at  TIMESTAMP NOT NULL,
    source_file VARCHAR,
    ingested_at TIMESTAMP
);
