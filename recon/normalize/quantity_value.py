"""What the quantity parser gives: a `Quantity` (an interval, a unit, the phrase), or why not.

`format_quantity` writes a quantity's canonical text and `parse_normalized`
reads it back; claim files and reports use that text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from recon.interval import Interval, IntervalError, parse_interval

__all__ = ["NotAQuantity", "Quantity", "QuantityError", "QuantityMatch", "format_quantity", "make_quantity",
           "parse_normalized"]


class QuantityError(ValueError):
    """Text that is not a normalized quantity (see `parse_normalized`)."""


@dataclass(frozen=True, slots=True, init=False)
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

    def __init__(
        self, interval: Interval, unit: str | None, qualifier: str | None, text: str, span: tuple[int, int]
    ) -> None:
        # Stored through the slots: twice as fast as the frozen dataclass __init__,
        # and the parser makes one per phrase.
        _set_interval(self, interval)
        _set_unit(self, unit)
        _set_qualifier(self, qualifier)
        _set_text(self, text)
        _set_span(self, span)


_new = object.__new__
_set_interval, _set_unit, _set_qualifier, _set_text, _set_span = (
    getattr(Quantity, name).__set__ for name in ("interval", "unit", "qualifier", "text", "span")
)


QuantityMatch = Quantity
"""What `find_quantities` yields: a `Quantity`, whose span locates it."""


@dataclass(frozen=True, slots=True)
class NotAQuantity:
    """Why ``text`` could not be read as a quantity."""

    text: str
    reason: str


def make_quantity(interval: Interval, unit: str | None, qualifier: str | None, text: str,
                  span: tuple[int, int]) -> Quantity:
    """`Quantity(...)` without the call to ``__init__``: the parser makes one per phrase."""
    q = _new(Quantity)
    _set_interval(q, interval)
    _set_unit(q, unit)
    _set_qualifier(q, qualifier)
    _set_text(q, text)
    _set_span(q, span)
    return q


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
