-- 006: theme curation (audit log and the curated state derived from it) and alert triage.
-- Forward-only: never edit a released migration, add a new one. See docs/curation.md.

-- Every edit a person made to the themes, in the order it was applied. Never deleted: an undo
-- is a row of its own (kind 'undo') and stamps undone_at/undone_by on the edit it cancels.
CREATE TABLE IF NOT EXISTS theme_edits (
    edit_id     VARCHAR PRIMARY KEY,       -- idempotency key (same request twice = one edit)
    seq         BIGINT NOT NULL,           -- order of application
    kind        VARCHAR NOT NULL,          -- rename | merge | split | hide | unhide | map | undo
    topic_ids   INTEGER[] NOT NULL,        -- themes the edit targets (stable topic or part ids)
    payload     JSON NOT NULL,             -- what was asked plus before/after
    topic_model VARCHAR,                   -- topic model whose ids the edit refers to
    who         VARCHAR NOT NULL,
    made_at     TIMESTAMP NOT NULL,        -- when the person made it (queued)
    applied_at  TIMESTAMP NOT NULL,        -- when it reached the database
    undone_at   TIMESTAMP,
    undone_by   VARCHAR
);

-- The curated state: a pure function of theme_edits, the topic models and their lineage,
-- rewritten by every refresh (pipelines/steps/curation.py). Only curated themes have rows:
-- a topic nobody edited is its own theme with the model's label.
CREATE TABLE IF NOT EXISTS themes (
    theme_id        INTEGER PRIMARY KEY,   -- a model topic id, or a split part (>= 100000)
    label           VARCHAR NOT NULL,      -- curated name (the model's label when not renamed)
    hidden          BOOLEAN NOT NULL,      -- noise: out of the report's lists and the alerts
    category_id     VARCHAR,               -- curated taxonomy category (NULL: the model's)
    origin          VARCHAR NOT NULL,      -- modello | unione | divisione
    unit_ids        INTEGER[] NOT NULL,    -- topics (and parts) grouped in the theme
    parent_topic_id INTEGER,               -- for a split part: the topic it was cut from
    edit_ids        VARCHAR[] NOT NULL,    -- edits that shaped it
    topic_model     VARCHAR                -- topic model the state was computed for
);

-- Topic (or part) → the theme it belongs to, for the units whose theme is not themselves.
CREATE TABLE IF NOT EXISTS theme_members (
    unit_id  INTEGER PRIMARY KEY,
    theme_id INTEGER NOT NULL
);

-- Documents moved to a split part, per model topic (document level and aspect level).
CREATE TABLE IF NOT EXISTS theme_doc_parts (
    doc_id   VARCHAR NOT NULL,
    topic_id INTEGER NOT NULL,             -- the model topic the document (or aspect) has
    part_id  INTEGER NOT NULL,             -- the split part it goes to
    PRIMARY KEY (doc_id, topic_id)
);

-- Edits a refit could not carry over: listed for a person to look at, never dropped silently.
CREATE TABLE IF NOT EXISTS theme_review (
    edit_id     VARCHAR NOT NULL,
    topic_id    INTEGER NOT NULL,          -- the theme concerned (-1: none left)
    lineage     VARCHAR NOT NULL,          -- merged | split | died
    message     VARCHAR NOT NULL,          -- Italian, for the app and the CLI
    topic_model VARCHAR NOT NULL,          -- the refit that caused it
    PRIMARY KEY (edit_id, topic_id, lineage)
);

-- Bookkeeping of the derived state (which model and edits it was computed from).
CREATE TABLE IF NOT EXISTS curation_state (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);

-- Alert triage history: one row per change of state; the current state is the latest row.
CREATE TABLE IF NOT EXISTS alert_triage (
    triage_id       VARCHAR PRIMARY KEY,   -- idempotency key
    seq             BIGINT NOT NULL,
    alert_id        VARCHAR NOT NULL,      -- the episode ("{scope}:{key}:{first_seen_week}")
    scope           VARCHAR,
    series_key      VARCHAR,
    first_seen_week VARCHAR,
    state           VARCHAR NOT NULL,      -- nuovo | preso in carico | risolto | falso allarme
    owner           VARCHAR,
    note            VARCHAR,
    reason          VARCHAR,
    who             VARCHAR NOT NULL,
    made_at         TIMESTAMP NOT NULL,
    applied_at      TIMESTAMP NOT NULL
);

-- An alert episode re-cut by a replay (late documents moved its first week by one) keeps the
-- triage of the episode it continues: detection writes that episode's id here.
ALTER TABLE alerts ADD COLUMN triage_of VARCHAR;
