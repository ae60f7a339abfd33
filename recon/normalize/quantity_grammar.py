"""A `QuantityPolicy` compiled once into the patterns and lookup tables the scanner uses.

`grammar_for` builds a policy's `Grammar` on first use and keeps it.  The
scanner (`recon.normalize.quantity_reading`) finds each number with
`Grammar.core`, reads what follows it with one match of `Grammar.number_suffix`
(多, 万, then a unit, 以上; `Grammar.unit_suffix` alone after a range), and looks
back for a currency or qualifier with a `WordMatcher`.

Lexicons become regex tries (美(?:元|金)|人(?:民币)?|…): `re` tries one
branch per first character instead of one per word, several times faster
than a plain alternation of a hundred words.  A trie tries longer words
first and honours each word's guards, so it finds the longest word that may
stand where it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from recon.normalize.numerals import CN_NUMERAL_CHARS, EN_MAGNITUDES, fold_text
from recon.normalize.quantity_policy import QuantityPolicy

__all__ = ["LATIN", "SPACES", "Grammar", "WordMatcher", "grammar_for"]

_T = TypeVar("_T")

SPACES = frozenset(" \t\u00a0")  # spacing allowed inside a phrase: 600 亿, more than 700
_S = "[ \t\u00a0]*"
# what str.isspace() calls space (re.ASCII narrows \s to the ASCII ones)
_WHITESPACE = "[\\s\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
_CN_MAGNITUDE = "(?:[十百千](?:万|亿)?|万|亿)"
LATIN = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def is_latin(ch: str) -> bool:
    """An ASCII letter (False for the empty string)."""
    return ch in LATIN


def _cased(chars: Iterable[str]) -> frozenset[str]:
    """``chars`` with their upper-case forms: lexicon words are lower case, text is not."""
    return frozenset(c for ch in chars for c in (ch, ch.upper()))


class _Guards:
    """When a lexicon word may not stand somewhere: inside a Latin word, or next to
    the characters `QuantityPolicy.not_preceded_by` and `not_followed_by` name."""

    __slots__ = ("not_followed_by", "not_preceded_by")

    def __init__(self, not_preceded_by: dict[str, str], not_followed_by: dict[str, str]) -> None:
        self.not_preceded_by, self.not_followed_by = not_preceded_by, not_followed_by

    @classmethod
    def of(cls, policy: QuantityPolicy) -> _Guards:
        def table(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
            return {fold_text(w).lower(): fold_text(chars) for w, chars in pairs}

        return cls(table(policy.not_preceded_by), table(policy.not_followed_by))

    def allow(self, text: str, start: int, end: int, word: str) -> bool:
        before = text[start - 1] if start else ""
        after = text[end : end + 1]
        if (word[0] in LATIN and before in LATIN) or (word[-1] in LATIN and after in LATIN):
            return False
        if before and before in self.not_preceded_by.get(word, ""):
            return False
        return not (after and after in self.not_followed_by.get(word, ""))

    def guard(self, word: str) -> bool:
        """Whether ``word`` has any guard to check."""
        return word[0] in LATIN or word[-1] in LATIN or word in self.not_preceded_by or word in self.not_followed_by

    def pattern_after(self, word: str) -> str:
        """Look-arounds, placed just after ``word``, that check its guards but the one
        on a Latin first letter (a trie checks that once, at its root)."""
        preceded, followed = self.not_preceded_by.get(word), self.not_followed_by.get(word)
        return "".join((
            f"(?<![{re.escape(preceded)}]{'.' * len(word)})" if preceded else "",
            "(?![A-Za-z])" if word[-1] in LATIN else "",
            f"(?![{re.escape(followed)}])" if followed else "",
        ))  # fmt: skip


class WordMatcher:
    """The longest lexicon word ending at a position (before any spaces there), that
    its guards allow: the currency or qualifier before a number.

    (Forwards, lexicons are regex tries; backwards a dictionary of last
    characters is simplest.)
    """

    __slots__ = ("_by_last", "_guards")

    def __init__(self, words: Iterable[str], guards: _Guards) -> None:
        self._guards = guards
        # last character → (word, length, has Latin letters, has guards), longest first
        self._by_last: dict[str, list[tuple[str, int, bool, bool]]] = {}
        for word in sorted(set(words), key=lambda w: (-len(w), w)):
            entry = (word, len(word), any(map(is_latin, word)), guards.guard(word))
            for last in _cased(word[-1]):
                self._by_last.setdefault(last, []).append(entry)

    def match_before(self, text: str, end: int, lo: int) -> tuple[str, int] | None:
        """(word, start) of the longest word ending at ``end`` or before spaces there,
        starting at or after ``lo``."""
        while end > lo and text[end - 1] in SPACES:
            end -= 1
        if end <= lo:
            return None
        for word, length, cased, guarded in self._by_last.get(text[end - 1], ()):
            start = end - length
            if (
                start >= lo
                and (text[start:end].lower() == word if cased else text.startswith(word, start))
                and (not guarded or self._guards.allow(text, start, end, word))
            ):
                return word, start
        return None


@dataclass(frozen=True, eq=False)
class Grammar:
    """`QuantityPolicy` compiled: the lookup tables and patterns the scanner uses.

    Compared and hashed by identity (one per policy), so it is a cheap cache key.
    """

    policy: QuantityPolicy
    core: re.Pattern[str]  # a number: groups arabic, cn, several, several_cls, order_of, plural
    number_suffix: re.Pattern[str]  # after a single number: groups plus, mag (万, billion), plus2 (1.5万多),
    # then those of `unit_suffix`
    unit_suffix: re.Pattern[str]  # groups unit and post (1亿美元以上), or pre and unit (500以上人)
    distant: re.Pattern[str]
    clause_stop: re.Pattern[str]  # up to the last clause break or number
    date_after: re.Pattern[str]
    list_marker: re.Pattern[str]
    model_name: re.Pattern[str]
    zero: re.Pattern[str]  # 没有股份, 不持有OpenAI任何股份, no stake; group word: 无, none as the whole text
    zero_starts: frozenset[str]  # the first letters of the negations and zero words
    zero_hint: re.Pattern[str]  # any zero word or held thing: where it finds none, `zero` finds nothing
    prefix_qualifiers: WordMatcher
    currencies: WordMatcher
    unit_table: dict[str, tuple[str | None, int]]  # word → (canonical unit, scale)
    prefix_table: dict[str, str]  # word → canonical qualifier
    suffix_table: dict[str, str]
    distant_table: dict[str, str]
    currency_table: dict[str, str]
    plurals: dict[str, tuple[int, int]]
    nearly: Decimal
    approx: Decimal
    nearly_ratio: tuple[int, int]  # 1 - nearly, as numerator and denominator: exact for int values
    approx_ratios: tuple[tuple[int, int], tuple[int, int]]  # 1 - approx and 1 + approx, likewise
    percent_cap: Decimal  # `QuantityPolicy.percent_cap`, exactly as written
    suffix_starts: frozenset[str]  # what may follow a number and belong to its phrase
    number_suffix_starts: frozenset[str]  # what may start a `number_suffix`: spaces, 多, 万, billion …
    date_starts: frozenset[str]  # what may follow a number in a date: 年月日…, spaces


_GRAMMARS: dict[int, tuple[QuantityPolicy, Grammar]] = {}


def grammar_for(policy: QuantityPolicy) -> Grammar:
    """The compiled grammar of ``policy``, built on first use."""
    entry = _GRAMMARS.get(id(policy))
    if entry is None or entry[0] is not policy:
        entry = _GRAMMARS[id(policy)] = (policy, _compile(policy))
    return entry[1]


def _table(pairs: Iterable[tuple[str, _T]]) -> dict[str, _T]:
    """Lexicon entries keyed as the scanner sees them: folded, lower case."""
    return {fold_text(word).lower(): value for word, value in pairs}


def _compile(policy: QuantityPolicy) -> Grammar:
    guards = _Guards.of(policy)
    units = _table((w, (unit, scale)) for w, unit, scale in policy.units)
    prefix_quals = _table(policy.prefix_qualifiers)
    distant_quals = _table(policy.distant_qualifiers)
    suffix_quals = _table(policy.suffix_qualifiers)
    currencies = _table(policy.currency_prefixes)
    plurals = {w: (lo, hi) for w, lo, hi in policy.english_plurals}
    stops = re.escape(policy.clause_breaks + CN_NUMERAL_CHARS + "半") + "0-9"
    distant = "|".join(_guarded(w, policy) for w in sorted(distant_quals, key=len)[::-1])
    number_suffix, unit_suffix = _suffix_patterns(policy, guards, units, suffix_quals)
    number_suffix_starts = SPACES | frozenset(policy.plus_suffixes + "十百千万亿") | _cased(w[0] for w in EN_MAGNITUDES)
    nearly, approx = Decimal(repr(policy.nearly_fraction)), Decimal(repr(policy.approx_fraction))
    return Grammar(
        policy=policy,
        core=_core_pattern(policy, units, plurals),
        number_suffix=number_suffix,
        unit_suffix=unit_suffix,
        distant=re.compile(distant),
        clause_stop=re.compile(f"(?s).*[{stops}]"),
        date_after=re.compile(f"{_S}[{re.escape(policy.date_suffixes)}]"),
        list_marker=re.compile(r"[.、](?![0-9])"),
        model_name=re.compile(r"(?<![A-Za-z0-9])[A-Z][A-Za-z0-9]*[ ]\Z"),
        zero=_zero_pattern(policy, guards),
        zero_hint=_zero_hint(policy),
        zero_starts=_cased(fold_text(w)[0].lower() for w in (*policy.zero_negations, *policy.zero_words)),
        prefix_qualifiers=WordMatcher(prefix_quals, guards),
        currencies=WordMatcher(currencies, guards),
        unit_table=units,
        prefix_table=prefix_quals,
        suffix_table=suffix_quals,
        distant_table=distant_quals,
        currency_table=currencies,
        plurals=plurals,
        nearly=nearly,
        approx=approx,
        nearly_ratio=(1 - nearly).as_integer_ratio(),
        approx_ratios=((1 - approx).as_integer_ratio(), (1 + approx).as_integer_ratio()),
        percent_cap=Decimal(repr(policy.percent_cap)),
        suffix_starts=number_suffix_starts | _cased(w[0] for w in (*units, *suffix_quals)),
        number_suffix_starts=number_suffix_starts,
        date_starts=SPACES | frozenset(policy.date_suffixes),
    )


def _core_pattern(policy: QuantityPolicy, units: Iterable[str], plurals: Iterable[str]) -> re.Pattern[str]:
    """The numbers: 上百, 数十, 数(个), 1,000.5, 七百三十八, dozens.

    Every branch tests a character before any look-around, and a leading
    look-ahead skips the positions where no number can start: several times
    faster on running text than the plain alternation.
    """
    zh_units = _trie((w for w in units if not is_latin(w[0])), _Guards({}, {}))  # any unit word: no guards
    no_several = re.escape(policy.several_noun_stops + CN_NUMERAL_CHARS) + "0-9"
    by_first: dict[str, list[str]] = {}
    for word in plurals:
        by_first.setdefault(word[0], []).append(re.escape(word[1:]))
    plural = "|".join(
        f"[{c}{c.upper()}](?<![A-Za-z].)(?i:{'|'.join(sorted(rest, key=len)[::-1])})" for c, rest in by_first.items()
    )
    starts = "上数几0-9" + CN_NUMERAL_CHARS + "".join(f"{c}{c.upper()}" for c in by_first)
    return re.compile(
        f"(?=[{starts}])(?:"
        f"(?P<order_of>上{_CN_MAGNITUDE})"
        f"|(?P<several>[数几](?<![{no_several}].){_CN_MAGNITUDE})"
        f"|(?P<several_cls>[数几](?<![{no_several}].)(?={_S}(?:{zh_units})))"
        r"|(?P<arabic>[0-9](?<![0-9][0-9])(?:[0-9]{0,2}(?:,[0-9]{3})+(?![0-9])|[0-9]*)(?:\.[0-9]+)?)"
        f"|(?P<cn>(?:[{CN_NUMERAL_CHARS.replace('百', '')}]|百(?!分之))[{CN_NUMERAL_CHARS}]*)"
        f"|(?P<plural>(?:{plural})(?![A-Za-z])))"
    )


def _suffix_patterns(
    policy: QuantityPolicy, guards: _Guards, units: Iterable[str], suffix_quals: Iterable[str]
) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """What may follow a number, in order: 多, a magnitude, 多 (if not yet), then a unit and a
    qualifier in either order (1亿美元以上, 500以上人) — `number_suffix`, all of it; `unit_suffix`
    is its second part alone, for what follows a range.
    Every part is optional, so a match reads as far as the phrase goes, taking the first
    choice at each step."""
    plus = f"[{re.escape(policy.plus_suffixes)}]"
    magnitude = f"{_S}(?:[十百千]?(?:万亿|万|亿)|[百千])|{_S}(?:{_trie(EN_MAGNITUDES, guards)})"
    number = f"(?P<plus>{_S}{plus})?(?:(?P<mag>{magnitude})(?(plus)|(?P<plus2>{plus})?))?"
    _check_apart(units, suffix_quals)
    unit, post = _trie(units, guards), _trie(suffix_quals, guards)
    # a qualifier before the unit, or after it: never both (1亿美元以上, 500以上人)
    unit_and_qualifier = f"(?:{_S}(?P<pre>{post}))?(?:{_S}(?P<unit>{unit}))?(?(pre)|(?:{_S}(?P<post>{post}))?)"
    flags = re.IGNORECASE | re.ASCII  # Latin words in any case; Han characters as they are
    # unit_and_qualifier always matches, so after `number` it takes the same path as on its own
    return re.compile(number + unit_and_qualifier, flags), re.compile(unit_and_qualifier, flags)


def _check_apart(units: Iterable[str], qualifiers: Iterable[str]) -> None:
    """No unit may start like a suffix qualifier, so that at any place at most one of them
    can stand and `Grammar.unit_suffix` may look for the qualifier first."""
    for unit in units:
        for qualifier in qualifiers:
            if unit.startswith(qualifier) or qualifier.startswith(unit):
                raise ValueError(f"QuantityPolicy: the unit {unit!r} and the suffix qualifier {qualifier!r} start alike")


def _zero_pattern(policy: QuantityPolicy, guards: _Guards) -> re.Pattern[str]:
    """Zero without a numeral: a bare 无 / none as the whole text (group ``word``), or a
    negation, then what is held, maybe a few words on through 任何/any (不持有OpenAI任何股份)."""
    breaks = re.escape(policy.clause_breaks) + "0-9"
    gap = f"[^{breaks}]{{0,{policy.lookback_chars}}}?"
    negation, any_, held = (_trie(ws, guards) for ws in (policy.zero_negations, policy.zero_any, policy.zero_objects))
    starts = "".join(sorted(_cased(fold_text(w)[0].lower() for w in policy.zero_negations)))
    whole = rf"\A{_WHITESPACE}*(?P<word>{_trie(policy.zero_words, guards)}){_WHITESPACE}*\Z"
    phrase = f"(?=[{re.escape(starts)}])(?:{negation})(?:{_S}|{gap}(?:{any_}){_S})(?:{held})"
    return re.compile(f"{whole}|{phrase}", re.IGNORECASE | re.ASCII)


def _zero_hint(policy: QuantityPolicy) -> re.Pattern[str]:
    """Every word one of `Grammar.zero`'s matches must hold (a held thing, or the zero word
    that is the whole text), without guards: a cheap test that it cannot match."""
    words = {fold_text(w).lower() for w in (*policy.zero_words, *policy.zero_objects)}
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)), re.IGNORECASE | re.ASCII)


def _trie(words: Iterable[str], guards: _Guards) -> str:
    """A regex matching the longest of ``words`` that its guards allow where it stands."""
    folded = {fold_text(w).lower() for w in words}
    latin = {w for w in folded if w[0] in LATIN}
    branches = [f"(?<![A-Za-z]){_trie_node(_tree(latin), guards)}"] if latin else []
    if folded - latin:
        branches.append(_trie_node(_tree(folded - latin), guards))
    return "(?:" + "|".join(branches) + ")" if branches else "(?!)"  # an empty lexicon matches nothing


def _tree(words: Iterable[str]) -> dict[str, dict]:
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {word: {}}
    return root


def _trie_node(node: dict[str, dict], guards: _Guards) -> str:
    branches = [re.escape(ch) + _trie_node(child, guards) for ch, child in sorted(node.items()) if ch]
    if "" in node:  # a word ends here: after the longer words, try it with its guards
        (word,) = node[""]
        branches.append(guards.pattern_after(word))
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _guarded(word: str, policy: QuantityPolicy) -> str:
    """A regex for ``word`` honouring its `QuantityPolicy.not_preceded_by` guard."""
    guard = dict(policy.not_preceded_by).get(word)
    return (f"(?<![{re.escape(guard)}])" if guard else "") + re.escape(word)
