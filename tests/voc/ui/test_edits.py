"""Edits through the app: the curation steps behind the forms, the queue while a run writes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from starlette.testclient import TestClient

from tests.fixtures.ui_db import build_ui_db
from tests.voc.ui.conftest import ORIGIN, csrf_of, held_by_another_process, make_client


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[tuple[TestClient, Path]]:
    db = build_ui_db(tmp_path / "ui.duckdb")
    with make_client(db) as c:
        yield c, db


def _flash(html: str) -> tuple[str, str]:
    match = re.search(r'data-flash="(\w+)">([^<]*)<', html)
    assert match, "no message on the page"
    return match.group(1), match.group(2)


def _labels(html: str) -> list[str]:
    return re.findall(r"data-theme-label>([^<]*)<", html)


def _section(html: str, section: str) -> str:
    start = html.index(f'id="{section}"')
    end = html.find("<section", start)
    return html[start : end if end > 0 else None]


def _one(db: Path, sql: str) -> object:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


def test_rename_merge_and_undo_from_the_forms(fresh: tuple[TestClient, Path]) -> None:
    client, db = fresh
    token = csrf_of(client.get("/temi").text)
    done = client.post("/temi/rinomina", headers=ORIGIN,
                       data={"csrf": token, "topic_id": "1", "name": "Addebiti <doppi>"})  # fmt: skip
    assert _flash(done.text) == ("ok", "Tema 1 rinominato in «Addebiti &lt;doppi&gt;»")
    assert "Addebiti &lt;doppi&gt;" in _labels(done.text)
    # every week of the history shows the curated name, in the view BI tools read
    assert (
        _one(db, "SELECT count(DISTINCT topic_label) FROM v_weekly_topics WHERE topic_id = 1") == 1
    )
    assert _one(db, "SELECT any_value(topic_label) FROM v_weekly_topics WHERE topic_id = 1") == (
        "Addebiti <doppi>"
    )
    merged = client.post("/temi/unisci", headers=ORIGIN, data={
        "csrf": token, "topic_id": ["0", "2"], "name": "Consegne e operatori"})  # fmt: skip
    assert _flash(merged.text)[0] == "ok"
    assert "Consegne e operatori" in _labels(merged.text) and len(_labels(merged.text)) == 3
    assert _one(db, "SELECT count(*) FROM v_weekly_topics WHERE topic_id = 2") == 0
    history = _section(merged.text, "modifiche")
    assert "Unisce #0 e #2 come «Consegne e operatori»" in history
    edit_id = re.findall(r'data-edit-id="([^"]+)"', history)[-1]  # the oldest: the rename
    undone = client.post("/temi/annulla", headers=ORIGIN, data={"csrf": token, "edit_id": edit_id})
    assert _flash(undone.text)[0] == "ok"
    assert "Doppio addebito in bolletta" in _labels(undone.text)


def test_same_form_twice_is_one_edit(fresh: tuple[TestClient, Path]) -> None:
    client, db = fresh
    token = csrf_of(client.get("/temi").text)
    form = {"csrf": token, "topic_id": "3", "name": "App instabile", "key": "ui-once"}
    for _ in range(2):
        client.post("/temi/rinomina", headers=ORIGIN, data=form)
    assert _one(db, "SELECT count(*) FROM theme_edits") == 1


def test_refused_edit_is_one_line(fresh: tuple[TestClient, Path]) -> None:
    client, _db = fresh
    token = csrf_of(client.get("/temi").text)
    bad = client.post("/temi/rinomina", headers=ORIGIN,
                      data={"csrf": token, "topic_id": "77", "name": "x"})  # fmt: skip
    kind, text = _flash(bad.text)
    assert kind == "error" and "77" in text and "Traceback" not in bad.text
    one = client.post("/temi/unisci", headers=ORIGIN, data={"csrf": token, "topic_id": "1"})
    assert _flash(one.text) == ("error", "per unire servono almeno due temi diversi")


def test_hide_and_map_a_theme(fresh: tuple[TestClient, Path]) -> None:
    client, db = fresh
    token = csrf_of(client.get("/temi").text)
    hidden = client.post("/temi/nascondi", headers=ORIGIN, data={"csrf": token, "topic_id": "2"})
    assert _flash(hidden.text)[0] == "ok"
    assert 'class="theme theme-hidden" data-theme="2"' in hidden.text
    week = client.get("/settimana").text
    assert 'data-theme="2"' not in _section(week, "temi")  # out of the week's list
    mapped = client.post("/temi/categoria", headers=ORIGIN,
                         data={"csrf": token, "topic_id": "3", "category_id": "assistenza"})  # fmt: skip
    assert _flash(mapped.text)[0] == "ok"
    assert _one(db, "SELECT any_value(category_id) FROM v_weekly_topics WHERE topic_id = 3") == (
        "assistenza"
    )


def test_triage_moves_an_alert_to_the_past(fresh: tuple[TestClient, Path]) -> None:
    client, db = fresh
    page = client.get("/allarmi").text
    assert 'data-alert-id="channel:chat:2026-W08"' in _section(page, "aperti")
    token = csrf_of(page)
    taken = client.post("/allarmi/stato", headers=ORIGIN, data={
        "csrf": token, "alert_id": "topic:1:2026-W10", "state": "preso in carico",
        "owner": "Marta", "note": "migrazione fatture"})  # fmt: skip
    assert _flash(taken.text)[0] == "ok"
    opened = _section(taken.text, "aperti")
    assert "Marta" in opened and "migrazione fatture" in opened
    dismissed = client.post("/allarmi/stato", headers=ORIGIN, data={
        "csrf": token, "alert_id": "channel:chat:2026-W08", "state": "falso allarme",
        "reason": "chat in manutenzione"})  # fmt: skip
    assert 'data-alert-id="channel:chat:2026-W08"' not in _section(dismissed.text, "aperti")
    assert "chat in manutenzione" in _section(dismissed.text, "passati")
    state = _one(db, "SELECT any_value(triage_state) FROM v_emerging_complaints"
                     " WHERE alert_id = 'channel:chat:2026-W08'")  # fmt: skip
    assert state == "falso allarme"
    no_reason = client.post("/allarmi/stato", headers=ORIGIN, data={
        "csrf": token, "alert_id": "topic:1:2026-W10", "state": "falso allarme"})  # fmt: skip
    assert _flash(no_reason.text)[0] == "error"


def test_edit_while_a_run_holds_the_file_waits_then_lands(fresh: tuple[TestClient, Path]) -> None:
    client, db = fresh
    token = csrf_of(client.get("/temi").text)
    with held_by_another_process(db):
        queued = client.post("/temi/rinomina", headers=ORIGIN,
                             data={"csrf": token, "topic_id": "1", "name": "In coda"})  # fmt: skip
        # the page itself cannot read the database: it says so, and shows the waiting edit
        assert queued.status_code == 503
        assert 'data-flash="pending"' in queued.text
        assert 'data-pending="1"' in queued.text and "Rinomina #1 in «In coda»" in queued.text
    landed = client.get("/temi")
    assert landed.status_code == 200 and "data-pending" not in landed.text
    assert "In coda" in _labels(landed.text)
    assert _one(db, "SELECT count(*) FROM theme_edits") == 1
    assert client.get("/temi").text.count("In coda") >= 1
