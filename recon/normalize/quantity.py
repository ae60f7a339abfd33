"""Quantity phrases to intervals with units: "超过700人" → (700, ∞) person.

`find_quantities` scans any text (Simplified, Traditional, English) for number
phrases; `parse_quantity` reads one phrase and never raises.  Every reading is
an `Interval` whose open and closed ends carry the phrase's meaning:

======================  ============================  ==========
phrase                  interval                      qualifier
======================  ============================  ==========
738人, 770               [738, 738]                    exact
近500, nearly 500         [x(1-δ), x)                   nearly
约770, 770左右, about      [x(1-ε), x(1+ε)]              approx
超过700, more than 700    (x, ∞), soft_hi x + step(x)   more_than
x以上, at least x         [x, ∞), soft_hi x + step(x)   at_least
710多, 十余, 十几           (x, x + step(x))              plus
x以下, 最多, at most x     [0, x]                        at_most
不到, 不足, less than x    [0, x)                        less_than
数十, 几百, 数个           [2m, 9m]                      several
五六天, 两三百             [5, 6], [200, 300]            approx
dozens, hundreds of     [24, 100), [200, 1000), …     several
上百亿, 上千               [m, 10m)                      order_of
======================  ============================  ==========

step(x) is the place value of the last non-zero digit (step(710) = 10).  A
trailing 多/余/几 wins over a leading qualifier: 超过500多 is (500, 600).
Shares are capped at `QuantityPolicy.percent_cap`: 超过九成 is (90, 100].

Matching runs on a length-preserving fold of the text (Traditional →
Simplified, full-width → ASCII), so spans index the original text.  Numbers
that are not quantities are refused with a reason: dates and times (2023年,
11月17日, 12:19), years, ordinals (第三), codes and model names (GPT-4,
Maia 100), list markers, and Chinese numerals in idioms (一样, 之一, 一个…):
a Chinese numeral counts only with a unit, classifier, magnitude or qualifier.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable, TypeVar, Union

from recon.interval import Interval, IntervalError, parse_interval
from recon.normalize.numerals import (
    CN_NUMERAL_CHARS,
    EN_MAGNITUDES,
    EN_PLURAL_MAGNITUDES,
    chinese_range,
    chinese_to_int,
    fold_text,
    magnitude_value,
    step,
)

__all__ = [
    "DEFAULT_POLICY",
    "NotAQuantity",
    "Quantity",
    "QuantityError",
    "QuantityMatch",
    "QuantityPolicy",
    "clear_parse_cache",
    "find_quantities",
    "format_quantity",
    "parse_normalized",
    "parse_quantity",
]


_T = TypeVar("_T")


class QuantityError(ValueError):
    """Text that is not a normalized quantity (see `parse_normalized`)."""


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number phrase read as an interval, with its canonical unit and qualifier.

    ``text`` is the phrase verbatim and ``span`` its (start, end) offsets in
    the text it was found in.
    """

    interval: Interval
    unit: str | None
    qualifier: str | None
    text: str
    span: tuple[int, int]


QuantityMatch = Quantity
"""What `find_quantities` yields: a `Quantity`, whose span locates it."""


@dataclass(frozen=True, slots=True)
class NotAQuantity:
    """Why ``text`` could not be read as a quantity."""

    text: str
    reason: str


# -- policy: tolerances and lexicons ----------------------------------------------------

Lexicon = tuple[tuple[str, str], ...]
"""(surface form, value) pairs.  Write zh-Hans: the scanner folds Traditional to it."""

