"""Time expressions in Chinese (Simplified or Traditional) and English news, as UTC intervals.

Every time is an interval ``[start, end)`` in UTC, read in one zone: 當地時間
11 月 17 日 in San Francisco is 2023-11-17T08:00Z/2023-11-18T08:00Z, and 周六早晨
in Beijing (05–09 +08:00) overlaps it, so a shift of zone is not a conflict.

    >>> ctx = TimeContext(datetime(2023, 11, 22, 17, 23, 4, tzinfo=zone_info("Asia/Shanghai")),
    ...                   "Asia/Shanghai", "America/Los_Angeles")
    >>> parse_time("當地時間 11 月 17 日週五", ctx).format()
    '2023-11-17T08:00:00Z/2023-11-18T08:00:00Z America/Los_Angeles day'

How a mention is read (the numbers are in ``TimePolicy``):

- **Zone**: a zone word (北京时间, 美东时间, 当地时间, ET) wins; then the market
  (周五美股, 收盘 → New York); then, for a clock or part of the day without a
  date, the zone of the date it continues; then ``ctx.home_zone``. 当地时间 is
  ``ctx.local_zone``, or the home zone when that is unknown.
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
- **A clock or part of the day without a date** (中午12:19) takes the date and
  zone of the closest preceding date in ``find_times``, the anchor's in ``parse_time``.
- 收盘 is 16:00 in New York at minute precision. Durations and quantities
  (48 小时, 20 美元, 710 多名, 1.68%) are not times.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from typing import Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from recon.normalize.time_grammar import Grammar, TimeMention
from recon.normalize.time_policy import DEFAULT_POLICY, LOCAL, TimePolicy

__all__ = [
    "DEFAULT_POLICY",
    "PRECISIONS",
    "NotATime",
    "TimeContext",
    "TimePolicy",
    "TimeSpan",
    "TimeSpanFormatError",
    "UnknownZoneError",
    "find_times",
    "parse_time",
    "parse_timespan",
    "zone_info",
]

UTC: Final = timezone.utc

#: From finest to coarsest: the calendar unit a span's edges fall on. A part of
#: the day is its own level; 本月初 (days 1–10) is "day", 年底 (Oct–Dec) "month";
#: 本周 and 周末 are "week".
PRECISIONS: Final = ("second", "minute", "hour", "part_of_day", "day", "week", "month", "year")
_DAY_OR_FINER: Final = frozenset(PRECISIONS[:5])
_UNIT: Final = {"second": timedelta(seconds=1), "minute": timedelta(minutes=1), "hour": timedelta(hours=1)}


class UnknownZoneError(ValueError):
    """A zone name that is neither an IANA zone nor an offset like ``+08:00``."""


class TimeSpanFormatError(ValueError):
    """A string that is not a ``TimeSpan.format()`` result."""


# ---------------------------------------------------------------------------
# Zones

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
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise UnknownZoneError(f"unknown time zone {name!r}; use an IANA name such as 'Asia/Shanghai'") from exc


# ---------------------------------------------------------------------------
# Public types


@dataclass(frozen=True)
class TimeSpan:
    """A time read from text: ``[start, end)`` in UTC, the zone it was read in,
    its precision, and the verbatim text with its offsets in the original."""

    start: datetime
    end: datetime
    zone: str
    precision: str
    text: str
    span: tuple[int, int]

    def __post_init__(self) -> None:
        for name in ("start", "end"):
            moment: datetime = getattr(self, name)
            if moment.utcoffset() is None:
                raise ValueError(f"TimeSpan.{name} needs a time zone: {moment!r}")
            if moment.tzinfo is not UTC:
                object.__setattr__(self, name, moment.astimezone(UTC))
        if not self.start < self.end:
            raise ValueError(f"TimeSpan must end after it starts: {self.start} / {self.end}")

    @classmethod
    def _trusted(cls, start: datetime, end: datetime, zone: str, precision: str, text: str,
                 span: tuple[int, int]) -> TimeSpan:
        """Build without the checks, for values the parser made (UTC, start < end): 4x faster."""
        self = object.__new__(cls)
        self.__dict__.update(start=start, end=end, zone=zone, precision=precision, text=text, span=span)
        return self

    def overlaps(self, other: TimeSpan) -> bool:
        """Some instant lies in both."""
        return self.start < other.end and other.start < self.end

    def contains(self, other: TimeSpan) -> bool:
        """Every instant of ``other`` lies in this one."""
        return self.start <= other.start and other.end <= self.end

    def before(self, other: TimeSpan) -> bool:
        """This one ends before ``other`` starts."""
        return self.end <= other.start

    def format(self) -> str:
        """``2023-11-17T08:00:00Z/2023-11-18T08:00:00Z America/Los_Angeles day``."""
        return f"{_format_utc(self.start)}/{_format_utc(self.end)} {self.zone} {self.precision}"


@dataclass(frozen=True)
class NotATime:
    """Text that holds no time we can read, and why."""

    text: str
    reason: str


@dataclass(frozen=True)
class TimeContext:
    """What a source's times are read against.

    ``anchor`` is the publish time (with its offset), or midnight of the publish
    day in the source's zone when only the day is known (see ``on_day``).
    ``home_zone`` reads bare dates (a Chinese outlet: Asia/Shanghai);
    ``local_zone`` is the event's place, for 当地时间 / local time.
    """

    anchor: datetime
    home_zone: str
    local_zone: str | None = None

    def __post_init__(self) -> None:
        if self.anchor.utcoffset() is None:
            raise ValueError(f"the anchor needs its UTC offset, e.g. 2023-11-22T17:23:04+08:00: {self.anchor!r}")
        zone_info(self.home_zone)
        if self.local_zone is not None:
            zone_info(self.local_zone)

    @classmethod
    def on_day(cls, day: date, home_zone: str, local_zone: str | None = None) -> TimeContext:
        """A context whose anchor is only a publish day, read in ``home_zone``."""
        midnight = datetime(day.year, day.month, day.day, tzinfo=zone_info(home_zone))
        return cls(midnight, home_zone, local_zone)


# ---------------------------------------------------------------------------
# Reading


def parse_time(text: str, ctx: TimeContext, policy: TimePolicy = DEFAULT_POLICY) -> TimeSpan | NotATime:
    """The first time expression in ``text``, or why there is none. Never raises.

    Results are memoized (claim files repeat their time strings): only the
    anchor's date and the two zones of ``ctx`` matter to the result.
    """
    if not isinstance(text, str):
        return NotATime(repr(text), "not a string")
    key = (text, ctx.anchor.date(), ctx.home_zone, ctx.local_zone, id(_grammar(policy)))
    result = _MEMO.get(key)
    if result is None:
        if len(_MEMO) >= _MEMO_SIZE:
            _MEMO.clear()
        result = _MEMO[key] = _parse_time(text, ctx, policy)
    return result


_MEMO: dict[tuple[object, ...], TimeSpan | NotATime] = {}
_MEMO_SIZE: Final = 8192


def _parse_time(text: str, ctx: TimeContext, policy: TimePolicy) -> TimeSpan | NotATime:
    if not text.strip():
        return NotATime(text, "empty text")
    first_failure = None
    for result in _read(text, ctx, policy):
        if isinstance(result, TimeSpan):
            return result
        first_failure = first_failure or result
    return NotATime(text, first_failure or _why_not(_grammar(policy).fold(text)))


def find_times(text: str, ctx: TimeContext, policy: TimePolicy = DEFAULT_POLICY) -> list[TimeSpan]:
    """Every time expression in ``text``, in order; spans index ``text`` itself."""
    if not isinstance(text, str) or not text:
        return []
    return [r for r in _read(text, ctx, policy) if isinstance(r, TimeSpan)]


def parse_timespan(text: str) -> TimeSpan:
    """Read back ``TimeSpan.format()``; ``text`` becomes the span's text."""
    try:
        interval, zone, precision = text.split(" ")
        start_text, end_text = interval.split("/")
        start, end = _parse_utc(start_text), _parse_utc(end_text)
        zone_info(zone)
        if precision not in PRECISIONS:
            raise ValueError(f"unknown precision {precision!r}")
        return TimeSpan(start, end, zone, precision, text, (0, len(text)))
    except ValueError as exc:
        raise TimeSpanFormatError(
            f"not a time span: {text!r} ({exc}); expected e.g. "
            "'2023-11-17T08:00:00Z/2023-11-18T08:00:00Z America/Los_Angeles day'"
        ) from exc


