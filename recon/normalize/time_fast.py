"""The fast reader: a whole text of a common shape, read by one regex per shape.

``parse_time`` is mostly called on a short phrase that is one time and nothing
else: 2023年11月16日, 2023-11-22 17:23:04, 當地時間 11 月 17 日週五, Nov. 17.
The grammar (:mod:`~recon.normalize.time_grammar`) scans such a phrase atom by
atom, groups the atoms and reads each group. This module matches the whole
(folded) phrase against a few precompiled shapes instead:

- ISO 2023-11-22 [17:23[:04]] [Z | +08:00], English Nov. 17 / November 17,
  2023 and Chinese [2023年]11月17日: read straight into the span;
- other Chinese days, [截至] [zone word] [[2023年] 11月] 17日 [周五] [早上]
  [12:19] or [收盘], into a ``DayMention`` for ``resolve_day``, and two of
  them, 11月17日至18日, into a ``DayRange`` for ``resolve_days``;
- other Chinese times of one mention, [截至] [zone word] [2023年 | 今年 [底]]
  [11月 | 本月 [初]] [17日] [周五] [早上] [12:19] or [收盘], into a
  ``TimeMention`` for ``time_resolve.resolve``, like the grammar's.

``resolve_day`` takes time_resolve's steps (``calendar_day``, ``within_day``,
``utc_interval``) without the detours a general mention needs. The grammar
must find the same one mention in every text read here, and the results must
be the same: tests/test_time_fast.py checks both on the benchmark's phrases
and on generated near misses. What a shape cannot rule out, ``_valid`` and the
readers reject; a rejected text, or one that is no valid time, goes to the
grammar.

The shapes are written for the default vocabulary: a policy with other zone
words, parts or market words (other *values* are fine) gets no fast reader.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Final, Generic, NamedTuple, TypeVar

from recon.normalize.time_grammar import REL, Grammar, han_words, latin_words
from recon.normalize.time_mention import Clock, DayMention, DayRange, Tables, TimeMention
from recon.normalize.time_policy import (
    DEFAULT_POLICY,
    LOCAL,
    MONTHS,
    PRECISIONS,
    RELATIVE_PREFIXES,
    WEEKDAYS,
    TimePolicy,
)
from recon.normalize.time_resolve import (
    UNITS,
    Frame,
    Resolved,
    calendar_day,
    month_length,
    resolve,
    utc_interval,
    within_day,
)

__all__ = ["LEADS", "DaySpan", "FastReader", "Reading", "SpanMaker", "fast_reader", "resolve_day", "resolve_days"]

_Span = TypeVar("_Span")
#: Builds the result from (start, end, zone, precision, text, (start, end) offsets): ``TimeSpan._trusted``.
SpanMaker = Callable[[datetime, datetime, str, str, str, tuple[int, int]], _Span]

#: What the shapes read: a day (for ``resolve_day``), two (``resolve_days``) or another time (``resolve``).
Reading = DayMention | DayRange | TimeMention

#: Words before a time that are not part of it: 截至美国东部时间11月20日收盘.
LEADS: Final = ("截至", "截止")

#: 2023年11月16日, 11月17日: the most common shape, on its own for speed (a part of ``_chinese_day``).
_DATE: Final = "(?:([0-9]{4})年)?([0-9]{1,2})月([0-9]{1,2})日"
_ISO: Final = (
    r"(?P<y>[0-9]{4})(?P<sep>[-/])(?P<mo>[0-9]{1,2})(?P=sep)(?P<d>[0-9]{1,2})"
    r"(?:[T ](?P<h>[0-9]{1,2}):(?P<mi>[0-9]{2})(?::(?P<s>[0-9]{2}))?(?P<z>Z|[+-][0-9]{2}:?[0-9]{2})?)?"
)
# The Chinese shapes are a chain of optional parts, each starting with a character
# the part before cannot end with: once a part matched, leaving it out cannot
# make a match, so the parts are possessive (?+): a quarter faster.
_WEEKDAY: Final = "(?: ?(?:周|星期|礼拜)(?P<wd>[一二三四五六日天]))?+"
_CLOCK: Final = r"(?: ?(?P<hour>[0-9]{1,2}):(?P<minute>[0-9]{2})(?::(?P<second>[0-9]{2}))?+)?+"
#: The groups of the general Chinese shape, in order.
_CN_GROUPS: Final = ("lead", "zone", "year", "year_rel", "year_part", "month", "month_rel", "month_part", "day",
                     "wd", "close", "pod", "hour", "minute", "second")


class _Chinese(NamedTuple):
    """One match's groups, in the order of _CN_GROUPS."""

    lead: str | None
    zone: str | None
    year: str | None
    year_rel: str | None
    year_part: str | None
    month: str | None
    month_rel: str | None
    month_part: str | None
    day: str | None
    wd: str | None
    close: str | None
    pod: str | None
    hour: str | None
    minute: str | None
    second: str | None


