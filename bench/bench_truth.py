"""Accuracy of recon's source scoring against majority vote and published truth-discovery packages.

Run: .venv/bin/python bench/bench_truth.py [--seeds 3]

Peers (benchmark-only, never project dependencies; install into the venv):
    .venv/bin/pip install --no-deps truthdiscovery==1.0.4
    .venv/bin/pip install bidict scipy crowd-kit "scikit-learn<1.6"
truthdiscovery pins old versions of everything (numpy 1.24, pytest 7, pycairo), so it is installed
without its dependencies; its drawing subpackage needs pycairo and imageio, which the algorithms never
use, and is stubbed out when they are missing (see :func:`import_truthdiscovery`). crowd-kit 1.4.2's
Wawa fails with scikit-learn >= 1.6 (``__sklearn_tags__``), hence the pin. crowd-kit aggregates
categorical labels: a value is a label, numbered within its object (so Dawid-Skene's confusion
matrices stay small), and the chosen label is the most probable among the object's own.

1. Public data: city populations claimed by Wikipedia editors, with gold truth
   (/work/shared/benchmarks/population, Pasternack & Roth 2010). One object per
   city and year, one claim per editor. recon's scorer gets claims with exact
   numbers and edges between claims of one object: equal → AGREES, different →
   CONFLICTS (variant "1%": values within 1% of the larger AGREE, TruthFinder's
   implication between close numbers). The chosen value of an object is what
   recon's verdict shows (recon.verdicts: the best-supported group of
   compatible claims, its most precise claim; reproduced vectorized by
   synthetic.verdict_pick and checked against recon.verdicts.judge), or, in
   one row, the most confident claim. Exact-match accuracy, MAE and RMSE on
   the gold objects; times of the whole method (build its input from the
   parsed claims, run, choose; fastest of 3 for methods under 2 s).
2. Synthetic corpora with known truth (bench/synthetic.py): qualified values
   ("more than 700" is (700, ∞)), related with recon's own value comparison;
   copiers with and without provenance. Precision of the chosen values and the
   error of the estimated trust against each source's true accuracy.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
import types
import warnings
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import (  # noqa: E402
    CODE, PRECISE_WIDTH, RELATION_OF, SyntheticConfig, SyntheticCorpus, compare_with_recon,
    detected_origin, exact_codes, generate, judge_with_recon, majority_vote, pick_per_object, precision,
    scoring_input, slot_pairs, trust_error, verdict_pick,
)

from recon.interval import Interval  # noqa: E402
from recon.scoring import DEFAULT_POLICY, ScoringPolicy, score  # noqa: E402
from recon.values import Comparison, QuantityValue, compare  # noqa: E402

POPULATION = Path("/work/shared/benchmarks/population")
PUBLISHED_MAJORITY = {"population-new.txt": 0.744, "population-new-new.txt": 0.726}  # benchmarks/README.md
#: CRH in truthdiscovery builds dense claims × claims matrices; above this many distinct values it is skipped.
CRH_MAX_CLAIMS = 6000
#: recon's policy with room to reach its tolerance (the default stops at 100 iterations).
CONVERGE = ScoringPolicy(max_iterations=1000)


# -- peers: truthdiscovery and crowd-kit ------------------------------------------------


def import_truthdiscovery() -> tuple[Any, str]:
    """The truthdiscovery module (or None) and a note on how it was imported."""
    try:
        import truthdiscovery
        return truthdiscovery, ""
    except ModuleNotFoundError as exc:
        if exc.name not in ("cairo", "imageio", "imageio.v2"):
            return None, f"not importable: {exc}"
    for name in ("cairo", "imageio", "imageio.v2"):  # only truthdiscovery.graphs (drawing) uses them
        sys.modules.setdefault(name, types.ModuleType(name))
    sys.modules["imageio"].v2 = sys.modules["imageio.v2"]  # type: ignore[attr-defined]
    try:
        import truthdiscovery
    except ImportError as exc:
        return None, f"not importable: {exc}"
    return truthdiscovery, "drawing subpackage stubbed (pycairo does not build here)"


@dataclass
class Outcome:
    """What one method chose: a claim index per object (-1: none), trust per source if it has one, seconds."""

    chosen: np.ndarray
    trust: np.ndarray | None
    prepare: float
    solve: float
    note: str = ""

    @property
    def seconds(self) -> float:
        return self.prepare + self.solve


def _first_claim(claim_object: np.ndarray, keys: Sequence[object]) -> dict[tuple[int, object], int]:
    first: dict[tuple[int, object], int] = {}
    for i, item in enumerate(zip(claim_object.tolist(), keys)):
        first.setdefault(item, i)
    return first


def run_truthdiscovery(algorithm: str, claim_object: np.ndarray, claim_source: np.ndarray, keys: Sequence[object],
                       n_objects: int, n_sources: int,
                       implication: Callable[[object, object, object], float | None] | None = None) -> Outcome:
    """Run one truthdiscovery algorithm with its defaults; pick the most believed value (ties: seen first)."""
    td, note = import_truthdiscovery()
    if td is None:
        raise RuntimeError(note)
    start = time.perf_counter()
    values = keys.tolist() if isinstance(keys, np.ndarray) else keys
    triples = zip(claim_source.tolist(), claim_object.tolist(), values)
    data = td.Dataset(triples, allow_multiple=True, implication_function=implication)
    if algorithm == "CRH" and data.num_claims > CRH_MAX_CLAIMS:
        gib = 3 * 8 * data.num_claims ** 2 / 2 ** 30
        raise RuntimeError(f"skipped: CRH builds dense {data.num_claims:,}² matrices (~{gib:,.0f} GiB)")
    prepared = time.perf_counter()
    result = getattr(td, algorithm)().run(data)
    first = _first_claim(claim_object, values)
    chosen = np.full(n_objects, -1, dtype=np.int64)
    for var, beliefs in result.belief.items():
        value = max(beliefs, key=lambda v: (beliefs[v], -first[(var, v)]))
        chosen[var] = first[(var, value)]
    trust = np.full(n_sources, np.nan)
    for source, value in result.trust.items():
        trust[source] = value
    return Outcome(chosen, trust, prepared - start, time.perf_counter() - prepared, note)


def local_labels(claim_object: np.ndarray, keys: Sequence[object]) -> np.ndarray:
    """Each value as its index among its object's distinct values (order of first appearance)."""
    if isinstance(keys, np.ndarray) and keys.dtype.kind in "iu":  # integer value ids: vectorized
        span = int(keys.max()) + 1
        unique, first, inverse = np.unique(claim_object * span + keys, return_index=True, return_inverse=True)
        owner = unique // span
        order = np.lexsort((first, owner))
        starts = np.flatnonzero(np.r_[True, owner[order][1:] != owner[order][:-1]])
        position = np.arange(len(order)) - np.repeat(starts, np.diff(np.r_[starts, len(order)]))
        local = np.empty(len(order), dtype=np.int64)
        local[order] = position
        return local[inverse]
    seen: dict[tuple[int, object], int] = {}
    per_object: Counter[int] = Counter()
    labels = np.empty(len(keys), dtype=np.int64)
    for i, (o, key) in enumerate(zip(claim_object.tolist(), keys)):
        label = seen.get((o, key))
        if label is None:
            label = seen[(o, key)] = per_object[o]
            per_object[o] += 1
        labels[i] = label
    return labels


