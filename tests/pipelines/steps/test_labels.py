"""Human labels: they win in the views at once, survive re-enrichment, travel by CSV all or
nothing, and feed the review queue and the churn follow-ups."""

from __future__ import annotations

import csv
from datetime import timedelta
from pathlib import Path

import pandas as pd
import pytest

from pipelines import store
from pipelines.config import Settings
from pipelines.errors import VocError
from pipelines.steps import labels as steps
from tests.fixtures import report_db as fx
from tests.fixtures.ui_db import build_ui_db

NOW = fx.NOW
WEEK = "2026-W10"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(db=build_ui_db(tmp_path / "ui.duckdb"))


def _one(settings: Settings, sql: str, params: list | None = None) -> list[tuple]:
    with store.connection(settings, read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def _week(settings: Settings) -> tuple[int, int, int]:
    rows = _one(
        settings,
        "SELECT n_negativo, n_positivo, n_sentiment_human FROM v_weekly_overview"
        " WHERE iso_week = ? AND kind = 'tutti' AND channel = 'tutti'",
        [WEEK],
    )
    return rows[0]


def _positive_doc(settings: Settings) -> tuple[str, int]:
    rows = _one(
        settings,
        "SELECT doc_id, topic_id FROM v_documents WHERE iso_week = ? AND sentiment_label ="
        " 'positivo' AND NOT is_duplicate AND topic_id >= 0 ORDER BY doc_id LIMIT 1",
        [WEEK],
    )
    return str(rows[0][0]), int(rows[0][1])


def test_a_label_wins_in_every_view_at_once_and_is_marked_human(settings: Settings) -> None:
    neg, pos, human = _week(settings)
    doc, _topic = _positive_doc(settings)
    result = steps.label_document(
        settings, doc, {"sentiment": "Negativo", "churn_intent": "sì"}, who="anna", now=NOW
    )
    assert result.status == "applicata" and result.n_labels == 2
    assert _week(settings) == (neg + 1, pos - 1, human + 1)
    row = _one(
        settings,
        "SELECT sentiment_label, sentiment_score, sentiment_human, model_sentiment_label,"
        " churn_intent, churn_intent_human, model_churn_intent, escalation_human"
        " FROM v_documents WHERE doc_id = ?",
        [doc],
    )[0]
    assert row == ("negativo", -1.0, True, "positivo", True, True, False, False)
    audit = _one(settings, "SELECT field, value, previous, who, source FROM labels ORDER BY seq")
    assert audit == [
        ("sentiment", "negativo", "positivo", "anna", "cli"),
        ("churn_intent", "si", "no", "anna", "cli"),
    ]
    # The same request again (same key) is one label, not two.
    steps.label_document(settings, doc, {"sentiment": "negativo"}, who="anna", now=NOW,
                         key=result.key)  # fmt: skip
    assert _one(settings, "SELECT count(*) FROM labels")[0][0] == 2
    # A later label replaces it in the views; the audit keeps both.
    steps.label_document(settings, doc, {"sentiment": "neutro"}, who="bruno",
                         now=NOW + timedelta(minutes=1))  # fmt: skip
    assert _week(settings) == (neg, pos - 1, human + 1)
    assert _one(settings, "SELECT count(*) FROM labels WHERE field = 'sentiment'")[0][0] == 2


def test_labels_survive_re_enrichment_by_a_new_model(settings: Settings) -> None:
    doc, _topic = _positive_doc(settings)
    steps.label_document(settings, doc, {"sentiment": "negativo"}, who="anna", now=NOW)
    with store.connection(settings) as con:
        enr = con.execute("SELECT * FROM enrichments WHERE doc_id = ?", [doc]).df()
        aspects = con.execute("SELECT * FROM doc_topics WHERE doc_id = ?", [doc]).df()
        enr["sentiment_model"] = "sentiment:new-2"
        enr["p_positivo"] = 0.99
        store.write_enrichments(con, enr, aspects)
    row = _one(
        settings,
        "SELECT sentiment_label, sentiment_human, sentiment_model FROM v_documents"
        " WHERE doc_id = ?",
        [doc],
    )
    assert row == [("negativo", True, "sentiment:new-2")]


def test_moving_a_document_to_another_theme_or_to_none(settings: Settings) -> None:
    doc, topic = _positive_doc(settings)
    others = _one(settings, "SELECT DISTINCT topic_id FROM topics WHERE topic_id >= 0 ORDER BY 1")
    target = next(int(t) for (t,) in others if int(t) != topic)

    def volume(theme: int) -> int:
        rows = _one(
            settings,
            "SELECT coalesce(sum(volume), 0), coalesce(sum(n_topic_human), 0)"
            " FROM v_weekly_topics WHERE iso_week = ? AND topic_id = ?",
            [WEEK, theme],
        )
        return int(rows[0][0])

    before_src, before_dst = volume(topic), volume(target)
    steps.label_document(settings, doc, {"theme": str(target)}, who="anna", now=NOW)
    row = _one(
        settings, "SELECT topic_id, topic_human, model_topic_id FROM v_documents WHERE doc_id = ?",
        [doc],
    )[0]  # fmt: skip
    assert row == (target, True, topic)
    assert (volume(topic), volume(target)) == (before_src - 1, before_dst + 1)
    steps.label_document(settings, doc, {"theme": "nessuno"}, who="anna",
                         now=NOW + timedelta(minutes=1))  # fmt: skip
    assert _one(settings, "SELECT topic_id, topic_label FROM v_documents WHERE doc_id = ?", [doc]) \
        == [(-1, "Non assegnato")]  # fmt: skip
    assert volume(target) == before_dst
    with pytest.raises(VocError, match="il tema 4242 non esiste"):
        steps.label_document(settings, doc, {"theme": "4242"}, who="anna", now=NOW)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"sentiment": "arrabbiato"}, "sentiment: etichetta sconosciuta «arrabbiato»"),
        ({"sentiment": "  "}, "sentiment: valore vuoto"),
        ({"churn_intent": "forse"}, "churn_intent: etichetta sconosciuta"),
        ({"sentiment": None}, "nessuna etichetta"),
    ],
)
def test_bad_labels_are_one_line_errors(settings: Settings, values: dict, message: str) -> None:
    doc, _ = _positive_doc(settings)
    with pytest.raises(VocError, match=message):
        steps.label_document(settings, doc, values, who="anna", now=NOW)
    with pytest.raises(VocError, match="documento sconosciuto «reviews:nope»"):
        steps.label_document(settings, "reviews:nope", {"sentiment": "neutro"}, who="a", now=NOW)
    assert _one(settings, "SELECT count(*) FROM labels")[0][0] == 0


