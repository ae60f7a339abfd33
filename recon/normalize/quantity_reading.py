"""Reading one number with the words around it, and vetting what was read.

`read` takes a match of `Grammar.core` (a number: 700, 七百, 数十, dozens)
and collects what surrounds it into a `Reading`: a magnitude and 多/余 after
it (1.5万多), a unit or classifier (名, 美元, employees), a qualifier before or
after it (超过, 以上, or one standing apart: 约占…95%) and a currency before it
($, 百分之).  `refusal` then says why a reading is not a quantity at all
(a date, an ordinal, a code, an idiom), or None.  `recon.normalize.quantity`
turns what is left into an interval.
"""

from __future__ import annotations

import re
from decimal import Decimal

from recon.normalize.numerals import (EN_PLURAL_MAGNITUDES, chinese_range, chinese_to_int, english_to_int,
                                     magnitude_value)
from recon.normalize.quantity_grammar import LATIN, SPACES, Grammar

__all__ = ["Reading", "arabic_value", "range_of", "read", "refusal"]

_MAX_INT_DIGITS = 18  # longer Arabic numbers are read as Decimal, which takes any length


class Reading:
    """What one core number and its surroundings say, before it becomes an interval.

    One is made per number found, so the attributes most numbers leave alone
    are class defaults rather than set in ``__init__``.
    """

    value: int | Decimal | None = None  # a single number ("arabic", "cn") …
    low: int = 0  # … or a range (the other kinds)
    high: int = 0
    qualifier: str | None = None
    unit: str | None = None
    scale: int = 1
    plus: bool = False  # 多 / 余 / 几
    counted: bool = False  # a unit or classifier follows (三名, 两家) or a currency leads
    prefixed: bool = False  # a qualifier word stands next to the number (约770, 500以上)
    distant: bool = False  # the qualifier stands apart from the number (约占…95%)
    context: bool = False  # any of the above, or a magnitude: surely a quantity

    def __init__(self, kind: str, core_start: int, core_end: int) -> None:
        self.kind = kind  # a group name of `Grammar.core`, or "cn_range"
        self.core_start = self.start = core_start  # start, end: the whole phrase,
        self.core_end = self.end = core_end  # prefix qualifier … unit / suffix qualifier


def read(folded: str, m: re.Match[str], last_end: int, g: Grammar) -> Reading | str:
    """Read the core match ``m`` with its suffix (magnitude, unit, …) and prefix.

    ``last_end`` is where the previous quantity ended: no prefix reaches back past it.
    Returns the reason instead when the number itself cannot be read.
    """
    kind = m.lastgroup or ""
    start, end = m.span()
    r = Reading(kind, start, end)
    word = m.group()
    if kind == "arabic":
        r.value = arabic_value(word)
    elif kind == "cn":
        number = chinese_to_int(word)
        if number is not None:
            r.value = number
        elif (span := chinese_range(word)) is not None:  # 五六天: "five or six"
            r.kind, r.qualifier = "cn_range", "approx"
            r.low, r.high = span
        else:
            return "not a Chinese numeral"
    elif kind == "en":
        r.value = english_to_int(word)
        if r.value is None:
            return "a decimal in words (two point five); write it in digits"
    else:
        _read_range(word, r, g)
    if folded[end : end + 1] in g.suffix_starts:  # else nothing after the number belongs to it
        if r.value is not None:
            _read_number_suffix(folded, r, g)
        else:
            _read_range_suffix(folded, r, g)
    if start > last_end:
        _read_prefix(folded, r, last_end, g)
    return r


def arabic_value(word: str) -> int | Decimal:
    """1,000 → 1000, 1.5 → Decimal("1.5"): exact, as `int` for whole numbers."""
    digits = word.replace(",", "") if "," in word else word
    return int(digits) if "." not in digits and len(digits) <= _MAX_INT_DIGITS else Decimal(digits)


def _read_range(word: str, r: Reading, g: Grammar) -> None:
    r.context = True
    if r.kind == "plural":
        r.low, r.high = g.plurals[word.lower()]
        r.qualifier = "several"
        return
    r.low, r.high, r.qualifier = range_of(r.kind, word, g)


def range_of(kind: str, word: str, g: Grammar) -> tuple[int, int, str]:
    """(low, high, qualifier) of a Chinese range: 上百 (``kind`` order_of) is [100, 1000),
    数十 (several) [20, 90], 数 (several_cls) [2, 9]."""
    scale = magnitude_value(word[1:]) if len(word) > 1 else 1
    if kind == "order_of":
        return scale, scale * g.policy.order_of_factor, "order_of"
    low, high = g.policy.several_multipliers
    return low * scale, high * scale, "several"