def _format_utc(moment: datetime) -> str:
    return moment.replace(tzinfo=None).isoformat() + "Z"


def _parse_utc(text: str) -> datetime:
    if not text.endswith("Z"):
        raise ValueError(f"{text!r} is not a UTC time ending in Z")
    return datetime.fromisoformat(text[:-1]).replace(tzinfo=UTC)


_DURATION: Final = re.compile(
    r"[0-9０-９.]+\s*[多余]?\s*个?\s*(?:小时|分钟|秒|天|周|星期|月|年)"
    r"|(?i:[0-9.]+\s*(?:hours?|minutes?|seconds?|days?|weeks?|months?|years?)(?![a-z]))"
)
_DIGIT: Final = re.compile(r"[0-9０-９]")


def _why_not(folded: str) -> str:
    if _DURATION.search(folded):
        return "a duration, not a time"
    if _DIGIT.search(folded):
        return "a number, not a time"
    return "no time expression"


# ---------------------------------------------------------------------------
# Resolving mentions


@dataclass(frozen=True, slots=True)
class _Carry:
    """The last day read, for times that continue it (中午12:19, 次日)."""

    day: date
    zone: str


_GRAMMARS: dict[int, tuple[TimePolicy, Grammar]] = {}


def _grammar(policy: TimePolicy) -> Grammar:
    entry = _GRAMMARS.get(id(policy))
    if entry is None or entry[0] is not policy:
        entry = _GRAMMARS[id(policy)] = (policy, Grammar(policy))
    return entry[1]


