"""The shortcut for plain phrases (recon.normalize.quantity_fast) against the scanner.

`parse_quantity` reads a text that is one plain phrase (738人, 超过 700 人, $13 billion)
without the scan; everything else goes to the scanner.  The shortcut must never change
a result: each test here parses texts both ways and compares the results, and
checks that the shortcut does take the phrases it is for (a shortcut that always
declined would agree trivially).
"""

from __future__ import annotations

import dataclasses
import importlib.util
import random
from pathlib import Path

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recon.normalize.numerals import EN_MAGNITUDES, fold_text
from recon.normalize.quantity import DEFAULT_POLICY, Quantity, _parse, _plain_phrase
from recon.normalize.quantity_grammar import Grammar, grammar_for

G = grammar_for(DEFAULT_POLICY)
_S2T = opencc.OpenCC("s2t")


def _bench_phrases() -> dict[str, list[str]]:
    path = Path(__file__).resolve().parents[1] / "bench" / "bench_quantity.py"
    spec = importlib.util.spec_from_file_location("bench_quantity", path)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench._phrases()


BENCH = _bench_phrases()
# the bench phrases the scanner reads: a qualifier apart from its number, 百分之 before a
# Chinese numeral, an English plural with "of"
NOT_PLAIN = {"约占公司员工总数的95%", "約佔公司員工總數的95%", "百分之九十五", "dozens of employees"}


def assert_same(text: str, g: Grammar = G) -> None:
    """The shortcut's result is the scanner's, in every field (and so is the reason for none)."""
    fast, slow = _parse(text, g), _parse(text, g, shortcut=False)
    assert fast == slow, text
    if isinstance(fast, Quantity):  # == compares intervals by value: check the float ends exactly
        assert repr(fast) == repr(slow), text


def takes_shortcut(text: str) -> bool:
    return _plain_phrase(text, fold_text(text), G) is not None


# -- the bench phrases ---------------------------------------------------------------------------


@pytest.mark.parametrize("text", [p for phrases in BENCH.values() for p in phrases])
def test_bench_phrases_read_alike(text: str) -> None:
    assert_same(text)


@pytest.mark.parametrize("name", list(BENCH))
def test_the_shortcut_takes_the_plain_bench_phrases(name: str) -> None:
    missed = {p for p in BENCH[name] if not takes_shortcut(p)}
    assert missed <= NOT_PLAIN


# -- generated phrases ---------------------------------------------------------------------------

QUALIFIERS = [w for w, _ in DEFAULT_POLICY.prefix_qualifiers]
CURRENCIES = [w for w, _ in DEFAULT_POLICY.currency_prefixes] + ["US$", "Usd", "HK$"]
UNITS = [w for w, _, _ in DEFAULT_POLICY.units] + ["Employees", "PERCENT", "名字", "人民", "位置", "成员", "周年"]
SUFFIXES = [w for w, _ in DEFAULT_POLICY.suffix_qualifiers]
NUMBERS = [
    "0", "7", "10", "95", "500", "710", "738", "2023", "1,000", "1,0000", "12,345,678", "1.5", "2.05", "0.5",
    "007", "1" * 19, "9" * 40, "一", "三", "十", "十五", "一百", "七百三十八", "两千", "一万", "百亿", "五六",
    "两三百", "零", "百", "万", "一二", "十十", "数十", "几百", "上千", "上百亿", "数",
]  # fmt: skip
MAGNITUDES = ["万", "亿", "千万", "百万", "万亿", "千", "百", *EN_MAGNITUDES, " billion", " Million", "BN"]
PLUS = ["多", "余", "几", " 多"]
SPACES = ["", " ", "  ", "\t", "\u00a0", "\u3000"]
# what may stand next to a phrase and change its reading: dates, codes, ordinals,
# determiners, zero phrases, other numbers, clause breaks
NEAR = [
    "第", "第 ", "GPT-", "A", "x", "-", ".", ":", "@", "/", "这", "之", "周", "年", "月", "日", "号", "的", ",",
    "，", "。", "\n", "没有", "不", "股份", "none", "no ", "约占公司员工总数的", "1", "a", "Maia ", "In ", "人",
    ":30", "-2", ".5", ".x", "s", "D", "o", " of", " of people", "or more", "次", "+5", "%", "个",
]  # fmt: skip


