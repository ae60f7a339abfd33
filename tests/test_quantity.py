"""Quantity phrases: the interval each phrase means, in Simplified, Traditional and English."""

from __future__ import annotations

import math
from fractions import Fraction

import opencc
import pytest
from hypothesis import given
from hypothesis import strategies as st

from recon.interval import Interval, parse_interval
from recon.normalize.numerals import chinese_range, chinese_to_int, fold_text, step
from recon.normalize.quantity import (
    DEFAULT_POLICY,
    NotAQuantity,
    Quantity,
    QuantityError,
    QuantityPolicy,
    clear_parse_cache,
    find_quantities,
    format_quantity,
    parse_normalized,
    parse_quantity,
)

_S2T = opencc.OpenCC("s2t")


def to_traditional(text: str) -> str:
    return _S2T.convert(text)


def read(text: str) -> Quantity:
    q = parse_quantity(text)
    assert isinstance(q, Quantity), f"{text!r}: {q}"
    return q


# (phrase, interval in canonical text, unit, qualifier).  Chinese phrases are
# Simplified; every one is also checked in Traditional by test_traditional_…
ZH = [
    ("738人", "738", "person", "exact"),
    ("770", "770", None, "exact"),
    ("近500", "[450, 500)", None, "nearly"),
    ("近 500 名", "[450, 500)", "person", "nearly"),
    ("将近500人", "[450, 500)", "person", "nearly"),
    ("约770", "[731.5, 808.5]", None, "approx"),
    ("约 770 名", "[731.5, 808.5]", "person", "approx"),
    ("大约770", "[731.5, 808.5]", None, "approx"),
    ("约为770", "[731.5, 808.5]", None, "approx"),
    ("770左右", "[731.5, 808.5]", None, "approx"),
    ("770人左右", "[731.5, 808.5]", "person", "approx"),
    ("超过700", "(700, ∞) soft_hi=800", None, "more_than"),
    ("超过 700 人", "(700, ∞) soft_hi=800", "person", "more_than"),
    ("超700人", "(700, ∞) soft_hi=800", "person", "more_than"),
    ("逾700人", "(700, ∞) soft_hi=800", "person", "more_than"),
    ("多于700人", "(700, ∞) soft_hi=800", "person", "more_than"),
    ("超过750人", "(750, ∞) soft_hi=760", "person", "more_than"),
    ("710多", "(710, 720)", None, "plus"),
    ("710 多名", "(710, 720)", "person", "plus"),
    ("700多", "(700, 800)", None, "plus"),
    ("700多个", "(700, 800)", None, "plus"),
    ("500多", "(500, 600)", None, "plus"),
    ("一百多名", "(100, 200)", "person", "plus"),
    ("一百多", "(100, 200)", None, "plus"),
    ("十余名", "(10, 20)", "person", "plus"),
    ("10余人", "(10, 20)", "person", "plus"),
    ("十几", "(10, 20)", None, "plus"),
    ("十几个小时", "(10, 20)", "hour", "plus"),
    ("二十多岁", "(20, 30)", "age", "plus"),
    ("超过500多", "(500, 600)", None, "plus"),
    ("超过 500 多名", "(500, 600)", "person", "plus"),
    ("500以上", "[500, ∞) soft_hi=600", None, "at_least"),
    ("500以下", "[0, 500]", None, "at_most"),
    ("不到500", "[0, 500)", None, "less_than"),
    ("不足100人", "[0, 100)", "person", "less_than"),
    ("少于500", "[0, 500)", None, "less_than"),
    ("至少500", "[500, ∞) soft_hi=600", None, "at_least"),
    ("最多500", "[0, 500]", None, "at_most"),
    ("数十", "[20, 90]", None, "several"),
    ("数十名", "[20, 90]", "person", "several"),
    ("数百", "[200, 900]", None, "several"),
    ("几十", "[20, 90]", None, "several"),
    ("数百万人", "[2e6, 9e6]", "person", "several"),
    ("数十亿美元", "[2e9, 9e9]", "USD", "several"),
    ("数个小时", "[2, 9]", "hour", "several"),
    ("几家", "[2, 9]", None, "several"),
    ("上百亿", "[1e10, 1e11)", None, "order_of"),
    ("上百亿美元", "[1e10, 1e11)", "USD", "order_of"),
    ("上千", "[1000, 10000)", None, "order_of"),
    ("上千万个", "[1e7, 1e8)", None, "order_of"),
    ("九成", "90", "percent", "exact"),
    ("七成", "70", "percent", "exact"),
    ("超过九成", "(90, 100]", "percent", "more_than"),
    ("超过七成", "(70, 100] soft_hi=80", "percent", "more_than"),
    ("95%", "95", "percent", "exact"),
    ("百分之九十五", "95", "percent", "exact"),
    ("超过百分之九十", "(90, 100]", "percent", "more_than"),
    ("1.68%", "1.68", "percent", "exact"),
    ("2.05%", "2.05", "percent", "exact"),
    ("约98%", "[93.1, 100]", "percent", "approx"),
    ("增长200%", "200", "percent", "exact"),  # growth above 100% is not capped
    ("1000万美元", "1e7", "USD", "exact"),
    ("77亿美元", "7.7e9", "USD", "exact"),
    ("约为77亿美元", "[7.315e9, 8.085e9]", "USD", "approx"),
    ("13亿美元", "1.3e9", "USD", "exact"),
    ("600 亿美元", "6e10", "USD", "exact"),
    ("860亿美元", "8.6e10", "USD", "exact"),
    ("6.25亿美元", "6.25e8", "USD", "exact"),
    ("近300亿美元", "[2.7e10, 3e10)", "USD", "nearly"),
    ("1亿美元以上", "[1e8, ∞) soft_hi=2e8", "USD", "at_least"),
    ("超过130亿美元", "(1.3e10, ∞) soft_hi=1.4e10", "USD", "more_than"),
    ("500万美元", "5e6", "USD", "exact"),
    ("3000万美元", "3e7", "USD", "exact"),
    ("40亿美元", "4e9", "USD", "exact"),
    ("10亿美元", "1e9", "USD", "exact"),
    ("100亿美元", "1e10", "USD", "exact"),
    ("1500亿美元", "1.5e11", "USD", "exact"),
    ("千亿美元", "1e11", "USD", "exact"),
    ("20 美元", "20", "USD", "exact"),
    ("100元", "100", "CNY", "exact"),
    ("人民币100亿元", "1e10", "CNY", "exact"),
    ("三", "3", None, "exact"),
    ("四", "4", None, "exact"),
    ("六", "6", None, "exact"),
    ("十", "10", None, "exact"),
    ("二十", "20", None, "exact"),
    ("一百", "100", None, "exact"),
    ("两千", "2000", None, "exact"),
    ("一万", "10000", None, "exact"),
    ("七百三十八", "738", None, "exact"),
    ("零", "0", None, "exact"),
    ("三名", "3", "person", "exact"),
    ("六人", "6", "person", "exact"),
    ("四人", "4", "person", "exact"),
    ("两家", "2", None, "exact"),
    ("一万用户", "10000", "user", "exact"),
    ("五六天", "[5, 6]", "day", "approx"),
    ("两三百人", "[200, 300]", "person", "approx"),
    ("1.5万", "15000", None, "exact"),
    ("1.5万多", "(15000, 16000)", None, "plus"),
    ("100多万", "(1e6, 2e6)", None, "plus"),
    ("７３８人", "738", "person", "exact"),
    ("1,000", "1000", None, "exact"),
    ("48 小时", "48", "hour", "exact"),
    ("72小时", "72", "hour", "exact"),
    ("两个小时", "2", "hour", "exact"),
    ("29岁", "29", "age", "exact"),
    ("3倍", "3", "times", "exact"),
    ("约占公司员工总数的95%", "[90.25, 99.75]", "percent", "approx"),
]

