"""Slot verdicts: agree, compatible, evolving or conflict, the best-supported value, and why.

A verdict reads the slot's edges; the best value weighs each group of
compatible claims by the confidence of its independent origins (copies count
once), and for an evolving quantity lists the value over time, latest first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from recon.graph import Slot, value_groups
from recon.normalize.claims import NormalizedClaim
from recon.relations import Edge, RelationKind
from recon.values import QuantityValue, TermValue, TimeValue, Value

Verdict = Literal["single", "agree", "compatible", "evolving", "conflict"]
#: Two conflicting values whose support differs by less than this share are reported as undecided.
CLOSE_SUPPORT = 0.05
#: How many relation reasons an explanation quotes before "…".
SHOWN_REASONS = 4
VERDICT_ORDER: tuple[Verdict, ...] = ("conflict", "evolving", "compatible", "agree", "single")


@dataclass(frozen=True)
class ValueState:
    """One supported value: what it is, when it holds, and which claims back it."""

    value: str  # as a person reads it: the representative claim's words
    representative: str  # the id of the claim that speaks for the group
    normalized: str
    as_of: str | None  # UTC span of the time it refers to
    as_of_text: str | None
    support: float
    claims: tuple[str, ...]


@dataclass
class SlotVerdict:
    verdict: Verdict
    best: list[ValueState]  # latest first for evolving slots; one entry otherwise (several for roles)
    confidence: float
    explanation: str


def judge(slot: Slot, confidence: Mapping[str, float], origins: Mapping[str, str]) -> SlotVerdict:
    evidence = [c for c in slot.claims if c.counts_as_evidence]
    counted = {c.id for c in evidence}
    edges = [e for e in slot.edges if e.first in counted and e.second in counted]
    if not evidence:
        return SlotVerdict("single", [], 0.0, "only hypothetical statements: nothing to weigh")
    verdict = _verdict(evidence, edges, origins)
    states = _states(slot, evidence, verdict, confidence, origins)
    tied = verdict == "conflict" and len(states) > 1 and \
        states[0].support - states[1].support <= CLOSE_SUPPORT * states[0].support
    best = states if verdict == "evolving" or _multi_valued(edges) else states[:2] if tied else states[:1]
    return SlotVerdict(verdict, best, _confidence(verdict, states, confidence),
                       explain(verdict, edges, best, tied))


def ranked_states(slot: Slot, confidence: Mapping[str, float], origins: Mapping[str, str]) -> list[ValueState]:
    """A slot's groups of compatible claims as value states, best supported first (for a conflict:
    the winner and the runners-up)."""
    evidence = [c for c in slot.claims if c.counts_as_evidence]
    return _states(slot, evidence, "conflict", confidence, origins) if evidence else []


def _confidence(verdict: Verdict, states: list[ValueState], confidence: Mapping[str, float]) -> float:
    """How sure the best value is: its claims' confidence, times its share of the support unless evolving."""
    strongest = max(confidence[c] for c in states[0].claims)
    if verdict == "evolving":
        return round(strongest, 4)
    total = sum(s.support for s in states) or 1.0
    return round(strongest * states[0].support / total, 4)


def _verdict(evidence: list[NormalizedClaim], edges: list[Edge], origins: Mapping[str, str]) -> Verdict:
    kinds = {e.kind for e in edges}
    if len({origins[c.id] for c in evidence}) == 1 and kinds <= {RelationKind.DUPLICATE}:
        return "single"
    if RelationKind.CONFLICTS in kinds:
        return "conflict"
    if RelationKind.EVOLVES in kinds:
        return "evolving"
    if RelationKind.REFINES in kinds:
        return "compatible"
    return "agree"


def _multi_valued(edges: list[Edge]) -> bool:
    return any(e.kind is RelationKind.COEXISTS for e in edges)


def _states(slot: Slot, evidence: list[NormalizedClaim], verdict: Verdict, confidence: Mapping[str, float],
            origins: Mapping[str, str]) -> list[ValueState]:
    """Groups of compatible claims as value states, best supported (or, when evolving, latest) first."""
    counted = {c.id for c in evidence}
    sub = Slot(slot.key, evidence, [e for e in slot.edges if e.first in counted and e.second in counted])
    states = [_state(group, confidence, origins, latest_only=verdict == "evolving") for group in value_groups(sub)]
    if verdict == "evolving":
        return sorted(states, key=lambda s: (s.as_of or "", s.support), reverse=True)
    return sorted(states, key=lambda s: (-s.support, s.claims))


