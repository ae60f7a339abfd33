"""The `recon` command line: a thin layer over the library.

Only click is imported at start-up; each command imports the library it needs,
so `recon --help` and shell completion stay instant.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="recon")
def main() -> None:
    """Reconcile facts across sources: find where they disagree and whom to trust."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "json", "github", "sarif"]),
              default="text", show_default=True, help="How to print the findings.")
@click.option("--select", multiple=True, metavar="CODE",
              help="Report only these rule codes (prefixes allowed; repeat or separate by commas).")
@click.option("--ignore", multiple=True, metavar="CODE",
              help="Do not report these rule codes (prefixes allowed; repeat or separate by commas).")
@click.option("--baseline", "baseline", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="Acknowledged conflicts (default: recon-baseline.json in the corpus folder).")
@click.option("--write-baseline", is_flag=True, help="Record every current conflict as acknowledged, then lint.")
@click.option("--diff", "diff", metavar="REV", help="Report only findings in files changed since this git revision.")
@click.option("--list-rules", is_flag=True, help="List the rule codes and exit.")
def lint(paths: tuple[Path, ...], output_format: str, select: tuple[str, ...], ignore: tuple[str, ...],
         baseline: Path | None, write_baseline: bool, diff: str | None, list_rules: bool) -> None:
    """Check claim files: schema, ids, grounding, normalization, and conflicts between sources.

    Settings come from [tool.recon] in the nearest pyproject.toml (select, ignore, baseline);
    flags override them. Exit status: 0 clean (warnings allowed), 1 errors found, 2 usage error.
    """
    if list_rules:
        from recon.rules import RULES

        for rule in RULES.values():
            click.echo(f"{rule.code}  {rule.name:<24} {rule.severity:<8} {rule.description}")
        return
    if not paths:
        raise click.UsageError("name at least one claims folder or file, e.g. `recon lint claims/`")
    from recon.diagnostic_formats import FORMATTERS
    from recon.diagnostics import ReconError
    from recon.lint import lint as run_lint

    def codes(given: tuple[str, ...]) -> tuple[str, ...] | None:
        return tuple(c.strip() for text in given for c in text.split(",") if c.strip()) if given else None

    try:
        result = run_lint(list(paths), codes(select), codes(ignore), baseline=baseline, diff=diff,
                          write_baseline_file=write_baseline)
    except ReconError as exc:
        raise click.UsageError(str(exc)) from None
    if write_baseline and result.baseline is not None:
        click.echo(f"wrote {len(result.conflicts)} acknowledged conflict(s) to {result.baseline.path}", err=True)
    output = FORMATTERS[output_format](result.diagnostics)
    if output:
        click.echo(output)
    if result.skipped_reconciliation and output_format == "text":
        click.echo("note: the conflict, relation and duplicate checks (C, D) run once the corpus has no errors; "
                   "errors in files not named are shown too, as they block those checks", err=True)
    sys.exit(EXIT_FINDINGS if result.failed else EXIT_OK)


@main.command()
@click.argument("claims_dir", default="claims", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--out", "out_dir", default="reports", show_default=True, metavar="DIR",
              help="Where to write the report files; '-' prints one format to standard output.")
@click.option("--format", "formats", multiple=True, type=click.Choice(["md", "html", "json"]),
              help="Formats to write (repeatable; default: all three).")
@click.option("--only-conflicts", is_flag=True, help="Keep only slots whose sources conflict.")
@click.option("--subject", metavar="ENTITY", help="Keep only slots about this entity id.")
@click.option("--property", "prop", metavar="PROPERTY", help="Keep only slots of this property id.")
@click.option("--force", is_flag=True, help="Replace report files even if a person wrote them.")
def report(claims_dir: Path, out_dir: str, formats: tuple[str, ...], only_conflicts: bool, subject: str | None,
           prop: str | None, force: bool) -> None:
    """Write the discrepancy report for a claims folder (Markdown, HTML, JSON).

    Exit status: 0 written, 1 the claims do not load cleanly, 2 usage error.
    """
    from recon.diagnostics import ReconError
    from recon.pipeline import load_and_reconcile
    from recon.report.document import build_document, check_filters
    from recon.report.write import FORMATS, render, write_reports

    chosen = formats or FORMATS
    if out_dir == "-" and len(chosen) != 1:
        raise click.UsageError("--out - prints one format: add e.g. --format json")
    try:
        result = load_and_reconcile(claims_dir, progress=_progress())
        try:
            check_filters(result, subject, prop)
        except ReconError as exc:
            raise click.UsageError(str(exc)) from None
        doc = build_document(result, only_conflicts, subject, prop)
        if out_dir == "-":
            click.echo(render(doc, chosen[0]), nl=False)
            return
        written = write_reports(doc, Path(out_dir), chosen, force)
    except ReconError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_FINDINGS)
    for path in written:
        click.echo(f"wrote {path}", err=True)


@main.command()
@click.argument("sentences", nargs=-1)
@click.option("--claims", "claims_dir", default="claims", show_default=True,
              type=click.Path(exists=True, file_okay=False, path_type=Path), help="The corpus to check against.")
@click.option("--file", "sentence_file", type=click.File("r", encoding="utf-8"),
              help="Read sentences from a file, one per line ('-' for standard input).")
