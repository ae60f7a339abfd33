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
没有股份, no stake, 无      [0, 0]                        exact
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
Zero needs no numeral: a negation before something held (没有股份,
不持有OpenAI任何股份, no stake), or a bare 无 / none as the whole phrase.

The parser is these modules, read in this order:

- `recon.normalize.quantity_policy`: `QuantityPolicy`, every tolerance and lexicon;
- `recon.normalize.quantity_grammar`: the policy compiled to patterns and lookups;
- `recon.normalize.quantity_reading`: one number and the words around it;
- `recon.normalize.quantity_fast`: a text that is one plain phrase, read without the scan;
- `recon.normalize.quantity_value`: `Quantity`, what a reading gives, and its canonical text;
- this module: the public API, the scan, and the interval each reading means.
"""

from __future__ import annotations

import functools
import math
from decimal import Decimal

from recon.interval import Interval, IntervalError
from recon.normalize.numerals import fold_text, step
from recon.normalize.quantity_fast import read_whole, read_whole_range
from recon.normalize.quantity_grammar import Grammar, grammar_for
from recon.normalize.quantity_policy import DEFAULT_POLICY, QuantityPolicy
from recon.normalize.quantity_reading import Reading, read, refusal
from recon.normalize.quantity_value import (
    NotAQuantity,
    Quantity,
    QuantityError,
    QuantityMatch,
    format_quantity,
    make_quantity,
    parse_normalized,
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


# -- public API ---------------------------------------------------------------------


def find_quantities(text: str, policy: QuantityPolicy = DEFAULT_POLICY) -> list[QuantityMatch]:
    """Every quantity phrase in ``text``, in order; spans index the original text."""
    return _scan(text, grammar_for(policy), first_only=False)[0]


def parse_quantity(text: str, policy: QuantityPolicy = DEFAULT_POLICY) -> Quantity | NotAQuantity:
    """The first quantity in ``text``, or `NotAQuantity` saying why there is none.

    Total: it returns for every ``str`` and never guesses a number it cannot
    read.  Results are immutable and cached per policy (the last
    `PARSE_CACHE_SIZE` distinct texts), as claim sets repeat their phrases.
    """
    if not isinstance(text, str):
        return NotAQuantity(repr(text), "not a string")
    g = _last_grammar
    if g is None or g.policy is not policy:  # `grammar_for` costs as much as folding a phrase
        g = _remember_grammar(policy)
    return _parse_cached(text, g)


def _remember_grammar(policy: QuantityPolicy) -> Grammar:
    global _last_grammar
    _last_grammar = grammar_for(policy)
    return _last_grammar


_last_grammar: Grammar | None = None  # built on first use


PARSE_CACHE_SIZE = 1 << 14


def clear_parse_cache() -> None:
    """Forget cached `parse_quantity` results (for benchmarks and policy experiments)."""
    _parse_cached.cache_clear()


def _parse(text: str, g: Grammar, shortcut: bool = True) -> Quantity | NotAQuantity:
    """`parse_quantity`, uncached.  Without the ``shortcut`` for plain phrases it is the
    scanner alone, which the shortcut must agree with (tests/test_quantity_fast.py)."""
    try:
        plain = None
        if shortcut:  # a plain phrase matches on `Grammar.plain_fold`, which then is the fold
            plain = text if text.isascii() else g.plain_fold(text) if g.plain_fold else None
            if plain is not None and (result := _plain_phrase(text, plain, g)) is not None:
                return result
        folded = fold_text(text)
        if shortcut and folded != plain and (result := _plain_phrase(text, folded, g)) is not None:
            return result  # folded by context (多於 → 多于), or under a policy without plain_fold
        if g.zero_starts.isdisjoint(folded) or g.zero_hint.search(folded) is None:
            # no zero phrase (the common case): the first number decides
            result = _first_number(text, folded, g)
        else:
            found, skipped = _scan(text, g, first_only=True)
            result = found[0] if found else skipped[0] if skipped else None
    except Exception as exc:  # noqa: BLE001  (totality is the contract; the reason names the bug)
        return NotAQuantity(text, f"internal error: {exc!r}")
    if type(result) is Quantity:
        return result
    return NotAQuantity(text, result or ("empty text" if not text.strip() else "no number found"))


_parse_cached = functools.lru_cache(maxsize=PARSE_CACHE_SIZE)(_parse)


def _plain_phrase(text: str, folded: str, g: Grammar) -> Quantity | None:
    """The quantity that all of ``text`` is, when it is one plain phrase (`read_whole`,
    `read_whole_range`), else None: then `_first_number` reads it, or says why not.

    A zero phrase (没有股份) cannot change that: it would overlap the phrase, and
    `_scan` drops zero phrases that overlap a quantity.
    """
    if (whole := read_whole(folded, g)) is not None:
        result = _point_quantity(text, *whole, 0, len(text), g)
    elif (span := read_whole_range(folded, g)) is not None:
        result = _range_quantity(text, *span, 0, len(text), g)
    else:
        return None
    return result if type(result) is Quantity else None


# -- scanning -------------------------------------------------------------------------------


def _scan(text: str, g: Grammar, first_only: bool) -> tuple[list[Quantity], list[str]]:
    """The quantities in ``text`` (only the first if ``first_only``), and why numbers were skipped."""
    folded = fold_text(text)
    zeros = _zero_phrases(text, folded, g)
    found, skipped = _numbers(text, folded, g, first_only and not zeros)
    if zeros:
        taken = [q.span for q in found]
        zeros = [z for z in zeros if not any(a < z.span[1] and z.span[0] < b for a, b in taken)]
        found = sorted(found + zeros, key=lambda q: q.span)[: 1 if first_only else None]
    return found, skipped


def _numbers(text: str, folded: str, g: Grammar, first_only: bool) -> tuple[list[Quantity], list[str]]:
    lead, trail = len(folded) - len(folded.lstrip()), len(folded.rstrip())
    found: list[Quantity] = []
    skipped: list[str] = []
    pos = last_end = 0
    while (m := g.core.search(folded, pos)) is not None:
        reading = read(folded, m, last_end, g)
        result: Quantity | str
        if isinstance(reading, Reading):
            whole = reading.start <= lead and reading.end >= trail
            result = refusal(folded, reading, whole, g) or _to_quantity(text, reading, g)
        else:
            result = reading
        if isinstance(result, Quantity):
            found.append(result)
            if first_only:
                break
            pos = last_end = result.span[1]
        else:
            skipped.append(f"{result}: {m.group()!r} at {m.start()}")
            pos = m.end()
    return found, skipped


def _first_number(text: str, folded: str, g: Grammar) -> Quantity | str | None:
    """`_numbers` with ``first_only``: the first quantity, else why the first number was
    skipped, else None (no number at all)."""
    lead, trail = len(folded) - len(folded.lstrip()), len(folded.rstrip())
    first_reason = None
    pos = 0
    while (m := g.core.search(folded, pos)) is not None:
        reading = read(folded, m, 0, g)
        if type(reading) is str:
            result: Quantity | str = reading
        else:
            whole = reading.start <= lead and reading.end >= trail
            result = refusal(folded, reading, whole, g) or _to_quantity(text, reading, g)
            if type(result) is Quantity:
                return result
        if first_reason is None:
            first_reason = f"{result}: {m.group()!r} at {m.start()}"
        pos = m.end()
    return first_reason


_ZERO = Interval(0.0, 0.0)


def _zero_phrases(text: str, folded: str, g: Grammar) -> list[Quantity]:
    """没有股份, 不持有OpenAI任何股份, no stake; a bare 无 or none only as the whole text."""
    if g.zero_starts.isdisjoint(folded):  # no negation, no 无 / none: the common case
        return []
    first = g.zero.search(folded)
    if first is None:
        return []
    if first["word"]:
        spans = [first.span("word")]
    else:
        spans = [m.span() for m in g.zero.finditer(folded, first.start())]
    return [Quantity(_ZERO, None, "exact", text[a:b], (a, b)) for a, b in spans]


# -- composing the interval ------------------------------------------------------------------


def _to_quantity(text: str, r: Reading, g: Grammar) -> Quantity | str:
    qualifier = "plus" if r.plus else (r.qualifier or "exact")
    if r.value is not None:
        return _point_quantity(text, r.value, r.scale, r.unit, qualifier, r.start, r.end, g)
    closed_hi = r.kind != "plural" and r.kind != "order_of"  # a range: 数十, 五六; 上百, dozens
    return _range_quantity(text, r.low, r.high, r.scale, closed_hi, r.unit, qualifier, r.start, r.end, g)


def _range_quantity(
    text: str, low: int, high: int, scale: int, closed_hi: bool, unit: str | None, qualifier: str,
    start: int, end: int, g: Grammar,
) -> Quantity | str:
    """The quantity text[start:end] says: a range, times its magnitude."""
    try:
        interval = Interval(float(low * scale), float(high * scale), True, closed_hi)
    except (IntervalError, ArithmeticError) as exc:
        return f"no interval: {exc}"
    return _checked_quantity(interval, unit, qualifier, text, start, end, g)


def _point_quantity(
    text: str, value: int | Decimal, scale: int, unit: str | None, qualifier: str, start: int, end: int, g: Grammar
) -> Quantity | str:
    """The quantity text[start:end] says: a number, times its magnitude, with a qualifier."""
    try:
        x = value * scale if scale != 1 else value
        interval = (type(x) is int and x < _SMALL and _int_rule(x, qualifier, g)) or _point_rule(x, qualifier, g)
        if unit == g.policy.percent_unit:
            interval = _cap_percent(interval, x, g)
    except (IntervalError, ArithmeticError) as exc:
        return f"no interval: {exc}"
    return _checked_quantity(interval, unit, qualifier, text, start, end, g)


def _checked_quantity(
    interval: Interval, unit: str | None, qualifier: str, text: str, start: int, end: int, g: Grammar
) -> Quantity | str:
    """The quantity, or why not: a number above `QuantityPolicy.max_value` is not trusted."""
    lo, hi, top = interval.lo, interval.hi, g.policy.max_value
    if lo > top or lo < -top or (hi != _INF and (hi > top or hi < -top)):  # max(|lo|, |hi| if finite) > top
        return "number too large"
    return make_quantity(interval, unit, qualifier, text[start:end], (start, end))


_INF = math.inf
_SMALL = 10**15  # ints below are exact as floats, and their products with the ratios exact in Decimal


def _int_rule(x: int, qualifier: str, g: Grammar) -> Interval | None:
    """`_point_rule` for a small int x, without Decimal or the checks: the same interval,
    or None when it would be empty (near 0, less than 0), for `_point_rule` to refuse."""
    fx = float(x)
    if qualifier == "exact":
        return _trusted(fx, fx)
    if qualifier == "nearly":
        num, den = g.nearly_ratio
        lo = x * num / den  # int / int rounds once, as float(Decimal) does
        return _trusted(lo, fx, True, False) if lo < fx else None
    if qualifier == "approx":
        (lo_num, lo_den), (hi_num, hi_den) = g.approx_ratios
        lo, hi = x * lo_num / lo_den, x * hi_num / hi_den
        return _trusted(lo, hi) if lo <= hi else None
    if qualifier == "more_than" or qualifier == "at_least":
        return _trusted(fx, _INF, qualifier == "at_least", False, float(x + step(x)))
    if qualifier == "plus":
        return _trusted(fx, float(x + step(x)), False, False)
    if qualifier == "at_most" or qualifier == "less_than":
        return _trusted(0.0, fx, True, qualifier == "at_most") if x or qualifier == "at_most" else None
    return _trusted(fx, fx)


_trusted = Interval._trusted


def _point_rule(x: int | Decimal, qualifier: str, g: Grammar) -> Interval:
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
    return Interval(fx, fx)


def _cap_percent(interval: Interval, x: int | Decimal, g: Grammar) -> Interval:
    """A share cannot pass 100%: (90, ∞) → (90, 100].  Growth rates above the cap stay."""
    cap = g.policy.percent_cap
    if x > g.percent_cap or interval.hi <= cap:
        return interval
    soft = interval.soft_hi if interval.soft_hi is not None and interval.soft_hi < cap else None
    return Interval(interval.lo, cap, interval.lo_closed, True, soft)