_PREFIX_QUALIFIERS: Lexicon = (
    ("近", "nearly"), ("将近", "nearly"), ("接近", "nearly"), ("几近", "nearly"),
    ("nearly", "nearly"), ("almost", "nearly"), ("close to", "nearly"), ("just under", "nearly"),
    ("约", "approx"), ("大约", "approx"), ("约为", "approx"), ("约有", "approx"),
    ("约合", "approx"), ("约占", "approx"), ("约等于", "approx"), ("约达", "approx"),
    ("大概", "approx"), ("大致", "approx"), ("差不多", "approx"), ("about", "approx"),
    ("around", "approx"), ("approximately", "approx"), ("approx.", "approx"),
    ("roughly", "approx"), ("some", "approx"), ("circa", "approx"),
    ("an estimated", "approx"), ("~", "approx"), ("≈", "approx"),
    ("超过", "more_than"), ("超", "more_than"), ("逾", "more_than"), ("多于", "more_than"),
    ("高于", "more_than"), ("超出", "more_than"), ("more than", "more_than"),
    ("over", "more_than"), ("upwards of", "more_than"), ("in excess of", "more_than"),
    ("above", "more_than"), ("greater than", "more_than"), ("just over", "more_than"),
    (">", "more_than"),
    ("至少", "at_least"), ("最少", "at_least"), ("不少于", "at_least"), ("不低于", "at_least"),
    ("突破", "at_least"), ("at least", "at_least"), ("no fewer than", "at_least"),
    ("no less than", "at_least"), ("≥", "at_least"), (">=", "at_least"),
    ("最多", "at_most"), ("至多", "at_most"), ("不超过", "at_most"), ("不多于", "at_most"),
    ("不高于", "at_most"), ("at most", "at_most"), ("up to", "at_most"),
    ("no more than", "at_most"), ("≤", "at_most"), ("<=", "at_most"),
    ("不到", "less_than"), ("不足", "less_than"), ("少于", "less_than"), ("低于", "less_than"),
    ("未满", "less_than"), ("不满", "less_than"), ("less than", "less_than"),
    ("fewer than", "less_than"), ("under", "less_than"), ("below", "less_than"),
    ("<", "less_than"),
)  # fmt: skip

# Qualifiers that may stand apart from their number in the same clause
# (约占公司员工总数的95%).  Multi-character words only: a lone 约 or 近 far from
# the number is too often part of another word (纽约, 最近).
_DISTANT_QUALIFIERS: Lexicon = tuple(
    (w, q) for w, q in _PREFIX_QUALIFIERS
    if w in ("约占", "约有", "约为", "约合", "约等于", "约达", "大约", "大概", "将近",
             "超过", "突破", "至少", "不到", "不足", "不超过", "不少于")
)  # fmt: skip

_SUFFIX_QUALIFIERS: Lexicon = (
    ("以上", "at_least"), ("以下", "at_most"), ("以内", "at_most"), ("左右", "approx"),
    ("上下", "approx"), ("or more", "at_least"), ("or so", "approx"),
    ("or fewer", "at_most"), ("or less", "at_most"), ("+", "more_than"),
)  # fmt: skip

# surface → (canonical unit, scale); a classifier counts things without a unit.
_UNITS: tuple[tuple[str, str | None, int], ...] = tuple(
    (w, unit, scale) for unit, scale, words in (
        ("person", 1, "人 名 位 员工 employees employee people persons staff staffers workers "
                      "members researchers"),
        ("user", 1, "用户 users"),
        ("USD", 1, "美元 美金 dollars dollar usd"),
        ("CNY", 1, "元 人民币 yuan rmb cny"),
        ("HKD", 1, "港元 港币 hkd"), ("EUR", 1, "欧元 euros eur"), ("GBP", 1, "英镑 gbp"),
        ("JPY", 1, "日元 jpy"),
        ("percent", 1, "% percent per_cent pct"), ("percent", 10, "成"),
        ("percentage_point", 1, "个百分点 百分点 percentage_points"),
        ("hour", 1, "小时 个小时 钟头 个钟头 hours hour"), ("minute", 1, "分钟 minutes"),
        ("day", 1, "天 days day"), ("week", 1, "周 个星期 weeks"), ("month", 1, "个月 months"),
        ("year", 1, "years"), ("age", 1, "岁 years_old"), ("times", 1, "倍 times"),
        (None, 1, "个 家 项 次 条 篇 款 件 支 台 部 辆 架 场 轮 批 份 张 所 座 届 种"),
    ) for w in (raw.replace("_", " ") for raw in words.split())
)  # fmt: skip
_CURRENCY_PREFIXES: Lexicon = (
    ("us$", "USD"), ("$", "USD"), ("usd", "USD"), ("人民币", "CNY"), ("rmb", "CNY"),
    ("¥", "CNY"), ("￥", "CNY"), ("hk$", "HKD"), ("€", "EUR"), ("£", "GBP"),
    ("百分之", "percent"),
)  # fmt: skip
# A surface is not a match when followed (units) or preceded (qualifiers) by these.
_NOT_FOLLOWED_BY: Lexicon = (
    ("成", "员立功本果长交就熟绩型品都"), ("位", "数置于"), ("名", "字单义称片额牌次"),
    ("周", "年岁"), ("天", "下"), ("人", "民事"), ("+", "0123456789"),
)  # fmt: skip
_NOT_PRECEDED_BY: Lexicon = (
    ("近", "最附靠邻亲临贴就远逼走"), ("约", "纽预合签条契公制节婚邀赴相失违履解特盟誓践爽租"),
    ("超", "赶高追入"), ("不到", "回做想找看买等达办用赶见说听接拿收猜料意感遇碰抓吃得"),
)  # fmt: skip
_ARTICLES = "一个 一种 一位 一家 一次 一项 一场 一条 一篇 一款 一批 一件 一支 一部 一座 一所 一张 一份 一轮 一届"


