"""`recon lint`: load a claims folder, collect every diagnostic, filter by rule and file.

The run, in order: load the corpus (rules Y, S, R, G); refuse symlinked files
that leave it (Y009); check the alias table (A001); when the load has no
errors (of the selected rules), reconcile it and report conflicts (C001, minus
the baseline's), stale baseline entries (C003), violated arithmetic relations
(C002) and same-source duplicates (D001) — otherwise only normalize (N001,
N002) and say that the rest was skipped. Last, keep what the named files,
``--diff`` and the rule selection ask for.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from recon.baseline import BASELINE_NAME, Baseline, Conflict, read_baseline, write_baseline
from recon.corpus import VOCAB_DIR, YAML_SUFFIXES, Corpus, corpus_root, load_corpus
from recon.diagnostics import IN_ORDER, Diagnostic, ReconError, has_errors
from recon.gc_pause import gc_paused
from recon.lint_config import LintConfig, find_config
from recon.rules import RULES

if TYPE_CHECKING:
    from recon.normalize.claims import NormalizedClaim

#: Rules that need the reconciled corpus: they run only when it loads without errors.
RECONCILIATION_RULES = ("C001", "C002", "C003", "D001")
NORMALIZATION_RULES = ("N001", "N002", "N003")


@dataclass
class LintResult:
    corpus: Corpus
    diagnostics: list[Diagnostic]
    conflicts: list[Conflict] = field(default_factory=list)  # every conflict found, baselined or not
    baseline: Baseline | None = None
    reconciled: bool = False
    skipped_reconciliation: bool = False  # C and D rules were wanted but the corpus has errors

    @property
    def failed(self) -> bool:
        return has_errors(self.diagnostics)


@dataclass
class Findings:
    """What the reconciliation-aware rules found before the baseline and the filters."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    judged: set[str] = field(default_factory=set)  # ids of the claims that were normalized and compared
    reconciled: bool = False


def lint(paths: Sequence[Path], select: Iterable[str] | None = None, ignore: Iterable[str] | None = None,
         display_base: Path | None = None, baseline: Path | None = None, diff: str | None = None,
         write_baseline_file: bool = False, config: LintConfig | None = None) -> LintResult:
    """Lint the corpus the paths belong to; report findings in the named files (all, for a folder).

    ``select``/``ignore``/``baseline`` left as None come from ``[tool.recon]`` (``config``, else the
    nearest pyproject.toml). ``diff`` keeps findings in files changed since that git revision.
    ``write_baseline_file`` first records every current conflict as acknowledged.
    """
    with gc_paused():  # the run keeps millions of objects alive and makes few cycles: see recon.gc_pause
        return _lint(paths, select, ignore, display_base, baseline, diff, write_baseline_file, config)


def _lint(paths: Sequence[Path], select: Iterable[str] | None, ignore: Iterable[str] | None,
          display_base: Path | None, baseline: Path | None, diff: str | None, write_baseline_file: bool,
          config: LintConfig | None) -> LintResult:
    base = (display_base or Path.cwd()).resolve()
    root = corpus_root(paths)
    check_paths(paths, root)
    settings = config if config is not None else find_config(root)
    chosen = tuple(settings.select or ()) if select is None else tuple(select)
    dropped = tuple(settings.ignore or ()) if ignore is None else tuple(ignore)
    check_codes(chosen, settings.origin if select is None else "the command line")
    check_codes(dropped, settings.origin if ignore is None else "the command line")
    changed = changed_files(root, diff) if diff is not None else None
    corpus, diagnostics = load_corpus(root, base)
    if not corpus.where and not diagnostics:  # nothing loaded, and nothing failed to
        raise ReconError(f"{root}: no claim or vocabulary files (.yaml) here or below; name a claims folder")
    diagnostics += outside_files(root, base)
    if is_wanted("A001", chosen, dropped):
        diagnostics += alias_diagnostics(corpus)
    wants_reconciliation = write_baseline_file or any(is_wanted(c, chosen, dropped) for c in RECONCILIATION_RULES)
    clean = not any(d.severity == "error" and is_wanted(d.code, chosen, dropped) for d in diagnostics)
    findings = reconciliation_findings(corpus, loaded_cleanly=clean, reconcile_it=wants_reconciliation,
                                       normalize_it=not corpus.unread_vocabulary  # its terms may be there
                                       and any(is_wanted(c, chosen, dropped) for c in NORMALIZATION_RULES))
    known = _baseline(root, baseline, settings, findings, write_baseline_file)
    diagnostics += split_time_problems(corpus, findings.diagnostics)
    diagnostics += conflict_diagnostics(corpus, findings.conflicts, known)
    if findings.reconciled:
        diagnostics += stale_baseline_diagnostics(corpus, findings, known, base)
    skipped = wants_reconciliation and not findings.reconciled
    everywhere = diagnostics
    for wanted in (_files_filter(paths), changed):
        wanted = _reach(wanted, corpus, base, known.path)
        if wanted is not None:
            diagnostics = [d for d in diagnostics if _resolve(d.file, base) in wanted]
    if skipped and (changed is None or _any_claim_file(changed, root)):
        # errors elsewhere kept the conflict checks of the files in question from running: they count here too
        shown = {id(d) for d in diagnostics}
        diagnostics += [d for d in everywhere if d.severity == "error" and id(d) not in shown]
    kept = sorted((d for d in diagnostics if is_wanted(d.code, chosen, dropped)), key=IN_ORDER)
    return LintResult(corpus, kept, findings.conflicts, known, findings.reconciled, skipped)


