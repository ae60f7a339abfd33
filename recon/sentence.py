"""Reading a sentence (Simplified, Traditional or English) as a claim: entities, property, value, time.

Nothing here knows the seed story: entities come from the alias table,
properties from each property's multilingual ``lexicon`` in the vocabulary,
values from the quantity and time parsers, roles from the term names. The
corpus is used only to prefer readings that name a slot it knows.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from recon.normalize.claims import QUANTITY_KINDS, NormalizedClaim, states_a_decrease, written_rounding
from recon.normalize.names import AliasIndex, Mention
from recon.normalize.quantity import NotAQuantity, Quantity, find_quantities, parse_quantity
from recon.normalize.script import detect_language, match_key, squash_key
from recon.normalize.times import NotATime, TimeContext, TimeSpan, find_times, parse_time, time_problems
from recon.values import QuantityValue, TermValue, TextValue, TimeValue, Value

if TYPE_CHECKING:
    from recon.model import Property, Source

#: How far before a change's number a word saying it went down still counts (shares fell sharply, 11%).
DIRECTION_REACH = 16

UNIT_KINDS = {"person": {"count"}, "USD": {"money"}, "CNY": {"money"}, "percent": {"percent"}}


@dataclass(frozen=True)
class ParsedClaim:
    """What recon understood of a sentence; ``missing`` names the parts it could not find."""

    text: str
    subject: str | None = None
    property: str | None = None
    object: str | None = None
    value_text: str | None = None
    value: Value | None = None
    time_text: str | None = None
    as_of: TimeSpan | None = None
    subject_explicit: bool = True
    missing: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)

    def is_complete(self) -> bool:
        return not self.missing


class SentenceReader:
    """Reads sentences against one reconciled corpus's vocabulary and slots."""

    def __init__(self, entities: dict[str, list[str]], properties: dict[str, Property],
                 terms: dict[str, tuple[list[str], TermValue]], slots: set[tuple[str, str, str | None]],
                 context: TimeContext, contexts_by_script: dict[str, TimeContext] | None = None,
                 entity_types: dict[str, str] | None = None) -> None:
        self.aliases = AliasIndex(entities)
        self.entity_types = entity_types or {}
        self.properties = properties
        self.terms = terms
        self.slots = slots
        self.context = context  # for structured claims, and sentences of a script no source is written in
        self.contexts_by_script = contexts_by_script or {}
        self.lexicon = sorted({(match_key(word), pid) for pid, p in properties.items()
                               for word in [*p.lexicon, p.label] if len(word) >= 2}, key=lambda x: -len(x[0]))

    def read(self, sentence: str) -> ParsedClaim:
        key = match_key(sentence)
        mentions = [m for m in self.aliases.find_mentions(sentence) if m.entity_id]
        context = self.context_for(sentence)
        unreadable = time_problems(sentence, context)
        if unreadable:  # judging the claim without its time would answer another question
            return ParsedClaim(sentence, missing=(f"cannot read the time: {unreadable[0]}",))
        times = find_times(sentence, context)
        quantities = [q for q in find_quantities(sentence) if not _inside_any(q.span, times)]
        term = self._term(sentence, mentions)
        scores = self._property_scores(key)
        candidates = self._candidates(sentence, key, scores, mentions, quantities, times, term)
        if not candidates:
            missing = self._what_is_missing(sentence, mentions, scores, quantities, times, term)
            return ParsedClaim(sentence, missing=missing)
        return replace(max(candidates, key=_ranking)[1], text=sentence)

    def context_for(self, sentence: str) -> TimeContext:
        """How to read the sentence's bare times: as the corpus's sources in its script (Chinese or Latin) do."""
        return self.contexts_by_script.get(_script_of_language(detect_language(sentence)), self.context)

    def read_structured(self, subject: str, prop: str, value: str, as_of: str | None = None,
                        obj: str | None = None) -> ParsedClaim:
        """A claim given as parts: ids or names for subject/object, an id or word for the property."""
        missing: list[str] = []
        subject_id = self._entity(subject, "subject", missing)
        object_id = self._entity(obj, "object", missing) if obj else None
        pid = prop if prop in self.properties else (self._property_scores(match_key(prop)).most_common(1) or
                                                     [(None, 0)])[0][0]
        if pid is None:
            missing.append(f"unknown property '{prop}'")
        parsed_value = self._parse_value(value, self.properties[pid], missing) if pid else None
        when = None
        if as_of:
            when = parse_time(as_of, self.context)
            if isinstance(when, NotATime):
                missing.append(f"cannot read the time '{as_of}': {when.reason}")
                when = None
        text = f"{subject} · {prop} · {value}" + (f" · {obj}" if obj else "") + (f" · as of {as_of}" if as_of else "")
        return ParsedClaim(text, subject_id, pid, object_id, value, parsed_value, as_of, when, True, tuple(missing))

    def _entity(self, name: str | None, role: str, missing: list[str]) -> str | None:
        if name is None:
            return None
        if name in self.aliases.entity_ids:
            return name
        resolution = self.aliases.resolve(name)
        if resolution.how == "exact" and resolution.entity_id:
            return resolution.entity_id
        hint = f" (did you mean {', '.join(resolution.candidates)}?)" if resolution.candidates else ""
        missing.append(f"unknown {role} '{name}'{hint}")
        return None

    def _parse_value(self, text: str, prop: Property, missing: list[str]) -> Value | None:
        if prop.kind in QUANTITY_KINDS:
            q = parse_quantity(text)
            if isinstance(q, NotAQuantity):
                missing.append(f"cannot read '{text}' as a {prop.kind}: {q.reason}")
                return None
            return QuantityValue(q.interval, q.unit or prop.unit)
        if prop.kind == "datetime":
            t = parse_time(text, self.context)
            if isinstance(t, NotATime):
                missing.append(f"cannot read '{text}' as a time: {t.reason}")
                return None
            return TimeValue(t)
        if prop.kind == "role":
            term = self._term(text, [])
            if term is None:
                missing.append(f"'{text}' names no known role")
                return None
            return term[1]
        return TextValue(squash_key(text), text)

    def _term(self, sentence: str, mentions: list[Mention]) -> tuple[str, TermValue] | None:
        key = squash_key(sentence)
        stripped = key
        for mention in mentions:
            stripped = stripped.replace(squash_key(mention.text), " ")
        joined = stripped.replace(" ", "")  # 前 Twitch CEO, former Twitch CEO: the title around the name
        best: tuple[int, str, TermValue] | None = None
        for names, value in self.terms.values():
            for name in names:
                k = squash_key(name)
                if k and (k in stripped or k in key or k in joined) and (best is None or len(k) > best[0]):
                    best = (len(k), name, value)
        return (best[1], best[2]) if best else None

    def _property_scores(self, key: str) -> Counter[str]:
        scores: Counter[str] = Counter()
        for word, pid in self.lexicon:
            if word in key:
                scores[pid] += len(word)
        return scores

    def _lexicon_positions(self, key: str, pid: str) -> list[int]:
        """Where the words naming a property occur: a value is read near them."""
        return [i for word, p in self.lexicon if p == pid for i in _occurrences(key, word)]

    def _candidates(self, sentence: str, key: str, scores: Counter[str], mentions: list[Mention],
                    quantities: list[Quantity], times: list[TimeSpan], term: tuple[str, TermValue] | None
                    ) -> list[tuple[tuple[int, int, int, int], ParsedClaim]]:
        found = []
        mentioned = list(dict.fromkeys(m.entity_id for m in mentions if m.entity_id))
        for pid, prop in self.properties.items():
            reading = self._value_for(sentence, key, prop, quantities, times, term)
            if reading is None:
                continue
            value_text, value, as_of = reading
            for subject, obj, explicit in self._slots_for(pid, mentioned):
                parsed = ParsedClaim(
                    text="", subject=subject, property=pid, object=obj, value_text=value_text, value=value,
                    time_text=as_of.text if as_of else None, as_of=as_of, subject_explicit=explicit)
                rank = (scores[pid], int(explicit), int(obj is None or obj in mentioned), -len(pid))
                found.append((rank, parsed))
        return [(rank, parsed) for rank, parsed in found if rank[0] > 0 or _is_role(parsed, self)]

    def _value_for(self, sentence: str, key: str, prop: Property, quantities: list[Quantity],
                   times: list[TimeSpan], term: tuple[str, TermValue] | None
                   ) -> tuple[str, Value, TimeSpan | None] | None:
        as_of = times[0] if times else None
        if prop.kind in QUANTITY_KINDS:
            fitting = [q for q in quantities if q.unit is None or prop.kind in UNIT_KINDS.get(q.unit, {prop.kind})]
            if not fitting:
                return None
            anchors = self._lexicon_positions(key, prop.id)
            q = min(fitting, key=lambda q: (_distance(q.span, anchors), q.span))
            interval = q.interval
            lead = sentence[max(0, q.span[0] - DIRECTION_REACH):q.span[1]]  # shares fell 11%, 股价收跌1.68%
            if prop.id.endswith("-change") and states_a_decrease(lead):
                interval = interval.scale(-1)
            return q.text, QuantityValue(interval, q.unit or prop.unit, written_rounding(q.text, interval)), as_of
        if prop.kind == "datetime" and times:
            return times[0].text, TimeValue(times[0]), None
        if prop.kind == "role" and term is not None:
            return term[0], term[1], as_of
        return None

    def _names_another(self, entity: str | None, mentioned: list[str], besides: str) -> bool:
        """Whether the sentence names an entity of ``entity``'s kind other than it (and ``besides``)."""
        kind = self.entity_types.get(entity) if entity is not None else None
        return kind is not None and any(m not in (entity, besides) and self.entity_types.get(m) == kind
                                        for m in mentioned)

    def _slots_for(self, pid: str, mentioned: list[str]) -> list[tuple[str, str | None, bool]]:
        """(subject, object, subject named in the sentence) for slots of this property."""
        slots = [(s, o) for s, p, o in self.slots if p == pid]
        named = [(s, o, True) for s, o in slots if s in mentioned and (o is None or o in mentioned)]
        if named:
            return named
        # a slot towards an organisation the sentence does not name: only when the sentence names no other
        # entity it could be about, and the subject has such slots towards one organisation only
        subjects = {s for s, _ in slots}
        others = [m for m in mentioned if m not in subjects]
        loose = [(s, o, True) for s, o in slots if s in mentioned and not others]
        if len({o for _, o, _ in loose}) == 1:
            return loose
        if len(subjects) != 1:
            return []
        if self._names_another(next(iter(subjects)), mentioned, ""):
            return []  # the sentence names another entity of the kind the claims are about: it is about that one
        return [(s, o, False) for s, o in slots]

    def _what_is_missing(self, sentence: str, mentions: list[Mention], scores: Counter[str],
                         quantities: list[Quantity], times: list[TimeSpan],
                         term: tuple[str, TermValue] | None) -> tuple[str, ...]:
        missing = []
        if not mentions:
            missing.append("no known entity is named (the corpus knows its entities by their aliases)")
        if not scores and term is None:
            missing.append("no known property is named (words such as 签署/signed, 员工/employees, 股份/stake)")
        refused = parse_quantity(sentence) if not quantities and any(c.isdigit() for c in sentence) else None
        if isinstance(refused, NotAQuantity):
            missing.append(f"a number recon does not read: {refused.reason}")
        elif not (quantities or times or term):
            missing.append("no value: no number, date or role was found")
        if not missing:
            entities = ", ".join(dict.fromkeys(m.entity_id for m in mentions if m.entity_id))
            named = ", ".join(pid for pid, _ in scores.most_common(3)) or "the property of its value"
            towards = sorted({o for s, p, o in self.slots if o is not None and p in scores
                              and s in {m.entity_id for m in mentions}})
            hint = f"; it has them towards {', '.join(towards)}: name one" if towards else ""
            missing.append(f"the corpus has no claims that pair what it names ({entities}) with {named}{hint}")
        return tuple(missing)


