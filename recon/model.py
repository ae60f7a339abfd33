"""The claim model: sources, entities, properties, terms, relations and claims.

These are the shapes of the YAML files under ``claims/``. They hold what a
person wrote, verbatim; normalized values are derived from them by
``recon.normalize`` and never typed by hand (an optional ``normalized`` field
on a claim is an assertion the linter checks against the parser).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

Id = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._:-]*$", max_length=120)]
NonEmpty = Annotated[str, StringConstraints(min_length=1)]

Language = Literal["zh-Hans", "zh-Hant", "en"]
EntityType = Literal["person", "organization", "product", "place", "event", "document", "group", "other"]
ValueKind = Literal["count", "money", "percent", "quantity", "datetime", "role", "text"]
TemporalBehaviour = Literal["static", "accumulating", "changing"]
Modality = Literal["asserted", "reported", "hedged", "hypothetical", "quoted"]
RelationKind = Literal["ratio", "product", "sum", "rate"]
#: Years a publication may carry: wide enough for any archive, narrow enough for date arithmetic in UTC.
PUBLISHED_YEARS = (1000, 9000)

#: Text without control characters (tab and line breaks allowed), checked by pydantic-core, not in Python.
PLAIN_TEXT_PATTERN = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
PlainText = Annotated[str, StringConstraints(min_length=1, pattern=PLAIN_TEXT_PATTERN)]


class Strict(BaseModel):
    """Base for file records: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def _check_zone(zone: str | None) -> str | None:
    if zone is None:
        return None
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:  # OSError: a folder of zones, e.g. 'America'
        raise ValueError(f"unknown time zone {zone!r}; use an IANA name such as 'Asia/Shanghai'") from exc
    return zone


class Source(Strict):
    """One published text, archived under ``claims/sources/``."""

    id: Id
    outlet: NonEmpty
    author: str | None = None
    title: str | None = None
    url: str | None = None
    published: dt.datetime | dt.date | None = Field(
        default=None, description="publish time with its UTC offset, or a date when only the day is known"
    )
    published_estimated: bool = Field(default=False, description="the text gives no date; `published` is inferred")
    written: dt.datetime | dt.date | None = Field(
        default=None, description="when the text was first written, if before `published` (a reprint's original); "
        "relative dates (今日, 周一) are read against it")
    language: Language
    zone: str = Field(default="Asia/Shanghai", description="home zone: how bare dates in the text are read")
    local_zone: str | None = Field(default=None, description="zone of the events' place, for 当地时间 / local time")
    text: NonEmpty = Field(description="path of the archived text, relative to the claim file")
    reprint_of: str | None = Field(default=None, description="the original (outlet or source id) this copy syndicates")
    credits: list[NonEmpty] = Field(default_factory=list, description="outlets the text credits as its origin")
    excerpt_of: Id | None = Field(default=None, description="the source whose page carries this one as a snippet")
    note: str | None = None

    @field_validator("zone", "local_zone")
    @classmethod
    def _known_zone(cls, zone: str | None) -> str | None:
        return _check_zone(zone)

    @field_validator("published", "written", mode="before")
    @classmethod
    def _bare_date_is_a_day(cls, value: object) -> object:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            raise ValueError("write a date (2023-11-22) or a time with its offset (2023-11-22T17:23:04+08:00), "
                             "not a number")
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            return dt.date.fromisoformat(value.strip())
        return value

    @field_validator("published", "written")
    @classmethod
    def _offset_required(cls, value: dt.datetime | dt.date | None) -> dt.datetime | dt.date | None:
        if isinstance(value, dt.datetime) and value.tzinfo is None:
            raise ValueError("a publish time needs its UTC offset, e.g. 2023-11-22T17:23:04+08:00")
        if value is not None and not PUBLISHED_YEARS[0] <= value.year <= PUBLISHED_YEARS[1]:
            raise ValueError(f"a publication year must lie in {PUBLISHED_YEARS[0]}-{PUBLISHED_YEARS[1]}")
        return value


class Entity(Strict):
    """A person, organization or thing, with every name it goes by."""

    id: Id
    type: EntityType
    names: list[NonEmpty] = Field(min_length=1, description="aliases in every script and transliteration seen")
    note: str | None = None


