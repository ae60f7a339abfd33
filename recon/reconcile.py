"""`reconcile(corpus) -> Result`: normalize, group, relate, score and judge.

This is the pipeline's middle: everything after loading and before rendering.
The :class:`Result` is plain data; reports, the fact-checker and the linter
read it and never redo the work.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from recon.arithmetic import RelationCheck, check_relations
from recon.diagnostics import Diagnostic
from recon.graph import Slot, build_slots
from recon.normalize.claims import NormalizedClaim, SlotKey, normalize_corpus
from recon.provenance import CopyGroups, claim_origin, copy_groups, known_outlets
from recon.scoring import DEFAULT_POLICY, ScoringInput, ScoringPolicy, Scores, edge_arrays, independent_edges, score
from recon.verdicts import SlotVerdict, judge

if TYPE_CHECKING:
    from recon.model import Source
    from recon.corpus import Corpus


@dataclass
class SourceTrust:
    source: Source
    trust: float
    claims: int
    supported: int  # claims agreed with or refined by another origin
    contradicted: int
    copy_group: str
    copies: list[str]
    explanation: str


@dataclass
class SlotResult:
    slot: Slot
    verdict: SlotVerdict


@dataclass
class Result:
    slots: list[SlotResult]
    sources: list[SourceTrust]
    relation_checks: list[RelationCheck]
    claims: dict[str, NormalizedClaim]
    confidence: dict[str, float]
    origins: dict[str, str]
    diagnostics: list[Diagnostic] = field(default_factory=list)
    iterations: int = 0
    converged: bool = True

    def slot(self, subject: str, prop: str, obj: str | None = None) -> SlotResult | None:
        return next((s for s in self.slots if s.slot.key == (subject, prop, obj)), None)


def reconcile(corpus: Corpus, policy: ScoringPolicy = DEFAULT_POLICY) -> Result:
    claims, problems = normalize_corpus(corpus)
    groups = copy_groups(corpus.sources, _claim_keys(claims))
    outlets = known_outlets(corpus.sources.values())
    origins = {c.id: claim_origin(c.claim.attributed_to, c.source.id, groups, outlets) for c in claims}
    slots = build_slots(claims, origins)
    scores, index = _score(claims, slots, origins, sorted(corpus.sources), policy)
    confidence = {claim_id: float(round(scores.confidence[i], 6)) for claim_id, i in index.items()}
    judged = [SlotResult(slot, judge(slot, confidence, origins)) for slot in slots]
    by_key: dict[SlotKey, Slot] = {s.key: s for s in slots}
    checks = check_relations(corpus.relations, by_key, {r.slot.key: r.verdict for r in judged})
    sources = _source_trust(corpus, slots, scores, groups, origins)
    return Result(judged, sources, checks, {c.id: c for c in claims}, confidence, origins, problems,
                  scores.iterations, scores.converged)


def _claim_keys(claims: list[NormalizedClaim]) -> dict[str, set[str]]:
    keys: dict[str, set[str]] = defaultdict(set)
    for claim in claims:
        keys[claim.source.id].add(f"{claim.slot}={claim.value.format()}")
    return keys


def _score(claims: list[NormalizedClaim], slots: list[Slot], origins: dict[str, str], source_ids: list[str],
           policy: ScoringPolicy) -> tuple[Scores, dict[str, int]]:
    import numpy as np

    index = {c.id: i for i, c in enumerate(claims)}
    source_index = {s: i for i, s in enumerate(source_ids)}
    origin_index = {o: i for i, o in enumerate(sorted(set(origins.values())))}
    pairs = [(index[e.first], index[e.second], e.kind) for slot in slots for e in slot.edges]
    src, dst, weight = edge_arrays(pairs, policy)
    origin = np.array([origin_index[origins[c.id]] for c in claims], dtype=np.int64)
    src, dst, weight = independent_edges(src, dst, weight, origin)
    data = ScoringInput(
        claim_source=np.array([source_index[c.source.id] for c in claims], dtype=np.int64),
        claim_origin=origin,
        claim_counts=np.array([c.counts_as_evidence for c in claims], dtype=bool),
        edge_from=src, edge_to=dst, edge_weight=weight, n_sources=len(source_ids))
    return score(data, policy), index


def _source_trust(corpus: Corpus, slots: list[Slot], scores: Scores, groups: CopyGroups,
                  origins: dict[str, str]) -> list[SourceTrust]:
    supported: dict[str, set[str]] = defaultdict(set)
    contradicted: dict[str, set[str]] = defaultdict(set)
    for slot in slots:
        by_id = {c.id: c for c in slot.claims}
        for edge in slot.edges:
            if origins[edge.first] == origins[edge.second]:
                continue
            target = contradicted if edge.kind.value == "conflicts" else supported
            if edge.kind.value in ("agrees", "refines", "conflicts"):
                for claim_id in (edge.first, edge.second):
                    target[by_id[claim_id].source.id].add(claim_id)
    counts: dict[str, int] = defaultdict(int)
    for claim_id in corpus.claims:
        counts[corpus.claim_source[claim_id]] += 1
    result = []
    for i, source_id in enumerate(sorted(corpus.sources)):
        source = corpus.sources[source_id]
        group = groups.group[source_id]
        copies = [m for m in groups.members(group) if m != source_id]
        trust = float(round(scores.trust[i], 4))
        n, ok, bad = counts[source_id], len(supported[source_id]), len(contradicted[source_id])
        result.append(SourceTrust(source, trust, n, ok, bad, group, copies,
                                  _trust_explanation(trust, n, ok, bad, copies, groups.reasons.get(source_id, ()))))
    return result


def _trust_explanation(trust: float, n: int, ok: int, bad: int, copies: list[str], reasons: tuple[str, ...]) -> str:
    if n == 0:
        return "No claims: trust stays at its prior."
    text = (f"Mean confidence of its {n} claim(s): {ok} backed by another independent source, "
            f"{bad} contradicted by one.")
    if copies:
        text += f" Copies ({', '.join(copies)}) count once" + (f": {'; '.join(reasons)}" if reasons else "") + "."
    return text
