"""Times in news text read as UTC intervals: the specification of recon.normalize.times."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import opencc
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from recon.normalize.times import (
    DEFAULT_POLICY,
    PRECISIONS,
    NotATime,
    TimeContext,
    TimePolicy,
    TimeSpan,
    TimeSpanFormatError,
    UnknownZoneError,
    find_times,
    parse_time,
    parse_timespan,
    zone_info,
)

SH, LA, NY = "Asia/Shanghai", "America/Los_Angeles", "America/New_York"
SOURCES = Path(__file__).resolve().parent.parent / "claims" / "sources"


def ctx_at(stamp: str, home: str = SH, local: str | None = LA) -> TimeContext:
    return TimeContext(datetime.fromisoformat(stamp), home, local)


#: 000 was published 2023-11-22 17:23:04 +08:00 (a Wednesday); 003 on Tuesday 2023-11-21.
CTX_000 = ctx_at("2023-11-22T17:23:04+08:00")
CTX_003 = ctx_at("2023-11-21T10:05:49+08:00")
#: An English wire story filed in New York on Monday 2023-11-20.
CTX_EN = ctx_at("2023-11-20T09:00:00-05:00", home=NY)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def parsed(text: str, ctx: TimeContext = CTX_000, policy: TimePolicy = DEFAULT_POLICY) -> TimeSpan:
    result = parse_time(text, ctx, policy)
    assert isinstance(result, TimeSpan), result
    return result


def interval(span: TimeSpan) -> tuple[str, str, str, str]:
    return span.start.isoformat(), span.end.isoformat(), span.zone, span.precision


_S2T = opencc.OpenCC("s2t")

# ---------------------------------------------------------------------------
# The table: every phrase of the brief, exact UTC edges, zone and precision

TABLE: list[tuple[str, TimeContext, str, str, str, str]] = [
    # absolute
    ("2023-11-22 17:23:04", CTX_000, "2023-11-22T09:23:04Z", "2023-11-22T09:23:05Z", SH, "second"),
    ("2023-11-22", CTX_000, "2023-11-21T16:00Z", "2023-11-22T16:00Z", SH, "day"),
    ("2023年11月16日", CTX_000, "2023-11-15T16:00Z", "2023-11-16T16:00Z", SH, "day"),
    ("2023年7月", CTX_000, "2023-06-30T16:00Z", "2023-07-31T16:00Z", SH, "month"),
    ("2023年", CTX_000, "2022-12-31T16:00Z", "2023-12-31T16:00Z", SH, "year"),
    ("2019年", CTX_000, "2018-12-31T16:00Z", "2019-12-31T16:00Z", SH, "year"),
    ("2022年底", CTX_000, "2022-09-30T16:00Z", "2022-12-31T16:00Z", SH, "month"),  # the last quarter
    # relative to the anchor
    ("今年10月", CTX_000, "2023-09-30T16:00Z", "2023-10-31T16:00Z", SH, "month"),
    ("今年9月", CTX_000, "2023-08-31T16:00Z", "2023-09-30T16:00Z", SH, "month"),
    ("今年初", CTX_000, "2022-12-31T16:00Z", "2023-03-31T16:00Z", SH, "month"),
    ("本月初", CTX_000, "2023-10-31T16:00Z", "2023-11-10T16:00Z", SH, "day"),  # 1st–10th
    ("本月中旬", CTX_000, "2023-11-10T16:00Z", "2023-11-20T16:00Z", SH, "day"),  # 11th–20th
    ("11月初", CTX_000, "2023-10-31T16:00Z", "2023-11-10T16:00Z", SH, "day"),
    ("上周五", CTX_000, "2023-11-16T16:00Z", "2023-11-17T16:00Z", SH, "day"),  # Friday of last week
    ("周一", CTX_000, "2023-11-19T16:00Z", "2023-11-20T16:00Z", SH, "day"),  # latest Monday
    ("週五", CTX_000, "2023-11-16T16:00Z", "2023-11-17T16:00Z", SH, "day"),
    ("星期六", CTX_000, "2023-11-17T16:00Z", "2023-11-18T16:00Z", SH, "day"),
    ("昨天", CTX_000, "2023-11-20T16:00Z", "2023-11-21T16:00Z", SH, "day"),
    ("今天", CTX_000, "2023-11-21T16:00Z", "2023-11-22T16:00Z", SH, "day"),
    ("今日", CTX_000, "2023-11-21T16:00Z", "2023-11-22T16:00Z", SH, "day"),
    ("11月17日", CTX_000, "2023-11-16T16:00Z", "2023-11-17T16:00Z", SH, "day"),
    ("11 月 17 日", CTX_000, "2023-11-16T16:00Z", "2023-11-17T16:00Z", SH, "day"),
    ("21日", CTX_000, "2023-11-20T16:00Z", "2023-11-21T16:00Z", SH, "day"),
    ("25日", CTX_000, "2023-10-24T16:00Z", "2023-10-25T16:00Z", SH, "day"),  # after the anchor: last month
    ("11月19日晚间", CTX_000, "2023-11-19T10:00Z", "2023-11-19T16:00Z", SH, "part_of_day"),
    # zone words
    ("當地時間 11 月 17 日週五", CTX_000, "2023-11-17T08:00Z", "2023-11-18T08:00Z", LA, "day"),
    ("11 月 16 日週四晚", CTX_000, "2023-11-16T10:00Z", "2023-11-16T16:00Z", SH, "part_of_day"),
    ("當地時間 11 月 16 日週四晚", CTX_000, "2023-11-17T02:00Z", "2023-11-17T08:00Z", LA, "part_of_day"),
    ("美國當地時間11月16日", CTX_000, "2023-11-16T08:00Z", "2023-11-17T08:00Z", LA, "day"),
    ("北京时间21日早", CTX_000, "2023-11-20T21:00Z", "2023-11-21T01:00Z", SH, "part_of_day"),
    ("北京时间21日早上", CTX_000, "2023-11-20T21:00Z", "2023-11-21T01:00Z", SH, "part_of_day"),
    ("北京時間 21 日早", CTX_000, "2023-11-20T21:00Z", "2023-11-21T01:00Z", SH, "part_of_day"),
    ("周六早晨", CTX_003, "2023-11-17T21:00Z", "2023-11-18T01:00Z", SH, "part_of_day"),
    ("周一早晨", CTX_003, "2023-11-19T21:00Z", "2023-11-20T01:00Z", SH, "part_of_day"),
    ("今日下午", CTX_003, "2023-11-21T04:00Z", "2023-11-21T10:00Z", SH, "part_of_day"),
    ("旧金山时间周日晚上", CTX_000, "2023-11-20T02:00Z", "2023-11-20T08:00Z", LA, "part_of_day"),
    # clock times
    ("中午12:19", CTX_000, "2023-11-22T04:19Z", "2023-11-22T04:20Z", SH, "minute"),
    ("11月17日中午12:23", CTX_000, "2023-11-17T04:23Z", "2023-11-17T04:24Z", SH, "minute"),
    ("12:19", CTX_000, "2023-11-22T04:19Z", "2023-11-22T04:20Z", SH, "minute"),
    ("下午3点半", CTX_000, "2023-11-22T07:30Z", "2023-11-22T07:31Z", SH, "minute"),
    ("晚上8点", CTX_000, "2023-11-22T12:00Z", "2023-11-22T13:00Z", SH, "hour"),
    # the market
    ("截至美国东部时间11月20日收盘", CTX_000, "2023-11-20T21:00Z", "2023-11-20T21:01Z", NY, "minute"),
    ("周五美股交易中", CTX_000, "2023-11-17T05:00Z", "2023-11-18T05:00Z", NY, "day"),
    # English
    ("Nov. 17", CTX_EN, "2023-11-17T05:00Z", "2023-11-18T05:00Z", NY, "day"),
    ("November 17, 2023", CTX_EN, "2023-11-17T05:00Z", "2023-11-18T05:00Z", NY, "day"),
    ("Friday night", CTX_EN, "2023-11-17T23:00Z", "2023-11-18T05:00Z", NY, "part_of_day"),
    ("Nov 20 at 4pm ET", CTX_EN, "2023-11-20T21:00Z", "2023-11-20T22:00Z", NY, "hour"),
    ("on Saturday morning", CTX_EN, "2023-11-18T10:00Z", "2023-11-18T17:00Z", NY, "part_of_day"),
    ("2023-11-17", CTX_EN, "2023-11-17T05:00Z", "2023-11-18T05:00Z", NY, "day"),
    ("Nov 17 at 9:30 a.m. Pacific", CTX_EN, "2023-11-17T17:30Z", "2023-11-17T17:31Z", LA, "minute"),
    # a zone word between a clock and its date trails the clock; the date joins them
    ("15:40 GMT on November 17", CTX_EN, "2023-11-17T15:40Z", "2023-11-17T15:41Z", "UTC", "minute"),
    ("10:40 p.m. local time on Nov. 17", CTX_EN, "2023-11-18T06:40Z", "2023-11-18T06:41Z", LA, "minute"),
    ("5 a.m. Beijing time on Nov 18", CTX_EN, "2023-11-17T21:00Z", "2023-11-17T22:00Z", SH, "hour"),
    ("at 9 p.m. Pacific on Friday", CTX_EN, "2023-11-18T05:00Z", "2023-11-18T06:00Z", LA, "hour"),
    # an approximate clock time reaches 15 minutes (an hour: 30) either way
    ("北京时间17日22时40分许", CTX_000, "2023-11-17T14:25Z", "2023-11-17T14:56Z", SH, "minute"),
    ("北京時間17日22時40分許", CTX_000, "2023-11-17T14:25Z", "2023-11-17T14:56Z", SH, "minute"),
    ("约22时40分", CTX_000, "2023-11-22T14:25Z", "2023-11-22T14:56Z", SH, "minute"),
    ("about 10:40 p.m. on Nov. 17", CTX_EN, "2023-11-18T03:25Z", "2023-11-18T03:56Z", NY, "minute"),
    ("晚上10点左右", CTX_000, "2023-11-22T13:30Z", "2023-11-22T15:30Z", SH, "hour"),
    ("shortly after 19:00 GMT on Nov 17", CTX_EN, "2023-11-17T19:00Z", "2023-11-17T19:31Z", "UTC", "minute"),
    ("just before noon on Nov 17", CTX_EN, "2023-11-17T16:30Z", "2023-11-17T17:01Z", NY, "minute"),
    # parts of a month, a year, a quarter, in English
    ("late October", CTX_EN, "2023-10-21T04:00Z", "2023-11-01T04:00Z", NY, "day"),
    ("mid-November 2023", CTX_EN, "2023-11-11T05:00Z", "2023-11-21T05:00Z", NY, "day"),
    ("in 2016", CTX_EN, "2016-01-01T05:00Z", "2017-01-01T05:00Z", NY, "year"),
    ("Q1 2023", CTX_EN, "2023-01-01T05:00Z", "2023-04-01T04:00Z", NY, "month"),
    ("2016", CTX_EN, "2016-01-01T05:00Z", "2017-01-01T05:00Z", NY, "year"),
    # zones beyond the US and China, by abbreviation or name
    ("14:00 BST on Nov 17", CTX_EN, "2023-11-17T14:00Z", "2023-11-17T14:01Z", "Europe/London", "minute"),
    ("9 a.m. UK time on Nov 17", CTX_EN, "2023-11-17T09:00Z", "2023-11-17T10:00Z", "Europe/London", "hour"),
    ("15:00 CET on Nov 17", CTX_EN, "2023-11-17T14:00Z", "2023-11-17T14:01Z", "Europe/Paris", "minute"),
    ("日本时间17日15时", CTX_000, "2023-11-17T06:00Z", "2023-11-17T07:00Z", "Asia/Tokyo", "hour"),
    # UTC by its Chinese names
    ("协调世界时17日15时40分", CTX_000, "2023-11-17T15:40Z", "2023-11-17T15:41Z", "UTC", "minute"),
    ("世界標準時間17日15時40分", CTX_000, "2023-11-17T15:40Z", "2023-11-17T15:41Z", "UTC", "minute"),
    ("格林威治時間17日15時", CTX_000, "2023-11-17T15:00Z", "2023-11-17T16:00Z", "UTC", "hour"),
]


@pytest.mark.parametrize(("text", "ctx", "start", "end", "zone", "precision"), TABLE, ids=[r[0] for r in TABLE])
def test_phrase_reads_as_exact_utc_interval(text: str, ctx: TimeContext, start: str, end: str, zone: str,
                                            precision: str) -> None:
    span = parsed(text, ctx)
    assert interval(span) == (utc(start).isoformat(), utc(end).isoformat(), zone, precision)


@pytest.mark.parametrize(("text", "ctx", "start", "end", "zone", "precision"),
                         [row for row in TABLE if not row[0].isascii()], ids=lambda v: v if isinstance(v, str) else "")
def test_traditional_phrase_reads_like_simplified(text: str, ctx: TimeContext, start: str, end: str, zone: str,
                                                  precision: str) -> None:
    traditional = _S2T.convert(text)
    assert interval(parsed(traditional, ctx)) == interval(parsed(text, ctx))


def test_matched_text_is_verbatim_and_leaves_out_the_words_around_it() -> None:
    span = parsed("截至美國東部時間11月20日收盤,微軟股價漲2.05%")
    assert span.text == "美國東部時間11月20日收盤"
    assert span.span == (2, 16)


# ---------------------------------------------------------------------------
# The key behaviour: a shift of zone is not a conflict


def test_local_friday_in_san_francisco_overlaps_saturday_morning_in_beijing() -> None:
    friday_local = parsed("當地時間 11 月 17 日")
    saturday_morning_beijing = parsed("周六早晨")
    assert friday_local.format() == "2023-11-17T08:00:00Z/2023-11-18T08:00:00Z America/Los_Angeles day"
    assert saturday_morning_beijing.format() == "2023-11-17T21:00:00Z/2023-11-18T01:00:00Z Asia/Shanghai part_of_day"
    assert friday_local.overlaps(saturday_morning_beijing)
    assert friday_local.contains(saturday_morning_beijing)


def test_early_21st_in_beijing_overlaps_the_20th_in_california() -> None:
    beijing = parsed("北京时间21日早")
    pacific = parsed("當地時間 11 月 20 日")
    assert beijing.overlaps(pacific) and pacific.contains(beijing)
    assert not parsed("11月20日").overlaps(beijing)  # the 20th in Beijing ended before


def test_two_times_in_one_sentence_each_with_its_own_zone() -> None:
    ctx = TimeContext.on_day(date(2023, 11, 20), SH, LA)
    sunday_evening_sf, noon_beijing = find_times("蘇特斯科夫在舊金山周日晚上(北京時間今天中午)告訴員工", ctx)
    assert (sunday_evening_sf.text, sunday_evening_sf.zone) == ("舊金山周日晚上", LA)
    assert (noon_beijing.text, noon_beijing.zone) == ("北京時間今天中午", SH)
    assert sunday_evening_sf.format() == "2023-11-20T02:00:00Z/2023-11-20T08:00:00Z America/Los_Angeles part_of_day"
    assert noon_beijing.format() == "2023-11-20T03:00:00Z/2023-11-20T05:00:00Z Asia/Shanghai part_of_day"
    assert sunday_evening_sf.overlaps(noon_beijing)


# ---------------------------------------------------------------------------
# Reading rules


def test_local_time_falls_back_to_home_zone_without_an_event_place() -> None:
    assert parsed("当地时间11月16日", ctx_at("2023-11-22T17:23:04+08:00", local=None)).zone == SH


def test_a_zone_word_reaches_a_date_later_in_its_clause_but_not_past_a_comma() -> None:
    assert parsed("美東時間11有29日周三").zone == NY
    assert parsed("美东时间,据报道,29日").zone == SH


def test_a_weekday_next_to_a_date_picks_the_year() -> None:
    strict_past = dataclasses.replace(DEFAULT_POLICY, future_days_without_year=0)
    assert parsed("12月5日", CTX_003, strict_past).start.date() == date(2022, 12, 4)  # a Monday in 2022
    assert parsed("12月5日(周二)", CTX_003, strict_past).start.date() == date(2023, 12, 4)  # Tuesday: 2023


def test_a_weekday_that_disagrees_with_its_date_keeps_the_date() -> None:
    assert interval(parsed("11月17日周四")) == interval(parsed("11月17日"))


def test_a_date_soon_after_the_anchor_stays_in_the_anchor_year() -> None:
    assert parsed("12月5日", CTX_003).start.year == 2023
    assert parsed("3月5日", CTX_003).start.year == 2023  # far in the future: last spring instead


def test_a_clock_time_without_a_date_continues_the_date_before_it() -> None:
    text = "美国当地时间11月16日,阿尔特曼收到短信。中午12:19,布罗克曼收到短信。"
    day, noon = find_times(text, CTX_000)
    assert noon.text == "中午12:19"
    assert noon.zone == LA
    assert noon.format() == "2023-11-16T20:19:00Z/2023-11-16T20:20:00Z America/Los_Angeles minute"
    assert day.contains(noon)


def test_next_day_counts_from_the_date_before_it() -> None:
    _, next_day = find_times("ChatGPT在11月8日大规模宕机;第二天,微软宣布", CTX_000)
    assert next_day.format() == "2023-11-08T16:00:00Z/2023-11-09T16:00:00Z Asia/Shanghai day"


def test_weeks_and_weekends() -> None:
    assert parsed("上周末").format() == "2023-11-17T16:00:00Z/2023-11-19T16:00:00Z Asia/Shanghai week"
    assert parsed("本周").format() == "2023-11-19T16:00:00Z/2023-11-26T16:00:00Z Asia/Shanghai week"


def test_policy_is_data() -> None:
    late_mornings = dataclasses.replace(DEFAULT_POLICY, parts_of_day={**DEFAULT_POLICY.parts_of_day, "早": (6, 10)})
    assert parsed("北京时间21日早", policy=late_mornings).start == utc("2023-11-20T22:00Z")
    shanghai_close = dataclasses.replace(DEFAULT_POLICY, market_zone=SH, market_times={"收盘": (15, 0)})
    assert parsed("11月20日收盘", policy=shanghai_close).start == utc("2023-11-20T07:00Z")


def test_parse_time_takes_the_first_of_several_times() -> None:
    assert parsed("11月17日、18日").text == "11月17日"
    assert [t.text for t in find_times("11月17日、18日", CTX_000)] == ["11月17日", "18日"]


@pytest.mark.parametrize(("text", "expected"), [
    ("11月17日至18日", "2023-11-16T16:00:00Z/2023-11-18T16:00:00Z Asia/Shanghai day"),
    ("2023年12月5日—12月11日", "2023-12-04T16:00:00Z/2023-12-11T16:00:00Z Asia/Shanghai day"),
    ("12月5日—11日", "2023-12-04T16:00:00Z/2023-12-11T16:00:00Z Asia/Shanghai day"),  # the 11th of December
    ("自2019年起至2023年初", "2018-12-31T16:00:00Z/2023-03-31T16:00:00Z Asia/Shanghai year"),
    ("周一至周五", "2023-11-19T16:00:00Z/2023-11-24T16:00:00Z Asia/Shanghai day"),  # the Friday after that Monday
])
def test_a_range_runs_from_the_start_of_one_time_to_the_end_of_the_other(text: str, expected: str) -> None:
    assert parsed(text).format() == expected


def test_a_range_that_runs_backwards_is_not_a_time() -> None:
    result = parse_time("2023年至2019年", CTX_000)
    assert isinstance(result, NotATime) and "ends before it starts" in result.reason


def test_memo_keeps_contexts_apart() -> None:
    assert parsed("今天", CTX_000).start != parsed("今天", CTX_003).start
    same_instant_utc = ctx_at("2023-11-21T16:30:00+00:00")  # = 2023-11-22 00:30 in Shanghai
    same_instant_beijing = ctx_at("2023-11-22T00:30:00+08:00")
    assert same_instant_utc == same_instant_beijing  # equal anchors, yet different calendar dates
    assert parsed("今天", same_instant_utc).start != parsed("今天", same_instant_beijing).start


# ---------------------------------------------------------------------------
# Not times


@pytest.mark.parametrize("text", ["48 小时", "72 小时", "20 美元", "710 多名", "1.68%", "盘后交易", "北京时间",
                                  "有一点变革", "三号楼", "晚些时候", "早期", "每周二", "周围", "", "   "])
def test_quantities_durations_and_lone_words_are_not_times(text: str) -> None:
    result = parse_time(text, CTX_000)
    assert isinstance(result, NotATime)
    assert result.text == text and result.reason


@pytest.mark.parametrize("sentence", [
    "OpenAI 政变 72 小时:办公室战争终将毁掉这家公司",
    "在此次风波爆发的前48 小时,外界对于 Sam Altman 的形象",
    "以获取每个新账号带来的 20 美元优惠",
    "710 多名 OpenAI 员工要求董事会辞职",
    "微軟股價收跌1.68%,盤後交易中再跌0.97%",
])
def test_quantities_in_sentences_are_not_found(sentence: str) -> None:
    assert find_times(sentence, CTX_000) == []


def test_durations_say_why() -> None:
    assert parse_time("72 小时", CTX_000) == NotATime("72 小时", "a duration, not a time")


def test_impossible_dates_say_why() -> None:
    result = parse_time("2023年2月30日", CTX_000)
    assert isinstance(result, NotATime) and "no such date" in result.reason
    assert isinstance(parse_time("1000年", CTX_000), NotATime)


def test_a_word_that_only_starts_like_a_part_of_a_year_keeps_the_year() -> None:
    assert parsed("2023年初步统计").text == "2023年"


# ---------------------------------------------------------------------------
# TimeSpan, TimeContext and the canonical format


def test_format_round_trips_with_zone_and_precision() -> None:
    span = parsed("當地時間 11 月 17 日週五")
    text = span.format()
    assert text == "2023-11-17T08:00:00Z/2023-11-18T08:00:00Z America/Los_Angeles day"
    back = parse_timespan(text)
    assert (back.start, back.end, back.zone, back.precision) == (span.start, span.end, span.zone, span.precision)
    assert back.text == text


@pytest.mark.parametrize("bad", ["", "2023-11-17T08:00:00Z", "2023-11-17T08:00:00Z/2023-11-18T08:00:00Z Mars/Base day",
                                 "2023-11-17T08:00:00Z/2023-11-18T08:00:00Z UTC fortnight",
                                 "2023-11-17T08:00:00/2023-11-18T08:00:00Z UTC day",
                                 "2023-11-18T08:00:00Z/2023-11-17T08:00:00Z UTC day"])
def test_parse_timespan_rejects_what_format_cannot_produce(bad: str) -> None:
    with pytest.raises(TimeSpanFormatError):
        parse_timespan(bad)


def test_span_relations() -> None:
    day = parsed("11月17日")
    noon = parsed("11月17日中午")
    next_day = parsed("11月18日")
    assert day.contains(noon) and not noon.contains(day)
    assert day.overlaps(noon) and noon.overlaps(day)
    assert day.before(next_day) and not next_day.before(day) and not day.overlaps(next_day)


def test_time_span_is_always_utc_and_non_empty() -> None:
    shanghai = zone_info(SH)
    span = TimeSpan(datetime(2023, 11, 17, 8, tzinfo=shanghai), datetime(2023, 11, 17, 9, tzinfo=shanghai),
                    SH, "hour", "8点", (0, 2))
    assert span.start.tzinfo is timezone.utc and span.start.hour == 0
    with pytest.raises(ValueError):
        TimeSpan(span.end, span.start, SH, "hour", "", (0, 0))
    with pytest.raises(ValueError):
        TimeSpan(datetime(2023, 11, 17), datetime(2023, 11, 18), SH, "day", "", (0, 0))


def test_context_needs_an_offset_and_known_zones() -> None:
    with pytest.raises(ValueError, match="offset"):
        TimeContext(datetime(2023, 11, 22), SH)
    with pytest.raises(UnknownZoneError, match="Mars/Base"):
        TimeContext(datetime(2023, 11, 22, tzinfo=timezone.utc), "Mars/Base")


def test_a_date_only_anchor_is_midnight_in_the_home_zone() -> None:
    ctx = TimeContext.on_day(date(2023, 11, 22), SH)
    assert parsed("今天", ctx).format() == "2023-11-21T16:00:00Z/2023-11-22T16:00:00Z Asia/Shanghai day"


# ---------------------------------------------------------------------------
# The seed corpus


def _seed(name: str) -> str:
    return next(SOURCES.glob(f"{name}_*.txt")).read_text(encoding="utf-8")


def test_seed_articles_yield_their_key_times() -> None:
    found = {t.text: t for t in find_times(_seed("000"), CTX_000)}
    assert found["北京时间 21 日早"].format() == "2023-11-20T21:00:00Z/2023-11-21T01:00:00Z Asia/Shanghai part_of_day"
    timeline = {t.text: t for t in find_times(_seed("001"), CTX_000)}
    assert timeline["當地時間 11 月 17 日週五"].zone == LA
    assert timeline["當地時間週五晚"].format() == (
        "2023-11-18T02:00:00Z/2023-11-18T08:00:00Z America/Los_Angeles part_of_day")
    brockman = {t.text: t for t in find_times(_seed("002"), CTX_000)}
    assert brockman["中午12:19"].start.date() == date(2023, 11, 17)  # continues 周五中午
    market = {t.text: t for t in find_times(_seed("004"), CTX_000)}
    assert market["美国东部时间11月20日收盘"].zone == NY


@pytest.mark.parametrize("name", ["000", "001", "002", "003", "004"])
def test_seed_articles_never_read_quantities_as_times(name: str) -> None:
    for span in find_times(_seed(name), CTX_000):
        assert not any(word in span.text for word in ("小时", "美元", "%", "名", "亿"))


# ---------------------------------------------------------------------------
# Properties

ZONE_WORDS = st.sampled_from(["", "北京时间", "当地时间", "美国当地时间", "美国东部时间", "美东时间", "太平洋时间",
                              "在旧金山", "旧金山时间"])
DATES = st.one_of(
    st.builds("{}月{}日".format, st.integers(1, 12), st.integers(1, 31)),
    st.builds("{} 月 {} 日".format, st.integers(1, 12), st.integers(1, 31)),
    st.builds("{}日".format, st.integers(1, 31)),
    st.builds("{}年{}月".format, st.integers(1890, 2110), st.integers(0, 13)),
    st.builds("{}年{}月{}日".format, st.integers(1990, 2030), st.integers(1, 12), st.integers(1, 31)),
    st.sampled_from(["今天", "今日", "昨天", "前天", "明天", "后天", "今早", "昨晚", "周一", "上周五", "本周三",
                     "星期六", "礼拜天", "本月初", "本月中旬", "上个月", "今年初", "去年底", "2022年底", "今年十月",
                     "上周末", "本周", "次日", "当天", "十一月十七日"]),
)
WEEKDAYS = st.sampled_from(["", "周一", "週五", "(周二)", "星期日"])
PARTS = st.sampled_from(["", "早", "晚", "早上", "早晨", "上午", "中午", "下午", "傍晚", "晚上", "晚间", "凌晨", "深夜"])
CLOCKS = st.sampled_from(["", "12:19", "9点", "3点半", "19:00", "8时30分", "17:23:04"])
SUFFIXES = st.sampled_from(["", "收盘", "美股", ",", "消息", "前后"])
PHRASES = st.builds(lambda *parts: "".join(parts), ZONE_WORDS, DATES, WEEKDAYS, PARTS, CLOCKS, SUFFIXES)
ANCHORS = st.datetimes(min_value=datetime(1995, 1, 1), max_value=datetime(2035, 12, 31),
                       timezones=st.sampled_from([zone_info(SH), zone_info(LA), zone_info(NY), timezone.utc]))
CONTEXTS = st.builds(TimeContext, ANCHORS, st.sampled_from([SH, NY]), st.sampled_from([LA, NY, None]))
TRADITIONAL = [opencc.OpenCC(config) for config in ("s2t", "s2hk", "s2tw")]


@given(st.text())
@settings(max_examples=500)
def test_parse_time_never_raises(text: str) -> None:
    assert isinstance(parse_time(text, CTX_000), TimeSpan | NotATime)


#: Characters the grammar reads, so random strings make near-misses of every form.
TIME_ALPHABET = ("0123456789０１ 年月日号周週星期礼拜天上下个本这今去前明昨后次当早晚夜凌晨中午点時时分半至到—-:()（）,、"
                 "一二三四五六七八九十〇两初底末旬北京间地美国东部收盘股在旧金山NovFriday nightpmET")


@pytest.mark.parametrize("text, read", [("一一十時", None), ("十十点", None), ("十点一一十分", None),
                                        ("11月20日十十点", "11月20日"), ("二十三点十五分", "二十三点十五分")])
def test_numerals_that_spell_no_number_are_no_time(text: str, read: str | None) -> None:
    """Found by the fuzz test below: 一一十 matched the clock's numeral class and raised KeyError."""
    parsed = parse_time(text, CTX_000)
    assert (parsed.text if isinstance(parsed, TimeSpan) else None) == read


