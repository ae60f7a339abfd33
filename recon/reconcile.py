"""`reconcile(corpus) -> Result`: normalize, group, relate, score and judge.

This is the pipeline's middle: everything after loading and before rendering.
The :class:`Result` is plain data; reports, the fact-checker and the linter
read it and never redo the work.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from recon.arithmetic import RelationCheck, check_relations
from recon.diagnostics import Diagnostic
from recon.gc_pause import gc_paused
from recon.graph import Slot, relate_slots
from recon.normalize.claims import NormalizedClaim, SlotKey, normalize_corpus
from recon.pairs import PairTable
from recon.provenance import CopyGroups, claim_origin, copy_groups, known_outlets
from recon.relations import RelationKind
from recon.scoring import (DEFAULT_POLICY, KIND_CODE, Scores, ScoringInput, ScoringPolicy, edge_arrays,
                           independent_edges, score)
from recon.verdicts import SlotVerdict, judge

if TYPE_CHECKING:
    import numpy as np

    from recon.corpus import Corpus
    from recon.model import Source
    from recon.values import Value


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
    with gc_paused():  # millions of edges and records, hardly a reference cycle among them
        related = relate_corpus(corpus, policy)
        judged = [SlotResult(slot, judge(slot, related.confidence, related.origins)) for slot in related.slots]
        checks = check_relations(corpus.relations, related.slot_by_key, {r.slot.key: r.verdict for r in judged})
        sources = _source_trust(corpus, related.arrays, related.scores, related.groups)
    return Result(judged, sources, checks, {c.id: c for c in related.claims}, related.confidence,
                  related.origins, related.problems, related.scores.iterations, related.scores.converged)


@dataclass
class Related:
    """The first half of reconciling: claims normalized, traced to origins and related in slots.

    Scores are computed when first read. The linter stops here (it needs pairs,
    not every slot's verdict) and reads scores only to judge the slots an
    arithmetic relation names; :func:`reconcile` goes on to score and judge.
    """

    claims: list[NormalizedClaim]
    problems: list[Diagnostic]  # claims that could not be normalized
    groups: CopyGroups
    origins: dict[str, str]
    slots: list[Slot]
    table: PairTable  # every related pair, as arrays; the slots make Edge objects from it when read
    source_ids: list[str]
    policy: ScoringPolicy = DEFAULT_POLICY

    @property
    def slot_by_key(self) -> dict[SlotKey, Slot]:
        return {s.key: s for s in self.slots}

    @cached_property
    def arrays(self) -> ScoringArrays:
        return ScoringArrays.of(self.claims, self.table, self.origins, self.source_ids)

    @cached_property
    def scores(self) -> Scores:
        with gc_paused():
            return score(self.arrays.scoring_input(self.policy), self.policy)

    @cached_property
    def confidence(self) -> dict[str, float]:
        return dict(zip(self.arrays.claim_ids, self.scores.confidence.round(6).tolist()))


def relate_corpus(corpus: Corpus, policy: ScoringPolicy = DEFAULT_POLICY) -> Related:
    with gc_paused():
        claims, problems = normalize_corpus(corpus)
        groups = copy_groups(corpus.sources, _claim_keys(claims))
        outlets = known_outlets(corpus.sources.values())
        origins = {c.id: claim_origin(c.claim.attributed_to, c.source.id, groups, outlets) for c in claims}
        slots, table = relate_slots(claims, origins)
    return Related(claims, problems, groups, origins, slots, table, sorted(corpus.sources), policy)


def relation_checks(corpus: Corpus, related: Related) -> list[RelationCheck]:
    """The declared arithmetic relations, judging only the slots they name."""
    slots = related.slot_by_key
    named = {(ref.subject, ref.property, ref.object) for relation in corpus.relations.values()
             for ref in (*relation.operands, relation.result)}
    verdicts = {key: judge(slots[key], related.confidence, related.origins) for key in named if key in slots}
    return check_relations(corpus.relations, slots, verdicts)


def _claim_keys(claims: list[NormalizedClaim]) -> dict[str, set[Hashable]]:
    """Per source, the (slot, value) pairs it claims, each value as the number of its equality class.

    Values are dataclasses whose hash is computed in Python on every call; numbering each
    distinct value object once makes the keys cheap to hash in copy detection's set work.
    """
    numbers: dict[Value, int] = {}
    by_object: dict[int, int] = {}
    keys: dict[str, set[Hashable]] = defaultdict(set)
    for claim in claims:
        number = by_object.get(id(claim.value))
        if number is None:
            number = by_object[id(claim.value)] = numbers.setdefault(claim.value, len(numbers))
        keys[claim.source.id].add((claim.slot, number))
    return keys


@dataclass(frozen=True)
class ScoringArrays:
    """The corpus as integer arrays: claims by index, their source and origin, and every related pair."""

    claim_ids: list[str]
    claim_source: np.ndarray
    claim_origin: np.ndarray
    claim_counts: np.ndarray  # bool: hypothetical claims neither support nor contradict
    pairs: np.ndarray  # (n, 3): claim index, claim index, KIND_CODE of the relation
    source_ids: list[str]

    @classmethod
    def of(cls, claims: list[NormalizedClaim], table: PairTable, origins: dict[str, str],
           source_ids: list[str]) -> ScoringArrays:
        import numpy as np

        index = {c.id: i for i, c in enumerate(claims)}
        source_index = {s: i for i, s in enumerate(source_ids)}
        origin_index = {o: i for i, o in enumerate(sorted(set(origins.values())))}
        pairs = table.index_pairs(np.array([index[c.id] for c in table.claims], dtype=np.int64))
        return cls([c.id for c in claims],
                   np.array([source_index[c.source.id] for c in claims], dtype=np.int64),
                   np.array([origin_index[origins[c.id]] for c in claims], dtype=np.int64),
                   np.array([c.counts_as_evidence for c in claims], dtype=bool), pairs, source_ids)

    def scoring_input(self, policy: ScoringPolicy) -> ScoringInput:
        src, dst, weight = independent_edges(*edge_arrays(self.pairs, policy), self.claim_origin)
        return ScoringInput(self.claim_source, self.claim_origin, self.claim_counts, src, dst, weight,
                            len(self.source_ids))

    def claims_per_source(self, kinds: Iterable[RelationKind]) -> np.ndarray:
        """Per source, how many of its claims have a relation of ``kinds`` with a claim of another origin."""
        import numpy as np

        a, b, code = self.pairs[:, 0], self.pairs[:, 1], self.pairs[:, 2]
        chosen = np.isin(code, [KIND_CODE[k] for k in kinds]) & (self.claim_origin[a] != self.claim_origin[b])
        claims = np.unique(np.concatenate([a[chosen], b[chosen]]))
        return np.bincount(self.claim_source[claims], minlength=len(self.source_ids))


def _source_trust(corpus: Corpus, arrays: ScoringArrays, scores: Scores, groups: CopyGroups) -> list[SourceTrust]:
    supported = arrays.claims_per_source([RelationKind.AGREES, RelationKind.REFINES]).tolist()
    contradicted = arrays.claims_per_source([RelationKind.CONFLICTS]).tolist()
    counts: dict[str, int] = defaultdict(int)
    for claim_id in corpus.claims:
        counts[corpus.claim_source[claim_id]] += 1
    result = []
    for i, source_id in enumerate(arrays.source_ids):
        source = corpus.sources[source_id]
        group = groups.group[source_id]
        copies = [m for m in groups.members(group) if m != source_id]
        trust = float(round(scores.trust[i], 4))
        n, ok, bad = counts[source_id], supported[i], contradicted[i]
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
