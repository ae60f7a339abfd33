"""How two claims of one slot relate: the edges of the claim graph.

The relation follows from three things: how the values compare
(:func:`recon.values.compare`), whether the times they refer to overlap, and
the property's temporal behaviour. Times are UTC intervals, so a US Pacific
"11-17" and a Beijing "周六早晨" overlap and cannot make a conflict.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import Enum
from typing import NamedTuple

from recon.normalize.claims import NormalizedClaim, is_publication
from recon.normalize.times import TimeSpan
from recon.values import Comparison, TextValue, compare, value_rank

#: Time precisions at which two overlapping readings of a count are the same moment.
FINE_PRECISIONS = frozenset({"second", "minute", "hour", "part_of_day"})


class RelationKind(str, Enum):
    DUPLICATE = "duplicate"  # the same claim from the same origin: counted once
    AGREES = "agrees"  # values overlap at overlapping times
    REFINES = "refines"  # one is a more precise version of the other
    EVOLVES = "evolves"  # different values at different times, as the property allows
    COEXISTS = "coexists"  # different values that can both hold (roles of one person)
    CONFLICTS = "conflicts"  # incompatible at the same time, or an accumulating count that shrank


#: Relation kinds as small integers, for arrays of pairs (recon.pairs, recon.scoring).
KIND_CODE: dict[RelationKind, int] = {kind: code for code, kind in enumerate(RelationKind)}


class Edge(NamedTuple):
    """A relation between two claims; for refines the first is the more precise, for evolves the earlier.

    The reason is worded only when someone reads it: a large corpus has
    millions of edges and shows a handful.
    """

    first: str
    second: str
    kind: RelationKind
    cause: str  # a key of REASONS
    first_claim: NormalizedClaim
    second_claim: NormalizedClaim

    @property
    def reason(self) -> str:
        return REASONS[self.cause](self.first_claim, self.second_claim)


def _edge(kind: RelationKind, cause: str, first: NormalizedClaim, second: NormalizedClaim) -> Edge:
    return Edge(first.id, second.id, kind, cause, first, second)


def relate(a: NormalizedClaim, b: NormalizedClaim, origin_a: str, origin_b: str) -> Edge:
    """How a relates to b. Reads only their values, times, property and whether the origins match:
    :mod:`recon.pairs` relies on that to reuse one answer for many pairs."""
    comparison = compare(a.value, b.value)
    if comparison is Comparison.EQUAL:
        if origin_a == origin_b:
            return _edge(RelationKind.DUPLICATE, "same-origin", a, b)
        return _edge(RelationKind.AGREES, "same-value", a, b)
    if comparison is Comparison.NARROWER:
        return _edge(RelationKind.REFINES, "within", a, b)
    if comparison is Comparison.BROADER:
        return _edge(RelationKind.REFINES, "within", b, a)
    if comparison is Comparison.OVERLAP:
        return _edge(RelationKind.AGREES, "overlap", a, b)
    if a.prop.multi_valued and (comparison is Comparison.DISTINCT or isinstance(a.value, TextValue)):
        return _edge(RelationKind.COEXISTS, "multi-valued", a, b)
    if comparison is Comparison.DISTINCT and isinstance(a.value, TextValue):
        return _edge(RelationKind.COEXISTS, "long-text", a, b)
    return _different_values(a, b)


def _different_values(a: NormalizedClaim, b: NormalizedClaim) -> Edge:
    behaviour = a.prop.behaviour
    if behaviour == "static":
        return _edge(RelationKind.CONFLICTS, "one-true-value", a, b)
    if behaviour == "changing" and _same_news_cycle(a, b):
        return _edge(RelationKind.CONFLICTS, "same-news-cycle", a, b)
    earlier, later = _time_order(a, b)
    if earlier is None or later is None:
        return _edge(RelationKind.CONFLICTS, "same-time", a, b)
    if behaviour == "accumulating" and value_rank(earlier.value) > value_rank(later.value):
        # the values are disjoint here, so ranks order them unambiguously
        return _edge(RelationKind.CONFLICTS, "decreased", earlier, later)
    return _edge(RelationKind.EVOLVES, "changed", earlier, later)


def _same_news_cycle(a: NormalizedClaim, b: NormalizedClaim) -> bool:
    """Two undated claims published less than the property's ``undated_window`` apart.

    Neither says when its value held: each is as of its publication, and a
    report lags the world by hours. So close together, nothing shows that the
    value changed in between, and different values disagree. (Publications on
    the same day, or at the same instant, overlap and conflict regardless.)
    """
    if a.as_of is None or b.as_of is None or not (is_publication(a.as_of) and is_publication(b.as_of)):
        return False
    return abs(a.as_of.start - b.as_of.start) < a.prop.undated_window


def _time_order(a: NormalizedClaim, b: NormalizedClaim) -> tuple[NormalizedClaim | None, NormalizedClaim | None]:
    """The earlier and the later claim, or (None, None) when their times cannot be told apart.

    Disjoint spans order plainly. Overlapping spans (a whole day against one
    morning of it) order only for accumulating counts, which may grow within
    the overlap, by their midpoints; for other properties they are the same time.
    """
    if a.as_of is None or b.as_of is None:
        return None, None
    if a.as_of.end <= b.as_of.start:
        return a, b
    if b.as_of.end <= a.as_of.start:
        return b, a
    if a.prop.behaviour == "accumulating":
        mid_a, mid_b = _midpoint(a.as_of), _midpoint(b.as_of)
        if mid_a != mid_b:
            return (a, b) if mid_a < mid_b else (b, a)
        if not {a.as_of.precision, b.as_of.precision} <= FINE_PRECISIONS:
            # two readings within one day: the count may have grown in between, smaller first
            return (a, b) if value_rank(a.value) <= value_rank(b.value) else (b, a)
    return None, None


def _midpoint(span: TimeSpan) -> float:
    return (span.start.timestamp() + span.end.timestamp()) / 2


def _show(claim: NormalizedClaim) -> str:
    return f"{claim.claim.value} ({claim.source.id})"


def _duration(span: dt.timedelta) -> str:
    """A window in words: '1 day', '6 hours', '90 minutes'."""
    for unit, seconds in (("day", 86_400), ("hour", 3_600), ("minute", 60)):
        if span.total_seconds() % seconds == 0 and span.total_seconds() >= seconds:
            count = int(span.total_seconds() // seconds)
            return f"{count} {unit}{'s' if count != 1 else ''}"
    return f"{span.total_seconds():g} seconds"


def _when(claim: NormalizedClaim) -> str:
    return claim.claim.time or "at publication"


#: How each cause of an edge reads, given the edge's first and second claim.
REASONS: dict[str, Callable[[NormalizedClaim, NormalizedClaim], str]] = {
    "same-origin": lambda a, b: "same value from the same origin",
    "same-value": lambda a, b: "same value",
    "within": lambda a, b: f"{_show(a)} lies within {_show(b)}",
    "overlap": lambda a, b: f"{_show(a)} and {_show(b)} overlap",
    "multi-valued": lambda a, b: f"{a.prop.label} can hold several values at once",
    "long-text": lambda a, b: (f"{_show(a)} and {_show(b)} are worded differently; "
                               "long texts are not judged as conflicting"),
    "one-true-value": lambda a, b: f"{_show(a)} and {_show(b)} cannot both be true ({a.prop.label} has one true value)",
    "same-time": lambda a, b: f"{_show(a)} and {_show(b)} differ at the same time",
    "same-news-cycle": lambda a, b: (f"{_show(a)} and {_show(b)} differ, and neither says when; reports published "
                                     f"within {_duration(a.prop.undated_window)} of each other describe the same "
                                     "moment"),
    "decreased": lambda a, b: (f"{a.prop.label} never decreases, but {_show(a)} ({_when(a)}) "
                               f"is more than {_show(b)} ({_when(b)})"),
    "changed": lambda a, b: f"{_show(a)} ({_when(a)}) became {_show(b)} ({_when(b)})",
}
