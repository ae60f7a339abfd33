"""Write recon/data/hk2s_table.txt: what opencc hk2s does to each character.

`recon.normalize.script.to_simplified` folds Traditional to Simplified with
``str.translate`` and this table, and hands text to opencc only when it holds
a *contextual* character: one that some dictionary entry of hk2s converts
differently inside a phrase than alone (瞭 stays 瞭 alone but 瞭解 becomes
了解; 乾隆 keeps the 乾 that alone becomes 干).  So Simplified, English and
most Traditional text never pay for building the converter (≈20 ms with its
import), and folding a short phrase is one ``str.translate``.

The table and the contextual set are read from the dictionaries hk2s uses
(its config names them) with opencc's own ``opencc_dict`` tool, and each
character's conversion from opencc itself.  Before writing, the table is
checked against opencc on every dictionary entry without a contextual
character, alone and next to others.

Run after upgrading opencc; ``--check`` exits 1 when the file is stale.

    .venv/bin/python tools/gen_hk2s_table.py [--check]
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import opencc

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "recon" / "data" / "hk2s_table.txt"
CONFIG = "hk2s"
FIRST_STAGE = "hk2t"  # hk2s without its Traditional → Simplified stage
PAIRS_PER_LINE = 32


def _opencc_home() -> Path:
    return Path(opencc.__file__).parent / "clib"


def _dictionary_files(node: object) -> Iterator[str]:
    """The ``file`` of every dictionary in an opencc config, however nested."""
    if isinstance(node, dict):
        if isinstance(node.get("file"), str):
            yield node["file"]
        for value in node.values():
            yield from _dictionary_files(value)
    elif isinstance(node, list):
        for value in node:
            yield from _dictionary_files(value)


def _entries(ocd2: Path) -> list[tuple[str, list[str]]]:
    """(key, candidates) of a binary opencc dictionary, via ``opencc_dict``."""
    tool = _opencc_home() / "bin" / "opencc_dict"
    with tempfile.TemporaryDirectory() as tmp:
        text = Path(tmp) / "dict.txt"
        subprocess.run([str(tool), "-i", str(ocd2), "-o", str(text), "-f", "ocd2", "-t", "text"], check=True)
        lines = text.read_text(encoding="utf-8").splitlines()
    return [(key, values.split(" ")) for key, _, values in (line.partition("\t") for line in lines) if key]


def _alone(converter: opencc.OpenCC, chars: set[str]) -> dict[str, str]:
    """Each character converted on its own."""
    ordered = sorted(c for c in chars if not 0xD800 <= ord(c) < 0xE000 and c not in "\n\x00")
    out = converter.convert("\n".join(ordered)).split("\n")
    assert len(out) == len(ordered), "opencc changed the number of lines"
    return dict(zip(ordered, out))


def build() -> tuple[dict[str, str], set[str]]:
    """(character → its conversion alone, for those that change; the contextual characters)."""
    share = _opencc_home() / "share" / "opencc"
    dictionaries: dict[str, list[tuple[str, list[str]]]] = {}
    for config in (CONFIG, FIRST_STAGE):
        tree = json.loads((share / f"{config}.json").read_text(encoding="utf-8"))
        for name in _dictionary_files(tree):
            dictionaries.setdefault(name, _entries(share / name))
    first_stage = set(_dictionary_files(json.loads((share / f"{FIRST_STAGE}.json").read_text(encoding="utf-8"))))
    chars = {c for entries in dictionaries.values() for key, values in entries for c in key + "".join(values)}
    alone = _alone(opencc.OpenCC(CONFIG), chars)
    contextual: set[str] = set()
    for name, entries in dictionaries.items():
        for key, candidates in entries:
            if len(key) < 2:
                continue
            for value in candidates:
                if len(value) != len(key):
                    contextual.update(key)
                    continue
                for a, b in zip(key, value):
                    # a phrase of the first stage still meets the second stage, character by character
                    result = alone.get(b, b) if name in first_stage else b
                    if result != alone.get(a, a):
                        contextual.add(a)
    first = _alone(opencc.OpenCC(FIRST_STAGE), chars)  # what reaches the second stage's phrases
    contextual |= {c for c, out in first.items() if out in contextual}
    assert all(len(out) == 1 for out in alone.values()), "hk2s maps a character to several"
    table = {c: out for c, out in alone.items() if out != c and c not in contextual}
    _verify(table, contextual, dictionaries)
    return table, contextual


def _verify(table: dict[str, str], contextual: set[str], dictionaries: dict[str, list[tuple[str, list[str]]]]) -> None:
    """The table must agree with opencc on every entry free of contextual characters."""
    converter = opencc.OpenCC(CONFIG)
    translation = str.maketrans(table)
    words = sorted({w for entries in dictionaries.values() for key, values in entries for w in (key, *values)})
    words = [w for w in words if contextual.isdisjoint(w)]
    for i, word in enumerate(words):
        neighbour = words[(i * 7919) % len(words)]
        for text in (word, neighbour + word + neighbour, word + word[::-1]):
            if converter.convert(text) != text.translate(translation):
                raise SystemExit(f"the table disagrees with opencc on {text!r}: add to the contextual set")


def render(table: dict[str, str], contextual: set[str]) -> str:
    pairs = [a + b for a, b in sorted(table.items())]
    lines = [" ".join(pairs[i : i + PAIRS_PER_LINE]) for i in range(0, len(pairs), PAIRS_PER_LINE)]
    return (
        f"# What opencc {CONFIG} does to each character (opencc {opencc.__version__}), for\n"
        "# recon.normalize.script.to_simplified.  Generated by tools/gen_hk2s_table.py; do not edit.\n"
        "# The contextual line lists the characters converted differently inside a phrase than alone\n"
        "# (瞭 in 瞭解): text with any of them goes to opencc.  Other lines pair a character with its\n"
        f"# conversion alone ({len(pairs)} pairs).\n"
        f"contextual: {''.join(sorted(contextual))}\n" + "\n".join(lines) + "\n"
    )


def main(argv: list[str]) -> int:
    text = render(*build())
    if "--check" in argv:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print(f"{OUTPUT.relative_to(ROOT)} is stale: run tools/gen_hk2s_table.py", file=sys.stderr)
            return 1
        return 0
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
