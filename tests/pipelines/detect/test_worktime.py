"""Business hours with Italian public holidays: hand-computed cases."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from pipelines.detect.worktime import BusinessCalendar, public_holidays
from pipelines.errors import VocError


def _cal(subdiv: str = "") -> BusinessCalendar:
    return BusinessCalendar.from_settings(
        "09:00-18:00", "1111100", "IT", subdiv, "Europe/Rome", [2025, 2026]
    )


def _utc(local: str) -> pd.Timestamp:
    return pd.Timestamp(local).tz_localize("Europe/Rome").tz_convert("UTC").tz_localize(None)


def _hours(cal: BusinessCalendar, start: str, end: str) -> float:
    """Local wall times in, business hours out (the calendar reads naive UTC)."""
    return float(cal.hours_between(pd.Series([_utc(start)]), pd.Series([_utc(end)]))[0])


def test_friday_evening_before_the_republic_day_monday() -> None:
    # Opened Friday 30 May 2025 at 17:50: 10 minutes of Friday, then Saturday, Sunday and
    # Monday 2 June (Festa della Repubblica) are off, so Tuesday 10:00 is 10 + 60 minutes.
    assert _hours(_cal(), "2025-05-30 17:50", "2025-06-03 10:00") == pytest.approx(70 / 60)
    # Answered on the holiday itself: still the 10 minutes of Friday.
    assert _hours(_cal(), "2025-05-30 17:50", "2025-06-02 11:00") == pytest.approx(10 / 60)


def test_same_day_weekend_and_outside_opening_hours() -> None:
    cal = _cal()
    assert _hours(cal, "2025-06-04 09:30", "2025-06-04 12:00") == pytest.approx(2.5)
    # Opened Saturday, answered Monday 09:45: only Monday's 45 minutes count.
    assert _hours(cal, "2025-06-07 10:00", "2025-06-09 09:45") == pytest.approx(0.75)
    # Opened at 07:00 and answered at 08:59 the same day: no working time has passed.
    assert _hours(cal, "2025-06-04 07:00", "2025-06-04 08:59") == 0.0
    # Opened Wednesday 17:00, answered Thursday 10:00: 1 h + 1 h.
    assert _hours(cal, "2025-06-04 17:00", "2025-06-05 10:00") == pytest.approx(2.0)
    # Across a full working week (Mon 09:00 -> next Mon 09:00): 5 days of 9 hours.
    assert _hours(cal, "2025-06-09 09:00", "2025-06-16 09:00") == pytest.approx(45.0)


def test_easter_monday_christmas_and_a_province_patron_saint() -> None:
    cal = _cal()
    # Thursday 24 Dec 2026 17:00 -> Monday 28 Dec 10:00: 25 and 26 Dec are holidays, then the
    # weekend; 1 h on Thursday + 1 h on Monday.
    assert _hours(cal, "2026-12-24 17:00", "2026-12-28 10:00") == pytest.approx(2.0)
    # Easter Monday 6 April 2026 is off.
    assert _hours(cal, "2026-04-03 17:00", "2026-04-07 09:30") == pytest.approx(1.5)
    # 7 December is Sant'Ambrogio in Milan only: a working day elsewhere.
    assert _hours(cal, "2026-12-07 09:00", "2026-12-07 18:00") == pytest.approx(9.0)
    assert _hours(_cal("MI"), "2026-12-07 09:00", "2026-12-07 18:00") == 0.0
    assert date(2025, 6, 2) in public_holidays("IT", "", [2025])


def test_summer_time_change_moves_nothing_and_missing_values() -> None:
    cal = _cal()
    # The night of 29 March 2026 loses an hour; working time is wall-clock time.
    assert _hours(cal, "2026-03-27 17:00", "2026-03-30 10:00") == pytest.approx(2.0)
    out = cal.hours_between(pd.Series([pd.Timestamp("2026-03-02 08:00"), pd.NaT]),
                            pd.Series([pd.NaT, pd.Timestamp("2026-03-02 09:00")]))  # fmt: skip
    assert np.isnan(out).all()
    # An end before the start is zero, not negative.
    assert _hours(cal, "2026-03-04 12:00", "2026-03-04 11:00") == 0.0


def test_unknown_country_or_province_is_one_line() -> None:
    with pytest.raises(VocError, match="sla_holidays"):
        public_holidays("XX", "", [2025])
    with pytest.raises(VocError, match="sla_holiday_subdiv"):
        public_holidays("IT", "ZZZ", [2025])
