"""Normalized values and how two of them compare.

A claim's value, once normalized, is one of four kinds: a quantity (an
interval with a unit), a time span, a term of a role vocabulary, or a piece of
text. :func:`compare` says how two values of one slot relate, before time and
provenance are taken into account (that is :mod:`recon.relations`' job).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import TypeVar

from recon.interval import Interval
from recon.normalize.times import TimeSpan


@dataclass(frozen=True)
class QuantityValue:
    interval: Interval
    unit: str | None
    #: For an exact figure, half of its last written digit: 11% may be 11.4% rounded (0.5), 11.4% may not be
    #: 11.43% rounded... by 0.05 it may. 0 for figures whose digits say nothing (七百, seven).
    rounding: float = 0.0

    def format(self) -> str:
        return f"{self.interval.format()} {self.unit}" if self.unit else self.interval.format()


@dataclass(frozen=True)
class TimeValue:
    span: TimeSpan

    def format(self) -> str:
        return self.span.format()


@dataclass(frozen=True)
class TermValue:
    term: str
    lineage: tuple[str, ...]  # the term, then each broader term up to the root
    disjoint: frozenset[str]  # terms that cannot hold together with this one

    def format(self) -> str:
        return self.term


@dataclass(frozen=True)
class TextValue:
    key: str  # match key: folded to Simplified, case and separators normalized
    text: str

    def format(self) -> str:
        return self.text


Value = QuantityValue | TimeValue | TermValue | TextValue
T = TypeVar("T", Interval, TimeSpan)


class Comparison(Enum):
    """How value A relates to value B, ignoring time."""

    EQUAL = "equal"
    NARROWER = "narrower"  # A is a more precise version of B (A inside B)
    BROADER = "broader"  # B is a more precise version of A
    OVERLAP = "overlap"  # compatible, neither inside the other
    DISJOINT = "disjoint"  # cannot both be true of one thing at one time
    DISTINCT = "distinct"  # different, but both may hold (unrelated roles)


def compare(a: Value, b: Value) -> Comparison:
    if isinstance(a, QuantityValue) and isinstance(b, QuantityValue):
        if a.rounding != b.rounding and a.interval.is_point and b.interval.is_point and a.interval.lo != b.interval.lo:
            rounded = _rounded_from(a, b)
            if rounded is not None:
                return rounded
        return _compare_intervals(a.interval, b.interval)
    if isinstance(a, TimeValue) and isinstance(b, TimeValue):
        return _compare_spans(a.span, b.span)
    if isinstance(a, TermValue) and isinstance(b, TermValue):
        return _compare_terms(a, b)
    if isinstance(a, TextValue) and isinstance(b, TextValue):
        return _compare_text(a, b)
    return Comparison.DISTINCT


def _rounded_from(a: QuantityValue, b: QuantityValue) -> Comparison | None:
    """11% against 11.4%: the coarser figure may be the finer one rounded (within half its last digit,
    [v - r, v + r)); then the finer one refines it. None when it may not."""
    coarse, fine = (a, b) if a.rounding > b.rounding else (b, a)
    low, high = coarse.interval.lo - coarse.rounding, coarse.interval.lo + coarse.rounding
    if not low <= fine.interval.lo < high:
        return None
    return Comparison.NARROWER if fine is a else Comparison.BROADER


def _compare_intervals(a: Interval, b: Interval) -> Comparison:
    same = a.lo == b.lo and a.hi == b.hi and a.lo_closed == b.lo_closed and a.hi_closed == b.hi_closed
    return _by_containment(same, a, b, Interval.contains_interval, Interval.overlaps)


def _compare_spans(a: TimeSpan, b: TimeSpan) -> Comparison:
    return _by_containment(a.start == b.start and a.end == b.end, a, b, TimeSpan.contains, TimeSpan.overlaps)


def _by_containment(same: bool, a: T, b: T, contains: Callable[[T, T], bool],
                    overlaps: Callable[[T, T], bool]) -> Comparison:
    """The comparison of two sets, asking only as much as the answer needs."""
    if same:
        return Comparison.EQUAL
    if contains(b, a):
        return Comparison.NARROWER
    if contains(a, b):
        return Comparison.BROADER
    return Comparison.OVERLAP if overlaps(a, b) else Comparison.DISJOINT


def _compare_terms(a: TermValue, b: TermValue) -> Comparison:
    if a.term == b.term:
        return Comparison.EQUAL
    if b.term in a.lineage:
        return Comparison.NARROWER
    if a.term in b.lineage:
        return Comparison.BROADER
    if set(a.lineage) & b.disjoint or set(b.lineage) & a.disjoint:
        return Comparison.DISJOINT
    return Comparison.DISTINCT


#: Texts longer than this are paraphrase-prone: when they differ, recon does not call them a conflict.
SHORT_TEXT = 12
#: rapidfuzz ratio at or above which two texts count as the same statement reworded.
SAME_TEXT_RATIO = 60.0


def _compare_text(a: TextValue, b: TextValue) -> Comparison:
    if a.key == b.key:
        return Comparison.EQUAL
    if a.key in b.key:
        return Comparison.BROADER
    if b.key in a.key:
        return Comparison.NARROWER
    from rapidfuzz import fuzz

    if fuzz.ratio(a.key, b.key) >= SAME_TEXT_RATIO:
        return Comparison.OVERLAP
    if len(a.key) <= SHORT_TEXT and len(b.key) <= SHORT_TEXT:
        return Comparison.DISJOINT
    return Comparison.DISTINCT


def value_rank(value: Value) -> float:
    """A number to order values of one slot by (best estimate of a quantity, start of a span)."""
    if isinstance(value, QuantityValue):
        return value.interval.best_estimate
    if isinstance(value, TimeValue):
        return value.span.start.timestamp()
    return 0.0