@dataclass(frozen=True)
class QuantityPolicy:
    """Every tolerance and lexicon the quantity parser uses, in one place."""

    nearly_fraction: float = 0.10  # 近 x → [x(1-δ), x)
    approx_fraction: float = 0.05  # 约 x → [x(1-ε), x(1+ε)]
    lookback_chars: int = 12  # how far back in a clause a 约占… may stand
    percent_unit: str = "percent"
    percent_cap: float = 100.0  # a share tops out at 100%
    several_multipliers: tuple[int, int] = (2, 9)  # 数十 → [20, 90]
    order_of_factor: int = 10  # 上百 → [100, 1000)
    english_plurals: tuple[tuple[str, int, int], ...] = (
        ("tens", 20, 100), ("dozens", 24, 100), ("hundreds", 200, 1000),
        ("thousands", 2000, 10**4), ("millions", 2 * 10**6, 10**7),
        ("billions", 2 * 10**9, 10**10),
    )  # fmt: skip
    year_range: tuple[int, int] = (1900, 2100)  # a bare 4-digit number here is a year
    max_value: float = 1e30  # larger readings are refused, not trusted
    prefix_qualifiers: Lexicon = _PREFIX_QUALIFIERS
    distant_qualifiers: Lexicon = _DISTANT_QUALIFIERS
    suffix_qualifiers: Lexicon = _SUFFIX_QUALIFIERS
    plus_suffixes: str = "多余几"  # 710多, 十余, 十几 → (x, x + step(x))
    units: tuple[tuple[str, str | None, int], ...] = _UNITS
    currency_prefixes: Lexicon = _CURRENCY_PREFIXES
    not_followed_by: Lexicon = _NOT_FOLLOWED_BY
    not_preceded_by: Lexicon = _NOT_PRECEDED_BY
    clause_breaks: str = ",，。；;：:!?！？、\n"
    date_suffixes: str = "年月日号时点分秒"  # 2023年, 11月, 17日, 12时 are not quantities
    ordinal_prefixes: str = "第"
    cn_prefix_stops: str = "周期拜之统唯初其"  # 周五, 星期一, 之一, 统一, 唯一, 初一
    determiners: str = "这那此该每同"  # 这一, 每一, 同一: 一 is "this/every/same", no count
    code_neighbours: str = "-–_/@#.:©\\"  # GPT-4, 12:19, @2022
    several_noun_stops: str = "人总次多少无半全倍指分函系参变岁户码据"  # 人数十分: not 数十
    article_phrases: frozenset[str] = frozenset(_ARTICLES.split())


DEFAULT_POLICY = QuantityPolicy()


# -- public API ---------------------------------------------------------------------


def find_quantities(text: str, policy: QuantityPolicy = DEFAULT_POLICY) -> list[QuantityMatch]:
    """Every quantity phrase in ``text``, in order; spans index the original text."""
    return _scan(text, policy, first_only=False)[0]


def parse_quantity(
    text: str, policy: QuantityPolicy = DEFAULT_POLICY
) -> Union[Quantity, NotAQuantity]:
    """The first quantity in ``text``, or `NotAQuantity` saying why there is none.

    Total: it returns for every ``str`` and never guesses a number it cannot
    read.  Results are immutable and cached per policy (the last
    `PARSE_CACHE_SIZE` distinct texts), as claim sets repeat their phrases.
    """
    if not isinstance(text, str):
        return NotAQuantity(repr(text), "not a string")
    grammar_for(policy)  # registers the policy under its id for the cache
    return _parse_cached(text, id(policy))


PARSE_CACHE_SIZE = 1 << 14


def clear_parse_cache() -> None:
    """Forget cached `parse_quantity` results (for benchmarks and policy experiments)."""
    _parse_cached.cache_clear()


