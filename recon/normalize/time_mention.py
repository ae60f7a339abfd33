"""``TimeMention``: what one time expression says, read from its atoms.

The readers fill a mention from the atoms ``time_grammar`` matched (they are
keyed by the pattern's group names: ``wd`` is 周五, ``pod1`` is 早 …). Weak
atoms need company: 早/晚/夜 and 收盘 a day, 3点 a date or a part of the day,
三号 a month; without it they are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final, NamedTuple

from recon.normalize.time_policy import (
    CONTEXT_DAYS,
    MONTHS,
    RELATIVE_DAYS,
    RELATIVE_PREFIXES,
    WEEKDAYS,
    Hours,
    TimePolicy,
)

__all__ = ["Clock", "DayMention", "DayRange", "Tables", "TimeMention", "number", "read_group", "word_key"]

_CN_DIGITS: Final = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "两": 2}

#: Hour, minute, second and precision ("second", "minute" or "hour") of a clock time.
Clock = tuple[int, int, int, str]


@dataclass(slots=True)
class TimeMention:
    """What one time expression says, unresolved. Offsets index the text."""

    start: int
    end: int
    zone: str | None = None  # IANA name, ``LOCAL``, "UTC" or "+08:00"
    market: bool = False
    year: int | None = None
    year_rel: int | None = None
    year_part: Hours | None = None
    month: int | None = None
    month_rel: int | None = None
    month_part: Hours | None = None
    day: int | None = None
    day_rel: int | None = None
    day_from_context: bool = False  # 次日 / 当天 count from the previous date
    weekday: int | None = None
    week_rel: int | None = None  # None: the most recent such day
    week: str | None = None  # "week" or "weekend"
    pod: Hours | None = None
    clock: Clock | None = None
    ampm: str | None = None  # "a" or "p"
    close: tuple[int, int] | None = None
    weak_day: bool = False  # 三号 / 十七日 need a month
    until: TimeMention | None = None  # the end of a range: 11月17日至18日

    def extend_to(self, last: TimeMention) -> None:
        """Make this a range up to ``last``, which takes the year and month it leaves out (12月5日—11日)."""
        if last.day is not None and last.month is None and last.month_rel is None and last.year is None:
            last.year, last.year_rel, last.month, last.month_rel = self.year, self.year_rel, self.month, self.month_rel
        elif last.month is not None and last.year is None and last.year_rel is None:
            last.year, last.year_rel = self.year, self.year_rel
        last.zone = last.zone or self.zone
        self.until, self.end = last, last.end

    @property
    def has_day(self) -> bool:
        return self.day is not None or self.day_rel is not None or self.weekday is not None \
            or self.week is not None

    @property
    def has_date(self) -> bool:
        return self.has_day or self.year is not None or self.year_rel is not None \
            or self.month is not None or self.month_rel is not None


class DayMention(NamedTuple):
    """A mention that is a day of the month, perhaps narrowed: 21日早, 2023-11-22 17:23:04,
    当地时间 11 月 17 日周五, 美国东部时间11月20日收盘 (a year only with a month).
    Cheaper than a ``TimeMention``, for ``time_resolve.resolve_day``."""

    start: int
    end: int
    zone: str | None
    year: int | None
    month: int | None
    day: int
    weekday: int | None = None
    pod: Hours | None = None
    clock: Clock | None = None
    close: tuple[int, int] | None = None

    def mention(self) -> TimeMention:
        """The same mention as the grammar reads it."""
        return TimeMention(self.start, self.end, zone=self.zone, year=self.year, month=self.month, day=self.day,
                           weekday=self.weekday, pod=self.pod, clock=self.clock, close=self.close)


class DayRange(NamedTuple):
    """11月17日至18日: two days, the last with the first's year, month and zone word
    (what ``TimeMention.extend_to`` gives it)."""

    first: DayMention
    last: DayMention

    @property
    def start(self) -> int:
        return self.first.start

    @property
    def end(self) -> int:
        return self.last.end

    def mention(self) -> TimeMention:
        """The same mention as the grammar reads it."""
        first = self.first.mention()
        first.extend_to(self.last.mention())
        return first


class NotANumeral(ValueError):
    """Numeral characters that spell no number (一一十, 十十): the atom they are in is no time."""


def number(text: str) -> int:
    """``17``, ``１７``, ``十七``, ``二十一`` or ``二〇二三`` as an int."""
    if text[0] not in _CN_DIGITS and text[0] != "十":
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        if len(tens) > 1 or len(ones) > 1 or not set(tens + ones) <= _CN_DIGITS.keys():
            raise NotANumeral(text)
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
    if not set(text) <= _CN_DIGITS.keys():
        raise NotANumeral(text)
    return int("".join(str(_CN_DIGITS[c]) for c in text))


def word_key(word: str) -> str:
    """Lookup key of a matched word: English lower-cased with single spaces."""
    return " ".join(word.split()).lower() if word.isascii() else word


@dataclass(frozen=True)
class Tables:
    """The policy's words as the readers look them up (English keys lower-cased)."""

    policy: TimePolicy
    zones: Mapping[str, str]
    parts_of_day: Mapping[str, Hours]
    market_times: Mapping[str, tuple[int, int]]

    @classmethod
    def of(cls, policy: TimePolicy) -> Tables:
        return cls(
            policy,
            {word_key(w): z for w, z in policy.zone_words.items()},
            {word_key(w): h for w, h in policy.parts_of_day.items()},
            {word_key(w): t for w, t in policy.market_times.items()},
        )


