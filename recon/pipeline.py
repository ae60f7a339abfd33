"""The whole pipeline in one call: load → check → normalize → graph → score → judge."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recon.corpus import load_corpus
from recon.diagnostics import ReconError, has_errors
from recon.reconcile import Result, reconcile

Progress = Callable[[str], None] | None


def load_and_reconcile(claims_dir: Path, progress: Progress = None) -> Result:
    """Reconcile a claims folder; a folder that does not lint clean is refused with its first problems."""
    _say(progress, f"loading {claims_dir}")
    corpus, diagnostics = load_corpus(claims_dir, display_base=claims_dir.resolve().parent)
    if has_errors(diagnostics):
        shown = "\n".join(d.format_text() for d in diagnostics if d.severity == "error")
        raise ReconError(f"the claims do not load cleanly; fix these first (`recon lint {claims_dir}`):\n{shown}")
    _say(progress, f"reconciling {len(corpus.claims)} claims from {len(corpus.sources)} sources")
    return reconcile(corpus)


def _say(progress: Progress, message: str) -> None:
    if progress is not None:
        progress(message)
