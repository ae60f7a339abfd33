"""Time expressions in Chinese (Simplified or Traditional) and English news, as UTC intervals.

Every time is an interval ``[start, end)`` in UTC, read in one zone: 當地時間
11 月 17 日 in San Francisco is 2023-11-17T08:00Z/2023-11-18T08:00Z, and 周六早晨
in Beijing (05–09 +08:00) overlaps it, so a shift of zone is not a conflict.

    >>> ctx = TimeContext(datetime(2023, 11, 22, 17, 23, 4, tzinfo=zone_info("Asia/Shanghai")),
    ...                   "Asia/Shanghai", "America/Los_Angeles")
    >>> parse_time("當地時間 11 月 17 日週五", ctx).format()
    '2023-11-17T08:00:00Z/2023-11-18T08:00:00Z America/Los_Angeles day'

The pieces, in the order text flows through them:

- :mod:`~recon.normalize.time_policy`: what the words mean (zone words, the
  hours of 早, what 年底 covers, the hour of 收盘) — the place to change a rule;
- :mod:`~recon.normalize.time_grammar`: finds time expressions in text;
- :mod:`~recon.normalize.time_mention`: reads one into a ``TimeMention``;
- :mod:`~recon.normalize.time_resolve`: resolves a mention against the
  publish date and zones (the reading rules are listed there);
- :mod:`~recon.normalize.time_fast`: for ``parse_time``, reads a whole text
  of a common shape (2023年11月16日) with one regex, as the grammar would;
- this module: the public types and the two entry points.

Durations and quantities (48 小时, 20 美元, 710 多名, 1.68%) are not times.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Final

from recon.normalize.time_fast import FastReader, fast_reader
from recon.normalize.time_grammar import Grammar
from recon.normalize.time_policy import DEFAULT_POLICY, PRECISIONS, TimePolicy
from recon.normalize.time_resolve import Carry, Frame, UnknownZoneError, clear_calendar_memo, resolve, zone_info

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


class TimeSpanFormatError(ValueError):
    """A string that is not a ``TimeSpan.format()`` result."""


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
        fields = self.__dict__
        fields["start"], fields["end"], fields["zone"] = start, end, zone
        fields["precision"], fields["text"], fields["span"] = precision, text, span
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
        # what resolution reads of the context, and the memo's key of it (a str caches its hash)
        frame = Frame(self.anchor.date(), self.home_zone, self.local_zone)
        object.__setattr__(self, "_frame", frame)
        object.__setattr__(self, "_memo_key", "\t".join(map(str, frame)))

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
    anchor's date and the two zones of ``ctx`` matter to the result. A text
    of a common shape (2023年11月16日) is read by the fast reader
    (:mod:`~recon.normalize.time_fast`), the rest by the grammar.
    """
    if not isinstance(text, str):
        return NotATime(repr(text), "not a string")
    readers = _GRAMMARS.get(id(policy))
    if readers is None or readers[0] is not policy:
        readers = _readers(policy)
    _, grammar, fast = readers
    key = (text, ctx._memo_key, id(grammar))  # type: ignore[attr-defined]
    result = _MEMO.get(key)
    if result is None:
        if len(_MEMO) >= _MEMO_SIZE:
            _MEMO.clear()
        span = fast and fast.read(text, ctx._frame)  # type: ignore[attr-defined]
        result = _MEMO[key] = span or _parse_general(text, ctx, policy)
    return result


_MEMO: dict[tuple[object, ...], TimeSpan | NotATime] = {}
_MEMO_SIZE: Final = 8192


def _clear_memos() -> None:
    """Forget every memoized result (``parse_time``'s and the calendar's), for cold benchmarks."""
    _MEMO.clear()
    clear_calendar_memo()


def _parse_fast(text: str, ctx: TimeContext, policy: TimePolicy = DEFAULT_POLICY) -> TimeSpan | None:
    """``parse_time`` by the fast reader alone, without the memo; None: a text it leaves to the grammar."""
    fast = _readers(policy)[2]
    return fast.read(text, ctx._frame) if fast else None  # type: ignore[attr-defined]