def read_group(tables: Tables, group: list[re.Match[str]]) -> TimeMention | None:
    """Read a group of adjacent atoms; drop weak atoms without the company they need."""
    mention = TimeMention(group[0].start(), group[-1].end())
    weak = []
    for m in group:
        try:
            if _READERS[m.lastgroup or ""](tables, m, mention):
                weak.append(m)
        except NotANumeral:  # drop this atom and read the rest afresh
            kept = [other for other in group if other is not m]
            return read_group(tables, kept) if kept else None
    if weak:
        kept = [m for m in group if m not in weak or _weak_ok(m, mention)]
        if len(kept) != len(group):
            return read_group(tables, kept) if kept else None
    if mention.weak_day and mention.month is None and mention.month_rel is None:
        return None
    return mention


def _weak_ok(m: re.Match[str], mention: TimeMention) -> bool:
    if m.lastgroup in ("pod1", "close", "close_en"):
        return mention.has_day
    return mention.has_date or mention.pod is not None  # a bare 3点 needs company


# -- atom readers: fill the mention; return True if the atom is weak ------------


def _read_iso(g: Tables, m: re.Match[str], t: TimeMention) -> bool:
    t.year, t.month, t.day = int(m["iso_y"]), int(m["iso_mo"]), int(m["iso_d"])
    if m["iso_h"]:
        second = m["iso_s"]
        t.clock = (int(m["iso_h"]), int(m["iso_mi"]), int(second or 0), "second" if second else "minute")
    offset = m["iso_z"]
    if offset:
        t.zone = "UTC" if offset == "Z" else f"{offset[:3]}:{offset[-2:]}"
    return False


def _read_zone(g: Tables, m: re.Match[str], t: TimeMention) -> bool:
    t.zone = g.zones[word_key(m.group())]
    return False


def _read_place(g: Tables, m: re.Match[str], t: TimeMention) -> bool:
    t.zone = g.policy.place_zones[m["place_t"] or m["place_n"]]
    return False


def _read_market(g: Tables, m: re.Match[str], t: TimeMention) -> bool:
    t.market = True
    return False


def _read_close(g: Tables, m: re.Match[str], t: TimeMention) -> bool:
    t.close = g.market_times[word_key(m.group())]
    return True


def _read_english_date(g: Tables, m: re.Match[str], t: TimeMention) -> bool:
    kind = m.lastgroup
    t.month = MONTHS[m[f"{kind}_m"].lower()]
    if kind != "emy":
        t.day = int(m[f"{kind}_d"])
    year = m[f"{kind}_y"]
    if year:
        t.year = int(year)
    return False


def _read_english_part(g: Tables, m: re.Match[str], t: TimeMention) -> bool:
    """early May, mid-April 2025 (a part of a month); in 2016 (a year); Q1 2025 (a part of a year)."""
    kind = m.lastgroup
    if kind == "epm":
        t.month = MONTHS[m["epm_m"].lower()]
        t.month_part = g.policy.english_parts_of_month[m["epm_p"].lower()]
        if m["epm_y"]:
            t.year = int(m["epm_y"])
    elif kind == "eyr":
        t.year = int(m["eyr_y"])
    else:
        t.year = int(m["eq_y"])
        t.year_part = g.policy.quarters[m["eq_q"].lower()]
    return False


def _read_rel_year(g: Tables, m: re.Match[str], t: TimeMention) -> bool:
    t.year_rel = RELATIVE_PREFIXES[m["eyear_rel"].lower()]
    return False


def _read_rel_month(g: Tables, m: re.Match[str], t: TimeMention) -> bool:
    t.month_rel = RELATIVE_PREFIXES[m["emonth_rel"].lower()]
    return False


def _read_rel_day(g: Tables, m: re.Match[str], t: TimeMention) -> bool:
    word = word_key(m.group())
    if word in CONTEXT_DAYS:
        t.day_rel, t.day_from_context = CONTEXT_DAYS[word], True
        return False
    t.day_rel, part = RELATIVE_DAYS[word]
    if part is not None:
        t.pod = g.parts_of_day.get(part)
    return False