def _read(text: str, ctx: TimeContext, policy: TimePolicy) -> Iterator[TimeSpan | str]:
    """A TimeSpan, or the reason it failed, for each mention in order."""
    carry: _Carry | None = None
    for mention in _grammar(policy).mentions(text):
        try:
            result = _resolve(mention, ctx, policy, carry)
        except (ValueError, OverflowError) as exc:  # a date out of datetime's range
            yield f"not a valid date: {text[mention.start:mention.end]!r} ({exc})"
            continue
        if isinstance(result, str):
            yield f"{result}: {text[mention.start:mention.end]!r}"
            continue
        start, end, precision, zone, day = result
        if day is not None:
            carry = _Carry(day, zone)
        yield TimeSpan._trusted(start, end, zone, precision, text[mention.start:mention.end],
                                (mention.start, mention.end))


_Resolved = tuple[datetime, datetime, str, str, date | None]


def _resolve(m: TimeMention, ctx: TimeContext, policy: TimePolicy, carry: _Carry | None) -> _Resolved | str:
    zone = _zone_name(m, ctx, policy, carry)
    local = _local_interval(m, zone, ctx.anchor.date(), policy, carry)
    if isinstance(local, str):
        return local
    start, end, precision, day = local
    tz = zone_info(zone)
    start_utc = (start - tz.utcoffset(start)).replace(tzinfo=UTC)  # type: ignore[operator]
    end_utc = (end - tz.utcoffset(end)).replace(tzinfo=UTC)  # type: ignore[operator]
    if end_utc <= start_utc:  # a wall-clock hour skipped by daylight saving
        end_utc = start_utc + (end - start)
    if end_utc <= start_utc:
        return "an empty interval"
    return start_utc, end_utc, precision, zone, day


def _zone_name(m: TimeMention, ctx: TimeContext, policy: TimePolicy, carry: _Carry | None) -> str:
    if m.zone == LOCAL:
        return ctx.local_zone or ctx.home_zone
    if m.zone:
        return m.zone
    if m.market or (m.close and m.has_day):
        return policy.market_zone
    if carry is not None and not m.has_date:
        return carry.zone
    return ctx.home_zone


_Local = tuple[datetime, datetime, str, date | None]


def _local_interval(m: TimeMention, zone: str, anchor: date, policy: TimePolicy,
                    carry: _Carry | None) -> _Local | str:
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
    return _within_day(m, day, zone, policy)


