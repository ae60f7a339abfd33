"""A draft does not argue with itself: one claim per fact, no two that cannot both be true.

Candidates are related exactly as `recon lint` relates claims
(recon.relations.relate): two with the same slot, value and time in one
source repeat each other; two that conflict (a static date read twice
differently, say) cannot both stand. Values are settled likeliest first; one
whose best placement would repeat or contradict a claim already kept takes
its next placement (another subject or property), and when none fits it is
held back: the draft lists it commented out, with the reason.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace

from recon.extract.assign import Placement
from recon.extract.vocabulary import Vocabulary
from recon.model import Claim, Source
from recon.normalize.claims import NormalizedClaim, SlotKey
from recon.relations import RelationKind, relate

Choices = list[Placement]  # one value's placements, likeliest first


@dataclass
class Settled:
    """Per source: the placements kept, and the values held back with the reason."""

    kept: list[Placement] = field(default_factory=list)
    held: list[tuple[Placement, str]] = field(default_factory=list)


def settle(groups: list[tuple[Source, list[Choices]]], vocab: Vocabulary, fallback: float = -0.25
           ) -> list[Settled]:
    """Settle every value of a page and its snippets, likeliest first, so none contradicts a kept claim.

    A value kept in a fallback placement has ``fallback`` added to its confidence: the reviewer
    should look twice at a claim placed where its likeliest reading did not fit."""
    results = [Settled() for _ in groups]
    kept: dict[SlotKey, list[NormalizedClaim]] = defaultdict(list)
    queue = [(index, choices) for index, (_, values) in enumerate(groups) for choices in values if choices]
    queue.sort(key=lambda item: (-item[1][0].confidence, item[0], item[1][0].value.span))
    for index, choices in queue:
        source = groups[index][0]
        first_clash = None
        for placement in choices:
            claim = vocab.normalizer.normalize(_claim(placement, len(kept)), source)
            clash = _clash(claim, kept[claim.slot])
            if clash is None:
                kept[claim.slot].append(claim)
                results[index].kept.append(_noted(placement, choices[0], first_clash, fallback))
                break
            first_clash = first_clash or clash
        else:
            results[index].held.append((choices[0], first_clash or "no placement fits"))
    return results


def _claim(placement: Placement, serial: int) -> Claim:
    p = placement
    return Claim(id=f"candidate-{serial}-{p.value.span[0]}-{p.property}", subject=p.subject, property=p.property,
                 object=p.object, value=p.value_text, time=p.time, modality=p.modality,
                 attributed_to=p.attributed_to, quote=p.value_text)


def _clash(claim: NormalizedClaim, others: list[NormalizedClaim]) -> str | None:
    """How the claim clashes with a kept one of its slot (as lint would see it), or None."""
    for other in others:
        edge = relate(claim, other, claim.source.id, other.source.id)
        if edge.kind is RelationKind.DUPLICATE and claim.as_of == other.as_of:
            return f"repeats {_show(other)}"
        if edge.kind is RelationKind.CONFLICTS and claim.counts_as_evidence and other.counts_as_evidence:
            return f"contradicts {_show(other)}: {edge.reason}"
    return None


def _show(claim: NormalizedClaim) -> str:
    subject, prop, obj = claim.slot
    return f"'{claim.claim.value}' ({subject} · {prop}" + (f" · {obj})" if obj else ")")


def _noted(placement: Placement, best: Placement, clash: str | None, fallback: float) -> Placement:
    if placement is best or clash is None:
        return placement
    confidence = round(max(0.05, placement.confidence + fallback), 2)
    return replace(placement, confidence=confidence,
                   settled=f"a fallback: placed as {best.subject} · {best.property} it {clash}")