@click.option("--subject", help="Structured claim: the entity (id or any alias).")
@click.option("--property", "prop", help="Structured claim: the property (id or a word naming it).")
@click.option("--value", help="Structured claim: the value as written, e.g. '超过700人'.")
@click.option("--as-of", "as_of", help="Structured claim: the time it refers to, e.g. '2023-11-21'.")
@click.option("--object", "obj", help="Structured claim: the other party (the organization of a role).")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--no-cache", is_flag=True, help="Reconcile afresh instead of using the cached corpus.")
def check(sentences: tuple[str, ...], claims_dir: Path, sentence_file: Any, subject: str | None, prop: str | None,
          value: str | None, as_of: str | None, obj: str | None, output_format: str, no_cache: bool) -> None:
    """Fact-check sentences (Simplified, Traditional or English) or a structured claim against the corpus.

    Verdicts: supported, contradicted, outdated, disputed, unverifiable.
    Exit status: 0 all supported, 1 any contradicted/disputed/outdated, 3 otherwise any unverifiable, 2 usage.
    """
    structured = [subject, prop, value]
    if any(structured) and not all(structured):
        raise click.UsageError("a structured claim needs --subject, --property and --value")
    texts = list(sentences)
    if sentence_file is not None:
        try:
            texts += [line.strip() for line in sentence_file if line.strip()]
        except UnicodeDecodeError as exc:
            raise click.BadParameter(f"{sentence_file.name} is not UTF-8 (byte {exc.start}); save it as UTF-8",
                                     param_hint="--file") from None
    elif not texts and not all(structured) and not sys.stdin.isatty():
        texts += [line.strip() for line in sys.stdin if line.strip()]
    if not texts and not all(structured):
        raise click.UsageError("give a sentence, --file FILE, or --subject/--property/--value")
    from recon.check import load_checker
    from recon.diagnostics import ReconError

    try:
        checker = load_checker(claims_dir, use_cache=not no_cache)
    except ReconError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    results = [checker.check_sentence(text) for text in texts]
    if all(structured):
        results.append(checker.check_structured(subject or "", prop or "", value or "", as_of, obj))
    click.echo(_render_checks(results, output_format))
    sys.exit(_check_exit_code([r.exit_code for r in results]))


def _render_checks(results: list[Any], output_format: str) -> str:
    if output_format == "json":
        import json

        payload = [r.to_dict() for r in results]
        return json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=2)
    from recon.check_text import render_check

    return "\n\n".join(render_check(r) for r in results)


def _check_exit_code(codes: list[int]) -> int:
    """1 if anything is contradicted, disputed or outdated; else 3 if anything is unverifiable; else 0."""
    if 1 in codes:
        return 1
    return 3 if 3 in codes else 0


def _progress():  # type: ignore[no-untyped-def]
    """Stage messages on an interactive terminal; silence on a pipe."""
    if not sys.stderr.isatty():
        return None
    return lambda stage: click.echo(f"… {stage}", err=True)


@main.command()
@click.argument("article", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the draft (default: CLAIMS/<source id>.yaml).")
@click.option("--claims", "claims_dir", default="claims", show_default=True,
              type=click.Path(exists=True, file_okay=False, path_type=Path), help="Whose vocabulary to use.")
@click.option("--source-id", help="Source id (else the article's header, else its file name).")
@click.option("--outlet", help="Outlet name (else the article's header or page).")
@click.option("--published", help="Publish date or time with offset, e.g. 2023-11-22T17:23:04+08:00.")
@click.option("--language", type=click.Choice(["zh-Hans", "zh-Hant", "en"]), help="Else detected.")
@click.option("--zone", help="Home zone for bare dates (IANA, e.g. Asia/Shanghai).")
@click.option("--local-zone", help="Zone of the events' place, for 当地时间 / local time.")
@click.option("--force", is_flag=True, help="Replace existing draft files.")
def extract(article: Path, out: Path | None, claims_dir: Path, source_id: str | None, outlet: str | None,
            published: str | None, language: str | None, zone: str | None, local_zone: str | None,
            force: bool) -> None:
    """Draft a claim file from an article (plain text or simple HTML) for a person to review.

    Exit status: 0 written, 1 refused (an existing file, a header or option problem), 2 usage.
    """
    from recon.diagnostics import ReconError
    from recon.extract import load_vocabulary, write_draft
    from recon.extract.article import default_draft_path, draft_for_file, summarize

    options = {key: value for key, value in (("id", source_id), ("outlet", outlet), ("published", published),
                                             ("language", language), ("zone", zone), ("local_zone", local_zone))
               if value}
    try:
        vocab = load_vocabulary(claims_dir)
        target = out or default_draft_path(article, claims_dir, options)
        draft = draft_for_file(article, target, vocab, options)
        written = write_draft(draft, target, force)
    except ReconError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_FINDINGS)
    click.echo(summarize(draft), err=True)
    for path in written:
        click.echo(f"wrote {path}", err=True)


def run() -> None:
    """The console script: the command, then an exit that skips freeing every object one by one.

    A large corpus leaves millions of objects behind, and tearing them down
    took about 0.7 s of a 100k-claim lint. Every file recon writes is synced
    and renamed before its command returns, and output is flushed here, so
    nothing is lost by leaving at once.
    """
    try:
        main()
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`recon lint | head`): nothing more can be written
            pass
    os._exit(code or 0)


if __name__ == "__main__":
    run()
