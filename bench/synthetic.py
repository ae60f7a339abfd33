"""Synthetic corpora with known truth, shared by bench_truth.py and bench_scale.py.

A corpus is a set of *objects* (slots), each with a true integer count, and
*sources* with a known reliability. Claims are generated as follows:

- every object is claimed by a few independent sources, drawn at random;
- an independent source is right with probability equal to its reliability.
  A right claim states the truth; a wrong claim states one of the object's
  few *distractor* values (wrong sources often agree on the same wrong
  figure, as in real copy-and-error chains), weighted by ``distractors``;
- with probability ``qualified_share`` a claim carries a qualifier instead of
  an exact figure, the way news copy does (see :func:`qualify`):
  "more than X" → (X, ∞), "about X" → [0.95·X, 1.05·X], "nearly X" → [0.9·X, X),
  where X is the stated value rounded to two significant digits in the
  direction that keeps it true. A wrong value's qualifier that happens to
  contain the truth is dropped (the claim states the exact wrong value), so a
  claim is *correct* exactly when its interval contains the truth;
- a share of the sources are *copiers* (syndicators): each copies one
  original source, taking each of the original's claims with probability
  ``copy_probability`` (same value, same qualifier). With ``copy_targets =
  "unreliable"`` the originals are the least reliable independent sources,
  the case where counting copies as votes hurts most.

Values are intervals with open or closed ends, held as parallel arrays so a
million claims fit in memory; :meth:`SyntheticCorpus.interval` gives recon's
own :class:`~recon.interval.Interval` for one claim.

Pairs within a slot are related either with recon's real code
(:func:`compare_with_recon`: :func:`recon.values.compare` on
:class:`~recon.values.QuantityValue`) or vectorized with the same semantics
(:func:`compare_vectorized`; checked equal in bench_scale.py).
"""

from __future__ import annotations

import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from recon.interval import Interval  # noqa: E402
from recon.relations import RelationKind  # noqa: E402
from recon.scoring import DEFAULT_POLICY, ScoringInput, ScoringPolicy, independent_edges  # noqa: E402
from recon.values import Comparison, QuantityValue, compare  # noqa: E402

#: Comparison codes used in the arrays, in this order.
COMPARISONS: tuple[Comparison, ...] = (Comparison.EQUAL, Comparison.NARROWER, Comparison.BROADER,
                                       Comparison.OVERLAP, Comparison.DISJOINT)
CODE = {c: i for i, c in enumerate(COMPARISONS)}
#: How a comparison of two claims of one (static) slot becomes a relation.
RELATION_OF: dict[Comparison, RelationKind] = {
    Comparison.EQUAL: RelationKind.AGREES, Comparison.OVERLAP: RelationKind.AGREES,
    Comparison.NARROWER: RelationKind.REFINES, Comparison.BROADER: RelationKind.REFINES,
    Comparison.DISJOINT: RelationKind.CONFLICTS,
}
QUALIFIERS = ("more than", "about", "nearly")
#: A chosen value counts as *precise* when its interval is at most this share of the truth wide.
PRECISE_WIDTH = 0.12


@dataclass(frozen=True)
class SyntheticConfig:
    n_sources: int = 200
    n_objects: int = 2000
    claims_per_object: tuple[int, int] = (4, 8)  # independent claims per object, inclusive
    reliability: tuple[float, float] = (0.5, 0.95)  # uniform
    copier_share: float = 0.0  # share of sources that only copy
    copy_probability: float = 0.8
    copy_targets: Literal["any", "unreliable"] = "any"
    unreliable_share: float = 0.1  # with copy_targets="unreliable": originals are this bottom share
    qualified_share: float = 0.3
    distractors: tuple[float, ...] = (0.6, 0.3, 0.1)  # how often a wrong source picks each wrong value
    truth_range: tuple[float, float] = (200.0, 200_000.0)  # log-uniform
    seed: int = 0