assert _Chinese._fields == _CN_GROUPS


def _english() -> str:
    return rf"(?P<m>{latin_words(MONTHS)})\.? ?(?P<d>[0-9]{{1,2}})(?:(?:,|,? )(?P<y>[0-9]{{4}}))?"


def _lead_and_zone(policy: TimePolicy) -> str:
    return f"(?:(?P<lead>{'|'.join(LEADS)})(?! ))?+(?:(?P<zone>{han_words(policy.zone_words)}) ?)?+"


def _time_of_day(policy: TimePolicy) -> str:
    return f"(?:(?P<close>{han_words(policy.market_times)})|(?P<pod>{han_words(policy.parts_of_day)})?+{_CLOCK})"


def _chinese_day(policy: TimePolicy) -> str:
    return (
        f"{_lead_and_zone(policy)}(?:(?:(?P<year>[0-9]{{4}}) ?年 ?)?+(?P<month>[0-9]{{1,2}}) ?月 ?)?+"
        f"(?P<day>[0-9]{{1,2}}) ?日{_WEEKDAY}{_time_of_day(policy)}(?:(?P<to>至|到)(?P<day2>[0-9]{{1,2}})日)?+"
    )


def _chinese(policy: TimePolicy) -> str:
    return (
        f"{_lead_and_zone(policy)}"
        f"(?:(?:(?P<year>[0-9]{{4}})|(?P<year_rel>[今去前明])) ?年"
        f"(?: ?(?P<year_part>{han_words(policy.parts_of_year)}))?)?"
        f"(?: ?(?:(?P<month>[0-9]{{1,2}})|(?P<month_rel>{REL})) ?月"
        f"(?: ?(?P<month_part>{han_words(policy.parts_of_month)}))?)?"
        f"(?: ?(?P<day>[0-9]{{1,2}}) ?日)?{_WEEKDAY}{_time_of_day(policy)}"
    )


def _whole(shape: str) -> Callable[[str], re.Match[str] | None]:
    """Whole texts of a shape, with no space at either end (the grammar would
    leave it out of the span)."""
    return re.compile(f"(?! )(?:{shape})(?<! )").fullmatch


def _vocabulary(policy: TimePolicy) -> tuple[frozenset[str], ...]:
    """The words the grammar's atoms are made of: the shapes assume the default ones."""
    return tuple(frozenset(words) for words in (
        policy.zone_words, policy.place_zones, policy.market_words, policy.market_times,
        policy.parts_of_day, policy.parts_of_month, policy.parts_of_year,
    ))


_DEFAULT_VOCABULARY: Final = _vocabulary(DEFAULT_POLICY)


def fast_reader(grammar: Grammar, make_span: SpanMaker[_Span]) -> FastReader[_Span] | None:
    """The fast reader of a grammar, or None when its policy has other words than the default."""
    return FastReader(grammar, make_span) if _vocabulary(grammar.policy) == _DEFAULT_VOCABULARY else None