@functools.lru_cache(maxsize=PARSE_CACHE_SIZE)
def _parse_cached(text: str, policy_id: int) -> Union[Quantity, NotAQuantity]:
    policy = _GRAMMARS[policy_id][0]
    try:
        found, skipped = _scan(text, policy, first_only=True)
    except Exception as exc:  # totality is the contract; the reason names the bug
        return NotAQuantity(text, f"internal error: {exc!r}")
    if found:
        return found[0]
    if skipped:
        return NotAQuantity(text, skipped[0])
    return NotAQuantity(text, "empty text" if not text.strip() else "no number found")


def format_quantity(q: Quantity) -> str:
    """Canonical text: ``(700, ∞) soft_hi=800 person``; read back by `parse_normalized`."""
    return q.interval.format() + (f" {q.unit}" if q.unit else "")


_NORMALIZED_RE = re.compile(r"\s*(?P<interval>.*?)(?:\s+(?P<unit>[A-Za-z_]+))?\s*")


def parse_normalized(text: str) -> Quantity:
    """Inverse of `format_quantity` (interval and unit; the qualifier is not stored).

    Raises `QuantityError` on anything else.
    """
    m = _NORMALIZED_RE.fullmatch(text)
    if m is None:
        raise QuantityError(f"not a normalized quantity: {text!r}")
    try:
        interval = parse_interval(m["interval"])
    except IntervalError as exc:
        raise QuantityError(f"not a normalized quantity: {text!r}: {exc}") from None
    return Quantity(interval, m["unit"], None, text, (0, len(text)))


# -- grammar: the policy compiled to lookup tables and patterns, once per policy -------------

_SPACES = " \t\u00a0"  # spacing allowed inside a phrase: 600 亿, more than 700
_S = "[ \t\u00a0]*"
_CN_MAGNITUDE = "(?:[十百千](?:万|亿)?|万|亿)"
_MAGNITUDE_STARTS = frozenset("十百千万亿" + "".join(w[0] + w[0].upper() for w in EN_MAGNITUDES))


class _Lexicon:
    """Longest-match lookup of lexicon words at a position, forwards or backwards.

    Much faster than a regex alternation of a hundred words.  Latin words
    match whole words only and case-insensitively; the policy's guards
    (`QuantityPolicy.not_preceded_by`, `not_followed_by`) are honoured.
    """

    def __init__(self, words: Iterable[str], policy: QuantityPolicy) -> None:
        preceded = {fold_text(w).lower(): fold_text(c) for w, c in policy.not_preceded_by}
        followed = {fold_text(w).lower(): fold_text(c) for w, c in policy.not_followed_by}
        self._by_first: dict[str, list[_Entry]] = {}
        self._by_last: dict[str, list[_Entry]] = {}
        for word in sorted(set(words), key=lambda w: (-len(w), w)):
            entry = _Entry(word, preceded.get(word, ""), followed.get(word, ""))
            for first in {word[0], word[0].upper()}:
                self._by_first.setdefault(first, []).append(entry)
            for last in {word[-1], word[-1].upper()}:
                self._by_last.setdefault(last, []).append(entry)

    def match_at(self, text: str, pos: int) -> tuple[str, int] | None:
        """The longest word starting at ``pos``, as (word, end)."""
        for entry in self._by_first.get(text[pos : pos + 1], ()):
            end = pos + entry.length
            if entry.matches(text, pos, end):
                return entry.word, end
        return None

    def match_before(self, text: str, end: int, lo: int) -> tuple[str, int] | None:
        """The longest word ending at ``end`` and starting at or after ``lo``, as (word, start)."""
        for entry in self._by_last.get(text[end - 1 : end], ()) if end > lo else ():
            start = end - entry.length
            if start >= lo and entry.matches(text, start, end):
                return entry.word, start
        return None


class _Entry:
    """One lexicon word with its guards, precomputed for `_Lexicon`."""

    __slots__ = ("word", "length", "latin_start", "latin_end", "cased", "preceded", "followed")

    def __init__(self, word: str, preceded: str, followed: str) -> None:
        self.word, self.length = word, len(word)
        self.latin_start, self.latin_end = _is_latin(word[0]), _is_latin(word[-1])
        self.cased = any(_is_latin(c) for c in word)
        self.preceded, self.followed = preceded, followed

    def matches(self, text: str, start: int, end: int) -> bool:
        found = text[start:end]
        if (found.lower() if self.cased else found) != self.word:
            return False
        before = text[start - 1] if start else ""
        after = text[end : end + 1]
        if self.latin_start and _is_latin(before) or self.latin_end and _is_latin(after):
            return False
        if before and self.preceded and before in self.preceded:
            return False
        return not (after and self.followed and after in self.followed)


