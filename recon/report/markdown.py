"""The report as Markdown: readable in a git diff and on a code host."""

from __future__ import annotations

from typing import Any

SECTIONS = (
    ("conflict", "Conflicts", "Sources disagree about the same thing at the same time."),
    ("evolving", "Evolving values", "The value changed over time, as the property allows; latest first."),
    ("compatible", "Compatible", "The sources agree; some are more precise than others."),
    ("agree", "Agreeing", "Independent sources state the same value."),
    ("single", "Single-source", "Only one source (or copies of one) states these."),
)


def render_markdown(doc: dict[str, Any]) -> str:
    lines = ["# Discrepancy report", ""]
    lines += _summary(doc["summary"], len(doc["diagnostics"]))
    for verdict, title, blurb in SECTIONS:
        slots = [s for s in doc["slots"] if s["verdict"] == verdict]
        if not slots:
            continue
        lines += [f"## {title} ({len(slots)})", "", blurb, ""]
        for slot in slots:
            lines += _slot(slot)
    lines += _relations(doc["relations"])
    lines += _sources(doc["sources"])
    lines += _diagnostics(doc["diagnostics"])
    return "\n".join(lines).rstrip() + "\n"


def cell(text: object) -> str:
    """Text safe inside a Markdown table cell."""
    if text is None:
        return ""
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("\r", " ")


def short_span(span: str | None) -> str:
    """`2023-11-17T08:00:00Z/2023-11-18T08:00:00Z America/Los_Angeles day` → `2023-11-17 08:00 → 11-18 08:00 UTC (day, America/Los_Angeles)`."""
    if not span:
        return ""
    try:
        times, zone, precision = span.split(" ")
        start, end = times.split("/")
    except ValueError:
        return span
    first = start[:16].replace("T", " ")
    last = end[5:16].replace("T", " ") if end[:4] == start[:4] else end[:16].replace("T", " ")
    if precision in ("second", "minute"):
        return f"{first} UTC ({zone})"
    return f"{first} → {last} UTC ({precision.replace('_', ' ')}, {zone})"


def _summary(summary: dict[str, Any], left_out: int) -> list[str]:
    v = summary["verdicts"]
    aside = f" (and {left_out} left out: see the end)" if left_out else ""
    return [
        f"{summary['sources']} sources, {summary['claims']} claims{aside}, {summary['slots']} slots: "
        f"**{v['conflict']} conflicts**, {v['evolving']} evolving, {v['compatible']} compatible, "
        f"{v['agree']} agreeing, {v['single']} single-source; "
        f"{summary['relation_violations']} arithmetic relation(s) violated. Claim graph: "
        f"{summary['graph']['nodes']} claims, "
        + ", ".join(f"{n} {kind}" for kind, n in summary["graph"]["edges"].items())
        + f" edges, {summary['graph']['components']} connected groups.",
        "",
    ]


def _slot(slot: dict[str, Any]) -> list[str]:
    header = f"### {cell(slot['label'])}: `{slot['id']}`"
    lines = [header, "", f"**{slot['verdict']}** · confidence {slot['confidence']:.2f} · {cell(slot['explanation'])}",
             ""]
    if slot["best"]:
        lines += ["| best value | normalized | as of | support | claims |", "|---|---|---|---|---|"]
        lines += [f"| {cell(b['value'])} | `{cell(b['normalized'])}` | {cell(b['as_of_text'] or short_span(b['as_of']))} "
                  f"| {b['support']:.2f} | {cell(', '.join(b['claims']))} |" for b in slot["best"]]
        lines.append("")
    relations = _relations_by_claim(slot)
    lines += ["| claim | source | as written | normalized | time (as written) | time (UTC) | quote | relations |",
              "|---|---|---|---|---|---|---|---|"]
    for c in slot["claims"]:
        modality = "" if c["modality"] == "asserted" else f" _({c['modality']})_"
        lines.append(f"| {cell(c['id'])} | {cell(c['source'])} | {cell(c['raw_value'])}{modality} "
                     f"| `{cell(c['normalized'])}` | {cell(c['time']['text'])} | {cell(short_span(c['time']['utc']))} "
                     f"| {cell(c['quote'])} | {cell(relations.get(c['id'], ''))} |")
    lines.append("")
    return lines


def _relations_by_claim(slot: dict[str, Any]) -> dict[str, str]:
    found: dict[str, list[str]] = {}
    for edge in slot["edges"]:
        found.setdefault(edge["from"], []).append(f"{edge['relation']} {edge['to']}")
    return {claim: "; ".join(items) for claim, items in found.items()}


def _relations(relations: list[dict[str, Any]]) -> list[str]:
    if not relations:
        return []
    lines = ["## Arithmetic checks", "", "| relation | kind | outcome | expected | stated | explanation |",
             "|---|---|---|---|---|---|"]
    lines += [f"| {cell(r['relation'])} | {r['kind']} | **{r['outcome']}** | `{cell(r['expected'])}` "
              f"| `{cell(r['stated'])}` | {cell(r['explanation'])} |" for r in relations]
    return lines + [""]


def _sources(sources: list[dict[str, Any]]) -> list[str]:
    lines = ["## Sources and trust", "",
             "| source | outlet | published | trust | claims | backed | contradicted | explanation |",
             "|---|---|---|---|---|---|---|---|"]
    for s in sorted(sources, key=lambda s: (-s["trust"], s["id"])):
        published = (s["published"] or "unknown") + (" (estimated)" if s["published_estimated"] else "")
        lines.append(f"| {cell(s['id'])} | {cell(s['outlet'])} | {cell(published)} | {s['trust']:.3f} "
                     f"| {s['claims']} | {s['supported']} | {s['contradicted']} | {cell(s['explanation'])} |")
    lines += ["", "### Provenance", ""]
    chains = [_chain(s) for s in sources if s["reprint_of"] or s["credits"] or s["excerpt_of"] or s["copies"]]
    lines += [f"- {chain}" for chain in chains] or ["- no reprints or credited originals"]
    return lines + [""]


def _chain(source: dict[str, Any]) -> str:
    parts = [f"**{source['id']}** ({source['outlet']})"]
    if source["reprint_of"]:
        parts.append(f"reprints {source['reprint_of']}")
    if source["excerpt_of"]:
        parts.append(f"is a snippet on the page of {source['excerpt_of']}")
    if source["credits"]:
        parts.append("credits " + ", ".join(source["credits"]))
    if source["copies"]:
        parts.append("counted once with " + ", ".join(source["copies"]))
    return cell(" · ".join(parts))


def _diagnostics(diagnostics: list[dict[str, Any]]) -> list[str]:
    if not diagnostics:
        return []
    lines = ["## Claims left out", "", "These claims could not be normalized and are not in the report above.", ""]
    lines += [f"- `{d['file']}:{d['line']}` {cell(d['message'])}" for d in diagnostics]
    return lines + [""]
