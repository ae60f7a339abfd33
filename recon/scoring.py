"""Source trust and claim confidence by iterative truth discovery.

The method is TruthFinder (Yin, Han and Yu, KDD 2007) adapted to claims whose
values relate by intervals and time, with copy-awareness in the spirit of
AccuCopy (Dong et al., VLDB 2009):

- a claim's own score is ``τ(t) = -ln(1 - t)`` of its source's trust ``t``;
- other claims of its slot add ``ρ · imp · τ`` where the implication ``imp``
  comes from the relation: +1 for the same value, partial for a refinement
  or overlap (超过700 supports 738), -1 for a conflict, 0 for evolution over
  time, coexisting roles, and anything from the same origin (copies count once);
- confidence is ``1 / (1 + exp(-γ · score))``; a source's trust is the mean
  confidence of its claims; repeat until trust stops changing.

Everything is numpy arrays over claims and edges, so one iteration is a few
vector operations whatever the corpus size. The iteration is deterministic.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING

from recon.relations import KIND_CODE, RelationKind

if TYPE_CHECKING:  # numpy is imported where it is used, so loading a cached result stays fast
    import numpy as np


@dataclass(frozen=True)
class ScoringPolicy:
    initial_trust: float = 0.9
    dampening: float = 0.3  # γ
    influence: float = 0.5  # ρ
    max_iterations: int = 1000
    tolerance: float = 1e-6
    prior_weight: float = 1.0  # pseudo-claims at the mean trust: a source with one claim is not judged on it alone
    implication: tuple[tuple[RelationKind, float], ...] = (
        (RelationKind.AGREES, 1.0),
        (RelationKind.REFINES, 0.6),
        (RelationKind.CONFLICTS, -1.0),
    )

    def weight(self, kind: RelationKind) -> float:
        return dict(self.implication).get(kind, 0.0)


DEFAULT_POLICY = ScoringPolicy()


@dataclass(frozen=True)
class ScoringInput:
    """Claims as integer arrays: their source, their origin, whether they count, and the slot edges."""

    claim_source: np.ndarray  # int, one per claim
    claim_origin: np.ndarray  # int, one per claim: claims of one origin support each other 0
    claim_counts: np.ndarray  # bool: False for hypothetical claims
    edge_from: np.ndarray  # int claim index
    edge_to: np.ndarray
    edge_weight: np.ndarray  # implication, symmetric pairs listed both ways
    n_sources: int


@dataclass(frozen=True)
class Scores:
    trust: np.ndarray  # per source
    confidence: np.ndarray  # per claim
    iterations: int
    converged: bool


def independent_edges(edge_from: np.ndarray, edge_to: np.ndarray, weight: np.ndarray,
                      origin: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Drop same-origin edges and keep one edge per (target claim, supporting origin): copies count once."""
    import numpy as np

    keep = (origin[edge_from] != origin[edge_to]) & (weight != 0)
    edge_from, edge_to, weight = edge_from[keep], edge_to[keep], weight[keep]
    if len(edge_to) == 0:
        return edge_from, edge_to, weight
    # one key per (target claim, supporting origin), ordered as the pair is; the strongest edge first
    group = edge_to * (int(origin.max()) + 1) + origin[edge_from]
    order = _by_group_strength_source(group, weight, edge_from)
    group = group[order]
    first = np.ones(len(group), dtype=bool)
    first[1:] = group[1:] != group[:-1]
    keep = order[first]
    return edge_from[keep], edge_to[keep], weight[keep]


def _by_group_strength_source(group: np.ndarray, weight: np.ndarray, edge_from: np.ndarray) -> np.ndarray:
    """The order of ``np.lexsort((edge_from, -|weight|, group))``, from one sort of one int64 key when it fits."""
    import numpy as np

    strengths, strength = np.unique(-np.abs(weight), return_inverse=True)
    n_from = int(edge_from.max()) + 1
    if (int(group.max()) + 1) * len(strengths) * n_from >= 2**62:
        return np.lexsort((edge_from, strength, group))
    return np.argsort((group * len(strengths) + strength) * n_from + edge_from, kind="stable")


def score(data: ScoringInput, policy: ScoringPolicy = DEFAULT_POLICY) -> Scores:
    import numpy as np

    n_claims = len(data.claim_source)
    trust = np.full(data.n_sources, policy.initial_trust)
    evidence = data.claim_counts.astype(float)
    counts = np.bincount(data.claim_source, weights=evidence, minlength=data.n_sources)
    confidence = np.zeros(n_claims)
    src, dst, weight = data.edge_from, data.edge_to, data.edge_weight
    for iteration in range(1, policy.max_iterations + 1):
        tau = -np.log(1.0 - np.clip(trust, 1e-6, 1 - 1e-6))[data.claim_source]
        support = np.bincount(dst, weights=weight * tau[src] * evidence[src], minlength=n_claims)
        confidence = 1.0 / (1.0 + np.exp(-policy.dampening * (tau + policy.influence * support)))
        total = np.bincount(data.claim_source, weights=confidence * evidence, minlength=data.n_sources)
        judged = counts > 0
        mean = float(total[judged].sum() / counts[judged].sum()) if judged.any() else policy.initial_trust
        new_trust = (total + policy.prior_weight * mean) / (counts + policy.prior_weight)
        change = float(np.max(np.abs(new_trust - trust))) if len(trust) else 0.0
        trust = new_trust
        if change < policy.tolerance:
            return Scores(trust, confidence, iteration, True)
    return Scores(trust, confidence, policy.max_iterations, False)


def pair_array(pairs: Iterable[tuple[int, int, RelationKind]]) -> np.ndarray:
    """(claim index, claim index, relation) triples as an (n, 3) int64 array; the relation as its KIND_CODE."""
    import numpy as np

    flat = chain.from_iterable((a, b, KIND_CODE[kind]) for a, b, kind in pairs)
    return np.fromiter(flat, dtype=np.int64).reshape(-1, 3)


def edge_arrays(pairs: Sequence[tuple[int, int, RelationKind]] | np.ndarray,
                policy: ScoringPolicy = DEFAULT_POLICY) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Symmetric implication edges from (claim index, claim index, relation) triples or their (n, 3) array
    (:func:`pair_array`, ``PairTable.index_pairs``)."""
    import numpy as np

    array = pairs if isinstance(pairs, np.ndarray) else pair_array(pairs)
    weights = np.array([policy.weight(kind) for kind in RelationKind])
    a, b, w = array[:, 0], array[:, 1], weights[array[:, 2]]
    return np.concatenate([a, b]), np.concatenate([b, a]), np.concatenate([w, w])
