"""Which properties a value can fill, and in what words it fills them.

A percentage fills a percent property, 美元 a money one, 738人 a count; a
property that names the value's unit (岁 → age) is tried before one that
would need the unit dropped (一万用户 → 一万 for a count of people). A change
keeps its sign word (收跌1.68%), since the normalizer reads 跌 as negative.
"""

from __future__ import annotations

from collections.abc import Iterator

from recon.extract.candidates import LexiconHit, ValueMention
from recon.model import Property
from recon.normalize.claims import DECREASE_WORDS
from recon.normalize.quantity import Quantity, parse_quantity
from recon.normalize.script import match_key

CURRENCIES = frozenset({"USD", "CNY", "HKD", "EUR", "GBP", "JPY"})
_SHARES = frozenset({"percent", "percentage_point"})
_TIME_UNITS = frozenset({"hour", "minute", "day", "week", "month", "year"})


def attempts(value: ValueMention, options: list[tuple[Property, LexiconHit | None]]
              ) -> Iterator[tuple[Property, LexiconHit | None, bool]]:
    """The order to try (property, evidence, without its unit?): a property a lexicon word names, taking
    the value as written; one measured in the unit written; a named one without the unit; any other."""
    unit = value.quantity.unit if value.quantity else None
    named = [o for o in options if o[1] is not None]
    unnamed = [o for o in options if o[1] is None]
    yield from ((prop, hit, False) for prop, hit in named)
    yield from ((prop, hit, False) for prop, hit in unnamed if unit is not None and prop.unit == unit)
    yield from ((prop, hit, True) for prop, hit in named)
    yield from ((prop, hit, False) for prop, hit in unnamed)
    yield from ((prop, hit, True) for prop, hit in unnamed)


def kinds_wanted(value: ValueMention) -> set[str]:
    """The property kinds a value can fill, by what it is and its unit."""
    if value.kind == "time":
        return {"datetime"}
    if value.kind == "role":
        return {"role"}
    unit = value.quantity.unit if value.quantity else None
    if unit in CURRENCIES:
        return {"money"}
    if unit in _SHARES:
        return {"percent"}
    if unit in _TIME_UNITS:
        return {"quantity"}
    return {"count", "quantity"} if unit is None else {"count"}


def wordings(value: ValueMention, prop: Property, visible: str, bare: bool) -> list[str]:
    """The value as written, with a change's sign word (收跌1.68%); ``bare``: without its unit (一万用户 → 一万)."""
    if bare:
        head = _without_unit(value.quantity) if value.quantity and value.quantity.unit else None
        return [head] if head else []
    texts = [value.text]
    if value.quantity is not None and prop.id.endswith("-change"):
        texts.insert(0, _with_sign_word(value, prop, visible))
    return list(dict.fromkeys(texts))


def _with_sign_word(value: ValueMention, prop: Property, visible: str) -> str:
    start = value.span[0]
    before = match_key(visible[max(0, start - 3):start]).lower()
    for word in sorted({*DECREASE_WORDS, *(match_key(w).lower() for w in prop.lexicon)}, key=len, reverse=True):
        at = before.rfind(word)
        if word and at != -1 and at + len(word) == len(before):
            return visible[start - len(word):value.span[1]]
    return value.text


def _without_unit(quantity: Quantity) -> str | None:
    """The shortest head of a count that reads as the same number with no unit (一万用户 → 一万).

    Only counts of people and things: an amount of 元 is not one of 美元, nor a share a count."""
    if quantity.unit in CURRENCIES or quantity.unit in _SHARES:
        return None
    for end in range(1, len(quantity.text)):
        head = quantity.text[:end].rstrip()
        parsed = parse_quantity(head)
        if isinstance(parsed, Quantity) and parsed.unit is None and parsed.interval == quantity.interval:
            return head
    return None