EN = [
    ("738", "738", None, "exact"),
    ("738 employees", "738", "person", "exact"),
    ("more than 700 employees", "(700, ∞) soft_hi=800", "person", "more_than"),
    ("More than 700 people", "(700, ∞) soft_hi=800", "person", "more_than"),
    ("over 700", "(700, ∞) soft_hi=800", None, "more_than"),
    ("upwards of 700", "(700, ∞) soft_hi=800", None, "more_than"),
    ("700+ employees", "(700, ∞) soft_hi=800", "person", "more_than"),
    ("nearly 500", "[450, 500)", None, "nearly"),
    ("almost 500 staff", "[450, 500)", "person", "nearly"),
    ("about 770", "[731.5, 808.5]", None, "approx"),
    ("around 770", "[731.5, 808.5]", None, "approx"),
    ("approximately 770", "[731.5, 808.5]", None, "approx"),
    ("some 770 workers", "[731.5, 808.5]", "person", "approx"),
    ("roughly 770", "[731.5, 808.5]", None, "approx"),
    ("less than 500", "[0, 500)", None, "less_than"),
    ("fewer than 500", "[0, 500)", None, "less_than"),
    ("under 500", "[0, 500)", None, "less_than"),
    ("at least 500", "[500, ∞) soft_hi=600", None, "at_least"),
    ("500 or more", "[500, ∞) soft_hi=600", None, "at_least"),
    ("at most 500", "[0, 500]", None, "at_most"),
    ("up to 500", "[0, 500]", None, "at_most"),
    ("$13 billion", "1.3e10", "USD", "exact"),
    ("US$13 billion", "1.3e10", "USD", "exact"),
    ("more than $13 billion", "(1.3e10, ∞) soft_hi=1.4e10", "USD", "more_than"),
    ("$10 million", "1e7", "USD", "exact"),
    ("$1.3bn", "1.3e9", "USD", "exact"),
    ("13 billion dollars", "1.3e10", "USD", "exact"),
    ("20 USD", "20", "USD", "exact"),
    ("1.68%", "1.68", "percent", "exact"),
    ("95 percent", "95", "percent", "exact"),
    ("95 per cent", "95", "percent", "exact"),
    ("over 90%", "(90, 100]", "percent", "more_than"),
    ("1,000", "1000", None, "exact"),
    ("dozens", "[24, 100)", None, "several"),
    ("dozens of employees", "[24, 100)", "person", "several"),
    ("hundreds of millions of dollars", "[2e8, 1e9)", "USD", "several"),
    ("tens of thousands", "[20000, 100000)", None, "several"),
    ("48 hours", "48", "hour", "exact"),
    # number words, as wire copy spells out small numbers
    ("eight", "8", None, "exact"),
    ("six people", "6", "person", "exact"),
    ("at least six", "[6, ∞) soft_hi=7", None, "at_least"),
    ("about five hours", "[4.75, 5.25]", "hour", "approx"),
    ("Twenty-three workers", "23", "person", "exact"),
    ("twenty three", "23", None, "exact"),
    ("one person", "1", "person", "exact"),
    ("two dozen", "24", None, "exact"),
    ("a dozen people", "12", "person", "exact"),
    ("one hundred", "100", None, "exact"),
    ("two hundred thousand people", "200000", "person", "exact"),
    ("3 hundred", "300", None, "exact"),
    ("seven hundred and thirty-eight", "738", None, "exact"),
    ("seven hundred seventy employees", "770", "person", "exact"),
    ("nine hundred ninety nine", "999", None, "exact"),
    ("one hundred and five", "105", None, "exact"),
    ("twenty-three thousand four hundred", "23400", None, "exact"),
    # one-letter millions and billions: a capital alone, a small letter after a currency sign
    ("$84m", "8.4e7", "USD", "exact"),
    ("£5m", "5e6", "GBP", "exact"),
    ("$1.2B", "1.2e9", "USD", "exact"),
    ("3.1M customers", "3.1e6", None, "exact"),
]

