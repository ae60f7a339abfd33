"""The report as one self-contained HTML page: navigable, filterable, with charts.

No external assets and no network: styles, script and SVG charts are inline.
Every string from the claim files goes through :func:`html.escape`, so a
quote containing ``<script>`` is shown as text.
"""

from __future__ import annotations

from html import escape
from typing import Any

from recon.report.markdown import SECTIONS, short_span
from recon.report.svg import legend, slot_graph, timeline_chart, trust_chart

STYLE = """
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","PingFang SC",sans-serif;margin:0;
color:#212121;background:#fafafa}
header{background:#263238;color:#fff;padding:18px 28px}header h1{margin:0;font-size:22px}
header p{margin:4px 0 0;color:#cfd8dc}
nav{position:sticky;top:0;background:#eceff1;padding:10px 28px;border-bottom:1px solid #cfd8dc;z-index:2}
nav label{margin-right:14px}main{display:flex;gap:24px;padding:20px 28px}
#index{flex:0 0 250px;font-size:13px;max-height:85vh;overflow:auto;position:sticky;top:60px}
#index a{display:block;color:#37474f;text-decoration:none;padding:2px 0}#index a:hover{text-decoration:underline}
#content{flex:1;min-width:0}section.slot{background:#fff;border:1px solid #e0e0e0;border-radius:6px;
padding:14px 18px;margin:0 0 18px}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;color:#fff;font-size:12px;font-weight:600}
.conflict{background:#c62828}.evolving{background:#1565c0}.compatible{background:#558b2f}
.agree{background:#2e7d32}.single{background:#757575}
table{border-collapse:collapse;width:100%;font-size:13px;margin:8px 0}
th,td{border-bottom:1px solid #eee;text-align:left;padding:4px 6px;vertical-align:top}
th{background:#f5f5f5}td.quote{max-width:420px}code{font-size:12px;color:#455a64}
.chart{width:100%;max-width:900px;height:auto}.grid{stroke:#eceff1}.whisker{stroke:#90caf9;stroke-width:2}
.leader{stroke:#b0bec5}.graph{width:240px;height:240px;float:right;margin-left:12px}
.tick{font-size:11px;fill:#546e7a}.barlabel{font-size:10px;fill:#263238}.node{font-size:10px;fill:#263238}
.axis{stroke:#90a4ae}.key{margin-right:10px;font-size:12px}.key i{display:inline-block;width:14px;height:4px;
margin-right:4px;vertical-align:middle}.explain{color:#37474f}.hidden{display:none}
h2{border-bottom:2px solid #cfd8dc;padding-bottom:4px}
"""

SCRIPT = """
function applyFilters(){
  const verdict=document.getElementById('f-verdict').value, source=document.getElementById('f-source').value;
  document.querySelectorAll('section.slot').forEach(s=>{
    const ok=(!verdict||s.dataset.verdict===verdict)&&(!source||s.dataset.sources.split(' ').includes(source));
    s.classList.toggle('hidden',!ok);
    const link=document.querySelector('#index a[href="#'+s.id+'"]'); if(link) link.classList.toggle('hidden',!ok);
  });
}
document.querySelectorAll('nav select').forEach(e=>e.addEventListener('change',applyFilters));
"""


def render_html(doc: dict[str, Any]) -> str:
    summary = doc["summary"]
    v = summary["verdicts"]
    sources = sorted({c["source"] for s in doc["slots"] for c in s["claims"]})
    parts = [
        "<!DOCTYPE html>", '<html lang="zh-Hans"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Discrepancy report</title>", f"<style>{STYLE}</style></head><body>",
        "<header><h1>Discrepancy report</h1>",
        f"<p>{summary['sources']} sources · {summary['claims']} claims"
        + (f" (and {len(doc['diagnostics'])} left out: see the end)" if doc["diagnostics"] else "")
        + f" · {summary['slots']} slots · "
        f"<b>{v['conflict']} conflicts</b> · {v['evolving']} evolving · {v['compatible']} compatible · "
        f"{v['agree']} agreeing · {v['single']} single-source · "
        f"{summary['relation_violations']} arithmetic violation(s)</p></header>",
        _filters(sources), "<main>", _index(doc["slots"]), '<div id="content">',
    ]
    for verdict, title, blurb in SECTIONS:
        slots = [s for s in doc["slots"] if s["verdict"] == verdict]
        if slots:
            parts.append(f'<h2 id="sec-{verdict}">{escape(title)} ({len(slots)})</h2><p>{escape(blurb)}</p>')
            if verdict == "evolving":
                parts += _evolving_overview(slots)
            parts += [_slot(s) for s in slots]
    parts += _relations(doc["relations"]) + _sources(doc["sources"]) + _left_out(doc["diagnostics"])
    parts += ["</div></main>", f"<script>{SCRIPT}</script></body></html>"]
    return "\n".join(parts) + "\n"


def _filters(sources: list[str]) -> str:
    verdicts = "".join(f'<option value="{v}">{escape(t)}</option>' for v, t, _ in SECTIONS)
    options = "".join(f'<option value="{escape(s)}">{escape(s)}</option>' for s in sources)
    return ('<nav><label>Verdict <select id="f-verdict"><option value="">all</option>'
            f"{verdicts}</select></label>"
            f'<label>Source <select id="f-source"><option value="">all</option>{options}</select></label>'
            f"{legend()}</nav>")


