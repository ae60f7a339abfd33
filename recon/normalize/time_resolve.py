"""Resolving a ``TimeMention``: from what the text says to a UTC interval.

The rules (numbers in ``TimePolicy``):

- **Zone**: a zone word (北京时间, 美东时间, 当地时间, ET) wins; then the market
  (周五美股, 收盘 → New York); then, for a clock or part of the day without a
  date, the zone of the date it continues; then the home zone. 当地时间 is the
  local zone, or the home zone when that is unknown.
- **Relative words** (今天, 周五, 21日, 今年) count from the anchor's calendar
  date, in the anchor's own offset (so a date-only anchor at midnight works).
- **Weekdays**: 周五 is the most recent Friday on or before the anchor; 上周五 the
  Friday of the previous Monday–Sunday week, 本周五 of this one, 下周五 of the
  next. A weekday next to a date without a year (12月5日(周二)) may move it to
  the year or month where that weekday fits, if that is near the anchor;
  otherwise the date wins over the weekday.
- **Missing year or month**: 11月17日 is in the anchor's year unless that is
  more than ``future_days_without_year`` after the anchor (then last year);
  21日 is in the anchor's month unless after the anchor (then last month).
- **Parts**: 年底 is the last quarter, 本月初 days 1–10, 中旬 11–20; 早 05–09 …
- **Continuations**: a clock or part of the day without a date (中午12:19)
  takes the date and zone of the previous day-level time; so do 次日 and 当天.
- **Ranges** (17日至18日) run from the start of the first to the end of the
  second, at the coarser precision.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache
from typing import Final, NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from recon.normalize.time_mention import Clock, TimeMention
from recon.normalize.time_policy import LOCAL, PRECISIONS, Hours, TimePolicy

__all__ = ["UNITS", "Carry", "Frame", "Resolved", "UnknownZoneError", "calendar_day", "clear_calendar_memo",
           "month_length", "resolve", "utc_interval", "within_day", "zone_info"]

UTC: Final = timezone.utc
_SECOND, _MINUTE, _HOUR, _DAY = timedelta(seconds=1), timedelta(minutes=1), timedelta(hours=1), timedelta(days=1)
#: The length of a span of each precision up to a day.
UNITS: Final = {"second": _SECOND, "minute": _MINUTE, "hour": _HOUR, "day": _DAY}


class UnknownZoneError(ValueError):
    """A zone name that is neither an IANA zone nor an offset like ``+08:00``."""


_ZONES: dict[str, tzinfo] = {}
_OFFSET: Final = re.compile(r"([+-])([0-9]{2}):([0-9]{2})")


def zone_info(name: str) -> tzinfo:
    """The tzinfo of an IANA name, "UTC" or an offset like "+08:00" (cached)."""
    zone = _ZONES.get(name)
    if zone is None:
        zone = _ZONES[name] = _load_zone(name)
    return zone


def _load_zone(name: str) -> tzinfo:
    offset = _OFFSET.fullmatch(name)
    if offset:
        sign = -1 if offset[1] == "-" else 1
        return timezone(sign * timedelta(hours=int(offset[2]), minutes=int(offset[3])))
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:  # OSError: a folder of zones ('America')
        raise UnknownZoneError(f"unknown time zone {name!r}; use an IANA name such as 'Asia/Shanghai'") from exc


class Frame(NamedTuple):
    """What resolution needs of a ``TimeContext``: the anchor's calendar date and the zones."""

    anchor: date
    home_zone: str
    local_zone: str | None


class Carry(NamedTuple):
    """The last day read, for times that continue it (中午12:19, 次日)."""

    day: date
    zone: str


class Resolved(NamedTuple):
    start: datetime  # UTC
    end: datetime  # UTC, exclusive
    precision: str
    zone: str
    day: date | None  # the local day, for times that continue it


def resolve(m: TimeMention, frame: Frame, policy: TimePolicy, carry: Carry | None) -> Resolved | str:
    """The UTC interval of a mention (a range if ``m.until``), or why it has none.

    Raises ValueError or OverflowError only for dates beyond ``datetime``'s range.
    """
    first = _resolve_one(m, frame, policy, carry)
    if m.until is None or isinstance(first, str):
        return first
    until = m.until
    if first.day is not None and until.weekday is not None and until.day is None and until.week_rel is None:
        ahead = (until.weekday - first.day.weekday()) % 7  # 周一至周五: the Friday after that Monday
        until = dataclasses.replace(until, weekday=None, day_rel=ahead, day_from_context=True)
    return _joined(first, _resolve_one(until, frame, policy, Carry(first.day, first.zone) if first.day else carry))


def _joined(first: Resolved, last: Resolved | str) -> Resolved | str:
    """A range from the start of ``first`` to the end of ``last``, at the coarser precision."""
    if isinstance(last, str):
        return last
    if last.end <= first.start:
        return "a range that ends before it starts"
    precision = max(first.precision, last.precision, key=PRECISIONS.index)
    return Resolved(first.start, last.end, precision, first.zone, last.day)