TRADITIONAL = [  # as printed in the Traditional seed articles
    ("約 770 名", "[731.5, 808.5]", "person", "approx"),
    ("超過九成", "(90, 100]", "percent", "more_than"),
    ("數十名", "[20, 90]", "person", "several"),
    ("數十億美元", "[2e9, 9e9]", "USD", "several"),
    ("十餘名", "(10, 20)", "person", "plus"),
    ("十幾個小時", "(10, 20)", "hour", "plus"),
    ("13億美元", "1.3e9", "USD", "exact"),
    ("1億美元以上", "[1e8, ∞) soft_hi=2e8", "USD", "at_least"),
    ("上百億美元", "[1e10, 1e11)", "USD", "order_of"),
    ("一萬用戶", "10000", "user", "exact"),
    ("兩千", "2000", None, "exact"),
    ("約占公司員工總數的95%", "[90.25, 99.75]", "percent", "approx"),
    ("超過 700 人", "(700, ∞) soft_hi=800", "person", "more_than"),
]

TABLE = ZH + EN + TRADITIONAL


@pytest.mark.parametrize(("phrase", "interval", "unit", "qualifier"), TABLE)
def test_phrase_means_interval(phrase: str, interval: str, unit: str | None, qualifier: str) -> None:
    q = read(phrase)
    assert q.interval == parse_interval(interval)
    assert (q.unit, q.qualifier) == (unit, qualifier)