def _state(group: list[NormalizedClaim], confidence: Mapping[str, float], origins: Mapping[str, str],
           latest_only: bool = False) -> ValueState:
    """A group as a value state. For an evolving value (``latest_only``) the group's latest readings
    speak for it: a vague earlier reading can chain a later, different figure into the group."""
    best_by_origin: dict[str, float] = {}
    for claim in group:
        origin = origins[claim.id]
        best_by_origin[origin] = max(best_by_origin.get(origin, 0.0), confidence[claim.id])
    dated = [c for c in group if c.as_of is not None]
    latest = max(dated, key=lambda c: (c.as_of.end, c.id)) if dated else group[0]  # type: ignore[union-attr]
    speakers = [c for c in dated if c.as_of.overlaps(latest.as_of)] if latest_only and dated else group  # type: ignore[union-attr,arg-type]
    precise = representative(speakers, confidence)
    return ValueState(
        value=precise.claim.value,
        representative=precise.id,
        normalized=precise.value.format(),
        as_of=latest.as_of.format() if latest.as_of else None,
        as_of_text=latest.claim.time or _publication_label(latest),
        support=round(sum(best_by_origin.values()), 6),
        claims=tuple(c.id for c in group),
    )


def representative(group: list[NormalizedClaim], confidence: Mapping[str, float]) -> NormalizedClaim:
    """The claim that speaks for a group: the most confident one with finite bounds, then the most precise.

    A vague claim (超过700) links the truth and a wrong exact value into one group;
    taking the narrowest member could show the wrong one (bench/README.md).
    """
    bounded = [c for c in group if not (isinstance(c.value, QuantityValue) and c.value.interval.hi == float("inf"))]
    return min(bounded or group, key=lambda c: (-confidence[c.id], precision_rank(c.value), c.id))


def _publication_label(claim: NormalizedClaim) -> str:
    moment = claim.source.written or claim.source.published
    return f"at publication ({moment.isoformat()[:10]})" if moment else "at publication"


def precision_rank(value: Value) -> float:
    """Smaller is more precise: interval width, span length, or minus the depth of a term."""
    if isinstance(value, QuantityValue):
        return value.interval.width
    if isinstance(value, TimeValue):
        return (value.span.end - value.span.start).total_seconds()
    if isinstance(value, TermValue):
        return -len(value.lineage)
    return 0.0


def explain(verdict: Verdict, edges: list[Edge], best: list[ValueState], tied: bool = False) -> str:
    """A sentence or two a person can check against the table of claims."""
    kinds_shown = {"conflict": [RelationKind.CONFLICTS], "evolving": [RelationKind.EVOLVES, RelationKind.REFINES],
                   "compatible": [RelationKind.REFINES], "agree": [RelationKind.AGREES, RelationKind.COEXISTS,
                                                                    RelationKind.DUPLICATE], "single": []}[verdict]
    unique = _first_reasons((e for kind in kinds_shown for e in edges if e.kind is kind), SHOWN_REASONS + 1)
    lead = {
        "single": "One source (or copies of one) states this.",
        "agree": "The sources agree.",
        "compatible": "The sources agree; some are more precise than others.",
        "evolving": "The value changed over time, as this property allows.",
        "conflict": "The sources disagree about the same thing at the same time.",
    }[verdict]
    text = lead
    if unique:
        shown = "; ".join(unique[:SHOWN_REASONS]) + ("; …" if len(unique) > SHOWN_REASONS else "")
        text += " " + shown[0].upper() + shown[1:] + "."
    if tied:
        text += " Neither value is clearly better supported: check the sources."
    elif best:
        text += f" Best supported: {best[0].value}" + (f" ({best[0].as_of_text})" if best[0].as_of_text else "") + "."
    return text


def _first_reasons(edges: Iterable[Edge], limit: int) -> list[str]:
    """Up to ``limit`` different reasons, in edge order (reasons are worded on demand, so stop early)."""
    unique: dict[str, None] = {}
    for edge in edges:
        unique.setdefault(edge.reason)
        if len(unique) == limit:
            break
    return list(unique)
