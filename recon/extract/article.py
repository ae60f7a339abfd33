"""`recon extract`: an unseen article in, a draft claim file out.

clean up the page (cleanup) → find values and names (candidates) → place each
value in a slot (assign) → propose unknown names (aliases) → a draft (draft).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from recon.diagnostics import ReconError
from recon.extract.aliases import propose_aliases
from recon.extract.assign import Placement, Placer, Unplaced
from recon.extract.candidates import Region, read_region
from recon.extract.cleanup import CleanedArticle, Snippet, clean_article
from recon.extract.consistency import Settled, settle
from recon.extract.draft import DRAFT_MARK, Draft, HeldBack, draft_claims
from recon.extract.header import article_source, id_from_file_name, read_header
from recon.extract.policy import DEFAULT_POLICY, ExtractPolicy
from recon.extract.text import Span, geometry_for, html_to_text, line_of, looks_like_html
from recon.extract.vocabulary import Vocabulary
from recon.model import PUBLISHED_YEARS, Source
from recon.normalize.claims import time_context
from recon.yamlio import read_text


def extract_article(text: str, source: Source, vocab: Vocabulary, policy: ExtractPolicy = DEFAULT_POLICY) -> Draft:
    """A draft claim file for ``text`` (plain text or simple HTML) published as ``source``."""
    converted = looks_like_html(text)
    if converted:
        text = html_to_text(text)
    cleaned = clean_page(text, vocab, policy)
    source = _with_page_details(source, cleaned)
    sources = [source] + [_snippet_source(source, snippet) for snippet in cleaned.snippets]
    regions = [read_region(text, cleaned.body_text, time_context(source), cleaned.lines, vocab)]
    regions += [read_region(text, cleaned.snippet_text(snippet), time_context(snippet_source), cleaned.lines, vocab)
                for snippet, snippet_source in zip(cleaned.snippets, sources[1:], strict=True)]
    placed = [_place(region, each, vocab, policy) for region, each in zip(regions, sources, strict=True)]
    settled = settle([(each, choices) for each, (choices, _) in zip(sources, placed, strict=True)], vocab,
                     policy.weights.fallback)
    drafts = [_draft(each, text, result, unplaced)
              for each, result, (_, unplaced) in zip(sources, settled, placed, strict=True)]
    geometry = geometry_for(source.language == "en", policy.zh_clause_breaks, policy.sentence_breaks,
                            policy.english_abbreviations)
    proposals = tuple(propose_aliases(regions, geometry, vocab, policy))
    return replace(drafts[0], excerpts=tuple(drafts[1:]), proposals=proposals, removed=cleaned.removed,
                   archive_text=converted)


def _draft(source: Source, text: str, settled: Settled, unplaced: tuple[tuple[int, Unplaced], ...]) -> Draft:
    """A source's draft: kept placements as claims, held-back ones numbered among them for the review list."""
    items = draft_claims(source, text, settled.kept + [p for p, _ in settled.held])
    reasons: dict[tuple[Span, str], str] = {(p.value.span, p.value.kind): why for p, why in settled.held}
    claims = tuple(i for i in items if (i.value_span, i.kind) not in reasons)
    held = tuple(HeldBack(i, reasons[(i.value_span, i.kind)]) for i in items if (i.value_span, i.kind) in reasons)
    return Draft(source, claims, text, unplaced=unplaced, held_back=held)


def clean_page(text: str, vocab: Vocabulary, policy: ExtractPolicy = DEFAULT_POLICY) -> CleanedArticle:
    """The page sorted into body, snippets and removed lines; a snippet is kept if it names a known entity."""
    def names_someone(words: str) -> bool:
        return any(m.entity_id for m in vocab.aliases.iter_mentions(words))

    return clean_article(text, read_header(text).body_start, names_someone, policy)


def _place(region: Region, source: Source, vocab: Vocabulary,
           policy: ExtractPolicy) -> tuple[list[list[Placement]], tuple[tuple[int, Unplaced], ...]]:
    placer = Placer(region, source, vocab, policy)
    placed: list[list[Placement]] = []
    unplaced: list[tuple[int, Unplaced]] = []
    for value in region.values:
        result = placer.place(value)
        if isinstance(result, list):
            placed.append(result)
        elif isinstance(result, Unplaced):
            unplaced.append((line_of(region.lines, value.span[0]).number, result))
    return placed, tuple(unplaced)