@pytest.mark.parametrize(("phrase", "interval", "unit", "qualifier"), ZH)
def test_traditional_reads_like_simplified(
    phrase: str, interval: str, unit: str | None, qualifier: str
) -> None:
    traditional = to_traditional(phrase)
    q = read(traditional)
    assert q.interval == parse_interval(interval)
    assert (q.unit, q.qualifier) == (unit, qualifier)
    assert q.text == traditional[q.span[0] : q.span[1]]


def test_a_quantity_is_an_immutable_value() -> None:
    import dataclasses

    q = read("超过700人")
    with pytest.raises(dataclasses.FrozenInstanceError):
        q.unit = "USD"  # type: ignore[misc]
    assert q == read("超过 700人".replace(" ", "")) and hash(q) == hash(read("超过700人"))
    negated = dataclasses.replace(q, interval=q.interval.scale(-1))
    assert (negated.unit, negated.text, negated.interval.hi) == ("person", "超过700人", -700.0)


def test_matched_text_is_the_phrase_verbatim() -> None:
    q = read("在超過九成 OpenAI 員工")
    assert (q.text, q.span) == ("超過九成", (1, 5))


# -- refusals: dates, times, years, ordinals, codes, idioms ----------------------------------


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2023年", "date"),
        ("11月17日", "date"),
        ("21日", "date"),
        ("北京时间 21 日早", "date"),
        ("12:19", "time"),
        ("2023-11-22 17:23:04", "date"),
        ("第三", "ordinal"),
        ("第 3 名", "ordinal"),
        ("GPT-4", "code"),
        ("GPT-3.5", "code"),
        ("Phi-2", "code"),
        ("A100", "code"),
        ("Maia 100", "product"),
        ("In 2022 the board met", "year"),
        ("v1.2.3", "code"),
        ("一样", "unit"),
        ("之一", "word"),
        ("一切", "unit"),
        ("一起", "unit"),
        ("一直", "unit"),
        ("统一", "word"),
        ("唯一", "word"),
        ("一些", "unit"),
        ("周五", "word"),
        ("星期一", "word"),
        ("一个公司", "article"),
        ("一次又一次", "article"),
        ("这一人事任命", "determiner"),
        ("在同一时间", "determiner"),
        ("十分重要", "unit"),
        ("千万不要", "unit"),
        ("一一回复", "Chinese numeral"),
        ("no numbers here", "no number"),
        ("no one", "'one' or 'zero'"),
        ("5m tall", "code or name"),
        ("two point five", "a decimal in words"),
        ("two point five million dollars", "a decimal in words"),
        ("one of the workers", "'one' or 'zero'"),
        ("someone often phoned", "no number"),
        ("", "empty"),
        ("   ", "empty"),
        ("近0", "interval"),
        ("9" * 40, "too large"),
    ],
)
def test_non_quantities_are_refused_with_a_reason(text: str, reason: str) -> None:
    result = parse_quantity(text)
    assert isinstance(result, NotAQuantity), result
    assert reason in result.reason and result.text == text