@given(st.text(alphabet=TIME_ALPHABET, max_size=40))
@settings(max_examples=500)
@example("一一十時")
def test_near_misses_never_raise_and_spans_stay_in_order(text: str) -> None:
    assert isinstance(parse_time(text, CTX_000), TimeSpan | NotATime)
    previous_end = 0
    for span in find_times(text, CTX_000):
        assert text[span.span[0]:span.span[1]] == span.text
        assert span.start < span.end and previous_end <= span.span[0]
        previous_end = span.span[1]


@given(PHRASES, CONTEXTS)
@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
def test_every_span_starts_before_it_ends_and_is_utc(phrase: str, ctx: TimeContext) -> None:
    for span in find_times(phrase, ctx):
        assert span.start < span.end
        assert span.start.tzinfo is timezone.utc and span.end.tzinfo is timezone.utc
        assert span.precision in PRECISIONS


@given(st.lists(st.one_of(PHRASES, st.text(max_size=8)), max_size=6), CONTEXTS)
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_find_times_spans_index_the_original_text(pieces: list[str], ctx: TimeContext) -> None:
    text = "".join(_S2T.convert(p) if i % 2 else p for i, p in enumerate(pieces))
    previous_end = 0
    for span in find_times(text, ctx):
        start, end = span.span
        assert text[start:end] == span.text
        assert previous_end <= start < end
        previous_end = end