def _snippet_source(page: Source, snippet: Snippet) -> Source:
    """A dated snippet as a source of its own, read against its own date."""
    return Source(
        id=f"{page.id}-r{snippet.number:02d}", outlet=f"unknown ({snippet.marker} snippet)",
        published=_snippet_day(snippet.date), language=page.language, zone=page.zone, local_zone=page.local_zone,
        text=page.text, excerpt_of=page.id,
        note=f"{DRAFT_MARK}. Snippet {snippet.number} of the '{snippet.marker}' list on page {page.id} "
             f"(line {snippet.first_line}), dated {snippet.date}; the outlet is not named.")


def _snippet_day(written: str) -> dt.date | None:
    """A snippet's date line as a day; None for an impossible one (2023-02-30), which the note still shows."""
    year, month, day = (int(part) for part in written.replace("/", "-").replace(".", "-").split("-"))
    try:
        return dt.date(year, month, day) if PUBLISHED_YEARS[0] <= year <= PUBLISHED_YEARS[1] else None
    except ValueError:
        return None


def _with_page_details(source: Source, cleaned: CleanedArticle) -> Source:
    """The source as the draft writes it: marked as a draft, with what the page adds."""
    notes = [f"{DRAFT_MARK}."]
    if source.published is None:
        notes.append("No publish date was given or found: relative dates (今天, 周五, last Friday) are read "
                     "against 1970-01-01; set `published` and extract again.")
    update: dict[str, Any] = {"note": " ".join(notes)}
    if source.title is None and cleaned.title is not None:
        update["title"] = cleaned.title.text.strip()
    if not source.credits and cleaned.credits:
        update["credits"] = list(cleaned.credits)
    return source.model_copy(update=update)


def draft_for_file(article: Path, out: Path, vocab: Vocabulary, options: dict[str, Any],
                   policy: ExtractPolicy = DEFAULT_POLICY) -> Draft:
    """Extract the article file for a draft to be written at ``out``; ``options`` are Source fields.

    The draft's ``source.text`` points from ``out`` to the article; an HTML article is archived as
    plain text next to the draft (``sources/<out stem>.txt``), since quotes must be verbatim in it.
    """
    raw, problems = read_text(article, str(article))
    if raw is None:
        raise ReconError(problems[0].format_text() if problems else f"{article}: cannot read the article")
    html = looks_like_html(raw)
    text = html_to_text(raw) if html else raw
    if html:
        text_path = f"sources/{out.stem}.txt"
    else:
        text_path = Path(os.path.relpath(article.resolve(), out.parent.resolve())).as_posix()
    cleaned = clean_page(text, vocab, policy)
    source = article_source(cleaned, text_path, options, policy)
    draft = extract_article(text, source, vocab, policy)
    return replace(draft, archive_text=html)


def default_draft_path(article: Path, claims_dir: Path, options: dict[str, Any]) -> Path:
    """Where a draft goes by default: ``<claims>/<source id>.yaml``, the id from the options or the
    article's header, else the article's file name."""
    source_id = options.get("id")
    if not source_id:
        raw, _ = read_text(article, str(article))
        source_id = read_header(raw).fields.get("id") if raw is not None else None
    return claims_dir / f"{source_id or id_from_file_name(str(article)) or article.stem}.yaml"


def summarize(draft: Draft) -> str:
    """One line on what a draft holds, for the command line."""
    pages = [draft, *draft.excerpts]
    likely = sum(c.confidence >= DEFAULT_POLICY.likely_confidence for c in draft.all_claims())
    counts = ((len(draft.excerpts), "snippet source", "snippet sources"),
              (sum(len(p.held_back) for p in pages), "candidate held back", "candidates held back"),
              (sum(len(p.unplaced) for p in pages), "value not placed", "values not placed"),
              (len(draft.proposals), "unknown name", "unknown names"))
    parts = [f"{draft.source.id}: {len(draft.all_claims())} candidate claims ({likely} likely)"]
    parts += [f"{n} {one if n == 1 else many}" for n, one, many in counts if n]
    return ", ".join(parts)
