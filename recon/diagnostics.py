"""Diagnostics: what recon says about its input, pointing at file, line and column.

Library code never prints and never exits: it returns diagnostics (for problems
in the input that a run can continue past) or raises :class:`ReconError`
(for problems that stop it). The CLI turns both into messages and exit codes.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter
from typing import Literal

Severity = Literal["error", "warning", "info"]


class ReconError(Exception):
    """A user-facing failure: the message says what is wrong and what to do."""


@dataclass(frozen=True, order=True)
class Location:
    """A place in a file; lines and columns count from 1 (0 when unknown)."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.file
        return f"{self.file}:{self.line}:{self.column or 1}"


@dataclass(frozen=True, order=True)
class Diagnostic:
    file: str
    line: int
    column: int
    severity: Severity
    code: str
    message: str

    @classmethod
    def at(cls, where: Location, severity: Severity, code: str, message: str) -> Diagnostic:
        return cls(where.file, where.line, where.column, severity, code, message)

    @property
    def location(self) -> Location:
        return Location(self.file, self.line, self.column)

    def format_text(self) -> str:
        return f"{self.location}: {self.severity}: {self.message} [{self.code}]"

    def to_dict(self) -> dict[str, object]:
        # as dataclasses.asdict gives it, 30x faster: a large run has tens of thousands of findings
        return {"file": self.file, "line": self.line, "column": self.column, "severity": self.severity,
                "code": self.code, "message": self.message}


#: The order of Diagnostic's fields as one key: sorting by it equals sorting the dataclasses, 2.5x faster.
IN_ORDER = attrgetter("file", "line", "column", "severity", "code", "message")


def has_errors(diagnostics: list[Diagnostic]) -> bool:
    return any(d.severity == "error" for d in diagnostics)
