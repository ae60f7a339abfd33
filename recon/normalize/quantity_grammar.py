"""A `QuantityPolicy` compiled once into the patterns and lookup tables the scanner uses.

`grammar_for` builds a policy's `Grammar` on first use and keeps it.  The
scanner (`recon.normalize.quantity_reading`) finds each number with
`Grammar.core`, reads what follows it with one match of `Grammar.number_suffix`
(多, 万, then a unit, 以上; `Grammar.unit_suffix` alone after a range), and looks
back for a currency or qualifier with a `WordMatcher`.
(`recon.normalize.quantity_words` makes the lexicons into patterns and
matchers.)  `Grammar.plain_number` and `Grammar.plain_range` start the reading
of a text that is one plain phrase (`recon.normalize.quantity_fast`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from recon.normalize.numerals import (CN_NUMERAL_CHARS, EN_MAGNITUDES, EN_NUMBER_WORDS, EN_TENS, EN_UNITS,
                                     AlphabetFold, fold_text)
from recon.normalize.quantity_policy import DEFAULT_POLICY, QuantityPolicy
from recon.normalize.quantity_words import LATIN, SPACES, Guards, WordMatcher, cased, is_latin, trie

__all__ = ["LATIN", "SPACES", "Grammar", "WordMatcher", "grammar_for"]

_T = TypeVar("_T")

_S = "[ \t\u00a0]*"
# what str.isspace() calls space (re.ASCII narrows \s to the ASCII ones)
_WHITESPACE = "[\\s\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
_CN_MAGNITUDE = "(?:[十百千](?:万|亿)?|万|亿)"
# the single numbers of `Grammar.core`, shared with `Grammar.plain_number`: 1,000.5 and 七百三十八
_ARABIC = r"[0-9](?<![0-9][0-9])(?:[0-9]{0,2}(?:,[0-9]{3})+(?![0-9])|[0-9]*)(?:\.[0-9]+)?"
_CHINESE = f"(?:[{CN_NUMERAL_CHARS.replace('百', '')}]|百(?!分之))[{CN_NUMERAL_CHARS}]*"
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
    # a text that is one plain phrase (`recon.normalize.quantity_fast`): up to its number's end, a
    plain_number: re.Pattern[str]  # qualifier, currency and number: groups qualifier, currency, arabic, cn
    plain_range: re.Pattern[str]  # or a range: groups order_of, several
    plain_fold: AlphabetFold | None  # `fold_text` where those may match (see `_plain_fold`)


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
    guards = Guards.of(policy)
    units = _table((w, (unit, scale)) for w, unit, scale in policy.units)
    prefix_quals = _table(policy.prefix_qualifiers)
    distant_quals = _table(policy.distant_qualifiers)
    suffix_quals = _table(policy.suffix_qualifiers)
    currencies = _table(policy.currency_prefixes)
    plurals = {w: (lo, hi) for w, lo, hi in policy.english_plurals}
    stops = re.escape(policy.clause_breaks + CN_NUMERAL_CHARS + "半") + "0-9"
    distant = "|".join(_guarded(w, policy) for w in sorted(distant_quals, key=len)[::-1])
    number_suffix, unit_suffix = _suffix_patterns(policy, guards, units, suffix_quals)
    number_suffix_starts = SPACES | frozenset(policy.plus_suffixes + "十百千万亿") | cased(w[0] for w in EN_MAGNITUDES)
    nearly, approx = Decimal(repr(policy.nearly_fraction)), Decimal(repr(policy.approx_fraction))
    plain_number, plain_range = _plain_patterns(
        policy, guards, prefix_quals, currencies, plurals, (number_suffix, unit_suffix)
    )
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
        zero_starts=cased(fold_text(w)[0].lower() for w in (*policy.zero_negations, *policy.zero_words)),
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
        suffix_starts=number_suffix_starts | cased(w[0] for w in (*units, *suffix_quals)),
        number_suffix_starts=number_suffix_starts,
        date_starts=SPACES | frozenset(policy.date_suffixes),
        plain_number=plain_number,
        plain_range=plain_range,
        plain_fold=_plain_fold(policy),
    )


def _core_pattern(policy: QuantityPolicy, units: Iterable[str], plurals: Iterable[str]) -> re.Pattern[str]:
    """The numbers: 上百, 数十, 数(个), 1,000.5, 七百三十八, dozens.

    Every branch tests a character before any look-around, and a leading
    look-ahead skips the positions where no number can start: several times
    faster on running text than the plain alternation.
    """
    zh_units = trie((w for w in units if not is_latin(w[0])), Guards({}, {}))  # any unit word: no guards
    no_several = re.escape(policy.several_noun_stops + CN_NUMERAL_CHARS) + "0-9"
    by_first: dict[str, list[str]] = {}
    for word in plurals:
        by_first.setdefault(word[0], []).append(re.escape(word[1:]))
    plural = "|".join(
        f"[{c}{c.upper()}](?<![A-Za-z].)(?i:{'|'.join(sorted(rest, key=len)[::-1])})" for c, rest in by_first.items()
    )
    firsts = {w[0] for w in (*by_first, *EN_NUMBER_WORDS)}
    starts = "上数几0-9" + CN_NUMERAL_CHARS + "".join(sorted(f"{c}{c.upper()}" for c in firsts))
    return re.compile(
        f"(?=[{starts}])(?:"
        f"(?P<order_of>上{_CN_MAGNITUDE})"
        f"|(?P<several>[数几](?<![{no_several}].){_CN_MAGNITUDE})"
        f"|(?P<several_cls>[数几](?<![{no_several}].)(?={_S}(?:{zh_units})))"
        f"|(?P<arabic>{_ARABIC})"
        f"|(?P<cn>{_CHINESE})"
        f"|(?P<plural>(?:{plural})(?![A-Za-z]))"
        f"|(?P<en>{_ENGLISH}))"
    )


def _words(words: Iterable[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


# six, Twenty-three, seven hundred and thirty-eight, twenty-three thousand four hundred, dozen: whole words
_DIGIT_WORD = _words(w for w, n in EN_UNITS.items() if 0 < n < 10)
_BELOW_100 = f"(?:(?:{_words(EN_TENS)})(?:[- ](?:{_DIGIT_WORD}))?|{_words(w for w in EN_UNITS if w != 'dozen')})"
_BELOW_1000 = f"(?:(?:{_DIGIT_WORD})[ ]hundred(?:[ ](?:and[ ])?{_BELOW_100}(?![A-Za-z]))?|{_BELOW_100})"
_ENGLISH = (
    f"(?<![A-Za-z])(?i:{_BELOW_1000}(?![A-Za-z])"
    f"(?:[ ](?:thousand|million|billion|trillion)(?:[ ](?:and[ ])?{_BELOW_1000}(?![A-Za-z]))?)*"
    f"(?:[ ]point(?:[ ](?:zero|{_DIGIT_WORD}))+(?![A-Za-z]))?"  # two point five: read whole, to be refused
    f"(?=[ ](?:thousand|million|billion|trillion)(?![A-Za-z])|(?![A-Za-z]))|dozen(?![A-Za-z]))"
)


def _plain_patterns(
    policy: QuantityPolicy, guards: Guards, quals: Iterable[str], currencies: Iterable[str],
    plurals: Iterable[str], suffixes: tuple[re.Pattern[str], re.Pattern[str]],
) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """`Grammar.plain_number` and `Grammar.plain_range`: what starts a text that is one
    plain phrase, up to the number's end.

    The number is read as `Grammar.core` reads it (the same pattern, atomic).  Prefix
    words that the scanner's backward look could read otherwise, or that hold a number,
    are left out (`_plain_prefix`).
    """
    currencies, plurals = list(currencies), set(plurals)
    plain = [c for c in currencies if _plain_prefix(c, policy, plurals)]
    heads = _currency_heads(currencies, plain)  # "" (a currency after spaces) leaves no qualifier
    quals = [q for q in quals if _plain_prefix(q, policy, plurals) and not any(q.endswith(h) for h in heads)]
    # around the number, nothing `refusal` looks at: a code or name (GPT-4, 4o), a
    # time (12:19, 4-5), a determiner (这一); the scanner may still take some of these
    before = re.escape(policy.code_neighbours + policy.determiners)
    number = re.compile(
        _opt(f"(?>(?P<qualifier>{trie(quals, guards)})){_S}")
        + _opt(f"(?>(?P<currency>{trie(plain, guards)})){_S}")
        + f"(?<![{before}A-Za-z])(?>(?P<arabic>{_ARABIC})|(?P<cn>{_CHINESE}))(?![A-Za-z:@.\\-])",
        re.IGNORECASE | re.ASCII,
    )
    # no " of " after a range: the scanner reads past it (hundreds of millions)
    range_ = re.compile(f"(?>(?P<order_of>上{_CN_MAGNITUDE})|(?P<several>[数几]{_CN_MAGNITUDE}))(?!{_S}of)", re.I | re.A)
    for pattern, groups in zip((number, range_, *suffixes), _PLAIN_GROUPS):
        if tuple(pattern.groupindex) != groups:  # `quantity_fast` unpacks them in this order
            raise AssertionError(f"groups changed: {tuple(pattern.groupindex)} for {groups}")
    return number, range_


_PLAIN_GROUPS = (
    ("qualifier", "currency", "arabic", "cn"),  # plain_number
    ("order_of", "several"),  # plain_range
    ("plus", "mag", "plus2", "pre", "unit", "post"),  # number_suffix
    ("pre", "unit", "post"),  # unit_suffix
)


def _plain_fold(policy: QuantityPolicy) -> AlphabetFold | None:
    """An `AlphabetFold` for what a plain phrase may hold, or None.

    It is exact only for an alphabet without characters hk2s changes or converts by
    context: tests/test_quantity_fast.py checks the default policy's, so a policy with
    other characters in its words gets None (and `fold_text`).
    """
    alphabet = _alphabet(policy)
    return AlphabetFold(alphabet) if alphabet <= _alphabet(DEFAULT_POLICY) else None


@functools.cache
def _alphabet(policy: QuantityPolicy) -> frozenset[str]:
    """The characters of the numbers and words a plain phrase may hold, in either case."""
    pairs = (*policy.prefix_qualifiers, *policy.currency_prefixes, *policy.suffix_qualifiers, *policy.units)
    words = "".join(fold_text(word).lower() for word, *_ in pairs) + "".join(EN_MAGNITUDES)
    return cased(words + CN_NUMERAL_CHARS + "上数几" + policy.plus_suffixes + "0123456789,." + "".join(SPACES))


def _plain_prefix(word: str, policy: QuantityPolicy, plurals: set[str]) -> bool:
    """Whether ``word`` may stand before the number in `Grammar.plain_number`: no `Grammar.core`
    match can start in it (no digit, numeral, 上数几 or English plural word), it has no
    spaces at its ends, and it is no ordinal (第)."""
    if not word or word != word.strip() or word[-1] in policy.ordinal_prefixes:
        return False
    if any(ch in _NUMBER_STARTS for ch in word):
        return False
    return not any(run.lower() in plurals or run.lower() in EN_NUMBER_WORDS for run in re.findall("[A-Za-z]+", word))


_NUMBER_STARTS = frozenset("上数几0123456789" + CN_NUMERAL_CHARS)


def _currency_heads(currencies: list[str], plain: list[str]) -> set[str]:
    """What a qualifier must not end with, as the scanner could read it as (the start of) a
    currency: it reads the longest currency before the number, which could reach into the
    qualifier (a currency "us$" after a qualifier "…us" and "$"), or lie in it."""
    spaces = "".join(SPACES)
    return {
        longer[: len(longer) - len(currency)].rstrip(spaces)
        for longer in currencies
        for currency in ("", *plain)
        if longer != currency and longer.endswith(currency)
    }


def _suffix_patterns(
    policy: QuantityPolicy, guards: Guards, units: Iterable[str], suffix_quals: Iterable[str]
) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """What may follow a number, in order: 多, a magnitude, 多 (if not yet), then a unit and a
    qualifier in either order (1亿美元以上, 500以上人) — `number_suffix`, all of it; `unit_suffix`
    is its second part alone, for what follows a range.
    Every part is optional, so a match reads as far as the phrase goes, taking the first
    choice at each step."""
    plus = f"[{re.escape(policy.plus_suffixes)}]"
    english = trie(EN_MAGNITUDES, guards)
    magnitude = f"{_S}(?:[十百千]?(?:万亿|万|亿)|[百千])|{_S}(?:{english})(?:{_S}(?:{english}))?"  # hundred thousand
    number = _opt(f"(?P<plus>{_S}{plus})") + _opt(f"(?P<mag>{magnitude})(?(plus)|{_opt(f'(?P<plus2>{plus})')})")
    _check_apart(units, suffix_quals)
    unit, post = trie(units, guards), trie(suffix_quals, guards)
    # a qualifier before the unit, or after it: never both (1亿美元以上, 500以上人)
    unit_and_qualifier = (
        _opt(f"{_S}(?P<pre>{post})") + _opt(f"{_S}(?P<unit>{unit})") + f"(?(pre)|{_opt(f'{_S}(?P<post>{post})')})"
    )
    flags = re.IGNORECASE | re.ASCII  # Latin words in any case; Han characters as they are
    # unit_and_qualifier always matches, so after `number` it takes the same path as on its own
    return re.compile(number + unit_and_qualifier, flags), re.compile(unit_and_qualifier, flags)


def _opt(pattern: str) -> str:
    """``pattern`` or nothing: ``(?:pattern)?`` for a pattern that never matches empty, in the
    form `re` runs faster (an alternative instead of a repeat)."""
    return f"(?:{pattern}|)"


def _check_apart(units: Iterable[str], qualifiers: Iterable[str]) -> None:
    """No unit may start like a suffix qualifier, so that at any place at most one of them
    can stand and `Grammar.unit_suffix` may look for the qualifier first."""
    for unit in units:
        for qualifier in qualifiers:
            if unit.startswith(qualifier) or qualifier.startswith(unit):
                raise ValueError(f"QuantityPolicy: the unit {unit!r} and the suffix qualifier {qualifier!r} start alike")


def _zero_pattern(policy: QuantityPolicy, guards: Guards) -> re.Pattern[str]:
    """Zero without a numeral: a bare 无 / none as the whole text (group ``word``), or a
    negation, then what is held, maybe a few words on through 任何/any (不持有OpenAI任何股份)."""
    breaks = re.escape(policy.clause_breaks) + "0-9"
    gap = f"[^{breaks}]{{0,{policy.lookback_chars}}}?"
    negation, any_, held = (trie(ws, guards) for ws in (policy.zero_negations, policy.zero_any, policy.zero_objects))
    starts = "".join(sorted(cased(fold_text(w)[0].lower() for w in policy.zero_negations)))
    whole = rf"\A{_WHITESPACE}*(?P<word>{trie(policy.zero_words, guards)}){_WHITESPACE}*\Z"
    phrase = f"(?=[{re.escape(starts)}])(?:{negation})(?:{_S}|{gap}(?:{any_}){_S})(?:{held})"
    return re.compile(f"{whole}|{phrase}", re.IGNORECASE | re.ASCII)


def _zero_hint(policy: QuantityPolicy) -> re.Pattern[str]:
    """Every word one of `Grammar.zero`'s matches must hold (a held thing, or the zero word
    that is the whole text), without guards: a cheap test that it cannot match."""
    words = {fold_text(w).lower() for w in (*policy.zero_words, *policy.zero_objects)}
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)), re.IGNORECASE | re.ASCII)


def _guarded(word: str, policy: QuantityPolicy) -> str:
    """A regex for ``word`` honouring its `QuantityPolicy.not_preceded_by` guard."""
    guard = dict(policy.not_preceded_by).get(word)
    return (f"(?<![{re.escape(guard)}])" if guard else "") + re.escape(word)
