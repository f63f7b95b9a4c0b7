-- Settings the views need (the time zone that defines local ISO weeks). Written by the
-- writer connection from voc.toml on every open; read-only readers see the last one written.
CREATE TABLE IF NOT EXISTS voc_settings (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);
INSERT INTO voc_settings VALUES ('timezone', 'Europe/Rome') ON CONFLICT DO NOTHING;
