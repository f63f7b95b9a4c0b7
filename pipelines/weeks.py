"""ISO weeks in the configured time zone: the one place week arithmetic lives.

Stored timestamps are naive UTC. A document belongs to the ISO week of its *local* time in
``settings.timezone`` (Monday 00:30 in Rome is that Monday's week, not the previous one, in
winter and in summer time). ``now`` is always a parameter: naive means UTC, aware is converted.
The SQL views do the same conversion with the zone stored by :func:`pipelines.store.connection`.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pipelines.errors import VocError

_WEEK = re.compile(r"^(\d{4})-?W(\d{1,2})$")


def zone(tz: str) -> ZoneInfo:
    """The IANA zone ``tz`` (e.g. ``Europe/Rome``), or a one-line error."""
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise VocError(f"unknown time zone '{tz}' (use an IANA name such as Europe/Rome)") from None


def parse_week(value: str) -> str:
    """Validate an ISO week like ``2026-W37`` and return it normalised."""
    match = _WEEK.match(value.strip().upper())
    if not match:
        raise VocError(f"invalid week '{value}': use the ISO format YYYY-Www, e.g. 2026-W37")
    year, week = int(match.group(1)), int(match.group(2))
    try:
        date.fromisocalendar(year, week, 1)
    except ValueError:
        raise VocError(f"invalid week '{value}': {year} has no week {week}") from None
    return f"{year}-W{week:02d}"


def iso_week(day: date | datetime) -> str:
    """ISO week string of a calendar date (or of a local datetime's date)."""
    iso = day.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def week_monday(week: str) -> date:
    """Monday of an ISO week string ``YYYY-Www``."""
    year, num = week.split("-W")
    return date.fromisocalendar(int(year), int(num), 1)


def week_range(first: str, last: str) -> list[str]:
    """Every ISO week from ``first`` to ``last`` inclusive (weeks without data included)."""
    start, end = week_monday(first), week_monday(last)
    return [iso_week(start + timedelta(weeks=i)) for i in range((end - start).days // 7 + 1)]


def weeks_back(week: str, n: int) -> list[str]:
    """The ``n`` ISO weeks ending with ``week``, oldest first."""
    start = week_monday(week)
    return [iso_week(start - timedelta(weeks=i)) for i in reversed(range(n))]


def to_local(ts: datetime, tz: str) -> datetime:
    """Naive local wall time in ``tz`` of a timestamp (naive input is UTC)."""
    aware = ts.replace(tzinfo=UTC) if ts.tzinfo is None else ts
    return aware.astimezone(zone(tz)).replace(tzinfo=None)


def week_of(ts: datetime, tz: str) -> str:
    """ISO week, in ``tz``, of a timestamp (naive input is UTC)."""
    return iso_week(to_local(ts, tz))


def last_closed_week(now: datetime, tz: str) -> str:
    """The ISO week that ended before ``now`` in ``tz`` (on Monday morning: last week)."""
    return iso_week(to_local(now, tz) - timedelta(days=7))


def week_bounds_utc(week: str, tz: str) -> tuple[datetime, datetime]:
    """Naive UTC ``[start, end)`` of a local ISO week (DST-aware, so 167 or 169 hours at most)."""
    monday = week_monday(week)
    local = zone(tz)
    start = datetime(monday.year, monday.month, monday.day, tzinfo=local)
    nxt = monday + timedelta(days=7)
    end = datetime(nxt.year, nxt.month, nxt.day, tzinfo=local)
    return (
        start.astimezone(UTC).replace(tzinfo=None),
        end.astimezone(UTC).replace(tzinfo=None),
    )


def choose_week(
    available: list[str], week: str | None, now: datetime, tz: str, *, must_exist: bool = True
) -> str:
    """The week a report or detection run is about.

    ``week`` when given (it must be one of ``available`` when ``must_exist``, else not before
    the first); otherwise the last closed week that has data, else the latest week with data.
    On Monday morning that is the week that just closed: the partial week is never the default.
    """
    if not available:
        raise VocError("no enriched documents yet. Run 'voc ingest' and 'voc enrich' first.")
    if week:
        chosen = parse_week(week)
        if must_exist and chosen not in available:
            raise VocError(
                f"no data for week {chosen}; available: {available[0]} … {available[-1]}"
            )
        if chosen < available[0]:
            raise VocError(f"no data up to week {chosen}; the data starts in {available[0]}")
        return chosen
    closed = [w for w in available if w <= last_closed_week(now, tz)]
    return closed[-1] if closed else available[-1]
