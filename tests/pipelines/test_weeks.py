"""Weeks follow the configured time zone (stored timestamps stay UTC)."""

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd
import pytest

from pipelines import store, weeks
from pipelines.config import load_settings
from pipelines.errors import VocError

ROME = "Europe/Rome"
# Monday 00:30 in Rome, in winter (UTC+1) and in summer time (UTC+2), as naive UTC.
WINTER = datetime(2026, 1, 5, 0, 30, tzinfo=ZoneInfo(ROME)).astimezone(UTC).replace(tzinfo=None)
SUMMER = datetime(2026, 6, 29, 0, 30, tzinfo=ZoneInfo(ROME)).astimezone(UTC).replace(tzinfo=None)


def test_monday_half_past_midnight_in_rome_is_that_mondays_week() -> None:
    assert datetime(2026, 1, 4, 23, 30) == WINTER  # still Sunday in UTC
    assert datetime(2026, 6, 28, 22, 30) == SUMMER
    assert weeks.week_of(WINTER, ROME) == "2026-W02"
    assert weeks.week_of(SUMMER, ROME) == "2026-W27"
    assert weeks.week_of(WINTER, "UTC") == "2026-W01"  # what a UTC week would say


def test_week_bounds_are_local_midnights_in_utc() -> None:
    assert weeks.week_bounds_utc("2026-W02", ROME) == (
        datetime(2026, 1, 4, 23, 0),
        datetime(2026, 1, 11, 23, 0),
    )
    # The week holding the switch to summer time is one hour short.
    start, end = weeks.week_bounds_utc("2026-W13", ROME)
    assert (end - start).total_seconds() == 167 * 3600


def test_last_closed_week_uses_local_now() -> None:
    # Sunday 23:30 UTC is already Monday in Rome: last week has just closed there.
    now = datetime(2026, 1, 4, 23, 30)
    assert weeks.last_closed_week(now, ROME) == "2026-W01"
    assert weeks.last_closed_week(now, "UTC") == "2025-W52"


def test_choose_week_and_parse_errors() -> None:
    assert weeks.choose_week(["2026-W01", "2026-W02"], None, datetime(2026, 1, 12, 6), ROME) == (
        "2026-W02"
    )
    with pytest.raises(VocError, match="no data for week 2026-W05"):
        weeks.choose_week(["2026-W01"], "2026-w5", datetime(2026, 1, 12), ROME)
    with pytest.raises(VocError, match="invalid week"):
        weeks.parse_week("2026-13")
    with pytest.raises(VocError, match="unknown time zone"):
        weeks.zone("Europe/Roma")


def _doc(doc_id: str, created_at: datetime) -> dict[str, object]:
    return {
        "doc_id": doc_id, "kind": "reviews", "source_id": doc_id, "channel": "google",
        "customer_id": None, "created_at": created_at, "updated_at": None, "title": None,
        "text": "Bolletta sbagliata", "text_hash": doc_id, "rating": 2.0, "status": None,
        "language": "it", "is_duplicate": False, "duplicate_of": None, "repairs": [],
        "redacted": True, "source_file": "r.csv", "source_row": 1, "ingest_run_id": "run-1",
        "ingested_at": datetime(2026, 7, 1),
    }  # fmt: skip


@pytest.mark.parametrize(
    "tz, winter, summer", [(ROME, "2026-W02", "2026-W27"), ("UTC", "2026-W01", "2026-W26")]
)
def test_views_put_documents_in_the_configured_zones_week(
    tmp_path: Path, tz: str, winter: str, summer: str
) -> None:
    settings = load_settings(config_path=None, env={}, db=tmp_path / "voc.duckdb", timezone=tz)
    docs = pd.DataFrame([_doc("w", WINTER), _doc("s", SUMMER)])
    with store.connection(settings) as con:
        con.register("incoming", docs)
        cols = ", ".join(store.DOCUMENT_COLUMNS)
        con.execute(f"INSERT INTO documents ({cols}) SELECT {cols} FROM incoming")
        rows = dict(con.execute("SELECT doc_id, iso_week FROM v_documents").fetchall())
        starts = con.execute(
            "SELECT DISTINCT week_start FROM v_weekly_overview ORDER BY 1"
        ).fetchall()
    assert rows == {"w": winter, "s": summer}
    assert [str(r[0]) for r in starts] == [
        str(weeks.week_monday(winter)),
        str(weeks.week_monday(summer)),
    ]


def test_input_times_without_offset_are_local_wall_times() -> None:
    from pipelines.ingest.normalize import parse_datetime

    for text in ("2026-01-05 00:30", "05/01/2026 00:30", "5 gennaio 2026 00:30"):
        assert parse_datetime(text, ROME) == WINTER, text
    assert parse_datetime("2026-06-29T00:30:00", ROME) == SUMMER
    # An explicit offset or UTC marker wins over the configured zone.
    assert parse_datetime("2026-01-05T00:30:00Z", ROME) == datetime(2026, 1, 5, 0, 30)
    assert parse_datetime("2026-01-05T00:30:00+01:00", ROME) == WINTER
    assert weeks.week_of(parse_datetime("2026-01-05 00:30", ROME), ROME) == "2026-W02"
