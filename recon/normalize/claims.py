"""Normalizing claims: their values, the times they refer to, and the slot they fill.

Every normalized value is derived here from what the claim file says as
written — the quantity parser for counts, money and percentages, the time
parser for dates, the term vocabulary for roles. A value the parsers cannot
read is reported (rule N001), never guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from recon.diagnostics import Diagnostic
from recon.interval import Interval
from recon.normalize.quantity import NotAQuantity, parse_quantity
from recon.normalize.script import squash_key, to_simplified
from recon.normalize.times import NotATime, TimeContext, TimeSpan, parse_time
from recon.values import QuantityValue, TermValue, TextValue, TimeValue, Value

QUANTITY_KINDS = {"count", "money", "percent", "quantity"}

#: Factors from a parsed unit to a property's unit, for units that convert exactly.
#: (from unit, to unit) → (multiply by, divide by): whole numbers, so 72 hours is exactly 3 days.
UNIT_FACTORS: dict[tuple[str, str], tuple[int, int]] = {
    ("minute", "hour"): (1, 60), ("hour", "day"): (1, 24), ("week", "day"): (7, 1), ("day", "hour"): (24, 1),
    ("hour", "minute"): (60, 1), ("week", "hour"): (168, 1), ("day", "week"): (1, 7), ("month", "year"): (1, 12),
}
if TYPE_CHECKING:
    from recon.corpus import Corpus
    from recon.model import Claim, Property, Source, Term

SlotKey = tuple[str, str, str | None]


@dataclass(frozen=True)
class NormalizedClaim:
    claim: Claim
    source: Source
    prop: Property
    value: Value
    as_of: TimeSpan | None  # when the value holds: the claim's time, else the source's publish time
    time_explicit: bool
    id: str = field(init=False, repr=False, compare=False)  # the claim's id, read on every edge of every slot

    def __post_init__(self) -> None:
        object.__setattr__(self, "id", self.claim.id)

    @property
    def slot(self) -> SlotKey:
        return (self.claim.subject, self.claim.property, self.claim.object)

    @property
    def counts_as_evidence(self) -> bool:
        """Hypothetical statements are shown but neither support nor contradict."""
        return self.claim.modality != "hypothetical"


class NormalizationError(ValueError):
    """A value or time that the parsers cannot read; the message says which and why."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def normalize_corpus(corpus: Corpus) -> tuple[list[NormalizedClaim], list[Diagnostic]]:
    """Normalize every claim; claims that cannot be read are reported and left out."""
    normalizer = ClaimNormalizer(corpus)
    normalized, problems = [], []
    for claim_id in sorted(corpus.claims):
        claim = corpus.claims[claim_id]
        if claim.property not in corpus.properties or claim.subject not in corpus.entities or (
                claim.object is not None and claim.object not in corpus.entities):
            continue  # already reported: an unknown id, or a definition with schema errors
        try:
            normalized.append(normalizer.normalize(claim, corpus.source_of(claim_id)))
        except NormalizationError as exc:
            where = corpus.location("claim", claim_id, exc.field)
            problems.append(Diagnostic.at(where, "error", "N001", str(exc)))
    return normalized, problems


