"""The workbench's template data: hidden themes, drill filters, edits in words."""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from pipelines.report.workbench import alerts_view, week_view
from pipelines.report.workbench_edits import describe_edit, edits_view, pending_view

WEEKS = ["2026-W07", "2026-W08", "2026-W09", "2026-W10"]


def _series() -> pd.DataFrame:
    return pd.DataFrame(
        {"iso_week": WEEKS, "volume": [10, 12, 11, 20], "scored": [9, 11, 10, 18],
         "n_negativo": [2, 3, 2, 9], "n_neutro": [3, 3, 3, 3], "n_positivo": [4, 5, 5, 6],
         "mean_rating": [3.0, 3.5, None, 2.0], "n_rated": [4, 4, 0, 5],
         "n_churn_intent": [0, 1, 0, 2]}
    )  # fmt: skip


def test_week_view_counts_carry_their_filters_and_hide_hidden_themes() -> None:
    themes = pd.DataFrame(
        {"iso_week": ["2026-W10", "2026-W10", "2026-W09"], "topic_id": [1, 2, 1],
         "volume": [8, 5, 4], "n_negativo": [6, 1, 1], "hidden": [False, True, False]}
    )  # fmt: skip
    names = pd.DataFrame({"topic_id": [1, 2], "topic_label": ["Bollette", "Rumore"]})
    kc = pd.DataFrame(columns=["iso_week", "kind", "channel", "volume", "scored", "n_negativo"])
    view = week_view(_series(), kc, themes, names, "2026-W10", WEEKS)
    cards = {c["key"]: c for c in view["kpis"]["cards"]}
    assert cards["volume"]["count"] == 20 and cards["volume"]["drill"] == {"week": "2026-W10"}
    assert cards["share_negativo"]["count"] == 9
    assert cards["share_negativo"]["drill"] == {"sentiment": "negativo", "week": "2026-W10"}
    assert cards["mean_rating"]["count"] == 5 and cards["churn_intent"]["count"] == 2
    assert [t["label"] for t in view["themes"]] == ["Bollette"]  # the hidden theme is left out
    assert view["themes"][0]["drill_negative"] == {
        "week": "2026-W10", "theme": 1, "theme_sentiment": "negativo"}  # fmt: skip


def test_week_without_documents_under_the_filter_is_zero_not_an_error() -> None:
    empty = _series().iloc[:0]
    kc = pd.DataFrame(columns=["iso_week", "kind", "channel", "volume", "scored", "n_negativo"])
    themes = pd.DataFrame(columns=["iso_week", "topic_id", "volume", "n_negativo", "hidden"])
    names = pd.DataFrame(columns=["topic_id", "topic_label"])
    view = week_view(empty, kc, themes, names, "2026-W10", WEEKS)
    assert [c["count"] for c in view["kpis"]["cards"]] == [0, 0, 0, 0, 0]
    assert view["sources"] == [] and view["themes"] == []


def test_alert_triage_closes_an_episode() -> None:
    rows = pd.DataFrame(
        {"alert_id": ["a", "b"], "iso_week": ["2026-W10", "2026-W10"],
         "first_seen_week": ["2026-W10", "2026-W09"], "status": ["nuovo", "in corso"],
         "scope": ["channel", "kind"], "channel": ["chat", None], "kind": [None, "tickets"],
         "volume": [6, 9], "baseline": [2.0, 3.0], "triage_state": ["nuovo", "falso allarme"],
         "triage_reason": [None, "manutenzione"]}
    )  # fmt: skip
    view = alerts_view(rows, "2026-W10")
    assert [a["alert_id"] for a in view["open"]] == ["a"]
    assert [a["alert_id"] for a in view["past"]] == ["b"]
    assert view["open"][0]["drill"] == {"week": "2026-W10", "channel": "chat",
                                        "sentiment": "negativo"}  # fmt: skip
    assert view["past"][0]["triage_reason"] == "manutenzione"


def test_edits_in_words() -> None:
    assert describe_edit("rename", [3], {"name": "Bollette"}) == "Rinomina #3 in «Bollette»"
    assert describe_edit("merge", [1, 2], {"name": None}) == "Unisce #1 e #2"
    split = describe_edit("split", [4], {"parts": [["Gas", ["gas"]], ["Luce", ["luce"]]]})
    assert split == "Divide #4 in «Gas» e «Luce»"
    rows = [
        {"edit_id": "e2", "kind": "hide", "topic_ids": [5], "who": "Marta",
         "made_at": datetime(2026, 3, 9, 8), "undone_at": None,
         "payload": {"before": {"hidden": False}, "after": {"hidden": True}}},
        {"edit_id": "e1", "kind": "rename", "topic_ids": [3], "who": "Luca",
         "made_at": datetime(2026, 3, 9, 7), "undone_at": datetime(2026, 3, 9, 9),
         "payload": {"name": "B", "before": "A", "after": "B"}},
    ]  # fmt: skip
    log = edits_view(rows, "Europe/Rome")
    assert log[0]["before"] == "visibile" and log[0]["after"] == "nascosto"
    assert log[0]["when"] == "9 marzo 2026, 09:00"  # local time
    assert log[0]["undoable"] and not log[1]["undoable"] and log[1]["undone"]
    waiting = pending_view(
        [{"target": "theme", "kind": "rename", "topic_ids": [3], "name": "X", "who": "Luca",
          "made_at": "2026-03-09T07:00:00", "state": "in attesa", "error": None},
         {"target": "alert", "alert_id": "a", "state": "falso allarme", "who": "Marta",
          "made_at": "2026-03-09T07:00:00", "error": "segnalazione sconosciuta"}],
        "Europe/Rome",
    )  # fmt: skip
    assert waiting[0]["summary"] == "Rinomina #3 in «X»" and not waiting[0]["refused"]
    assert waiting[1]["summary"] == "Allarme a: falso allarme" and waiting[1]["refused"]