class FastReader(Generic[_Span]):
    """Reads a whole text of a common shape as the general parser would, or leaves it."""

    def __init__(self, grammar: Grammar, make_span: SpanMaker[_Span]) -> None:
        self.grammar, self.tables, self.policy = grammar, grammar.tables, grammar.policy
        self._make_span = make_span
        self._iso, self._english, self._date = _whole(_ISO), _whole(_english()), _whole(_DATE)
        chinese_day, chinese = _chinese_day(self.policy), _chinese(self.policy)
        self._chinese_day, self._chinese = _whole(chinese_day), _whole(chinese)
        #: Folding leaves text the shapes match unchanged, unless they use a character it changes.
        self._fold_first = any(ord(c) in grammar.fold_table for c in chinese_day + chinese)

    def read(self, text: str, frame: Frame) -> _Span | None:
        """The time ``text`` is, if it is one time of a common shape; None leaves it to the grammar
        (also when it is no valid time: the grammar words the reason)."""
        try:
            return self._read(text, frame)
        except (ValueError, OverflowError):  # a date beyond datetime's range
            return None

    def _read(self, text: str, frame: Frame) -> _Span | None:
        first = text[:1]
        if "0" <= first <= "9":
            if text[4:5] in ("-", "/"):  # only the ISO shape has - or /
                m = self._iso(text)
                return None if m is None else self._iso_span(m, frame)
            m = self._date(text)
            if m is not None:
                year, month, day = m.groups()
                return self._day_span(text, frame, frame.home_zone, _NUMBER[year] if year else None, _NUMBER[month],
                                      _NUMBER[day])
        elif "A" <= first <= "z":  # English starts with a Latin letter, no Chinese shape with ASCII A-z
            m = self._english(text)
            if m is None:
                return None
            month, day, year = m.groups()
            return self._day_span(text, frame, frame.home_zone, _NUMBER[year] if year else None,
                                  MONTHS[month.lower()], _NUMBER[day])
        found = self.lex(text)
        return None if found is None else self._mention_span(text, found, frame)

    def lex(self, text: str) -> Reading | None:
        """The one mention a Chinese ``text`` is (after a word of ``LEADS``), or None."""
        if self._fold_first:
            return self._lex_chinese(self.grammar.fold(text))
        found = self._lex_chinese(text)
        if found is None and not text.isascii():  # Traditional: the grammar reads the folded text
            folded = self.grammar.fold(text)
            return None if folded == text else self._lex_chinese(folded)
        return found

    def _lex_chinese(self, text: str) -> Reading | None:
        m = self._chinese_day(text)
        if m is not None:
            return _read_chinese_day(m, self.tables)
        m = self._chinese(text)
        return None if m is None else _read_chinese(m, self.tables)

    # -- ISO, English and 2023年11月16日, straight to the span: resolve_day's plain cases

    def _iso_span(self, m: re.Match[str], frame: Frame) -> _Span | None:
        year_digits, _, month_digits, day_digits, hour, minute, second, offset = m.groups()
        zone = frame.home_zone if offset is None else "UTC" if offset == "Z" else f"{offset[:3]}:{offset[-2:]}"
        year, month, day = _NUMBER[year_digits], _NUMBER[month_digits], _NUMBER[day_digits]
        if hour is None:
            return self._day_span(m.string, frame, zone, year, month, day)
        hours, minutes, seconds, precision = _clock(hour, minute, second)
        if not (hours < 24 and minutes < 60 and seconds < 60 and self._written(year, month, day)):
            return None  # 24:00 or no such time: the grammar's
        start = datetime(year, month, day, hours, minutes, seconds)
        return self._span(m.string, start, start + UNITS[precision], precision, zone)

    def _day_span(self, text: str, frame: Frame, zone: str, year: int | None, month: int, day: int) -> _Span | None:
        """The whole ``text`` is the day, in ``zone``."""
        if year is None:
            found = calendar_day(day, month, None, None, None, frame.anchor, self.policy)
            if isinstance(found, str):
                return None
            start = datetime(found.year, found.month, found.day)
        elif self._written(year, month, day):
            start = datetime(year, month, day)
        else:
            return None
        return self._span(text, start, start + UNITS["day"], "day", zone)

    def _written(self, year: int, month: int, day: int) -> bool:
        """A date in the policy's years that exists (``_written_day``'s checks)."""
        low, high = self.policy.year_range
        return low <= year <= high and 1 <= month <= 12 and 1 <= day and (day <= 28 or day <= month_length(year, month))

    def _span(self, text: str, start: datetime, end: datetime, precision: str, zone: str) -> _Span | None:
        utc = utc_interval(start, end, zone)
        return None if isinstance(utc, str) else self._make_span(utc[0], utc[1], zone, precision, text, (0, len(text)))

    def _mention_span(self, text: str, found: Reading, frame: Frame) -> _Span | None:
        if isinstance(found, DayMention):
            interval: DaySpan | Resolved | str = resolve_day(found, frame, self.policy)
        elif isinstance(found, DayRange):
            interval = resolve_days(found, frame, self.policy)
        else:
            interval = resolve(found, frame, self.policy, None)
        if isinstance(interval, str):
            return None
        start, end = found.start, found.end  # interval: UTC start, end, precision, zone (as Resolved)
        return self._make_span(interval[0], interval[1], interval[3], interval[2], text[start:end], (start, end))

    def mention(self, text: str) -> TimeMention | None:
        """``lex`` as a ``TimeMention``, the grammar's reading (for tests)."""
        found = self.lex(text)
        return found if found is None or isinstance(found, TimeMention) else found.mention()