class ClaimNormalizer:
    """Normalizes the claims of one corpus, reading each distinct wording once.

    A corpus repeats itself: one figure in many articles, one publish time
    for every claim of a source. The memos key each result by everything it
    depends on (the text, the property, the source's dates and zones), and
    equal values come out as one shared object.
    """

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.term_keys = _term_keys(corpus.terms)
        self._quantities: dict[tuple[str, str], QuantityValue] = {}
        self._roles: dict[tuple[str, str, str | None], TermValue] = {}
        self._texts: dict[str, TextValue] = {}
        self._times: dict[tuple[str, int, str | None], TimeSpan] = {}
        self._publications: dict[int, TimeSpan | None] = {}
        self._time_keys: dict[TimeKey, int] = {}  # each distinct way of reading times, numbered
        self._sources: dict[int, tuple[Source, int]] = {}  # id(source) → (source, kept alive; its time key)

    def normalize(self, claim: Claim, source: Source) -> NormalizedClaim:
        prop = self.corpus.properties[claim.property]
        value = self.value_of(claim, prop, source)
        as_of = self.time_of(claim, source)
        return NormalizedClaim(claim, source, prop, value, as_of, claim.time is not None)

    def value_of(self, claim: Claim, prop: Property, source: Source) -> Value:
        if prop.kind in QUANTITY_KINDS:
            key = (claim.value, prop.id)
            value = self._quantities.get(key)
            if value is None:
                value = self._quantities[key] = _quantity(claim.value, prop)
            return value
        if prop.kind == "datetime":
            return TimeValue(self._time(claim.value, source, claim.time_zone, "value"))
        if prop.kind == "role":
            role_key = (claim.value, claim.subject, claim.object)  # the parties' names are stripped from it
            term = self._roles.get(role_key)
            if term is None:
                term = self._roles[role_key] = self._term(claim)
            return term
        text = self._texts.get(claim.value)
        if text is None:
            text = self._texts[claim.value] = TextValue(squash_key(claim.value), claim.value)
        return text

    def time_of(self, claim: Claim, source: Source) -> TimeSpan | None:
        if claim.time is not None:
            return self._time(claim.time, source, claim.time_zone, "time")
        key = self._time_key_of(source)
        if key not in self._publications:
            self._publications[key] = publication_span(source)
        return self._publications[key]

    def _time(self, text: str, source: Source, zone: str | None, field: str) -> TimeSpan:
        key = (text, self._time_key_of(source), zone)
        span = self._times.get(key)
        if span is None:
            span = self._times[key] = _time(text, time_context(source, zone), field)
        return span

    def _time_key_of(self, source: Source) -> int:
        """The number of the source's time key; hashing aware datetimes once per source, not per claim."""
        known = self._sources.get(id(source))
        if known is None:
            number = self._time_keys.setdefault(_time_key(source), len(self._time_keys))
            known = self._sources[id(source)] = (source, number)
        return known[1]

    def _term(self, claim: Claim) -> TermValue:
        written = squash_key(claim.value)
        stripped = written  # without the names of the parties: 前 Twitch CEO → 前 CEO
        for entity_id in (claim.subject, claim.object):
            entity = self.corpus.entities.get(entity_id) if entity_id else None
            for name in sorted(entity.names if entity else [], key=len, reverse=True):
                stripped = stripped.replace(squash_key(name), "")
        matches = [(len(k), term_id) for k, term_id in self.term_keys if k and (k in written or k in stripped)]
        if not matches:
            raise NormalizationError("value", f"role '{claim.value}' names no known term; add it to a term's "
                                     "names in vocab/terms")
        return term_value(max(matches)[1], self.corpus.terms)


#: What a source's times are read against: its anchor date (with its offset, which equality ignores), its zones.
TimeKey = tuple["dt.datetime | dt.date | None", "dt.tzinfo | None", str, str | None]


def _time_key(source: Source) -> TimeKey:
    anchor = source.written or source.published
    return anchor, getattr(anchor, "tzinfo", None), source.zone, source.local_zone


#: Words that make a change negative (收跌1.68% is -1.68%), for properties that measure a change.
DECREASE_WORDS = ("跌", "降", "减少", "下滑", "缩水", "挫", "回落", "走低", "收低",
                  "fell", "fall", "down", "dropped", "drop", "declined", "decline", "lost", "lose", "tumbled",
                  "tumble", "slid", "slide", "slipped", "plunged", "plunge", "plummeted", "sank", "sunk", "dipped",
                  "decreased", "shed", "lower")


def states_a_decrease(text: str) -> bool:
    """Whether words in ``text`` say a change went down (跌, fell, tumbled ...)."""
    return any(word in to_simplified(text).lower() for word in DECREASE_WORDS)