@dataclass
class SyntheticCorpus:
    config: SyntheticConfig
    truth: np.ndarray  # float, per object
    reliability: np.ndarray  # per source: the parameter (a copier's is its original's)
    original: np.ndarray  # per source: the source it copies, or -1
    claim_object: np.ndarray  # int, claims sorted by object then source
    claim_source: np.ndarray
    claim_copied: np.ndarray  # bool: the claim is a copy of the original's
    lo: np.ndarray
    hi: np.ndarray
    lo_closed: np.ndarray
    hi_closed: np.ndarray
    qualifier: np.ndarray  # int8: -1 exact, else index into QUALIFIERS
    _correct: np.ndarray | None = field(default=None, repr=False)

    @property
    def n_claims(self) -> int:
        return len(self.claim_source)

    @property
    def n_sources(self) -> int:
        return len(self.reliability)

    def interval(self, i: int) -> Interval:
        return Interval(float(self.lo[i]), float(self.hi[i]), bool(self.lo_closed[i]), bool(self.hi_closed[i]))

    def value_key(self, i: int) -> tuple[float, float, bool, bool]:
        """A hashable value: what a categorical method sees."""
        return float(self.lo[i]), float(self.hi[i]), bool(self.lo_closed[i]), bool(self.hi_closed[i])

    @property
    def correct(self) -> np.ndarray:
        """Per claim: its interval contains the truth."""
        if self._correct is None:
            self._correct = contains(self.lo, self.hi, self.lo_closed, self.hi_closed, self.truth[self.claim_object])
        return self._correct

    def source_accuracy(self) -> np.ndarray:
        """Per source: the share of its claims that are correct (NaN without claims): the trust to recover."""
        n = np.bincount(self.claim_source, minlength=self.n_sources)
        ok = np.bincount(self.claim_source, weights=self.correct, minlength=self.n_sources)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(n > 0, ok / np.maximum(n, 1), np.nan)

    def root(self) -> np.ndarray:
        """Per source: the source whose claims it states (itself, or the original it copies)."""
        return np.where(self.original >= 0, self.original, np.arange(self.n_sources))

    def save(self, path: Path) -> None:
        np.savez(path, truth=self.truth, reliability=self.reliability, original=self.original,
                 claim_object=self.claim_object, claim_source=self.claim_source, claim_copied=self.claim_copied,
                 lo=self.lo, hi=self.hi, lo_closed=self.lo_closed, hi_closed=self.hi_closed,
                 qualifier=self.qualifier)

    @classmethod
    def load(cls, path: Path, config: SyntheticConfig | None = None) -> SyntheticCorpus:
        with np.load(path) as data:
            return cls(config or SyntheticConfig(), **{k: data[k] for k in data.files})


def contains(lo: np.ndarray, hi: np.ndarray, lo_closed: np.ndarray, hi_closed: np.ndarray,
             x: np.ndarray) -> np.ndarray:
    return ((lo < x) | (lo_closed & (lo == x))) & ((x < hi) | (hi_closed & (hi == x)))


# -- generation -----------------------------------------------------------------


def generate(config: SyntheticConfig) -> SyntheticCorpus:
    rng = np.random.default_rng(config.seed)
    n_src, n_obj = config.n_sources, config.n_objects
    lo_t, hi_t = np.log(config.truth_range[0]), np.log(config.truth_range[1])
    truth = np.round(np.exp(rng.uniform(lo_t, hi_t, n_obj)))
    reliability = rng.uniform(*config.reliability, n_src)
    original = _choose_copiers(config, reliability, rng)
    independent = np.flatnonzero(original < 0)

    obj, src = _draw_claimants(config, independent, rng)
    right = rng.random(len(obj)) < reliability[src]
    distractor_values = _distractors(truth, len(config.distractors), rng)
    pick = rng.choice(len(config.distractors), size=len(obj), p=np.asarray(config.distractors))
    stated = np.where(right, truth[obj], distractor_values[obj, pick])
    qualifier = np.where(rng.random(len(obj)) < config.qualified_share,
                         rng.integers(0, len(QUALIFIERS), len(obj)), -1).astype(np.int8)
    lo, hi, lo_c, hi_c = qualify(stated, qualifier)
    # a qualified wrong value must stay wrong: drop its qualifier if it caught the truth
    caught = ~right & contains(lo, hi, lo_c, hi_c, truth[obj])
    qualifier[caught] = -1
    lo[caught], hi[caught], lo_c[caught], hi_c[caught] = stated[caught], stated[caught], True, True
    copied = np.zeros(len(obj), dtype=bool)

    parts = [(obj, src, copied, lo, hi, lo_c, hi_c, qualifier)]
    for copier in np.flatnonzero(original >= 0):
        take = (src == original[copier]) & (rng.random(len(src)) < config.copy_probability)
        n = int(take.sum())
        parts.append((obj[take], np.full(n, copier), np.ones(n, dtype=bool), lo[take], hi[take],
                      lo_c[take], hi_c[take], qualifier[take]))
    columns = [np.concatenate(column) for column in zip(*parts)]
    order = np.lexsort((columns[1], columns[0]))
    obj, src, copied, lo, hi, lo_c, hi_c, qualifier = (column[order] for column in columns)
    reliability = np.where(original >= 0, reliability[np.maximum(original, 0)], reliability)
    return SyntheticCorpus(config, truth, reliability, original, obj.astype(np.int64), src.astype(np.int64),
                           copied, lo, hi, lo_c, hi_c, qualifier)


