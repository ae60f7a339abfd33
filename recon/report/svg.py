"""Charts as inline SVG, drawn from the report document: no plotting library, no network.

- :func:`timeline_chart`: an evolving quantity's claims as value intervals over time
  (a bar per claim; open-ended claims fade upward to their soft bound).
- :func:`trust_chart`: source trust as horizontal bars.
- :func:`slot_graph`: a slot's claims on a circle, edges coloured by relation.
"""

from __future__ import annotations

import datetime as dt
import math
from html import escape
from typing import Any

RELATION_COLOURS = {
    "duplicate": "#9e9e9e", "agrees": "#2e7d32", "refines": "#66bb6a", "evolves": "#1565c0",
    "coexists": "#8e24aa", "conflicts": "#c62828",
}


def _when(iso: str) -> float:
    return dt.datetime.strptime(iso, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.timezone.utc).timestamp()


def _fmt_day(ts: float) -> str:
    return dt.datetime.fromtimestamp(ts, dt.timezone.utc).strftime("%m-%d %H:%M")


def _fmt_num(x: float) -> str:
    if abs(x) >= 1e8:
        return f"{x / 1e8:g}亿"
    if abs(x) >= 1e4:
        return f"{x / 1e4:g}万"
    return f"{x:g}"


def timeline_chart(slot: dict[str, Any], width: int = 900, height: int = 320) -> str:
    """Value intervals over time for the claims of one quantity slot (empty when not drawable).

    Each claim is a vertical bar spanning its value interval, placed at the middle
    of the time it refers to; a thin horizontal whisker shows how long that time
    is (a whole day, a morning). Open-ended values fade upward to their soft bound.
    """
    bars = [c for c in slot["claims"] if c["value"]["kind"] == "quantity" and c["time"]["start"]]
    if len(bars) < 2:
        return ""
    left, right, top, bottom = 70, 190, 16, 46
    t0 = min(_when(c["time"]["start"]) for c in bars)
    t1 = max(_when(c["time"]["end"]) for c in bars)
    v0, v1 = min(c["value"]["lo"] for c in bars), max(_upper(c["value"]) for c in bars)
    pad = (v1 - v0) * 0.08 or abs(v1) * 0.1 or 1.0
    v0, v1 = (v0 - pad if v0 < 0 else max(v0 - pad, 0.0)), v1 + pad
    span_t = (t1 - t0) or 1.0

    def x(t: float) -> float:
        return left + (t - t0) / span_t * (width - left - right)

    def y(v: float) -> float:
        return top + (1 - (v - v0) / (v1 - v0)) * (height - top - bottom)

    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="{escape(slot["label"])} over time">',
             _axes(left, top, width - right, height - bottom)]
    for tick in _ticks(v0, v1):
        parts.append(f'<line x1="{left}" y1="{y(tick):.1f}" x2="{width - right}" y2="{y(tick):.1f}" class="grid"/>'
                     f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" class="tick" text-anchor="end">'
                     f'{escape(_fmt_num(tick))}</text>')
    for tick in _time_ticks(t0, t1):
        parts.append(f'<text x="{x(tick):.1f}" y="{height - bottom + 16}" class="tick" text-anchor="middle">'
                     f'{escape(_fmt_day(tick))}</text>')
    parts.append(f'<text x="{left}" y="{height - 8}" class="tick">time the value refers to (UTC)</text>')
    label_ys: list[float] = []
    for c in sorted(bars, key=lambda c: (_mid(c), c["id"])):
        parts.append(_bar(c, x, y, label_ys))
    parts.append("</svg>")
    return "".join(parts)


def _mid(claim: dict[str, Any]) -> float:
    return (_when(claim["time"]["start"]) + _when(claim["time"]["end"])) / 2


