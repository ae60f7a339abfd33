"""Number words: Chinese numerals, magnitudes, place values and the text fold.

These are facts of the languages, not tunable policy (that lives in
`recon.normalize.quantity_policy.QuantityPolicy`).  Values are exact: `int`
for whole numbers and `Decimal` for the rest, so that "6.25亿" is exactly
625000000 and "近300亿" is exactly [2.7e10, 3e10).
"""

from __future__ import annotations

import re
from decimal import Decimal

from recon.normalize.script import simplified_chars, to_simplified

__all__ = [
    "AlphabetFold",
    "CN_DIGITS",
    "CN_MAGNITUDES",
    "CN_NUMERAL_CHARS",
    "EN_MAGNITUDES",
    "EN_NUMBER_WORDS",
    "EN_PLURAL_MAGNITUDES",
    "EN_TENS",
    "EN_UNITS",
    "chinese_range",
    "chinese_to_int",
    "english_to_int",
    "fold_text",
    "magnitude_value",
    "step",
]

CN_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
_CN_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_BIG_UNITS = {"万": 10**4, "亿": 10**8}
CN_MAGNITUDES: dict[str, int] = {**_CN_SMALL_UNITS, **_CN_BIG_UNITS}
CN_NUMERAL_CHARS = "".join(CN_DIGITS) + "".join(CN_MAGNITUDES)

EN_MAGNITUDES: dict[str, int] = {
    "dozen": 12, "hundred": 100, "thousand": 10**3, "million": 10**6, "mn": 10**6,
    "billion": 10**9, "bn": 10**9, "trillion": 10**12,
}  # fmt: skip
EN_PLURAL_MAGNITUDES: dict[str, int] = {"thousands": 10**3, "millions": 10**6, "billions": 10**9}

#: English cardinal words below a hundred: the units and teens, and the tens that combine with a unit.
EN_UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "dozen": 12,
}  # fmt: skip
EN_TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
EN_NUMBER_WORDS = frozenset(EN_UNITS) | frozenset(EN_TENS)


def english_to_int(words: str) -> int | None:
    """six → 6, Twenty-three → 23, seven hundred and thirty-eight → 738, twenty-three thousand four
    hundred → 23,400, dozen → 12; None for words that are no number."""
    total = current = 0
    seen = False
    for word in words.lower().replace("-", " ").split():
        if word == "and":
            continue
        if word in EN_UNITS or word in EN_TENS:
            current += EN_UNITS.get(word, EN_TENS.get(word, 0))
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in EN_MAGNITUDES and word != "dozen":
            total, current = total + (current or 1) * EN_MAGNITUDES[word], 0
        else:
            return None
        seen = True
    return total + current if seen else None


def magnitude_value(text: str) -> int:
    """The multiplier of a magnitude run: 万 → 10⁴, 千万 → 10⁷, 万亿 → 10¹², billion → 10⁹,
    hundred thousand → 10⁵."""
    word = text.strip().lower()
    if word in EN_MAGNITUDES:
        return EN_MAGNITUDES[word]
    value = 1
    if word[:1].isascii():
        for part in word.split():
            value *= EN_MAGNITUDES[part]
        return value
    for ch in word:
        value *= CN_MAGNITUDES[ch]
    return value