def run_crowdkit(algorithm: str, claim_object: np.ndarray, claim_source: np.ndarray, keys: Sequence[object],
                 n_objects: int, n_sources: int) -> Outcome:
    """Run one crowd-kit aggregator, values as categorical labels (indices within their object)."""
    import pandas as pd
    from crowdkit import aggregation

    start = time.perf_counter()
    labels = local_labels(claim_object, keys)
    frame = pd.DataFrame({"task": claim_object, "worker": claim_source, "label": labels})
    prepared = time.perf_counter()
    model = getattr(aggregation, algorithm)()
    predicted = model.fit_predict(frame)
    chosen = np.full(n_objects, -1, dtype=np.int64)
    probas = getattr(model, "probas_", None)
    if probas is None:
        first = _first_claim(claim_object, labels.tolist())
        for task, label in predicted.items():
            chosen[int(task)] = first[(int(task), int(label))]
    else:
        # The label space is global (0..max values per object - 1), so a model may favour a label
        # the object has no claim for: choose among the object's own labels (ties: seen first).
        table = probas.reindex(columns=range(int(labels.max()) + 1), fill_value=0.0)
        p = table.to_numpy(dtype=float)
        row = table.index.get_indexer(claim_object)
        claim_p = p[row, labels]
        chosen = pick_per_object(claim_object, n_objects, claim_p, width=labels.astype(float))
    trust = None
    skills = getattr(model, "skills_", None)
    if skills is not None:
        trust = np.full(n_sources, np.nan)
        trust[skills.index.to_numpy(dtype=np.int64)] = skills.to_numpy(dtype=float)
    return Outcome(chosen, trust, prepared - start, time.perf_counter() - prepared)


