"""The lint rules: one code per kind of finding, each with a one-line description.

Codes group by letter: Y (reading YAML), S (schema), R (references),
G (grounding in the archived text), N (normalization), A (aliases),
D (duplicates), C (reconciliation: conflicts and arithmetic relations).

Severity policy: an ``error`` means the corpus says something wrong or
unusable (the run fails); a ``warning`` means something a reviewer should look
at that does not make any claim unreadable or false (the run passes).
"""

from __future__ import annotations

from dataclasses import dataclass

from recon.diagnostics import Severity


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    description: str
    severity: Severity = "error"


RULES: dict[str, Rule] = {rule.code: rule for rule in (
    Rule("Y001", "yaml-syntax", "the file is not valid YAML"),
    Rule("Y002", "duplicate-key", "a mapping repeats a key (YAML would silently keep the last)"),
    Rule("Y003", "not-utf8", "the file is not valid UTF-8"),
    Rule("Y004", "file-too-large", "the file is larger than the size limit"),
    Rule("Y005", "unreadable", "the file cannot be read"),
    Rule("Y006", "too-deep", "the YAML is nested too deeply"),
    Rule("Y007", "yaml-alias", "the file uses YAML anchors/aliases (disallowed: expansion bombs)"),
    Rule("Y008", "empty-file", "the file holds no data", "warning"),
    Rule("Y009", "file-outside-corpus", "a claim or vocabulary file is a symlink leading outside the corpus folder"),
    Rule("S001", "schema", "a record does not match the claim model (wrong type, unknown or missing key)"),
    Rule("R001", "unknown-id", "a record names an entity, property, term or source that is not defined"),
    Rule("R002", "duplicate-id", "two records of one kind share an id"),
    Rule("G001", "ungrounded-quote", "a claim's quote is not verbatim in its source's archived text"),
    Rule("G002", "value-not-in-quote", "a claim's value is not written in its quote"),
    Rule("G003", "time-not-in-text", "a claim's time is not written in its source text", "warning"),
    Rule("G004", "missing-source-text", "a source's archived text is missing or unreadable"),
    Rule("G005", "source-outside-corpus", "a source's text path leaves the corpus folder"),
    Rule("N001", "unreadable-value", "a claim's value cannot be normalized (not a quantity, time or term)"),
    Rule("N002", "unresolvable-time", "a claim's time cannot be resolved to an interval"),
    Rule("N003", "normalized-mismatch", "a claim's `normalized:` field differs from what recon reads in its value"),
    Rule("A001", "ambiguous-alias", "one name is an alias of two entities, so it resolves to neither", "warning"),
    Rule("D001", "duplicate-claim", "a claim repeats another claim of the same source (slot, value and time)",
         "warning"),
    Rule("C001", "conflict", "two claims of one slot contradict each other and the conflict is not in the baseline"),
    Rule("C002", "relation-violated", "the best values of some slots contradict a declared arithmetic relation",
         "warning"),
    Rule("C003", "stale-baseline", "a conflict acknowledged in the baseline no longer occurs", "warning"),
)}