def _baseline(root: Path, given: Path | None, settings: LintConfig, findings: Findings, write: bool) -> Baseline:
    path = (given or settings.baseline or root / BASELINE_NAME).resolve()
    if not write:
        return read_baseline(path, required=path != root / BASELINE_NAME)
    if not findings.reconciled:
        raise ReconError("cannot write a baseline: the corpus has errors, so its conflicts are unknown; "
                         "run `recon lint` without --write-baseline to see them")
    return write_baseline(path, findings.conflicts)


# -- rule selection ------------------------------------------------------------


def check_codes(codes: Iterable[str], origin: str = "the command line") -> None:
    for code in codes:
        if not code or not any(rule.startswith(code) for rule in RULES):
            raise ReconError(f"unknown rule code '{code}' (from {origin}); `recon lint --list-rules` lists them")


def is_wanted(code: str, select: tuple[str, ...], ignore: tuple[str, ...]) -> bool:
    """A code is reported when it starts with a selected prefix (or none is selected) and no ignored one."""
    return (not select or code.startswith(select)) and not (ignore and code.startswith(ignore))


def filter_rules(diagnostics: list[Diagnostic], select: Iterable[str], ignore: Iterable[str]) -> list[Diagnostic]:
    """Keep diagnostics whose code starts with a selected prefix and no ignored one."""
    select, ignore = tuple(select), tuple(ignore)
    check_codes(select + ignore)
    return [d for d in diagnostics if is_wanted(d.code, select, ignore)]


# -- the reconciliation-aware rules ----------------------------------------------


def reconciliation_findings(corpus: Corpus, loaded_cleanly: bool, reconcile_it: bool = True,
                            normalize_it: bool = True) -> Findings:
    """Normalize, and when the corpus loaded cleanly reconcile it: conflicts, relations, duplicates.

    Errors of rules the run does not report do not count against a clean load; work whose
    rules are all deselected is skipped.
    """
    if not (loaded_cleanly and reconcile_it):
        if not normalize_it:
            return Findings()
        from recon.normalize.claims import normalize_corpus

        normalized, problems = normalize_corpus(corpus)
        return Findings(problems + normalized_field_diagnostics(corpus, normalized))
    from recon.reconcile import relate_corpus, relation_checks
    from recon.relations import RelationKind

    related = relate_corpus(corpus)
    findings = Findings(list(related.problems) + normalized_field_diagnostics(corpus, related.claims),
                        judged={c.id for c in related.claims}, reconciled=True)
    duplicates: list[tuple[str, str]] = []
    for slot, edge in related.table.edges_of_kind(RelationKind.CONFLICTS):
        a, b = edge.first_claim, edge.second_claim
        if a.counts_as_evidence and b.counts_as_evidence:
            findings.conflicts.append(Conflict.between(related.slots[slot].key, a.id, b.id, edge.reason))
    for _, edge in related.table.edges_of_kind(RelationKind.DUPLICATE):
        a, b = edge.first_claim, edge.second_claim
        if a.counts_as_evidence and b.counts_as_evidence and a.source.id == b.source.id and _same_time(a, b):
            duplicates.append((a.id, b.id))
    findings.conflicts.sort(key=lambda c: c.key)
    findings.diagnostics += duplicate_diagnostics(corpus, duplicates)
    for check in relation_checks(corpus, related):
        if check.outcome == "violated":
            findings.diagnostics.append(Diagnostic.at(
                corpus.location("relation", check.relation), "warning", "C002",
                f"relation '{check.relation}' does not hold: {check.explanation}; "
                "check the claims of these slots, or the relation"))
    return findings


