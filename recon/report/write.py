"""Writing the report files: deterministic bytes, atomic writes, generated-file guard."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from recon.atomic import GENERATED_MARK, check_overwritable, write_atomic
from recon.diagnostics import ReconError
from recon.report.html import render_html
from recon.report.markdown import render_markdown

FORMATS = ("md", "html", "json")
FILE_NAMES = {"md": "discrepancies.md", "html": "discrepancies.html", "json": "discrepancies.json"}


def render(doc: dict[str, Any], fmt: str) -> str:
    if fmt == "md":
        return f"<!-- {GENERATED_MARK} report: do not edit; run `recon report` -->\n" + render_markdown(doc)
    if fmt == "html":
        return render_html(doc).replace("<head>", f"<head><!-- {GENERATED_MARK} report -->", 1)
    return json.dumps({"generator": GENERATED_MARK} | doc, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def write_reports(doc: dict[str, Any], out_dir: Path, formats: Iterable[str], force: bool = False) -> list[Path]:
    """Write each format to out_dir; check every target first so nothing is half-written."""
    if out_dir.exists() and not out_dir.is_dir():
        raise ReconError(f"--out {out_dir} is a file; name a folder for the reports (it is made if missing)")
    targets = [(fmt, out_dir / FILE_NAMES[fmt]) for fmt in formats]
    for _, path in targets:
        check_overwritable(path, force)
    for fmt, path in targets:
        write_atomic(path, render(doc, fmt))
    return [path for _, path in targets]