TD_ALGORITHMS = ("MajorityVoting", "TruthFinder", "Sums", "AverageLog", "Investment", "PooledInvestment", "CRH")
CK_ALGORITHMS = ("MajorityVote", "Wawa", "OneCoinDawidSkene", "DawidSkene")
#: Trust of these is not on a probability scale, so its absolute error says nothing.
RELATIVE_TRUST = {"Sums", "AverageLog", "Investment", "PooledInvestment", "CRH", "MajorityVoting"}


# -- 1. public data: population ---------------------------------------------------------


@dataclass
class PopulationClaims:
    objects: list[str]
    claim_object: np.ndarray  # sorted by object, file order within an object
    claim_source: np.ndarray
    value: np.ndarray  # int64
    n_sources: int


def load_population(name: str) -> PopulationClaims:
    objects: dict[str, int] = {}
    sources: dict[str, int] = {}
    rows = []
    with open(POPULATION / name, encoding="latin-1") as handle:  # not valid UTF-8
        for line in handle:
            fields = line.rstrip("\r\n").split("\t")
            if len(fields) != 4:
                continue
            obj, source, value, _year = fields
            rows.append((objects.setdefault(obj, len(objects)), sources.setdefault(source, len(sources)), int(value)))
    array = np.array(rows, dtype=np.int64)
    order = np.argsort(array[:, 0], kind="stable")
    array = array[order]
    return PopulationClaims(list(objects), array[:, 0].copy(), array[:, 1].copy(), array[:, 2].copy(), len(sources))


def load_gold() -> dict[str, int]:
    gold = {}
    with open(POPULATION / "population-gd.txt", encoding="latin-1") as handle:
        for line in handle:
            parts = [part.strip() for part in line.strip().split(",")]
            if len(parts) >= 4:
                gold[f"{', '.join(parts[:-2])}_{parts[-2]}"] = int(parts[-1])
    return gold


def recon_population(claims: PopulationClaims, tolerance: float, pick: str = "verdict",
                     policy: ScoringPolicy = DEFAULT_POLICY) -> Outcome:
    start = time.perf_counter()
    a, b = slot_pairs(claims.claim_object)
    va, vb = claims.value[a], claims.value[b]
    agree = np.abs(va - vb) <= tolerance * np.maximum(np.abs(va), np.abs(vb))
    codes = np.where(agree, CODE[Comparison.EQUAL], CODE[Comparison.DISJOINT]).astype(np.int8)
    data = scoring_input(claims.claim_source, claims.n_sources, a, b, codes, origin=claims.claim_source)
    prepared = time.perf_counter()
    scores = score(data, policy)
    chosen = choose(pick, claims.claim_object, len(claims.objects), a, b, agree, claims.claim_source,
                    scores.confidence, np.zeros(len(claims.value)))
    return Outcome(chosen, scores.trust, prepared - start, time.perf_counter() - prepared,
                   f"{scores.iterations} iterations" + ("" if scores.converged else ", not converged"))


def choose(pick: str, claim_object: np.ndarray, n_objects: int, a: np.ndarray, b: np.ndarray, compatible: np.ndarray,
           origin: np.ndarray, confidence: np.ndarray, width: np.ndarray) -> np.ndarray:
    """The claim shown per object: recon's verdict rule, its earlier narrowest rule, or the most confident claim."""
    if pick == "claim":
        return pick_per_object(claim_object, n_objects, confidence, width=width)
    rule = "narrowest" if pick == "narrowest" else "confident"
    return verdict_pick(claim_object, n_objects, a, b, compatible, origin, confidence, width, rule)


def majority_population(claims: PopulationClaims) -> Outcome:
    start = time.perf_counter()
    chosen = majority_vote(claims.value.tolist(), claims.claim_object, len(claims.objects))
    return Outcome(chosen, None, 0.0, time.perf_counter() - start)


def within(tolerance: float) -> Callable[[object, object, object], float]:
    def implication(_var: object, a: object, b: object) -> float:
        x, y = float(a), float(b)  # type: ignore[arg-type]
        return 1.0 if abs(x - y) <= tolerance * max(abs(x), abs(y)) else -1.0
    return implication


