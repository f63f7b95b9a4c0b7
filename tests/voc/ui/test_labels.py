"""Labels through the app: one-click corrections, the Revisione page, churn follow-ups."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from starlette.testclient import TestClient

from tests.fixtures.ui_db import build_ui_db
from tests.voc.ui.conftest import ORIGIN, csrf_of, held_by_another_process, make_client

WEEK_PAGE = "/verbatim?settimana=2026-W10&sentiment=positivo"


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[tuple[TestClient, Path]]:
    db = build_ui_db(tmp_path / "ui.duckdb")
    with make_client(db) as c:
        yield c, db


def _one(db: Path, sql: str, params: list | None = None) -> tuple:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchone()
    finally:
        con.close()


def _negatives(db: Path) -> int:
    return int(_one(db, "SELECT n_negativo FROM v_weekly_overview WHERE iso_week = '2026-W10'"
                        " AND kind = 'tutti' AND channel = 'tutti'")[0])  # fmt: skip


def test_one_click_correction_counts_at_once_and_is_marked(fresh: tuple[TestClient, Path]) -> None:
    client, db = fresh
    page = client.get(WEEK_PAGE).text
    doc = re.findall(r'data-label-forms="([^"]+)"', page)[0]
    before = _negatives(db)
    back = WEEK_PAGE
    posted = client.post(
        "/etichetta", headers=ORIGIN, follow_redirects=False,
        data={"csrf": csrf_of(page), "key": "ui-k1", "doc_id": doc, "field": "sentiment",
              "value": "negativo", "back": back},
    )  # fmt: skip
    assert posted.status_code == 303 and posted.headers["location"] == back
    assert _negatives(db) == before + 1
    shown = client.get(f"/verbatim/{doc}").text
    assert 'data-human="sentiment"' in shown and 'data-sentiment="negativo"' in shown
    assert _one(db, "SELECT who, source FROM labels") == ("tester", "app")
    # A double click (same form key) is one label.
    client.post("/etichetta", headers=ORIGIN,
                data={"csrf": csrf_of(page), "key": "ui-k1", "doc_id": doc, "field": "sentiment",
                      "value": "negativo", "back": back})  # fmt: skip
    assert _one(db, "SELECT count(*) FROM labels")[0] == 1


def test_refused_label_and_foreign_redirect(fresh: tuple[TestClient, Path]) -> None:
    client, db = fresh
    token = csrf_of(client.get("/verbatim").text)
    refused = client.post("/etichetta", headers=ORIGIN,
                          data={"csrf": token, "doc_id": "reviews:nope", "field": "sentiment",
                                "value": "negativo", "back": "//evil.example/x"})  # fmt: skip
    assert refused.status_code == 200 and refused.url.path == "/verbatim"
    assert 'data-flash="error"' in refused.text and "documento sconosciuto" in refused.text
    assert _one(db, "SELECT count(*) FROM labels")[0] == 0


def test_move_to_another_theme_from_the_document_page(fresh: tuple[TestClient, Path]) -> None:
    client, db = fresh
    doc, topic = _one(db, "SELECT doc_id, topic_id FROM v_documents WHERE topic_id >= 0"
                          " ORDER BY doc_id LIMIT 1")  # fmt: skip
    page = client.get(f"/verbatim/{doc}").text
    options = [int(v) for v in re.findall(r'<option value="(\d+)">', page)]
    target = next(t for t in options if t != topic)
    client.post("/etichetta", headers=ORIGIN,
                data={"csrf": csrf_of(page), "doc_id": doc, "field": "theme",
                      "value": str(target), "back": f"/verbatim/{doc}"})  # fmt: skip
    assert _one(db, "SELECT topic_id, topic_human FROM v_documents WHERE doc_id = ?", [doc]) == (
        target, True)  # fmt: skip
    assert 'data-human="theme"' in client.get(f"/verbatim/{doc}").text


def test_review_page_lists_the_queue_with_shortcuts(fresh: tuple[TestClient, Path]) -> None:
    client, _db = fresh
    page = client.get("/revisione")
    assert page.status_code == 200
    items = re.findall(r'data-review-item="(\d+)"', page.text)
    assert len(items) == 20
    assert 'data-shortcut="1"' in page.text and "data-shortcuts" in page.text
    first = re.findall(r'data-label-forms="([^"]+)"', page.text)[0]
    client.post("/etichetta", headers=ORIGIN,
                data={"csrf": csrf_of(page.text), "doc_id": first, "field": "sentiment",
                      "value": "neutro", "back": "/revisione"})  # fmt: skip
    after = client.get("/revisione").text
    assert first not in re.findall(r'data-label-forms="([^"]+)"', after)


def test_follow_up_from_the_at_risk_list(fresh: tuple[TestClient, Path]) -> None:
    client, db = fresh
    page = client.get("/clienti").text
    customer = re.findall(r'data-customer="([^"]+)"', page)[0]
    done = client.post("/clienti/seguito", headers=ORIGIN,
                       data={"csrf": csrf_of(page), "customer_id": customer, "state": "perso",
                             "note": "passato alla concorrenza"})  # fmt: skip
    assert done.status_code == 200 and 'data-flash="ok"' in done.text
    assert 'data-followup="perso"' in done.text and "passato alla concorrenza" in done.text
    row = _one(db, "SELECT outcome, note, followed_by, churned_at IS NOT NULL FROM churn_outcomes"
                   " WHERE customer_id = ?", [customer])  # fmt: skip
    assert row == ("perso", "passato alla concorrenza", "tester", True)
    bad = client.post(
        "/clienti/seguito",
        headers=ORIGIN,
        data={"csrf": csrf_of(page), "customer_id": customer, "state": "boh"},
    )
    assert 'data-flash="error"' in bad.text and "stato sconosciuto" in bad.text


def test_label_while_a_run_holds_the_file_waits_then_lands(fresh: tuple[TestClient, Path]) -> None:
    client, db = fresh
    page = client.get(WEEK_PAGE).text
    doc = re.findall(r'data-label-forms="([^"]+)"', page)[0]
    with held_by_another_process(db):
        queued = client.post("/etichetta", headers=ORIGIN,
                             data={"csrf": csrf_of(page), "doc_id": doc, "field": "sentiment",
                                   "value": "negativo", "back": "/verbatim"})  # fmt: skip
        assert queued.status_code == 503 and 'data-flash="pending"' in queued.text
        assert 'data-pending="1"' in queued.text and "Etichetta sentiment = negativo" in queued.text
    assert client.get("/verbatim").status_code == 200
    assert _one(db, "SELECT value FROM labels_current WHERE doc_id = ?", [doc]) == ("negativo",)