def _occurrences(text: str, word: str) -> list[int]:
    found, start = [], text.find(word)
    while start >= 0:
        found.append(start)
        start = text.find(word, start + 1)
    return found


def _distance(span: tuple[int, int], anchors: list[int]) -> int:
    return min((min(abs(a - span[0]), abs(a - span[1])) for a in anchors), default=0)


def _inside_any(span: tuple[int, int], times: list[TimeSpan]) -> bool:
    return any(t.span[0] <= span[0] and span[1] <= t.span[1] for t in times)


def _ranking(item: tuple[tuple[int, int, int, int], ParsedClaim]) -> tuple[tuple[int, int, int, int], str]:
    rank, parsed = item
    return rank, f"{parsed.subject}|{parsed.property}|{parsed.object}"


def _is_role(parsed: ParsedClaim, reader: SentenceReader) -> bool:
    return parsed.property is not None and reader.properties[parsed.property].kind == "role"


def reader_for(claims: list[NormalizedClaim], entities: dict[str, list[str]], properties: dict[str, Property],
               terms: dict[str, tuple[list[str], TermValue]], entity_types: dict[str, str] | None = None
               ) -> SentenceReader:
    """A reader whose 'now' is the corpus's latest publication. Bare times in a sentence are read in the
    zones most of the corpus's sources written in its script use (each source counted once, however
    many claims it makes or reprints), else in those of all sources."""
    latest = max((c.as_of.end for c in claims if c.as_of is not None), default=None)
    anchor = latest or dt.datetime.now(dt.timezone.utc)
    sources = list({c.source.id: c.source for c in claims}.values())
    overall = _context(anchor, sources) or TimeContext(anchor=anchor, home_zone="UTC")
    by_script = {script: _context(anchor, [s for s in sources if _script_of_language(s.language) == script])
                 for script in ("han", "latin")}
    return SentenceReader(entities, properties, terms, {c.slot for c in claims}, overall,
                          {script: context for script, context in by_script.items() if context is not None},
                          entity_types)


def _context(anchor: dt.datetime, sources: list[Source]) -> TimeContext | None:
    """The most common home and event zones of ``sources`` (None without sources)."""
    if not sources:
        return None
    home = Counter(s.zone for s in sources).most_common(1)[0][0]
    local = Counter(s.local_zone for s in sources if s.local_zone).most_common(1)
    return TimeContext(anchor=anchor, home_zone=home, local_zone=local[0][0] if local else None)


def _script_of_language(language: str) -> str:
    """'han' for Chinese (a source's language, or what detect_language reads in a sentence), else 'latin'."""
    return "han" if language.startswith("zh") else "latin"
