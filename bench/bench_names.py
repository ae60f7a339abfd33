"""Measure the name matcher: fuzzy threshold quality and speed.

Run: .venv/bin/python bench/bench_names.py

1. Threshold sweep for ``fuzz.ratio`` on squashed keys, over held-out spellings
   (not in the alias table) of the seed story's people, and over decoys (other,
   real or plausible people with similar names). Only same-script pairs count:
   Latin is never scored against Han.
   - pair level (as research/dependencies.md §4 did): every held-out mention
     against every same-script alias; same person = positive.
   - mention level: what ``AliasIndex.resolve`` proposes at that threshold
     (ratio and containment), per held-out mention and per decoy.
2. Speed: ``resolve`` calls/s (exact and fuzzy), ``find_mentions`` MB/s over
   the seed articles, with the seed table and with a synthetic 5,000-entity one.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from recon.normalize.names import DEFAULT_POLICY, AliasIndex, NamePolicy  # noqa: E402
from recon.normalize.script import script_of, squash_key  # noqa: E402

SEED_ALIASES: dict[str, list[str]] = {
    "sam-altman": ["Sam Altman", "SamAltman", "Altman", "山姆·阿爾特曼", "阿爾特曼", "阿尔特曼",
                   "奥特曼", "奧特曼", "山姆・奥特曼", "薩姆·阿爾特曼", "薩姆·奧特曼",
                   "山姆奧特曼"],
    "greg-brockman": ["Greg Brockman", "GregBrockman", "Brockman", "格雷格·佈羅克曼",
                      "格雷格·布罗克曼", "布洛克曼", "佈羅克曼"],
    "ilya-sutskever": ["Ilya Sutskever", "IlyaSutskever", "Sutskever", "Ilya", "伊利亚·苏茨克沃",
                       "伊利亞·蘇茨克韋爾", "伊利亞·蘇特斯科夫", "伊利亚"],
    "mira-murati": ["Mira Murati", "MiraMurati", "米拉·穆拉蒂", "米拉・穆拉蒂", "穆拉蒂"],
    "satya-nadella": ["Satya Nadella", "萨蒂亚·纳德拉", "萨蒂亚・纳德拉", "纳德拉", "納德拉"],
    "emmett-shear": ["Emmett Shear", "Shear"],
    "elon-musk": ["马斯克", "馬斯克", "Musk", "Elon Musk"],
    "dario-amodei": ["Dario Amodei"],
    "adam-dangelo": ["Adam D'Angelo", "亞當·丹傑洛"],
    "helen-toner": ["海倫·托納"],
    "tasha-mccauley": ["塔莎·麥考利"],
    "geoffrey-hinton": ["Geoffrey Hinton", "杰弗里·辛顿", "Hinton", "辛顿"],
}

#: Held-out spellings of the same people: misspellings, other transliterations,
#: initials, partial names. None of them is in the table (checked at start).
HELD_OUT: list[tuple[str, str]] = [
    # Latin
    ("Sam Altmann", "sam-altman"), ("Samuel Altman", "sam-altman"), ("S. Altman", "sam-altman"),
    ("Sam Altmen", "sam-altman"), ("Altmann", "sam-altman"),
    ("Greg Brockmann", "greg-brockman"), ("Gregory Brockman", "greg-brockman"),
    ("G. Brockman", "greg-brockman"), ("Greg Brokman", "greg-brockman"),
    ("Ilya Sutzkever", "ilya-sutskever"), ("Ilja Sutskever", "ilya-sutskever"),
    ("Ilya Sutskevar", "ilya-sutskever"), ("I. Sutskever", "ilya-sutskever"),
    ("Mira Murrati", "mira-murati"), ("Mira Muratti", "mira-murati"), ("Murati", "mira-murati"),
    ("Satya Nadela", "satya-nadella"), ("Satya Nandella", "satya-nadella"),
    ("Nadella", "satya-nadella"), ("Satya Narayana Nadella", "satya-nadella"),
    ("Emmet Shear", "emmett-shear"), ("Emmett Sheer", "emmett-shear"), ("E. Shear", "emmett-shear"),
    ("Elon Muks", "elon-musk"), ("Elon R. Musk", "elon-musk"),
    ("Dario Amodai", "dario-amodei"), ("Amodei", "dario-amodei"), ("D. Amodei", "dario-amodei"),
    ("Adam D'Angello", "adam-dangelo"), ("D'Angelo", "adam-dangelo"),
    ("Geoff Hinton", "geoffrey-hinton"), ("Geoffery Hinton", "geoffrey-hinton"),
    ("Jeffrey Hinton", "geoffrey-hinton"),
    # Han
    ("山姆·奥尔特曼", "sam-altman"), ("阿特曼", "sam-altman"), ("奥尔特曼", "sam-altman"),
    ("阿爾特門", "sam-altman"), ("萨姆·奥尔特曼", "sam-altman"), ("山姆·阿特曼", "sam-altman"),
    ("格雷格·布鲁克曼", "greg-brockman"), ("布鲁克曼", "greg-brockman"),
    ("格里格·布罗克曼", "greg-brockman"), ("格雷戈·布罗克曼", "greg-brockman"),
    ("伊利亚·苏茨克维", "ilya-sutskever"), ("苏茨克维尔", "ilya-sutskever"),
    ("伊尔亚·苏茨克沃", "ilya-sutskever"), ("苏茨克沃", "ilya-sutskever"),
    ("米拉·穆拉提", "mira-murati"), ("穆拉提", "mira-murati"), ("米拉·姆拉蒂", "mira-murati"),
    ("萨提亚·纳德拉", "satya-nadella"), ("那德拉", "satya-nadella"),
    ("萨蒂亚·纳德勒", "satya-nadella"),
    ("埃隆·马斯克", "elon-musk"), ("伊隆·马斯克", "elon-musk"), ("马思克", "elon-musk"),
    ("亚当·德安吉洛", "adam-dangelo"), ("亚当·丹吉洛", "adam-dangelo"), ("丹杰洛", "adam-dangelo"),
    ("海伦·汤纳", "helen-toner"), ("托纳", "helen-toner"),
    ("塔莎·麦克考利", "tasha-mccauley"), ("麦考利", "tasha-mccauley"),
    ("杰佛里·辛顿", "geoffrey-hinton"), ("杰弗里·欣顿", "geoffrey-hinton"),
    ("欣顿", "geoffrey-hinton"), ("杰弗瑞·辛顿", "geoffrey-hinton"),
]

#: Other people whose names resemble the table's: any proposal is a false positive.
DECOYS: list[str] = [
    "Jack Altman", "Annie Altman", "Sam Bankman-Fried", "Sam Harris", "Daniela Amodei",
    "Dario Gil", "Ilya Polosukhin", "Mira Lane", "Satya Pal", "Greg Brown", "Adam Selipsky",
    "Geoffrey Irving", "Elon Jones", "Helen King", "Kevin Scott", "Reid Hoffman",
    "Shivon Zilis", "Brian Chesky",
    "杰克·阿尔特曼", "安妮·阿尔特曼", "丹妮拉·阿莫代", "奥本海默", "纳达尔", "布鲁克斯",
    "伊利亚·波洛苏金", "米拉·库尼斯", "海伦·凯勒", "凯文·斯科特", "雷德·霍夫曼",
    "杰弗里·欧文", "辛格", "格雷格·布朗", "萨蒂亚·帕尔", "托马斯",
]

THRESHOLDS = range(50, 95, 5)


def _rate(n: int, d: int) -> str:
    return f"{n / d:.2f}" if d else "  - "


def pair_scores() -> dict[str, list[tuple[float, str, str]]]:
    """``ratio`` of every same-script (mention, alias) pair, by kind:
    "same" (a held-out spelling vs its own person's alias), "other" (vs another
    table person's) and "decoy" (a decoy vs any alias)."""
    pairs: dict[str, list[tuple[float, str, str]]] = {"same": [], "other": [], "decoy": []}
    mentions = [(m, e) for m, e in HELD_OUT] + [(m, None) for m in DECOYS]
    for mention, entity in mentions:
        key = squash_key(mention)
        for alias_entity, names in SEED_ALIASES.items():
            for alias in names:
                alias_key = squash_key(alias)
                if script_of(alias_key) != script_of(key):
                    continue
                kind = "decoy" if entity is None else "same" if alias_entity == entity else "other"
                pairs[kind].append((fuzz.ratio(key, alias_key), mention, alias))
    return pairs


def mention_outcomes(threshold: float) -> dict[str, int]:
    """resolve() at ``threshold`` on every held-out spelling and decoy."""
    index = AliasIndex(SEED_ALIASES, NamePolicy(fuzzy_threshold=threshold))
    out = {"right": 0, "wrong": 0, "missed": 0, "ambiguous": 0, "decoy_fp": 0}
    for mention, entity in HELD_OUT:
        r = index.resolve(mention)
        if r.how == "ambiguous":
            out["ambiguous"] += 1
        elif r.entity_id is None:
            out["missed"] += 1
        else:
            out["right" if r.entity_id == entity else "wrong"] += 1
    out["decoy_fp"] = sum(index.resolve(m).how != "none" for m in DECOYS)
    return out


def print_threshold_table() -> None:
    pairs = pair_scores()
    same, other, decoy = ([s for s, _, _ in pairs[k]] for k in ("same", "other", "decoy"))
    print(f"Same-script pairs: {len(same)} same-person, {len(other)} held-out vs another "
          f"table person, {len(decoy)} decoy vs table; mentions: {len(HELD_OUT)} held-out "
          f"spellings, {len(DECOYS)} decoys\n")
    print("threshold | pair TPR | pair FPR other | pair FPR decoy | "
          "held-out right / wrong / amb. / missed | decoys proposed")
    print("----------|----------|----------------|----------------|"
          "----------------------------------------|----------------")
    for t in THRESHOLDS:
        o = mention_outcomes(t)
        mark = "  <- default" if t == DEFAULT_POLICY.fuzzy_threshold else ""
        print(f"{t:9} | {_rate(sum(s >= t for s in same), len(same)):>8} | "
              f"{_rate(sum(s >= t for s in other), len(other)):>14} | "
              f"{_rate(sum(s >= t for s in decoy), len(decoy)):>14} | "
              f"{o['right']:>13} / {o['wrong']:>5} / {o['ambiguous']:>4} / {o['missed']:>6} | "
              f"{o['decoy_fp']:>6} of {len(DECOYS)}{mark}")
    for kind in ("other", "decoy"):
        top = sorted(pairs[kind], reverse=True)[:3]
        print(f"highest {kind} pairs: " + "; ".join(f"{m} ~ {a} {s:.0f}" for s, m, a in top))
    print(f"ratio('Sam Altman', 'Satya Nadella') on squashed keys: "
          f"{fuzz.ratio(squash_key('Sam Altman'), squash_key('Satya Nadella')):.1f}")


def print_default_details() -> None:
    index = AliasIndex(SEED_ALIASES)
    t = DEFAULT_POLICY.fuzzy_threshold
    print(f"\nAt the default threshold {t:g}, what resolve() does with every test mention:")
    for mention, entity in HELD_OUT:
        r = index.resolve(mention)
        if r.entity_id != entity:
            verdict = "missed" if r.entity_id is None else "WRONG"
            print(f"  {verdict:6} {mention!r} ({entity}) -> {r.how} {r.entity_id} {r.score:.0f}"
                  f" suggestions={list(r.candidates)}")
    for mention in DECOYS:
        r = index.resolve(mention)
        if r.how != "none":
            print(f"  decoy  {mention!r} -> {r.how} {r.entity_id or list(r.candidates)} "
                  f"{r.score:.0f}")


# ---------------------------------------------------------------------------
# Speed


def _best_rate(fn: Callable[[], int], repeat: int = 7) -> float:
    """Best items/s of ``repeat`` runs of ``fn`` (which returns an item count)."""
    best = 0.0
    for _ in range(repeat):
        t0 = time.perf_counter()
        n = fn()
        best = max(best, n / (time.perf_counter() - t0))
    return best


def _synthetic_table(n_entities: int, seed: int = 7) -> dict[str, list[str]]:
    """Random "First Last" / "Last" / 名·姓 / 姓 entities over 3,000 common Han characters."""
    rng = random.Random(seed)
    han = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    letters = "abcdefghijklmnopqrstuvwxyz"

    def word() -> str:
        return "".join(rng.choice(letters) for _ in range(rng.randint(3, 8))).capitalize()

    table = {}
    for i in range(n_entities):
        first, last = word(), word()
        given = "".join(rng.choices(han, k=rng.randint(1, 3)))
        family = "".join(rng.choices(han, k=rng.randint(2, 4)))
        table[f"e{i:05d}"] = [f"{first} {last}", last, f"{given}·{family}", family]
    return table


def _resolve_rate(index: AliasIndex, mentions: Sequence[str], reps: int) -> float:
    def run() -> int:
        for _ in range(reps):
            for mention in mentions:
                index.resolve(mention)
        return reps * len(mentions)

    return _best_rate(run)


def _scan_rate(index: AliasIndex, texts: Sequence[str]) -> tuple[float, int]:
    """find_mentions MB/s (UTF-8) over ``texts``, and the mentions found."""
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    found = sum(len(index.find_mentions(t)) for t in texts)

    def one_pass() -> int:
        for text in texts:
            index.find_mentions(text)
        return 1

    return _best_rate(one_pass) * megabytes, found


def print_speed() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "claims/sources").glob("*.txt"))]
    corpus_mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"\nSpeed (best of 7; seed articles: {len(texts)} files, {corpus_mb:.3f} MB UTF-8, "
          f"{sum(map(len, texts))} chars)\n")
    print("table | alias keys | build | resolve exact/s | resolve fuzzy/s | "
          "find_mentions MB/s | mentions in seeds")
    print("------|------------|-------|-----------------|-----------------|"
          "--------------------|------------------")
    exact = [n for names in SEED_ALIASES.values() for n in names]
    fuzzy = [m for m, _ in HELD_OUT] + DECOYS
    synthetic = {**SEED_ALIASES, **_synthetic_table(5000)}
    for label, table in (("seed", SEED_ALIASES), ("seed + 5,000 synthetic", synthetic)):
        t0 = time.perf_counter()
        index = AliasIndex(table)
        build = time.perf_counter() - t0
        mbps, found = _scan_rate(index, texts)
        fuzzy_reps = 50 if len(table) < 100 else 2
        print(f"{label} | {len(index)} | {build * 1000:.0f} ms | "
              f"{_resolve_rate(index, exact, 200):,.0f} | "
              f"{_resolve_rate(index, fuzzy, fuzzy_reps):,.0f} | {mbps:.2f} | {found}")


def print_choice() -> None:
    t = DEFAULT_POLICY.fuzzy_threshold
    pairs = pair_scores()
    same = [s for s, _, _ in pairs["same"]]
    other = max(s for s, _, _ in pairs["other"])
    o = mention_outcomes(t)
    print(f"\nChosen threshold {t:g}: pair TPR {sum(s >= t for s in same) / len(same):.2f}; "
          f"no held-out spelling scores >= {t:g} against another table person (highest "
          f"{other:.0f}, a margin of {t - other:.0f}); held-out mentions {o['right']} right, "
          f"{o['wrong']} wrong, {o['missed']} missed; {o['decoy_fp']} of {len(DECOYS)} decoys "
          f"proposed (as suggestions).")


def main() -> None:
    for mention, _ in HELD_OUT:
        for names in SEED_ALIASES.values():
            assert squash_key(mention) not in {squash_key(n) for n in names}, mention
    print_threshold_table()
    print_default_details()
    print_choice()
    print_speed()


if __name__ == "__main__":
    main()