def _index(slots: list[dict[str, Any]]) -> str:
    links = "".join(f'<a href="#{escape(s["id"])}"><span class="badge {s["verdict"]}">{s["verdict"][:4]}</span> '
                    f'{escape(s["label"])} · {escape(s["subject"])}</a>' for s in slots)
    return f'<aside id="index"><b>Slots</b>{links}</aside>'


def _evolving_overview(slots: list[dict[str, Any]]) -> list[str]:
    charts = [(s, timeline_chart(s)) for s in sorted(slots, key=lambda s: -len(s["claims"]))]
    charts = [(s, chart) for s, chart in charts if chart]
    if not charts:
        return []
    parts = []
    for slot, chart in charts:
        parts.append(f'<h3>{escape(slot["label"])} · {escape(slot["subject"])}</h3>{chart}')
    return parts


def _slot(slot: dict[str, Any]) -> str:
    sources = " ".join(sorted({c["source"] for c in slot["claims"]}))
    best = "".join(f"<tr><td>{escape(b['value'])}</td><td><code>{escape(b['normalized'])}</code></td>"
                   f"<td>{escape(b['as_of_text'] or b['as_of'] or '')}</td><td>{b['support']:.2f}</td>"
                   f"<td>{escape(', '.join(b['claims']))}</td></tr>" for b in slot["best"])
    edges: dict[str, list[str]] = {}
    for e in slot["edges"]:
        edges.setdefault(e["from"], []).append(f"{e['relation']} {e['to']}")
    rows = "".join(
        f"<tr><td>{escape(c['id'])}</td><td>{escape(c['source'])}</td><td>{escape(c['raw_value'])}"
        f"{'' if c['modality'] == 'asserted' else ' <i>(' + escape(c['modality']) + ')</i>'}</td>"
        f"<td><code>{escape(c['normalized'])}</code></td><td>{escape(c['time']['text'] or 'at publication')}"
        f"<br><code>{escape(short_span(c['time']['utc']))}</code></td><td class=\"quote\">{escape(c['quote'])}</td>"
        f"<td>{escape('; '.join(edges.get(c['id'], [])))}</td><td>{c['confidence']:.2f}</td></tr>"
        for c in slot["claims"])
    return (f'<section class="slot" id="{escape(slot["id"])}" data-verdict="{slot["verdict"]}" '
            f'data-sources="{escape(sources)}">{slot_graph(slot)}'
            f'<h3>{escape(slot["label"])}: {escape(slot["subject"])}'
            f'{" · " + escape(slot["object"]) if slot["object"] else ""} '
            f'<span class="badge {slot["verdict"]}">{slot["verdict"]}</span></h3>'
            f'<p class="explain">confidence {slot["confidence"]:.2f} · {escape(slot["explanation"])}</p>'
            f"<table><tr><th>best value</th><th>normalized</th><th>as of</th><th>support</th><th>claims</th></tr>"
            f"{best}</table>"
            f"<table><tr><th>claim</th><th>source</th><th>as written</th><th>normalized</th><th>time</th>"
            f"<th>quote</th><th>relations</th><th>conf.</th></tr>{rows}</table></section>")


def _relations(relations: list[dict[str, Any]]) -> list[str]:
    if not relations:
        return []
    rows = "".join(f"<tr><td>{escape(r['relation'])}</td><td>{escape(r['kind'])}</td><td><b>{escape(r['outcome'])}"
                   f"</b></td><td>{escape(r['explanation'])}</td></tr>" for r in relations)
    return ['<h2 id="relations">Arithmetic checks</h2>',
            f"<table><tr><th>relation</th><th>kind</th><th>outcome</th><th>explanation</th></tr>{rows}</table>"]


def _left_out(diagnostics: list[dict[str, Any]]) -> list[str]:
    """The claims that could not be normalized, where they are written and why."""
    if not diagnostics:
        return []
    items = "".join(f"<li><code>{escape(d['file'])}:{d['line']}</code> {escape(d['message'])}</li>"
                    for d in diagnostics)
    return ['<h2 id="left-out">Claims left out</h2>',
            "<p>These claims could not be normalized and are not in the report above.</p>", f"<ul>{items}</ul>"]


def _sources(sources: list[dict[str, Any]]) -> list[str]:
    rows = "".join(
        f"<tr><td>{escape(s['id'])}</td><td>{escape(s['outlet'])}</td><td>{escape(s['published'] or 'unknown')}"
        f"{' (est.)' if s['published_estimated'] else ''}</td><td>{s['trust']:.3f}</td><td>{s['claims']}</td>"
        f"<td>{escape(s['reprint_of'] or '')}</td><td>{escape(', '.join(s['credits']))}</td>"
        f"<td>{escape(s['explanation'])}</td></tr>" for s in sorted(sources, key=lambda s: (-s["trust"], s["id"])))
    return ['<h2 id="sources">Sources and trust</h2>', trust_chart(sources),
            "<table><tr><th>source</th><th>outlet</th><th>published</th><th>trust</th><th>claims</th>"
            f"<th>reprint of</th><th>credits</th><th>explanation</th></tr>{rows}</table>"]
