"""Candidate values in article text: numbers, dates and times, titles; and the entities named near them.

A *region* is a stretch of text read in one time context: the article body,
or one dated snippet. Its values and entity mentions are found on the masked
text, so their spans index the original and quotes cut from it are verbatim.
Numbers inside a date (``Nov. 17``) or a name (``Maia 100``) are not values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from recon.extract.text import Line, Span, SpanIndex, line_of
from recon.extract.vocabulary import Vocabulary
from recon.normalize.numerals import CN_NUMERAL_CHARS
from recon.normalize.quantity import Quantity, find_quantities
from recon.normalize.script import match_key
from recon.normalize.times import TimeContext, TimeSpan, find_times

ValueKindFound = Literal["quantity", "time", "role"]
_WORD = re.compile(r"[0-9A-Za-z]")
_NUMERAL = re.compile(f"[0-9０-９{CN_NUMERAL_CHARS}数幾几上]")


@dataclass(frozen=True)
class ValueMention:
    """A number, a time or a title, as written at ``span`` of the original text."""

    kind: ValueKindFound
    span: Span
    text: str
    quantity: Quantity | None = None
    time: TimeSpan | None = None
    term: str | None = None  # a role's term id

    @property
    def normalized(self) -> str:
        if self.quantity is not None:
            unit = f" {self.quantity.unit}" if self.quantity.unit else ""
            return self.quantity.interval.format() + unit
        if self.time is not None:
            return self.time.format()
        return self.term or ""


@dataclass(frozen=True)
class EntityMention:
    entity_id: str
    span: Span
    text: str


@dataclass(frozen=True)
class LexiconHit:
    """A word of a property's lexicon, found in the text."""

    prop: str
    span: Span
    word: str


@dataclass(frozen=True)
class Region:
    """Text read in one time context; ``visible`` is ``text`` with all else blanked."""

    text: str
    visible: str
    context: TimeContext
    lines: list[Line]
    mentions: tuple[EntityMention, ...]
    values: tuple[ValueMention, ...]


def read_region(text: str, visible: str, context: TimeContext, lines: list[Line], vocab: Vocabulary) -> Region:
    """Every entity mention and candidate value in the visible part of ``text``."""
    mentions = tuple(EntityMention(m.entity_id, m.span, m.text)
                     for m in vocab.aliases.find_mentions(visible) if m.entity_id is not None)
    names = [m.span for m in mentions]
    times = find_times(visible, context)  # a date in an event's name (周五中午进行对话) is still a date
    time_spans, name_spans = SpanIndex(t.span for t in times), SpanIndex(names)
    quantities = [q for q in find_quantities(visible)
                  if not time_spans.overlaps_any(q.span) and not name_spans.overlaps_any(_number_part(q))]
    values = [ValueMention("quantity", q.span, text[q.span[0]:q.span[1]], quantity=q) for q in quantities]
    values += [ValueMention("time", t.span, text[t.span[0]:t.span[1]], time=t) for t in times]
    values += find_titles(text, visible, vocab, names)
    return Region(text, visible, context, lines, mentions, tuple(sorted(values, key=lambda v: (v.span, v.kind))))


def _number_part(quantity: Quantity) -> Span:
    """The phrase from its first numeral on: a qualifier may stand apart (约占公司员工总数的95%), a name may not."""
    first = _NUMERAL.search(quantity.text)
    start = quantity.span[0] + (first.start() if first else 0)
    return start, quantity.span[1]


def find_titles(text: str, visible: str, vocab: Vocabulary, taken: list[Span]) -> list[ValueMention]:
    """Every term name (CEO, 联合创始人, interim CEO) not inside an entity's name; the longest wins."""
    key_text = match_key(visible)
    found: list[ValueMention] = []
    claimed = SpanIndex(taken)
    for key, term_id in _term_keys(vocab):
        start = key_text.find(key)
        while start != -1:
            span = (start, start + len(key))
            if _whole_word(key_text, span) and not claimed.overlaps_any(span):
                found.append(ValueMention("role", span, text[span[0]:span[1]], term=term_id))
                claimed.add(span)
            start = key_text.find(key, start + 1)
    return found


def _term_keys(vocab: Vocabulary) -> list[tuple[str, str]]:
    keys = {(match_key(name), term.id) for term in vocab.terms.values() for name in term.names}
    return sorted((k for k in keys if k[0].strip()), key=lambda item: (-len(item[0]), item))


def _whole_word(key_text: str, span: Span) -> bool:
    """A Latin name does not start or end inside a Latin word (CEO, not CEOs' … ok, not 'ceo' in 'ceos')."""
    start, end = span
    if _WORD.match(key_text[start]) and start > 0 and _WORD.match(key_text[start - 1]):
        return False
    return not (_WORD.match(key_text[end - 1]) and end < len(key_text) and _WORD.match(key_text[end]))


# -- property words and timeline headings ------------------------------------------------


def lexicon_hits(visible: str, vocab: Vocabulary) -> dict[str, list[LexiconHit]]:
    """Where each property's lexicon words occur (Traditional and Simplified alike, any case)."""
    key_text = match_key(visible).lower()
    hits: dict[str, list[LexiconHit]] = {}
    for prop in vocab.properties.values():
        for word in prop.lexicon:
            key = match_key(word).lower()
            for found in re.finditer(_word_pattern(key), key_text):
                hits.setdefault(prop.id, []).append(LexiconHit(prop.id, found.span(), word))
    return hits


def _word_pattern(key: str) -> str:
    pattern = re.escape(key)
    if key[:1].isascii() and key[:1].isalnum():
        pattern = r"(?<![a-z0-9])" + pattern
    if key[-1:].isascii() and key[-1:].isalnum():
        pattern += r"(?![a-z0-9])"
    return pattern


def heading_times(region: Region, share: float) -> dict[int, ValueMention]:
    """Times that make up most of their line: headings of a timeline (當地時間 11 月 17 日週五)."""
    headings: dict[int, ValueMention] = {}
    for value in region.values:
        if value.kind != "time":
            continue
        line: Line = line_of(region.lines, value.span[0])
        written = len(re.sub(r"\s", "", region.visible[line.start:line.end]))
        if written and len(re.sub(r"\s", "", value.text)) >= share * written:
            headings[line.number] = value
    return headings
