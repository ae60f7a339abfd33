"""The HTML report in a real headless browser (Debian's chromium; skipped with a reason when absent)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from recon.pipeline import load_and_reconcile
from recon.report.document import build_document
from recon.report.write import render
from tests.corpus_builder import source, write

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (.ci/run installs Debian's chromium)")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
NOON = "2023-11-22T12:00:00+08:00"


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / "profile"
    return subprocess.run([CHROMIUM or "chromium", *FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=120, check=False)


def page(tmp_path: Path) -> Path:
    attack = '<img src=x onerror="document.title=\'pwned\'"> 超过 700 人'
    corpus = write(tmp_path / "claims", [
        source("a", "2023-11-20T23:00:00+08:00", [{"subject": "letter", "property": "signatories",
                                                   "value": "近 500 名", "time": "11月 20 日"}]),
        source("b", NOON, [{"subject": "letter", "property": "signatories", "value": "超过 700 人", "quote": attack}]),
        source("c", NOON, [{"subject": "letter", "property": "signatories", "value": "738人"}]),
    ])
    html = tmp_path / "report.html"
    html.write_text(render(build_document(load_and_reconcile(corpus)), "html"), encoding="utf-8")
    return html


def test_hostile_quote_does_not_run_in_the_browser(tmp_path: Path) -> None:
    result = chromium(tmp_path, "--dump-dom", page(tmp_path).as_uri())
    assert "<title>Discrepancy report</title>" in result.stdout
    assert "pwned" not in result.stdout.split("<body", 1)[0]
    assert "&lt;img src=x onerror=" in result.stdout


def test_report_renders_to_a_screenshot(tmp_path: Path) -> None:
    shot = tmp_path / "shot.png"
    chromium(tmp_path, "--window-size=1280,1600", f"--screenshot={shot}", page(tmp_path).as_uri())
    assert shot.exists() and shot.stat().st_size > 20_000
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
