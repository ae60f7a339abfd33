"""Names the vocabulary does not know, proposed for review instead of dropped.

Two kinds of proposal, both only from sentences that hold a candidate value
(the names a claim could be about):

- a *new alias* of a known entity: a name written next to a known one in
  parentheses (伊利亞·蘇茨克韋爾(Ilya Sutskever)), or one the fuzzy matcher
  finds close to a known alias;
- a *new entity*: a person-like name no alias matches — a run of capitalised
  Latin words (Kara Swisher) or a transliteration with a middle dot (亞當·丹傑洛).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from recon.extract.candidates import Region
from recon.extract.policy import DEFAULT_POLICY, ExtractPolicy
from recon.extract.text import Geometry, Span, line_of, overlaps
from recon.extract.vocabulary import Vocabulary
from recon.normalize.script import HAN_CHARS, NAME_SEPARATORS

_LATIN_TOKEN = r"[A-Z][a-z]+(?:['’][A-Z][a-z]+)?|[A-Z]['’][A-Z][a-z]+"
_LATIN_NAME = re.compile(rf"(?<![A-Za-z])(?:{_LATIN_TOKEN})(?:[ ](?:{_LATIN_TOKEN})){{1,3}}(?![A-Za-z])")
_HAN_NAME = re.compile(f"[{HAN_CHARS}]{{1,6}}[{NAME_SEPARATORS}][{HAN_CHARS}]{{1,8}}")
_PARENTHESISED = re.compile(r"\s*[(（]\s*([A-Za-z][A-Za-z .'’-]{2,40}?)\s*[)）,，]")


@dataclass(frozen=True)
class AliasProposal:
    """A name to add to vocab/entities: as an alias of ``entity_id``, or as a new entity when it is None."""

    name: str
    entity_id: str | None
    why: str
    mentions: int
    first_line: int


def propose_aliases(regions: Iterable[Region], geometry: Geometry, vocab: Vocabulary,
                    policy: ExtractPolicy = DEFAULT_POLICY) -> list[AliasProposal]:
    """Unknown names in the sentences of candidate values, each once, in order of first mention."""
    found: dict[str, AliasProposal] = {}
    for region in regions:
        for name, span in _unknown_names(region, geometry, policy):
            line = line_of(region.lines, span[0]).number
            if name in found:
                old = found[name]
                found[name] = AliasProposal(old.name, old.entity_id, old.why, old.mentions + 1, old.first_line)
                continue
            entity_id, why = _judge(name, region, span, vocab)
            found[name] = AliasProposal(name, entity_id, why, 1, line)
    return sorted(found.values(), key=lambda p: (p.first_line, p.name))


def _unknown_names(region: Region, geometry: Geometry, policy: ExtractPolicy) -> Iterable[tuple[str, Span]]:
    known = [m.span for m in region.mentions]
    sentences = {geometry.sentence(region.visible, v.span) for v in region.values}
    for start, end in sorted(sentences):
        chunk = region.visible[start:end]
        for pattern in (_LATIN_NAME, _HAN_NAME):
            for match in pattern.finditer(chunk):
                span = _trim_han_name(chunk, match.span(), policy.han_name_stops) if pattern is _HAN_NAME \
                    else match.span()
                name = chunk[span[0]:span[1]]
                span = (start + span[0], start + span[1])
                if any(overlaps(span, k) for k in known) or _not_a_name(name, policy):
                    continue
                yield name, span


def _trim_han_name(chunk: str, span: Span, stops: str) -> Span:
    """A transliteration without the words run into it: 与杰克·史密斯在 → 杰克·史密斯."""
    start, end = span
    dot = next(i for i in range(start, end) if chunk[i] in NAME_SEPARATORS)
    while start < dot - 1 and chunk[start] in stops:
        start += 1
    cut = next((i for i in range(dot + 2, end) if chunk[i] in stops), end)
    return start, cut


def _not_a_name(name: str, policy: ExtractPolicy) -> bool:
    words = name.split()
    return words[0] in policy.name_stopwords or words[-1] in policy.name_stopwords


def _judge(name: str, region: Region, span: Span, vocab: Vocabulary) -> tuple[str | None, str]:
    """Whose alias the name may be: the known name in parentheses after it, a close spelling, or nobody."""
    following = _PARENTHESISED.match(region.visible, span[1])
    if following:
        resolved = vocab.aliases.resolve(following.group(1))
        if resolved.how == "exact" and resolved.entity_id:
            return resolved.entity_id, f"written next to '{following.group(1)}'"
    resolution = vocab.aliases.resolve(name)
    if resolution.how in ("exact", "fuzzy") and resolution.entity_id:
        return resolution.entity_id, f"spelled like a known alias (score {resolution.score:.0f})"
    suggestions = vocab.aliases.suggest(name, limit=1)
    hint = f"; closest known: {suggestions[0][0]} ({suggestions[0][1]:.0f})" if suggestions else ""
    return None, "not in the vocabulary" + hint
