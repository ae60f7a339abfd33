"""recon.scoring on tiny hand-made arrays: one behaviour per test.

Claims are rows of small arrays (source, origin, counts as evidence); edges
are symmetric implication pairs within a slot, as recon.reconcile builds them.
"""

from __future__ import annotations

import numpy as np
import pytest

from recon.relations import RelationKind
from recon.scoring import DEFAULT_POLICY, Scores, ScoringInput, ScoringPolicy, edge_arrays, independent_edges, score

AGREES, REFINES, CONFLICTS = RelationKind.AGREES, RelationKind.REFINES, RelationKind.CONFLICTS


def scoring_input(sources: list[int], pairs: list[tuple[int, int, RelationKind]], origins: list[int] | None = None,
                  counts: list[bool] | None = None, n_sources: int | None = None) -> ScoringInput:
    """Claims by source (origin = source unless given) and related pairs, copies counted once."""
    origin = np.array(sources if origins is None else origins, dtype=np.int64)
    src, dst, weight = independent_edges(*edge_arrays(pairs), origin)
    return ScoringInput(
        claim_source=np.array(sources, dtype=np.int64), claim_origin=origin,
        claim_counts=np.array([True] * len(sources) if counts is None else counts, dtype=bool),
        edge_from=src, edge_to=dst, edge_weight=weight,
        n_sources=max(sources) + 1 if n_sources is None else n_sources)


def four_sources_one_dissenter() -> ScoringInput:
    """Three slots; sources 0, 1, 2 agree on each, source 3 states something else every time."""
    sources, pairs = [], []
    for slot in range(3):
        base = 4 * slot
        sources += [0, 1, 2, 3]
        for i in range(4):
            for j in range(i + 1, 4):
                kind = CONFLICTS if 3 in (i, j) else AGREES
                pairs.append((base + i, base + j, kind))
    return scoring_input(sources, pairs)


def test_iteration_converges_within_the_limit() -> None:
    scores = score(four_sources_one_dissenter())
    assert scores.converged
    assert 1 < scores.iterations < DEFAULT_POLICY.max_iterations
    assert np.all((scores.trust > 0) & (scores.trust < 1))
    assert np.all((scores.confidence > 0) & (scores.confidence < 1))


def test_a_run_stopped_at_the_iteration_limit_says_it_did_not_converge() -> None:
    scores = score(four_sources_one_dissenter(), ScoringPolicy(max_iterations=2))
    assert not scores.converged
    assert scores.iterations == 2


def test_same_input_gives_bit_identical_scores() -> None:
    first, second = score(four_sources_one_dissenter()), score(four_sources_one_dissenter())
    assert first.iterations == second.iterations
    assert first.trust.tobytes() == second.trust.tobytes()
    assert first.confidence.tobytes() == second.confidence.tobytes()


def test_edge_order_does_not_change_the_scores() -> None:
    data = four_sources_one_dissenter()
    order = np.random.default_rng(0).permutation(len(data.edge_to))
    shuffled = ScoringInput(data.claim_source, data.claim_origin, data.claim_counts, data.edge_from[order],
                            data.edge_to[order], data.edge_weight[order], data.n_sources)
    a, b = score(data), score(shuffled)
    np.testing.assert_allclose(a.trust, b.trust, rtol=0, atol=1e-12)
    np.testing.assert_allclose(a.confidence, b.confidence, rtol=0, atol=1e-12)


def test_source_contradicted_by_independent_sources_loses_trust() -> None:
    scores = score(four_sources_one_dissenter())
    assert scores.trust[3] < DEFAULT_POLICY.initial_trust
    assert scores.trust[3] < scores.trust[:3].min()
    assert np.allclose(scores.trust[:3], scores.trust[0])  # the three agreeing sources are alike
    assert scores.confidence[3] < scores.confidence[0]


def test_agreement_raises_confidence_above_a_lone_claim() -> None:
    lone = score(scoring_input([0], [], n_sources=1))
    backed = score(scoring_input([0, 1], [(0, 1, AGREES)]))
    assert backed.confidence[0] > lone.confidence[0]


def test_a_refinement_supports_less_than_an_equal_value() -> None:
    agrees = score(scoring_input([0, 1], [(0, 1, AGREES)]), ScoringPolicy(max_iterations=1))
    refines = score(scoring_input([0, 1], [(0, 1, REFINES)]), ScoringPolicy(max_iterations=1))
    alone = score(scoring_input([0, 1], []), ScoringPolicy(max_iterations=1))
    assert alone.confidence[0] < refines.confidence[0] < agrees.confidence[0]


# -- copies count once -------------------------------------------------------------------


def test_independent_edges_drops_edges_within_one_origin() -> None:
    src, dst, weight = independent_edges(*edge_arrays([(0, 1, AGREES), (1, 2, CONFLICTS)]),
                                         np.array([7, 7, 8]))
    assert sorted(zip(src.tolist(), dst.tolist(), weight.tolist())) == [(1, 2, -1.0), (2, 1, -1.0)]