def population_methods(claims: PopulationClaims) -> list[tuple[str, Callable[[], Outcome]]]:
    keys = claims.value.tolist()
    args = (claims.claim_object, claims.claim_source, keys, len(claims.objects), claims.n_sources)
    methods: list[tuple[str, Callable[[], Outcome]]] = [
        ("recon exact (equal agrees, else conflicts)", lambda: recon_population(claims, 0.0)),
        ("recon exact, pick the most confident claim", lambda: recon_population(claims, 0.0, "claim")),
        ("recon exact, run to convergence (max_iterations=1000)",
         lambda: recon_population(claims, 0.0, policy=CONVERGE)),
        ("recon 1% (within 1% agrees)", lambda: recon_population(claims, 0.01)),
        ("recon 1%, earlier narrowest pick", lambda: recon_population(claims, 0.01, "narrowest")),
        ("majority vote (ties: first seen)", lambda: majority_population(claims)),
    ]
    for name in TD_ALGORITHMS:
        methods.append((f"truthdiscovery {name}", lambda name=name: run_truthdiscovery(name, *args)))
    methods.append(("truthdiscovery TruthFinder, imp -1 between different values",
                    lambda: run_truthdiscovery("TruthFinder", *args, implication=within(0.0))))
    methods.append(("truthdiscovery TruthFinder, imp +1 within 1% else -1",
                    lambda: run_truthdiscovery("TruthFinder", *args, implication=within(0.01))))
    for name in CK_ALGORITHMS:
        methods.append((f"crowd-kit {name} (values as labels)", lambda name=name: run_crowdkit(name, *args)))
    return methods


def best_of(run: Callable[[], Outcome], repeats: int = 3, quick: float = 2.0) -> Outcome:
    """Run once; a quick method runs ``repeats`` times and keeps its fastest (the machine is shared)."""
    outcome = run()
    if outcome.seconds < quick:
        for _ in range(repeats - 1):
            again = run()
            if again.seconds < outcome.seconds:
                outcome = again
    return outcome


def population_benchmark() -> None:
    gold = load_gold()
    for name in ("population-new.txt", "population-new-new.txt"):
        claims = load_population(name)
        index = {obj: i for i, obj in enumerate(claims.objects)}
        gold_objects = np.array([index[o] for o in gold if o in index], dtype=np.int64)
        truth = np.array([gold[claims.objects[i]] for i in gold_objects], dtype=float)
        print(f"\n### Population, {name}: {len(claims.value):,} claims, {len(claims.objects):,} objects, "
              f"{claims.n_sources:,} sources, {len(gold_objects)} gold objects "
              f"(README majority vote: {PUBLISHED_MAJORITY[name]})\n")
        rows, recon_seconds, right = [], None, {}
        for label, run in population_methods(claims):
            try:
                outcome = best_of(run)
            except Exception as exc:  # a peer that cannot run is reported, not fatal
                rows.append([label, "—", "—", "—", "—", "—", "—", _short(exc)])
                continue
            chosen = outcome.chosen[gold_objects]
            picked = np.where(chosen >= 0, claims.value[np.maximum(chosen, 0)], np.nan).astype(float)
            right[label] = picked == truth
            error = np.abs(picked - truth)
            recon_seconds = recon_seconds if recon_seconds is not None else outcome.seconds
            rows.append([label, f"{np.mean(picked == truth):.3f}", f"{np.nanmean(error):,.0f}",
                         f"{math.sqrt(np.nanmean(error ** 2)):,.0f}", f"{outcome.prepare:.3f}",
                         f"{outcome.solve:.3f}", f"{recon_seconds / outcome.seconds:.2f}", outcome.note])
        print_table(["method", "accuracy", "MAE", "RMSE", "prepare s", "solve s", "recon ÷ this", "note"], rows)
        print_paired_comparison(right)


def print_paired_comparison(right: dict[str, np.ndarray]) -> None:
    """recon's verdict against every peer at least as accurate: the objects only one of the two gets right.

    With few gold objects, a gap of a few objects can be chance; the exact McNemar
    test (two-sided binomial on the discordant objects) says how likely.
    """
    recon_label = next(iter(right))
    ours = right[recon_label]
    rivals = [label for label in right if not label.startswith("recon") and right[label].mean() >= ours.mean()]
    if not rivals:
        print(f"\nNo other method is as accurate as '{recon_label}'.")
        return
    print(f"\nPaired with '{recon_label}' on the same gold objects (exact McNemar test):\n")
    rows = []
    for label in rivals:
        only_ours, only_theirs = int(np.sum(ours & ~right[label])), int(np.sum(~ours & right[label]))
        rows.append([label, str(only_ours), str(only_theirs), f"{mcnemar_p(only_ours, only_theirs):.2f}"])
    print_table(["method", "only recon right", "only this right", "p (two-sided)"], rows)


