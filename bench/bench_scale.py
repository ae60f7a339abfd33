"""Scale of recon's claim graph and scorer: time and peak memory at 10k, 100k and 1M claims.

Run: .venv/bin/python bench/bench_scale.py [--max 1000000] [--timeout 60]

Corpora come from bench/synthetic.py: ~1000 sources (5% of them copiers
taking half of one original's claims), slots of 5-10 independent claims (a
few more with copies), 30% of the values qualified. Every measurement runs
in its own subprocess, so peaks do not mix; each child loads its input from
a file, notes its resident memory, runs the stage and reports the time and
``ru_maxrss`` (peak resident set) and the growth over what it had loaded.

Stages:

- relate (recon.graph): NormalizedClaim objects built directly (no YAML),
  then ``recon.graph.relate_slots`` (recon's real relation code: every pair
  laid out with numpy, ``relate`` once per distinct pattern, see
  ``recon.pairs``) and the edge arrays as ``recon.reconcile`` makes them
  (``PairTable.index_pairs``, ``edge_arrays``, ``independent_edges``). Its
  child process gets twice the timeout, since building a million
  NormalizedClaims first (not timed) takes ~20 s. The child checks that its
  edges equal the vectorized builder's.
- relate (vectorized): the same edges with numpy (bench/synthetic.py
  ``compare_vectorized``, same semantics as ``recon.values.compare``), then
  ``independent_edges``. Used at every size; its edges feed the next stage.
- score: ``recon.scoring.score`` alone, on those edges.
- peers on the same claims (values as categories, no implication):
  truthdiscovery TruthFinder and Sums, crowd-kit MajorityVote, Wawa and
  DawidSkene, and a plain-Python majority vote; each under a timeout. A peer
  that timed out is not tried at larger sizes. (crowd-kit OneCoinDawidSkene
  takes 30-50 s at any of these sizes and is left to bench_truth.py.)

Times are the fastest of three runs for stages under 3 s (the machine is
shared), one run otherwise; imports are not timed.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import (  # noqa: E402
    SyntheticConfig, SyntheticCorpus, claim_id, compare_vectorized, generate, majority_vote, normalized_claims,
    scoring_input, slot_pairs,
)

from recon.scoring import ScoringInput, score  # noqa: E402

T = TypeVar("T")
SIZES = (10_000, 100_000, 1_000_000)
TARGET_SECONDS = 60  # for 1M claims: relate and score
SETUP_ALLOWANCE = 2  # × the timeout for the recon.graph child, which builds its NormalizedClaims before timing
PEERS = ("majority vote (Python dict)", "truthdiscovery TruthFinder", "truthdiscovery Sums",
         "crowd-kit MajorityVote", "crowd-kit Wawa", "crowd-kit DawidSkene")
RECON_STAGES = ("relate (recon.graph)", "relate (vectorized)", "score")


def corpus_config(n_claims: int) -> SyntheticConfig:
    mean_claims = 7.5 * 1.025  # 5-10 independent claims, and ~2.5% copies
    return SyntheticConfig(n_sources=1000, n_objects=max(1, round(n_claims / mean_claims)), claims_per_object=(5, 10),
                           copier_share=0.05, copy_probability=0.5, seed=7)


# -- children: one stage each -------------------------------------------------------


def _rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def child(stage: str, workdir: Path) -> dict[str, Any]:
    corpus = SyntheticCorpus.load(workdir / "corpus.npz")
    origin = corpus.root()[corpus.claim_source]
    if stage == "relate (recon.graph)":
        return _relate_with_recon(corpus, origin, workdir)
    if stage == "relate (vectorized)":
        base = _rss_mib()

        def relate() -> tuple[np.ndarray, ScoringInput]:
            a, b = slot_pairs(corpus.claim_object)
            return a, scoring_input(corpus.claim_source, corpus.n_sources, a, b, compare_vectorized(corpus, a, b),
                                    origin)
        seconds, (a, data) = timed(relate)
        np.savez(workdir / "edges.npz", edge_from=data.edge_from, edge_to=data.edge_to, edge_weight=data.edge_weight)
        return {"seconds": seconds, "base": base, "peak": _peak_mib(), "pairs": len(a), "edges": len(data.edge_to)}
    if stage == "score":
        with np.load(workdir / "edges.npz") as edges:
            data = ScoringInput(corpus.claim_source, origin, np.ones(corpus.n_claims, dtype=bool),
                                edges["edge_from"], edges["edge_to"], edges["edge_weight"], corpus.n_sources)
        base = _rss_mib()
        seconds, scores = timed(lambda: score(data))
        return {"seconds": seconds, "base": base, "peak": _peak_mib(),
                "note": f"{scores.iterations} iterations" + ("" if scores.converged else ", not converged")}
    return _peer(stage, corpus)


def _relate_with_recon(corpus: SyntheticCorpus, origin: np.ndarray, workdir: Path) -> dict[str, Any]:
    from recon.gc_pause import gc_paused
    from recon.graph import relate_slots
    from recon.scoring import edge_arrays, independent_edges

    start = time.perf_counter()
    claims = normalized_claims(corpus)
    origins = {claim_id(i): f"group:{origin[i]}" for i in range(corpus.n_claims)}
    setup = time.perf_counter() - start
    base = _rss_mib()
    start = time.perf_counter()
    with gc_paused():  # as recon.reconcile.reconcile runs it
        _, table = relate_slots(claims, origins)  # as recon.reconcile.relate_corpus does
        related = time.perf_counter()
        index = {c.id: i for i, c in enumerate(claims)}
        pairs = table.index_pairs(np.array([index[c.id] for c in table.claims], dtype=np.int64))
        src, dst, weight = independent_edges(*edge_arrays(pairs), origin)
    seconds = time.perf_counter() - start
    peak = _peak_mib()
    a, b = slot_pairs(corpus.claim_object)
    fast = scoring_input(corpus.claim_source, corpus.n_sources, a, b, compare_vectorized(corpus, a, b), origin)
    same = _same_edges((src, dst, weight), (fast.edge_from, fast.edge_to, fast.edge_weight))
    return {"seconds": seconds, "base": base, "peak": peak, "pairs": len(pairs), "edges": len(dst),
            "note": f"NormalizedClaims built in {setup:.1f} s (not counted); relate_slots {related - start:.1f} s; "
                    f"edges {'equal' if same else 'DIFFER from'} the vectorized builder's"}


def _same_edges(x: tuple[np.ndarray, ...], y: tuple[np.ndarray, ...]) -> bool:
    def canonical(e: tuple[np.ndarray, ...]) -> np.ndarray:
        stacked = np.stack([e[1].astype(float), e[0].astype(float), e[2]])
        return stacked[:, np.lexsort(stacked[::-1])]
    return len(x[0]) == len(y[0]) and bool(np.array_equal(canonical(x), canonical(y)))


def _peer(stage: str, corpus: SyntheticCorpus) -> dict[str, Any]:
    from bench_truth import import_truthdiscovery, run_crowdkit, run_truthdiscovery

    rows = np.stack([corpus.lo, corpus.hi, corpus.lo_closed, corpus.hi_closed], axis=1)
    _, value_id = np.unique(rows, axis=0, return_inverse=True)  # values as categories (untimed)
    value_id = value_id.reshape(-1).astype(np.int64)
    args = (corpus.claim_object, corpus.claim_source, value_id, len(corpus.truth), corpus.n_sources)
    if stage.startswith("truthdiscovery"):  # imports are not the method's cost
        import_truthdiscovery()
    elif stage.startswith("crowd-kit"):
        import crowdkit.aggregation  # noqa: F401
        import pandas  # noqa: F401
    base = _rss_mib()
    if stage == "majority vote (Python dict)":
        seconds, _ = timed(lambda: majority_vote(value_id.tolist(), corpus.claim_object, len(corpus.truth)))
    else:
        package, algorithm = stage.split(" ", 1)
        run: Callable[..., Any] = run_truthdiscovery if package == "truthdiscovery" else run_crowdkit
        seconds, _ = timed(lambda: run(algorithm, *args))
    return {"seconds": seconds, "base": base, "peak": _peak_mib()}


def timed(work: Callable[[], T], repeats: int = 3, quick: float = 3.0) -> tuple[float, T]:
    """Seconds of ``work``, and its result: the fastest of ``repeats`` runs when one takes under ``quick`` s."""
    start = time.perf_counter()
    result = work()
    best = time.perf_counter() - start
    if best < quick:
        for _ in range(repeats - 1):
            del result  # free the previous run's output first, so peaks stay those of one run
            start = time.perf_counter()
            result = work()
            best = min(best, time.perf_counter() - start)
    return best, result


# -- parent ---------------------------------------------------------------------------


def run_child(stage: str, workdir: Path, timeout: float) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", stage, "--workdir", str(workdir)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"skipped": f"skipped: > {timeout:.0f} s"}
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {"skipped": f"failed: {last[:120]}"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max", type=int, default=SIZES[-1], help="largest corpus in claims (default 1,000,000)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per measurement (default 60)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--workdir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.workdir)))
        return
    print(f"# recon scale benchmark ({time.strftime('%Y-%m-%d')}, timeout {args.timeout:.0f} s per measurement)\n")
    results: dict[tuple[str, int], dict[str, Any]] = {}
    timed_out: set[str] = set()
    sizes = [s for s in SIZES if s <= args.max] or [args.max]
    corpora: dict[int, str] = {}
    with tempfile.TemporaryDirectory(prefix="recon-scale-") as tmp:
        for size in sizes:
            workdir = Path(tmp) / str(size)
            workdir.mkdir()
            start = time.perf_counter()
            corpus = generate(corpus_config(size))
            corpus.save(workdir / "corpus.npz")
            slots = np.bincount(corpus.claim_object)
            corpora[size] = (f"{corpus.n_claims:,} claims, {len(corpus.truth):,} slots of {slots.min()}-{slots.max()}, "
                             f"{corpus.n_sources} sources (generated in {time.perf_counter() - start:.1f} s)")
            del corpus
            print(f"{size:>9,}: {corpora[size]}", flush=True)
            for stage in RECON_STAGES + PEERS:
                if stage in timed_out:
                    results[(stage, size)] = {"skipped": "skipped: timed out at a smaller size"}
                else:
                    # recon.graph's child first builds a NormalizedClaim per claim (not timed): it gets that time too
                    limit = args.timeout * (SETUP_ALLOWANCE if stage == "relate (recon.graph)" else 1)
                    results[(stage, size)] = run_child(stage, workdir, limit)
                    if results[(stage, size)].get("skipped", "").startswith("skipped: >"):
                        timed_out.add(stage)
                print(f"           {stage}: {_cell(results[(stage, size)])}", flush=True)
    print()
    print_results(results, sizes)


def _cell(result: dict[str, Any]) -> str:
    if "skipped" in result:
        return result["skipped"]
    return (f"{result['seconds']:.2f} s, peak {result['peak']:,.0f} MiB "
            f"(+{max(0.0, result['peak'] - result['base']):,.0f})")


def print_results(results: dict[tuple[str, int], dict[str, Any]], sizes: list[int]) -> None:
    from bench_truth import print_table

    headers = ["stage"] + [f"{s:,} claims" for s in sizes] + ["growth per ×10 claims", "note"]
    rows = []
    recon_total: dict[int, float] = {}
    for stage in RECON_STAGES + PEERS:
        cells, growth, notes = [], [], []
        for i, size in enumerate(sizes):
            result = results[(stage, size)]
            cells.append(_cell(result))
            if "note" in result:
                notes.append(f"{size:,}: {result['note']}")
            previous = results[(stage, sizes[i - 1])] if i else {}
            if i and "seconds" in result and "seconds" in previous:
                ratio = (result["seconds"] / previous["seconds"]) / (size / sizes[i - 1]) * 10
                growth.append(f"×{ratio:.1f}")
            if stage in ("relate (vectorized)", "score") and "seconds" in result:
                recon_total[size] = recon_total.get(size, 0.0) + result["seconds"]
        rows.append([stage] + cells + [", ".join(growth) or "—", "; ".join(notes)])
    totals = [f"{recon_total[s]:.2f} s" if s in recon_total else "—" for s in sizes]
    rows.append(["recon: relate (vectorized) + score"] + totals + ["", ""])
    real = {s: results[("relate (recon.graph)", s)]["seconds"] + results[("score", s)]["seconds"] for s in sizes
            if "seconds" in results[("relate (recon.graph)", s)] and "seconds" in results[("score", s)]}
    rows.append(["recon: relate (recon.graph) + score"]
                + [f"{real[s]:.2f} s" if s in real else "—" for s in sizes] + ["", "recon's real code path"])
    for size in sizes:
        if size in recon_total:
            for stage in PEERS:
                result = results[(stage, size)]
                if "seconds" in result:
                    result["ratio"] = recon_total[size] / result["seconds"]
    print_table(headers, rows)
    print("\nrecon (relate vectorized + score) time ÷ peer time:\n")
    ratio_rows = [[stage] + [f"{results[(stage, s)]['ratio']:.2f}" if "ratio" in results[(stage, s)] else "—"
                             for s in sizes] for stage in PEERS]
    print_table(["peer"] + [f"{s:,} claims" for s in sizes], ratio_rows)
    if real:
        print("\nrecon (real code: relate with recon.graph + score) time ÷ peer time:\n")
        print_table(["peer"] + [f"{s:,} claims" for s in sizes],
                    [[stage] + [f"{real[s] / results[(stage, s)]['seconds']:.2f}"
                                if s in real and "seconds" in results[(stage, s)] else "—" for s in sizes]
                     for stage in PEERS])
        largest = max(real)
        print(f"\ntarget: {largest:,} claims related and scored by recon's real code in "
              f"{real[largest]:.1f} s ({'under' if real[largest] < TARGET_SECONDS else 'OVER'} "
              f"{TARGET_SECONDS} s)")


if __name__ == "__main__":
    main()
