"""The report as plain, ordered data: the JSON shape, and what Markdown and HTML render.

The shape is documented in ``docs/report.schema.json`` and kept stable. Order is
deterministic (conflicts first, then by slot), and nothing depends on the clock.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from typing import Any

from recon.graph import claim_graph
from recon.reconcile import Result, SlotResult, SourceTrust
from recon.values import QuantityValue, TermValue, TimeValue, Value
from recon.verdicts import VERDICT_ORDER

SCHEMA_VERSION = 1


def build_document(result: Result, only_conflicts: bool = False, subject: str | None = None,
                   prop: str | None = None) -> dict[str, Any]:
    slots = [s for s in ordered_slots(result)
             if (not only_conflicts or s.verdict.verdict == "conflict")
             and (subject is None or s.slot.key[0] == subject)
             and (prop is None or s.slot.key[1] == prop)]
    return {
        "schema_version": SCHEMA_VERSION,
        "summary": _summary(result, slots),
        "slots": [_slot(result, s) for s in slots],
        "sources": [_source(s) for s in result.sources],
        "relations": [vars(check) for check in result.relation_checks],
        "diagnostics": [d.to_dict() for d in result.diagnostics],
    }


def check_filters(result: Result, subject: str | None, prop: str | None) -> None:
    """A subject or property filter must name one some slot has: an empty report would say nothing."""
    from recon.diagnostics import ReconError
    from recon.references import did_you_mean

    for given, known, what, option in ((subject, {s.slot.key[0] for s in result.slots}, "entity", "--subject"),
                                       (prop, {s.slot.key[1] for s in result.slots}, "property", "--property")):
        if given is not None and given not in known:
            raise ReconError(f"{option}: no slot is about the {what} '{given}'{did_you_mean(given, known)}; "
                             f"give {'an' if what == 'entity' else 'a'} {what} id the claims use")


def ordered_slots(result: Result) -> list[SlotResult]:
    rank = {verdict: i for i, verdict in enumerate(VERDICT_ORDER)}
    return sorted(result.slots, key=lambda s: (rank[s.verdict.verdict], s.slot.label))


def _summary(result: Result, slots: list[SlotResult]) -> dict[str, Any]:
    verdicts = {v: sum(s.verdict.verdict == v for s in slots) for v in VERDICT_ORDER}
    return {
        "sources": len(result.sources),
        "claims": len(result.claims),
        "slots": len(slots),
        "verdicts": verdicts,
        "relation_violations": sum(c.outcome == "violated" for c in result.relation_checks),
        "graph": _graph_summary(slots),
        "scoring": {"iterations": result.iterations, "converged": result.converged},
    }


def _graph_summary(slots: list[SlotResult]) -> dict[str, Any]:
    """Size and shape of the claim graph: how many claims, relations of each kind, and connected groups."""
    import networkx as nx

    graph = claim_graph(s.slot for s in slots)
    kinds = Counter(kind for _, _, kind in graph.edges(data="kind"))
    components = [len(c) for c in nx.connected_components(graph)]
    return {"nodes": graph.number_of_nodes(), "edges": dict(sorted(kinds.items())),
            "components": len(components), "largest_component": max(components, default=0)}


def _slot(result: Result, item: SlotResult) -> dict[str, Any]:
    slot, verdict = item.slot, item.verdict
    subject, prop, obj = slot.key
    return {
        "id": slot.slug,
        "subject": subject,
        "property": prop,
        "object": obj,
        "label": slot.claims[0].prop.label,
        "kind": slot.claims[0].prop.kind,
        "behaviour": slot.claims[0].prop.behaviour,
        "verdict": verdict.verdict,
        "confidence": verdict.confidence,
        "explanation": verdict.explanation,
        "best": [vars(state) | {"claims": list(state.claims)} for state in verdict.best],
        "claims": [_claim(result, c.id) for c in slot.claims],
        "edges": [{"from": e.first, "to": e.second, "relation": e.kind.value, "reason": e.reason}
                  for e in slot.edges],
    }


def _claim(result: Result, claim_id: str) -> dict[str, Any]:
    normalized = result.claims[claim_id]
    claim = normalized.claim
    return {
        "id": claim.id,
        "source": normalized.source.id,
        "raw_value": claim.value,
        "normalized": normalized.value.format(),
        "value": value_fields(normalized.value),
        "time": {"text": claim.time, "utc": normalized.as_of.format() if normalized.as_of else None,
                 "start": _utc(normalized.as_of.start) if normalized.as_of else None,
                 "end": _utc(normalized.as_of.end) if normalized.as_of else None,
                 "explicit": normalized.time_explicit},
        "quote": claim.quote,
        "modality": claim.modality,
        "attributed_to": claim.attributed_to,
        "origin": result.origins[claim_id],
        "confidence": result.confidence[claim_id],
    }


def value_fields(value: Value) -> dict[str, Any]:
    """The normalized value as numbers a machine can use (unbounded ends are null)."""
    if isinstance(value, QuantityValue):
        i = value.interval
        return {"kind": "quantity", "unit": value.unit, "lo": _finite(i.lo), "hi": _finite(i.hi),
                "lo_closed": i.lo_closed, "hi_closed": i.hi_closed, "soft_hi": _finite(i.soft_hi)}
    if isinstance(value, TimeValue):
        return {"kind": "time", "start": _utc(value.span.start), "end": _utc(value.span.end),
                "zone": value.span.zone}
    if isinstance(value, TermValue):
        return {"kind": "term", "term": value.term, "broader": list(value.lineage[1:])}
    return {"kind": "text", "key": value.key}


def _finite(x: float | None) -> float | None:
    return None if x is None or math.isinf(x) else x


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _source(item: SourceTrust) -> dict[str, Any]:
    source = item.source
    return {
        "id": source.id,
        "outlet": source.outlet,
        "author": source.author,
        "title": source.title,
        "url": source.url,
        "published": _iso(source.published),
        "published_estimated": source.published_estimated,
        "language": source.language,
        "reprint_of": source.reprint_of,
        "credits": list(source.credits),
        "excerpt_of": source.excerpt_of,
        "trust": item.trust,
        "claims": item.claims,
        "supported": item.supported,
        "contradicted": item.contradicted,
        "copy_group": item.copy_group,
        "copies": item.copies,
        "explanation": item.explanation,
    }


def _iso(value: dt.datetime | dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None