def mcnemar_p(b: int, c: int) -> float:
    """Exact two-sided McNemar p-value: P(a split at least this uneven) under Binomial(b + c, 1/2)."""
    n = b + c
    if n == 0:
        return 1.0
    tail = sum(math.comb(n, k) for k in range(min(b, c) + 1)) / 2 ** n
    return min(1.0, 2 * tail)


# -- 2. synthetic corpora -----------------------------------------------------------------


SCENARIOS: list[tuple[str, SyntheticConfig]] = [
    ("independent sources", SyntheticConfig()),
    ("20% copiers of random sources", SyntheticConfig(copier_share=0.2)),
    ("20% copiers of the 10% least reliable sources", SyntheticConfig(copier_share=0.2, copy_targets="unreliable")),
]


def implication_from_recon(_var: object, a: object, b: object) -> float:
    """truthdiscovery implication between two interval values, through recon.values.compare."""
    first, second = (QuantityValue(Interval(*key), "person") for key in (a, b))  # type: ignore[misc]
    return DEFAULT_POLICY.weight(RELATION_OF[compare(first, second)])


def recon_synthetic(c: SyntheticCorpus, relations: str, provenance: str, pick: str = "verdict") -> Outcome:
    start = time.perf_counter()
    a, b = slot_pairs(c.claim_object)
    codes = compare_with_recon(c, a, b) if relations == "intervals" else exact_codes(c, a, b)
    origin = {"none": c.claim_source, "true": c.root()[c.claim_source]}.get(provenance)
    if origin is None:
        origin = detected_origin(c)
    data = scoring_input(c.claim_source, c.n_sources, a, b, codes, origin)
    prepared = time.perf_counter()
    scores = score(data)
    chosen = choose(pick, c.claim_object, len(c.truth), a, b, codes != CODE[Comparison.DISJOINT], origin,
                    scores.confidence, c.hi - c.lo)
    return Outcome(chosen, scores.trust, prepared - start, time.perf_counter() - prepared)


def check_verdict_pick(c: SyntheticCorpus) -> str:
    """The vectorized verdict pick must equal recon.verdicts.judge on real slots (built by recon.graph)."""
    a, b = slot_pairs(c.claim_object)
    codes = compare_with_recon(c, a, b)
    origin = c.root()[c.claim_source]
    confidence = score(scoring_input(c.claim_source, c.n_sources, a, b, codes, origin)).confidence
    fast = verdict_pick(c.claim_object, len(c.truth), a, b, codes != CODE[Comparison.DISJOINT], origin,
                        confidence, c.hi - c.lo)
    real = judge_with_recon(c, origin, confidence)
    differ = int(np.sum(fast != real))
    if differ:
        raise SystemExit(f"verdict pick differs from recon.verdicts.judge on {differ} objects")
    return f"(checked: the verdict pick equals recon.verdicts.judge on all {len(c.truth):,} objects)"


def synthetic_methods(c: SyntheticCorpus) -> list[tuple[str, Callable[[], Outcome]]]:
    keys = [c.value_key(i) for i in range(c.n_claims)]
    args = (c.claim_object, c.claim_source, keys, len(c.truth), c.n_sources)

    def majority() -> Outcome:
        start = time.perf_counter()
        return Outcome(majority_vote(keys, c.claim_object, len(c.truth)), None, 0.0, time.perf_counter() - start)

    methods: list[tuple[str, Callable[[], Outcome]]] = [
        ("recon: intervals, no provenance", lambda: recon_synthetic(c, "intervals", "none")),
        ("recon: intervals, provenance found by recon.provenance", lambda: recon_synthetic(c, "intervals", "found")),
        ("recon: intervals, true provenance", lambda: recon_synthetic(c, "intervals", "true")),
        ("recon: intervals, true provenance, pick the most confident claim",
         lambda: recon_synthetic(c, "intervals", "true", "claim")),
        ("recon: intervals, true provenance, earlier narrowest pick",
         lambda: recon_synthetic(c, "intervals", "true", "narrowest")),
        ("recon: exact values only, no provenance", lambda: recon_synthetic(c, "exact", "none")),
        ("majority vote (exact value, ties: first seen)", majority),
    ]
    for name in ("TruthFinder", "Sums", "AverageLog", "Investment", "PooledInvestment"):
        methods.append((f"truthdiscovery {name}", lambda name=name: run_truthdiscovery(name, *args)))
    methods.append(("truthdiscovery TruthFinder, imp from recon's comparison",
                    lambda: run_truthdiscovery("TruthFinder", *args, implication=implication_from_recon)))
    for name in CK_ALGORITHMS:
        methods.append((f"crowd-kit {name}", lambda name=name: run_crowdkit(name, *args)))
    return methods


