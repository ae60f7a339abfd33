"""Lexicon words for the quantity grammar: regex tries forwards, `WordMatcher` backwards.

Lexicons become regex tries (美(?:元|金)|人(?:民币)?|…): `re` tries one
branch per first character instead of one per word, several times faster
than a plain alternation of a hundred words.  A trie tries longer words
first and honours each word's guards, so it finds the longest word that may
stand where it is.  Looking back from a number for a currency or qualifier, a
`WordMatcher` does the same with a dictionary of last characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from recon.normalize.numerals import fold_text
from recon.normalize.quantity_policy import QuantityPolicy

__all__ = ["LATIN", "SPACES", "Guards", "WordMatcher", "cased", "is_latin", "trie"]

SPACES = frozenset(" \t\u00a0")  # spacing allowed inside a phrase: 600 亿, more than 700
LATIN = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def is_latin(ch: str) -> bool:
    """An ASCII letter (False for the empty string)."""
    return ch in LATIN


def cased(chars: Iterable[str]) -> frozenset[str]:
    """``chars`` with their upper-case forms: lexicon words are lower case, text is not."""
    return frozenset(c for ch in chars for c in (ch, ch.upper()))


class Guards:
    """When a lexicon word may not stand somewhere: inside a Latin word, or next to
    the characters `QuantityPolicy.not_preceded_by` and `not_followed_by` name."""

    __slots__ = ("not_followed_by", "not_preceded_by")

    def __init__(self, not_preceded_by: dict[str, str], not_followed_by: dict[str, str]) -> None:
        self.not_preceded_by, self.not_followed_by = not_preceded_by, not_followed_by

    @classmethod
    def of(cls, policy: QuantityPolicy) -> Guards:
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

    def __init__(self, words: Iterable[str], guards: Guards) -> None:
        self._guards = guards
        # last character → (word, length, has Latin letters, has guards), longest first
        self._by_last: dict[str, list[tuple[str, int, bool, bool]]] = {}
        for word in sorted(set(words), key=lambda w: (-len(w), w)):
            entry = (word, len(word), any(map(is_latin, word)), guards.guard(word))
            for last in cased(word[-1]):
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


def trie(words: Iterable[str], guards: Guards) -> str:
    """A regex matching the longest of ``words`` that its guards allow where it stands."""
    folded = {fold_text(w).lower() for w in words}
    latin = {w for w in folded if w[0] in LATIN}
    branches = [f"(?<![A-Za-z]){_trie_node(_tree(latin), guards)}"] if latin else []
    if folded - latin:
        branches.append(_trie_node(_tree(folded - latin), guards))
    if not branches:
        return "(?!)"  # an empty lexicon matches nothing
    # a look-ahead at the first letters first: much faster where no word starts
    return f"{_starts(folded)}(?:{'|'.join(branches)})"


def _starts(words: Iterable[str]) -> str:
    """A look-ahead for the first letters of ``words``, in either case."""
    return f"(?=[{re.escape(''.join(sorted(cased(w[0] for w in words))))}])"


def _tree(words: Iterable[str]) -> dict[str, dict]:
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {word: {}}
    return root


def _trie_node(node: dict[str, dict], guards: Guards) -> str:
    branches = [re.escape(ch) + _trie_node(child, guards) for ch, child in sorted(node.items()) if ch]
    if "" in node:  # a word ends here: after the longer words, try it with its guards
        (word,) = node[""]
        branches.append(guards.pattern_after(word))
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