@pytest.mark.parametrize("text", ["a\ud800b", "1\x002", "\x00", "𠀀𠀁", "\ufeff500人", "五\u0300人"])
def test_odd_strings_never_raise(text: str) -> None:
    assert isinstance(parse_quantity(text), (Quantity, NotAQuantity))
    find_quantities(text)


def test_a_non_string_is_not_a_quantity() -> None:
    assert isinstance(parse_quantity(500), NotAQuantity)  # type: ignore[arg-type]


# -- in running text ---------------------------------------------------------------------------


def test_find_quantities_in_a_clause() -> None:
    text = "截至北京时间 21 日早,OpenAI 全数约 770 名员工中已经有超过 700 人签署了这封联名信。"
    found = find_quantities(text)
    assert [q.text for q in found] == ["约 770 名", "超过 700 人"]
    for q in found:
        assert text[q.span[0] : q.span[1]] == q.text


def test_spans_index_traditional_text() -> None:
    text = "在超過九成 OpenAI 員工徹底撕破臉,約 770 名員工中已有 738人 簽署"
    found = find_quantities(text)
    assert [q.text for q in found] == ["超過九成", "約 770 名", "738人"]
    assert [text[a:b] for a, b in (q.span for q in found)] == [q.text for q in found]


def test_qualifier_look_back_stops_at_punctuation_and_other_numbers() -> None:
    assert read("大约在上午,95%的员工").qualifier == "exact"
    first, second = find_quantities("约有 3 家公司的95%")
    assert (first.qualifier, second.qualifier) == ("approx", "exact")
    assert read("約占公司員工總數的95%").qualifier == "approx"


def test_look_back_distance_is_policy() -> None:
    text = "约占" + "公司" * 10 + "的95%"
    assert read(text).qualifier == "exact"
    wide = QuantityPolicy(lookback_chars=40)
    q = parse_quantity(text, wide)
    assert isinstance(q, Quantity) and q.qualifier == "approx"


def test_a_guarded_qualifier_is_not_a_qualifier() -> None:
    assert read("纽约 500 家").qualifier == "exact"
    assert read("最近 500 名").qualifier == "exact"
    assert read("再也回不到72 小时之前").qualifier == "exact"


# -- zero without a numeral ---------------------------------------------------------------------

ZERO = [  # (phrase, the part read as zero)
    ("没有股份", "没有股份"),
    ("不持有OpenAI任何股份", "不持有OpenAI任何股份"),
    ("並無任何股權", "並無任何股權"),
    ("手無股權", "無股權"),
    ("未持股", "未持股"),
    ("no stake", "no stake"),
    ("holds No Shares in OpenAI", "No Shares"),
    ("does not own any equity", "not own any equity"),
    ("without any stake", "without any stake"),
    ("无", "无"),
    ("没有", "没有"),
    ("none", "none"),
    (" None ", "None"),
    ("zero", "zero"),
]


@pytest.mark.parametrize(("phrase", "zero"), ZERO)
def test_a_phrase_can_state_zero_without_a_numeral(phrase: str, zero: str) -> None:
    q = read(phrase)
    assert q.interval == Interval.point(0)
    assert (q.unit, q.qualifier, q.text) == (None, "exact", zero)
    assert phrase[q.span[0] : q.span[1]] == zero


@pytest.mark.parametrize(
    "text",
    ["无人机", "没有签署", "他没有回应", "snow stake", "nostake", "none of them", "无论如何", "not now",
     "没有签署这封信的员工持有什么股份"],  # the negation and what is held are in different clauses of meaning
)  # fmt: skip
def test_a_negation_alone_is_not_zero(text: str) -> None:
    found = find_quantities(text)
    assert not [q for q in found if q.interval == Interval.point(0)], found


