"""Ticket operations against hand-computed cases (business hours 09-18, Mon-Fri, IT holidays)."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import pytest

from pipelines.detect.operations import message_polarity, sla_target, ticket_operations
from pipelines.detect.worktime import BusinessCalendar

CAL = BusinessCalendar.from_settings("09:00-18:00", "1111100", "IT", "", "Europe/Rome", [2025])
FIRST = {"*": 16.0, "chat": 1.0, "*:urgent": 4.0, "email:urgent": 2.0}
RESOLUTION = {"*": 45.0, "*:urgent": 9.0}
NOW = datetime(2025, 6, 20, 12, 0)


def utc(local: str) -> pd.Timestamp:
    return pd.Timestamp(local).tz_localize("Europe/Rome").tz_convert("UTC").tz_localize(None)


def frames(tickets: list[dict], comments: list[tuple]) -> tuple[pd.DataFrame, pd.DataFrame]:
    base = {"customer_id": "CL-1", "status": "open", "priority": "normal", "solved_at": pd.NaT,
            "reopens": pd.NA, "topic_id": 1, "category_id": "fatturazione_bollette",
            "sentiment_label": "negativo"}  # fmt: skip
    t = pd.DataFrame([{**base, **row} for row in tickets])
    t["created_at"] = t["created_at"].map(utc)
    t["solved_at"] = pd.to_datetime(
        t["solved_at"].map(lambda v: utc(v) if isinstance(v, str) else pd.NaT)
    )
    c = pd.DataFrame(
        comments, columns=["doc_id", "comment_idx", "author_role", "created_at", "text"]
    )
    c["created_at"] = c["created_at"].map(utc)
    return t, c


def test_targets_most_specific_first() -> None:
    assert sla_target(FIRST, "email", "urgent") == 2.0
    assert sla_target(FIRST, "chat", "urgent") == 1.0  # the channel beats the priority
    assert sla_target(FIRST, "web", "urgent") == 4.0
    assert sla_target(FIRST, "web", "normal") == 16.0
    assert sla_target({}, "web", "normal") == float("inf")


def test_friday_1750_before_holiday_monday() -> None:
    # Chat ticket opened Friday 30 May 2025 17:50; the agent answers Tuesday 3 June 10:00
    # (Monday 2 June is the Festa della Repubblica): 10 + 60 = 70 business minutes, over the
    # chat target of 1 h. Solved Tuesday 3 June 17:00: 10 min + 8 h = 8 h 10 min.
    t, c = frames(
        [{"doc_id": "tickets:1", "channel": "chat", "created_at": "2025-05-30 17:50",
          "status": "solved", "solved_at": "2025-06-03 17:00"}],
        [("tickets:1", 0, "customer", "2025-05-30 17:50", "La bolletta è sbagliata"),
         ("tickets:1", 1, "agent", "2025-06-03 10:00", "Verifichiamo subito"),
         ("tickets:1", 2, "customer", "2025-06-03 11:00", "Grazie, gentilissimi")],
    )  # fmt: skip
    ops = ticket_operations(t, c, CAL, FIRST, RESOLUTION, NOW).iloc[0]
    assert ops["first_response_hours"] == pytest.approx(70 / 60)
    assert ops["first_response_target"] == 1.0
    assert bool(ops["first_response_breached"]) is True
    assert ops["resolution_hours"] == pytest.approx(8 + 10 / 60)
    assert bool(ops["resolution_breached"]) is False
    assert ops["reopens"] == 0
    # The same ticket by e-mail (target 16 h) is on time.
    t2 = t.assign(channel="email")
    assert (
        bool(ticket_operations(t2, c, CAL, FIRST, RESOLUTION, NOW)["first_response_breached"][0])
        is False
    )
    # One slow reply, and the customer's next message is positive.
    assert ops["slow_replies"] == 1 and ops["n_after_slow"] == 1 and ops["polarity_after_slow"] > 0


def test_reopened_ticket() -> None:
    # Solved Monday 9 June 12:00; the customer writes again Wednesday 11 June 10:00 and an agent
    # picks it up at 11:30: one reopening. Resolution is not counted while it is open again.
    t, c = frames(
        [{"doc_id": "tickets:2", "channel": "email", "created_at": "2025-06-05 09:00",
          "status": "open", "solved_at": "2025-06-09 12:00"},
         {"doc_id": "tickets:3", "channel": "email", "created_at": "2025-06-05 09:00",
          "status": "closed", "solved_at": "2025-06-09 12:00"},
         {"doc_id": "tickets:4", "channel": "email", "created_at": "2025-06-05 09:00",
          "status": "closed", "solved_at": "2025-06-09 12:00", "reopens": 3}],
        [("tickets:2", 0, "customer", "2025-06-05 09:00", "Addebito doppio"),
         ("tickets:2", 1, "agent", "2025-06-05 11:00", "Rimborso disposto"),
         ("tickets:2", 2, "customer", "2025-06-11 10:00", "Il problema si è ripresentato"),
         ("tickets:2", 3, "agent", "2025-06-11 11:30", "Riapriamo la pratica"),
         # a thank-you after the solution, nothing after it: not a reopening
         ("tickets:3", 0, "customer", "2025-06-05 09:00", "Addebito doppio"),
         ("tickets:3", 1, "agent", "2025-06-09 12:00", "Risolto"),
         ("tickets:3", 2, "customer", "2025-06-10 09:00", "Grazie mille"),
         ("tickets:4", 0, "customer", "2025-06-05 09:00", "Addebito doppio"),
         ("tickets:4", 1, "agent", "2025-06-05 10:00", "Risolto")],
    )  # fmt: skip
    ops = ticket_operations(t, c, CAL, FIRST, RESOLUTION, NOW).set_index("doc_id")
    assert ops.at["tickets:2", "reopens"] == 1
    assert pd.isna(ops.at["tickets:2", "resolution_hours"])
    assert ops.at["tickets:2", "first_response_hours"] == pytest.approx(2.0)
    # Reopened ticket waiting since 5 June 09:00: 45 business hours reached on 11 June 18:00
    # (5, 6, 9, 10, 11 June = 5 days x 9 h), so by 20 June it is over the 45 h target.
    assert bool(ops.at["tickets:2", "resolution_breached"]) is True
    assert ops.at["tickets:3", "reopens"] == 0
    # Thursday 09:00 -> Monday 12:00: 9 + 9 + 3 = 21 business hours.
    assert ops.at["tickets:3", "resolution_hours"] == pytest.approx(21.0)
    assert ops.at["tickets:4", "reopens"] == 3  # the helpdesk's own count wins


def test_unanswered_ticket_breaches_only_after_its_target() -> None:
    t, c = frames(
        [{"doc_id": "tickets:5", "channel": "web", "created_at": "2025-06-19 09:00"},
         {"doc_id": "tickets:6", "channel": "web", "created_at": "2025-06-16 09:00"}],
        [("tickets:5", 0, "customer", "2025-06-19 09:00", "Nessuna risposta"),
         ("tickets:6", 0, "customer", "2025-06-16 09:00", "Nessuna risposta")],
    )  # fmt: skip
    ops = ticket_operations(t, c, CAL, FIRST, RESOLUTION, NOW).set_index("doc_id")
    # Opened Thursday 19 June 09:00, now is Friday 20 June 12:00 UTC (14:00 local): 14 h < 16.
    assert pd.isna(ops.at["tickets:5", "first_response_breached"])
    assert bool(ops.at["tickets:6", "first_response_breached"]) is True
    assert pd.isna(ops.at["tickets:6", "first_response_hours"])


def test_message_polarity_reads_negation() -> None:
    assert message_polarity("Pessimo servizio, nessuno risponde") < 0
    assert message_polarity("Grazie, tutto risolto, gentilissimi") > 0
    assert message_polarity("") == 0.0