def test_independent_edges_keeps_one_edge_per_target_and_origin_the_strongest() -> None:
    # claims 1 and 2 are copies (origin 5): claim 0 hears from that origin once, through its strongest edge
    src, dst, weight = independent_edges(*edge_arrays([(0, 1, REFINES), (0, 2, AGREES)]),
                                         np.array([4, 5, 5]))
    into_zero = [(s, w) for s, d, w in zip(src.tolist(), dst.tolist(), weight.tolist()) if d == 0]
    assert into_zero == [(2, 1.0)]
    assert sorted(d for d in dst.tolist() if d != 0) == [1, 2]  # each copy still hears from claim 0


def test_independent_edges_drops_zero_weight_relations() -> None:
    src, _, _ = independent_edges(*edge_arrays([(0, 1, RelationKind.EVOLVES), (0, 2, RelationKind.COEXISTS)]),
                                  np.array([0, 1, 2]))
    assert len(src) == 0


def test_copies_count_once_against_an_independent_source() -> None:
    # claim 0 (source 0) against claims 1 and 2, which conflict with it and agree with each other
    pairs = [(0, 1, CONFLICTS), (0, 2, CONFLICTS), (1, 2, AGREES)]
    two_voices = score(scoring_input([0, 1, 2], pairs))
    one_voice = score(scoring_input([0, 1, 2], pairs, origins=[0, 1, 1]))  # source 2 copies source 1
    assert two_voices.confidence[0] < two_voices.confidence[1]  # outvoted two to one
    assert np.isclose(one_voice.confidence[0], one_voice.confidence[1])  # one against one
    assert np.isclose(one_voice.trust[0], one_voice.trust[1])


# -- hypothetical claims -------------------------------------------------------------------


def test_hypothetical_claims_do_not_affect_trust_or_confidence() -> None:
    # sources 0 and 1 agree; source 2 adds a hypothetical claim that would conflict with both
    base = score(scoring_input([0, 1], [(0, 1, AGREES)], n_sources=3))
    with_hypothesis = score(scoring_input([0, 1, 2], [(0, 1, AGREES), (0, 2, CONFLICTS), (1, 2, CONFLICTS)],
                                          counts=[True, True, False]))
    np.testing.assert_array_equal(with_hypothesis.trust, base.trust)
    np.testing.assert_array_equal(with_hypothesis.confidence[:2], base.confidence)


def test_a_source_with_only_hypothetical_claims_gets_the_corpus_mean_trust() -> None:
    scores = score(scoring_input([0, 1], [(0, 1, CONFLICTS)], counts=[True, False]))
    assert scores.trust[1] == pytest.approx(scores.confidence[0])


def test_a_hypothetical_claim_of_a_trusted_source_does_not_move_its_trust() -> None:
    pairs = [(0, 1, AGREES)]
    plain = score(scoring_input([0, 1], pairs))
    # source 0 also floats a hypothetical value that source 1 contradicts
    hedged = score(scoring_input([0, 1, 0], pairs + [(1, 2, CONFLICTS)], counts=[True, True, False]))
    np.testing.assert_array_equal(hedged.trust, plain.trust)


def test_sources_without_claims_get_the_corpus_mean_trust() -> None:
    scores: Scores = score(scoring_input([0, 0], [], n_sources=3))
    assert list(scores.trust[1:]) == pytest.approx([float(np.mean(scores.confidence))] * 2)


def test_a_source_with_few_claims_is_shrunk_toward_the_mean() -> None:
    """One supported claim is weaker evidence of reliability than ten: trust is smoothed by pseudo-claims."""
    one = score(scoring_input([0, 1], [(0, 1, AGREES)]))
    ten = score(scoring_input([0] * 10 + [1] * 10, [(i, 10 + i, AGREES) for i in range(10)]))
    lone = score(scoring_input([0, 1, 2], [(0, 1, AGREES)]))
    assert lone.trust[2] < lone.trust[0]
    assert one.trust[0] == pytest.approx(ten.trust[0], abs=0.05)


def test_edge_arrays_are_symmetric_with_the_policy_weights() -> None:
    src, dst, weight = edge_arrays([(0, 1, AGREES), (1, 2, REFINES), (0, 2, CONFLICTS)])
    edges = set(zip(src.tolist(), dst.tolist(), weight.tolist()))
    assert edges == {(0, 1, 1.0), (1, 0, 1.0), (1, 2, 0.6), (2, 1, 0.6), (0, 2, -1.0), (2, 0, -1.0)}
    empty = edge_arrays([])
    assert all(len(part) == 0 for part in empty)


def test_the_one_key_sort_orders_edges_exactly_as_lexsort_does_ties_and_huge_keys_included() -> None:
    from recon.scoring import _by_group_strength_source

    rng = np.random.default_rng(3)
    for top in (50, 2**60):  # small keys take the single sort; keys past 2**62 fall back to lexsort
        group = rng.integers(0, top, 20_000)
        weight = rng.choice([1.0, 0.6, -1.0, 0.25], 20_000)
        edge_from = rng.integers(0, 30, 20_000)  # many exact ties: stability decides
        expected = np.lexsort((edge_from, -np.abs(weight), group))
        assert np.array_equal(_by_group_strength_source(group, weight, edge_from), expected)