_tuple: Final = tuple.__new__  # DayMention(...) without its Python-level __new__: 3x faster


class _Numbers(dict[str, int]):
    """``int`` of a string of ASCII digits, looked up: 2x faster for the common ones."""

    def __missing__(self, digits: str) -> int:
        return int(digits)


#: 0 to 2100, and 00 to 09.
_NUMBER: Final = _Numbers({f"{n}": n for n in range(2101)} | {f"{n:02d}": n for n in range(10)})


def _read_chinese_day(m: re.Match[str], g: Tables) -> DayMention | DayRange | None:
    lead, zone, year, month, day, wd, close, pod, hour, minute, second, to, last_day = m.groups()
    zone_name = g.zones[zone] if zone else None
    year_number, month_number = _NUMBER[year] if year else None, _NUMBER[month] if month else None
    if to:  # 11月17日至18日: a plain day to a day (晚到 is not 晚: 到 ends the word)
        if wd or close or pod or hour:
            return None
        first = _tuple(DayMention, (m.end("lead") if lead else 0, m.start("to"), zone_name, year_number,
                                    month_number, _NUMBER[day], None, None, None, None))
        last = _tuple(DayMention, (m.start("day2"), m.end(), zone_name, year_number, month_number,
                                   _NUMBER[last_day], None, None, None, None))
        return DayRange(first, last)
    return _tuple(DayMention, (
        m.end("lead") if lead else 0, m.end(), zone_name, year_number, month_number, _NUMBER[day],
        WEEKDAYS[wd] if wd else None, g.parts_of_day[pod] if pod else None,
        _clock(hour, minute, second) if hour else None, g.market_times[close] if close else None,
    ))


def _read_chinese(m: re.Match[str], g: Tables) -> TimeMention | None:
    c = _Chinese(*m.groups())
    if not _valid(c):
        return None
    t = TimeMention(m.end("lead") if c.lead else 0, m.end())
    t.zone = g.zones[c.zone] if c.zone else None
    t.year = _NUMBER[c.year] if c.year else None
    t.year_rel = RELATIVE_PREFIXES[c.year_rel] if c.year_rel else None
    t.year_part = g.policy.parts_of_year[c.year_part] if c.year_part else None
    t.month = _NUMBER[c.month] if c.month else None
    t.month_rel = RELATIVE_PREFIXES[c.month_rel] if c.month_rel else None
    t.month_part = g.policy.parts_of_month[c.month_part] if c.month_part else None
    t.day = _NUMBER[c.day] if c.day else None
    t.weekday = WEEKDAYS[c.wd] if c.wd else None
    t.close = g.market_times[c.close] if c.close else None
    t.pod = g.parts_of_day[c.pod] if c.pod else None
    t.clock = _clock(c.hour, c.minute, c.second) if c.hour and c.minute else None  # the pattern: both or neither
    return t