def _fill(path: Path, values: dict[int, dict[str, str]]) -> list[str]:
    """Fill rows of an exported queue (row index → column → value); returns the doc ids."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for i, cells in values.items():
        rows[i].update(cells)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return [r["doc_id"] for r in rows]


def test_csv_round_trip_export_label_import(settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "coda.csv"
    out = steps.export_queue(settings, path, 4, NOW)
    assert out["rows"] == 4
    header = path.read_text(encoding="utf-8").splitlines()[0]
    assert header.endswith("sentiment,tema,abbandono")
    theme = _one(settings, "SELECT min(topic_id) FROM topics WHERE topic_id >= 0")[0][0]
    ids = _fill(
        path,
        {0: {"sentiment": "positivo"}, 1: {"sentiment": "neutro", "tema": str(theme)},
         2: {"sentiment": "negativo", "abbandono": "si"}, 3: {"tema": "nessuno"}},
    )  # fmt: skip
    result = steps.import_labels(settings, path, who="carla", now=NOW)
    assert result.status == "applicata" and result.n_labels == 6
    got = _one(settings, "SELECT doc_id, field, value, source FROM labels ORDER BY seq")
    assert got == [
        (ids[0], "sentiment", "positivo", "csv"), (ids[1], "sentiment", "neutro", "csv"),
        (ids[1], "theme", str(theme), "csv"), (ids[2], "sentiment", "negativo", "csv"),
        (ids[2], "churn_intent", "si", "csv"), (ids[3], "theme", "nessuno", "csv"),
    ]  # fmt: skip
    # Labelled documents leave the queue.
    assert not set(ids[:3]) & set(steps.review_queue(settings, 50, NOW)["doc_id"])


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"doc_id": "reviews:nope", "sentiment": "positivo"},
         "coda.csv: riga 3, campo doc_id: documento sconosciuto «reviews:nope»"),
        ({"sentiment": "felice"}, "coda.csv: riga 3, campo sentiment: etichetta sconosciuta"),
        ({"sentiment": ""}, "coda.csv: riga 3, campo sentiment: valore vuoto"),
        ({"doc_id": ""}, "coda.csv: riga 3, campo doc_id: valore vuoto"),
        ({"abbandono": "boh"}, "coda.csv: riga 3, campo abbandono: etichetta sconosciuta"),
        ({"tema": "4242"}, "coda.csv: riga 3, campo tema: il tema 4242 non esiste"),
    ],
)  # fmt: skip
def test_a_malformed_row_stops_the_import_and_nothing_is_written(
    settings: Settings, tmp_path: Path, row: dict[str, str], message: str
) -> None:
    path = tmp_path / "coda.csv"
    steps.export_queue(settings, path, 3, NOW)
    # Row 2 of the file is fine, row 3 is the malformed one, row 4 fine again.
    _fill(path, {0: {"sentiment": "positivo"}, 1: {"sentiment": "neutro", **row},
                 2: {"sentiment": "negativo"}})  # fmt: skip
    with pytest.raises(VocError) as err:
        steps.import_labels(settings, path, who="carla", now=NOW)
    assert message in str(err.value) and "\n" not in str(err.value)
    assert _one(settings, "SELECT count(*) FROM labels")[0][0] == 0


def test_a_label_made_while_a_run_holds_the_file_waits_then_lands(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipelines.steps import curation

    doc, _ = _positive_doc(settings)
    busy = {"applied": [], "rejected": {}, "pending": 1, "busy": True}
    real = curation.apply_pending_edits
    monkeypatch.setattr(curation, "apply_pending_edits", lambda *a, **k: busy)
    result = steps.label_document(settings, doc, {"sentiment": "negativo"}, who="anna", now=NOW)
    assert result.status == "in attesa"
    assert _one(settings, "SELECT count(*) FROM labels")[0][0] == 0
    monkeypatch.setattr(curation, "apply_pending_edits", real)
    done = curation.apply_pending_edits(settings, NOW)
    assert done["applied"] == [result.key]
    assert _one(settings, "SELECT value FROM labels_current WHERE doc_id = ?", [doc]) == [
        ("negativo",)
    ]


def test_review_queue_prefers_uncertain_recent_documents(settings: Settings) -> None:
    with store.connection(settings) as con:
        con.execute(
            "UPDATE enrichments SET p_negativo = 0.34, p_neutro = 0.33, p_positivo = 0.33"
            " WHERE doc_id IN (SELECT doc_id FROM v_documents WHERE iso_week = '2026-W02'"
            " AND NOT is_duplicate ORDER BY doc_id LIMIT 1)"
        ).fetchall()
        old_uncertain = con.execute(
            "SELECT doc_id FROM enrichments WHERE p_negativo = 0.34"
        ).fetchall()[0][0]
        con.execute(
            "UPDATE enrichments SET p_negativo = 0.34, p_neutro = 0.33, p_positivo = 0.33"
            " WHERE doc_id IN (SELECT doc_id FROM v_documents WHERE iso_week = ? AND NOT"
            " is_duplicate AND doc_id <> ? ORDER BY doc_id LIMIT 1)",
            [WEEK, old_uncertain],
        ).fetchall()
    queue = steps.review_queue(settings, 3, NOW)
    first = queue.iloc[0]
    assert first["iso_week"] == WEEK and first["uncertainty"] == pytest.approx(0.99)
    assert old_uncertain in set(steps.review_queue(settings, 400, NOW)["doc_id"])
    assert queue["uncertainty"].is_monotonic_decreasing or len(queue) <= 1
    with pytest.raises(VocError):
        steps.review_queue(settings, 0, NOW)


def test_follow_up_becomes_a_churn_outcome_and_shows_on_the_list(settings: Settings) -> None:
    customers = _one(settings, "SELECT customer_id FROM v_churn_risk ORDER BY risk_score DESC")
    assert customers, "the fixture has a churn-risk list"
    first, second = str(customers[0][0]), str(customers[-1][0])
    steps.follow_up(settings, first, "contattato", note="richiamare", who="dario", now=NOW)
    steps.follow_up(settings, first, "perso", note=None, who="dario",
                    now=NOW + timedelta(hours=1))  # fmt: skip
    steps.follow_up(settings, second, "Trattenuto", note="sconto", who="dario", now=NOW)
    outcomes = dict(
        (c, (o, t)) for c, o, t in _one(
            settings, "SELECT customer_id, outcome, churned_at FROM churn_outcomes"
        )
    )  # fmt: skip
    assert outcomes[first] == ("perso", NOW + timedelta(hours=1))
    assert outcomes[second] == ("trattenuto", None)
    assert _one(settings, "SELECT count(*) FROM churn_followups")[0][0] == 3
    listed = {r["customer_id"]: r["followup"] for r in steps.at_risk_customers(settings, 100)}
    assert listed[first] == "perso" and listed[second] == "trattenuto"
    with pytest.raises(VocError, match="stato sconosciuto"):
        steps.follow_up(settings, first, "richiamato", note=None, who="d", now=NOW)
    with pytest.raises(VocError, match="cliente sconosciuto"):
        steps.follow_up(settings, "NOPE", "perso", note=None, who="d", now=NOW)


def test_retained_customers_are_no_outcome_for_the_fit(settings: Settings) -> None:
    from pipelines.store import detection

    customers = _one(settings, "SELECT customer_id FROM v_churn_risk")
    steps.follow_up(settings, str(customers[0][0]), "trattenuto", note=None, who="d", now=NOW)
    with store.connection(settings, read_only=True) as con:
        assert detection.load_outcomes(con).empty
        assert detection.known_outcome_customers(con) == 0


def test_stored_labels_join_the_file_labels_for_training(settings: Settings) -> None:
    doc, _ = _positive_doc(settings)
    steps.label_document(settings, doc, {"sentiment": "negativo"}, who="anna", now=NOW)
    text = _one(settings, "SELECT text FROM documents WHERE doc_id = ?", [doc])[0][0]
    extra = pd.DataFrame({"text": ["un altro testo", text], "label": ["neutro", "positivo"]})
    with store.connection(settings, read_only=True) as con:
        none, info0 = steps.human_training_labels(con, None)
        both, info = steps.human_training_labels(con, extra)
    assert none is not None and none.to_dict("records") == [{"text": text, "label": "negativo"}]
    assert info0["stored"] == 1 and info0["file"] == 0
    # The file wins for the same text.
    assert dict(zip(both["text"], both["label"], strict=True)) == {
        text: "positivo",
        "un altro testo": "neutro",
    }
    assert info["hash"] != info0["hash"]