def _time_ticks(t0: float, t1: float) -> list[float]:
    day = 86400.0
    first = math.ceil(t0 / day) * day
    ticks = [first + i * day for i in range(int((t1 - first) // day) + 1)]
    step = max(1, math.ceil(len(ticks) / 8))
    return ticks[::step] or [t0, t1]


def _upper(value: dict[str, Any]) -> float:
    if value["hi"] is not None:
        return float(value["hi"])
    if value["soft_hi"] is not None:
        return float(value["soft_hi"])
    return float(value["lo"]) * 1.15


def _bar(claim: dict[str, Any], x: Any, y: Any, label_ys: list[float]) -> str:
    value, time = claim["value"], claim["time"]
    xs, xe, xm = x(_when(time["start"])), x(_when(time["end"])), x(_mid(claim))
    y_top, y_low = y(_upper(value)), y(value["lo"])
    if y_low - y_top < 3:
        y_top, y_low = y_top - 1.5, y_low + 1.5
    fill = "url(#fade)" if value["hi"] is None else "#1565c0"
    label = f'{claim["raw_value"]} ({claim["source"]})'
    label_y = (y_top + y_low) / 2 + 4
    while any(abs(label_y - other) < 12 for other in label_ys):
        label_y += 12
    label_ys.append(label_y)
    return (f'<g class="bar"><title>{escape(label)}: {escape(claim["normalized"])}, '
            f'{escape(time["text"] or "at publication")} ({escape(time["utc"] or "")})</title>'
            f'<line x1="{xs:.1f}" y1="{(y_top + y_low) / 2:.1f}" x2="{max(xe, xs + 1):.1f}" '
            f'y2="{(y_top + y_low) / 2:.1f}" class="whisker"/>'
            f'<rect x="{xm - 4:.1f}" y="{y_top:.1f}" width="8" height="{y_low - y_top:.1f}" fill="{fill}"/>'
            f'<line x1="{xm + 5:.1f}" y1="{(y_top + y_low) / 2:.1f}" x2="{xm + 12:.1f}" '
            f'y2="{label_y - 4:.1f}" class="leader"/>'
            f'<text x="{xm + 14:.1f}" y="{label_y:.1f}" class="barlabel">{escape(label)}</text></g>')


def _axes(x0: float, y0: float, x1: float, y1: float) -> str:
    return ('<defs><linearGradient id="fade" x1="0" y1="1" x2="0" y2="0">'
            '<stop offset="0" stop-color="#1565c0"/><stop offset="1" stop-color="#1565c0" stop-opacity="0.05"/>'
            '</linearGradient></defs>'
            f'<line x1="{x0}" y1="{y1}" x2="{x1}" y2="{y1}" class="axis"/>'
            f'<line x1="{x0}" y1="{y0}" x2="{x0}" y2="{y1}" class="axis"/>')


def _ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    raw = (hi - lo) / count
    step = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1.0
    for factor in (1, 2, 5, 10):
        if raw <= step * factor:
            step *= factor
            break
    first = math.ceil(lo / step) * step
    return [first + i * step for i in range(count + 2) if first + i * step <= hi]


def trust_chart(sources: list[dict[str, Any]], width: int = 760) -> str:
    rows = sorted(sources, key=lambda s: (-s["trust"], s["id"]))
    bar_h, left = 20, 230
    height = bar_h * len(rows) + 10
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="source trust">']
    for i, s in enumerate(rows):
        y = i * bar_h + 4
        w = s["trust"] * (width - left - 60)
        parts.append(f'<text x="{left - 8}" y="{y + 13}" class="tick" text-anchor="end">'
                     f'{escape(s["id"])} · {escape(s["outlet"][:22])}</text>'
                     f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar_h - 6}" fill="#546e7a">'
                     f'<title>{escape(s["explanation"])}</title></rect>'
                     f'<text x="{left + w + 6:.1f}" y="{y + 13}" class="tick">{s["trust"]:.3f}</text>')
    parts.append("</svg>")
    return "".join(parts)


def slot_graph(slot: dict[str, Any], size: int = 260) -> str:
    claims = slot["claims"]
    if len(claims) < 2:
        return ""
    centre, radius = size / 2, size / 2 - 46
    pos = {c["id"]: (centre + radius * math.cos(2 * math.pi * i / len(claims) - math.pi / 2),
                     centre + radius * math.sin(2 * math.pi * i / len(claims) - math.pi / 2))
           for i, c in enumerate(claims)}
    parts = [f'<svg class="graph" viewBox="0 0 {size} {size}" role="img" aria-label="relations between claims">']
    for e in slot["edges"]:
        (x1, y1), (x2, y2) = pos[e["from"]], pos[e["to"]]
        dash = ' stroke-dasharray="4 3"' if e["relation"] in ("duplicate", "coexists") else ""
        parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                     f'stroke="{RELATION_COLOURS[e["relation"]]}" stroke-width="2"{dash}>'
                     f'<title>{escape(e["relation"])}: {escape(e["reason"])}</title></line>')
    for c in claims:
        cx, cy = pos[c["id"]]
        parts.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="6" fill="#37474f"><title>{escape(c["id"])}: '
                     f'{escape(c["raw_value"])}</title></circle>'
                     f'<text x="{cx:.1f}" y="{cy - 10:.1f}" class="node" text-anchor="middle">'
                     f'{escape(c["source"])}</text>')
    parts.append("</svg>")
    return "".join(parts)


def legend() -> str:
    return "".join(f'<span class="key"><i style="background:{colour}"></i>{escape(name)}</span>'
                   for name, colour in RELATION_COLOURS.items())