def _day(m: TimeMention, anchor: date, policy: TimePolicy, carry: _Carry | None) -> date | None | str:
    if m.day_rel is not None:
        base = carry.day if m.day_from_context and carry is not None else anchor
        return base + timedelta(days=m.day_rel)
    if m.day is not None:
        return _calendar_day(m, anchor, policy)
    if m.weekday is not None:
        return _weekday(m.weekday, m.week_rel, anchor)
    return None


def _calendar_day(m: TimeMention, anchor: date, policy: TimePolicy) -> date | str:
    """The day of 17日 / 11月17日 / 2023年11月17日, the year or month filled in from the anchor."""
    day = m.day
    assert day is not None
    year = m.year if m.year is not None else (anchor.year + m.year_rel if m.year_rel is not None else None)
    if m.month_rel is not None:
        candidates = [_shift_month(anchor.year, anchor.month, m.month_rel)]
    elif m.month is not None and year is not None:
        candidates = [(year, m.month)]
    elif m.month is not None:
        candidates = [(anchor.year + k, m.month) for k in (0, -1, 1)]
    elif year is not None:
        candidates = [(year, anchor.month)]
    else:
        candidates = [_shift_month(anchor.year, anchor.month, k) for k in (0, -1, -2, 1)]
    days = sorted(date(y, mo, day) for y, mo in candidates if 1 <= mo <= 12 and 1 <= day <= _month_length(y, mo))
    if not days:
        return "no such date"
    if len(days) == 1:
        return days[0]
    future = policy.future_days_without_year if m.month is not None else policy.future_days_without_month
    limit = anchor + timedelta(days=future)
    ordered = [d for d in reversed(days) if d <= limit] + [d for d in days if d > limit]
    if m.weekday is not None and ordered[0].weekday() != m.weekday:  # 12月5日(周二): is it this year's?
        reach = timedelta(days=policy.weekday_reach_days)
        return next((d for d in ordered if d.weekday() == m.weekday and abs(d - anchor) <= reach), ordered[0])
    return ordered[0]


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
    year = m.year if m.year is not None else (anchor.year + m.year_rel if m.year_rel is not None else None)
    if m.month_rel is not None:
        year, month = _shift_month(anchor.year, anchor.month, m.month_rel)
    else:
        assert m.month is not None
        month = m.month
        if not 1 <= month <= 12:
            return "no such month"
        if year is None:
            limit = anchor + timedelta(days=policy.future_days_without_year)
            year = anchor.year if date(anchor.year, month, 1) <= limit else anchor.year - 1
    first = date(year, month, 1)
    following = _month_start(year, month + 1)
    if m.month_part is None:
        return _midnight(first), _midnight(following), "month", None
    start_day, end_day = m.month_part
    end = min(first + timedelta(days=end_day - 1), following)
    return _midnight(first + timedelta(days=start_day - 1)), _midnight(end), "day", None


def _year_interval(m: TimeMention, anchor: date) -> _Local:
    year = m.year if m.year is not None else anchor.year + (m.year_rel or 0)
    if m.year_part is None:
        return _midnight(date(year, 1, 1)), _midnight(date(year + 1, 1, 1)), "year", None
    first, last = m.year_part
    return _midnight(_month_start(year, first)), _midnight(_month_start(year, last)), "month", None


def _within_day(m: TimeMention, day: date, zone: str, policy: TimePolicy) -> _Local | str:
    """A day narrowed by a clock time, the market close or a part of the day."""
    midnight = _midnight(day)
    if m.clock is not None:
        hour, minute, second, precision = m.clock
        hour = _hour(hour, m.ampm, m.pod)
        if hour > 24 or minute > 59 or second > 59 or (hour == 24 and (minute or second)) \
                or (m.ampm and m.clock[0] > 12):
            return "no such clock time"
        start = midnight + timedelta(hours=hour, minutes=minute, seconds=second)
        return start, start + _UNIT[precision], precision, day
    if m.close is not None and zone == policy.market_zone:
        start = midnight + timedelta(hours=m.close[0], minutes=m.close[1])
        return start, start + _UNIT["minute"], "minute", day
    if m.pod is not None:
        first, last = m.pod
        return midnight + timedelta(hours=first), midnight + timedelta(hours=last), "part_of_day", day
    return midnight, midnight + timedelta(days=1), "day", day


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


def _month_length(year: int, month: int) -> int:
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


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)