def _parse_general(text: str, ctx: TimeContext, policy: TimePolicy = DEFAULT_POLICY) -> TimeSpan | NotATime:
    """``parse_time`` by the grammar alone, without the memo and the fast reader."""
    if not text.strip():
        return NotATime(text, "empty text")
    if _BARE_YEAR.fullmatch(text) and policy.year_range[0] <= int(text) <= policy.year_range[1]:
        year = _parse_general(f"{text.strip()}年", ctx, policy)  # a time field of only '2016' is that year
        if isinstance(year, TimeSpan):
            return TimeSpan._trusted(year.start, year.end, year.zone, year.precision, text, (0, len(text)))
    first_failure = None
    for result in _read(text, ctx, policy):
        if isinstance(result, TimeSpan):
            return result
        first_failure = first_failure or result
    return NotATime(text, first_failure or _why_not(_grammar(policy).fold(text)))


_BARE_YEAR: Final = re.compile(r"\s*[12][0-9]{3}\s*")


def find_times(text: str, ctx: TimeContext, policy: TimePolicy = DEFAULT_POLICY) -> list[TimeSpan]:
    """Every time expression in ``text``, in order; spans index ``text`` itself."""
    if not isinstance(text, str) or not text:
        return []
    return [r for r in _read(text, ctx, policy) if isinstance(r, TimeSpan)]


def time_problems(text: str, ctx: TimeContext, policy: TimePolicy = DEFAULT_POLICY) -> list[str]:
    """Why each time-like mention of ``text`` that is no time cannot be read (2023年2月29日, 25 点)."""
    if not isinstance(text, str) or not text:
        return []
    return [r for r in _read(text, ctx, policy) if isinstance(r, str)]


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
# From text to spans


_Readers = tuple[TimePolicy, Grammar, "FastReader[TimeSpan] | None"]
_GRAMMARS: dict[int, _Readers] = {}


def _readers(policy: TimePolicy) -> _Readers:
    """``policy``, its grammar and its fast reader, built once."""
    entry = _GRAMMARS.get(id(policy))
    if entry is None or entry[0] is not policy:
        grammar = Grammar(policy)
        entry = _GRAMMARS[id(policy)] = (policy, grammar, fast_reader(grammar, TimeSpan._trusted))
    return entry


def _grammar(policy: TimePolicy) -> Grammar:
    return _readers(policy)[1]


def _read(text: str, ctx: TimeContext, policy: TimePolicy) -> Iterator[TimeSpan | str]:
    """A TimeSpan, or the reason it failed, for each mention in order."""
    frame = Frame(ctx.anchor.date(), ctx.home_zone, ctx.local_zone)
    carry: Carry | None = None
    for mention in _grammar(policy).mentions(text):
        try:
            result = resolve(mention, frame, policy, carry)
        except (ValueError, OverflowError) as exc:  # a date out of datetime's range
            result = f"not a valid date ({exc})"
        if isinstance(result, str):
            yield f"{result}: {text[mention.start:mention.end]!r}"
            continue
        if result.day is not None:
            carry = Carry(result.day, result.zone)
        start, end = result.start, result.end
        reach = policy.approximate_minutes.get(result.precision)
        if reach:
            earlier, later = _WIDENING[_approximate(text, mention.start, mention.end, policy)]
            start, end = start - timedelta(minutes=reach * earlier), end + timedelta(minutes=reach * later)
        yield TimeSpan._trusted(start, end, result.zone, result.precision,
                                text[mention.start:mention.end], (mention.start, mention.end))


#: How far an approximate time reaches, in approximate reaches, (before it, after it).
_WIDENING: Final = {"about": (1, 1), "before": (2, 0), "after": (0, 2), None: (0, 0)}


def _approximate(text: str, start: int, end: int, policy: TimePolicy) -> str | None:
    """How a word next to the mention makes it approximate: 'about' (22时40分许, 约22时, about 10:40 p.m.),
    'after' (shortly after 19:00) or 'before' (just before noon); None when none does."""
    if text[end:end + 4].lstrip(" \t").startswith(policy.approximate_after):
        return "about"
    before = text[max(0, start - 24):start].rstrip(" \t").lower()

    def ends_with(words: tuple[str, ...]) -> bool:
        return any(before.endswith(word) and not (word.isascii() and before[:-len(word)][-1:].isalpha())
                   for word in words)

    if ends_with(policy.shortly_after):
        return "after"
    if ends_with(policy.shortly_before):
        return "before"
    return "about" if ends_with(policy.approximate_before) else None
