"""What time words mean: the reading policy (choices) and the lexicons (facts).

``TimePolicy`` holds what a reasonable person could choose differently: zone
words, the hours of 早 and 晚, what 年底 and 本月初 cover, the hour of 收盘,
how a missing year is filled in. The lexicons below it are facts of the
languages (今天 is the anchor's day, 周五 is a Friday).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Final, TypeVar

__all__ = [
    "CONTEXT_DAYS",
    "DEFAULT_POLICY",
    "LOCAL",
    "Hours",
    "MONTHS",
    "PRECISIONS",
    "RELATIVE_DAYS",
    "RELATIVE_PREFIXES",
    "WEEKDAYS",
    "TimePolicy",
]

#: Zone-word target meaning "the zone of the event's place" (``TimeContext.local_zone``).
LOCAL: Final = "local"

#: From finest to coarsest: the calendar unit a span's edges fall on. A part of
#: the day is its own level; 本月初 (days 1–10) is "day", 年底 (Oct–Dec) "month";
#: 本周 and 周末 are "week".
PRECISIONS: Final = ("second", "minute", "hour", "part_of_day", "day", "week", "month", "year")

Hours = tuple[int, int]
_V = TypeVar("_V")


def _frozen(table: dict[str, _V]) -> Mapping[str, _V]:
    return MappingProxyType(table)


_NEW_YORK, _LOS_ANGELES, _SHANGHAI = "America/New_York", "America/Los_Angeles", "Asia/Shanghai"

_ZONE_WORDS: Final = {
    "北京时间": _SHANGHAI, "Beijing time": _SHANGHAI,
    "当地时间": LOCAL, "美国当地时间": LOCAL, "local time": LOCAL,
    "美国东部时间": _NEW_YORK, "美东时间": _NEW_YORK, "东部时间": _NEW_YORK,
    "ET": _NEW_YORK, "EST": _NEW_YORK, "EDT": _NEW_YORK, "Eastern": _NEW_YORK, "Eastern time": _NEW_YORK,
    "太平洋时间": _LOS_ANGELES, "美国太平洋时间": _LOS_ANGELES, "美国西部时间": _LOS_ANGELES,
    "美西时间": _LOS_ANGELES, "PT": _LOS_ANGELES, "PST": _LOS_ANGELES, "PDT": _LOS_ANGELES,
    "Pacific": _LOS_ANGELES, "Pacific time": _LOS_ANGELES,
    "Central time": "America/Chicago", "CST": "America/Chicago", "CDT": "America/Chicago",
    "Mountain time": "America/Denver",
    "MST": "America/Denver", "MDT": "America/Denver",
    "BST": "Europe/London", "UK time": "Europe/London", "London time": "Europe/London",
    "British time": "Europe/London", "英国时间": "Europe/London", "伦敦时间": "Europe/London",
    "CET": "Europe/Paris", "CEST": "Europe/Paris", "Central European Time": "Europe/Paris",
    "欧洲中部时间": "Europe/Paris", "HKT": "Asia/Hong_Kong", "Hong Kong time": "Asia/Hong_Kong",
    "香港时间": "Asia/Hong_Kong", "JST": "Asia/Tokyo", "Tokyo time": "Asia/Tokyo", "日本时间": "Asia/Tokyo",
    "东京时间": "Asia/Tokyo", "SGT": "Asia/Singapore", "Singapore time": "Asia/Singapore",
    "新加坡时间": "Asia/Singapore", "台北时间": "Asia/Taipei", "台湾时间": "Asia/Taipei",
    "Taipei time": "Asia/Taipei", "KST": "Asia/Seoul", "首尔时间": "Asia/Seoul", "韩国时间": "Asia/Seoul",
    "UTC": "UTC", "GMT": "UTC", "Coordinated Universal Time": "UTC", "Greenwich Mean Time": "UTC",
    "格林尼治时间": "UTC", "格林尼治标准时间": "UTC", "格林威治时间": "UTC", "格林威治标准时间": "UTC",
    "协调世界时": "UTC", "世界协调时": "UTC", "世界协调时间": "UTC", "世界标准时间": "UTC",
}

#: Places that set the zone when written "<place>时间" or "在<place>" right before a time.
_PLACE_ZONES: Final = {
    "旧金山": _LOS_ANGELES, "硅谷": _LOS_ANGELES, "洛杉矶": _LOS_ANGELES, "西雅图": _LOS_ANGELES,
    "纽约": _NEW_YORK, "华盛顿": _NEW_YORK, "北京": _SHANGHAI, "上海": _SHANGHAI,
    "香港": "Asia/Hong_Kong", "东京": "Asia/Tokyo", "伦敦": "Europe/London",
}

_PARTS_OF_DAY: Final = {
    "凌晨": (0, 5),
    "早": (5, 9), "早上": (5, 9), "早晨": (5, 9), "清晨": (5, 9), "早间": (5, 9),
    "上午": (9, 12), "中午": (11, 13), "午间": (11, 13), "下午": (12, 18), "午后": (12, 18),
    "白天": (6, 18), "傍晚": (17, 19),
    "晚": (18, 24), "晚上": (18, 24), "晚间": (18, 24), "夜": (18, 24), "夜间": (18, 24), "夜里": (18, 24),
    "深夜": (22, 26), "午夜": (23, 25),
    "morning": (5, 12), "afternoon": (12, 18), "evening": (17, 22), "night": (18, 24),
}

#: Day ranges [first, last + 1); 32 means "to the end of the month".
_PARTS_OF_MONTH: Final = {
    "初": (1, 11), "上旬": (1, 11), "中旬": (11, 21), "下旬": (21, 32), "底": (21, 32), "末": (21, 32),
}

#: Month ranges [first, last + 1); past 13 runs into the next year.
_PARTS_OF_YEAR: Final = {
    "初": (1, 4), "底": (10, 13), "末": (10, 13), "上半年": (1, 7), "下半年": (7, 13),
    "春季": (3, 6), "春天": (3, 6), "夏季": (6, 9), "夏天": (6, 9),
    "秋季": (9, 12), "秋天": (9, 12), "冬季": (12, 15), "冬天": (12, 15),
    "一季度": (1, 4), "第一季度": (1, 4), "二季度": (4, 7), "第二季度": (4, 7),
    "三季度": (7, 10), "第三季度": (7, 10), "四季度": (10, 13), "第四季度": (10, 13),
}

_MARKET_TIMES: Final = {
    "收盘": (16, 0), "开盘": (9, 30),
    "market close": (16, 0), "closing bell": (16, 0), "market open": (9, 30), "opening bell": (9, 30),
}


@dataclass(frozen=True)
class TimePolicy:
    """Choices about reading times that a reasonable person could make differently.

    Keys are Simplified (text is folded before matching) or English; English
    words match case-insensitively except abbreviations in capitals (ET, PST).
    Tweak with ``dataclasses.replace(DEFAULT_POLICY, ...)``.
    """

    #: Zone word → IANA zone, or ``LOCAL`` for the event's place.
    zone_words: Mapping[str, str] = field(default_factory=lambda: _frozen(_ZONE_WORDS))
    #: Place → zone, used for 旧金山时间 and 在旧金山周日晚上.
    place_zones: Mapping[str, str] = field(default_factory=lambda: _frozen(_PLACE_ZONES))
    #: Part of the day → local hours [start, end); an end past 24 runs into the next day.
    #: One-character parts (早, 晚, 夜) count only right after a day: 21日早, 週四晚.
    parts_of_day: Mapping[str, Hours] = field(default_factory=lambda: _frozen(_PARTS_OF_DAY))
    #: 本月初, 11月中旬, 2月底: days of the month [start, end).
    parts_of_month: Mapping[str, Hours] = field(default_factory=lambda: _frozen(_PARTS_OF_MONTH))
    #: 今年初, 2022年底 (the last quarter), 2022 年秋季: months of the year [start, end).
    parts_of_year: Mapping[str, Hours] = field(default_factory=lambda: _frozen(_PARTS_OF_YEAR))
    #: early May, mid-April, late April: days of the month [start, end).
    english_parts_of_month: Mapping[str, Hours] = field(default_factory=lambda: _frozen(
        {"early": (1, 11), "mid": (11, 21), "late": (21, 32)}))
    #: Q1 2025 … Q4 2025: months of the year [start, end).
    quarters: Mapping[str, Hours] = field(default_factory=lambda: _frozen(
        {"q1": (1, 4), "q2": (4, 7), "q3": (7, 10), "q4": (10, 13)}))
    #: Words that put a day on the stock market's clock: 周五美股交易中.
    market_words: tuple[str, ...] = ("美股",)
    market_zone: str = _NEW_YORK
    #: 收盘 / 开盘 → (hour, minute) in ``market_zone``, read at minute precision.
    market_times: Mapping[str, tuple[int, int]] = field(default_factory=lambda: _frozen(_MARKET_TIMES))
    #: A date without a year (11月17日) is in the anchor's year unless that puts
    #: it more than this many days after the anchor; then it is last year's.
    future_days_without_year: int = 45
    #: Same for a day without a month (21日): by default never after the anchor.
    future_days_without_month: int = 0
    #: A weekday next to a date without a year may move it to another year (or
    #: month) where the weekday fits, if no more than this many days from the anchor.
    weekday_reach_days: int = 62
    #: Four-digit years outside this range are not years (1000年前 is a duration).
    year_range: tuple[int, int] = (1900, 2100)
    #: A zone word reaches a time at most this many characters on, within its clause.
    zone_reach: int = 12
    #: Words that make a clock time approximate: after it (22时40分许, 10点左右) or before it (约, about).
    #: (Matched in the text as written, so Traditional forms are listed too.)
    approximate_after: tuple[str, ...] = ("许", "許", "左右", "前后", "前後")
    approximate_before: tuple[str, ...] = ("约", "約", "大约", "大約", "大概", "about", "around", "approximately",
                                           "roughly", "circa")
    #: Words that put a clock time a little after (shortly after 19:00) or before (just before noon) it.
    shortly_after: tuple[str, ...] = ("shortly after", "just after", "soon after", "刚过")
    shortly_before: tuple[str, ...] = ("shortly before", "just before", "不到")
    #: How many minutes an approximate clock time reaches either way, by its precision.
    approximate_minutes: Mapping[str, int] = field(default_factory=lambda: _frozen({"minute": 15, "hour": 30}))


DEFAULT_POLICY: Final = TimePolicy()

# ---------------------------------------------------------------------------
# Lexicons: what words mean (facts of the language, not choices)

#: Relative day → (days from the anchor, part of the day or None).
RELATIVE_DAYS: Final[Mapping[str, tuple[int, str | None]]] = _frozen({
    "今天": (0, None), "今日": (0, None), "昨天": (-1, None), "昨日": (-1, None), "前天": (-2, None),
    "明天": (1, None), "明日": (1, None), "后天": (2, None),
    "今早": (0, "早"), "今晨": (0, "早"), "今晚": (0, "晚"), "昨晚": (-1, "晚"), "昨夜": (-1, "晚"),
    "明早": (1, "早"), "明晚": (1, "晚"),
    "today": (0, None), "yesterday": (-1, None), "tomorrow": (1, None), "tonight": (0, "night"),
    "last night": (-1, "night"), "this morning": (0, "morning"), "this afternoon": (0, "afternoon"),
    "this evening": (0, "evening"),
})
#: Days counted from the date mentioned before (the anchor if none): 次日, 当天.
CONTEXT_DAYS: Final[Mapping[str, int]] = _frozen({
    "次日": 1, "翌日": 1, "第二天": 1, "当天": 0, "当日": 0, "同日": 0, "前一天": -1,
    "the next day": 1, "the same day": 0, "the day before": -1,
})
#: 上周五 / 本月 / 去年 / last week: offsets in weeks, months or years.
RELATIVE_PREFIXES: Final[Mapping[str, int]] = _frozen({
    "上上个": -2, "上上": -2, "上个": -1, "上": -1, "本": 0, "这个": 0, "这": 0, "下个": 1, "下": 1,
    "下下个": 2, "下下": 2, "今": 0, "去": -1, "前": -2, "明": 1,
    "last": -1, "this": 0, "next": 1,
})
WEEKDAYS: Final[Mapping[str, int]] = _frozen({
    "一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "mon.": 0, "tue.": 1, "tues.": 1, "wed.": 2, "thu.": 3, "thur.": 3, "thurs.": 3, "fri.": 4,
    "sat.": 5, "sun.": 6,
})
MONTHS: Final[Mapping[str, int]] = _frozen({
    name: number
    for number, names in enumerate([
        ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
        ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sept", "sep"),
        ("october", "oct"), ("november", "nov"), ("december", "dec"),
    ], start=1)
    for name in names
})