def _clock(hour: str, minute: str, second: str | None) -> Clock:
    return _NUMBER[hour], _NUMBER[minute], _NUMBER[second] if second else 0, "second" if second else "minute"


def _valid(c: _Chinese) -> bool:
    """Whether the grammar reads the match as this one mention: 早 / 晚 (one-character
    parts of the day) and 收盘 count only after a day or weekday (else the grammar
    drops them from the span), and a zone or lead word alone is no time.

    Other odd combinations are read alike: the grammar joins the atoms into one
    mention with the same fields (2023年11月晚上 is the month, its 晚上 unused).
    """
    if (c.close or (c.pod and len(c.pod) == 1)) and not (c.day or c.wd):
        return False
    return bool(c.year or c.year_rel or c.month or c.month_rel or c.day or c.wd or c.close or c.pod or c.hour)


# ---------------------------------------------------------------------------
# Resolving a day: time_resolve's steps for a DayMention, without its detours

#: A day read in UTC: start, end, precision and zone (``Resolved`` without the local day).
DaySpan = tuple[datetime, datetime, str, str]
_WHOLE_DAY: Final = (0, 0, 0, "day")  # a clock time spanning the day


def resolve_day(d: DayMention, frame: Frame, policy: TimePolicy) -> DaySpan | str:
    """``time_resolve.resolve(d.mention(), frame, policy, None)``, in fewer steps.

    Raises ValueError or OverflowError only for dates beyond ``datetime``'s range.
    """
    _, _, zone, year, month, day, weekday, pod, clock, close = d
    if zone is None:  # time_resolve._zone_name without a carry
        zone = policy.market_zone if close is not None else frame.home_zone
    elif zone == LOCAL:
        zone = frame.local_zone or frame.home_zone
    if pod is None and close is None and (clock is None or clock[0] < 24 and clock[1] < 60 and clock[2] < 60):
        # within_day's plain cases, the day or a valid time on it (not 24:00), without building midnight
        hour, minute, second, precision = clock or _WHOLE_DAY
        start = _written_day(year, month, day, weekday, frame.anchor, policy, hour, minute, second)
        if isinstance(start, str):
            return start
        end = start + UNITS[precision]
    else:
        midnight = _written_day(year, month, day, weekday, frame.anchor, policy)
        if isinstance(midnight, str):
            return midnight
        local = within_day(midnight, clock, None, pod, close, zone, policy)  # a datetime is a date
        if isinstance(local, str):
            return local
        start, end, precision, _ = local
    utc = utc_interval(start, end, zone)
    return utc if isinstance(utc, str) else (utc[0], utc[1], precision, zone)


def _written_day(year: int | None, month: int | None, day: int, weekday: int | None, anchor: date,
                 policy: TimePolicy, hour: int = 0, minute: int = 0, second: int = 0) -> datetime | str:
    """The day at a time (midnight): ``time_resolve._local_interval``'s year check, then
    ``calendar_day`` (a written date inline)."""
    if year is not None:
        low, high = policy.year_range
        if not low <= year <= high:
            return f"year {year} outside {low}–{high}"
        if month is not None:
            if 1 <= month <= 12 and 1 <= day and (day <= 28 or day <= month_length(year, month)):
                return datetime(year, month, day, hour, minute, second)
            return "no such date"
    found = calendar_day(day, month, None, year, weekday, anchor, policy)
    return found if isinstance(found, str) else datetime(found.year, found.month, found.day, hour, minute, second)


def resolve_days(days: DayRange, frame: Frame, policy: TimePolicy) -> DaySpan | str:
    """``resolve`` of ``days.mention()``: from the first day's start to the last's end."""
    first = resolve_day(days.first, frame, policy)
    if isinstance(first, str):
        return first
    last = resolve_day(days.last, frame, policy)
    if isinstance(last, str):
        return last
    if last[1] <= first[0]:  # as time_resolve._joined
        return "a range that ends before it starts"
    return first[0], last[1], max(first[2], last[2], key=PRECISIONS.index), first[3]
