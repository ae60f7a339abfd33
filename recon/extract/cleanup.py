"""Finding the article in a page: drop chrome, a body printed twice, and split off quoted snippets.

A saved web page holds more than the article: menus, share buttons, counters,
disclaimers, a list of references, recommended items, and sometimes the whole
body a second time. `clean_article` sorts every line into the article body,
a dated snippet of another outlet (the 相关推荐 list), or something removed
with the reason why. Nothing is rewritten: the result names line spans of the
original text, so quotes cut from it stay verbatim.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from recon.extract.policy import DEFAULT_POLICY, ExtractPolicy
from recon.extract.text import Line, Span, mask, mask_urls, split_lines
from recon.normalize.script import match_key, squash_key


@dataclass(frozen=True)
class Removed:
    """Lines that are not article text, and why."""

    first_line: int
    last_line: int
    reason: str


@dataclass(frozen=True)
class Snippet:
    """A dated item of a recommended list: another outlet's text, quoted on this page."""

    number: int  # among the snippets kept, from 1
    date: str  # as the page prints it: 2023-11-21
    spans: tuple[Span, ...]  # its text lines
    marker: str  # the heading of the list: 相關推薦
    first_line: int


@dataclass(frozen=True)
class CleanedArticle:
    """A page sorted into body, title, snippets and removed lines; all spans index ``text``."""

    text: str
    lines: list[Line]
    body: tuple[Span, ...]
    title: Line | None
    snippets: tuple[Snippet, ...]
    removed: tuple[Removed, ...]
    page_date: str | None = None
    credits: tuple[str, ...] = ()

    @cached_property
    def body_text(self) -> str:
        """The body, masked: same length as ``text``, everything else blanked (links too)."""
        return mask_urls(mask(self.text, self.body))

    def snippet_text(self, snippet: Snippet) -> str:
        return mask_urls(mask(self.text, snippet.spans))


@dataclass
class _Page:
    """Working state: what each line is, as the passes decide."""

    lines: list[Line]
    policy: ExtractPolicy
    status: dict[int, str] = field(default_factory=dict)  # line number → reason it was removed
    snippet_lines: list[Line] = field(default_factory=list)
    marker: str = ""
    page_date: str | None = None
    credits: list[str] = field(default_factory=list)

    def open_lines(self) -> Iterator[Line]:
        return (line for line in self.lines if line.number not in self.status and not line.blank)


def clean_article(text: str, body_start: int = 0, relevant: Callable[[str], bool] = lambda _: True,
                  policy: ExtractPolicy = DEFAULT_POLICY) -> CleanedArticle:
    """Sort a page's lines; ``body_start`` skips a header the user wrote, ``relevant`` vets snippets."""
    page = _Page(split_lines(text), policy)
    for line in page.lines:
        if line.end <= body_start and not line.blank:
            page.status[line.number] = "header written by the user"
    _remove_repeats(page)
    _sort_zones(page)
    title = _take_title(page)
    snippets = _snippets(page, text, relevant)
    body = tuple((line.start, line.end) for line in page.open_lines())
    return CleanedArticle(text, page.lines, body, title, snippets, _removed(page), page.page_date,
                          tuple(dict.fromkeys(page.credits)))


# -- a body printed twice ---------------------------------------------------------------


def _remove_repeats(page: _Page) -> None:
    """Runs of lines seen before are a repeated body; one long line seen before, a repeated paragraph."""
    seen: set[str] = set()
    run: list[Line] = []
    for line in page.open_lines():
        key = squash_key(line.text)
        if key in seen:
            run.append(line)
            continue
        _close_run(page, run)
        run = []
        seen.add(key)
    _close_run(page, run)


def _close_run(page: _Page, run: list[Line]) -> None:
    policy = page.policy
    size = sum(len(squash_key(line.text)) for line in run)
    if len(run) >= policy.min_repeat_lines and size >= 3 * policy.min_repeat_chars:
        reason = f"repeated body (lines {run[0].number}-{run[-1].number} repeat earlier lines)"
        for line in run:
            page.status[line.number] = reason
        return
    for line in run:
        if len(squash_key(line.text)) >= policy.min_repeat_chars:
            page.status[line.number] = "repeated paragraph"


