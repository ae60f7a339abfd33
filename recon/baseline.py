"""The conflict baseline: disagreements between sources a team has acknowledged.

A conflict between two sources is often real and worth keeping in the corpus
(that is what recon is for), but CI should fail only when a pull request adds
a new one. ``recon lint --write-baseline`` records today's conflicts in a JSON
file next to ``vocab/``; later runs report only conflicts missing from it, and
say when a recorded one no longer occurs.

A conflict is keyed by its slot and the ids of its two claims, never by line
numbers, so editing a file around a conflict does not invalidate the baseline.
The file is one conflict per line, sorted, so that diffs and merges stay small.
A ``note`` added by hand to an entry survives ``--write-baseline``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from recon.atomic import GENERATED_MARK, write_atomic
from recon.diagnostics import ReconError

BASELINE_NAME = "recon-baseline.json"
FORMAT_VERSION = 1
COMMENT = (f"{GENERATED_MARK} lint --write-baseline: conflicts between sources acknowledged as real; "
           "`recon lint` fails only on conflicts missing here. Add a \"note\" to an entry to say why.")

#: (subject, property, object or "", first claim id, second claim id), claim ids sorted.
ConflictKey = tuple[str, str, str, str, str]


@dataclass(frozen=True)
class Conflict:
    """Two claims of one slot that contradict each other."""

    subject: str
    prop: str
    obj: str | None
    claims: tuple[str, str]  # sorted
    reason: str = field(default="", compare=False)
    note: str | None = field(default=None, compare=False)

    @classmethod
    def between(cls, slot: tuple[str, str, str | None], first: str, second: str, reason: str = "") -> Conflict:
        a, b = sorted((first, second))
        return cls(slot[0], slot[1], slot[2], (a, b), reason)

    @property
    def key(self) -> ConflictKey:
        return self.subject, self.prop, self.obj or "", self.claims[0], self.claims[1]

    @property
    def label(self) -> str:
        slot = f"{self.subject} · {self.prop}" + (f" · {self.obj}" if self.obj else "")
        return f"{slot}: {self.claims[0]} vs {self.claims[1]}"

    def to_dict(self) -> dict[str, Any]:
        entry: dict[str, Any] = {"slot": [self.subject, self.prop, self.obj],
                                 "claims": list(self.claims), "reason": self.reason}
        if self.note:
            entry["note"] = self.note
        return entry


@dataclass
class Baseline:
    """The acknowledged conflicts, by key, and where each entry is written in the file."""

    path: Path
    conflicts: dict[ConflictKey, Conflict] = field(default_factory=dict)
    lines: dict[ConflictKey, int] = field(default_factory=dict)

    def __contains__(self, conflict: Conflict) -> bool:
        return conflict.key in self.conflicts

    def line_of(self, key: ConflictKey) -> int:
        return self.lines.get(key, 1)


def read_baseline(path: Path, required: bool = False) -> Baseline:
    """The baseline at path; an empty one when the file does not exist (unless ``required``)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        if required:
            raise ReconError(f"baseline {path} not found; create it with `recon lint --write-baseline`") from None
        return Baseline(path)
    except OSError as exc:
        raise ReconError(f"baseline {path}: cannot read it ({exc.strerror or exc})") from exc
    return parse_baseline(raw, path)


def parse_baseline(raw: bytes, path: Path) -> Baseline:
    try:
        text = raw.decode("utf-8-sig")
        data = json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise ReconError(f"baseline {path} is not valid JSON ({reason}); "
                         "regenerate it with `recon lint --write-baseline`") from exc
    version = data.get("version", FORMAT_VERSION) if isinstance(data, dict) else FORMAT_VERSION
    if version != FORMAT_VERSION or isinstance(version, bool):
        raise ReconError(f"baseline {path} has version {version!r}, but this recon reads version {FORMAT_VERSION}; "
                         "regenerate it with `recon lint --write-baseline`")
    entries = data.get("conflicts") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ReconError(f"baseline {path} has no \"conflicts\" list; regenerate it with `recon lint --write-baseline`")
    baseline = Baseline(path)
    lines = text.splitlines()
    for index, entry in enumerate(entries):
        conflict = _entry(entry, path, index)
        baseline.conflicts[conflict.key] = conflict
        baseline.lines[conflict.key] = _line_of(lines, conflict)
    return baseline


def _entry(entry: Any, path: Path, index: int) -> Conflict:
    try:
        subject, prop, obj = entry["slot"]
        first, second = entry["claims"]
        note = entry.get("note")
        if not all(isinstance(x, str) for x in (subject, prop, first, second)) or not isinstance(obj, str | None) \
                or not isinstance(note, str | None):
            raise TypeError
    except (KeyError, TypeError, ValueError, AttributeError):
        raise ReconError(f"baseline {path}: conflict #{index + 1} is malformed (expected \"slot\": [subject, "
                         "property, object] and \"claims\": [id, id]); regenerate it with "
                         "`recon lint --write-baseline`") from None
    conflict = Conflict.between((subject, prop, obj), first, second, str(entry.get("reason", "")))
    return Conflict(conflict.subject, conflict.prop, conflict.obj, conflict.claims, conflict.reason, note)


def _line_of(lines: list[str], conflict: Conflict) -> int:
    """The line of the entry (both claim ids on it), else of its first claim id, else 1."""
    first, second = (json.dumps(c, ensure_ascii=False) for c in conflict.claims)
    for wanted in ((first, second), (first,)):
        for number, line in enumerate(lines, start=1):
            if all(w in line for w in wanted):
                return number
    return 1


def render_baseline(conflicts: Iterable[Conflict]) -> str:
    """Deterministic text: sorted keys, sorted entries, one entry per line."""
    entries = sorted(conflicts, key=lambda c: c.key)
    body = ",\n".join("    " + json.dumps(c.to_dict(), ensure_ascii=False, sort_keys=True) for c in entries)
    conflicts_json = "[\n" + body + "\n  ]" if entries else "[]"
    return ("{\n"
            f"  \"comment\": {json.dumps(COMMENT, ensure_ascii=False)},\n"
            f"  \"conflicts\": {conflicts_json},\n"
            f"  \"version\": {FORMAT_VERSION}\n"
            "}\n")


def write_baseline(path: Path, conflicts: Iterable[Conflict]) -> Baseline:
    """Record the conflicts as acknowledged, keeping the notes of entries already there.

    Refuses to replace a file that is not a recon baseline.
    """
    previous = read_baseline(path) if path.exists() else Baseline(path)
    merged = []
    for conflict in conflicts:
        old = previous.conflicts.get(conflict.key)
        note = old.note if old is not None else conflict.note
        merged.append(Conflict(conflict.subject, conflict.prop, conflict.obj, conflict.claims,
                               conflict.reason, note))
    text = render_baseline(merged)
    write_atomic(path, text)
    return parse_baseline(text.encode("utf-8"), path)