def _skip(folded: str, pos: int) -> int:
    while folded[pos : pos + 1] in SPACES:
        pos += 1
    return pos


def _read_number_suffix(folded: str, r: Reading, g: Grammar) -> None:
    """710多, 1.5万, 77亿美元, 13 billion, 100多万: plus, magnitude, unit, qualifier."""
    m = g.number_suffix.match(folded, r.core_end)
    assert m is not None  # every part is optional
    plus, magnitude, plus2 = m.group("plus", "mag", "plus2")
    if magnitude:
        r.scale, r.context = magnitude_value(magnitude), True
    elif (scale := _abbreviated_magnitude(folded, r.core_start, r.core_end)) is not None:
        r.scale, r.context = scale, True
        m = g.number_suffix.match(folded, r.core_end + 1)
        assert m is not None
        plus, plus2 = m.group("plus", "plus2")
    if plus or plus2:
        r.plus = r.context = True
    _read_unit_and_qualifier(m, r, g)


_ABBREVIATIONS = {"m": 10**6, "b": 10**9}
_CURRENCY_SIGNS = frozenset("$£€¥")


def _abbreviated_magnitude(folded: str, start: int, end: int) -> int | None:
    """$84m, £5m, 3.1M, $1.2B: a one-letter million or billion right after the digits. A capital needs
    nothing more; a small m or b needs a currency sign before the number (5m alone is metres)."""
    letter = folded[end:end + 1]
    if letter.lower() not in _ABBREVIATIONS or folded[end + 1:end + 2].isalnum():
        return None
    if letter.islower() and folded[start - 1:start] not in _CURRENCY_SIGNS:
        return None
    return _ABBREVIATIONS[letter.lower()]


def _read_range_suffix(folded: str, r: Reading, g: Grammar) -> None:
    """hundreds of millions of dollars, dozens of employees, 数十名."""
    p = r.core_end
    after_of = _after_of(folded, p)
    if r.kind == "plural" and after_of is not None:
        for word, scale in EN_PLURAL_MAGNITUDES.items():
            end = after_of + len(word)
            if folded[after_of:end].lower() == word and folded[end : end + 1] not in LATIN:
                r.scale, p = scale, end
                after_of = _after_of(folded, p)
                break
    m = g.unit_suffix.match(folded, after_of) if after_of is not None else None
    if m is None or not m["unit"] or m["pre"]:  # a unit right after "of": dozens of employees
        m = g.unit_suffix.match(folded, p)
    assert m is not None  # every part is optional
    _read_unit_and_qualifier(m, r, g)


def _after_of(folded: str, pos: int) -> int | None:
    """The position after " of " at ``pos``, if it is there."""
    q = _skip(folded, pos)
    if q > pos and folded[q : q + 2].lower() == "of" and folded[q + 2 : q + 3] in SPACES:
        return _skip(folded, q + 2)
    return None


def _read_unit_and_qualifier(m: re.Match[str], r: Reading, g: Grammar) -> None:
    """A unit or classifier, with a qualifier after or before it (1亿美元以上, 500以上人):
    the groups of `Grammar.unit_suffix`, ``m`` ending the phrase."""
    unit, post, pre = m.group("unit", "post", "pre")
    if unit:
        r.unit, unit_scale = g.unit_table[unit.lower()]
        r.scale *= unit_scale
        r.counted = r.context = True
    post = pre or post
    if post:
        r.context = True
        if r.qualifier is None:
            r.qualifier, r.prefixed = g.suffix_table[post.lower()], True
    r.end = m.end()


def _read_prefix(folded: str, r: Reading, last_end: int, g: Grammar) -> None:
    """$13, 百分之95, 超过700, more than $13: a currency and a qualifier just before."""
    currency = g.currencies.match_before(folded, r.start, last_end)
    if currency:
        unit = g.currency_table[currency[0]]
        if r.unit is None or unit == g.policy.percent_unit:
            r.unit = unit
        r.start, r.counted, r.context = currency[1], True, True
    if r.qualifier is not None:  # ranges carry their own qualifier
        return
    qualifier = g.prefix_qualifiers.match_before(folded, r.start, last_end)
    if qualifier:
        r.qualifier = g.prefix_table[qualifier[0]]
        r.start, r.prefixed, r.context = qualifier[1], True, True
    elif r.value is not None:
        _read_distant_qualifier(folded, r, max(last_end, r.start - g.policy.lookback_chars), g)


