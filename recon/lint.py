"""`recon lint`: load a claims folder, collect every diagnostic, filter by rule."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from recon.corpus import Corpus, corpus_root, load_corpus
from recon.diagnostics import Diagnostic, ReconError, has_errors
from recon.rules import RULES


@dataclass
class LintResult:
    corpus: Corpus
    diagnostics: list[Diagnostic]

    @property
    def failed(self) -> bool:
        return has_errors(self.diagnostics)


def lint(paths: Sequence[Path], select: Iterable[str] = (), ignore: Iterable[str] = (),
         display_base: Path | None = None) -> LintResult:
    """Lint the corpus the paths belong to; report findings in the named files (all, for a folder)."""
    root = corpus_root(paths)
    corpus, diagnostics = load_corpus(root, display_base)
    diagnostics = sorted(diagnostics + normalization_diagnostics(corpus))
    wanted = _files_filter(paths, display_base or Path.cwd())
    diagnostics = [d for d in diagnostics if wanted is None or _resolve(d.file, display_base) in wanted]
    return LintResult(corpus, filter_rules(diagnostics, select, ignore))


def normalization_diagnostics(corpus: Corpus) -> list[Diagnostic]:
    """Values and times the parsers cannot read (N rules)."""
    from recon.normalize.claims import normalize_corpus

    return normalize_corpus(corpus)[1]


def filter_rules(diagnostics: list[Diagnostic], select: Iterable[str], ignore: Iterable[str]) -> list[Diagnostic]:
    """Keep diagnostics whose code starts with a selected prefix and no ignored one."""
    select, ignore = tuple(select), tuple(ignore)
    for code in select + ignore:
        if not any(rule.startswith(code) for rule in RULES):
            raise ReconError(f"unknown rule code '{code}'; `recon lint --list-rules` lists them")
    return [d for d in diagnostics
            if (not select or d.code.startswith(select)) and not (ignore and d.code.startswith(ignore))]


def _files_filter(paths: Sequence[Path], base: Path) -> set[Path] | None:
    if any(p.is_dir() for p in paths):
        return None
    return {p.resolve() for p in paths}


def _resolve(file: str, base: Path | None) -> Path:
    return ((base or Path.cwd()) / file).resolve()