class Term(Strict):
    """A value of a role-like property (``interim-ceo`` is a kind of ``ceo``)."""

    id: Id
    names: list[NonEmpty] = Field(min_length=1)
    broader: Id | None = Field(default=None, description="the more general term this one refines")
    disjoint_with: list[Id] = Field(default_factory=list, description="terms that cannot hold at the same time")


class Property(Strict):
    """What a claim is about, how its values compare, and how they may change."""

    id: Id
    label: NonEmpty
    kind: ValueKind
    unit: str | None = None
    behaviour: TemporalBehaviour = "static"
    undated_window: dt.timedelta = Field(
        default=dt.timedelta(days=1), ge=dt.timedelta(0),
        description="for a changing property: undated claims published less than this apart describe the same "
                    "moment, so different values conflict instead of evolving (ISO 8601 duration, e.g. P1D, PT6H)")
    multi_valued: bool = Field(default=False, description="several values can be true at once (roles)")
    lexicon: list[NonEmpty] = Field(default_factory=list, description="words that name it, in every language")
    description: str | None = None


class SlotRef(Strict):
    """Names a slot: a subject's property (towards an object, for relations like roles)."""

    subject: Id
    property: Id
    object: Id | None = None


class Relation(Strict):
    """A declared arithmetic relation between slots, checked with interval arithmetic.

    ``ratio``: result = operands[0] / operands[1]; ``product``: result = ∏ operands;
    ``sum``: result = Σ operands; ``rate``: result = operands[0] × ``factor`` (e.g. per year
    from per month: factor 12).
    """

    id: Id
    kind: RelationKind
    operands: list[SlotRef] = Field(min_length=1)
    result: SlotRef
    factor: float = Field(default=1.0, allow_inf_nan=False)
    description: str | None = None

    @field_validator("factor")
    @classmethod
    def _moderate_factor(cls, factor: float) -> float:
        if not 1e-12 <= abs(factor) <= 1e12:
            raise ValueError("a factor must lie between 1e-12 and 1e12 in size (12 months a year, 100 percent)")
        return factor

    @model_validator(mode="after")
    def _operands_fit_the_kind(self) -> Relation:
        arity = {"ratio": (2, 2), "rate": (1, 1), "product": (2, None), "sum": (2, None)}.get(self.kind)
        if arity is not None:
            low, high = arity
            if len(self.operands) < low or (high is not None and len(self.operands) > high):
                wanted = f"exactly {low}" if low == high else f"at least {low}"
                raise ValueError(f"a {self.kind} relation takes {wanted} operand(s), not {len(self.operands)}")
        return self


class Claim(Strict):
    """One checkable statement of one source, with the words it was made in."""

    id: Id
    subject: Id
    property: Id
    object: Id | None = Field(default=None, description="the other party, e.g. the organization of a role")
    value: PlainText = Field(description="the value as written, e.g. '超过 700 人'")
    normalized: str | None = Field(default=None, description="optional: asserted normal form, checked by lint")
    time: str | None = Field(default=None, description="the time it refers to, as written; none = as of publication")
    time_zone: str | None = Field(default=None, description="zone for the time when the text implies one")
    attributed_to: str | None = Field(default=None, description="who the article says said it")
    modality: Modality = "asserted"
    quote: PlainText = Field(description="verbatim sentence or clause from the source text")
    note: str | None = None

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, zone: str | None) -> str | None:
        return _check_zone(zone)


class ClaimFile(Strict):
    """A claim file: one source and what it claims."""

    source: Source
    claims: list[Claim] = Field(default_factory=list)


class VocabularyFile(Strict):
    """A vocabulary file: any of entities, properties, terms and relations."""

    entities: list[Entity] = Field(default_factory=list)
    properties: list[Property] = Field(default_factory=list)
    terms: list[Term] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)

    @model_validator(mode="after")
    def _not_empty(self) -> VocabularyFile:
        if not (self.entities or self.properties or self.terms or self.relations):
            raise ValueError("a vocabulary file needs at least one of: entities, properties, terms, relations")
        return self
