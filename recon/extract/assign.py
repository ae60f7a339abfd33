"""Placing a candidate value: its property, subject, object, time, quote, modality and confidence.

- **Property**: among the properties whose kind fits the value (a percentage
  is a percent, 美元 is money, a date is a datetime), the one whose lexicon
  words stand nearest the value in its sentence; every choice is checked by
  normalizing the claim exactly as `recon lint` will.
- **Subject**: an entity whose name holds the value (周五中午进行对话), else the
  first entity named in the value's clause before it (the doer), else the
  nearest before it in the sentence, then after it, then earlier in the text;
  a date's or a title's subject prefers a person. The next likeliest subjects
  and properties are kept as fallbacks (see consistency).
- **Object**: for a title, the organisation named next to it (OpenAI 首席技术官).
- **Time**: the nearest time in the sentence, else a date heading above the line.
- **Quote**: the clauses holding the value and the words it was placed by.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from recon.extract.candidates import EntityMention, LexiconHit, Region, ValueMention, heading_times, lexicon_hits
from recon.extract.fitting import attempts, kinds_wanted, wordings
from recon.extract.policy import DEFAULT_POLICY, ExtractPolicy
from recon.extract.text import Geometry, Span, cover, geometry_for, inside, line_of, overlaps
from recon.extract.titles import TitleReader
from recon.extract.vocabulary import Vocabulary
from recon.model import Claim, Modality, Property, Source
from recon.normalize.claims import NormalizationError
from recon.normalize.quantity import Quantity
from recon.normalize.script import match_key
from recon.values import Value

_DAY_OR_FINER = frozenset({"second", "minute", "hour", "part_of_day", "day"})


@dataclass(frozen=True)
class Placement:
    """A candidate placed in a slot, with its evidence."""

    value: ValueMention
    value_text: str
    subject: str
    property: str
    object: str | None
    time: str | None
    modality: Modality
    attributed_to: str | None
    quote_span: Span
    confidence: float
    reasons: tuple[str, ...]
    alternatives: tuple[str, ...]
    normalized: Value
    settled: str | None = None  # why a fallback placement was used (see consistency)


@dataclass(frozen=True)
class Unplaced:
    """A value found but not made a claim, and why (listed in the draft, never dropped silently)."""

    value: ValueMention
    reason: str


@dataclass
class _Evidence:
    reasons: list[str] = field(default_factory=list)
    confidence: float = 0.0
    quote_parts: list[Span] = field(default_factory=list)


#: The longest entity name a mention can be: how far before a span one may start and still cover it.
NAME_REACH = 200


class Placer:
    """Places the values of one region; see the module docstring for the rules."""

    def __init__(self, region: Region, source: Source, vocab: Vocabulary,
                 policy: ExtractPolicy = DEFAULT_POLICY) -> None:
        self.region, self.source, self.vocab, self.policy = region, source, vocab, policy
        self.geometry: Geometry = geometry_for(source.language == "en", policy.zh_clause_breaks,
                                               policy.sentence_breaks, policy.english_abbreviations)
        self.hits = {pid: sorted(hits, key=lambda h: h.span)
                     for pid, hits in lexicon_hits(region.visible, vocab).items()}
        self._hit_starts = {pid: [h.span[0] for h in hits] for pid, hits in self.hits.items()}
        self._mentions = sorted(region.mentions, key=lambda m: m.span)
        self._mention_starts = [m.span[0] for m in self._mentions]
        self._value_starts = [v.span[0] for v in region.values]  # values are sorted by span
        self.headings = heading_times(region, policy.heading_time_share)
        self.titles = TitleReader(region, vocab, policy, self.geometry)

    def place(self, value: ValueMention) -> list[Placement] | Unplaced | None:
        """Placements, likeliest first (the rest are fallbacks should it contradict a likelier claim);
        Unplaced when no slot fits; None for a title that names nobody (not a candidate)."""
        if value.kind == "role":
            role = self._place_role(value)
            return [role] if role is not None else None
        context = self._context(value)
        options = self._properties(value, context)
        if not options:
            return Unplaced(value, f"no property of kind {kinds_wanted(value)} in the vocabulary fits it")
        placements: list[Placement] = []
        tried: set[tuple[str, str]] = set()
        for prop, hit, bare in attempts(value, options):
            for subject in self._subjects(value, prop, context):
                slot = (subject[0].entity_id, prop.id)
                placement = None if slot in tried else self._try(value, prop, hit, subject, None, context, options,
                                                                 bare=bare)
                if placement is not None:
                    tried.add(slot)
                    placements.append(placement)
                if len(placements) >= self.policy.placement_choices:
                    return placements
        if placements:
            return placements
        if not self._subjects(value, options[0][0], context):
            return Unplaced(value, "no known entity named before it; add the name to vocab/entities")
        return Unplaced(value, f"no property accepts '{value.text}' ({value.normalized}); tried "
                        + ", ".join(p.id for p, _ in options))

    # -- context ------------------------------------------------------------------

    def _context(self, value: ValueMention) -> Span:
        """The sentence of a value; for a date heading, the heading and the sentence below it."""
        below = self._below_heading(value)
        if below is not None:
            return value.span[0], below[1]
        return self.geometry.sentence(self.region.visible, value.span)

    def _below_heading(self, value: ValueMention) -> Span | None:
        """The first sentence of the line under a heading time, if ``value`` is one."""
        line = line_of(self.region.lines, value.span[0])
        if self.headings.get(line.number) is not value:
            return None
        below = next((ln for ln in self.region.lines[line.number:] if not ln.blank), None)
        if below is None or not self.region.visible[below.start:below.end].strip():
            return None
        return self.geometry.sentence(self.region.visible, (below.start, below.start + 1))

    def _clause(self, span: Span) -> Span:
        return self.geometry.clause(self.region.visible, span)

    # -- property -------------------------------------------------------------------

    def _properties(self, value: ValueMention, context: Span) -> list[tuple[Property, LexiconHit | None]]:
        """Fitting properties, best first: by lexicon words near the value, then vocabulary order."""
        kinds = kinds_wanted(value)
        fitting = [p for p in self.vocab.properties.values() if p.kind in kinds]
        scored = []
        for order, prop in enumerate(fitting):
            score, best = self._lexicon_score(prop, value.span, context)
            scored.append((-score, order, prop, best))
        scored.sort(key=lambda item: (item[0], item[1]))
        if value.kind == "time" and all(s == 0 for s, *_ in scored):
            fallback = self.policy.fallback_time_property
            scored.sort(key=lambda item: item[2].id != fallback)
        return [(prop, best) for _, _, prop, best in scored]

    def _lexicon_score(self, prop: Property, span: Span, context: Span) -> tuple[float, LexiconHit | None]:
        clause = self._clause(span)
        total, best, best_score = 0.0, None, 0.0
        seen: set[str] = set()
        for hit in self._hits_in(prop.id, context):
            if hit.word in seen:
                continue
            seen.add(hit.word)
            distance = max(0, hit.span[0] - span[1], span[0] - hit.span[1])
            score = (1 + 0.25 * min(len(hit.word), 8)) / (1 + distance / 8)
            score *= 1.5 if inside(hit.span, clause) else 1.0
            score *= 0.5 if self._in_name(hit.span) else 1.0
            total += score
            if score > best_score:
                best, best_score = hit, score
        return total, best

    def _hits_in(self, pid: str, context: Span) -> list[LexiconHit]:
        """The property's lexicon words inside ``context``, in order (found by bisection: a page has many)."""
        hits, starts = self.hits.get(pid, []), self._hit_starts.get(pid, [])
        found = hits[bisect.bisect_left(starts, context[0]):bisect.bisect_right(starts, context[1])]
        return [hit for hit in found if inside(hit.span, context)]

    def _values_in(self, context: Span) -> list[ValueMention]:
        """The region's values inside ``context``, in order."""
        starts = self._value_starts
        found = self.region.values[bisect.bisect_left(starts, context[0]):bisect.bisect_right(starts, context[1])]
        return [v for v in found if inside(v.span, context)]

    def _mentions_near(self, low: int, high: int) -> list[EntityMention]:
        """The entity mentions that start between ``low - NAME_REACH`` and ``high``, in order: every mention
        a span in [low, high] can be inside of, or near."""
        starts = self._mention_starts
        return self._mentions[bisect.bisect_left(starts, low - NAME_REACH):bisect.bisect_right(starts, high)]

    def _in_name(self, span: Span) -> bool:
        return any(inside(span, m.span) for m in self._mentions_near(span[0], span[1]))

    # -- subject ------------------------------------------------------------------

    def _subjects(self, value: ValueMention, prop: Property, context: Span) -> list[tuple[EntityMention, str]]:
        """The likeliest subjects, best first: by tier, and within a tier the types the property prefers."""
        preferred = self.policy.preferred_subject_types.get(prop.kind, ())
        found: list[tuple[EntityMention, str]] = []
        for tier, group in self._subject_tiers(value, context):
            liked = [m for m in group if self.vocab.entity_type(m.entity_id) in preferred]
            for mention in liked + [m for m in group if m not in liked]:
                if all(mention.entity_id != other.entity_id for other, _ in found):
                    found.append((mention, tier))
        return found[: self.policy.subject_choices]

    def _subject_tiers(self, value: ValueMention, context: Span) -> Iterator[tuple[str, list[EntityMention]]]:
        """Mentions by tier: the first name in the clause (its doer), else the nearest, before the value first."""
        clause = self._clause(value.span)
        reach = context[0] - self.policy.subject_lookback
        nearby = self._mentions_near(min(reach, clause[0], value.span[0]), max(context[1], clause[1], value.span[1]))
        yield "named with it", [m for m in nearby if inside(value.span, m.span)]
        names = [m for m in nearby if not overlaps(m.span, value.span)]
        before = sorted((m for m in names if m.span[1] <= value.span[0]), key=lambda m: -m.span[1])
        after = sorted((m for m in names if m.span[0] >= value.span[1]), key=lambda m: m.span[0])
        yield "in the clause", [m for m in reversed(before) if inside(m.span, clause)]  # its first name: the doer
        yield "in the sentence", [m for m in before if inside(m.span, context)]
        yield "in the clause, after it", [m for m in after if inside(m.span, clause)]
        yield "in the sentence, after it", [m for m in after if inside(m.span, context)]
        yield "earlier in the text", [m for m in before if m.span[0] >= reach]

    # -- titles ---------------------------------------------------------------------

    def _place_role(self, value: ValueMention) -> Placement | None:
        """A title next to a person's name: a claim of the role property whose lexicon names it (or is
        nearest in the sentence; vocabulary order breaks ties)."""
        found = self.titles.holder(value)
        context = self.geometry.sentence(self.region.visible, value.span)
        options = self._properties(value, context)
        if found is None or not options:
            return None
        person, organization = found
        start = self.titles.value_start(value, organization)
        value_span = (start, value.span[1])
        grown = ValueMention("role", value_span, self.region.text[start:value.span[1]], term=value.term)
        evidence = _Evidence(["title next to the name"], self.policy.weights.base["role"]
                             + self.policy.weights.adjacent_title, [value_span, person.span])
        if organization is not None:
            evidence.quote_parts.append(organization.span)
        return self._try(grown, options[0][0], None, (person, "named next to the title"),
                         organization.entity_id if organization else None, context, [], evidence)

    # -- building the claim ---------------------------------------------------------------

    def _try(self, value: ValueMention, prop: Property, hit: LexiconHit | None, subject: tuple[EntityMention, str],
             obj: str | None, context: Span, options: list[tuple[Property, LexiconHit | None]],
             evidence: _Evidence | None = None, bare: bool = False) -> Placement | None:
        """The placement if some wording of the value normalizes under ``prop``; None otherwise."""
        evidence = evidence or self._evidence(value, prop, hit, subject, context)
        time = None if value.kind == "time" else self._time_for(value, context)
        if time is not None:
            evidence.reasons.append(f"time '{time.text}'")
        for text in wordings(value, prop, self.region.visible, bare):
            claim = Claim(id="candidate", subject=subject[0].entity_id, property=prop.id, object=obj, value=text,
                          time=time.text if time else None, quote=text)
            try:
                normalized = self.vocab.normalizer.normalize(claim, self.source).value
            except NormalizationError:
                continue
            return self._placement(value, text, claim, evidence, context, options, normalized)
        return None

    def _evidence(self, value: ValueMention, prop: Property, hit: LexiconHit | None,
                  subject: tuple[EntityMention, str], context: Span) -> _Evidence:
        weights = self.policy.weights
        evidence = _Evidence([], weights.base[value.kind], [value.span])
        if hit is not None:
            in_clause = inside(hit.span, self._clause(value.span))
            evidence.confidence += weights.lexicon_in_clause if in_clause else weights.lexicon_in_sentence
            evidence.reasons.append(f"property from '{hit.word}' in the {'clause' if in_clause else 'sentence'}")
            evidence.quote_parts.append(hit.span)
        else:
            evidence.reasons.append("no lexicon word nearby: property is a guess")
        mention, tier = subject
        evidence.confidence += {"in the clause": weights.subject_in_clause,
                                "earlier in the text": weights.subject_far}.get(tier, weights.subject_in_sentence)
        evidence.reasons.append(f"subject '{mention.text}' {tier}")
        if inside(mention.span, context):
            evidence.quote_parts.append(mention.span)
        evidence.confidence += _quantity_weight(value.quantity, weights.with_unit_or_qualifier, weights.bare_number)
        if value.time is not None and value.time.precision in _DAY_OR_FINER and re.search(r"\d", value.text):
            evidence.confidence += weights.dated_to_the_day
        return evidence

    def _placement(self, value: ValueMention, text: str, claim: Claim, evidence: _Evidence, context: Span,
                   options: list[tuple[Property, LexiconHit | None]], normalized: Value) -> Placement:
        modality, who = self._modality(value.span, context)
        quote = self._quote_span(value, evidence.quote_parts, context)
        others = tuple(p.id for p, hit in options if hit is not None and p.id != claim.property)
        w = self.policy.weights
        confidence = round(min(w.ceiling, max(w.floor, evidence.confidence)), 2)
        return Placement(value, text, claim.subject, claim.property, claim.object, claim.time, modality, who,
                         quote, confidence, tuple(evidence.reasons), others, normalized)

    def _quote_span(self, value: ValueMention, parts: list[Span], context: Span) -> Span:
        """The value's clause, widened clause by clause to the evidence while the quote stays short."""
        quote = self._clause(value.span)
        below = self._below_heading(value)
        if below is not None:
            quote = cover(quote, self._clause((below[0], below[0] + 1)))
        nearest_first = sorted((p for p in parts if inside(p, context)),
                               key=lambda p: max(0, p[0] - value.span[1], value.span[0] - p[1]))
        for part in nearest_first:
            wider = cover(quote, self._clause(part))
            if wider[1] - wider[0] > self.policy.max_quote_chars:
                break
            quote = wider
        return quote

    def _time_for(self, value: ValueMention, context: Span) -> ValueMention | None:
        times = [v for v in self._values_in(context) if v.kind == "time"]
        before = [t for t in times if t.span[1] <= value.span[0]]
        if before:
            return before[-1]
        clause = self._clause(value.span)
        after = [t for t in times if t.span[0] >= value.span[1] and inside(t.span, clause)]
        if after:
            return after[0]
        return self._heading_above(value)

    def _heading_above(self, value: ValueMention) -> ValueMention | None:
        line = line_of(self.region.lines, value.span[0]).number
        for number in range(line - 1, max(0, line - 1 - self.policy.heading_reach_lines), -1):
            if number in self.headings:
                return self.headings[number]
        return None

    def _modality(self, span: Span, context: Span) -> tuple[Modality, str | None]:
        sentence = self.region.visible[context[0]:context[1]]
        clause = self.region.visible[slice(*self._clause(span))]
        lowered = match_key(sentence).lower()
        if any(word in lowered for word in self.policy.hypothetical_words):
            return "hypothetical", None
        for pattern in self.policy.reported_patterns:
            found = re.search(pattern, sentence)
            if found:
                who = (found.groupdict().get("who") or "").strip() or None
                return "reported", who
        if any(word in match_key(clause).lower() for word in self.policy.hedged_words):
            return "hedged", None
        return "asserted", None


def _quantity_weight(quantity: Quantity | None, with_unit: float, bare: float) -> float:
    if quantity is None:
        return 0.0
    if quantity.unit is not None or quantity.qualifier not in (None, "exact"):
        return with_unit
    return bare


