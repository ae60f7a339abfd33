"""Plain phrases, read without the scan: 738人, 超过 700 人, $13 billion, 1亿美元以上, 数十名.

Most values in a claim set are one number with a qualifier, currency, 多,
magnitude, unit or 以上 around it, and nothing else.  `read_whole` reads such a
text with a match of `Grammar.plain_number` and one of `Grammar.number_suffix`
(`read_whole_range`, for 上百亿 and 数十名: `plain_range` and `unit_suffix`) and
returns what the scanner (`quantity_reading.read`, then `refusal`) would read;
for any other text it returns None, and the caller runs the scanner.  It is a
shortcut, never a second opinion: tests/test_quantity_fast.py checks it against
the scanner.

Why the two agree when the matches take all of the (folded) text:

- the number is the scanner's first `Grammar.core` match, read alike: the words
  before it hold no digit, numeral, 上/数/几 or English plural, and the number
  pattern is the one `Grammar.core` uses;
- its suffix is what the scanner reads: `Grammar.number_suffix` (`unit_suffix`
  after a range) matches right after it, and reaches the end of the text;
- the qualifier and currency are what `WordMatcher.match_before` finds looking
  back from the number: the longest allowed word ending where each ends, as each
  starts the text or follows the qualifier (qualifiers that a longer currency
  could reach into are left out of the pattern);
- the phrase starts the text, so no qualifier can stand apart from it (约占…95%);
- the phrase is all of the text, so `refusal` only looks at the characters next
  to the number, which the pattern allows only where `refusal` has no objection.
"""

from __future__ import annotations

from decimal import Decimal

from recon.normalize.numerals import chinese_to_int, magnitude_value
from recon.normalize.quantity_grammar import Grammar
from recon.normalize.quantity_reading import arabic_value, range_of

__all__ = ["read_whole", "read_whole_range"]


def read_whole(folded: str, g: Grammar) -> tuple[int | Decimal, int, str | None, str] | None:
    """(value, scale, unit, qualifier) of ``folded`` when all of it is one plain phrase,
    read as the scanner reads it, else None.  The scale is the magnitude's and the unit's (万, 成)."""
    m = g.plain_number.match(folded)
    if m is None:
        return None
    qualifier_word, currency, arabic, cn = m.groups()
    plus = mag = plus2 = pre = unit = post = None
    if m.end() < len(folded):
        suffix = g.number_suffix.match(folded, m.end())
        assert suffix is not None  # every part is optional
        if suffix.end() < len(folded):
            return None
        plus, mag, plus2, pre, unit, post = suffix.groups()
    if arabic is not None:
        value = arabic_value(arabic)
    elif (value := chinese_to_int(cn)) is None:
        return None  # a range (五六): the scanner reads it
    scale = magnitude_value(mag) if mag else 1
    unit_name = None
    if unit:
        unit_name, unit_scale = g.unit_table[unit.lower()]
        scale *= unit_scale
    if currency:
        currency_unit = g.currency_table[currency.lower()]
        if unit_name is None or currency_unit == g.policy.percent_unit:
            unit_name = currency_unit
    suffix_word = pre or post
    if suffix_word and qualifier_word:
        return None  # 超过500以上: the scanner leaves 超过 out of the phrase
    if plus or plus2:
        qualifier = "plus"
    elif suffix_word:
        qualifier = g.suffix_table[suffix_word.lower()]
    elif qualifier_word:
        qualifier = g.prefix_table[qualifier_word.lower()]
    else:
        qualifier = "exact"
    return value, scale, unit_name, qualifier


def read_whole_range(folded: str, g: Grammar) -> tuple[int, int, int, bool, str | None, str] | None:
    """(low, high, scale, closed_hi, unit, qualifier) of ``folded`` when all of it is one
    range (上百亿, 数十名), read as the scanner reads it, else None."""
    if folded[:1] not in _RANGE_STARTS or (m := g.plain_range.match(folded)) is None:
        return None
    order_of, several = m.groups()
    unit_name, scale = None, 1
    if m.end() < len(folded):
        suffix = g.unit_suffix.match(folded, m.end())
        assert suffix is not None  # every part is optional
        if suffix.end() < len(folded):
            return None
        if unit := suffix["unit"]:
            unit_name, scale = g.unit_table[unit.lower()]
    low, high, qualifier = range_of("several" if order_of is None else "order_of", order_of or several, g)
    return low, high, scale, order_of is None, unit_name, qualifier  # 上百 is open above: [100, 1000)


_RANGE_STARTS = frozenset("上数几")  # where `Grammar.plain_range` may match
