"""Business hours between two instants: opening hours, working days and public holidays.

A service level is promised in working time: a ticket opened on Friday at 17:50, before the
Monday of 2 June (Festa della Repubblica), has used 10 minutes of a 09:00-18:00 day when the
office closes and nothing more until Tuesday at 09:00. Holidays come from the maintained
``holidays`` package (country and, optionally, province for the patron saint's day), never
from a hand-written list.

The computation is vectorised: the business minutes elapsed since a fixed epoch,
``B(t) = working days before t's date x day length + minutes of t's day inside the opening
hours``, are computed for every start and end at once with :func:`numpy.busday_count`, and the
duration is ``B(end) - B(start)``. Times are stored in naive UTC; the calendar converts them to
the local wall time of ``timezone`` first (so a summer-time change moves nothing).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import holidays
import numpy as np
import pandas as pd

from pipelines.errors import VocError

__all__ = ["BusinessCalendar", "public_holidays"]

_EPOCH = np.datetime64("2000-01-03", "D")  # a Monday


def public_holidays(country: str, subdiv: str, years: Iterable[int]) -> tuple[date, ...]:
    """The public holidays of ``country`` (and province ``subdiv``) in ``years``.

    Raises:
        VocError: a country or subdivision the ``holidays`` package does not know.
    """
    supported = holidays.list_supported_countries()
    if country not in supported:
        raise VocError(f"[sla] sla_holidays = {country!r}: unknown country code (e.g. 'IT')")
    if subdiv and subdiv not in supported[country]:
        raise VocError(
            f"[sla] sla_holiday_subdiv = {subdiv!r}: not a subdivision of {country} "
            f"(e.g. {', '.join(supported[country][:4])})"
        )
    found = holidays.country_holidays(country, subdiv=subdiv or None, years=list(years))
    return tuple(sorted(found))


@dataclass(frozen=True)
class BusinessCalendar:
    """Working time of a support team.

    Attributes:
        opens: minutes after midnight when the day starts (``9 * 60``).
        closes: minutes after midnight when it ends.
        weekmask: numpy weekmask, Monday first (``"1111100"``).
        holidays: days off besides the weekly rest.
        timezone: IANA zone of the opening hours.
    """

    opens: int = 9 * 60
    closes: int = 18 * 60
    weekmask: str = "1111100"
    holidays: tuple[date, ...] = ()
    timezone: str = "Europe/Rome"

    @classmethod
    def from_settings(
        cls,
        business_hours: str,
        weekdays: str,
        country: str,
        subdiv: str,
        timezone: str,
        years: Iterable[int],
    ) -> BusinessCalendar:
        """The calendar of the ``[sla]`` settings for ``years`` (holidays included)."""
        start, end = business_hours.split("-")
        opens = int(start[:2]) * 60 + int(start[3:])
        closes = int(end[:2]) * 60 + int(end[3:])
        days = public_holidays(country, subdiv, years) if country else ()
        return cls(opens, closes, weekdays, days, timezone)

    def _minutes(self, when: pd.Series) -> np.ndarray:
        """Business minutes from the epoch to each instant (NaN where the instant is missing)."""
        utc = pd.to_datetime(when, utc=True)
        local = utc.dt.tz_convert(self.timezone).dt.tz_localize(None)
        missing = local.isna().to_numpy()
        local = local.fillna(pd.Timestamp("2000-01-03"))
        day = local.dt.floor("D").to_numpy().astype("datetime64[D]")
        holidays = np.array(self.holidays, dtype="datetime64[D]")
        before = np.busday_count(_EPOCH, day, weekmask=self.weekmask, holidays=holidays)
        working = np.is_busday(day, weekmask=self.weekmask, holidays=holidays)
        minute = (local.dt.hour * 60 + local.dt.minute + local.dt.second / 60.0).to_numpy()
        today = np.where(working, np.clip(minute - self.opens, 0, self.closes - self.opens), 0.0)
        total = before * float(self.closes - self.opens) + today
        return np.where(missing, np.nan, total)

    def hours_between(self, start: pd.Series, end: pd.Series) -> np.ndarray:
        """Business hours from each ``start`` to its ``end`` (naive UTC; NaN where either is
        missing; 0 when ``end`` is not after ``start``)."""
        start = pd.Series(start).reset_index(drop=True)
        end = pd.Series(end).reset_index(drop=True)
        hours = (self._minutes(end) - self._minutes(start)) / 60.0
        return np.where(np.isnan(hours), np.nan, np.maximum(hours, 0.0))
