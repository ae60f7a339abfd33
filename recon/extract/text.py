"""Text geometry for extraction: lines, clauses and sentences as spans of the original text.

Nothing here changes the article: clean-up works by *masking* (blanking what
is not article text to spaces, newlines kept), so every offset found in a
masked text is an offset in the original, and every quote cut from it is
verbatim.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser

from recon.corpus import squash_whitespace

Span = tuple[int, int]

_URL = re.compile(r"https?://\S+|www\.[A-Za-z0-9-]+\.\S+")
_BETWEEN_DIGITS = ",.:"  # 1,000 / 6.25 / 12:19 do not break a clause


@dataclass(frozen=True)
class Line:
    """One line of a text: ``text == source[start:end]`` (without its newline)."""

    number: int  # from 1
    start: int
    end: int
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def split_lines(text: str) -> list[Line]:
    lines, start = [], 0
    for number, raw in enumerate(text.split("\n"), start=1):
        lines.append(Line(number, start, start + len(raw), raw))
        start += len(raw) + 1
    return lines


def mask(text: str, keep: Iterable[Span]) -> str:
    """``text`` with everything outside the ``keep`` spans blanked to spaces; newlines stay."""
    chars = [c if c == "\n" else " " for c in text]
    for start, end in keep:
        chars[start:end] = text[start:end]
    return "".join(chars)


def mask_urls(text: str) -> str:
    """Links are not prose: blank them so no number or date is read from a URL."""
    return _URL.sub(lambda m: " " * len(m.group()), text)


def line_of(lines: list[Line], offset: int) -> Line:
    """The line holding ``offset`` (lines are in order)."""
    low, high = 0, len(lines) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if lines[middle].start <= offset:
            low = middle
        else:
            high = middle - 1
    return lines[low]


def is_break(text: str, index: int, breaks: str) -> bool:
    """Whether ``text[index]`` ends a clause: a break character, not inside a number (12:19, 1,000)."""
    char = text[index]
    if char not in breaks:
        return False
    if char in _BETWEEN_DIGITS:
        before = text[index - 1] if index else ""
        after = text[index + 1] if index + 1 < len(text) else ""
        if before.isdigit() and after.isdigit():
            return False
    return True


def _english_stop(text: str, index: int, abbreviations: frozenset[str]) -> bool:
    """A full stop ending an English sentence: followed by a space, not after Nov. / Mr. / U.S."""
    if text[index] not in ".!?" or index + 1 >= len(text) or not text[index + 1].isspace():
        return False
    if text[index] != ".":
        return True
    word = re.search(r"([A-Za-z.]+)$", text[max(0, index - 6) : index])
    if word is None:
        return True
    token = word.group(1)
    return not (token in abbreviations or (len(token) == 1 and token.isupper()))


#: How far a clause or sentence reaches from a value, at most (a long Chinese sentence is ~300 characters).
REACH = 600


@dataclass(frozen=True)
class Geometry:
    """How a text splits into clauses and sentences (which depends on its language)."""

    clause_breaks: str
    sentence_breaks: str
    abbreviations: frozenset[str]
    english: bool

    def clause(self, text: str, span: Span) -> Span:
        return self._around(text, span, self.clause_breaks)

    def sentence(self, text: str, span: Span) -> Span:
        return self._around(text, span, self.sentence_breaks)

    def _around(self, text: str, span: Span, breaks: str) -> Span:
        """From the break before ``span`` to the break after it (exclusive), trimmed; at most
        ``REACH`` characters either side, so a paragraph without a break is not one sentence."""
        stops = _stop_positions(text, breaks, self.english, self.abbreviations)
        before = bisect.bisect_left(stops, span[0]) - 1
        after = bisect.bisect_left(stops, span[1])
        start = stops[before] + 1 if before >= 0 else 0
        end = stops[after] if after < len(stops) else len(text)
        return trim(text, (max(start, span[0] - REACH), min(end, span[1] + REACH)))


@functools.lru_cache(maxsize=16)
def _stop_positions(text: str, breaks: str, english: bool, abbreviations: frozenset[str]) -> list[int]:
    """Where clauses (or sentences) of ``text`` end, in order: found once per text, so that finding the
    sentence of each of many values in one long paragraph stays linear."""
    candidates = set(breaks) | (set(".!?") if english else set())
    return [i for i, char in enumerate(text) if char in candidates
            and ((english and _english_stop(text, i, abbreviations)) or is_break(text, i, breaks))]


def geometry_for(english: bool, zh_clause_breaks: str, sentence_breaks: str,
                 abbreviations: frozenset[str]) -> Geometry:
    """English clauses are sentences (a comma there splits dates: Nov. 17, 2023); Chinese ones end at commas."""
    if english:
        return Geometry(";；\n" + "。！？", sentence_breaks.replace("!", "").replace("?", ""), abbreviations, True)
    return Geometry(zh_clause_breaks, sentence_breaks, abbreviations, False)


class SpanIndex:
    """Spans sorted for the question 'does this span overlap any of them?', answered by bisection."""

    def __init__(self, spans: Iterable[Span]) -> None:
        self.spans = sorted(spans)
        self.starts = [start for start, _ in self.spans]
        self.longest = max((end - start for start, end in self.spans), default=0)

    def add(self, span: Span) -> None:
        index = bisect.bisect_right(self.spans, span)
        self.spans.insert(index, span)
        self.starts.insert(index, span[0])
        self.longest = max(self.longest, span[1] - span[0])

    def overlaps_any(self, span: Span) -> bool:
        first = bisect.bisect_left(self.starts, span[0] - self.longest)
        last = bisect.bisect_left(self.starts, span[1])
        return any(overlaps(span, other) for other in self.spans[first:last])


def trim(text: str, span: Span) -> Span:
    """The span without leading or trailing whitespace."""
    start, end = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def cover(*spans: Span) -> Span:
    return min(s for s, _ in spans), max(e for _, e in spans)


def overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def inside(a: Span, b: Span) -> bool:
    return b[0] <= a[0] and a[1] <= b[1]


def quote_text(text: str, span: Span) -> str:
    """The quote for a span: verbatim, with whitespace runs collapsed (all that grounding ignores)."""
    return squash_whitespace(text[span[0] : span[1]])


# -- simple HTML ------------------------------------------------------------------------

_HTML_HINT = re.compile(r"<(?:html|body|p|div|article|br|span|h[1-6]|li)\b[^>]*>", re.IGNORECASE)
_BLOCK_TAGS = frozenset("p div br li ul ol h1 h2 h3 h4 h5 h6 tr table section article header footer "
                        "blockquote pre figure figcaption dd dt".split())
_SKIPPED_TAGS = frozenset("script style noscript nav iframe svg template form button".split())


def looks_like_html(text: str) -> bool:
    return len(_HTML_HINT.findall(text[:20000])) >= 2


class _TextOfHtml(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_TAGS:
            self.skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(re.sub(r"[ \t\r\n]+", " ", data))


def html_to_text(source: str) -> str:
    """The readable text of a simple HTML page: one line per block, scripts and menus dropped."""
    parser = _TextOfHtml()
    parser.feed(source)
    parser.close()
    lines = (line.strip() for line in "".join(parser.parts).split("\n"))
    text = "\n\n".join(line for line in lines if line)
    return text + "\n"
