"""docs/report.schema.json describes the JSON report exactly: the seed report validates, drift does not.

jsonschema is not a dependency, so the schema is checked by the small validator
below, which knows only the keywords the schema uses (and refuses a schema
using any other, so nothing is silently ignored). Where jsonschema happens to
be installed, one more test checks the same with it.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest

from recon.pipeline import load_and_reconcile
from recon.report.document import build_document
from recon.report.write import render
from tests.corpus_builder import source, write

REPO = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((REPO / "docs" / "report.schema.json").read_text(encoding="utf-8"))
NOON = "2023-11-22T12:00:00+08:00"

ANNOTATIONS = {"$schema", "$id", "title", "description"}
KEYWORDS = {"$ref", "$defs", "type", "const", "enum", "properties", "required", "additionalProperties", "items",
            "minimum", "maximum", "minLength", "minItems", "pattern", "oneOf"}
TYPES = {
    "object": lambda x: isinstance(x, dict),
    "array": lambda x: isinstance(x, list),
    "string": lambda x: isinstance(x, str),
    "integer": lambda x: isinstance(x, int) and not isinstance(x, bool),
    "number": lambda x: isinstance(x, (int, float)) and not isinstance(x, bool),
    "boolean": lambda x: isinstance(x, bool),
    "null": lambda x: x is None,
}


def validate(instance: Any, schema: dict[str, Any] = SCHEMA, path: str = "$") -> list[str]:
    """Errors of ``instance`` against ``schema`` (draft 2020-12, the subset in KEYWORDS), as 'path: problem'."""
    errors: list[str] = []
    if "$ref" in schema:
        errors += validate(instance, resolve(schema["$ref"]), path)
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(TYPES[t](instance) for t in types):
            return errors + [f"{path}: {instance!r:.60} is not of type {' or '.join(types)}"]
    if "const" in schema and instance != schema["const"]:
        errors.append(f"{path}: {instance!r:.60} is not {schema['const']!r}")
    if "enum" in schema and instance not in schema["enum"]:
        errors.append(f"{path}: {instance!r:.60} is not one of {schema['enum']}")
    if isinstance(instance, (int, float)) and not isinstance(instance, bool):
        if "minimum" in schema and instance < schema["minimum"]:
            errors.append(f"{path}: {instance} < {schema['minimum']}")
        if "maximum" in schema and instance > schema["maximum"]:
            errors.append(f"{path}: {instance} > {schema['maximum']}")
    if isinstance(instance, str):
        if len(instance) < schema.get("minLength", 0):
            errors.append(f"{path}: shorter than {schema['minLength']}")
        if "pattern" in schema and not re.search(schema["pattern"], instance):
            errors.append(f"{path}: {instance!r:.60} does not match {schema['pattern']}")
    if isinstance(instance, list):
        if len(instance) < schema.get("minItems", 0):
            errors.append(f"{path}: fewer than {schema['minItems']} items")
        if "items" in schema:
            for i, item in enumerate(instance):
                errors += validate(item, schema["items"], f"{path}[{i}]")
    if isinstance(instance, dict):
        errors += [f"{path}: missing {key!r}" for key in schema.get("required", []) if key not in instance]
        properties = schema.get("properties", {})
        for key, value in instance.items():
            if key in properties:
                errors += validate(value, properties[key], f"{path}.{key}")
            elif schema.get("additionalProperties") is False:
                errors.append(f"{path}: unexpected key {key!r}")
    if "oneOf" in schema:
        matching = [s for s in schema["oneOf"] if not validate(instance, s, path)]
        if len(matching) != 1:
            errors.append(f"{path}: matches {len(matching)} of the oneOf alternatives, not exactly 1")
    return errors


def resolve(ref: str) -> dict[str, Any]:
    assert ref.startswith("#/$defs/"), f"only local $defs references are supported, not {ref}"
    return SCHEMA["$defs"][ref.removeprefix("#/$defs/")]


def keywords_used(schema: Any) -> set[str]:
    """Every keyword in a schema (names under properties/$defs are names, not keywords)."""
    if isinstance(schema, list):
        return set().union(*(keywords_used(s) for s in schema)) if schema else set()
    if not isinstance(schema, dict):
        return set()
    used = set(schema)
    for key, value in schema.items():
        if key in ("properties", "$defs"):
            used |= set().union(*(keywords_used(s) for s in value.values())) if value else set()
        elif key in ("items", "oneOf", "additionalProperties"):
            used |= keywords_used(value)
    return used


@pytest.fixture(scope="module")
def seed_report() -> dict[str, Any]:
    """The seed corpus's report, exactly as `recon report claims/ --out - --format json` prints it."""
    return json.loads(render(build_document(load_and_reconcile(REPO / "claims")), "json"))