@dataclass(frozen=True)
class Grammar:
    """`QuantityPolicy` compiled: the lookup tables and patterns the scanner uses."""

    policy: QuantityPolicy
    core: re.Pattern[str]  # a number: groups arabic, cn, several, several_cls, order_of, plural
    cn_magnitude: re.Pattern[str]  # 万, 亿, 千万 after an Arabic number
    distant: re.Pattern[str]
    clause_stop: re.Pattern[str]  # up to the last clause break or number
    date_after: re.Pattern[str]
    list_marker: re.Pattern[str]
    model_name: re.Pattern[str]
    units: _Lexicon
    en_magnitudes: _Lexicon
    prefix_qualifiers: _Lexicon
    suffix_qualifiers: _Lexicon
    currencies: _Lexicon
    unit_table: dict[str, tuple[str | None, int]]  # word → (canonical unit, scale)
    prefix_table: dict[str, str]  # word → canonical qualifier
    suffix_table: dict[str, str]
    distant_table: dict[str, str]
    currency_table: dict[str, str]
    plurals: dict[str, tuple[int, int]]
    nearly: Decimal
    approx: Decimal


_GRAMMARS: dict[int, tuple[QuantityPolicy, Grammar]] = {}


def grammar_for(policy: QuantityPolicy) -> Grammar:
    """The compiled grammar of ``policy``, built on first use."""
    entry = _GRAMMARS.get(id(policy))
    if entry is None or entry[0] is not policy:
        entry = _GRAMMARS[id(policy)] = (policy, _compile(policy))
    return entry[1]


def _table(pairs: Iterable[tuple[str, _T]]) -> dict[str, _T]:
    """Lexicon entries keyed as the scanner sees them: folded, lower case."""
    return {fold_text(word).lower(): value for word, value in pairs}


def _compile(policy: QuantityPolicy) -> Grammar:
    units = _table((w, (unit, scale)) for w, unit, scale in policy.units)
    prefix_quals = _table(policy.prefix_qualifiers)
    distant_quals = _table(policy.distant_qualifiers)
    suffix_quals = _table(policy.suffix_qualifiers)
    currencies = _table(policy.currency_prefixes)
    plurals = {w: (lo, hi) for w, lo, hi in policy.english_plurals}
    zh_units = "|".join(map(re.escape, sorted((w for w in units if not _is_latin(w[0])), key=len)[::-1]))
    no_several = re.escape(policy.several_noun_stops + CN_NUMERAL_CHARS) + "0-9"
    core = (
        f"(?P<order_of>上{_CN_MAGNITUDE})"
        f"|(?P<several>(?<![{no_several}])[数几]{_CN_MAGNITUDE})"
        f"|(?P<several_cls>(?<![{no_several}])[数几](?={_S}(?:{zh_units})))"
        r"|(?P<arabic>(?<![0-9])(?:[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]+)(?:\.[0-9]+)?)"
        f"|(?P<cn>(?!百分之)[{CN_NUMERAL_CHARS}]+)"
        f"|(?P<plural>(?<![A-Za-z])(?:{'|'.join(map(re.escape, plurals))})(?![A-Za-z]))"
    )
    stops = re.escape(policy.clause_breaks + CN_NUMERAL_CHARS + "半") + "0-9"
    distant = "|".join(_guarded(w, policy) for w in sorted(distant_quals, key=len)[::-1])
    return Grammar(
        policy=policy,
        core=re.compile(core, re.IGNORECASE),
        cn_magnitude=re.compile(f"{_S}(?:[十百千]?(?:万亿|万|亿)|[百千])"),
        distant=re.compile(distant),
        clause_stop=re.compile(f"(?s).*[{stops}]"),
        date_after=re.compile(f"{_S}[{re.escape(policy.date_suffixes)}]"),
        list_marker=re.compile(r"[.、](?![0-9])"),
        model_name=re.compile(r"(?<![A-Za-z0-9])[A-Z][A-Za-z0-9]*[ ]\Z"),
        units=_Lexicon(units, policy),
        en_magnitudes=_Lexicon(EN_MAGNITUDES, policy),
        prefix_qualifiers=_Lexicon(prefix_quals, policy),
        suffix_qualifiers=_Lexicon(suffix_quals, policy),
        currencies=_Lexicon(currencies, policy),
        unit_table=units,
        prefix_table=prefix_quals,
        suffix_table=suffix_quals,
        distant_table=distant_quals,
        currency_table=currencies,
        plurals=plurals,
        nearly=Decimal(repr(policy.nearly_fraction)),
        approx=Decimal(repr(policy.approx_fraction)),
    )


