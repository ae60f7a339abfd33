"""Cross-slot checks: declared arithmetic relations, tested with interval arithmetic.

A relation such as "signatories / employee-count × 100 = signatory-share"
holds when the interval computed from the operand slots' best values overlaps
the result slot's best value. Intervals carry the qualifiers' uncertainty, so
738 / 约770 lands in [91.3, 100.9] % and 超過九成 (90, 100] agrees with it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import reduce
from typing import TYPE_CHECKING, Literal

from recon.graph import Slot
from recon.interval import Interval, IntervalError, format_number
from recon.normalize.claims import SlotKey
from recon.values import QuantityValue
from recon.verdicts import SlotVerdict

if TYPE_CHECKING:
    from recon.model import Relation, SlotRef

Outcome = Literal["holds", "violated", "not-checkable"]


@dataclass(frozen=True)
class RelationCheck:
    relation: str
    kind: str
    outcome: Outcome
    expected: str | None  # the interval computed from the operands
    stated: str | None  # the result slot's best value
    explanation: str


def check_relations(relations: Mapping[str, Relation], slots: Mapping[SlotKey, Slot],
                    verdicts: Mapping[SlotKey, SlotVerdict]) -> list[RelationCheck]:
    return [check_relation(relation, slots, verdicts) for _, relation in sorted(relations.items())]


def check_relation(relation: Relation, slots: Mapping[SlotKey, Slot],
                   verdicts: Mapping[SlotKey, SlotVerdict]) -> RelationCheck:
    operands = [_best_interval(ref, slots, verdicts) for ref in relation.operands]
    stated = _best_interval(relation.result, slots, verdicts)
    if stated is None or any(op is None for op in operands):
        missing = [_ref_label(r) for r, op in zip(relation.operands + [relation.result], operands + [stated])
                   if op is None]
        return RelationCheck(relation.id, relation.kind, "not-checkable", None, None,
                             f"no quantity known for {', '.join(missing)}")
    try:
        expected = _compute(relation, [op for op in operands if op is not None])
    except (IntervalError, ZeroDivisionError, OverflowError) as exc:  # a divisor that may be 0, an overflow
        return RelationCheck(relation.id, relation.kind, "not-checkable", None, stated.format(),
                             f"{relation.kind} of {', '.join(_ref_label(r) for r in relation.operands)} "
                             f"cannot be computed: {exc}")
    holds = expected.overlaps(stated)
    verb = "agrees with" if holds else "contradicts"
    text = (f"{relation.kind} of {', '.join(_ref_label(r) for r in relation.operands)} gives "
            f"{readable(expected)}, which {verb} the stated {readable(stated)} for {_ref_label(relation.result)}")
    return RelationCheck(relation.id, relation.kind, "holds" if holds else "violated", expected.format(),
                         stated.format(), text)


def _compute(relation: Relation, operands: list[Interval]) -> Interval:
    if relation.kind == "ratio":
        value = operands[0] / operands[1]
    elif relation.kind == "product":
        value = reduce(lambda a, b: a * b, operands)
    elif relation.kind == "sum":
        value = reduce(lambda a, b: a + b, operands)
    else:  # rate: one operand scaled to another period
        value = operands[0]
    return value.scale(relation.factor)


def _best_interval(ref: SlotRef, slots: Mapping[SlotKey, Slot], verdicts: Mapping[SlotKey, SlotVerdict]
                   ) -> Interval | None:
    """The most precise interval of the best (latest, if evolving) value of a slot."""
    key = (ref.subject, ref.property, ref.object)
    verdict, slot = verdicts.get(key), slots.get(key)
    if verdict is None or slot is None or not verdict.best:
        return None
    ids = set(verdict.best[0].claims)
    intervals = [c.value.interval for c in slot.claims if c.id in ids and isinstance(c.value, QuantityValue)]
    if not intervals:
        return None
    return reduce(lambda a, b: a.intersection(b) or a, sorted(intervals, key=lambda i: i.width))


def readable(interval: Interval, digits: int = 4) -> str:
    """An interval for people: ends rounded to a few significant digits, no soft bound."""
    def end(x: float) -> str:
        return "∞" if x == float("inf") else format_number(float(f"{x:.{digits}g}"))

    if interval.is_point:
        return end(interval.lo)
    return f"{'[' if interval.lo_closed else '('}{end(interval.lo)}, {end(interval.hi)}{']' if interval.hi_closed else ')'}"


def _ref_label(ref: SlotRef) -> str:
    return f"{ref.subject}.{ref.property}" + (f"@{ref.object}" if ref.object else "")
