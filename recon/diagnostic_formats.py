"""Rendering diagnostics for people (text) and machines (json, github, sarif)."""

from __future__ import annotations

import json
from collections.abc import Callable

from recon import __version__
from recon.diagnostics import Diagnostic
from recon.rules import RULES


def as_text(diagnostics: list[Diagnostic]) -> str:
    lines = [d.format_text() for d in diagnostics]
    errors = sum(d.severity == "error" for d in diagnostics)
    warnings = sum(d.severity == "warning" for d in diagnostics)
    lines.append(f"{errors} error(s), {warnings} warning(s)" if diagnostics else "no problems found")
    return "\n".join(lines)


def as_json(diagnostics: list[Diagnostic]) -> str:
    return json.dumps({"diagnostics": [d.to_dict() for d in diagnostics]}, ensure_ascii=False, indent=2)


def as_github(diagnostics: list[Diagnostic]) -> str:
    """GitHub Actions workflow commands: findings land on the changed lines of a pull request."""
    def escape(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def prop(text: str) -> str:
        return escape(text).replace(":", "%3A").replace(",", "%2C")

    level = {"error": "error", "warning": "warning", "info": "notice"}
    return "\n".join(
        f"::{level[d.severity]} file={prop(d.file)},line={d.line or 1},col={d.column or 1},"
        f"title={prop(d.code)}::{escape(d.message)}" for d in diagnostics)


def as_sarif(diagnostics: list[Diagnostic]) -> str:
    """SARIF 2.1.0, for code-scanning UIs."""
    level = {"error": "error", "warning": "warning", "info": "note"}
    rules = [{"id": r.code, "name": r.name, "shortDescription": {"text": r.description},
              "defaultConfiguration": {"level": level[r.severity]}} for r in RULES.values()]
    results = [{
        "ruleId": d.code,
        "level": level[d.severity],
        "message": {"text": d.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": _uri(d.file)},
            "region": {"startLine": d.line or 1, "startColumn": d.column or 1},
        }}],
    } for d in diagnostics]
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{"tool": {"driver": {"name": "recon", "version": __version__, "rules": rules}},
                  "results": results}],
    }
    return json.dumps(log, ensure_ascii=False, indent=2)


FORMATTERS: dict[str, Callable[[list[Diagnostic]], str]] = {
    "text": as_text, "json": as_json, "github": as_github, "sarif": as_sarif,
}


def _uri(path: str) -> str:
    """A relative path as a SARIF uri reference: forward slashes, anything unsafe percent-encoded."""
    from urllib.parse import quote

    return quote(path.replace("\\", "/"), safe="/")