def _resolve_one(m: TimeMention, frame: Frame, policy: TimePolicy, carry: Carry | None) -> Resolved | str:
    zone = _zone_name(m, frame, policy, carry)
    local = _local_interval(m, zone, frame.anchor, policy, carry)
    return local if isinstance(local, str) else _in_utc(*local, zone=zone)


_Local = tuple[datetime, datetime, str, date | None]
_EPOCH: Final = datetime(1970, 1, 1)
_UTC_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)


def _in_utc(start: datetime, end: datetime, precision: str, day: date | None, zone: str) -> Resolved | str:
    """A wall-clock interval of ``zone`` in UTC."""
    utc = utc_interval(start, end, zone)
    return utc if isinstance(utc, str) else Resolved(utc[0], utc[1], precision, zone, day)


def utc_interval(start: datetime, end: datetime, zone: str) -> tuple[datetime, datetime] | str:
    """``[start, end)`` on the wall clock of ``zone``, in UTC."""
    tz = _ZONES.get(zone) or zone_info(zone)
    # naive.replace(tzinfo=UTC), ten times faster (replace parses keywords):
    start_utc = _UTC_EPOCH + (start - tz.utcoffset(start) - _EPOCH)  # type: ignore[operator]
    end_utc = _UTC_EPOCH + (end - tz.utcoffset(end) - _EPOCH)  # type: ignore[operator]
    if end_utc <= start_utc:  # a wall-clock hour skipped by daylight saving
        end_utc = start_utc + (end - start)
    if end_utc <= start_utc:
        return "an empty interval"
    return start_utc, end_utc


def _zone_name(m: TimeMention, frame: Frame, policy: TimePolicy, carry: Carry | None) -> str:
    if m.zone == LOCAL:
        return frame.local_zone or frame.home_zone
    if m.zone:
        return m.zone
    if m.market or (m.close and m.has_day):
        return policy.market_zone
    if carry is not None and not m.has_date:
        return carry.zone
    return frame.home_zone


def _local_interval(m: TimeMention, zone: str, anchor: date, policy: TimePolicy,
                    carry: Carry | None) -> _Local | str:
    """Wall-clock ``[start, end)`` in the mention's zone, its precision, and its day if it has one."""
    low, high = policy.year_range
    if m.year is not None and not low <= m.year <= high:
        return f"year {m.year} outside {low}–{high}"
    if m.week is not None:
        return _week_interval(m, anchor)
    day = _day(m, anchor, policy, carry)
    if isinstance(day, str):
        return day
    if day is None:
        if m.month is not None or m.month_rel is not None:
            return _month_interval(m, anchor, policy)
        if m.year is not None or m.year_rel is not None:
            return _year_interval(m, anchor)
        day = carry.day if carry is not None else anchor
    return within_day(day, m.clock, m.ampm, m.pod, m.close, zone, policy)


def _day(m: TimeMention, anchor: date, policy: TimePolicy, carry: Carry | None) -> date | None | str:
    if m.day_rel is not None:
        base = carry.day if m.day_from_context and carry is not None else anchor
        return base + timedelta(days=m.day_rel)
    if m.day is not None:
        return calendar_day(m.day, m.month, m.month_rel, _written_year(m, anchor), m.weekday, anchor, policy)
    if m.weekday is not None:
        return _weekday(m.weekday, m.week_rel, anchor)
    return None


def calendar_day(day: int, month: int | None, month_rel: int | None, year: int | None, weekday: int | None,
                 anchor: date, policy: TimePolicy) -> date | str:
    """The day of 17日 / 11月17日 / 2023年11月17日, the year or month filled in from the anchor.

    ``year`` is the year the text gives (2023年, 今年), ``weekday`` one written next to the date.
    """
    if month_rel is not None:
        candidates = [_shift_month(anchor.year, anchor.month, month_rel)]
    elif month is not None and year is not None:
        candidates = [(year, month)]
    elif year is not None:
        candidates = [(year, anchor.month)]
    else:  # the year or month nearest the anchor
        future = policy.future_days_without_year if month is not None else policy.future_days_without_month
        return _nearest_day(day, month, weekday, anchor, future, policy.weekday_reach_days)
    (y, mo), = candidates
    return date(y, mo, day) if 1 <= mo <= 12 and 1 <= day <= month_length(y, mo) else "no such date"


@lru_cache(maxsize=4096)
def _nearest_day(day: int, month: int | None, weekday: int | None, anchor: date, future: int,
                 reach: int) -> date | str:
    """The day of 11月17日 (or 17日) in the year (or month) nearest the anchor: the
    latest on or before ``anchor + future`` days, else the earliest after; with a
    weekday, the nearest where it fits within ``reach`` days of the anchor.
    Cached: claim files repeat their dates, and it is 10x slower than a lookup."""
    year = anchor.year
    if month is not None:  # in order, so the days are
        candidates: tuple[tuple[int, int], ...] = ((year - 1, month), (year, month), (year + 1, month))
    else:
        candidates = tuple(_shift_month(year, anchor.month, k) for k in (-2, -1, 0, 1))
    days = [date(y, mo, day) for y, mo in candidates
            if 1 <= mo <= 12 and 1 <= day and (day <= 28 or day <= month_length(y, mo))]
    if not days:
        return "no such date"
    if len(days) == 1:
        return days[0]
    limit = anchor + timedelta(future)
    past = [d for d in days if d <= limit]  # the first ones: days ascend
    ordered = past[::-1] + days[len(past):]
    if weekday is not None and ordered[0].weekday() != weekday:  # 12月5日(周二): is it this year's?
        return next((d for d in ordered if d.weekday() == weekday and abs(d - anchor) <= timedelta(days=reach)),
                    ordered[0])
    return ordered[0]