def test_zero_in_running_text_keeps_its_place_among_numbers() -> None:
    text = "他持有不到5%的股份,如今成为了一个没有股份的CEO,约 770 名员工"
    assert [(q.text, q.interval) for q in find_quantities(text)] == [
        ("不到5%", parse_interval("[0, 5)")),
        ("没有股份", Interval.point(0)),
        ("约 770 名", parse_interval("[731.5, 808.5]")),
    ]
    assert read("他成为了一个没有股份的CEO").text == "没有股份"


def test_a_number_wins_over_a_zero_phrase_around_it() -> None:
    assert [q.text for q in find_quantities("没有 3 家公司持有任何股份")] == ["3 家"]


def test_the_zero_words_are_policy() -> None:
    no_english = QuantityPolicy(zero_objects=("股份",), zero_words=frozenset({"无"}))
    assert isinstance(parse_quantity("no stake", no_english), NotAQuantity)
    assert isinstance(parse_quantity("none", no_english), NotAQuantity)
    assert parse_quantity("没有股份", no_english).interval == Interval.point(0)  # type: ignore[union-attr]
    assert read("no stake").interval == Interval.point(0)  # the default is untouched


def test_a_claim_of_no_stake_normalizes_to_zero_percent() -> None:
    from pathlib import Path

    from recon.corpus import load_corpus
    from recon.normalize.claims import normalize_corpus

    corpus, _ = load_corpus(Path(__file__).resolve().parents[1] / "claims")
    normalized = {c.id: c for c in normalize_corpus(corpus)[0]}
    for claim_id in ("002-altman-no-stake", "004-altman-no-stake"):
        value = normalized[claim_id].value
        assert (value.interval, value.unit) == (Interval.point(0), "percent")  # type: ignore[union-attr]


def test_seed_article_quantities() -> None:
    """One integration check on the five seed articles."""
    from pathlib import Path

    sources = Path(__file__).resolve().parents[1] / "claims" / "sources"
    texts = {p.name[:3]: p.read_text(encoding="utf-8") for p in sources.glob("*.txt")}
    found = {name: {q.text: q for q in find_quantities(t)} for name, t in texts.items()}
    assert found["000"]["近 500 名"].interval == parse_interval("[450, 500)")
    assert found["000"]["超过 700 人"].interval.soft_hi == 800
    assert found["001"]["710 多名"].interval == parse_interval("(710, 720)")
    assert found["001"]["超過九成"].interval == parse_interval("(90, 100]")
    assert found["002"]["738人"].interval == Interval.point(738)
    assert found["002"]["約占公司員工總數的95%"].qualifier == "approx"
    assert found["003"]["超过 500 多名"].interval == parse_interval("(500, 600)")
    assert found["004"]["近300亿美元"].interval == parse_interval("[2.7e10, 3e10)")
    all_text = {q for name in found for q in found[name]}
    assert not any(t.startswith(("2023", "2022", "GPT", "12")) for t in all_text)  # dates, names


# -- reconciliation semantics ------------------------------------------------------------------


def test_nearly_500_does_not_overlap_more_than_500_plus() -> None:
    assert not read("近500").interval.overlaps(read("超过500多").interval)


def test_710_plus_lies_inside_more_than_700() -> None:
    assert read("超过700").interval.contains_interval(read("710多").interval)


def test_738_lies_inside_more_than_700_and_710_plus_open_end() -> None:
    exact = read("738人").interval
    assert read("超过700人").interval.contains_interval(exact)
    assert Interval(710, math.inf, False, False).contains_interval(exact)
    assert not read("710多").interval.contains_interval(exact)


def test_738_of_770_is_more_than_ninety_percent() -> None:
    share = read("738人").interval / read("770").interval
    more_than_ninety = read("超過九成").interval.scale(1 / 100)
    assert more_than_ninety.contains_interval(share)
    assert share.contains(Fraction(738, 770))