def synthetic_benchmark(seeds: int) -> None:
    print("\nPicks: recon rows show what recon's verdict shows (recon.verdicts: claims joined by compatible "
          "relations form value groups, the group with the most support — the sum over its independent origins of "
          "their most confident claim — wins, and its most confident bounded claim is shown); \"pick the most "
          "confident claim\" takes the single most confident claim; \"earlier narrowest pick\" keeps recon's "
          "groups but shows the best group's narrowest claim (recon's rule before 2026-11-22). Peers: the value they believe most (ties: seen first).")
    print(f"\nA chosen value is *right* when its interval contains the truth, *precise* when it is also at most "
          f"{PRECISE_WIDTH:.0%} of the truth wide (\"about X\" and \"nearly X\" are; \"more than X\" is not). "
          f"Trust is compared with each source's true accuracy (share of its claims that are right): "
          f"MAE and Spearman ρ. Mean over {seeds} seeds.")
    for title, config in SCENARIOS:
        results: dict[str, list[tuple[float, ...]]] = {}
        notes: dict[str, str] = {}
        for seed in range(seeds):
            c = generate(SyntheticConfig(**{**vars(config), "seed": seed}))
            accuracy = c.source_accuracy()
            if seed == 0:
                sizes = np.bincount(c.claim_object)
                print(f"\n### Synthetic: {title} ({c.n_claims:,} claims, {len(c.truth):,} objects, "
                      f"{c.n_sources} sources, slots of {sizes.min()}-{sizes.max()} claims, "
                      f"{c.claim_copied.sum():,} copied claims, {c.correct.mean():.2f} of claims right)\n")
                print(check_verdict_pick(c) + "\n")
            for label, run in synthetic_methods(c):
                try:
                    outcome = run()
                except Exception as exc:
                    notes[label] = _short(exc)
                    continue
                right, precise = precision(c, outcome.chosen)
                mae, rho = (math.nan, math.nan) if outcome.trust is None else trust_error(outcome.trust, accuracy)
                if any(name in label for name in RELATIVE_TRUST):
                    mae = math.nan
                results.setdefault(label, []).append((right, precise, mae, rho, outcome.seconds))
        rows = []
        for label, runs in results.items():
            with warnings.catch_warnings():  # a column of NaN (no trust to compare) stays NaN
                warnings.simplefilter("ignore", RuntimeWarning)
                mean = np.nanmean(np.array(runs), axis=0)
            rows.append([label] + [_fmt(x) for x in mean[:4]] + [f"{mean[4]:.2f}", notes.get(label, "")])
        rows += [[label, "—", "—", "—", "—", "—", note] for label, note in notes.items() if label not in results]
        print_table(["method", "right", "precise", "trust MAE", "trust ρ", "time s", "note"], rows)


# -- output -------------------------------------------------------------------------------


def _fmt(x: float) -> str:
    return "—" if math.isnan(x) else f"{x:.3f}"


def _short(exc: Exception) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text if text.startswith("skipped") else f"failed: {type(exc).__name__}: {text}"[:160]


def print_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    widths = [max(len(str(x)) for x in column) for column in zip(headers, *rows)]
    print("| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows:
        print("| " + " | ".join(str(x).ljust(w) for x, w in zip(row, widths)) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3, help="synthetic corpora per scenario (default 3)")
    parser.add_argument("--skip-population", action="store_true")
    parser.add_argument("--skip-synthetic", action="store_true")
    args = parser.parse_args()
    _, note = import_truthdiscovery()
    print(f"# recon truth benchmark ({time.strftime('%Y-%m-%d')}; truthdiscovery: {note or 'imported'})")
    started = time.perf_counter()
    if not args.skip_population:
        population_benchmark()
    if not args.skip_synthetic:
        synthetic_benchmark(args.seeds)
    print(f"\n(total {time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