def phrase(draw: random.Random) -> str:
    """One phrase of the shapes the shortcut reads, and of the near misses around them."""

    def maybe(words: list[str], p: float) -> str:
        return draw.choice(words) if draw.random() < p else ""

    text = maybe(NEAR, 0.15) + maybe(QUALIFIERS, 0.5) + maybe(SPACES, 0.4) + maybe(CURRENCIES, 0.25)
    text += maybe(SPACES, 0.3) + draw.choice(NUMBERS) + maybe(PLUS, 0.2) + maybe(MAGNITUDES, 0.3) + maybe(PLUS, 0.1)
    text += maybe(SPACES, 0.3) + maybe(UNITS, 0.5) + maybe(SPACES, 0.2) + maybe(SUFFIXES, 0.25) + maybe(NEAR, 0.2)
    if draw.random() < 0.1:
        text = text.upper()
    return _S2T.convert(text) if draw.random() < 0.3 else text


def test_generated_phrases_read_alike() -> None:
    draw = random.Random(20261123)
    texts = [phrase(draw) for _ in range(4000)]
    for text in texts:
        assert_same(text)
    assert sum(map(takes_shortcut, texts)) > len(texts) // 10  # the shortcut was tried in earnest


@settings(max_examples=300, deadline=None)
@given(st.randoms(use_true_random=False))
def test_random_phrases_read_alike(draw: random.Random) -> None:
    text = phrase(draw)
    assert_same(text)
    assert_same(_S2T.convert(text))


@pytest.mark.parametrize("number", ["700", "七百", "1.5"])
def test_every_qualifier_and_currency_reads_alike(number: str) -> None:
    """The scanner looks back from the number for the longest currency, then qualifier:
    every pair, spaced or not, reads the same forwards."""
    for qualifier in ["", *QUALIFIERS]:
        for currency in ["", *CURRENCIES]:
            for space in ("", " "):
                for text in (qualifier + space + currency + space + number, qualifier + currency + number + "人"):
                    assert_same(text)
                    assert_same(_S2T.convert(text))


@pytest.mark.parametrize("number", ["5", "500", "十", "1.5"])
def test_every_unit_and_suffix_reads_alike(number: str) -> None:
    for word in UNITS + SUFFIXES:
        for middle in ("", " ", "万", " 多", "多万"):
            for end in ("", "以上", " or more", "人", "x"):
                assert_same(number + middle + word + end)


# Words that would trip the shortcut if it took them: a qualifier that a longer currency
# reaches into (多元¥500 is 元¥500), that holds a numeral (两成500人 is 两成) or ends in an
# ordinal (排第3); a currency of shares before a unit (pc 5人 is 5%); a unit the scanner
# refuses after a number (5.x); a unit after "of" (数十 of people).
ODD_POLICY = dataclasses.replace(
    DEFAULT_POLICY,
    prefix_qualifiers=DEFAULT_POLICY.prefix_qualifiers
    + (("bonus", "more_than"), ("多元", "approx"), ("两成", "approx"), ("排第", "approx")),
    currency_prefixes=DEFAULT_POLICY.currency_prefixes + (("pc", "percent"), ("元¥", "HKD")),
    units=DEFAULT_POLICY.units + ((".x", "times", 1), ("of people", "user", 1)),
)
ODD_TEXTS = [
    "bonus$13", "bonus us$13", "多元¥500", "多元 ¥500", "两成500人", "两成 500", "排第3", "排第 三", "pc 5人",
    "pc 5 人", "pc5", "5.x", "5 .x", "数十 of people", "数十 of 人", "数十of people", "dozens of people",
]  # fmt: skip


@pytest.mark.parametrize("text", ODD_TEXTS)
def test_words_the_shortcut_must_leave_to_the_scanner(text: str) -> None:
    assert_same(text, grammar_for(ODD_POLICY))


# -- the fold it matches on ------------------------------------------------------------------


def test_the_plain_alphabet_folds_character_by_character() -> None:
    """`AlphabetFold` equals `fold_text` only on an alphabet without characters hk2s changes
    or converts by context, with table entries that are not converted by context either."""
    from recon.normalize.script import _hk2s_table

    table = _hk2s_table()
    assert G.plain_fold is not None
    assert G.plain_fold.alphabet.isdisjoint(table.changeable)
    assert table.contextual.isdisjoint(map(chr, table.translation))
    assert table.contextual.isdisjoint(map(chr, range(0xFF01, 0xFF5F)))  # nor full-width ones


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("超過过约約億亿萬万美元人名個个０７%％ 多於于瞭解0"), max_size=12))
def test_the_plain_fold_is_the_fold_where_it_lies_in_the_alphabet(text: str) -> None:
    assert G.plain_fold is not None
    plain = G.plain_fold(text)
    if G.plain_fold.alphabet.issuperset(plain):
        assert plain == fold_text(text)