def test_770_times_10_million_dollars_is_7_7_billion() -> None:
    total = read("770名").interval * read("1000万美元").interval
    assert total == read("77亿美元").interval


# -- normalized text ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "normalized"),
    [
        ("超过700人", "(700, ∞) soft_hi=800 person"),
        ("近300亿美元", "[2.7e10, 3e10) USD"),
        ("738", "738"),
        ("超過九成", "(90, 100] percent"),
    ],
)
def test_format_quantity(phrase: str, normalized: str) -> None:
    q = read(phrase)
    assert format_quantity(q) == normalized
    back = parse_normalized(normalized)
    assert (back.interval, back.unit) == (q.interval, q.unit)


@pytest.mark.parametrize("text", ["", "person", "[1, 2", "约770", "(700, ∞) 人", "[2, 1] USD"])
def test_parse_normalized_refuses_other_text(text: str) -> None:
    with pytest.raises(QuantityError):
        parse_normalized(text)


# -- policy ------------------------------------------------------------------------------------


def test_tolerances_are_policy() -> None:
    loose = QuantityPolicy(nearly_fraction=0.2, approx_fraction=0.1)
    assert parse_quantity("近500", loose).interval == parse_interval("[400, 500)")  # type: ignore[union-attr]
    assert parse_quantity("约500", loose).interval == parse_interval("[450, 550]")  # type: ignore[union-attr]
    assert read("近500").interval == parse_interval("[450, 500)")  # the default is untouched


def test_default_policy_holds_the_documented_tolerances() -> None:
    assert (DEFAULT_POLICY.nearly_fraction, DEFAULT_POLICY.approx_fraction) == (0.10, 0.05)
    assert DEFAULT_POLICY.percent_cap == 100.0


# -- numerals -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [("三", 3), ("十", 10), ("十五", 15), ("二十", 20), ("一百", 100), ("一百零五", 105),
     ("七百三十八", 738), ("两千", 2000), ("三千五", 3500), ("一万", 10**4), ("两万三", 23000),
     ("十万", 10**5), ("一千二百万", 12 * 10**6), ("十亿", 10**9), ("百亿", 10**10),
     ("三亿五千万", 35 * 10**7), ("一万亿", 10**12), ("零", 0)],
)  # fmt: skip
def test_chinese_numerals(text: str, value: int) -> None:
    assert chinese_to_int(text) == value


@pytest.mark.parametrize("text", ["", "一二", "三四", "十十", "百十", "万", "亿万", "万一", "一亿亿", "五x"])
def test_malformed_chinese_numerals(text: str) -> None:
    assert chinese_to_int(text) is None


def test_chinese_ranges() -> None:
    assert chinese_range("五六") == (5, 6)
    assert chinese_range("两三百") == (200, 300)
    assert chinese_range("三五") is None and chinese_range("五") is None


@pytest.mark.parametrize(("x", "s"), [("710", "10"), ("500", "100"), ("738", "1"), ("2.05", "0.01"),
                                      ("1.3E+10", "1E+9"), ("0", "1")])  # fmt: skip
def test_step_is_the_place_of_the_last_nonzero_digit(x: str, s: str) -> None:
    from decimal import Decimal

    assert step(Decimal(x)) == Decimal(s)


def test_fold_keeps_length() -> None:
    for text in ["超過九成", "７３８人", "a\ud800b", "1\x002", "１，０００"]:
        assert len(fold_text(text)) == len(text)
    assert fold_text("超過九成") == "超过九成"
    assert fold_text("７３８％") == "738%"
    assert fold_text("１，０００") == "1，000"  # the full-width comma stays a clause break