class _Reader:
    """State of `chinese_to_int`: ``total`` (closed by 亿), ``wan`` (closed by 万), ``section``."""

    def __init__(self) -> None:
        self.total = self.wan = self.section = 0
        self.digit: int | None = None
        self.last_small = 10**4  # small units must strictly decrease within a section
        self.last_unit: int | None = None
        self.zero_seen = self.wan_used = self.yi_used = False

    def digit_char(self, value: int) -> bool:
        if self.digit is not None:  # 一二 / 三四: digit strings and ranges are not handled
            return False
        if value == 0:
            self.zero_seen = True
        else:
            self.digit = value
        return True

    def small_unit(self, unit: int) -> bool:
        if unit >= self.last_small:
            return False
        if self.digit is None:  # a bare 十 / 百 / 千 only opens a section: 十五, 百亿
            if self.section:
                return False
            self.digit = 1
        self.section += self.digit * unit
        self.digit, self.last_small, self.last_unit, self.zero_seen = None, unit, unit, False
        return True

    def big_unit(self, unit: int) -> bool:
        self.section += self.digit or 0
        self.digit = None
        if unit == 10**4:
            if self.wan_used or not self.section:
                return False
            self.wan, self.section, self.wan_used = self.section * unit, 0, True
        else:
            group = self.wan + self.section
            if self.yi_used or not group:
                return False
            self.total, self.wan, self.section, self.yi_used = group * unit, 0, 0, True
            self.wan_used = False
        self.last_small, self.last_unit, self.zero_seen = 10**4, unit, False
        return True

    def result(self) -> int:
        if self.digit is not None:
            colloquial = self.last_unit is not None and not self.zero_seen  # 三千五 = 3500
            self.section += self.digit * (self.last_unit // 10 if colloquial else 1)  # type: ignore[operator]
        return self.total + self.wan + self.section


def chinese_to_int(text: str) -> int | None:
    """Value of a Chinese numeral (七百三十八 → 738, 两千 → 2000, 百亿 → 10¹⁰), else None.

    Accepts 零 as a filler (一百零五), the colloquial trailing digit (三千五,
    两万三) and 万亿.  Rejects digit strings and ranges (一二, 三四), repeated
    or out-of-order units (十十, 百十) and units with nothing to multiply (万, 亿万).
    """
    if not text:
        return None
    reader = _Reader()
    for ch in text:
        if ch in CN_DIGITS:
            ok = reader.digit_char(CN_DIGITS[ch])
        elif ch in _CN_SMALL_UNITS:
            ok = reader.small_unit(_CN_SMALL_UNITS[ch])
        elif ch in _CN_BIG_UNITS:
            ok = reader.big_unit(_CN_BIG_UNITS[ch])
        else:
            ok = False
        if not ok:
            return None
    return reader.result()


def chinese_range(text: str) -> tuple[int, int] | None:
    """Two consecutive digits read as a range: 五六 → (5, 6), 两三百 → (200, 300), else None."""
    if len(text) < 2 or text[0] not in CN_DIGITS or text[1] not in CN_DIGITS:
        return None
    low, high = CN_DIGITS[text[0]], CN_DIGITS[text[1]]
    if low == 0 or high != low + 1:
        return None
    scale = chinese_to_int("一" + text[2:]) if text[2:] else 1
    if scale is None or any(ch not in CN_MAGNITUDES for ch in text[2:]):
        return None
    return low * scale, high * scale


def step(x: Decimal | int) -> Decimal | int:
    """Place value of the last non-zero digit: step(710) = 10, step(500) = 100, step(2.05) = 0.01.

    Of the same type as ``x``.
    """
    if isinstance(x, int):
        digits = str(abs(x))
        return 10 ** (len(digits) - len(digits.rstrip("0"))) if x else 1
    if not x:
        return Decimal(1)
    exponent = x.normalize().as_tuple().exponent
    assert isinstance(exponent, int)
    return Decimal(1).scaleb(exponent)


# -- the fold ---------------------------------------------------------------

# Full-width ASCII → ASCII, except the full-width comma "，", which is a clause
# break in Chinese and must not become a thousands separator.  U+3000 → space.
_FULL_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F) if cp != 0xFF0C}
_FULL_WIDTH[0x3000] = 0x20
_FULL_WIDTH_CHARS = frozenset(map(chr, _FULL_WIDTH))
_HAS_FULL_WIDTH = re.compile(f"[{re.escape(''.join(sorted(_FULL_WIDTH_CHARS)))}]").search  # faster than a set


def fold_text(text: str) -> str:
    """Fold for matching numbers: full-width → ASCII, then `to_simplified`; same length.

    Unlike `recon.normalize.script.match_key` it keeps case and the full-width
    comma (１，０００ is 1 and 000, not a thousand).  The result is always
    exactly as long as ``text``, so offsets found in it index ``text``.
    """
    if text.isascii():
        return text
    if _HAS_FULL_WIDTH(text):
        text = text.translate(_FULL_WIDTH)
    return to_simplified(text)


class AlphabetFold:
    """`fold_text` character by character, for text that folds into ``alphabet``.

    Calling it replaces each full-width or Traditional character whose fold lies
    in ``alphabet`` (過 → 过, ７ → 7) and keeps the rest.  Where the result lies in
    ``alphabet``, it equals ``fold_text(text)``, provided hk2s changes no character
    of ``alphabet`` and converts none of it, nor any character it folds into it,
    by context (the caller's duty; `to_simplified` sends text with such a
    character to opencc).  Simplified text costs one look, a fraction of `fold_text`.
    """

    __slots__ = ("_foldable", "_table", "alphabet")

    def __init__(self, alphabet: frozenset[str]) -> None:
        self.alphabet = alphabet
        self._table: dict[int, int] = {}
        self._foldable: re.Pattern[str] | None = None  # built on first use: the hk2s table is large

    def __call__(self, text: str) -> str:
        if text.isascii():
            return text
        if self._foldable is None:
            self._foldable = self._build()
        return text.translate(self._table) if self._foldable.search(text) else text

    def _build(self) -> re.Pattern[str]:
        folds = simplified_chars()
        folds.update((chr(a), chr(b)) for a, b in _FULL_WIDTH.items())  # fold_text folds these first
        self._table = {ord(c): ord(to) for c, to in folds.items() if to in self.alphabet}
        return re.compile(f"[{re.escape(''.join(sorted(map(chr, self._table))))}]" if self._table else "(?!)")