# -- chrome, footer, references, snippet lists -------------------------------------------------


@dataclass(frozen=True)
class _Patterns:
    chrome: re.Pattern[str]
    footer: re.Pattern[str]
    references: re.Pattern[str]
    snippets: re.Pattern[str]
    date_line: re.Pattern[str]
    page_date: re.Pattern[str]
    credits: tuple[re.Pattern[str], ...]


_COMPILED: dict[int, tuple[ExtractPolicy, _Patterns]] = {}


def _patterns(policy: ExtractPolicy) -> _Patterns:
    entry = _COMPILED.get(id(policy))
    if entry is None or entry[0] is not policy:
        def union(patterns: tuple[str, ...]) -> re.Pattern[str]:
            return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)

        compiled = _Patterns(union(policy.chrome_patterns), union(policy.footer_patterns),
                             union(policy.reference_patterns), union(policy.snippet_patterns),
                             re.compile(policy.date_line), re.compile(policy.page_date, re.IGNORECASE),
                             tuple(re.compile(p, re.IGNORECASE) for p in policy.credit_patterns))
        entry = _COMPILED[id(policy)] = (policy, compiled)
    return entry[1]


def _sort_zones(page: _Page) -> None:
    """Walk the page once: body until a footer, references or snippet list starts."""
    patterns = _patterns(page.policy)
    zone = "body"
    for line in list(page.open_lines()):
        key = match_key(line.text).strip()
        if patterns.snippets.search(key):
            zone, page.marker = "snippets", line.text.strip()
            page.status[line.number] = "heading of a recommended list"
            continue
        if patterns.footer.search(key):
            zone = "footer"
        elif patterns.references.search(key):
            zone = "references"
        if zone in ("footer", "references"):
            page.status[line.number] = "page footer" if zone == "footer" else "list of references"
            _note_credit(page, line.text, patterns)
        elif zone == "snippets" and not _is_chrome(page, key, patterns):
            page.snippet_lines.append(line)
        else:
            _sort_body_line(page, line, key, patterns)


def _is_chrome(page: _Page, key: str, patterns: _Patterns) -> bool:
    return key.lower() in page.policy.chrome_words or patterns.chrome.search(key) is not None


def _sort_body_line(page: _Page, line: Line, key: str, patterns: _Patterns) -> None:
    date = patterns.date_line.match(key)
    if date:
        page.status[line.number] = "page metadata (a date)"
        page.page_date = page.page_date or " ".join(part for part in date.groups() if part)
    elif page.page_date is None and (dateline := english_dateline(line.text)) is not None:
        page.status[line.number] = "page metadata (a dateline)"
        page.page_date = dateline
    elif _is_chrome(page, key, patterns):
        page.status[line.number] = "page chrome"
        _note_credit(page, line.text, patterns)
        stamp = patterns.page_date.search(key)
        if stamp and page.page_date is None and re.search(r"更新时间|发布时间|published|updated", key, re.I):
            page.page_date = " ".join(part for part in stamp.groups() if part)


#: A dateline is a short line naming a year and (in words) a month: Wednesday 7 May 2025 18.20 BST.
_DATELINE_HINT = re.compile(r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b.*\b[12][0-9]{3}\b"
                            r"|\b[12][0-9]{3}\b.*\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)")
_DATELINE_MAX = 64


