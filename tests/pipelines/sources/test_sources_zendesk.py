"""Zendesk incremental export end to end against the fake API: resume, faults, no dupes."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from sources_fakes import NOW, TOKEN, ZD_USER, api_config, db_rows

from pipelines.errors import VocError
from pipelines.sources import staging_dir
from pipelines.sources.http import HttpSourceError, RepeatedCursorError
from pipelines.sources.zendesk import comment_record, ticket_record
from pipelines.steps.pull import pull_source

ENV = {"TEST_API_TOKEN": TOKEN}


def seed_tickets(api, n=5):
    for tid in range(1, n + 1):
        api.add_ticket(tid, f"2026-02-{10 + tid:02d}T12:00:00Z", n_comments=3)


def stored_ids(settings):
    return [r[0] for r in db_rows(settings, "SELECT doc_id FROM documents ORDER BY doc_id")]


def test_ticket_and_comment_mapping():
    ticket = {"id": 7, "requester_id": 70, "status": "solved", "created_at": "a",
              "updated_at": "b", "raw_subject": "Oggetto", "via": {"channel": "voice"},
              "priority": "urgent"}  # fmt: skip
    record = ticket_record(ticket, [], {"ticket_id": 7, "solved_at": "c", "reopens": 2})
    assert record == {
        "id": "7", "requester_id": "70", "status": "solved", "created_at": "a",
        "updated_at": "b", "solved_at": "c", "subject": "Oggetto", "channel": "phone",
        "priority": "urgent", "reopens": 2, "comments": [],
    }  # fmt: skip
    assert comment_record({"id": 1, "author_id": 70, "body": "x"}, 70)["author_role"] == "customer"
    assert comment_record({"id": 2, "author_id": 71, "body": "y"}, 70)["author_role"] == "agent"
    assert comment_record({"id": 2, "author_id": 71, "body": "y"}, None)["author_role"] == "agent"


def test_full_then_incremental_pull(fake_api, settings, fake_ingest, sleeps):
    seed_tickets(fake_api, 5)
    # Kept to look at the staged batch below (by default it is deleted once ingested).
    config = api_config(fake_api, "zendesk", start_time="2026-01-01", keep_staging=True)
    first = pull_source(settings, config, NOW, ingest=fake_ingest, env=ENV, sleep=sleeps)
    assert first["records"] == 5 and first["pages"] == 3 and first["inserted"] == 5
    assert first["cursor"] == "cur-5" and first["watermark"] == "2026-02-15T12:00:00Z"
    assert stored_ids(settings) == [f"tickets:{i}" for i in range(1, 6)]
    # comments: all pages of the comments endpoint, roles from requester_id
    roles = db_rows(
        settings, "SELECT author_role, count(*) FROM ticket_comments GROUP BY 1 ORDER BY 1"
    )
    assert roles == [("agent", 5), ("customer", 10)]
    # the staged batch is the project's ticket schema
    staged = [json.loads(x) for x in Path(first["files"][0]).read_text().splitlines()]
    assert set(staged[0]) == {"id", "requester_id", "status", "created_at", "updated_at",
                              "solved_at", "subject", "channel", "priority", "reopens",
                              "comments"}  # fmt: skip
    assert set(staged[0]["comments"][0]) == {"id", "author_role", "created_at", "body"}
    assert Path(first["files"][0]).parent == staging_dir(settings)
    assert first["http"]["requests"] == 3 + 5 * 2

    # Ticket 2 changes and ticket 6 is created: the next pull resumes from the cursor only.
    fake_api.add_ticket(2, "2026-02-20T09:00:00Z", status="solved", n_comments=4)
    fake_api.add_ticket(6, "2026-02-21T09:00:00Z")
    second = pull_source(settings, config, NOW + timedelta(hours=1), ingest=fake_ingest,
                         env=ENV, sleep=sleeps)  # fmt: skip
    exports = fake_api.calls("/api/v2/incremental")
    assert exports[3] == {"cursor": "cur-5", "per_page": "1000", "exclude_deleted": "true"}
    assert "start_time" in exports[0] and all("start_time" not in q for q in exports[1:])
    assert second["records"] == 2 and second["inserted"] == 1 and second["updated"] == 1
    assert stored_ids(settings) == [f"tickets:{i}" for i in range(1, 7)]
    assert db_rows(settings, "SELECT status FROM documents WHERE doc_id = 'tickets:2'") == [
        ("solved",)
    ]

    # Nothing new: no file, no ingest, state unchanged.
    calls = len(fake_ingest.calls)
    third = pull_source(settings, config, NOW + timedelta(hours=2), ingest=fake_ingest,
                        env=ENV, sleep=sleeps)  # fmt: skip
    assert third["records"] == 0 and len(fake_ingest.calls) == calls
    assert third["cursor"] == "cur-7"
    runs = db_rows(settings, "SELECT status FROM runs WHERE flow = 'pull'")
    assert runs == [("ok",)] * 3


def test_transient_faults_are_absorbed(fake_api, settings, fake_ingest, sleeps):
    seed_tickets(fake_api, 5)
    fake_api.fault("export", "429", "ok", "500", "timeout", "malformed")
    fake_api.fault("comments", "503", "ok", "timeout")
    config = api_config(fake_api, "zendesk", auth_user=ZD_USER, auth="basic")
    result = pull_source(settings, config, NOW, ingest=fake_ingest, env=ENV, sleep=sleeps)
    assert result["records"] == 5
    assert 7.0 in sleeps  # Retry-After honoured
    http = result["http"]
    assert http["rate_limited"] == 1 and http["timeouts"] == 2 and http["malformed"] == 1
    assert http["server_errors"] == 2
    assert stored_ids(settings) == [f"tickets:{i}" for i in range(1, 6)]


def test_fault_mid_pull_keeps_progress_and_resumes(fake_api, settings, fake_ingest, sleeps):
    seed_tickets(fake_api, 6)
    # page 1 fine, page 2 fails 5 times in a row (retries = 4 -> 5 attempts): the pull fails.
    fake_api.fault("export", "ok", *["500"] * 5)
    config = api_config(fake_api, "zendesk")
    with pytest.raises(HttpSourceError, match="after 5 attempts"):
        pull_source(settings, config, NOW, ingest=fake_ingest, env=ENV, sleep=sleeps)
    # page 1 was ingested and checkpointed before failing
    assert stored_ids(settings) == ["tickets:1", "tickets:2"]
    assert db_rows(settings, "SELECT cursor FROM source_state") == [("cur-2",)]
    assert db_rows(settings, "SELECT status, error FROM runs WHERE flow = 'pull'") == [
        ("failed", "HttpSourceError")
    ]
    result = pull_source(settings, config, NOW, ingest=fake_ingest, env=ENV, sleep=sleeps)
    assert result["cursor_before"] == "cur-2" and result["records"] == 4
    assert stored_ids(settings) == [f"tickets:{i}" for i in range(1, 7)]
    assert db_rows(settings, "SELECT count(*) FROM ticket_comments") == [(18,)]


def test_repeating_cursor_stops_then_next_run_completes(fake_api, settings, fake_ingest, sleeps):
    seed_tickets(fake_api, 6)
    fake_api.fault("export", "ok", "repeat")  # 2nd page answers with its own cursor again
    config = api_config(fake_api, "zendesk")
    with pytest.raises(RepeatedCursorError):
        pull_source(settings, config, NOW, ingest=fake_ingest, env=ENV, sleep=sleeps)
    assert len(fake_api.calls("/api/v2/incremental")) == 2  # bounded: no endless loop
    assert stored_ids(settings) == [f"tickets:{i}" for i in range(1, 5)]
    assert db_rows(settings, "SELECT cursor FROM source_state") == [("cur-2",)]
    pull_source(settings, config, NOW, ingest=fake_ingest, env=ENV, sleep=sleeps)
    ids = stored_ids(settings)
    assert ids == [f"tickets:{i}" for i in range(1, 7)] and len(ids) == len(set(ids))


def test_crash_between_pull_and_ingest_repulls(fake_api, settings, fake_ingest, sleeps):
    seed_tickets(fake_api, 3)
    config = api_config(fake_api, "zendesk")
    fake_ingest.crash_next = True
    with pytest.raises(RuntimeError, match="simulated crash"):
        pull_source(settings, config, NOW, ingest=fake_ingest, env=ENV, sleep=sleeps)
    # pulled and staged, but not ingested: the watermark must not move
    assert db_rows(settings, "SELECT count(*) FROM source_state") == [(0,)]
    assert stored_ids(settings) == []
    result = pull_source(settings, config, NOW, ingest=fake_ingest, env=ENV, sleep=sleeps)
    assert result["cursor_before"] is None and result["records"] == 3
    assert stored_ids(settings) == ["tickets:1", "tickets:2", "tickets:3"]


def test_batches_are_checkpointed_and_duplicate_updates_collapse(
    fake_api, settings, fake_ingest, sleeps
):
    seed_tickets(fake_api, 4)
    fake_api.add_ticket(1, "2026-02-25T00:00:00Z", status="closed")  # ticket 1 again, later
    config = api_config(fake_api, "zendesk", batch_size=2)
    result = pull_source(settings, config, NOW, ingest=fake_ingest, env=ENV, sleep=sleeps)
    assert len(result["files"]) == 3  # 2 + 2 + 1 records
    assert db_rows(settings, "SELECT status FROM documents WHERE doc_id = 'tickets:1'") == [
        ("closed",)
    ]
    assert db_rows(settings, "SELECT count(*) FROM documents") == [(4,)]


def test_token_not_in_logs_db_or_staging(fake_api, settings, fake_ingest, sleeps, caplog):
    caplog.set_level("DEBUG")
    seed_tickets(fake_api, 3)
    fake_api.fault("export", "429", "500")
    config = api_config(fake_api, "zendesk", keep_staging=True)
    result = pull_source(settings, config, NOW, ingest=fake_ingest, env=ENV, sleep=sleeps)
    sent = [h.get("Authorization") for _, _, h in fake_api.requests]
    assert all(a == f"Bearer {TOKEN}" for a in sent)  # it was really used...
    assert TOKEN not in caplog.text  # ...but never logged
    for (table,) in db_rows(settings, "SELECT table_name FROM information_schema.tables"):
        dump = json.dumps(db_rows(settings, f'SELECT * FROM "{table}"'), default=str)
        assert TOKEN not in dump, table
    for path in result["files"]:
        assert TOKEN not in Path(path).read_text()
    assert oct(Path(result["files"][0]).stat().st_mode & 0o777) == "0o600"


def test_missing_token_and_bad_credentials(fake_api, settings, fake_ingest, sleeps):
    config = api_config(fake_api, "zendesk")
    with pytest.raises(VocError, match="TEST_API_TOKEN is not set"):
        pull_source(settings, config, NOW, ingest=fake_ingest, env={}, sleep=sleeps)
    with pytest.raises(VocError, match="refused") as info:
        pull_source(settings, config, NOW, ingest=fake_ingest,
                    env={"TEST_API_TOKEN": "wrong-" + TOKEN}, sleep=sleeps)  # fmt: skip
    assert TOKEN not in str(info.value)
    with pytest.raises(VocError, match="credentials"):
        pull_source(settings, {**config, "api_token": TOKEN}, NOW, ingest=fake_ingest, env=ENV)


def test_prefect_secret_block(fake_api, settings, fake_ingest, sleeps):
    seed_tickets(fake_api, 1)
    config = api_config(fake_api, "zendesk")
    config.pop("auth_env")
    config["auth_secret"] = "zendesk-token"
    loaded = []

    def loader(name):
        loaded.append(name)
        return TOKEN

    result = pull_source(
        settings, config, NOW, ingest=fake_ingest, secret_loader=loader, sleep=sleeps
    )
    assert loaded == ["zendesk-token"] and result["records"] == 1


def test_deleted_ticket_vanishing_comments_and_description_mode(
    fake_api, settings, fake_ingest, sleeps
):
    seed_tickets(fake_api, 2)
    fake_api.add_ticket(3, "2026-02-20T00:00:00Z", status="deleted")
    fake_api.add_ticket(4, "2026-02-21T00:00:00Z")
    del fake_api.comments[4]  # deleted between export and comment fetch -> 404
    config = api_config(fake_api, "zendesk")
    result = pull_source(settings, config, NOW, ingest=fake_ingest, env=ENV, sleep=sleeps)
    assert result["skipped_deleted"] == 1 and result["records"] == 3
    assert stored_ids(settings) == ["tickets:1", "tickets:2", "tickets:4"]

    fake_api.tickets[0]["description"] = "Descrizione iniziale"
    fake_api.requests.clear()
    config = {**config, "name": "zd2", "fetch_comments": False}
    pull_source(settings, config, NOW, ingest=fake_ingest, env=ENV, sleep=sleeps)
    assert fake_api.calls("/api/v2/tickets/") == []  # no per-ticket requests


def test_crash_after_ingest_before_checkpoint_reingests_unchanged(
    fake_api, settings, fake_ingest, sleeps, monkeypatch
):
    seed_tickets(fake_api, 3)
    config = api_config(fake_api, "zendesk")

    def boom(*args, **kwargs):
        raise OSError("disk full while saving the watermark")

    monkeypatch.setattr("pipelines.store.write_state", boom)
    with pytest.raises(OSError, match="disk full"):
        pull_source(settings, config, NOW, ingest=fake_ingest, env=ENV, sleep=sleeps)
    assert stored_ids(settings) == ["tickets:1", "tickets:2", "tickets:3"]  # ingest committed
    assert db_rows(settings, "SELECT status, error FROM runs WHERE flow = 'pull'") == [
        ("failed", "OSError")
    ]
    monkeypatch.undo()
    result = pull_source(settings, config, NOW, ingest=fake_ingest, env=ENV, sleep=sleeps)
    assert result["cursor_before"] is None  # re-pulled from the start...
    assert result["inserted"] == 0 and result["unchanged"] == 3  # ...and nothing duplicated
    assert db_rows(settings, "SELECT count(*) FROM documents") == [(3,)]
    assert db_rows(settings, "SELECT cursor FROM source_state") == [("cur-3",)]


def test_wrong_shape_page_fails_clearly_without_retrying(fake_api, settings, fake_ingest, sleeps):
    seed_tickets(fake_api, 4)
    fake_api.fault("export", "ok", "shape")
    config = api_config(fake_api, "zendesk")
    with pytest.raises(HttpSourceError, match="page 2 has no 'tickets' list"):
        pull_source(settings, config, NOW, ingest=fake_ingest, env=ENV, sleep=sleeps)
    assert sleeps == [] and len(fake_api.calls("/api/v2/incremental")) == 2
    assert stored_ids(settings) == ["tickets:1", "tickets:2"]  # page 1 kept and checkpointed
    pull_source(settings, config, NOW, ingest=fake_ingest, env=ENV, sleep=sleeps)
    assert stored_ids(settings) == [f"tickets:{i}" for i in range(1, 5)]