def _guarded(word: str, policy: QuantityPolicy) -> str:
    """A regex for ``word`` honouring its `QuantityPolicy.not_preceded_by` guard."""
    guard = dict(policy.not_preceded_by).get(word)
    return (f"(?<![{re.escape(guard)}])" if guard else "") + re.escape(word)


def _is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


# -- scanning -------------------------------------------------------------------------------


@dataclass(slots=True)
class _Reading:
    """What one core number and its surroundings say, before it becomes an interval."""

    core_start: int
    core_end: int
    kind: str  # a group name of `Grammar.core`, or "cn_range"
    start: int = 0  # the span: prefix qualifier … unit / suffix qualifier
    end: int = 0
    value: Decimal | None = None  # a single number ("arabic", "cn") …
    low: Decimal = Decimal(0)  # … or a range (the other kinds)
    high: Decimal = Decimal(0)
    qualifier: str | None = None
    unit: str | None = None
    scale: int = 1
    plus: bool = False  # 多 / 余 / 几
    counted: bool = False  # a unit or classifier follows (三名, 两家) or a currency leads
    prefixed: bool = False  # a qualifier word stands next to the number (约770, 500以上)
    distant: bool = False  # the qualifier stands apart from the number (约占…95%)
    context: bool = False  # any of the above, or a magnitude: surely a quantity


def _scan(text: str, policy: QuantityPolicy, first_only: bool) -> tuple[list[Quantity], list[str]]:
    g = grammar_for(policy)
    folded = fold_text(text)
    lead, trail = len(folded) - len(folded.lstrip()), len(folded.rstrip())
    found: list[Quantity] = []
    skipped: list[str] = []
    pos = last_end = 0
    while (m := g.core.search(folded, pos)) is not None:
        result = _read(folded, m, last_end, g)
        if isinstance(result, _Reading):
            whole = result.start <= lead and result.end >= trail
            result = _vet(folded, result, whole, g) or _to_quantity(text, result, g)
        if isinstance(result, Quantity):
            found.append(result)
            if first_only:
                break
            pos = last_end = result.span[1]
        else:
            skipped.append(f"{result}: {m.group()!r} at {m.start()}")
            pos = m.end()
    return found, skipped


def _read(folded: str, m: re.Match[str], last_end: int, g: Grammar) -> _Reading | str:
    """Read the core match ``m`` with its suffix (magnitude, unit, …) and prefix."""
    r = _Reading(m.start(), m.end(), m.lastgroup or "", m.start(), m.end())
    word = m.group()
    if r.kind == "arabic":
        r.value = Decimal(word.replace(",", ""))
    elif r.kind == "cn":
        number = chinese_to_int(word)
        span = chinese_range(word) if number is None else None
        if number is not None:
            r.value = Decimal(number)
        elif span is not None:  # 五六天: "five or six"
            r.kind, r.qualifier = "cn_range", "approx"
            r.low, r.high = Decimal(span[0]), Decimal(span[1])
        else:
            return "not a Chinese numeral"
    else:
        _read_range(word, r, g)
    if r.value is not None:
        _read_number_suffix(folded, r, g)
    else:
        _read_range_suffix(folded, r, g)
    _read_prefix(folded, r, last_end, g)
    return r


def _read_range(word: str, r: _Reading, g: Grammar) -> None:
    r.context = True
    if r.kind == "plural":
        low, high = g.plurals[word.lower()]
        r.low, r.high, r.qualifier = Decimal(low), Decimal(high), "several"
        return
    scale = magnitude_value(word[1:]) if len(word) > 1 else 1
    if r.kind == "order_of":
        r.low, r.high = Decimal(scale), Decimal(scale * g.policy.order_of_factor)
        r.qualifier = "order_of"
    else:
        low, high = g.policy.several_multipliers
        r.low, r.high, r.qualifier = Decimal(low * scale), Decimal(high * scale), "several"


