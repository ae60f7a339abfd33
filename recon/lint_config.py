"""`recon lint` settings from the ``[tool.recon]`` table of the nearest pyproject.toml.

.. code-block:: toml

    [tool.recon]
    select = ["Y", "S", "R", "G", "N", "C"]   # rule codes or prefixes to report (default: all)
    ignore = ["D001"]                         # rule codes or prefixes not to report
    baseline = "claims/recon-baseline.json"   # relative to this pyproject.toml

The search starts at the corpus folder and walks up; the first pyproject.toml
that has a ``[tool.recon]`` table wins, as ruff does for ``[tool.ruff]``.
Command-line flags override the file. Sub-tables (``[tool.recon.report]``)
are left to the commands that own them.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from recon.diagnostics import ReconError

PYPROJECT = "pyproject.toml"
LINT_KEYS = ("select", "ignore", "baseline")


@dataclass(frozen=True)
class LintConfig:
    """Lint settings; None means "not set" (the command line or the default decides)."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    baseline: Path | None = None
    path: Path | None = None  # the pyproject.toml the settings came from

    @property
    def origin(self) -> str:
        return f"[tool.recon] in {self.path}" if self.path else "the command line"


def find_config(start: Path) -> LintConfig:
    """The settings of the nearest pyproject.toml with a ``[tool.recon]`` table, or none."""
    folder = start.resolve()
    for candidate in (folder, *folder.parents):
        pyproject = candidate / PYPROJECT
        if pyproject.is_file():
            table = _recon_table(pyproject)
            if table is not None:
                return read_config(table, pyproject)
    return LintConfig()


def _recon_table(pyproject: Path) -> dict[str, Any] | None:
    try:
        with pyproject.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ReconError(f"{pyproject}: not valid TOML ({exc}); fix it or remove the [tool.recon] table") from exc
    except UnicodeDecodeError as exc:
        raise ReconError(f"{pyproject}: not UTF-8 (byte {exc.start}); save it as UTF-8") from exc
    except OSError as exc:
        raise ReconError(f"{pyproject}: cannot read it ({exc.strerror or exc})") from exc
    table = data.get("tool", {}).get("recon") if isinstance(data.get("tool"), dict) else None
    return table if isinstance(table, dict) else None


def read_config(table: dict[str, Any], pyproject: Path) -> LintConfig:
    """Validate a ``[tool.recon]`` table: known keys with the right types, nothing silently ignored."""
    unknown = sorted(k for k, v in table.items() if k not in LINT_KEYS and not isinstance(v, dict))
    if unknown:
        raise ReconError(f"{pyproject}: unknown key(s) in [tool.recon]: {', '.join(unknown)}; "
                         f"known: {', '.join(LINT_KEYS)}")
    baseline = table.get("baseline")
    if baseline is not None and (not isinstance(baseline, str) or "\0" in baseline or not baseline.strip()):
        raise ReconError(f"{pyproject}: [tool.recon] baseline must be a path string, e.g. "
                         "\"claims/recon-baseline.json\"")
    return LintConfig(select=_codes(table, "select", pyproject), ignore=_codes(table, "ignore", pyproject),
                      baseline=(pyproject.parent / baseline).resolve() if baseline else None,
                      path=pyproject)


def _codes(table: dict[str, Any], key: str, pyproject: Path) -> tuple[str, ...] | None:
    value = table.get(key)
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise ReconError(f"{pyproject}: [tool.recon] {key} must be a list of rule codes, e.g. {key} = [\"C001\"]")
    return tuple(value)
