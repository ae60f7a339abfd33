"""Fact-checking a new claim against a reconciled corpus.

One verdict per claim:

- ``supported``: the best-supported value (the latest, when the value evolves) agrees with it;
- ``contradicted``: the best-supported value rules it out;
- ``outdated``: it agrees with an earlier value that was superseded later;
- ``disputed``: the sources themselves conflict about it;
- ``unverifiable``: the corpus says nothing about it (the reason says which part was not understood).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from recon.normalize.claims import NormalizedClaim
from recon.reconcile import Result, SlotResult
from recon.sentence import ParsedClaim, SentenceReader, reader_for
from recon.values import Comparison, TermValue, compare
from recon.verdicts import ranked_states

CheckVerdict = Literal["supported", "contradicted", "outdated", "disputed", "unverifiable"]
EXIT_CODES: dict[str, int] = {"supported": 0, "contradicted": 1, "outdated": 1, "disputed": 1, "unverifiable": 3}
COMPATIBLE = {Comparison.EQUAL, Comparison.NARROWER, Comparison.BROADER, Comparison.OVERLAP}
#: How much a reading whose subject the sentence only implies is trusted, relative to a named one.
IMPLIED_SUBJECT_FACTOR = 0.8


@dataclass(frozen=True)
class Evidence:
    claim: NormalizedClaim
    stance: Literal["for", "against", "superseded"]
    confidence: float

    def to_dict(self) -> dict[str, Any]:
        c = self.claim
        return {"claim": c.id, "source": c.source.id, "outlet": c.source.outlet, "stance": self.stance,
                "value": c.claim.value, "normalized": c.value.format(), "time": c.claim.time,
                "time_utc": c.as_of.format() if c.as_of else None, "quote": c.claim.quote,
                "confidence": self.confidence}


@dataclass(frozen=True)
class CheckResult:
    verdict: CheckVerdict
    confidence: float
    claim: ParsedClaim
    slot: str | None
    explanation: str
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.verdict]

    def to_dict(self) -> dict[str, Any]:
        c = self.claim
        return {
            "verdict": self.verdict,
            "confidence": round(self.confidence, 4),
            "claim": {"text": c.text, "subject": c.subject, "property": c.property, "object": c.object,
                      "value": c.value_text, "normalized": c.value.format() if c.value else None,
                      "time": c.time_text, "time_utc": c.as_of.format() if c.as_of else None,
                      "not_understood": list(c.missing)},
            "slot": self.slot,
            "explanation": self.explanation,
            "evidence": [e.to_dict() for e in self.evidence],
        }


def check(parsed: ParsedClaim, result: Result) -> CheckResult:
    if not parsed.is_complete() or parsed.subject is None or parsed.property is None or parsed.value is None:
        return CheckResult("unverifiable", 0.0, parsed, None,
                           "Not understood: " + "; ".join(parsed.missing or ("incomplete claim",)) + ".")
    found = result.slot(parsed.subject, parsed.property, parsed.object)
    if found is None:
        towards = sorted({s.slot.key[2] for s in result.slots if s.slot.key[:2] == (parsed.subject, parsed.property)
                          and s.slot.key[2] != parsed.object and s.slot.key[2] is not None})
        hint = (f" It has them towards {', '.join(towards)}: name one (--object, or in the sentence)."
                if towards else "")
        return CheckResult("unverifiable", 0.0, parsed, None,
                           f"The corpus has no claims about {parsed.subject}'s {parsed.property}"
                           + (f" at {parsed.object}" if parsed.object else "") + "." + hint)
    return _judge(parsed, found, result)


def _judge(parsed: ParsedClaim, found: SlotResult, result: Result) -> CheckResult:
    assert parsed.value is not None
    evidence_claims = [c for c in found.slot.claims if c.counts_as_evidence]
    stances = {c.id: compare(parsed.value, c.value) for c in evidence_claims}
    reference = _reference_claims(parsed, found)
    evidence = [Evidence(c, _stance(c, stances[c.id], reference, found), result.confidence[c.id])
                for c in evidence_claims if stances[c.id] is not Comparison.DISTINCT]
    scale = 1.0 if parsed.subject_explicit else IMPLIED_SUBJECT_FACTOR
    slot_id = found.slot.slug
    verdict = found.verdict
    earliest = _all_later(parsed, evidence_claims)
    if earliest is not None:
        return CheckResult("unverifiable", 0.0, parsed, slot_id,
                           "The value can change over time, and no source reads it at or before the claim's "
                           f"time; the first reading is later: {_shown(earliest)}.", evidence)
    if verdict.verdict == "conflict":
        decided = _majority(parsed, found, result, stances, scale, slot_id, evidence)
        if decided is not None:
            return decided
        return CheckResult("disputed", verdict.confidence * scale, parsed, slot_id,
                           f"The sources conflict here: {verdict.explanation}", evidence)
    matching = [c for c in reference if stances.get(c.id) in COMPATIBLE]
    if matching:
        conf = max(result.confidence[c.id] for c in matching) * scale
        return CheckResult("supported", conf, parsed, slot_id, _explain("agrees with", matching), evidence)
    ruling = [c for c in reference if stances.get(c.id) is not Comparison.DISTINCT]
    earlier = [c for c in evidence_claims if stances[c.id] in COMPATIBLE and c not in reference]
    if earlier and parsed.as_of is None and ruling:
        conf = max(result.confidence[c.id] for c in ruling) * scale
        return CheckResult("outdated", conf, parsed, slot_id,
                           _explain("was true earlier:", earlier) + " " + _explain("later superseded by", ruling),
                           evidence)
    if ruling:
        conf = max(result.confidence[c.id] for c in ruling) * scale
        return CheckResult("contradicted", conf, parsed, slot_id, _explain("is ruled out by", ruling), evidence)
    known = ", ".join(sorted({c.claim.value for c in evidence_claims}))
    return CheckResult("unverifiable", 0.0, parsed, slot_id,
                       f"The corpus states other values here ({known}), none of which bears on this one.", evidence)


#: A conflict is decided for a check when its best-supported value has this many times the support of the next.
CLEAR_MAJORITY = 2.0


def _majority(parsed: ParsedClaim, found: SlotResult, result: Result, stances: dict[str, Comparison],
              scale: float, slot_id: str, evidence: list[Evidence]) -> CheckResult | None:
    """A conflict the independent sources decide clearly (three against one, not one against one):
    the claim is supported when it agrees with the winning value, contradicted when only with a loser."""
    states = ranked_states(found.slot, result.confidence, result.origins)
    if len(states) < 2 or states[0].support < CLEAR_MAJORITY * states[1].support:
        return None
    winner, losers = states[0], states[1:]
    backing = [result.claims[i] for i in winner.claims if i in result.claims]
    conf = max(result.confidence[c.id] for c in backing) * scale
    if any(stances.get(c.id) in COMPATIBLE for c in backing):
        dissent = "; ".join(f"{s.value} ({s.support:.2f})" for s in losers[:3])
        return CheckResult("supported", conf, parsed, slot_id,
                           _explain("agrees with the clearly best-supported value", backing)
                           + f" Some sources say otherwise: {dissent} against {winner.support:.2f}.", evidence)
    return CheckResult("contradicted", conf, parsed, slot_id,
                       _explain("is ruled out by the clearly best-supported value", backing)
                       + f" ({winner.support:.2f} against {losers[0].support:.2f} for the next).", evidence)


def _all_later(parsed: ParsedClaim, claims: list[NormalizedClaim]) -> NormalizedClaim | None:
    """The first of ``claims`` when all of them come after the claim's time and the property can change
    (a role, a headcount): what holds later says nothing of before. None otherwise."""
    dated = [c for c in claims if c.as_of is not None]
    if parsed.as_of is None or not dated or dated[0].prop.behaviour == "static":
        return None
    if any(c.as_of.start < parsed.as_of.end for c in dated):  # type: ignore[union-attr]
        return None
    return min(dated, key=lambda c: (c.as_of.start, c.id))  # type: ignore[union-attr]


def _stance(claim: NormalizedClaim, comparison: Comparison, reference: list[NormalizedClaim],
            found: SlotResult) -> Literal["for", "against", "superseded"]:
    """For or against the new claim; an earlier reading of an evolving value that differs is superseded."""
    if comparison in COMPATIBLE:
        return "for"
    if found.verdict.verdict == "evolving" and claim not in reference and claim.as_of is not None:
        starts = [c.as_of.start for c in reference if c.as_of is not None]
        outdated_itself = all(compare(claim.value, c.value) not in COMPATIBLE for c in reference)
        if starts and claim.as_of.end <= min(starts) and outdated_itself:
            return "superseded"
    return "against"


def _reference_claims(parsed: ParsedClaim, found: SlotResult) -> list[NormalizedClaim]:
    """The claims a new claim is judged against: the best-supported state, at the claim's time or now.

    For an evolving value that is the readings at the claim's time (or the last
    before it), and without a time the latest readings; otherwise the best group.
    """
    claims = {c.id: c for c in found.slot.claims if c.counts_as_evidence}
    if found.verdict.verdict == "evolving":
        dated = [c for c in claims.values() if c.as_of is not None]
        if parsed.as_of is not None:
            at_time = [c for c in dated if c.as_of.overlaps(parsed.as_of)]  # type: ignore[union-attr]
            if at_time:
                return sorted(at_time, key=lambda c: c.id)
            dated = [c for c in dated if c.as_of.start <= parsed.as_of.start]  # type: ignore[union-attr]
            if not dated:
                return []  # nothing was read by then: later readings do not tell what held earlier
        if dated:
            latest = max(dated, key=lambda c: (c.as_of.end, c.id))  # type: ignore[union-attr]
            return sorted((c for c in dated if c.as_of.overlaps(latest.as_of)),  # type: ignore[union-attr,arg-type]
                          key=lambda c: c.id)
    states = found.verdict.best
    if len(states) > 1:  # several values hold at once (roles): any of them
        return sorted((claims[i] for s in states for i in s.claims if i in claims), key=lambda c: c.id)
    return sorted((claims[i] for i in states[0].claims if i in claims), key=lambda c: c.id) if states else []


def _shown(claim: NormalizedClaim) -> str:
    return f"{claim.claim.value} ({claim.source.id}{', ' + claim.claim.time if claim.claim.time else ''})"


def _explain(verb: str, claims: list[NormalizedClaim]) -> str:
    shown = "; ".join(_shown(c) for c in claims[:4])
    more = f" and {len(claims) - 4} more" if len(claims) > 4 else ""
    return f"The claim {verb} {shown}{more}."


class Checker:
    """A reconciled corpus ready to check sentences and structured claims against."""

    def __init__(self, result: Result, reader: SentenceReader) -> None:
        self.result = result
        self.reader = reader

    def check_sentence(self, sentence: str) -> CheckResult:
        return check(self.reader.read(sentence), self.result)

    def check_structured(self, subject: str, prop: str, value: str, as_of: str | None = None,
                         obj: str | None = None) -> CheckResult:
        return check(self.reader.read_structured(subject, prop, value, as_of, obj), self.result)


def build_checker(result: Result, corpus_entities: dict[str, list[str]],
                  terms: dict[str, tuple[list[str], TermValue]], entity_types: dict[str, str] | None = None
                  ) -> Checker:
    claims = list(result.claims.values())
    properties = {c.prop.id: c.prop for c in claims}
    return Checker(result, reader_for(claims, corpus_entities, properties, terms, entity_types))


def load_checker(claims_dir: Path, use_cache: bool = True) -> Checker:
    """The checker for a claims folder, from the cache when its files have not changed."""
    from recon import cache

    key = cache.corpus_key(claims_dir) if use_cache else ""
    cached = cache.load_cached(key) if use_cache else None
    if isinstance(cached, Checker):
        return cached
    from recon.corpus import load_corpus
    from recon.diagnostics import ReconError, has_errors
    from recon.normalize.claims import term_value
    from recon.reconcile import reconcile

    corpus, diagnostics = load_corpus(claims_dir, display_base=claims_dir.resolve().parent)
    if has_errors(diagnostics):
        raise ReconError(f"the claims in {claims_dir} do not load cleanly; run `recon lint {claims_dir}`")
    from recon.snapshot import detach_result

    terms = {t.id: (list(t.names), term_value(t.id, corpus.terms)) for t in corpus.terms.values()}
    result = detach_result(reconcile(corpus))  # plain data: the cached checker loads without pydantic
    checker = build_checker(result, {e.id: list(e.names) for e in corpus.entities.values()}, terms,
                            {e.id: e.type for e in corpus.entities.values()})
    if use_cache:
        cache.store(key, checker)
    return checker