def clear_calendar_memo() -> None:
    """Forget the days ``calendar_day`` filled in (for cold benchmarks)."""
    _nearest_day.cache_clear()


def _written_year(m: TimeMention, anchor: date) -> int | None:
    """The year the text gives (2023年, 今年, 去年), or None."""
    if m.year is not None:
        return m.year
    return anchor.year + m.year_rel if m.year_rel is not None else None


def _weekday(weekday: int, week_rel: int | None, anchor: date) -> date:
    if week_rel is None:
        return anchor - timedelta(days=(anchor.weekday() - weekday) % 7)
    return _monday(anchor) + timedelta(days=7 * week_rel + weekday)


def _week_interval(m: TimeMention, anchor: date) -> _Local:
    if m.week == "weekend":
        saturday = _weekday(5, m.week_rel, anchor)
        return _midnight(saturday), _midnight(saturday + timedelta(days=2)), "week", None
    monday = _monday(anchor) + timedelta(days=7 * (m.week_rel or 0))
    return _midnight(monday), _midnight(monday + timedelta(days=7)), "week", None


def _month_interval(m: TimeMention, anchor: date, policy: TimePolicy) -> _Local | str:
    year = _written_year(m, anchor)
    if m.month_rel is not None:
        year, month = _shift_month(anchor.year, anchor.month, m.month_rel)
    else:
        assert m.month is not None
        month = m.month
        if not 1 <= month <= 12:
            return "no such month"
        if year is None:
            limit = anchor + timedelta(policy.future_days_without_year)
            year = anchor.year if date(anchor.year, month, 1) <= limit else anchor.year - 1
    first = date(year, month, 1)
    following = _month_start(year, month + 1)
    if m.month_part is None:
        return _midnight(first), _midnight(following), "month", None
    start_day, end_day = m.month_part
    end = min(first + timedelta(days=end_day - 1), following)
    return _midnight(first + timedelta(days=start_day - 1)), _midnight(end), "day", None


def _year_interval(m: TimeMention, anchor: date) -> _Local:
    year = _written_year(m, anchor) or anchor.year
    if m.year_part is None:
        return _midnight(date(year, 1, 1)), _midnight(date(year + 1, 1, 1)), "year", None
    first, last = m.year_part
    return _midnight(_month_start(year, first)), _midnight(_month_start(year, last)), "month", None


def within_day(day: date, clock: Clock | None, ampm: str | None, pod: Hours | None, close: Hours | None,
               zone: str, policy: TimePolicy) -> _Local | str:
    """A day narrowed by a clock time, the market close or a part of the day."""
    if clock is not None:
        written_hour, minute, second, precision = clock
        hour = written_hour if ampm is None and pod is None else _hour(written_hour, ampm, pod)
        if hour > 24 or minute > 59 or second > 59 or (hour == 24 and (minute or second)) \
                or (ampm and written_hour > 12):
            return "no such clock time"
        start = datetime(day.year, day.month, day.day, hour, minute, second) if hour < 24 else _midnight(day + _DAY)
        return start, start + UNITS[precision], precision, day
    midnight = _midnight(day)
    if close is not None and zone == policy.market_zone:
        start = midnight + timedelta(hours=close[0], minutes=close[1])
        return start, start + _MINUTE, "minute", day
    if pod is not None:
        first, last = pod
        return midnight + _hours(first), midnight + _hours(last), "part_of_day", day
    return midnight, midnight + _DAY, "day", day


@lru_cache(maxsize=256)
def _hours(n: float) -> timedelta:
    """``timedelta(hours=n)``, cached: the parts of the day are few, and timedelta() is slow."""
    return timedelta(hours=n)


def _hour(hour: int, ampm: str | None, pod: tuple[int, int] | None) -> int:
    """The 24-hour hour of 4pm, 下午3点 (15), 晚上8点 (20), 中午1点 (13)."""
    if ampm == "p" and hour < 12:
        return hour + 12
    if ampm == "a" and hour == 12:
        return 0
    if ampm is None and pod is not None and hour < 12 and not pod[0] <= hour < pod[1] \
            and pod[0] <= hour + 12 <= pod[1]:
        return hour + 12
    return hour


def month_length(year: int, month: int) -> int:
    """Days in a month of the Gregorian calendar."""
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + by
    return index // 12, index % 12 + 1


def _month_start(year: int, month: int) -> date:
    """The first of ``month``, which may run past 12 into the next years."""
    return date(*_shift_month(year, month, 0), 1)


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


_MIDNIGHT: Final = time()


def _midnight(day: date) -> datetime:
    return datetime.combine(day, _MIDNIGHT)