def english_dateline(text: str) -> str | None:
    """The moment an English dateline gives ('Thursday, May 8, 2025, 8:15 AM PT'), as ISO text: with its
    UTC offset when the line names a zone, else the day alone; None when the line is more than a date."""
    from datetime import datetime, timezone

    from recon.normalize.times import TimeContext, TimeSpan, find_times

    line = text.strip()
    if len(line) > _DATELINE_MAX or not _DATELINE_HINT.search(line):
        return None
    # 18.20 is a clock in datelines; 'at' between date and clock joins them
    readable = re.sub(r"\b(\d{1,2})\.(\d{2})\b", r"\1:\2", line)
    spans = [s for s in find_times(readable, TimeContext(datetime(2000, 1, 1, tzinfo=timezone.utc), "UTC"))
             if isinstance(s, TimeSpan)]
    words = re.sub(r"[\s,.:|·•-]+", "", readable)
    covered = sum(len(re.sub(r"[\s,.:|·•-]+", "", s.text)) for s in spans)
    if len(spans) != 1 or covered < 0.6 * len(words) or spans[0].precision not in ("minute", "hour", "day"):
        return None
    span = spans[0]
    if span.precision == "day" or (span.zone == "UTC" and not re.search(r"\b(?:UTC|GMT)\b", readable)):
        return span.start.astimezone(timezone.utc).date().isoformat() if span.precision == "day" else None
    return span.start.isoformat()


def _note_credit(page: _Page, text: str, patterns: _Patterns) -> None:
    for pattern in patterns.credits:
        found = pattern.search(text)
        if found:
            page.credits.append(found.group(1).strip())


def _take_title(page: _Page) -> Line | None:
    """The first body line is the title when short and not a sentence; later copies of it go too."""
    first = next(page.open_lines(), None)
    if first is None or len(first.text.strip()) > page.policy.title_max_chars:
        return None
    if first.text.rstrip().endswith(("。", ".")) or re.match(page.policy.dated_line, first.text, re.IGNORECASE):
        return None
    page.status[first.number] = "title"
    key = squash_key(first.text)
    for line in page.lines:
        if line.number != first.number and not line.blank and squash_key(line.text) == key:
            page.status.setdefault(line.number, "title repeated")
    return first


# -- snippets ---------------------------------------------------------------------------


def _snippets(page: _Page, text: str, relevant: Callable[[str], bool]) -> tuple[Snippet, ...]:
    """Group the list's lines into dated items: the date heads each item, or closes it."""
    patterns = _patterns(page.policy)
    lines = [line for line in page.snippet_lines if line.number not in page.status]
    if not lines:
        return ()
    date_first = patterns.date_line.match(match_key(lines[0].text)) is not None
    items: list[tuple[str, list[Line]]] = []
    pending: list[Line] = []
    for line in lines:
        date = patterns.date_line.match(match_key(line.text))
        if date is None:
            (items[-1][1] if date_first else pending).append(line)
            continue
        page.status[line.number] = "date of a recommended item"
        items.append((date.group(1), [] if date_first else pending))
        pending = []
    for line in pending:
        page.status[line.number] = "undated recommended item"
    return _kept_snippets(page, text, items, relevant)


def _kept_snippets(page: _Page, text: str, items: list[tuple[str, list[Line]]],
                   relevant: Callable[[str], bool]) -> tuple[Snippet, ...]:
    kept: list[Snippet] = []
    for date, item_lines in items:
        body = [line for line in item_lines if line.number not in page.status]
        words = "\n".join(line.text for line in body)
        if not body or not relevant(words):
            for line in body:
                page.status[line.number] = "recommended item about something else"
            continue
        for line in body:
            page.status[line.number] = f"snippet {len(kept) + 1} (a source of its own)"
        spans = tuple((line.start, line.end) for line in body)
        kept.append(Snippet(len(kept) + 1, date, spans, page.marker, body[0].number))
    return tuple(kept)


def _removed(page: _Page) -> tuple[Removed, ...]:
    """Removed lines, runs of one reason merged: what the draft's header reports."""
    runs: list[Removed] = []
    for number in sorted(page.status):
        reason = page.status[number]
        if reason.startswith("snippet "):
            continue
        last = runs[-1] if runs else None
        if last is not None and last.reason == reason and _only_blank_between(page, last.last_line, number):
            runs[-1] = Removed(last.first_line, number, reason)
        else:
            runs.append(Removed(number, number, reason))
    return tuple(runs)


def _only_blank_between(page: _Page, after: int, before: int) -> bool:
    return all(page.lines[n - 1].blank for n in range(after + 1, before))