def test_traditional_phrases_are_read_without_building_opencc(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fold is a character table, but for the few characters converted by context
    (瞭 in 瞭解 → 了解, 於 in 於菟 stays): only text with one of them reaches opencc."""
    from recon.normalize import script

    def no_opencc() -> None:
        raise AssertionError("opencc was needed")

    monkeypatch.setattr(script, "_opencc", no_opencc)
    clear_parse_cache()
    traditional = [to_traditional(phrase) for phrase, *_ in ZH]
    by_table = [t for t in traditional if "於" not in t]
    assert len(by_table) > len(traditional) - 3
    for text in by_table:
        assert isinstance(parse_quantity(text), Quantity)
    with pytest.raises(AssertionError, match="opencc was needed"):
        fold_text("多於700人")


def test_the_character_table_agrees_with_opencc_and_defers_to_it_by_context() -> None:
    from recon.normalize.script import to_simplified

    hk2s = opencc.OpenCC("hk2s")
    for text in ["瞭解", "一目瞭然", "乾隆", "乾淨", "著名", "顯著", "於是", "頭髮", "後來", "復興", "恢復", "幾乎"]:
        assert to_simplified(text) == hk2s.convert(text), text


def test_the_character_table_is_current() -> None:
    """tools/gen_hk2s_table.py regenerates recon/data/hk2s_table.txt after an opencc upgrade."""
    import subprocess
    import sys
    from pathlib import Path

    if not (Path(opencc.__file__).parent / "clib" / "bin" / "opencc_dict").exists():
        pytest.skip("this opencc build has no opencc_dict tool to read its dictionaries")
    tool = Path(__file__).resolve().parents[1] / "tools" / "gen_hk2s_table.py"
    assert subprocess.run([sys.executable, str(tool), "--check"], capture_output=True, check=False).returncode == 0


# -- properties ------------------------------------------------------------------------------------


@given(st.text())
def test_parse_quantity_is_total(text: str) -> None:
    result = parse_quantity(text)
    assert isinstance(result, (Quantity, NotAQuantity))
    if isinstance(result, NotAQuantity):
        assert not result.reason.startswith("internal error"), result.reason
    else:
        assert result.interval.lo <= result.interval.hi
        assert text[result.span[0] : result.span[1]] == result.text


_PIECES = [p for p, *_ in TABLE] + ["的", ",", "。", " ", "OpenAI", "2023年", "11月17日", "GPT-4", "员工"]


@given(st.lists(st.sampled_from(_PIECES), max_size=8))
def test_find_quantities_spans_are_ordered_and_verbatim(pieces: list[str]) -> None:
    text = "".join(pieces)
    found = find_quantities(text)
    ends = [0]
    for q in found:
        assert q.span[0] >= ends[-1] and q.span[0] < q.span[1]
        assert text[q.span[0] : q.span[1]] == q.text
        ends.append(q.span[1])


_HK2S = opencc.OpenCC("hk2s")
_TRADITIONAL_TEXT = "".join(to_traditional(p) for p, *_ in ZH) + "瞭解乾隆著名頭髮後來於是萬與為個們這說"


@given(st.text(alphabet=st.sampled_from(_TRADITIONAL_TEXT + "的 ,。0"), max_size=30))
def test_the_fold_to_simplified_equals_opencc(text: str) -> None:
    from recon.normalize.script import to_simplified

    assert to_simplified(text) == _HK2S.convert(text)


@given(st.sampled_from(ZH))
def test_traditional_equals_simplified(row: tuple[str, str, str | None, str]) -> None:
    simplified, traditional = read(row[0]), read(to_traditional(row[0]))
    assert simplified.interval == traditional.interval
    assert (simplified.unit, simplified.qualifier) == (traditional.unit, traditional.qualifier)
    assert simplified.span == traditional.span


@given(st.sampled_from(TABLE))
def test_normalized_form_round_trips(row: tuple[str, str, str | None, str]) -> None:
    q = read(row[0])
    back = parse_normalized(format_quantity(q))
    assert (back.interval, back.unit) == (q.interval, q.unit)
    assert q.interval.lo <= q.interval.hi


@pytest.mark.parametrize("text", ["1e3 employees", "$1e400", "1.5E9 USD", "10^400 people"])
def test_a_number_with_an_exponent_is_refused_not_cut_short(text: str) -> None:
    result = parse_quantity(text)
    assert isinstance(result, NotAQuantity) and "exponent" in result.reason
