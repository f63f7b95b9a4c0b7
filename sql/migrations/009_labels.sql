-- 009: human labels (docs/labels.md) and churn follow-ups (the team's own churn outcomes).
-- Forward-only: never edit a released migration, add a new one.

-- Every label a person gave a document, in the order it reached the database. Never updated or
-- deleted (the audit trail): the label in force is the latest row of (doc_id, field), the view
-- labels_current. Kept whatever happens to enrichments: a re-enrichment by a new model never
-- touches this table.
CREATE TABLE IF NOT EXISTS labels (
    label_id    VARCHAR PRIMARY KEY,       -- idempotency key (same request twice = one label)
    seq         BIGINT NOT NULL,           -- order of application
    doc_id      VARCHAR NOT NULL,
    field       VARCHAR NOT NULL,          -- sentiment | theme | churn_intent | escalation
    value       VARCHAR NOT NULL,          -- negativo|neutro|positivo; theme id or 'nessuno'; si|no
    previous    VARCHAR,                   -- what the document showed before (model or label)
    topic_model VARCHAR,                   -- theme labels: the topic model whose ids value uses
    text_hash   VARCHAR,                   -- the text the person read
    who         VARCHAR NOT NULL,
    source      VARCHAR NOT NULL,          -- app | cli | csv
    made_at     TIMESTAMP NOT NULL,        -- when the person made it (queued)
    applied_at  TIMESTAMP NOT NULL         -- when it reached the database
);

-- Follow-ups of at-risk customers made by the CX team, one row per action (the audit trail).
-- The latest per customer is mirrored into churn_outcomes, the table 'voc ingest-outcomes' loads.
CREATE TABLE IF NOT EXISTS churn_followups (
    followup_id VARCHAR PRIMARY KEY,       -- idempotency key
    seq         BIGINT NOT NULL,
    customer_id VARCHAR NOT NULL,
    state       VARCHAR NOT NULL,          -- contattato | trattenuto | perso
    note        VARCHAR,
    who         VARCHAR NOT NULL,
    source      VARCHAR NOT NULL,          -- app | cli
    made_at     TIMESTAMP NOT NULL,
    applied_at  TIMESTAMP NOT NULL
);

-- churn_outcomes gains the follow-up state: a customer contacted or retained has no churn date.
-- Rows loaded from a file keep outcome NULL (= perso, as before).
ALTER TABLE churn_outcomes ALTER COLUMN churned_at DROP NOT NULL;
ALTER TABLE churn_outcomes ADD COLUMN outcome VARCHAR;
ALTER TABLE churn_outcomes ADD COLUMN note VARCHAR;
ALTER TABLE churn_outcomes ADD COLUMN followed_by VARCHAR;