def _choose_copiers(config: SyntheticConfig, reliability: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    n = config.n_sources
    original = np.full(n, -1, dtype=np.int64)
    n_copiers = int(round(config.copier_share * n))
    if n_copiers == 0:
        return original
    copiers = rng.choice(n, size=n_copiers, replace=False)
    independent = np.setdiff1d(np.arange(n), copiers)
    if config.copy_targets == "unreliable":
        ranked = independent[np.argsort(reliability[independent], kind="stable")]
        targets = ranked[:max(1, int(round(config.unreliable_share * len(independent))))]
    else:
        targets = independent
    original[copiers] = rng.choice(targets, size=n_copiers)
    return original


def _draw_claimants(config: SyntheticConfig, pool: np.ndarray,
                    rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """(object, source) pairs: each object gets k distinct sources of the pool, k uniform in the range."""
    k_min, k_max = config.claims_per_object
    k_max = min(k_max, len(pool))
    k = rng.integers(min(k_min, k_max), k_max + 1, config.n_objects)
    draw = rng.integers(0, len(pool), (config.n_objects, k_max))
    used = np.arange(k_max)[None, :] < k[:, None]
    while True:
        masked = np.where(used, draw, -1 - np.arange(k_max)[None, :])  # unused columns never collide
        ordered = np.sort(masked, axis=1)
        dup_rows = np.flatnonzero(np.any(ordered[:, 1:] == ordered[:, :-1], axis=1))
        if len(dup_rows) == 0:
            break
        draw[dup_rows] = rng.integers(0, len(pool), (len(dup_rows), k_max))
    rows, cols = np.nonzero(used)
    return rows.astype(np.int64), pool[draw[rows, cols]].astype(np.int64)


def _distractors(truth: np.ndarray, n: int, rng: np.random.Generator) -> np.ndarray:
    """Per object, n distinct wrong integers 5-50% off the truth."""
    sign = rng.choice([-1.0, 1.0], size=(len(truth), n))
    off = rng.uniform(0.05, 0.5, (len(truth), n))
    values = np.round(truth[:, None] * (1 + sign * off))
    for j in range(n):  # keep them distinct from the truth and from one another
        clash = values[:, j] == truth
        for m in range(j):
            clash |= values[:, j] == values[:, m]
        while np.any(clash):
            values[clash, j] += 1 + j
            clash = values[:, j] == truth
            for m in range(j):
                clash |= values[:, j] == values[:, m]
    return values


def qualify(value: np.ndarray, qualifier: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Intervals for stated values: exact (qualifier -1) or with one of QUALIFIERS; each contains ``value``.

    X is ``value`` at two significant digits: rounded down for "more than"
    (and one step lower when that is ``value`` itself, so X < value), to the
    nearest for "about", up (one step higher when equal) for "nearly".
    """
    unit = 10.0 ** np.maximum(np.floor(np.log10(np.maximum(value, 1))) - 1, 0)
    lo, hi = value.astype(float), value.astype(float)
    lo_c, hi_c = np.ones(len(value), dtype=bool), np.ones(len(value), dtype=bool)
    more = qualifier == 0
    x = np.floor(value / unit) * unit
    x = np.where(x == value, x - unit, x)
    lo[more], hi[more], lo_c[more], hi_c[more] = x[more], math.inf, False, False
    about = qualifier == 1
    x = np.round(value / unit) * unit
    lo[about], hi[about] = x[about] * 0.95, x[about] * 1.05
    nearly = qualifier == 2
    x = np.ceil(value / unit) * unit
    x = np.where(x == value, x + unit, x)
    lo[nearly], hi[nearly], hi_c[nearly] = x[nearly] * 0.9, x[nearly], False
    bad = ~contains(lo, hi, lo_c, hi_c, value)  # float edge cases: state the exact value instead
    lo[bad], hi[bad], lo_c[bad], hi_c[bad] = value[bad], value[bad], True, True
    return lo, hi, lo_c, hi_c


# -- pairs within slots and how they compare ---------------------------------------


def slot_pairs(claim_object: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every pair (a, b), a < b, of claims of one object; claims must be sorted by object."""
    starts = np.flatnonzero(np.r_[True, claim_object[1:] != claim_object[:-1]])
    sizes = np.diff(np.r_[starts, len(claim_object)])
    position = np.arange(len(claim_object)) - np.repeat(starts, sizes)
    after = np.repeat(sizes, sizes) - 1 - position  # claims after this one in its slot
    a = np.repeat(np.arange(len(claim_object), dtype=np.int64), after)
    block = np.repeat(np.cumsum(after) - after, after)
    b = a + 1 + (np.arange(len(a), dtype=np.int64) - block)
    return a, b


def compare_vectorized(c: SyntheticCorpus, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Comparison codes (see COMPARISONS) of claim a against claim b, as recon.values.compare does it."""
    alo, ahi, alc, ahc = c.lo[a], c.hi[a], c.lo_closed[a], c.hi_closed[a]
    blo, bhi, blc, bhc = c.lo[b], c.hi[b], c.lo_closed[b], c.hi_closed[b]
    equal = (alo == blo) & (ahi == bhi) & (alc == blc) & (ahc == bhc)
    b_holds_a = (((blo < alo) | ((blo == alo) & (blc | ~alc)))
                 & ((ahi < bhi) | ((ahi == bhi) & (bhc | ~ahc))))
    a_holds_b = (((alo < blo) | ((alo == blo) & (alc | ~blc)))
                 & ((bhi < ahi) | ((bhi == ahi) & (ahc | ~bhc))))
    lo = np.maximum(alo, blo)
    lo_closed = np.where(alo == blo, alc & blc, np.where(alo > blo, alc, blc))
    hi = np.minimum(ahi, bhi)
    hi_closed = np.where(ahi == bhi, ahc & bhc, np.where(ahi < bhi, ahc, bhc))
    overlap = (lo < hi) | ((lo == hi) & lo_closed & hi_closed)
    code = np.full(len(a), CODE[Comparison.DISJOINT], dtype=np.int8)
    code[overlap] = CODE[Comparison.OVERLAP]
    code[a_holds_b] = CODE[Comparison.BROADER]
    code[b_holds_a] = CODE[Comparison.NARROWER]
    code[equal] = CODE[Comparison.EQUAL]
    return code


def compare_with_recon(c: SyntheticCorpus, a: np.ndarray, b: np.ndarray, unit: str = "person") -> np.ndarray:
    """The same codes through recon.values.compare on QuantityValue objects (one Python call per pair)."""
    values = [QuantityValue(c.interval(i), unit) for i in range(c.n_claims)]
    return np.fromiter((CODE[compare(values[i], values[j])] for i, j in zip(a.tolist(), b.tolist())),
                       dtype=np.int8, count=len(a))


def exact_codes(c: SyntheticCorpus, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Comparison without interval semantics: the same value or a conflict (what a categorical method sees)."""
    same = ((c.lo[a] == c.lo[b]) & (c.hi[a] == c.hi[b])
            & (c.lo_closed[a] == c.lo_closed[b]) & (c.hi_closed[a] == c.hi_closed[b]))
    return np.where(same, CODE[Comparison.EQUAL], CODE[Comparison.DISJOINT]).astype(np.int8)


# -- recon's scorer on a synthetic corpus -----------------------------------------------


def code_weights(policy: ScoringPolicy = DEFAULT_POLICY) -> np.ndarray:
    """Implication weight per comparison code, through the relation it maps to."""
    return np.array([policy.weight(RELATION_OF[c]) for c in COMPARISONS])


def scoring_input(claim_source: np.ndarray, n_sources: int, a: np.ndarray, b: np.ndarray, codes: np.ndarray,
                  origin: np.ndarray, policy: ScoringPolicy = DEFAULT_POLICY,
                  counts: np.ndarray | None = None) -> ScoringInput:
    """Symmetric edges from related pairs, copies counted once (recon.scoring.independent_edges)."""
    weight = code_weights(policy)[codes]
    src, dst = np.concatenate([a, b]), np.concatenate([b, a])
    src, dst, weight = independent_edges(src, dst, np.concatenate([weight, weight]), origin)
    return ScoringInput(
        claim_source=claim_source, claim_origin=origin,
        claim_counts=np.ones(len(claim_source), dtype=bool) if counts is None else counts,
        edge_from=src, edge_to=dst, edge_weight=weight, n_sources=n_sources)


def detected_origin(c: SyntheticCorpus) -> np.ndarray:
    """Per claim: its copy group as recon.provenance.copy_groups finds it from shared claims alone."""
    from recon.model import Source
    from recon.provenance import copy_groups

    names = [f"s{i:05d}" for i in range(c.n_sources)]
    sources = {name: Source(id=name, outlet=f"outlet {name}", language="en", text=f"{name}.txt") for name in names}
    keys: dict[str, set[str]] = {name: set() for name in names}
    for i in range(c.n_claims):
        keys[names[c.claim_source[i]]].add(f"o{c.claim_object[i]}={c.interval(i).format()}")
    groups = copy_groups(sources, keys).group
    group_index = {name: names.index(groups[name]) for name in names}
    per_source = np.array([group_index[name] for name in names], dtype=np.int64)
    return per_source[c.claim_source]


# -- recon's own objects, for its real relation and verdict code ---------------------------


def claim_id(i: int) -> str:
    return f"c{i:08d}"  # zero-padded: id order is index order


def source_id(s: int) -> str:
    return f"s{s:05d}"


def normalized_claims(c: SyntheticCorpus, indices: Sequence[int] | None = None) -> list:
    """recon NormalizedClaim objects for the claims, built directly (no YAML): a static count per object."""
    from recon.model import Claim, Property, Source
    from recon.normalize.claims import NormalizedClaim

    prop = Property(id="count", label="count", kind="count", unit="person", behaviour="static")
    sources = [Source(id=source_id(s), outlet=f"outlet {s}", language="en", text=f"{s}.txt")
               for s in range(c.n_sources)]
    template = Claim(id=claim_id(0), subject="o0", property="count", value="1", quote="1")
    values: dict[Interval, QuantityValue] = {}  # one object per distinct value, as recon's ClaimNormalizer gives
    claims = []
    for i in range(c.n_claims) if indices is None else indices:
        interval = c.interval(i)
        text = interval.format()
        # a copy of a validated claim with valid fields: validating a million Claims would dominate the setup
        claim = template.model_copy(update={"id": claim_id(i), "subject": f"o{c.claim_object[i]}",
                                            "value": text, "quote": text})
        value = values.setdefault(interval, QuantityValue(interval, "person"))
        claims.append(NormalizedClaim(claim, sources[c.claim_source[i]], prop, value, None, False))
    return claims


def judge_with_recon(c: SyntheticCorpus, origin: np.ndarray, confidence: np.ndarray) -> np.ndarray:
    """Per object, the claim recon's verdict shows as best (recon.graph.build_slots + recon.verdicts.judge)."""
    from recon.graph import build_slots
    from recon.verdicts import judge

    claims = normalized_claims(c)
    origins = {claim_id(i): f"group:{origin[i]}" for i in range(c.n_claims)}
    by_id = {claim_id(i): round(float(confidence[i]), 6) for i in range(c.n_claims)}
    chosen = np.full(len(c.truth), -1, dtype=np.int64)
    for slot in build_slots(claims, origins):
        best = judge(slot, by_id, origins).best[0]
        chosen[int(slot.key[0][1:])] = int(best.representative[1:])
    return chosen


def verdict_pick(claim_object: np.ndarray, n_objects: int, a: np.ndarray, b: np.ndarray, compatible: np.ndarray,
                 origin: np.ndarray, confidence: np.ndarray, width: np.ndarray,
                 rule: Literal["narrowest", "confident"] = "confident") -> np.ndarray:
    """Per object, the claim recon's verdict shows as best, vectorized (recon.verdicts._states):

    claims joined by compatible edges (equal, overlapping, refining) form value groups; a group's
    support is the sum over its origins of their most confident claim (copies count once), rounded
    to 6 places; the best group has the most support (ties: the group whose first claim comes
    first); rule "confident", what recon does (recon.verdicts.representative), takes the best
    group's most confident bounded claim (ties: narrower, then first). Rule "narrowest", recon's
    earlier rule, takes its most precise claim (narrowest, then first).
    """
    n = len(claim_object)
    group = np.arange(n)
    a, b = a[compatible], b[compatible]
    while True:  # connected components by min-label propagation (slots are small)
        low = np.minimum(group[a], group[b])
        new = group.copy()
        np.minimum.at(new, a, low)
        np.minimum.at(new, b, low)
        new = new[new]
        if np.array_equal(new, group):
            break
        group = new
    conf = np.round(confidence, 6)
    key = group.astype(np.int64) * (int(origin.max()) + 1) + origin
    unique, inverse = np.unique(key, return_inverse=True)
    best_of_origin = np.zeros(len(unique))
    np.maximum.at(best_of_origin, inverse, conf)
    support = np.round(np.bincount(unique // (int(origin.max()) + 1), weights=best_of_origin, minlength=n), 6)
    # best group per object: most support, then the smallest first claim (= the group label)
    labels = np.unique(group)
    best_group = pick_per_object(claim_object[labels], n_objects, support[labels], width=labels.astype(float))
    best_label = np.where(best_group >= 0, labels[np.maximum(best_group, 0)], -1)
    in_best = (group == best_label[claim_object]).astype(float)
    if rule == "narrowest":
        return pick_per_object(claim_object, n_objects, in_best, width=width)
    rank = 4 * in_best + 2 * np.isfinite(width) + conf  # conf < 1: members, bounded, confident
    return pick_per_object(claim_object, n_objects, rank, width=width)


# -- choosing values and measuring them ---------------------------------------------------


def pick_per_object(claim_object: np.ndarray, n_objects: int, score: np.ndarray,
                    width: np.ndarray | None = None) -> np.ndarray:
    """Per object, the claim with the highest score (ties: the narrower, then the first); -1 if none."""
    tie = np.zeros(len(score)) if width is None else width
    order = np.lexsort((np.arange(len(score)), tie, -score, claim_object))
    first = np.r_[True, claim_object[order][1:] != claim_object[order][:-1]]
    chosen = np.full(n_objects, -1, dtype=np.int64)
    chosen[claim_object[order][first]] = order[first]
    return chosen


def majority_vote(keys: Sequence[object], claim_object: np.ndarray, n_objects: int) -> np.ndarray:
    """Per object, a claim stating the most frequent value (ties: the value seen first)."""
    counts: dict[tuple[int, object], int] = {}
    first_claim: dict[tuple[int, object], int] = {}
    for i, (o, key) in enumerate(zip(claim_object.tolist(), keys)):
        counts[(o, key)] = counts.get((o, key), 0) + 1
        first_claim.setdefault((o, key), i)
    chosen = np.full(n_objects, -1, dtype=np.int64)
    best: dict[int, tuple[int, int]] = {}
    for (o, key), n in counts.items():
        rank = (n, -first_claim[(o, key)])
        if o not in best or rank > best[o]:
            best[o] = rank
            chosen[o] = first_claim[(o, key)]
    return chosen


def precision(c: SyntheticCorpus, chosen: np.ndarray) -> tuple[float, float]:
    """(share of objects whose chosen interval contains the truth, share where it also is precise)."""
    ok = chosen >= 0
    picked = chosen[ok]
    right = c.correct[picked]
    width = c.hi[picked] - c.lo[picked]
    narrow = width <= PRECISE_WIDTH * c.truth[ok]
    n = len(chosen)
    return float(right.sum() / n), float((right & narrow).sum() / n)


def rank(x: np.ndarray) -> np.ndarray:
    """Ranks 1..n, ties sharing their average rank."""
    order = np.argsort(x, kind="stable")
    ranks = np.empty(len(x))
    sorted_x = x[order]
    starts = np.flatnonzero(np.r_[True, sorted_x[1:] != sorted_x[:-1]])
    ends = np.r_[starts[1:], len(x)]
    average = (starts + ends + 1) / 2.0  # mean of ranks start+1 .. end
    ranks[order] = np.repeat(average, ends - starts)
    return ranks


def spearman(x: np.ndarray, y: np.ndarray) -> float:
    """Spearman rank correlation (Pearson on average ranks), ignoring NaN pairs."""
    keep = ~(np.isnan(x) | np.isnan(y))
    rx, ry = rank(x[keep]), rank(y[keep])
    rx, ry = rx - rx.mean(), ry - ry.mean()
    denominator = math.sqrt(float((rx * rx).sum() * (ry * ry).sum()))
    return float((rx * ry).sum() / denominator) if denominator else float("nan")


def trust_error(estimate: np.ndarray, target: np.ndarray) -> tuple[float, float]:
    """(mean absolute error, Spearman correlation) of estimated trust against true accuracy, sources with claims."""
    keep = ~np.isnan(target) & ~np.isnan(estimate)
    return float(np.mean(np.abs(estimate[keep] - target[keep]))), spearman(estimate[keep], target[keep])
