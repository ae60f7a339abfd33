"""A fact-check result as readable text."""

from __future__ import annotations

from recon.check import CheckResult

MARKS = {"supported": "✔", "contradicted": "✘", "outdated": "⌛", "disputed": "⚠", "unverifiable": "?"}


def render_check(result: CheckResult) -> str:
    claim = result.claim
    lines = [f"{MARKS[result.verdict]} {result.verdict.upper()} (confidence {result.confidence:.2f}): {claim.text}"]
    if claim.subject or claim.property:
        reading = f"  read as: {claim.subject or '?'} · {claim.property or '?'}"
        reading += f" · {claim.object}" if claim.object else ""
        reading += f" = {claim.value_text} ({claim.value.format()})" if claim.value else ""
        reading += f", as of {claim.time_text}" if claim.time_text else ""
        lines.append(reading)
    if result.slot:
        lines.append(f"  slot: {result.slot}")
    lines.append(f"  {result.explanation}")
    for item in result.evidence:
        c = item.claim
        when = f", {c.claim.time}" if c.claim.time else ""
        mark = {"for": "+", "against": "-", "superseded": "~"}[item.stance]
        lines.append(f"  {mark} {c.source.id} ({c.source.outlet}{when}): "
                     f"{c.claim.value} — “{c.claim.quote}”")
    return "\n".join(lines)