def small_report(tmp_path: Path, *sources: dict[str, Any]) -> dict[str, Any]:
    return json.loads(render(build_document(load_and_reconcile(write(tmp_path / "claims", list(sources)))), "json"))


def test_the_validator_knows_every_keyword_the_schema_uses() -> None:
    assert keywords_used(SCHEMA) - ANNOTATIONS <= KEYWORDS
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_seed_report_matches_the_schema(seed_report: dict[str, Any]) -> None:
    assert validate(seed_report) == []


def test_seed_report_uses_every_kind_of_value(seed_report: dict[str, Any]) -> None:
    kinds = {claim["value"]["kind"] for slot in seed_report["slots"] for claim in slot["claims"]}
    assert kinds == {"quantity", "time", "term", "text"}  # so each oneOf branch is exercised


def test_committed_report_matches_the_schema() -> None:
    committed = json.loads((REPO / "reports" / "discrepancies.json").read_text(encoding="utf-8"))
    assert validate(committed) == []


def test_empty_report_matches_the_schema(tmp_path: Path) -> None:
    doc = small_report(tmp_path)
    assert doc["slots"] == [] and validate(doc) == []


def test_report_with_unbounded_and_hypothetical_values_matches_the_schema(tmp_path: Path) -> None:
    doc = small_report(
        tmp_path,
        source("a", NOON, [{"subject": "letter", "property": "signatories", "value": "超过 700 人"}]),
        source("b", NOON, [{"subject": "letter", "property": "signatories", "value": "738人"},
                           {"subject": "openai", "property": "employee-count", "value": "约 770 名",
                            "modality": "hypothetical"}]),
    )
    values = [c["value"] for s in doc["slots"] for c in s["claims"]]
    assert any(v["kind"] == "quantity" and v["hi"] is None for v in values)  # (700, ∞): hi is null
    assert validate(doc) == []


# -- drift is caught -------------------------------------------------------------------------


def test_an_unknown_key_is_drift(seed_report: dict[str, Any]) -> None:
    doc = copy.deepcopy(seed_report)
    doc["slots"][0]["claims"][0]["score"] = 0.5
    assert validate(doc) == ["$.slots[0].claims[0]: unexpected key 'score'"]


def test_a_missing_key_is_drift(seed_report: dict[str, Any]) -> None:
    doc = copy.deepcopy(seed_report)
    del doc["sources"][0]["trust"]
    assert validate(doc) == ["$.sources[0]: missing 'trust'"]


def test_an_unknown_verdict_or_relation_is_drift(seed_report: dict[str, Any]) -> None:
    doc = copy.deepcopy(seed_report)
    doc["slots"][0]["verdict"] = "disputed"
    doc["slots"][0]["edges"][0]["relation"] = "contradicts"
    errors = validate(doc)
    assert len(errors) == 2 and all("is not one of" in e for e in errors)


def test_a_wrongly_typed_value_is_drift(seed_report: dict[str, Any]) -> None:
    doc = copy.deepcopy(seed_report)
    doc["summary"]["claims"] = "237"
    doc["summary"]["scoring"]["converged"] = 1
    assert len(validate(doc)) == 2


def test_a_value_of_no_known_kind_is_drift(seed_report: dict[str, Any]) -> None:
    doc = copy.deepcopy(seed_report)
    doc["slots"][0]["claims"][0]["value"] = {"kind": "quantity", "lo": 1}
    assert validate(doc) == ["$.slots[0].claims[0].value: matches 0 of the oneOf alternatives, not exactly 1"]


def test_jsonschema_agrees_where_it_is_installed(seed_report: dict[str, Any]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.Draft202012Validator(SCHEMA).validate(seed_report)
