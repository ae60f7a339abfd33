"""How fast `recon lint` is: a generated corpus of 100k claims in 1,000 files, and the seed corpus.

    .venv/bin/python bench/bench_lint.py                 # the full 100k-claim run and the seed corpus
    .venv/bin/python bench/bench_lint.py --files 100     # a smaller corpus
    .venv/bin/python bench/bench_lint.py --profile       # where the time goes (cProfile, top functions)

The corpus is written to a temporary folder: one vocabulary (entities,
properties, an arithmetic relation), and per file one source with its archived
text and its claims, every quote grounded in the text, every value in its
quote, one claim per slot per source. Most slots agree; about 1% of claims
state a clashing figure, so the conflict rules have work to do and their
findings must be located in the files. Two phases are timed in this process —
loading with grounding (rules Y, S, R, G), then the lint's reconciliation-aware
rules (N, C, D: normalizing, relating, scoring and the arithmetic checks, as
``recon.lint.reconciliation_findings`` runs them) — and the whole lint as a user
runs it: `recon lint --format json` in a fresh process, start-up, imports and
locating the findings included. claims/s is claims divided by seconds. Peak RSS
is the high-water mark of this process after a phase, or of the `recon lint`
process.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import gc
import io
import json
import pstats
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from recon.lint_config import LintConfig  # noqa: E402

TARGET = 50_000  # claims/s, with grounding on
FILLER = "据多位知情人士透露,相关各方仍在谈判之中,最终结果尚未确定。"
PROPERTIES = [
    {"id": "employee-count", "label": "employees", "kind": "count", "unit": "person", "behaviour": "changing"},
    {"id": "signatories", "label": "signatories", "kind": "count", "unit": "person", "behaviour": "accumulating"},
    {"id": "revenue", "label": "revenue", "kind": "money", "unit": "USD", "behaviour": "static"},
    {"id": "stake", "label": "stake", "kind": "percent", "unit": "percent", "behaviour": "static"},
]
WRITTEN = {"employee-count": "约 {n} 名", "signatories": "超过 {n} 人", "revenue": "{n} 亿美元", "stake": "{n}%"}


def generate(root: Path, n_files: int, claims_per_file: int, n_entities: int = 2_000, seed: int = 0) -> int:
    """Write a corpus under root; return the number of claims."""
    rng = random.Random(seed)
    (root / "vocab").mkdir(parents=True)
    (root / "sources").mkdir()
    entities = [{"id": f"org-{i}", "type": "organization", "names": [f"机构{i}号", f"Org {i}"]}
                for i in range(n_entities)]
    vocab: dict[str, Any] = {"entities": entities, "properties": PROPERTIES, "terms": [], "relations": [{
        "id": "stake-share", "kind": "ratio", "factor": 1,
        "operands": [{"subject": "org-0", "property": "stake"}, {"subject": "org-1", "property": "stake"}],
        "result": {"subject": "org-2", "property": "stake"}}]}
    (root / "vocab" / "vocab.yaml").write_text(yaml.safe_dump(vocab, allow_unicode=True), encoding="utf-8")
    truth = {(e, p["id"]): rng.randint(20, 900) for e in range(n_entities) for p in PROPERTIES}
    for f in range(n_files):
        source_id = f"s{f:05d}"
        claims, sentences = [], []
        slots = rng.sample(range(n_entities * len(PROPERTIES)), claims_per_file)  # one claim per slot per source
        for c, slot in enumerate(slots):
            entity, prop = slot // len(PROPERTIES), PROPERTIES[slot % len(PROPERTIES)]["id"]
            n = truth[(entity, prop)] if rng.random() > 0.01 else truth[(entity, prop)] * 3
            value = WRITTEN[prop].format(n=n)
            quote = f"机构{entity}号的{prop}为{value}"
            claim = {"id": f"{source_id}-{c}", "subject": f"org-{entity}", "property": prop, "value": value,
                     "quote": quote}
            if rng.random() < 0.3:
                claim["time"] = "11 月 20 日"
                sentences.append(f"11 月 20 日,{quote}。{FILLER}")
            else:
                sentences.append(f"{quote}。{FILLER}")
            claims.append(claim)
        (root / "sources" / f"{source_id}.txt").write_text("\n".join(sentences) + "\n", encoding="utf-8")
        record = {"source": {"id": source_id, "outlet": f"Outlet {f}", "published": "2023-11-21T12:00:00+08:00",
                             "language": "zh-Hans", "text": f"sources/{source_id}.txt"}, "claims": claims}
        (root / f"{source_id}.yaml").write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False),
                                                encoding="utf-8")
    return n_files * claims_per_file


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(label: str, action: Callable[[], Any], profile: bool) -> tuple[float, Any]:
    gc.collect()
    profiler = cProfile.Profile() if profile else None
    start = time.perf_counter()
    if profiler:
        profiler.enable()
    result = action()
    if profiler:
        profiler.disable()
    seconds = time.perf_counter() - start
    if profiler:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(15)
        print(f"--- profile: {label}\n{out.getvalue()}")
    return seconds, result


def paused(action: Callable[..., Any], *args: Any) -> Any:
    """Run an action with the cyclic GC paused, as `recon.lint.lint` runs its phases."""
    from recon.gc_pause import gc_paused

    with gc_paused():
        return action(*args)


def fresh_lint(root: Path) -> tuple[float, dict[str, int], float]:
    """`recon lint --format json` on the corpus as a user runs it: wall seconds, findings per code, peak RSS."""
    recon = Path(sys.executable).with_name("recon")
    start = time.perf_counter()
    done = subprocess.run([str(recon), "lint", "--format", "json", str(root)], cwd=root.parent,
                          capture_output=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"recon lint failed: {done.stderr.decode(errors='replace')}")
    codes: dict[str, int] = {}
    for finding in json.loads(done.stdout)["diagnostics"]:
        codes[finding["code"]] = codes.get(finding["code"], 0) + 1
    return seconds, codes, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def seed_wall_time(runs: int = 3) -> float:
    """Best wall time of `recon lint claims/` in a fresh process (start-up and imports included)."""
    recon = Path(sys.executable).with_name("recon")
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run([str(recon), "lint", "claims/"], cwd=ROOT, capture_output=True, check=False)
        best = min(best, time.perf_counter() - start)
        if done.returncode not in (0, 1):
            raise SystemExit(f"recon lint claims/ failed: {done.stderr.decode(errors='replace')}")
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1_000)
    parser.add_argument("--claims-per-file", type=int, default=100)
    parser.add_argument("--profile", action="store_true", help="print the top functions of each phase")
    args = parser.parse_args()

    from recon.corpus import load_corpus
    from recon.lint import lint, reconciliation_findings

    with tempfile.TemporaryDirectory(prefix="recon-bench-") as tmp:
        root = Path(tmp) / "claims"
        start = time.perf_counter()
        n_claims = generate(root, args.files, args.claims_per_file)
        print(f"generated {n_claims:,} claims in {args.files:,} files in {time.perf_counter() - start:.1f} s")
        rows = []
        seconds, (corpus, diagnostics) = timed("load", lambda: load_corpus(root, root.parent), args.profile)
        assert len(corpus.claims) == n_claims, f"{len(corpus.claims)} claims loaded; {diagnostics[:3]}"
        rows.append(("load + grounding (Y S R G)", seconds, peak_rss_mb()))
        seconds, _ = timed("relate and check", functools.partial(paused, reconciliation_findings, corpus, True),
                           args.profile)
        rows.append(("relate + checks (N C D)", seconds, peak_rss_mb()))
        del corpus, diagnostics
        if args.profile:
            timed("lint", lambda: lint([root], display_base=root.parent, config=LintConfig()), True)
        seconds, codes, rss = fresh_lint(root)
        rows.append(("`recon lint`, fresh process", seconds, rss))

    print(f"\n{'phase':<28} {'files':>6} {'claims':>8} {'seconds':>8} {'claims/s':>9} {'peak RSS':>9}")
    for label, seconds, rss in rows:
        print(f"{label:<28} {args.files:>6,} {n_claims:>8,} {seconds:>8.2f} {n_claims / seconds:>9,.0f} "
              f"{rss:>7,.0f} MB")
    print(f"findings: {dict(sorted(codes.items()))}")
    load_rate = n_claims / rows[0][1]
    print(f"target {TARGET:,} claims/s with grounding on: load {'meets' if load_rate >= TARGET else 'misses'} it "
          f"({load_rate:,.0f}); the whole lint runs at {n_claims / rows[2][1]:,.0f} claims/s")
    print(f"seed corpus: `recon lint claims/` in {seed_wall_time():.2f} s wall (best of 3, fresh process)")


if __name__ == "__main__":
    main()
