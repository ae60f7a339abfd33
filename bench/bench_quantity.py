"""Benchmark the quantity parser on short phrases and on the seed articles.

Run from the repository root:

    .venv/bin/python bench/bench_quantity.py

Each figure is the best of several timed passes (the machine is shared, so
the best pass is the least disturbed one).  "cold" clears the parse cache
before every pass, so every phrase is parsed from scratch; "cached" is the
rate for phrases seen before, as in a claim set that repeats its values.
"First use" runs fresh interpreters: the import, then the first parse (which
compiles the grammar and loads the Traditional → Simplified table).  "Plain
phrases" counts the phrases read by the shortcut for a text that is one plain
phrase (recon.normalize.quantity_fast); the others go through the scanner.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # works without an installed package too

import opencc  # noqa: E402

from recon.normalize.numerals import fold_text  # noqa: E402
from recon.normalize.quantity import (  # noqa: E402
    DEFAULT_POLICY,
    clear_parse_cache,
    find_quantities,
    parse_quantity,
)
from recon.normalize.quantity_fast import read_whole, read_whole_range  # noqa: E402
from recon.normalize.quantity_grammar import grammar_for  # noqa: E402

SIMPLIFIED = [
    "738人", "770", "近500", "近 500 名", "将近500人", "约770", "约 770 名", "大约770", "约为770",
    "770左右", "超过700", "超过 700 人", "超700人", "逾700人", "710多", "710 多名", "700多", "500多",
    "一百多名", "十余名", "十几个小时", "超过500多", "超过 500 多名", "500以上", "500以下", "不到500",
    "不足100人", "数十名", "数百", "几十", "数十亿美元", "上百亿", "上千", "九成", "超过九成", "七成",
    "95%", "百分之九十五", "1.68%", "2.05%", "1000万美元", "77亿美元", "13亿美元", "600 亿美元",
    "860亿美元", "6.25亿美元", "近300亿美元", "1亿美元以上", "超过130亿美元", "500万美元",
    "3000万美元", "40亿美元", "10亿美元", "100亿美元", "1500亿美元", "20 美元", "三名", "六人",
    "七百三十八", "两千", "一万", "十几", "1.5万", "1,000", "48 小时", "约占公司员工总数的95%",
]  # fmt: skip
ENGLISH = [
    "738", "more than 700 employees", "nearly 500", "about 770", "around 770", "some 770 workers",
    "$13 billion", "$10 million", "1.68%", "95 percent", "over 90%", "dozens of employees",
    "at least 500", "up to 500", "fewer than 500", "700+ employees", "13 billion dollars",
]  # fmt: skip


def _phrases() -> dict[str, list[str]]:
    s2t = opencc.OpenCC("s2t")
    return {
        "Simplified": SIMPLIFIED,
        "Traditional": [s2t.convert(p) for p in SIMPLIFIED],
        "English": ENGLISH,
    }


def best_rate(work: Callable[[], object], items: int, repeat: int = 7, min_time: float = 0.15) -> float:
    """Items per second of the fastest of ``repeat`` passes, each at least ``min_time`` long."""
    loops, elapsed = 1, 0.0
    while True:  # calibrate the loop count
        start = time.perf_counter()
        for _ in range(loops):
            work()
        elapsed = time.perf_counter() - start
        if elapsed >= min_time:
            break
        loops *= 2
    best = elapsed
    for _ in range(repeat - 1):
        start = time.perf_counter()
        for _ in range(loops):
            work()
        best = min(best, time.perf_counter() - start)
    return items * loops / best


def bench_phrases() -> list[tuple[str, int, float, float, float]]:
    rows = []
    for name, phrases in _phrases().items():

        def cold(phrases: list[str] = phrases) -> None:
            clear_parse_cache()
            for p in phrases:
                parse_quantity(p)

        def cached(phrases: list[str] = phrases) -> None:
            for p in phrases:
                parse_quantity(p)

        def scan(phrases: list[str] = phrases) -> None:
            for p in phrases:
                find_quantities(p)

        n = len(phrases)
        rows.append((name, n, best_rate(cold, n), best_rate(cached, n), best_rate(scan, n)))
    return rows


def plain_phrases() -> list[tuple[str, int, int, list[str]]]:
    """(phrase set, phrases, plain phrases, the others) for the shortcut."""
    g = grammar_for(DEFAULT_POLICY)
    rows = []
    for name, phrases in _phrases().items():
        folded = [(p, fold_text(p)) for p in phrases]
        others = [p for p, f in folded if read_whole(f, g) is None and read_whole_range(f, g) is None]
        rows.append((name, len(phrases), len(phrases) - len(others), others))
    return rows


def bench_articles() -> list[tuple[str, int, int, float, int]]:
    rows = []
    for path in sorted((ROOT / "claims" / "sources").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        size = len(text.encode("utf-8"))
        matches = len(find_quantities(text))
        rate = best_rate(lambda text=text: find_quantities(text), size, repeat=5, min_time=0.1)
        rows.append((path.name[:3], len(text), size, rate / 1e6, matches))
    return rows


_FIRST_USE = """
import time
start = time.perf_counter()
import recon.normalize.quantity as q
imported = time.perf_counter()
q.parse_quantity({phrase!r})
print(imported - start, time.perf_counter() - imported)
"""


def bench_first_use(runs: int = 5) -> list[tuple[str, float, float]]:
    """(phrase, import seconds, first parse seconds), each the best of ``runs`` fresh interpreters."""
    rows = []
    for phrase in ("超过700人", "超過700人", "more than 700 employees"):
        times = []
        for _ in range(runs):
            out = subprocess.run([sys.executable, "-c", _FIRST_USE.format(phrase=phrase)], cwd=ROOT,
                                 capture_output=True, text=True, check=True).stdout  # fmt: skip
            times.append(tuple(map(float, out.split())))
        rows.append((phrase, min(t[0] for t in times), min(t[1] for t in times)))
    return rows


def main() -> None:
    parse_quantity("warm up")  # builds the grammar and the converter outside the timings
    print("parse_quantity / find_quantities on short phrases (parses per second)")
    print(f"  {'phrase set':<12} {'phrases':>7} {'cold':>11} {'cached':>11} {'find_quantities':>16}")
    for name, n, cold, cached, scan in bench_phrases():
        print(f"  {name:<12} {n:>7} {cold:>11,.0f} {cached:>11,.0f} {scan:>16,.0f}")
    print()
    print("plain phrases: read by the shortcut, without the scan")
    print(f"  {'phrase set':<12} {'phrases':>7} {'plain':>6} {'share':>6}  others (scanned)")
    for name, n, plain, others in plain_phrases():
        print(f"  {name:<12} {n:>7} {plain:>6} {plain / n:>6.0%}  {', '.join(others)}")
    print()
    print("find_quantities over the seed articles")
    print(f"  {'article':<8} {'chars':>7} {'bytes':>7} {'MB/s':>6} {'matches':>8}")
    rows = bench_articles()
    for name, chars, size, mbps, matches in rows:
        print(f"  {name:<8} {chars:>7} {size:>7} {mbps:>6.2f} {matches:>8}")
    total = sum(r[2] for r in rows)
    seconds = sum(r[2] / (r[3] * 1e6) for r in rows)
    chars = sum(r[1] for r in rows)
    found = sum(r[4] for r in rows)
    print(f"  {'all':<8} {chars:>7} {total:>7} {total / seconds / 1e6:>6.2f} {found:>8}")
    print()
    print("first use in a fresh interpreter (ms, best of 5)")
    print(f"  {'phrase':<26} {'import':>7} {'first parse':>12}")
    for phrase, imported, first in bench_first_use():
        print(f"  {phrase:<26} {imported * 1e3:>7.1f} {first * 1e3:>12.1f}")


if __name__ == "__main__":
    main()
