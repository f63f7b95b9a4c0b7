"""Curation steps on the report fixture: every edit, the audit, undo, views, report, refits."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest

from pipelines import steps, store
from pipelines.config import Settings
from pipelines.errors import VocError
from pipelines.steps.report import build_report
from tests.fixtures.report_db import (
    NOW,
    REPORT_WEEK,
    TOPIC_MODEL,
    add_detection_views,
    build_fixture_db,
)

WHO = "giulia"


@pytest.fixture
def settings(tmp_path: Path) -> Iterator[Settings]:
    path = build_fixture_db(tmp_path / "voc.duckdb")
    con = store.connect(path)
    add_detection_views(con)
    con.close()
    yield Settings(db=path)


def query(settings: Settings, sql: str, params: list | None = None) -> pd.DataFrame:
    with store.connection(settings, read_only=True) as con:
        return store.query_df(con, sql, params)


def test_rename_is_audited_shown_everywhere_and_undone(settings: Settings) -> None:
    result = steps.rename_theme(settings, 1, "  Doppia   fatturazione ", who=WHO, now=NOW)
    assert result.status == "applicata" and result.topic_ids == [1]
    labels = query(settings, "SELECT DISTINCT topic_id, topic_label, model_topic_label"
                             " FROM v_documents WHERE model_topic_id = 1")  # fmt: skip
    assert labels.values.tolist() == [[1, "Doppia fatturazione", "Doppio addebito in bolletta"]]
    weekly = query(settings, "SELECT DISTINCT topic_label FROM v_weekly_topics WHERE topic_id = 1")
    assert weekly["topic_label"].tolist() == ["Doppia fatturazione"]  # every week of the history
    alert = query(settings, "SELECT topic_label FROM v_emerging_complaints"
                            " WHERE alert_id = 'topic:1:2026-W10'")  # fmt: skip
    assert alert["topic_label"].iat[0] == "Doppia fatturazione"
    (logged,) = steps.list_edits(settings)
    assert logged["who"] == WHO and logged["kind"] == "rename" and logged["topic_ids"] == [1]
    assert logged["payload"]["before"] == "Doppio addebito in bolletta"
    assert logged["payload"]["after"] == "Doppia fatturazione"
    # The same request again (same key) is one edit, not two.
    assert (
        steps.rename_theme(settings, 1, "Doppia fatturazione", who=WHO, now=NOW).key == result.key
    )
    assert len(steps.list_edits(settings)) == 1
    undo = steps.undo_edit(settings, result.key, who="marco", now=NOW + timedelta(minutes=5))
    assert undo.kind == "undo"
    weekly = query(settings, "SELECT DISTINCT topic_label FROM v_weekly_topics WHERE topic_id = 1")
    assert weekly["topic_label"].tolist() == ["Doppio addebito in bolletta"]
    history = steps.list_edits(settings)
    assert [e["kind"] for e in history] == ["undo", "rename"]
    assert history[1]["undone_by"] == "marco" and history[1]["undone_at"] is not None
    with pytest.raises(VocError, match="già stata annullata"):
        steps.undo_edit(settings, result.key, who="marco", now=NOW + timedelta(minutes=6))


def test_merge_regroups_the_history_and_map_overrides_the_category(settings: Settings) -> None:
    before = query(settings, "SELECT iso_week, count(DISTINCT doc_id) AS n FROM v_documents v"
                             " JOIN doc_topics USING (doc_id) WHERE doc_topics.topic_id IN (0, 3)"
                             " AND NOT v.is_duplicate AND v.sentiment_label IS NOT NULL"
                             " GROUP BY iso_week")  # fmt: skip
    steps.merge_themes(settings, [0, 3], name="Consegne e app", who=WHO, now=NOW)
    steps.map_theme(settings, 3, "assistenza", who=WHO, now=NOW)  # a member's id: the group
    weekly = query(settings, "SELECT iso_week, topic_id, topic_label, category_id, volume,"
                             " model_topic_ids FROM v_weekly_topics"
                             " WHERE topic_label = 'Consegne e app'")  # fmt: skip
    assert set(weekly["topic_id"]) == {0} and set(weekly["category_id"]) == {"assistenza"}
    assert (
        weekly["model_topic_ids"].map(list).map(sorted).map(tuple).isin([(0, 3), (0,), (3,)]).all()
    )
    merged = weekly.set_index("iso_week")["volume"]
    expected = before.set_index("iso_week")["n"]
    assert merged.sort_index().tolist() == expected.loc[merged.index].sort_index().tolist()
    assert (
        query(settings, "SELECT count(*) AS n FROM v_weekly_topics WHERE topic_id = 3")["n"].iat[0]
        == 0
    )
    docs = query(settings, "SELECT DISTINCT topic_id, category_id FROM v_documents"
                           " WHERE model_topic_id IN (0, 3)")  # fmt: skip
    assert docs.values.tolist() == [[0, "assistenza"]]


def test_hidden_theme_leaves_the_reports_lists(settings: Settings) -> None:
    steps.hide_theme(settings, 2, who=WHO, now=NOW)
    top = steps.weekly_insights(settings, REPORT_WEEK).top_topics
    assert 2 not in set(top["topic_id"]) and len(top)
    with store.connection(settings, read_only=True) as con:
        html = build_report(con, REPORT_WEEK, NOW)
    assert "Cortesia degli operatori" not in html
    assert "Ritardi nella consegna" in html
    flags = query(settings, "SELECT DISTINCT theme_hidden FROM v_documents WHERE topic_id = 2")
    assert flags["theme_hidden"].tolist() == [True]
    with pytest.raises(VocError, match="già nascosto"):
        steps.hide_theme(settings, 2, who=WHO, now=NOW + timedelta(minutes=1))
    steps.unhide_theme(settings, 2, who=WHO, now=NOW + timedelta(minutes=2))
    top = steps.weekly_insights(settings, REPORT_WEEK).top_topics
    assert 2 in set(top["topic_id"])


def test_split_by_keywords_moves_the_matching_documents(settings: Settings) -> None:
    result = steps.split_theme(
        settings, 0, {"Ritardi": ["ritard*"], "Puntuali": ["puntuale"]}, who=WHO, now=NOW
    )
    assert result.status == "applicata"
    rows = query(settings, "SELECT topic_id, topic_label, text, is_duplicate FROM v_documents"
                           " WHERE model_topic_id = 0")  # fmt: skip
    late = rows[rows["text"].str.contains("ritardo")]
    on_time = rows[rows["text"].str.contains("puntuale")]
    assert set(late["topic_label"]) == {"Ritardi"} and set(on_time["topic_label"]) == {"Puntuali"}
    assert set(late["topic_id"]) == {100_000} and set(on_time["topic_id"]) == {100_001}
    themes = {t["theme_id"]: t for t in steps.list_themes(settings)}
    assert themes[100_000]["origin"] == "divisione" and themes[100_000]["parent_topic_id"] == 0
    assert themes[100_000]["documents"] == int((~late["is_duplicate"]).sum()) > 0
    # Parts are themes: they can be renamed; the split theme itself cannot be split twice over.
    steps.rename_theme(settings, 100_000, "Consegne in ritardo", who=WHO, now=NOW)
    assert query(settings, "SELECT DISTINCT topic_label FROM v_documents WHERE topic_id = 100000"
                           )["topic_label"].tolist() == ["Consegne in ritardo"]  # fmt: skip
    with pytest.raises(VocError, match="già una parte"):
        steps.split_theme(settings, 100_000, {"X": ["ritard*"]}, who=WHO, now=NOW)


def test_user_mistakes_are_one_line_errors_and_nothing_is_queued(settings: Settings) -> None:
    cases = [
        (lambda: steps.rename_theme(settings, 99, "X", who=WHO, now=NOW), "non esiste"),
        (lambda: steps.rename_theme(settings, 1, " ", who=WHO, now=NOW), "vuoto"),
        (lambda: steps.merge_themes(settings, [1, 1], who=WHO, now=NOW), "due temi"),
        (lambda: steps.map_theme(settings, 1, "spazio", who=WHO, now=NOW), "sconosciuta"),
        (lambda: steps.split_theme(settings, 1, {}, who=WHO, now=NOW), "almeno una parte"),
        (lambda: steps.rename_theme(settings, 1, "X", who=" ", now=NOW), "chi fa"),
        (lambda: steps.undo_edit(settings, "nope", who=WHO, now=NOW), "sconosciuta"),
    ]
    for call, message in cases:
        with pytest.raises(VocError, match=message) as info:
            call()
        assert "\n" not in str(info.value)
    assert steps.list_edits(settings) == [] and steps.pending_edits(settings) == []


def test_triage_moves_shows_in_the_view_and_the_report(settings: Settings) -> None:
    alert = "topic:1:2026-W10"
    steps.triage_alert(settings, alert, "preso in carico", owner="Marco", note="migrazione",
                       who=WHO, now=NOW)  # fmt: skip
    steps.triage_alert(settings, alert, "risolto", note="rimborsi inviati", who=WHO,
                       now=NOW + timedelta(hours=1))  # fmt: skip
    (row,) = [a for a in steps.list_alerts(settings, week="2026-W10") if a["alert_id"] == alert]
    assert row["triage_state"] == "risolto" and row["triage_owner"] == "Marco"
    assert row["triage_note"] == "rimborsi inviati" and row["triage_by"] == WHO
    steps.triage_alert(settings, "channel:chat:2026-W08", "falso allarme", reason="manutenzione",
                       who=WHO, now=NOW)  # fmt: skip
    assert [a["alert_id"] for a in steps.list_alerts(settings, states=["falso allarme"])] == [
        "channel:chat:2026-W08"
    ]
    with store.connection(settings, read_only=True) as con:
        html = build_report(con, REPORT_WEEK, NOW)
    assert "Risolta dal team" in html and "responsabile: Marco" in html
    assert "Segnalate dal team come falso allarme" in html and "motivo: manutenzione" in html
    with pytest.raises(VocError, match="non può passare"):
        steps.triage_alert(settings, alert, "risolto", who=WHO, now=NOW + timedelta(hours=2))
    with pytest.raises(VocError, match="sconosciuta"):
        steps.triage_alert(settings, "topic:9:2026-W01", "risolto", who=WHO, now=NOW)
    with pytest.raises(VocError, match="motivo"):
        steps.triage_alert(settings, alert, "falso allarme", who=WHO, now=NOW)


def test_a_refit_carries_edits_and_lists_what_it_cannot(settings: Settings) -> None:
    steps.rename_theme(settings, 1, "Doppia fatturazione", who=WHO, now=NOW)
    steps.rename_theme(settings, 3, "App instabile", who=WHO, now=NOW)
    steps.hide_theme(settings, 2, who=WHO, now=NOW)
    # A refit where the model merged topic 3 into 1 and topic 2 disappeared.
    new_model = "topics:test-2"
    with store.connection(settings) as con:
        topics = store.query_df(con, "SELECT * FROM topics WHERE topic_model = ? AND topic_id IN"
                                     " (0, 1)", [TOPIC_MODEL])  # fmt: skip
        topics = topics.drop(columns="topic_model").rename(columns={"category_id": "category"})
        topics["size"] = [40, 80]
        lineage = pd.DataFrame(
            [{"event": "continued", "topic_id": 0, "related_ids": [0], "similarity": 1.0,
              "recorded_at": NOW}, {"event": "continued", "topic_id": 1, "related_ids": [1],
              "similarity": 1.0, "recorded_at": NOW}, {"event": "merged", "topic_id": 1,
              "related_ids": [1, 3], "similarity": 0.8, "recorded_at": NOW},
             {"event": "died", "topic_id": 2, "related_ids": [], "similarity": 0.1,
              "recorded_at": NOW}]
        )  # fmt: skip
        taxonomy = store.query_df(con, "SELECT * FROM taxonomy")
        store.write_topics(con, new_model, topics, lineage, taxonomy)
        store.register_model(con, model_id=new_model, task="topics", version="2",
                             created_at=datetime(2026, 3, 1), data_hash=None, metrics={},
                             artifact_path="/tmp/t2", status="active")  # fmt: skip
        con.execute("UPDATE models SET status = 'retired' WHERE model_id = ?", [TOPIC_MODEL])
        for table in ("enrichments", "doc_topics"):
            con.execute(f"UPDATE {table} SET topic_model = ?, topic_id = CASE topic_id"
                        " WHEN 3 THEN 1 WHEN 2 THEN -1 ELSE topic_id END", [new_model])  # fmt: skip
        steps.refresh_curation(settings, NOW, con=con, force=True)
    labels = query(settings, "SELECT DISTINCT topic_id, topic_label FROM v_weekly_topics"
                             " WHERE topic_id >= 0 ORDER BY 1")  # fmt: skip
    assert labels.values.tolist() == [[0, "Ritardi nella consegna"], [1, "Doppia fatturazione"]]
    review = {(r["topic_id"], r["lineage"], r["kind"]) for r in steps.review_items(settings)}
    assert review == {(1, "merged", "rename"), (2, "died", "hide")}
    messages = " ".join(r["message"] for r in steps.review_items(settings))
    assert "App instabile" in messages


def test_hidden_themes_raise_no_alert(tmp_path: Path) -> None:
    from pipelines.steps.detect import run_detection
    from tests.fixtures.detection_db import START
    from tests.fixtures.detection_db import build as build_detection_db

    path = tmp_path / "voc.duckdb"
    build_detection_db(path)
    settings = Settings(db=path)
    with store.connection(settings) as con:
        store.register_model(con, model_id="topics:test", task="topics", version="1",
                             created_at=START, data_hash=None, metrics={},
                             artifact_path="/tmp/t", status="active")  # fmt: skip
    monday = START + timedelta(weeks=12, hours=8)
    before = run_detection(settings, None, monday, notify=False)
    assert any(a["scope"] == "topic" and a["topic_id"] == 2 for a in before["alerts"])
    steps.hide_theme(settings, 2, who=WHO, now=monday)
    after = run_detection(settings, None, monday + timedelta(hours=1), notify=False)
    alerts = query(settings, "SELECT scope, topic_id, topic_label FROM v_emerging_complaints")
    assert not ((alerts["scope"] == "topic") & (alerts["topic_id"] == 2)).any()
    # Its burst is not re-announced as a new theme either; the other alerts are untouched.
    assert not alerts["topic_label"].fillna("").str.contains("addebito").any()
    assert after["alerts_total"] == before["alerts_total"] - 1
