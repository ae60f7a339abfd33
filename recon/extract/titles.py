"""Titles next to names: who a CEO or 联合创始人 is, and of which organisation.

A title (a term of claims/vocab/terms.yaml) counts only next to a known
person: the two may stand apart by other titles, and by a few
joining words (的, 兼, "the company's"), but not across a clause break. The
organisation named next to the title is the role's object; a 前 / former
before either makes the value a past role (前 Twitch CEO).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from recon.extract.candidates import EntityMention, Region, ValueMention
from recon.extract.policy import ExtractPolicy
from recon.extract.text import Geometry, Span
from recon.extract.vocabulary import Vocabulary
from recon.normalize.script import match_key


@dataclass(frozen=True)
class TitleReader:
    region: Region
    vocab: Vocabulary
    policy: ExtractPolicy
    geometry: Geometry

    def holder(self, value: ValueMention) -> tuple[EntityMention, EntityMention | None] | None:
        """The person a title names, and the organisation it is a title of (if named next to it)."""
        person = self._adjacent(value.span, "person")
        if person is None:
            return None
        return person, self._adjacent(value.span, "organization", exclude=person)

    def _adjacent(self, span: Span, entity_type: str,
                  exclude: EntityMention | None = None) -> EntityMention | None:
        """The nearest mention of that type with only titles, names and a few joining characters between."""
        best: tuple[int, EntityMention] | None = None
        for mention in self.region.mentions:
            if mention is exclude or self.vocab.entity_type(mention.entity_id) != entity_type:
                continue
            gap = self.gap(span, mention.span)
            if gap is not None and gap <= self.policy.role_gap and (best is None or gap < best[0]):
                best = (gap, mention)
        return best[1] if best else None

    def gap(self, a: Span, b: Span) -> int | None:
        """Characters between two spans, other titles and joining words not counted; None across a clause break.

        Names are counted: the organisation of a title stands on its far side (OpenAI CEO Sam Altman,
        Satya Nadella, the CEO of Microsoft), so a name between title and person means another person's title."""
        start, end = (a[1], b[0]) if a[1] <= b[0] else (b[1], a[0])
        if start > end:
            return None
        between = self.region.visible[start:end]
        if any(c in self.geometry.clause_breaks for c in between):
            return None
        covered = [v.span for v in self.region.values if v.kind == "role"]  # a chain of titles: 联合创始人兼 CEO
        remaining = "".join(self.region.visible[i] for i in range(start, end)
                            if not any(s <= i < e for s, e in covered))
        words = [w for w in re.split(r"[\s,，、·]+", remaining.lower()) if w not in self.policy.title_fillers]
        return len("".join(words))

    def value_start(self, value: ValueMention, organization: EntityMention | None) -> int:
        """Where a role's value starts: at 前 / former before it, or before its organisation (前 Twitch CEO)."""
        anchor = value.span[0]
        if organization is not None and organization.span[1] <= anchor and self.gap(organization.span,
                                                                                     value.span) == 0:
            anchor = organization.span[0]
        window_start = max(0, anchor - 8)
        head = match_key(self.region.visible[window_start:anchor]).lower().rstrip()
        for prefix in self.policy.former_prefixes:
            word = prefix.strip().lower()
            if head.endswith(word) and (not word.isascii() or not head[-len(word) - 1:-len(word)].isalpha()):
                return window_start + len(head) - len(word)
        return value.span[0]
