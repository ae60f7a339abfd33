"""Measure the time parser: parse_time on short phrases, find_times over the seed articles.

Run: .venv/bin/python bench/bench_times.py

1. ``parse_time`` on distinct short phrases (every call a memo miss: the cost
   of actually reading one), Simplified, Traditional and English; then the
   share of them the fast reader (``time_fast``) reads, the rest going to the
   grammar.
2. ``parse_time`` on the brief's phrases repeated (memo hits: what a claim
   file that repeats its time strings costs).
3. ``find_times`` over the five seed articles: MB/s of UTF-8 text and matches.

Numbers are the best of a few rounds of process CPU time (the machine is
shared: wall-clock time swings with the neighbours' load).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

import opencc

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from recon.normalize import times  # noqa: E402
from recon.normalize.times import TimeContext, TimeSpan, find_times, parse_time  # noqa: E402

SH, LA = "Asia/Shanghai", "America/Los_Angeles"
ANCHORS = {
    "000": datetime.fromisoformat("2023-11-22T17:23:04+08:00"),
    "003": datetime.fromisoformat("2023-11-21T10:05:49+08:00"),
}
DEFAULT_ANCHOR = datetime.fromisoformat("2023-11-22T00:00:00+08:00")

#: The phrases of the brief.
PHRASES = [
    "2023-11-22 17:23:04", "2023-11-22", "2023年11月16日", "2023年7月", "2023年", "2019年", "2022年底",
    "今年10月", "今年9月", "今年初", "本月初", "本月中旬", "11月初", "上周五", "周一", "週五", "星期六", "昨天",
    "今天", "今日", "11月17日", "11 月 17 日", "21日", "11月19日晚间", "當地時間 11 月 17 日週五",
    "11 月 16 日週四晚", "美國當地時間11月16日", "北京时间21日早", "北京时间21日早上", "周六早晨", "周一早晨",
    "今日下午", "中午12:19", "11月17日中午12:23", "12:19", "截至美国东部时间11月20日收盘", "周五美股交易中",
    "在旧金山周日晚上(北京时间今天中午)", "Nov. 17", "November 17, 2023", "Friday night", "Nov 20 at 4pm ET",
    "on Saturday morning", "2023-11-17", "48 小时", "72 小时", "20 美元", "710 多名", "1.68%", "盘后交易",
]

#: Templates for distinct phrases: {m} month, {d} day, {h} hour, {y} year.
TEMPLATES = [
    "{m}月{d}日", "{m} 月 {d} 日", "当地时间 {m} 月 {d} 日周五", "北京时间{d}日早", "美国当地时间{m}月{d}日",
    "{y}年{m}月{d}日", "{y}年{m}月", "{m}月{d}日中午12:{d:02d}", "截至美国东部时间{m}月{d}日收盘",
    "{m}月{d}日晚间", "中午{h}:{d:02d}", "{y}-{m:02d}-{d:02d} {h}:{d:02d}:04", "{d}日", "{m}月{d}日至{d}日",
    "Nov. {d}", "November {d}, {y}", "Nov {d} at {h}pm ET", "{d} 小时", "{d} 美元",
]


def distinct_phrases(limit: int) -> list[str]:
    """Up to ``limit`` different phrases; every third one in Traditional."""
    to_traditional = opencc.OpenCC("s2t").convert
    out: dict[str, None] = {}
    for y in range(2015, 2030):
        for m in range(1, 13):
            for d in range(1, 29):
                for template in TEMPLATES:
                    phrase = template.format(y=y, m=m, d=d, h=(d % 12) + 1)
                    out[to_traditional(phrase) if (m + d) % 3 == 0 else phrase] = None
                    if len(out) >= limit:
                        return list(out)
    return list(out)


def best_of(rounds: int, run: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


def bench_parse(ctx: TimeContext) -> list[tuple[str, str, str, str]]:
    rows = []
    phrases = distinct_phrases(20_000)

    def cold() -> None:
        times._clear_memos()
        for phrase in phrases:
            parse_time(phrase, ctx)

    seconds = best_of(3, cold)
    read = sum(isinstance(parse_time(p, ctx), TimeSpan) for p in phrases)
    rows.append((f"parse_time, {len(phrases):,} distinct phrases (no memo hits)", f"{len(phrases):,}",
                 f"{seconds * 1e6 / len(phrases):.1f} µs", f"{len(phrases) / seconds / 1e3:.1f} k/s ({read:,} times)"))
    fast = sum(times._parse_fast(p, ctx) is not None for p in phrases)
    brief = sum(times._parse_fast(p, ctx) is not None for p in PHRASES)
    rows.append(("  of which the fast reader reads (the rest: the grammar)", f"{fast:,}", "",
                 f"{fast / len(phrases):.1%} ({brief}/{len(PHRASES)} of the brief's)"))

    repeated = PHRASES * 400

    def warm() -> None:
        for phrase in repeated:
            parse_time(phrase, ctx)

    warm()
    seconds = best_of(3, warm)
    rows.append((f"parse_time, the brief's {len(PHRASES)} phrases repeated (memo hits)", f"{len(repeated):,}",
                 f"{seconds * 1e6 / len(repeated):.2f} µs", f"{len(repeated) / seconds / 1e3:.0f} k/s"))
    return rows


def bench_find(paths: Sequence[Path]) -> list[tuple[str, str, str, str]]:
    rows = []
    total_bytes, total_seconds, total_matches = 0, 0.0, 0
    for path in paths:
        text = path.read_text(encoding="utf-8")
        ctx = TimeContext(ANCHORS.get(path.name[:3], DEFAULT_ANCHOR), SH, LA)
        size = len(text.encode("utf-8"))
        seconds = best_of(5, lambda: find_times(text, ctx))
        matches = len(find_times(text, ctx))
        total_bytes, total_seconds, total_matches = total_bytes + size, total_seconds + seconds, total_matches + matches
        rows.append((f"find_times {path.name}", f"{size:,} B", f"{matches} matches",
                     f"{size / seconds / 1e6:.2f} MB/s"))
    rows.append(("find_times, all five", f"{total_bytes:,} B", f"{total_matches} matches",
                 f"{total_bytes / total_seconds / 1e6:.2f} MB/s"))
    return rows


def print_table(rows: list[tuple[str, str, str, str]]) -> None:
    header = ("what", "n / size", "per item", "rate")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(4)]
    for i, row in enumerate([header, *rows]):
        print("  ".join(cell.ljust(w) if j == 0 else cell.rjust(w) for j, (cell, w) in enumerate(zip(row, widths))))
        if i == 0:
            print("  ".join("-" * w for w in widths))


def main() -> None:
    ctx = TimeContext(ANCHORS["000"], SH, LA)
    parse_time("warm-up: 北京时间21日早", ctx)  # build the grammar once
    paths = sorted((ROOT / "claims" / "sources").glob("*.txt"))
    print_table(bench_parse(ctx) + bench_find(paths))


if __name__ == "__main__":
    main()
