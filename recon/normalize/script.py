"""Script folding: Traditional → Simplified, and keys for matching names.

Two kinds of output, for two jobs:

- ``to_simplified`` and ``match_key`` are *length-preserving*: offset ``i`` in
  the output is offset ``i`` in the input, so a match found on the key is a
  span into the verbatim text (quotes stay grounded).
- ``squash_key`` drops separators and spaces, so "Sam Altman", "SamAltman" and
  "sam·altman" compare equal. Use it to compare names, never to locate text.

Folding uses opencc ``hk2s`` (``t2s`` plus seven HK variants; it leaves
Simplified text untouched and maps one character to one character). See
research/dependencies.md §1 for why not ``tw2s``, ``*2sp``, zhconv or NFKC.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal

if TYPE_CHECKING:
    import opencc

__all__ = [
    "DEFAULT_LANGUAGE_POLICY",
    "HAN_CHARS",
    "LATIN_LETTERS",
    "NAME_SEPARATORS",
    "SQUASHED_CHARS",
    "Language",
    "LanguagePolicy",
    "Script",
    "detect_language",
    "fold",
    "fold_char",
    "is_han",
    "is_latin_letter",
    "match_key",
    "script_of",
    "squash_key",
    "strip_separators",
    "to_simplified",
]

Script = Literal["latin", "han", "mixed", "other"]
Language = Literal["en", "zh-Hans", "zh-Hant"]

OPENCC_CONFIG: Final = "hk2s"

#: Name separators folded to U+00B7 by ``match_key``: middle dot, katakana
#: middle dot, bullet, hyphenation point, halfwidth katakana middle dot.
NAME_SEPARATORS: Final = "·・•‧･"
MIDDLE_DOT: Final = "·"

#: Whitespace as ``str.isspace`` defines it (the test suite checks this list)
#: plus the zero-width characters that sneak into copied names.
_WHITESPACE: Final = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680"
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)
_ZERO_WIDTH: Final = "\u200b\u200c\u200d\u2060\ufeff"

#: Characters that ``squash_key`` removes (after ``match_key`` has folded
#: separators, full-width ASCII and case): spaces, the middle dot, ``.-_`` and
#: apostrophes (so "D'Angelo" = "D’Angelo" = "DAngelo").
SQUASHED_CHARS: Final = _WHITESPACE + _ZERO_WIDTH + MIDDLE_DOT + ".-_'\u2019"

# ---------------------------------------------------------------------------
# Traditional → Simplified

#: What hk2s does to each character, read from its dictionaries by tools/gen_hk2s_table.py.
HK2S_TABLE_FILE: Final = Path(__file__).resolve().parent.parent / "data" / "hk2s_table.txt"

_converter: opencc.OpenCC | None = None


@dataclass(frozen=True)
class _Hk2sTable:
    """hk2s character by character: ``translation`` for ``str.translate``, exact
    for text without ``contextual`` characters (those a phrase converts
    differently, 瞭 in 瞭解); ``changeable`` is every character hk2s may change."""

    translation: dict[int, int]
    contextual: frozenset[str]
    changeable: frozenset[str]

    @classmethod
    def load(cls, path: Path) -> _Hk2sTable:
        """Read the file tools/gen_hk2s_table.py writes: a ``contextual:`` line, then
        lines of pairs (a character and its conversion) separated by spaces."""
        contextual, pairs = "", []
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("contextual:"):
                contextual = line.removeprefix("contextual:").strip()
            elif not line.startswith("#"):
                pairs.append(line.replace(" ", ""))
        chars = "".join(pairs)
        traditional, simplified = chars[0::2], chars[1::2]
        translation = str.maketrans(traditional, simplified)
        return cls(translation, frozenset(contextual), frozenset(traditional + contextual))


_table: _Hk2sTable | None = None


def _hk2s_table() -> _Hk2sTable:
    global _table
    if _table is None:
        _table = _Hk2sTable.load(HK2S_TABLE_FILE)
    return _table


def simplified_chars() -> dict[str, str]:
    """Each character hk2s changes on its own, and what to: for length-preserving folds of a few characters."""
    return {chr(t): chr(s) for t, s in _hk2s_table().translation.items()}


def _opencc() -> opencc.OpenCC:
    """The project's one opencc converter, built on first use (≈10 ms, and 10 ms to import)."""
    global _converter
    if _converter is None:
        import opencc

        _converter = opencc.OpenCC(OPENCC_CONFIG)
    return _converter


