"""The fast reader (recon.normalize.time_fast) reads exactly what the grammar reads.

For every text the fast reader accepts, the grammar must find the same single
mention, and ``parse_time`` must give the same result with or without the fast
reader, in every context and policy. Texts are the benchmark's phrases and
templates (Simplified and Traditional), near misses, and generated phrases made
of the shapes' parts, some with a stray piece or a character dropped.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import re
from collections.abc import Iterable
from datetime import datetime, timezone
from functools import cache
from pathlib import Path
from types import ModuleType

import opencc
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recon.normalize import time_fast, times
from recon.normalize.times import DEFAULT_POLICY, NotATime, TimeContext, TimePolicy, TimeSpan, zone_info

SH, LA, NY = "Asia/Shanghai", "America/Los_Angeles", "America/New_York"
BENCH = Path(__file__).resolve().parent.parent / "bench" / "bench_times.py"
CONVERTERS = [opencc.OpenCC(config).convert for config in ("s2t", "s2hk", "s2tw")]
#: Anchors around a year's end, a leap day and the two daylight-saving switches of 2023 in the US.
CONTEXTS = [
    TimeContext(datetime.fromisoformat(stamp), home, local)
    for stamp, home, local in [
        ("2023-11-22T17:23:04+08:00", SH, LA),
        ("2023-12-28T09:00:00+08:00", SH, None),
        ("2024-02-29T12:00:00-05:00", NY, LA),
        ("2023-03-12T01:30:00-08:00", LA, NY),
        ("2023-11-05T01:30:00-04:00", NY, "Asia/Tokyo"),
        ("2021-01-03T00:00:00+00:00", "UTC", "+05:30"),
    ]
]
#: Other values for the same words: the fast reader reads them from the policy.
POLICIES = [
    DEFAULT_POLICY,
    dataclasses.replace(DEFAULT_POLICY, parts_of_day={**DEFAULT_POLICY.parts_of_day, "早": (6, 10), "晚": (19, 23)},
                        future_days_without_year=0, weekday_reach_days=7, year_range=(2000, 2030)),
    dataclasses.replace(DEFAULT_POLICY, market_zone=SH, market_times={**DEFAULT_POLICY.market_times, "收盘": (15, 0)}),
]


@cache
def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_times", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _scripts(texts: Iterable[str]) -> list[str]:
    """Each text in Simplified and in the three Traditional variants."""
    return list(dict.fromkeys(variant for text in texts for variant in (text, *(c(text) for c in CONVERTERS))))


def disagreements(texts: Iterable[str], contexts: list[TimeContext] = CONTEXTS,
                  policies: list[TimePolicy] = POLICIES) -> list[str]:
    """Where the fast reader and the grammar differ: the mention of a Chinese text, or the result."""
    found = []
    for policy in policies:
        fast = times._readers(policy)[2]
        assert fast is not None
        for text in texts:
            mentions = fast.grammar.mentions(text)
            mention = fast.mention(text)
            if mention is not None and mentions != [mention]:
                found.append(f"{text!r}: the grammar reads {mentions}, the fast reader {mention}")
            for ctx in contexts:
                general, quick = times._parse_general(text, ctx, policy), times._parse_fast(text, ctx, policy)
                if quick is not None and repr(quick) != repr(general):
                    found.append(f"{text!r} at {ctx.anchor} in {ctx.home_zone}: {general} but fast {quick}")
                if mention is not None and quick is None and isinstance(general, TimeSpan):
                    found.append(f"{text!r}: the fast reader reads {mention} but leaves it")
    return found


def _filled(template: str) -> list[str]:
    """A template of the benchmark with edge values: first and last days, a leap day, 24:00."""
    values = [(2023, 11, 17, 12), (2024, 2, 29, 9), (2023, 2, 29, 1), (2019, 12, 31, 24), (2024, 1, 1, 0),
              (2023, 4, 31, 12), (2015, 13, 5, 3), (1899, 7, 0, 25)]
    return [template.format(y=y, m=m, d=d, h=h) for y, m, d, h in values]


# ---------------------------------------------------------------------------
# The benchmark's texts


def test_the_briefs_phrases_read_the_same() -> None:
    assert disagreements(_scripts(_bench().PHRASES)) == []


def test_the_benchmark_templates_read_the_same() -> None:
    texts = [text for template in _bench().TEMPLATES for text in _filled(template)]
    assert disagreements(_scripts(texts)) == []


def test_a_sample_of_the_benchmark_phrases_reads_the_same() -> None:
    assert disagreements(_bench().distinct_phrases(20_000)[::23], CONTEXTS[:2], POLICIES[:1]) == []


#: Near misses of the shapes: digits too many, spaces at the ends, 号, 24:00, parts, leap days, ranges.
EDGE_CASES = [
    "011月5日", "2023年011月5日", "1111月5日", "20231年1月1日", " 11月17日", "11月17日 ", "11月 17 日", "11月17日早期",
    "17号晚", "11月17号晚", "今年底11月", "2023年底11月17日", "截至 21日", "截至21日", "截至北京时间", "北京时间", "截至",
    "北京时间 2023年11月17日周五晚上8:30", "北京时间2023年11月17日 周五 晚上 8:30", "2023年11月17日24:00",
    "2023年11月17日24:01", "11月17日晚24:00", "11月17日12:60", "2023-11-17 24:00", "2023-11-17T24:00:00Z",
    "2023-02-29", "2024-02-29 23:59:59", "2023/11/17", "2023-11/17", "2023-11-17 8:30:00.5", "Nov. 31", "Feb 29, 2023",
    "Feb 29, 2024", "May 1", "may 1,2024", "Sept. 5", "Nov 17th", "2023年11月17日至16日", "11月30日至1日", "今年2月30日",
    "周五收盘", "11月17日收盘", "北京时间11月17日收盘", "美国东部时间11月17日开盘", "当地时间周五晚", "中午12:19", "晚上8:30",
    "晚8:30", "下午3:60", "1800年", "2100年底", "2101年", "本月初", "上上个月下旬", "这个月17日", "上个月31日", "前年",
    "明年下半年", "周日晚", "礼拜天早上", "星期六", "(周二)", "11月17日(周二)", "十一月十七日", "２０２３年１１月１７日",
    "2023年1月1日早上7:00", "2019年12月31日深夜", "2023年3月12日凌晨2:30", "2023年11月5日1:30", "17日至18日",
    "11月17日晚到18日", "11月17日晚上到18日", "11月17日至11月18日", "北京时间11月17日至 18日", "11月17日起至18日",
    "2023-11-17T08:30:00+08:00", "2023-11-17T08:30Z", "2023-11-17 08:30-0500", "2023-11-17T23:30:00+0530",
    "2023-03-12 02:30", "2023-11-05 01:30", "2023-11-17T8:05", "2023/1/5 7:05:09",
]


def test_near_misses_read_the_same() -> None:
    assert disagreements(_scripts(EDGE_CASES)) == []


def test_the_fast_reader_reads_the_common_shapes() -> None:
    """Equivalence alone would hold for a fast reader that reads nothing."""
    bench = _bench()
    ctx = CONTEXTS[0]
    left = {p for p in bench.distinct_phrases(20_000) if times._parse_fast(p, ctx) is None}
    general_only = re.compile(r"\d+ (小时|小時|美元)|Nov \d+ at \d+pm ET")
    assert {p for p in left if not general_only.fullmatch(p)} == set()
    read = [p for p in bench.PHRASES if times._parse_fast(p, ctx) is not None]
    assert {"2023-11-22 17:23:04", "2023年11月16日", "當地時間 11 月 17 日週五", "北京时间21日早", "今年10月", "11月初",
            "截至美国东部时间11月20日收盘", "Nov. 17", "November 17, 2023", "中午12:19"} <= set(read)


# ---------------------------------------------------------------------------
# Generated texts

_SPACE = st.sampled_from([""] * 8 + [" ", " ", "  ", "\u3000"])
_DIGITS = st.integers(0, 33).map(str) | st.integers(0, 9).map("0{}".format) | st.sampled_from(["011", "123", "2023"])
_YEARS = st.one_of(st.integers(1890, 2110).map("{}年".format), st.sampled_from(["今年", "去年", "明年", "前年", "今 年"]))
_MONTHS = st.one_of(_DIGITS.map("{}月".format), st.sampled_from(["本月", "上个月", "下月", "上上个月", "这个月"]))
_PARTS_OF_YEAR = st.sampled_from(["初", "底", "末", "上半年", "秋季", "一季度", "第四季度"])
_PARTS_OF_MONTH = st.sampled_from(["初", "上旬", "中旬", "下旬", "底"])
_DAYS = st.builds(str.__add__, _DIGITS, st.sampled_from(["日", "日", "日", "日", " 日", "号"]))
_WEEKDAYS = st.sampled_from(["周", "星期", "礼拜", "週", " 周", "(周"]).flatmap(
    lambda word: st.sampled_from("一二三四五六日天").map(lambda n: word + n))
_PARTS_OF_DAY = st.sampled_from(list(DEFAULT_POLICY.parts_of_day) + ["早期", "晚些"])
_CLOCKS = st.builds("{}{}:{:02d}{}".format, st.sampled_from(["", " "]), st.integers(0, 25), st.integers(0, 61),
                    st.sampled_from(["", ":04", ":60"]))
_ZONES = st.sampled_from([w for w in DEFAULT_POLICY.zone_words if not w.isascii()] + ["旧金山时间", "在旧金山"])
_STRAYS = st.sampled_from(["的", " ", "，", "年", "月", "日", "周五", "晚", "12:30", "至", "在", "内", "1", "x", "收盘"])


@st.composite
def chinese(draw: st.DrawFn) -> str:
    """A time of the fast reader's shapes (a day, a month, a year, a weekday or a time of day),
    often with a lead word or zone word, two times in five with a stray piece or a character less."""
    def maybe(strategy: st.SearchStrategy[str], p: float) -> str:
        return draw(strategy) if draw(st.floats(0, 1)) < p else ""

    time_of_day = st.one_of(st.just(""), st.sampled_from(["收盘", "开盘"]), _PARTS_OF_DAY, _CLOCKS,
                            st.builds(str.__add__, _PARTS_OF_DAY, _CLOCKS))
    kind = draw(st.sampled_from(["day", "day", "day", "month", "year", "weekday", "time"]))
    if kind == "day":
        month = maybe(st.builds(str.__add__, _YEARS.map(lambda y: y + draw(_SPACE)) | st.just(""), _MONTHS), 0.7)
        body = [month, draw(_SPACE) if month else "", draw(_DAYS), maybe(_WEEKDAYS, 0.3), draw(time_of_day),
                maybe(st.builds("{}{}日".format, st.sampled_from(["至", "到", "至 "]), _DIGITS), 0.15)]
    elif kind == "month":
        year = maybe(st.builds(str.__add__, _YEARS, _PARTS_OF_YEAR | st.just("")), 0.5)
        body = [year, draw(_SPACE), draw(_MONTHS), maybe(_PARTS_OF_MONTH, 0.4), maybe(_DAYS, 0.1),
                maybe(time_of_day, 0.2)]
    elif kind == "year":
        body = [draw(_YEARS), draw(_SPACE), maybe(_PARTS_OF_YEAR, 0.5), maybe(_DAYS | time_of_day, 0.1)]
    elif kind == "weekday":
        body = [draw(_WEEKDAYS), draw(time_of_day)]
    else:
        body = [draw(time_of_day)]
    parts = [maybe(st.sampled_from(["截至", "截止"]), 0.15), maybe(_ZONES, 0.3) + draw(_SPACE), *body]
    text = "".join(parts)
    chaos = draw(st.sampled_from(["", "", "", "stray", "drop"]))
    if chaos and text:
        at = draw(st.integers(0, len(text) - 1))
        text = text[:at] + draw(_STRAYS) + text[at:] if chaos == "stray" else text[:at] + text[at + 1:]
    return text.strip() if draw(st.booleans()) else text


_TWO_DIGITS = st.integers(0, 61).map("{:02d}".format)
_ISO = st.builds(
    "{}{}{}{}{}{}".format, st.integers(1890, 2110).map(str), st.sampled_from(["-", "/"]),
    _DIGITS, st.sampled_from(["-", "/"]), _DIGITS,
    st.one_of(st.just(""), st.builds("{}{}:{}{}".format, st.sampled_from([" ", "T", "  "]), _DIGITS, _TWO_DIGITS,
                                     st.sampled_from(["", ":04", ":61", ":04.5", "Z", ":04+08:00", "-0500", "+0530"]))),
)
_ENGLISH = st.builds(
    "{}{}{}{}".format, st.sampled_from(["Nov", "November", "nov", "NOV", "Sept", "sep", "May", "Mar", "Febr"]),
    st.sampled_from(["", ".", " ", ". "]), _DIGITS,
    st.sampled_from(["", ", 2023", ",2023", " 2023", " 1899", "th", " at 4pm ET", "20"]),
)


@given(st.lists(chinese(), min_size=1, max_size=6))
@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
def test_generated_chinese_reads_the_same(texts: list[str]) -> None:
    assert disagreements(_scripts(texts), CONTEXTS[:3]) == []


@given(st.lists(_ISO | _ENGLISH, min_size=1, max_size=6))
@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow], deadline=None)
def test_generated_iso_and_english_read_the_same(texts: list[str]) -> None:
    assert disagreements(texts, CONTEXTS[:3]) == []


@given(chinese(), st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2035, 12, 31),
                               timezones=st.sampled_from([zone_info(SH), zone_info(LA), timezone.utc])),
       st.sampled_from([SH, NY, LA]), st.sampled_from([LA, NY, None]))
@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
def test_any_anchor_reads_the_same(text: str, anchor: datetime, home: str, local: str | None) -> None:
    assert disagreements([text], [TimeContext(anchor, home, local)], POLICIES[:1]) == []


# ---------------------------------------------------------------------------
# The test can fail; the fast reader's assumptions


def test_a_broken_fast_reader_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    """Misread one number (17 as 18) in the fast reader only: the comparison must notice."""
    texts = ["11月17日", "2023-11-17 17:23:04", "当地时间 11 月 17 日周五", "Nov. 17"]
    assert disagreements(texts) == []
    monkeypatch.setitem(time_fast._NUMBER, "17", 18)
    assert len(disagreements(texts)) >= len(texts)


def test_a_policy_with_other_words_has_no_fast_reader() -> None:
    other_words = dataclasses.replace(DEFAULT_POLICY, zone_words={**DEFAULT_POLICY.zone_words, "京时": SH})
    assert times._readers(other_words)[2] is None
    assert times._parse_fast("京时11月17日", CONTEXTS[0], other_words) is None
    result = times.parse_time("京时11月17日", CONTEXTS[0], other_words)
    assert isinstance(result, TimeSpan) and result.zone == SH


def test_the_shapes_need_no_folding_first() -> None:
    """Text the shapes match is unchanged by folding, so Simplified text is matched as it is."""
    fast = times._readers(DEFAULT_POLICY)[2]
    assert fast is not None and not fast._fold_first


def test_the_chinese_groups_are_in_order() -> None:
    pattern = re.compile(time_fast._chinese(DEFAULT_POLICY))
    assert tuple(pattern.groupindex) == time_fast._CN_GROUPS


def test_a_text_the_fast_reader_leaves_still_reads() -> None:
    for text in ["Nov 20 at 4pm ET", "48 小时", "", "  ", "11月17号", "2023年11月晚"]:
        assert times._parse_fast(text, CONTEXTS[0]) is None
        assert repr(times.parse_time(text, CONTEXTS[0])) == repr(times._parse_general(text, CONTEXTS[0]))
    assert isinstance(times.parse_time("48 小时", CONTEXTS[0]), NotATime)