def _skip(folded: str, pos: int) -> int:
    while pos < len(folded) and folded[pos] in _SPACES:
        pos += 1
    return pos


def _skip_back(folded: str, pos: int, lo: int) -> int:
    while pos > lo and folded[pos - 1] in _SPACES:
        pos -= 1
    return pos


def _read_number_suffix(folded: str, r: _Reading, g: Grammar) -> None:
    """710多, 1.5万, 77亿美元, 13 billion, 100多万: plus, magnitude, unit, qualifier."""
    p = r.core_end
    q = _skip(folded, p)
    if folded[q : q + 1] and folded[q] in g.policy.plus_suffixes:
        r.plus, p = True, q + 1
    scale, p = _magnitude_at(folded, p, g)
    if scale > 1:
        r.scale, r.context = scale, True
        if not r.plus and folded[p : p + 1] and folded[p] in g.policy.plus_suffixes:
            r.plus, p = True, p + 1  # 1.5万多
    r.context = r.context or r.plus
    r.end = _read_unit_and_qualifier(folded, p, r, g)


def _magnitude_at(folded: str, p: int, g: Grammar) -> tuple[int, int]:
    """A magnitude (万, 千万, billion) at ``p``, as (multiplier, end); (1, p) if none."""
    if folded[_skip(folded, p) : _skip(folded, p) + 1] not in _MAGNITUDE_STARTS:
        return 1, p
    cn = g.cn_magnitude.match(folded, p)
    if cn:
        return magnitude_value(cn.group()), cn.end()
    english = g.en_magnitudes.match_at(folded, _skip(folded, p))
    return (magnitude_value(english[0]), english[1]) if english else (1, p)


def _read_range_suffix(folded: str, r: _Reading, g: Grammar) -> None:
    """hundreds of millions of dollars, dozens of employees, 数十名."""
    p = r.core_end
    after_of = _after_of(folded, p)
    if r.kind == "plural" and after_of is not None:
        for word, scale in EN_PLURAL_MAGNITUDES.items():
            end = after_of + len(word)
            if folded[after_of:end].lower() == word and not _is_latin(folded[end : end + 1]):
                r.scale, p = scale, end
                after_of = _after_of(folded, p)
                break
    if after_of is not None and g.units.match_at(folded, after_of):
        p = after_of  # dozens of employees
    r.end = _read_unit_and_qualifier(folded, p, r, g)


def _after_of(folded: str, pos: int) -> int | None:
    """The position after " of " at ``pos``, if it is there."""
    q = _skip(folded, pos)
    if q > pos and folded[q : q + 2].lower() == "of" and folded[q + 2 : q + 3] in _SPACES:
        return _skip(folded, q + 2)
    return None


def _read_unit_and_qualifier(folded: str, p: int, r: _Reading, g: Grammar) -> int:
    """A unit or classifier, with a qualifier after or before it (1亿美元以上, 700+ employees)."""
    post = None
    unit = g.units.match_at(folded, _skip(folded, p))
    if unit is None:
        post = g.suffix_qualifiers.match_at(folded, _skip(folded, p))
        if post:
            p = post[1]
            unit = g.units.match_at(folded, _skip(folded, p))
    if unit:
        r.unit, unit_scale = g.unit_table[unit[0]]
        r.scale *= unit_scale
        r.counted = r.context = True
        p = unit[1]
        post = post or g.suffix_qualifiers.match_at(folded, _skip(folded, p))
        if post and post[1] > p:
            p = post[1]
    if post:
        r.context = True
        if r.qualifier is None:
            r.qualifier, r.prefixed = g.suffix_table[post[0]], True
    return p


def _read_prefix(folded: str, r: _Reading, last_end: int, g: Grammar) -> None:
    """$13, 百分之95, 超过700, more than $13: a currency and a qualifier just before."""
    p = _skip_back(folded, r.start, last_end)
    currency = g.currencies.match_before(folded, p, last_end)
    if currency:
        unit = g.currency_table[currency[0]]
        if r.unit is None or unit == g.policy.percent_unit:
            r.unit = unit
        r.start, r.counted, r.context = currency[1], True, True
        p = _skip_back(folded, r.start, last_end)
    if r.qualifier is not None:  # ranges carry their own qualifier
        return
    qualifier = g.prefix_qualifiers.match_before(folded, p, last_end)
    if qualifier:
        r.qualifier = g.prefix_table[qualifier[0]]
        r.start, r.prefixed, r.context = qualifier[1], True, True
    elif r.value is not None:
        _read_distant_qualifier(folded, r, max(last_end, r.start - g.policy.lookback_chars), g)