def _read_distant_qualifier(folded: str, r: Reading, lo: int, g: Grammar) -> None:
    """约占公司员工总数的95%: a qualifier earlier in the clause, with no number between."""
    if lo >= r.start or g.distant.search(folded, lo, r.start) is None:
        return
    stop = g.clause_stop.match(folded, lo, r.start)
    last = None
    for last in g.distant.finditer(folded, stop.end() if stop else lo, r.start):
        pass
    if last is not None:
        r.qualifier = g.distant_table[last.group()]
        r.start, r.distant = last.start(), True


# -- vetting: dates, years, codes, idioms -------------------------------------------------


def refusal(folded: str, r: Reading, whole: bool, g: Grammar) -> str | None:
    """The reason a reading is not a quantity, or None when it is one.

    ``whole`` says the reading spans all of the text: a phrase given on its
    own (a claim's value) is trusted further than a number in running text.
    """
    if r.core_start and _ordinal_before(folded, r.core_start, g):
        return "an ordinal (第三)"
    if r.kind == "arabic":
        return _arabic_reason(folded, r, whole, g)
    if r.kind in ("cn", "cn_range"):
        return _chinese_reason(folded, r, whole, g)
    if r.kind == "en" and r.value in (0, 1) and not (whole or r.counted or r.plus or r.prefixed or r.scale > 1):
        return "'one' or 'zero' without a unit or qualifier (one of, no one)"
    return None


def _ordinal_before(folded: str, pos: int, g: Grammar) -> bool:
    """第 within three spaces before ``pos``: 第三, 第 3 名."""
    lo = max(0, pos - 3)
    while pos > lo and folded[pos - 1] in SPACES:
        pos -= 1
    return pos > 0 and folded[pos - 1] in g.policy.ordinal_prefixes


_EXPONENT = re.compile(r"[eE][+-]?[0-9]")


def _arabic_reason(folded: str, r: Reading, whole: bool, g: Grammar) -> str | None:
    before = folded[r.core_start - 1] if r.core_start > 0 else ""
    after = folded[r.core_end : r.core_end + 2]
    if _EXPONENT.match(folded, r.core_end) or "^" in (before, after[:1]):
        return "a number with an exponent (1e3, 10^6); write the number out"
    if before and (before in g.policy.code_neighbours or before in LATIN):
        return "part of a code or name (GPT-4, 12:19, A100)"
    if after[:1] in (":", "@") or (after[:1] in ("-", ".") and after[1:2].isalnum()):
        return "part of a time, date, version or address"
    if after[:1] in LATIN and not r.counted and r.scale == 1:
        return "part of a code or name (4o, 3D)"
    if not r.counted and folded[r.end : r.end + 1] in g.date_starts and g.date_after.match(folded, r.end):
        return "a date or time (年/月/日/时…)"
    if r.context or whole:
        return None
    core = folded[r.core_start : r.core_end]
    if _at_line_start(folded, r.core_start) and g.list_marker.match(folded, r.core_end):
        return "a list marker"
    low_year, high_year = g.policy.year_range
    if len(core) == 4 and core.isdigit() and low_year <= int(core) <= high_year:
        return "a year"
    if g.model_name.search(folded, max(0, r.core_start - 32), r.core_start):
        return "part of a product name (Maia 100)"
    return None


def _at_line_start(folded: str, pos: int) -> bool:
    line_start = folded.rfind("\n", 0, pos) + 1
    return not folded[line_start:pos].strip()


def _chinese_reason(folded: str, r: Reading, whole: bool, g: Grammar) -> str | None:
    before = folded[r.core_start - 1] if r.core_start > 0 else ""
    word = folded[r.core_start : r.core_end]
    if before and before in g.policy.cn_prefix_stops and r.start == r.core_start:
        return "part of a word (周五, 之一, 统一…)"
    if before and word == "一" and before in g.policy.determiners:
        return "a determiner, not a count (这一, 每一, 同一)"
    if whole:
        return None
    following = folded[r.core_end : r.core_end + 1]
    if not r.prefixed and not r.plus and word + following in g.policy.article_phrases:
        return "an article, not a count (一个, 一家, 一次…)"
    counted = any(c in "万亿" for c in word) and word[0] not in "百千万亿"
    if r.counted or r.plus or r.prefixed or counted or r.scale > 1:
        return None
    return "a Chinese numeral without a unit, classifier or qualifier"