def _quantity(text: str, prop: Property) -> QuantityValue:
    parsed = parse_quantity(text)
    if isinstance(parsed, NotAQuantity):
        raise NormalizationError("value", f"cannot read '{text}' as a {prop.kind}: {parsed.reason}")
    if prop.id.endswith("-change") and states_a_decrease(text):
        parsed = replace(parsed, interval=parsed.interval.scale(-1))
    if not (prop.unit and parsed.unit and parsed.unit != prop.unit):
        return QuantityValue(parsed.interval, parsed.unit or prop.unit, written_rounding(parsed.text, parsed.interval))
    factor = UNIT_FACTORS.get((parsed.unit, prop.unit))
    if factor is None:
        raise NormalizationError("value", f"'{text}' is in {parsed.unit}, but {prop.id} is measured in {prop.unit}")
    multiply, divide = factor
    converted = parsed.interval.scale(multiply).scale_down(divide)
    return QuantityValue(converted, prop.unit, written_rounding(parsed.text, converted))


_WRITTEN_NUMBER = re.compile(r"[0-9][0-9,]*(?:\.([0-9]+))?")


def written_rounding(text: str, interval: Interval) -> float:
    """Half the last written digit of an exact figure, in the figure's own scale: 11% → 0.5,
    $1.2 billion → 5e7, 11.4% → 0.05; 0 for a range, a bound, or digits in words (七百三十八)."""
    number = _WRITTEN_NUMBER.search(text)
    if not interval.is_point or number is None:
        return 0.0
    written = float(number.group().replace(",", ""))
    if written == 0 or interval.lo == 0:
        return 0.0
    decimals = len(number.group(1) or "")
    return abs(interval.lo / written) * 0.5 * 10.0 ** -decimals


def _time(text: str, context: TimeContext, field: str) -> TimeSpan:
    parsed = parse_time(text, context)
    if isinstance(parsed, NotATime):
        raise NormalizationError(field, f"cannot read '{text}' as a time: {parsed.reason}")
    return parsed


def time_context(source: Source, zone_override: str | None = None) -> TimeContext:
    """How a source's relative and zone-less dates are read: against when it was written, in its zone."""
    anchor = source.written or source.published
    zone = ZoneInfo(source.zone)
    if anchor is None:
        anchor_time = dt.datetime(1970, 1, 1, tzinfo=zone)
    elif isinstance(anchor, dt.datetime):
        anchor_time = anchor
    else:
        anchor_time = dt.datetime.combine(anchor, dt.time(23, 59, 59), tzinfo=zone)
    home = zone_override or source.zone
    return TimeContext(anchor=anchor_time, home_zone=home, local_zone=zone_override or source.local_zone)


#: The text of a publication span: what an undated claim's time reads as.
PUBLICATION = "(publication)"


def is_publication(span: TimeSpan) -> bool:
    """Whether a claim's time is only its source's publication (the claim says no time of its own)."""
    return span.text == PUBLICATION


def publication_span(source: Source) -> TimeSpan | None:
    """The instant (or day) the text was written: what an undated claim is 'as of'."""
    published = source.written or source.published
    if published is None:
        return None
    if isinstance(published, dt.datetime):
        start = published.astimezone(dt.timezone.utc)
        return TimeSpan(start, start + dt.timedelta(seconds=1), source.zone, "second", PUBLICATION, (0, 0))
    day = dt.datetime.combine(published, dt.time(), tzinfo=ZoneInfo(source.zone))
    start = day.astimezone(dt.timezone.utc)
    return TimeSpan(start, start + dt.timedelta(days=1), source.zone, "day", PUBLICATION, (0, 0))


def term_value(term_id: str, terms: dict[str, Term]) -> TermValue:
    """A term with its broader terms and the terms it excludes, ready to compare."""
    return TermValue(term_id, _lineage(term_id, terms), _disjoint(term_id, terms))


def _term_keys(terms: dict[str, Term]) -> list[tuple[str, str]]:
    return sorted({(squash_key(name), term.id) for term in terms.values() for name in term.names})


def _lineage(term_id: str, terms: dict[str, Term]) -> tuple[str, ...]:
    chain = [term_id]
    while (broader := terms[chain[-1]].broader) and broader in terms and broader not in chain:
        chain.append(broader)
    return tuple(chain)


def _disjoint(term_id: str, terms: dict[str, Term]) -> frozenset[str]:
    result: set[str] = set()
    for member in _lineage(term_id, terms):
        result.update(terms[member].disjoint_with)
    result.update(t.id for t in terms.values() if any(m in t.disjoint_with for m in _lineage(term_id, terms)))
    return frozenset(result)