def _read_distant_qualifier(folded: str, r: _Reading, lo: int, g: Grammar) -> None:
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


def _vet(folded: str, r: _Reading, whole: bool, g: Grammar) -> str | None:
    """The reason a reading is not a quantity, or None when it is one."""
    before = folded[r.core_start - 1] if r.core_start > 0 else ""
    nearest = _skip_back(folded, r.core_start, max(0, r.core_start - 3))
    if nearest and folded[nearest - 1] in g.policy.ordinal_prefixes:
        return "an ordinal (第三)"
    if r.kind == "arabic":
        return _arabic_reason(folded, r, whole, g)
    if r.kind in ("cn", "cn_range"):
        return _chinese_reason(folded, r, before, whole, g)
    return None


def _arabic_reason(folded: str, r: _Reading, whole: bool, g: Grammar) -> str | None:
    before = folded[r.core_start - 1] if r.core_start > 0 else ""
    after = folded[r.core_end : r.core_end + 2]
    if before and (before in g.policy.code_neighbours or _is_latin(before)):
        return "part of a code or name (GPT-4, 12:19, A100)"
    if after[:1] in (":", "@") or (after[:1] in ("-", ".") and after[1:2].isalnum()):
        return "part of a time, date, version or address"
    if _is_latin(after[:1]) and not r.counted and r.scale == 1:
        return "part of a code or name (4o, 3D)"
    if not r.counted and g.date_after.match(folded, r.end):
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


def _chinese_reason(folded: str, r: _Reading, before: str, whole: bool, g: Grammar) -> str | None:
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


# -- composing the interval ------------------------------------------------------------------


def _to_quantity(text: str, r: _Reading, g: Grammar) -> Quantity | str:
    qualifier = "plus" if r.plus else (r.qualifier or "exact")
    try:
        interval = _interval_of(r, qualifier, g)
    except (IntervalError, ArithmeticError) as exc:
        return f"no interval: {exc}"
    biggest = interval.hi if interval.hi != math.inf else interval.lo
    if max(abs(interval.lo), abs(biggest)) > g.policy.max_value:
        return "number too large"
    return Quantity(interval, r.unit, qualifier, text[r.start : r.end], (r.start, r.end))


def _interval_of(r: _Reading, qualifier: str, g: Grammar) -> Interval:
    if r.value is None:
        closed_hi = r.kind not in ("plural", "order_of")
        return Interval(float(r.low * r.scale), float(r.high * r.scale), True, closed_hi)
    x = r.value * r.scale if r.scale != 1 else r.value
    interval = _point_rule(x, qualifier, g)
    if r.unit == g.policy.percent_unit:
        interval = _cap_percent(interval, x, g.policy.percent_cap)
    return interval


def _point_rule(x: Decimal, qualifier: str, g: Grammar) -> Interval:
    """The interval a qualifier gives the number x (the table in the module docstring)."""
    fx = float(x)
    if qualifier == "exact":
        return Interval(fx, fx)
    if qualifier == "nearly":
        return Interval(float(x * (1 - g.nearly)), fx, True, False)
    if qualifier == "approx":
        return Interval(float(x * (1 - g.approx)), float(x * (1 + g.approx)))
    if qualifier in ("more_than", "at_least"):
        return Interval(fx, math.inf, qualifier == "at_least", False, float(x + step(x)))
    if qualifier == "plus":
        return Interval(fx, float(x + step(x)), False, False)
    if qualifier in ("at_most", "less_than"):
        return Interval(0.0, fx, True, qualifier == "at_most")
    return Interval.point(fx)


def _cap_percent(interval: Interval, x: Decimal, cap: float) -> Interval:
    """A share cannot pass 100%: (90, ∞) → (90, 100].  Growth rates above the cap stay."""
    if x > Decimal(repr(cap)) or interval.hi <= cap:
        return interval
    soft = interval.soft_hi if interval.soft_hi is not None and interval.soft_hi < cap else None
    return Interval(interval.lo, cap, interval.lo_closed, True, soft)
