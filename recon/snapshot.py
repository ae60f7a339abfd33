"""Detached copies of a reconciled corpus: the same data without the pydantic models.

The cache that makes `recon check` start fast pickles a :class:`Result`. Its
claims, sources and properties are validated pydantic models, and unpickling
those imports pydantic and builds the model classes, which costs more than the
check itself. A :class:`Record` keeps the same attributes as plain data, so the
cached result loads without pydantic. Records are only ever read.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from recon.graph import Slot
from recon.reconcile import Result, SlotResult


class Record:
    """A read-only copy of a validated model's fields."""

    def __init__(self, **fields: Any) -> None:
        self.__dict__.update(fields)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"a Record is read-only ({name})")

    def __repr__(self) -> str:
        return f"Record({', '.join(f'{k}={v!r}' for k, v in self.__dict__.items())})"


def record(model: Any) -> Record:
    return Record(**{name: getattr(model, name) for name in type(model).model_fields})


def detach_result(result: Result) -> Result:
    """The same result with every claim, source and property as a Record."""
    copies: dict[int, Record] = {}

    def detached(model: Any) -> Record:
        return copies.setdefault(id(model), record(model))

    claims = {cid: replace(c, claim=detached(c.claim), source=detached(c.source), prop=detached(c.prop))
              for cid, c in result.claims.items()}
    slots = [SlotResult(Slot(s.slot.key, [claims[c.id] for c in s.slot.claims],
                             [e._replace(first_claim=claims[e.first], second_claim=claims[e.second])
                              for e in s.slot.edges]), s.verdict)
             for s in result.slots]
    sources = [replace(s, source=detached(s.source)) for s in result.sources]
    return replace(result, claims=claims, slots=slots, sources=sources)