def normalized_field_diagnostics(corpus: Corpus, claims: Iterable[NormalizedClaim]) -> list[Diagnostic]:
    """N003 where a claim's optional ``normalized:`` field is not the normal form recon reads in its value
    (as the report prints it; a quantity's ``soft_hi=`` may be left out)."""
    found = []
    for claim in claims:
        asserted = claim.claim.normalized
        if asserted is None:
            continue
        read = claim.value.format()
        if " ".join(asserted.split()) not in (read, _SOFT_BOUND.sub("", read)):
            found.append(Diagnostic.at(
                corpus.location("claim", claim.id, "normalized"), "error", "N003",
                f"normalized is '{asserted}', but recon reads '{claim.claim.value}' as '{read}'; "
                "fix the value, or the normalized field (or remove it)"))
    return found


_SOFT_BOUND = re.compile(r" soft_hi=\S+")


def _same_time(a: NormalizedClaim, b: NormalizedClaim) -> bool:
    """The same interval, however it is worded (11 月 20 日 / 11月20日)."""
    if a.as_of is None or b.as_of is None:
        return a.as_of is b.as_of
    return (a.as_of.start, a.as_of.end) == (b.as_of.start, b.as_of.end)


def conflict_diagnostics(corpus: Corpus, conflicts: list[Conflict], baseline: Baseline) -> list[Diagnostic]:
    """C001 at the value of each claim of a conflict the baseline does not acknowledge."""
    found = []
    for conflict in conflicts:
        if conflict in baseline:
            continue
        for this, other in (conflict.claims, conflict.claims[::-1]):
            found.append(Diagnostic.at(
                corpus.location("claim", this, "value"), "error", "C001",
                f"conflicts with claim '{other}' at {corpus.location('claim', other, 'value')}: {conflict.reason}; "
                "fix the claim, or acknowledge the disagreement with `recon lint --write-baseline`"))
    return found


def stale_baseline_diagnostics(corpus: Corpus, findings: Findings, baseline: Baseline, base: Path) -> list[Diagnostic]:
    """C003 for acknowledged conflicts that are gone: a claim was removed, or the claims now agree."""
    current = {c.key for c in findings.conflicts}
    display = _display(baseline.path, base)
    found = []
    for key, conflict in sorted(baseline.conflicts.items()):
        if key in current:
            continue
        if any(c in corpus.claims and c not in findings.judged for c in conflict.claims):
            continue  # a claim could not be normalized (reported as N001/N002): the conflict is unknown
        found.append(Diagnostic(display, baseline.line_of(key), 1, "warning", "C003",
                                f"baselined conflict {conflict.label} no longer occurs; "
                                "run `recon lint --write-baseline` to drop it"))
    return found


def duplicate_diagnostics(corpus: Corpus, pairs: list[tuple[str, str]]) -> list[Diagnostic]:
    """D001 at every claim that repeats an earlier-written one of its source (slot, value and time)."""
    where = {c: corpus.location("claim", c) for pair in pairs for c in pair}
    parent: dict[str, str] = {}  # claim id → a claim it repeats, written earlier; roots are the originals

    def original_of(claim_id: str) -> str:
        while parent.get(claim_id, claim_id) != claim_id:
            claim_id = parent[claim_id]
        return claim_id

    for a, b in pairs:
        keep, drop = sorted((original_of(a), original_of(b)), key=lambda c: (where[c], c))
        if keep != drop:
            parent[drop] = keep
    first = {claim_id: original_of(claim_id) for claim_id in where}
    return [Diagnostic.at(where[claim_id], "warning", "D001",
                          f"claim '{claim_id}' repeats claim '{original}' at {where[original]} (same source, "
                          "slot, value and time); remove one, or give each the time it refers to")
            for claim_id, original in sorted(first.items()) if claim_id != original]