def _read_weekday(g: Tables, m: re.Match[str], t: TimeMention) -> bool:
    kind = m.lastgroup
    t.weekday = WEEKDAYS[m[f"{kind}_n"].lower()]
    rel = m[f"{kind}_rel"]
    if rel and not (kind == "ewd" and rel.lower() == "last"):  # English "last Friday": the most recent
        t.week_rel = RELATIVE_PREFIXES[rel.lower()]
    return False


def _read_week(g: Tables, m: re.Match[str], t: TimeMention) -> bool:
    word = m.group().lower()
    t.week = "weekend" if word.endswith(("末", "weekend")) else "week"
    rel = m["eweek_rel"] if m.lastgroup == "eweek" else (m["week_rel"] or m["week_rel2"])
    t.week_rel = RELATIVE_PREFIXES[rel.lower()] if rel else None
    return False


def _read_year(g: Tables, m: re.Match[str], t: TimeMention) -> bool:
    kind = m.lastgroup
    if kind == "yearz" and m["yearz_rel"]:
        t.year_rel = RELATIVE_PREFIXES[m["yearz_rel"]]
    else:
        t.year = number(m[f"{kind}_n"])
    part = m[f"{kind}_part"]
    if part:
        t.year_part = g.policy.parts_of_year[part]
    return False


def _read_month(g: Tables, m: re.Match[str], t: TimeMention) -> bool:
    kind = m.lastgroup
    if kind == "monthz" and m["monthz_rel"]:
        t.month_rel = RELATIVE_PREFIXES[m["monthz_rel"]]
    else:
        t.month = number(m[f"{kind}_n"])
    part = m[f"{kind}_part"]
    if part:
        t.month_part = g.policy.parts_of_month[part]
    return False


def _read_day(g: Tables, m: re.Match[str], t: TimeMention) -> bool:
    kind = m.lastgroup
    t.day = number(m[f"{kind}_n"])
    t.weak_day = kind == "dayz" or m["day_mark"] == "号"
    return False


def _read_clock(g: Tables, m: re.Match[str], t: TimeMention) -> bool:
    second = m["clock_s"]
    t.clock = (int(m["clock_h"]), int(m["clock_m"]), int(second or 0), "second" if second else "minute")
    t.ampm = m["clock_ap"] and m["clock_ap"][0].lower()
    return False


def _read_ampm(g: Tables, m: re.Match[str], t: TimeMention) -> bool:
    t.clock = (int(m["ampm_h"]), 0, 0, "hour")
    t.ampm = m["ampm_ap"][0].lower()
    return False


def _read_zclock(g: Tables, m: re.Match[str], t: TimeMention) -> bool:
    kind = m.lastgroup
    hour, minute = number(m[f"{kind}_h"]), m[f"{kind}_m"]
    if minute:
        t.clock = (hour, number(minute), 0, "minute")
    elif m[f"{kind}_half"]:
        t.clock = (hour, 30, 0, "minute")
    else:
        t.clock = (hour, 0, 0, "hour")
    strong = minute or (kind == "zclock" and m["zclock_u"] == "时")
    return not strong  # 3点 / 一点 alone is not a time


def _read_noon(g: Tables, m: re.Match[str], t: TimeMention) -> bool:
    t.clock = (12 if m["noon_w"].lower() == "noon" else 0, 0, 0, "minute")
    return False


def _read_pod(g: Tables, m: re.Match[str], t: TimeMention) -> bool:
    t.pod = g.parts_of_day[word_key(m.group())]
    return m.lastgroup == "pod1"


_READERS: Final = {
    "iso": _read_iso, "zone": _read_zone, "zone_en": _read_zone, "place": _read_place,
    "market": _read_market, "close": _read_close, "close_en": _read_close,
    "emd": _read_english_date, "edm": _read_english_date, "emy": _read_english_date,
    "epm": _read_english_part, "eyr": _read_english_part, "eq": _read_english_part,
    "eweek": _read_week, "eyear": _read_rel_year, "emonth": _read_rel_month,
    "rday": _read_rel_day, "rday_en": _read_rel_day, "ewd": _read_weekday, "wd": _read_weekday,
    "week": _read_week, "year": _read_year, "yearz": _read_year, "month": _read_month,
    "monthz": _read_month, "day": _read_day, "dayz": _read_day, "clock": _read_clock,
    "ampm": _read_ampm, "zclock": _read_zclock, "zclockz": _read_zclock, "noon": _read_noon,
    "pod": _read_pod, "pod_en": _read_pod, "pod1": _read_pod,
}
