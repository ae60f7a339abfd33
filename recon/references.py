"""Cross-file checks: every id a record uses is defined, every quote is grounded."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from recon.corpus import Corpus, squash_whitespace
from recon.diagnostics import Diagnostic
from recon.model import SlotRef


def check_references(corpus: Corpus) -> Iterator[Diagnostic]:
    """Unknown ids (R001) and grounding (G). While a vocabulary file does not parse, any id may be
    defined in it: its syntax error is the one finding, not an unknown id for every claim."""
    if not corpus.unread_vocabulary:
        yield from _claim_references(corpus)
        yield from _vocabulary_references(corpus)
    yield from _source_references(corpus)
    yield from check_grounding(corpus)


_TABLE_OF = {"entity": "entities", "property": "properties"}


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """A hint naming the closest known id, or nothing when none is close."""
    from rapidfuzz import fuzz, process

    best = process.extractOne(name, list(known), scorer=fuzz.ratio, score_cutoff=70)
    return f" (did you mean '{best[0]}'?)" if best else ""


def _unknown(corpus: Corpus, kind: str, record_id: str, field: str | tuple[str | int, ...], value: str,
             table: Mapping[str, object], what: str) -> Diagnostic:
    """R001 at the field (or list item: a ``(field, index)`` path) that names an unknown id."""
    message = f"unknown {what} '{value}'{did_you_mean(value, table)}; define it in vocab/ or fix the id"
    path = (field,) if isinstance(field, str) else field
    return Diagnostic.at(corpus.location(kind, record_id, *path), "error", "R001", message)


def _claim_references(corpus: Corpus) -> Iterator[Diagnostic]:
    for claim in corpus.claims.values():
        if corpus.lacks("entities", claim.subject):
            yield _unknown(corpus, "claim", claim.id, "subject", claim.subject, corpus.entities, "entity")
        if claim.object is not None and corpus.lacks("entities", claim.object):
            yield _unknown(corpus, "claim", claim.id, "object", claim.object, corpus.entities, "entity")
        if corpus.lacks("properties", claim.property):
            yield _unknown(corpus, "claim", claim.id, "property", claim.property, corpus.properties, "property")


def _source_references(corpus: Corpus) -> Iterator[Diagnostic]:
    for source in corpus.sources.values():
        if source.excerpt_of is not None and corpus.lacks("sources", source.excerpt_of):
            yield _unknown(corpus, "source", source.id, "excerpt_of", source.excerpt_of, corpus.sources, "source")


def _vocabulary_references(corpus: Corpus) -> Iterator[Diagnostic]:
    for term in corpus.terms.values():
        if term.broader is not None and corpus.lacks("terms", term.broader):
            yield _unknown(corpus, "term", term.id, "broader", term.broader, corpus.terms, "term")
        for index, other in enumerate(term.disjoint_with):
            if corpus.lacks("terms", other):
                yield _unknown(corpus, "term", term.id, ("disjoint_with", index), other, corpus.terms, "term")
    for relation in corpus.relations.values():
        refs: list[tuple[str, int | None, SlotRef]] = [("operands", i, ref) for i, ref in enumerate(relation.operands)]
        refs.append(("result", None, relation.result))
        for field, number, ref in refs:
            path = (field,) if number is None else (field, number)
            for part, table, what in (("subject", corpus.entities, "entity"), ("property", corpus.properties,
                                                                              "property")):
                value = getattr(ref, part)
                if corpus.lacks(_TABLE_OF[what], value):
                    message = f"unknown {what} '{value}'{did_you_mean(value, table)}"
                    yield Diagnostic.at(corpus.location("relation", relation.id, *path, part), "error", "R001",
                                        message)


def check_grounding(corpus: Corpus) -> Iterator[Diagnostic]:
    """Quotes appear verbatim in the archived text; values in their quotes; times in the text."""
    for claim in corpus.claims.values():
        source_text = corpus.texts.get(corpus.claim_source[claim.id])
        if source_text is None:
            continue  # the missing text was reported where the source names it
        quote = squash_whitespace(claim.quote)
        if quote not in source_text.squashed:
            yield Diagnostic.at(corpus.location("claim", claim.id, "quote"), "error", "G001",
                                f"quote not found verbatim in {source_text.path.name}: "
                                f"'{_excerpt(claim.quote)}'; copy it exactly from the archived text")
        elif squash_whitespace(claim.value) not in quote:
            yield Diagnostic.at(corpus.location("claim", claim.id, "value"), "error", "G002",
                                f"value '{claim.value}' does not appear in the quote; "
                                "write the value as the quote words it")
        if claim.time is not None and not source_text.grounds(claim.time):
            yield Diagnostic.at(corpus.location("claim", claim.id, "time"), "warning", "G003",
                                f"time '{claim.time}' does not appear in the source text; write it as the text does")


def _excerpt(text: str, limit: int = 40) -> str:
    text = squash_whitespace(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"
