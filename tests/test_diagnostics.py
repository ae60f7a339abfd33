"""Diagnostics: their dict form and their order, which the fast paths must keep."""

from __future__ import annotations

import random
from dataclasses import asdict, fields

from recon.diagnostics import IN_ORDER, Diagnostic


def some_diagnostics(n: int) -> list[Diagnostic]:
    rng = random.Random(5)
    return [Diagnostic(f"claims/{rng.choice('ab')}.yaml", rng.randint(0, 3), rng.randint(0, 2),
                       rng.choice(["error", "warning"]), rng.choice(["C001", "G001", "S001"]), rng.choice("xyz"))
            for _ in range(n)]


def test_the_dict_form_is_the_dataclass_as_a_dict_in_field_order() -> None:
    for d in some_diagnostics(50):
        assert d.to_dict() == asdict(d)
        assert list(d.to_dict()) == [f.name for f in fields(Diagnostic)]


def test_sorting_by_the_key_is_sorting_the_dataclasses() -> None:
    found = some_diagnostics(500)
    assert sorted(found, key=IN_ORDER) == sorted(found)
    assert IN_ORDER.__reduce__()[1] == tuple(f.name for f in fields(Diagnostic))  # a new field joins the key


def test_sarif_uris_are_percent_encoded() -> None:
    import json as _json

    from recon.diagnostic_formats import FORMATTERS

    found = [Diagnostic("claims/a b%.yaml", 3, 1, "error", "G001", "x"),
             Diagnostic("claims/new\nline.yaml", 1, 1, "error", "Y001", "y")]
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in _json.loads(FORMATTERS["sarif"](found))["runs"][0]["results"]]
    assert uris == ["claims/a%20b%25.yaml", "claims/new%0Aline.yaml"]