@given(PHRASES, CONTEXTS, st.sampled_from(TRADITIONAL))
@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
def test_traditional_reads_like_simplified(phrase: str, ctx: TimeContext, converter: opencc.OpenCC) -> None:
    traditional = converter.convert(phrase)
    assert len(traditional) == len(phrase)
    simplified_spans = [(*interval(s), s.span) for s in find_times(phrase, ctx)]
    traditional_spans = [(*interval(s), s.span) for s in find_times(traditional, ctx)]
    assert traditional_spans == simplified_spans


@given(PHRASES, CONTEXTS)
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_parse_time_is_the_first_of_find_times(phrase: str, ctx: TimeContext) -> None:
    found = find_times(phrase, ctx)
    result = parse_time(phrase, ctx)
    if found:
        assert result == found[0]
    else:
        assert isinstance(result, NotATime)


MOMENTS = st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(timezone.utc))


@given(MOMENTS, st.timedeltas(min_value=timedelta(microseconds=1), max_value=timedelta(days=800)),
       st.sampled_from([SH, LA, NY, "UTC", "+08:00", "-05:30"]), st.sampled_from(PRECISIONS))
def test_format_and_parse_timespan_round_trip(start: datetime, length: timedelta, zone: str, precision: str) -> None:
    span = TimeSpan(start, start + length, zone, precision, "", (0, 0))
    back = parse_timespan(span.format())
    assert (back.start, back.end, back.zone, back.precision) == (span.start, span.end, span.zone, span.precision)
    assert back.format() == span.format()


def test_approximate_readings_of_one_moment_overlap_and_a_word_ending_in_about_is_no_qualifier() -> None:
    about = parsed("当地时间 11 月 17 日 22 时 40 分许", CTX_000)
    exact = parsed("当地时间 11 月 17 日 22 时 45 分", CTX_000)
    assert about.overlaps(exact)
    assert parsed("lookabout 10:40 p.m.", CTX_EN).end - parsed("lookabout 10:40 p.m.", CTX_EN).start == timedelta(minutes=1)
