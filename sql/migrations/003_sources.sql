-- 003: connector state. Forward-only: never edit a released migration, add a new one.

-- One row per configured source (voc.toml [sources.NAME]): where the next pull resumes.
-- Written only after the pulled batch was ingested and committed, so a crash in between
-- re-pulls instead of skipping. Never holds credentials.
CREATE TABLE IF NOT EXISTS source_state (
    source_name VARCHAR PRIMARY KEY,
    watermark   VARCHAR,                   -- e.g. max updated_at/created_at seen (ISO 8601, UTC)
    cursor      VARCHAR,                   -- opaque API cursor (Zendesk after_cursor), if any
    updated_at  TIMESTAMP
);

-- Files the folder watcher has ingested, by content: the same bytes are never ingested twice,
-- whatever the file is called or wherever it is dropped.
CREATE TABLE IF NOT EXISTS processed_files (
    sha256       VARCHAR PRIMARY KEY,
    path         VARCHAR NOT NULL,
    size         BIGINT NOT NULL,
    processed_at TIMESTAMP NOT NULL,
    run_id       VARCHAR
);
