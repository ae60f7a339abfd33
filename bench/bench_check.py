"""`recon check`: accuracy on the project's own sentence set, warm checks/s, and cold start.

Run: .venv/bin/python bench/bench_check.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from recon.check import load_checker  # noqa: E402


def sentence_set() -> list[tuple[str, str]]:
    lines = (ROOT / "tests/data/check_sentences.tsv").read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t")) for line in lines if line.strip() and not line.startswith("#")]  # type: ignore


def main() -> None:
    checker = load_checker(ROOT / "claims")
    cases = sentence_set()
    results = [(expected, checker.check_sentence(sentence).verdict) for expected, sentence in cases]
    print("| verdict | sentences | correct |")
    print("|---|---|---|")
    for verdict in ("supported", "contradicted", "outdated", "disputed", "unverifiable"):
        mine = [(e, got) for e, got in results if e == verdict]
        print(f"| {verdict} | {len(mine)} | {sum(e == got for e, got in mine)} |")
    correct = sum(e == got for e, got in results)
    print(f"| **all** | {len(results)} | {correct} ({correct / len(results):.1%}) |\n")

    start = time.perf_counter()
    rounds = 20
    for _ in range(rounds):
        for _, sentence in cases:
            checker.check_sentence(sentence)
    warm = rounds * len(cases) / (time.perf_counter() - start)

    recon = str(ROOT / ".venv/bin/recon")
    subprocess.run([recon, "check", "--claims", str(ROOT / "claims"), "x"], capture_output=True, check=False)
    cold = []
    for _ in range(7):
        begin = time.perf_counter()
        subprocess.run([recon, "check", "--claims", str(ROOT / "claims"), "OpenAI has about 770 employees"],
                       capture_output=True, check=False)
        cold.append(time.perf_counter() - begin)
    uncached = []
    for _ in range(3):
        begin = time.perf_counter()
        subprocess.run([recon, "check", "--no-cache", "--claims", str(ROOT / "claims"), "x"],
                       capture_output=True, check=False)
        uncached.append(time.perf_counter() - begin)
    print("| measure | value |")
    print("|---|---|")
    print(f"| warm checks/s (in process) | {warm:,.0f} |")
    print(f"| cold `recon check`, cached corpus (median of 7) | {statistics.median(cold):.3f} s |")
    print(f"| cold `recon check --no-cache` (median of 3) | {statistics.median(uncached):.3f} s |")


if __name__ == "__main__":
    main()
