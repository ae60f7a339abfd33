"""Entity resolution: an alias table first, a same-script fuzzy fallback second.

``AliasIndex`` maps every surface form of a person (in every script) to an
entity id. A mention resolves

1. **exactly** when its ``squash_key`` equals an alias's, so Traditional /
   Simplified, spacing, case and separator variants all match;
2. **ambiguously** when that key belongs to several entities (never guessed);
3. **fuzzily**, as a suggestion only, when a known alias is contained in it or
   ``fuzz.ratio`` on squashed keys reaches the threshold, always within one
   script: a Latin string is never scored against a Han one.

Why ``ratio`` and 65: research/dependencies.md §4 and ``bench/bench_names.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final, Literal

from rapidfuzz import fuzz, process

from recon.normalize.script import (
    LATIN_LETTERS,
    SQUASHED_CHARS,
    is_han,
    is_latin_letter,
    match_key,
    script_of,
    squash_key,
    strip_separators,
)

__all__ = [
    "DEFAULT_POLICY",
    "AliasIndex",
    "AliasTableError",
    "Mention",
    "NamePolicy",
    "Resolution",
]

How = Literal["exact", "fuzzy", "ambiguous", "none"]


class AliasTableError(ValueError):
    """The alias table given to ``AliasIndex`` is malformed."""


@dataclass(frozen=True)
class NamePolicy:
    """Thresholds of the fuzzy fallback (scores are 0–100)."""

    #: ``fuzz.ratio`` on squashed keys at or above which a same-script alias is
    #: proposed. Measured in bench/bench_names.py on held-out spellings: no
    #: spelling of one table person scores above 56 against another (Sam
    #: Altman ~ Satya Nadella: 48), while 71 % of same-person pairs reach 65.
    fuzzy_threshold: float = 65.0
    #: Lowest score still offered by ``suggest`` ("did you mean").
    suggest_floor: float = 40.0
    #: A known alias contained in a mention counts only if it has at least
    #: this many Han characters …
    min_han_containment: int = 3
    #: … or at least this many Latin letters.
    min_latin_containment: int = 5
    #: ``find_mentions`` accepts at most this many separator characters (spaces,
    #: dots …) between two parts of a name: "Sam  Altman", not across a page.
    max_separator_run: int = 3


DEFAULT_POLICY: Final = NamePolicy()


@dataclass(frozen=True)
class Resolution:
    """What a mention resolved to, and how sure we are.

    ``how`` is "exact" (a known alias), "fuzzy" (a suggestion: ``entity_id`` is
    the best candidate), "ambiguous" (several entities fit equally; ``entity_id``
    is None) or "none" (``candidates`` may hold "did you mean" suggestions).
    """

    entity_id: str | None
    how: How
    score: float
    candidates: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mention:
    """An occurrence of a known alias in a text: ``text == source[span[0]:span[1]]``.

    ``entity_id`` is None when the alias belongs to several entities; they are
    listed in ``candidates``.
    """

    entity_id: str | None
    text: str
    span: tuple[int, int]
    candidates: tuple[str, ...] = field(default=())


# ---------------------------------------------------------------------------
# Scanning helpers

_LATIN_WORD: Final = "0-9" + LATIN_LETTERS
_LATIN_WORD_CHAR: Final = re.compile(f"[{_LATIN_WORD}]")
_SEPARATOR_SET: Final = frozenset(SQUASHED_CHARS)


def _is_latin_word_char(c: str) -> bool:
    """A Latin letter or an ASCII digit: what a Latin alias must not touch."""
    return _LATIN_WORD_CHAR.match(c) is not None


def _key_starts_regex(first_chars: set[str]) -> re.Pattern[str] | None:
    """Where a key may start in a match-keyed text: at one of ``first_chars``,
    and for a Latin one only where no Latin letter or digit precedes it."""
    latin = sorted(c for c in first_chars if _is_latin_word_char(c))
    other = sorted(c for c in first_chars if not _is_latin_word_char(c))
    branches = []
    if latin:
        # the class first, then look behind it: lets re skip non-starts in C
        branches.append(f"[{re.escape(''.join(latin))}](?<![{_LATIN_WORD}].)")
    if other:
        branches.append(f"[{re.escape(''.join(other))}]")
    return re.compile("|".join(branches)) if branches else None


def _squash_with_gaps(name: str) -> tuple[str, frozenset[int]]:
    """The squashed key of ``name`` and the key offsets where it had separators."""
    key: list[str] = []
    gaps: set[int] = set()
    for c in match_key(name):
        if c in SQUASHED_CHARS:
            if key:
                gaps.add(len(key))
        else:
            key.append(c)
    return "".join(key), frozenset(g for g in gaps if g < len(key))


# ---------------------------------------------------------------------------


class AliasIndex:
    """Entity id → names in every script, indexed for resolution and search.

    >>> idx = AliasIndex({"sam-altman": ["Sam Altman", "山姆·阿爾特曼"]})
    >>> idx.resolve("山姆・阿尔特曼").entity_id
    'sam-altman'
    """

    def __init__(
        self, aliases: Mapping[str, Sequence[str]], policy: NamePolicy = DEFAULT_POLICY
    ) -> None:
        self.policy = policy
        owners: dict[str, set[str]] = {}
        gaps: dict[str, set[int]] = {}
        for entity_id, names in aliases.items():
            if isinstance(names, str) or not isinstance(names, Sequence):
                raise AliasTableError(
                    f"aliases of {entity_id!r} must be a list of names, not {type(names).__name__}"
                )
            for name in names:
                if not isinstance(name, str):
                    raise AliasTableError(f"alias {name!r} of {entity_id!r} is not a string")
                key, key_gaps = _squash_with_gaps(name)
                if key:
                    owners.setdefault(key, set()).add(entity_id)
                    gaps.setdefault(key, set()).update(key_gaps)
        self._owners: dict[str, tuple[str, ...]] = {k: tuple(sorted(v)) for k, v in owners.items()}
        self._gaps = {k: frozenset(v) for k, v in gaps.items()}
        self._entity_ids = tuple(aliases)
        self._by_script: dict[str, list[str]] = {}
        for key in sorted(self._owners):
            self._by_script.setdefault(script_of(key), []).append(key)
        lengths: dict[str, set[int]] = {}
        for key in self._owners:
            lengths.setdefault(key[0], set()).add(len(key))
        #: first character of a key → the key lengths starting with it, longest first
        self._lengths = {c: sorted(ls, reverse=True) for c, ls in lengths.items()}
        self._key_starts = _key_starts_regex(set(lengths))
        max_len = max(map(len, self._owners), default=0)
        self._reach = max_len + (max_len - 1) * policy.max_separator_run

    # -- introspection -----------------------------------------------------

    @property
    def entity_ids(self) -> tuple[str, ...]:
        return self._entity_ids

    def __len__(self) -> int:
        """Number of distinct squashed alias keys."""
        return len(self._owners)

    def conflicts(self) -> list[tuple[str, list[str]]]:
        """Squashed alias keys claimed by more than one entity, sorted by key."""
        return [(k, list(ids)) for k, ids in sorted(self._owners.items()) if len(ids) > 1]

    # -- resolution --------------------------------------------------------

    def resolve(self, mention: str) -> Resolution:
        """Resolve a name as written in a source to an entity id."""
        key = squash_key(mention)
        if not key:
            return Resolution(None, "none", 0.0)
        owners = self._owners.get(key)
        if owners:
            if len(owners) == 1:
                return Resolution(owners[0], "exact", 100.0, owners)
            return Resolution(None, "ambiguous", 100.0, owners)
        threshold = self.policy.fuzzy_threshold
        scored = self._ranked(mention, key, min(threshold, self.policy.suggest_floor))
        ranked = [(e, s) for e, s in scored if s >= threshold]
        if not ranked:
            best = scored[0][1] if scored else 0.0
            return Resolution(None, "none", best, tuple(e for e, _ in scored[:3]))
        top = ranked[0][1]
        tied = tuple(e for e, s in ranked if s == top)
        if len(tied) > 1:
            return Resolution(None, "ambiguous", top, tied)
        return Resolution(ranked[0][0], "fuzzy", top, tuple(e for e, _ in ranked))

    def suggest(self, mention: str, limit: int = 3) -> list[tuple[str, float]]:
        """Best same-script candidates scoring at least ``policy.suggest_floor``."""
        key = squash_key(mention)
        if not key or limit <= 0:
            return []
        ranked = self._ranked(mention, key, self.policy.suggest_floor)
        exact = self._owners.get(key, ())
        if exact:
            ranked = [(e, 100.0) for e in exact] + [(e, s) for e, s in ranked if e not in exact]
        return ranked[:limit]

    def _ranked(self, mention: str, key: str, floor: float) -> list[tuple[str, float]]:
        """Entity ids with their best fuzzy score ≥ ``floor``, best first.

        A contained alias scores 100 (as ``fuzz.partial_ratio`` would).
        """
        best: dict[str, float] = {}
        for _, _, alias_key, owners in self._scan(mention):
            if self._containable(alias_key):
                for entity_id in owners:
                    best[entity_id] = 100.0
        choices = self._by_script.get(script_of(key), [])
        for choice, score, _ in process.extract(
            key, choices, scorer=fuzz.ratio, processor=None, score_cutoff=floor, limit=None
        ):
            for entity_id in self._owners[choice]:
                best[entity_id] = max(best.get(entity_id, 0.0), float(score))
        return sorted(best.items(), key=lambda item: (-item[1], item[0]))

    def _containable(self, key: str) -> bool:
        han = sum(1 for c in key if is_han(c))
        latin = sum(1 for c in key if is_latin_letter(c))
        return han >= self.policy.min_han_containment or latin >= self.policy.min_latin_containment

    # -- search ------------------------------------------------------------

    def find_mentions(self, text: str) -> list[Mention]:
        """Every non-overlapping occurrence of a known alias in ``text``.

        Matching runs on ``match_key(text)`` (so Traditional text is found) and
        tolerates separators where an alias of the same name had one
        (山姆奧特曼 for 山姆·奧特曼); at each position the longest alias wins.
        """
        return list(self.iter_mentions(text))

    def iter_mentions(self, text: str) -> Iterator[Mention]:
        """``find_mentions``, lazily."""
        for start, end, _, owners in self._scan(text):
            entity_id = owners[0] if len(owners) == 1 else None
            yield Mention(entity_id, text[start:end], (start, end), owners)

    def _scan(self, text: str) -> Iterator[tuple[int, int, str, tuple[str, ...]]]:
        """(start, end, squashed alias key, owners) of each alias found in ``text``.

        A C-level regex finds the characters where some key may start; at each,
        the text ahead is squashed and a dict lookup per key length (longest
        first) confirms a key.
        """
        if self._key_starts is None or not text:
            return
        key_text = match_key(text)
        resume = 0
        for m in self._key_starts.finditer(key_text):
            start = m.start()
            if start < resume:
                continue
            window, ahead = self._ahead(key_text, start)
            for length in self._lengths[m.group()]:
                key = ahead[:length]
                owners = self._owners.get(key) if len(key) == length else None
                if owners is None:
                    continue
                end = self._end_if_fits(key, window, start, key_text)
                if end is not None:
                    yield start, end, key, owners
                    resume = end
                    break

    def _ahead(self, key_text: str, start: int) -> tuple[str, str]:
        """The text from ``start``, long enough to hold the longest key with
        the longest separator runs allowed, and its squashed form."""
        window = key_text[start : start + self._reach]
        return window, strip_separators(window)

    def _end_if_fits(self, key: str, window: str, start: int, key_text: str) -> int | None:
        """Where ``key``, found squashed at the start of ``window``, ends in the
        text; None when it crosses a separator the alias never had ("il y a"
        is not "Ilya") or runs into a following Latin word ("Ilyas")."""
        allowed = self._gaps[key]
        seen = 0
        run = 0  # separators just passed
        for offset, c in enumerate(window):
            if c in _SEPARATOR_SET:
                run += 1
                if run > self.policy.max_separator_run:
                    return None
                continue
            if run and seen not in allowed:
                return None
            run = 0
            seen += 1
            if seen == len(key):
                end = start + offset + 1
                break
        else:  # pragma: no cover - the window always holds the key
            return None
        followed_by_a_word = end < len(key_text) and _is_latin_word_char(key_text[end])
        if followed_by_a_word and _is_latin_word_char(key[-1]):
            return None
        return end