def split_time_problems(corpus: Corpus, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Normalization problems at a claim's ``time`` become N002 (the value's stay N001)."""
    files = {d.file for d in diagnostics if d.code == "N001"}
    if not files:
        return diagnostics
    time_spots = {corpus.location("claim", claim_id, "time") for claim_id, claim in corpus.claims.items()
                  if claim.time is not None and corpus.where[("claim", claim_id)].path in files}
    return [Diagnostic(d.file, d.line, d.column, d.severity, "N002", d.message)
            if d.code == "N001" and d.location in time_spots else d for d in diagnostics]


def alias_diagnostics(corpus: Corpus) -> list[Diagnostic]:
    """A001 at each name that squashes to the same key as a name of another entity."""
    from recon.normalize.names import AliasIndex, AliasTableError
    from recon.normalize.script import squash_key

    try:
        shared = AliasIndex({e.id: e.names for e in corpus.entities.values()}).conflicts()
    except AliasTableError:
        return []  # malformed names were reported as S001
    found = []
    for key, owners in shared:
        spots = {entity_id: [(corpus.location("entity", entity_id, "names", i), name)
                             for i, name in enumerate(corpus.entities[entity_id].names) if squash_key(name) == key]
                 for entity_id in owners}
        for entity_id, names in spots.items():
            others = ", ".join(f"'{o}' ({spots[o][0][0]})" for o in owners if o != entity_id and spots[o])
            for where, name in names:
                found.append(Diagnostic.at(where, "warning", "A001",
                                           f"name '{name}' of '{entity_id}' is also a name of {others}: a mention "
                                           "of it resolves to neither; keep it on one entity"))
    return found


# -- files -----------------------------------------------------------------------


def outside_files(root: Path, base: Path) -> list[Diagnostic]:
    """Y009 for YAML symlinks under the corpus that lead outside it; Y005 for broken ones (never read)."""
    found = []
    for path in sorted(root.rglob("*")):
        if path.suffix not in YAML_SUFFIXES or not path.is_symlink():
            continue
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            found.append(Diagnostic(_display(path, base), 1, 1, "error", "Y005",
                                    "broken symlink: the file it points to does not exist; fix or remove it"))
            continue
        if not target.is_relative_to(root):
            found.append(Diagnostic(_display(path, base), 1, 1, "error", "Y009",
                                    f"symlink to {target}, outside the corpus folder; copy the file into the corpus"))
    return found


def changed_files(root: Path, revision: str) -> set[Path]:
    """Files changed since a git revision (and untracked ones), as resolved paths."""
    if not revision or revision.startswith("-"):
        raise ReconError(f"--diff: '{revision}' is not a git revision; name one, e.g. --diff origin/main")
    top = _git(root, "rev-parse", "--show-toplevel",
               failure=f"--diff needs a git repository, and {root} is not in one").strip()
    _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}",
         failure=f"--diff: unknown git revision '{revision}'; fetch it first (in CI: fetch-depth: 0)")
    listed = _git(root, "diff", "--no-relative", "--name-only", "-z", revision, "--",
                  failure=f"--diff: git diff {revision} failed")
    listed += _git(root, "ls-files", "--others", "--exclude-standard", "-z", "--full-name", ":/",
                   failure="--diff: git ls-files failed")
    return {(Path(top) / name).resolve() for name in listed.split("\0") if name}


def _git(cwd: Path, *args: str, failure: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=120, check=False)
    except FileNotFoundError:
        raise ReconError("--diff needs git, and it is not installed") from None
    except subprocess.TimeoutExpired:
        raise ReconError(f"{failure} (git timed out)") from None
    if done.returncode != 0:
        detail = done.stderr.strip().splitlines()
        raise ReconError(failure + (f" ({detail[-1]})" if detail else ""))
    return done.stdout


def _any_claim_file(files: set[Path], root: Path) -> bool:
    return any(f.suffix.lower() in YAML_SUFFIXES and root in f.parents for f in files)


def check_paths(paths: Sequence[Path], root: Path) -> None:
    """Every named path lies in the one corpus the run loads."""
    for path in paths:
        if not path.exists():
            raise ReconError(f"{path}: no such file or folder")
        own = corpus_root([path])
        if own != root:
            where = (f"belongs to the corpus in {own}" if (own / VOCAB_DIR).is_dir()
                     else "is in no corpus (no vocab/ above it)")
            raise ReconError(f"{path} {where}, not to the one in {root}; name only files of one corpus "
                             "(lint each corpus in a run of its own)")


def _files_filter(paths: Sequence[Path]) -> set[Path] | None:
    """The named files, or None when a folder is named."""
    if any(p.is_dir() for p in paths):
        return None
    return {p.resolve() for p in paths}


def _reach(files: set[Path] | None, corpus: Corpus, base: Path, baseline: Path) -> set[Path] | None:
    """The files whose findings count when ``files`` are named (or changed): None for all when a
    vocabulary file (every claim may use it) or the baseline (it acknowledges conflicts anywhere) is
    among them; an archived text brings the claim file of its source (whose quotes it grounds)."""
    if files is None or baseline.resolve() in files or any(VOCAB_DIR in f.relative_to(corpus.root).parts[:-1]
                                                           for f in files if f.is_relative_to(corpus.root)):
        return None
    reach = set(files)
    for source_id, text in corpus.texts.items():
        if text.path.resolve() in files and ("source", source_id) in corpus.where:
            reach.add(_resolve(corpus.where[("source", source_id)].path, base))
    return reach


def _resolve(file: str, base: Path) -> Path:
    return (base / file).resolve()


def _display(path: Path, base: Path) -> str:
    try:
        return str(path.relative_to(base))
    except ValueError:
        return str(path)
