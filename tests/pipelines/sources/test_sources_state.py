"""Connector state tables, voc.toml [sources.*] loading and the real ingest (when available)."""

from __future__ import annotations

from datetime import datetime

import pytest
from sources_fakes import NOW, TOKEN, api_config, db_rows

from pipelines import store
from pipelines.errors import VocError
from pipelines.sources import load_sources, staging_dir
from pipelines.steps.pull import pull_source
from pipelines.store.sources import (
    SourceState,
    is_processed,
    read_state,
    record_processed,
    reset_state,
    write_state,
)


def test_state_roundtrip_and_processed_files(tmp_path):
    con = store.connect(tmp_path / "s.duckdb")
    try:
        assert read_state(con, "zd") == SourceState("zd")
        write_state(con, "zd", watermark="2026-01-01T00:00:00Z", cursor="c1", now=NOW)
        write_state(con, "zd", watermark="2026-01-02T00:00:00Z", cursor="c2", now=NOW)
        assert read_state(con, "zd") == SourceState("zd", "2026-01-02T00:00:00Z", "c2", NOW)
        assert read_state(con, "other").watermark is None
        reset_state(con, "zd")
        assert read_state(con, "zd").cursor is None

        assert not is_processed(con, "abc")
        assert record_processed(con, path="/a.csv", sha256="abc", size=3, run_id="r", now=NOW)
        assert not record_processed(con, path="/b.csv", sha256="abc", size=3, run_id="r2", now=NOW)
        assert is_processed(con, "abc")
        assert con.execute("SELECT path, run_id FROM processed_files").fetchall() == [
            ("/a.csv", "r")
        ]
    finally:
        con.close()


def test_load_sources_resolves_paths_and_validates(tmp_path):
    config = tmp_path / "voc.toml"
    config.write_text(
        """
redact_pii = true
[sources.helpdesk]
type = "zendesk"
base_url = "https://acme.zendesk.com"
auth_env = "ZENDESK_TOKEN"
[sources.mentions]
type = "rest"
base_url = "https://social.example.com"
mapping = "maps/mentions.yaml"
[sources.drop]
type = "folder"
path = "/srv/exports"
""",
        encoding="utf-8",
    )
    sources = load_sources(config)
    assert list(sources) == ["helpdesk", "mentions", "drop"]
    assert sources["helpdesk"]["name"] == "helpdesk"
    assert sources["mentions"]["mapping"] == str(tmp_path / "maps" / "mentions.yaml")
    assert sources["drop"]["path"] == "/srv/exports"

    config.write_text('[sources.x]\ntype = "zendesk"\nbase_url = "https://a"\ntoken = "abc"\n')
    with pytest.raises(VocError, match="credentials"):
        load_sources(config)
    config.write_text('[sources.x]\ntype = "imap"\n')
    with pytest.raises(VocError, match="type must be one of"):
        load_sources(config)
    config.write_text("[sources\n")
    with pytest.raises(VocError, match="cannot read"):
        load_sources(config)
    config.write_text("a = 1\n")
    assert load_sources(config) == {}


def test_staging_dir_is_beside_the_db(settings):
    assert staging_dir(settings) == settings.db.parent / "voc_staging"


@pytest.mark.slow  # the real validation step (Great Expectations) takes ~10 s to warm up
def test_pull_with_the_real_ingest(fake_api, settings, sleeps):
    """Staged JSONL goes through the real prepare/validate/store path, twice, idempotently."""
    pytest.importorskip("pipelines.steps", reason="the ingest step is not importable yet")
    for tid in (1, 2):
        fake_api.add_ticket(tid, f"2026-02-1{tid}T12:00:00Z", n_comments=2)
    config = api_config(fake_api, "zendesk")
    env = {"TEST_API_TOKEN": TOKEN}
    first = pull_source(settings, config, NOW, env=env, sleep=sleeps)
    assert first["inserted"] == 2 and first["quarantined"] == 0
    fake_api.reviews = [
        {"id": "r1", "stars": 2, "title": "Male", "text": "Pacco arrivato rotto, nessuna risposta.",
         "createdAt": "2026-02-03T10:00:00Z", "consumer": {"id": "c1"}}
    ]  # fmt: skip
    rev = pull_source(settings, api_config(fake_api, "reviews_api", business_unit_id="bu-1"),
                      NOW, env=env, sleep=sleeps)  # fmt: skip
    assert rev["inserted"] == 1 and rev["quarantined"] == 0
    state = pull_source(
        settings, {**config, "name": "again"}, datetime(2026, 3, 3), env=env, sleep=sleeps
    )
    assert state["inserted"] == 0 and state["unchanged"] == 2
    kinds = db_rows(settings, "SELECT kind, count(*) FROM documents GROUP BY 1 ORDER BY 1")
    assert kinds == [("reviews", 1), ("tickets", 2)]
