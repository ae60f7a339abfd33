"""The `recon` command line: a thin layer over the library.

Only click is imported at start-up; each command imports the library it needs,
so `recon --help` and shell completion stay instant.
"""

from __future__ import annotations

import sys
from pathlib import Path

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
@click.option("--select", multiple=True, metavar="CODE", help="Report only these rule codes (prefixes allowed).")
@click.option("--ignore", multiple=True, metavar="CODE", help="Do not report these rule codes (prefixes allowed).")
@click.option("--list-rules", is_flag=True, help="List the rule codes and exit.")
def lint(paths: tuple[Path, ...], output_format: str, select: tuple[str, ...], ignore: tuple[str, ...],
         list_rules: bool) -> None:
    """Check claim files: schema, ids, grounding of quotes in the archived texts.

    Exit status: 0 clean, 1 errors found, 2 usage error.
    """
    if list_rules:
        from recon.rules import RULES

        for rule in RULES.values():
            click.echo(f"{rule.code}  {rule.name:<24} {rule.description}")
        return
    if not paths:
        raise click.UsageError("name at least one claims folder or file, e.g. `recon lint claims/`")
    from recon.diagnostic_formats import FORMATTERS
    from recon.diagnostics import ReconError
    from recon.lint import lint as run_lint

    try:
        result = run_lint(list(paths), select, ignore)
    except ReconError as exc:
        raise click.UsageError(str(exc)) from None
    output = FORMATTERS[output_format](result.diagnostics)
    if output:
        click.echo(output)
    sys.exit(EXIT_FINDINGS if result.failed else EXIT_OK)


if __name__ == "__main__":
    main()