def _convert_each(text: str) -> str:
    """Slow path: convert one character at a time, keeping any that would not
    map to exactly one character (or cannot be encoded, like lone surrogates)."""
    convert = _opencc().convert
    out = []
    for c in text:
        if c.isascii():
            out.append(c)
            continue
        try:
            folded = convert(c)
        except UnicodeError:
            folded = c
        out.append(folded if len(folded) == 1 else c)
    return "".join(out)


def to_simplified(text: str) -> str:
    """Fold Traditional (and HK variant) characters to Simplified, 1 char → 1 char.

    ``len(to_simplified(s)) == len(s)`` always holds; Simplified text and
    pure-ASCII text come back unchanged.  opencc runs only on text with a
    character it converts by context (see tools/gen_hk2s_table.py); other
    text is translated character by character, with the same result.
    """
    if text.isascii():
        return text
    table = _hk2s_table()
    if table.changeable.isdisjoint(text):
        return text
    if table.contextual.isdisjoint(text):  # character by character, without opencc
        return text.translate(table.translation)
    if "\x00" in text:  # opencc stops at NUL: fold the pieces around it
        return "\x00".join(to_simplified(part) for part in text.split("\x00"))
    try:
        out = _opencc().convert(text)
    except UnicodeError:  # lone surrogates
        return _convert_each(text)
    return out if len(out) == len(text) else _convert_each(text)


# ---------------------------------------------------------------------------
# Match keys


def fold_char(c: str) -> str:
    """The match-key fold of one (already Simplified) character; the
    specification that ``match_key`` implements in bulk."""
    if c == "著":
        return "着"
    if c in NAME_SEPARATORS:
        return MIDDLE_DOT
    if c == "\u3000":
        return " "
    if "\uff01" <= c <= "\uff5e":  # full-width ASCII
        c = chr(ord(c) - 0xFEE0)
    for lowered in (c.casefold(), c.lower()):
        if len(lowered) == 1:  # ß → "ss" and İ → "i̇" would change the length
            return lowered
    return c


#: Characters that ``str.lower`` leaves (or produces) but ``fold_char`` still
#: changes: 著, separators, full-width ASCII, ideographic space, and the few
#: whose casefold differs from their lowercase (ς → σ, ſ → s, Cherokee …).
#: tests/test_script.py checks this against ``fold_char`` over all of Unicode.
_FOLD_AFTER_LOWER: Final = re.compile(
    "[著・•‧･\u3000\uff01-\uff5e"
    "\u00b5\u017f\u0345\u03c2\u03d0\u03d1\u03d5\u03d6\u03f0\u03f1\u03f5"
    "\u13f8-\u13fd\u1c80-\u1c88\u1e9b\u1fbe\uab70-\uabbf]"
)
_SEPARATOR_RUNS: Final = re.compile("[" + re.escape(SQUASHED_CHARS) + "]+")


def _fold_match(m: re.Match[str]) -> str:
    return fold_char(m.group())


def fold(text: str) -> str:
    """``fold_char`` over every character of ``text`` (length-preserving)."""
    if text.isascii():
        return text.lower()
    # str.lower runs in C; İ is the one character it lengthens, so leave it be
    lowered = "\u0130".join(part.lower() for part in text.split("\u0130"))
    return _FOLD_AFTER_LOWER.sub(_fold_match, lowered)


def match_key(text: str) -> str:
    """Length-preserving key for matching: ``to_simplified``, 著 → 着, name
    separators → ``·``, full-width ASCII → ASCII, ideographic space → space,
    and casefolding where it maps one character to one character."""
    return fold(to_simplified(text))


def squash_key(text: str) -> str:
    """``match_key`` without spaces, separators, ``.-_`` or apostrophes, for
    comparing names: "Sam Altman", "SamAltman" and "sam·altman" are equal.
    Not length-preserving."""
    return strip_separators(match_key(text))


def strip_separators(key: str) -> str:
    """Remove ``SQUASHED_CHARS`` from a string that is already a ``match_key``."""
    return _SEPARATOR_RUNS.sub("", key)


# ---------------------------------------------------------------------------
# Scripts and languages


#: Regex class body (without brackets) of the Han characters: CJK unified
#: ideographs, extensions A–H, compatibility ideographs, and 〇.
HAN_CHARS: Final = (
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007"
    "\U00020000-\U000323af\U0002f800-\U0002fa1f"
)
#: Regex class body of the Latin letters: basic, Latin-1 (not × ÷), extended,
#: additional, full-width, and the ordinal indicators ª º.
LATIN_LETTERS: Final = (
    "A-Za-z\u00aa\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
    "\u1e00-\u1eff\u2c60-\u2c7f\ua722-\ua787\ua78b-\ua7ff\uff21-\uff3a\uff41-\uff5a"
)
_HAN_CHARS: Final = re.compile(f"[{HAN_CHARS}]")
_LATIN_LETTER: Final = re.compile(f"[{LATIN_LETTERS}]")


def is_han(c: str) -> bool:
    """A Han character (see ``HAN_CHARS``)."""
    return _HAN_CHARS.match(c) is not None


def is_latin_letter(c: str) -> bool:
    """A Latin letter (see ``LATIN_LETTERS``)."""
    return _LATIN_LETTER.match(c) is not None and c.isalpha()


def _letter_counts(text: str) -> tuple[int, int, int]:
    """(Latin letters, Han characters, other letters) in ``text``."""
    latin = han = other = 0
    for c in text:
        if is_han(c):
            han += 1
        elif c.isalpha():
            if is_latin_letter(c):
                latin += 1
            else:
                other += 1
    return latin, han, other


def script_of(text: str) -> Script:
    """"latin" or "han" when all letters are of that script, "mixed" when
    letters of several scripts occur, "other" for other scripts or no letters."""
    latin, han, other = _letter_counts(text)
    present = [name for name, n in (("latin", latin), ("han", han), ("other", other)) if n]
    if len(present) > 1:
        return "mixed"
    if present == ["latin"]:
        return "latin"
    if present == ["han"]:
        return "han"
    return "other"


_LATIN_WORDS: Final = re.compile(f"[{LATIN_LETTERS}]+")


@dataclass(frozen=True)
class LanguagePolicy:
    """Thresholds for ``detect_language``.

    A Latin *word* is weighed against one Han *character* (each is roughly one
    word): on the seed articles Latin words are 4–9 % of the two, and hk2s
    changes 32–34 % of the Han characters of the Traditional articles and 0 %
    of the Simplified ones.
    """

    #: "en" when Latin words are more than this share of Latin words + Han characters.
    en_min_latin_share: float = 0.5
    #: "zh-Hant" when hk2s changes at least this share of the Han characters.
    hant_min_changed_share: float = 0.02


DEFAULT_LANGUAGE_POLICY: Final = LanguagePolicy()


def detect_language(text: str, policy: LanguagePolicy = DEFAULT_LANGUAGE_POLICY) -> Language:
    """"en", "zh-Hans" or "zh-Hant" (text without Han characters is "en")."""
    han = "".join(_HAN_CHARS.findall(text))
    words = len(_LATIN_WORDS.findall(text))
    if not han or words > policy.en_min_latin_share * (words + len(han)):
        return "en"
    changed = sum(a != b for a, b in zip(han, to_simplified(han), strict=True))
    return "zh-Hant" if changed >= policy.hant_min_changed_share * len(han) else "zh-Hans"
