"""Reading YAML so that every value keeps its file, line and column.

One parse gives both the node tree (with marks) and the plain data built from
it. The node walk also catches what PyYAML lets through silently: duplicate
keys (PyYAML keeps the last) and anchors/aliases (the root of "billion laughs"
expansion bombs). Hostile input — undecodable bytes, huge files, deep nesting —
becomes a :class:`Diagnostic`, never a traceback.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from recon.diagnostics import Diagnostic, Location
from recon.yaml_subset import Position, Token, locate_tokens, parse_plain_subset, position_at

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 64
PRESCAN_DEPTH = 500  # libyaml's C composer recurses per level and overflows the C stack on deep input


@dataclass
class YamlDocument:
    """A parsed file: its data and the node tree the data was built from.

    A file read by the fast subset reader keeps the reader's tokens instead
    of a node tree; the first location asked for maps the positions of its
    values from them (the same marks PyYAML gives its nodes, at a fraction of
    the cost), so clean files, the vast majority, never pay for either.
    """

    path: str
    root: Node | None
    data: Any
    tokens: list[Token] | None = field(default=None, repr=False)  # from the subset reader: positions on demand
    positions: Position | None = field(default=None, repr=False)

    def location(self, loc: Sequence[int | str] = ()) -> Location:
        """Where the value at a data path (e.g. ``("claims", 3, "quote")``) starts."""
        if self.tokens is not None:
            self.positions = locate_tokens(self.tokens)
            self.tokens = None
        if self.positions is not None:
            line, column, _ = position_at(self.positions, loc)
            return Location(self.path, line + 1, column + 1)
        node = node_at(self.root, loc) if self.root is not None else None
        if node is None:
            return Location(self.path, 1, 1)
        return Location(self.path, *line_column(node.start_mark))


def node_at(node: Node | None, loc: Sequence[int | str]) -> Node | None:
    """Follow a data path through the node tree, stopping at the deepest node found."""
    for part in loc:
        if isinstance(node, MappingNode):
            child = next((v for k, v in node.value if isinstance(k, ScalarNode) and k.value == str(part)), None)
            if child is None:
                return node
            node = child
        elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
        else:
            return node
    return node


def read_text(path: Path, display: str, max_bytes: int = MAX_FILE_BYTES) -> tuple[str | None, list[Diagnostic]]:
    """Read a UTF-8 file (a BOM is allowed), or say precisely why it cannot be read."""
    where = Location(display)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return None, [Diagnostic.at(where, "error", "Y004", f"file is {size:,} bytes, over the limit of "
                                        f"{max_bytes:,}; split it into smaller files")]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Diagnostic.at(where, "error", "Y005", f"cannot read file: {exc.strerror or exc}")]
    return decode_utf8(raw, display)


def decode_utf8(raw: bytes, display: str) -> tuple[str | None, list[Diagnostic]]:
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        message = (f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
                   "re-save the file as UTF-8")
        return None, [Diagnostic(display, line, column, "error", "Y003", message)]


def load_yaml(path: Path, display: str) -> tuple[YamlDocument | None, list[Diagnostic]]:
    """Parse one YAML file; on failure return None and the reasons."""
    text, problems = read_text(path, display)
    if text is None:
        return None, problems
    return parse_yaml(text, display)


def parse_yaml(text: str, display: str) -> tuple[YamlDocument | None, list[Diagnostic]]:
    """Parse a text: the fast subset reader when it can, PyYAML (with every check) otherwise."""
    if any(c in text for c in _YAML_ONLY_BREAKS):  # positions must count \n lines only: see line_column
        return parse_yaml_fully(text, display)
    read = parse_plain_subset(text)
    if read is not None and not (_might_nest_deeply(text) and rough_nesting_depth_over(text, PRESCAN_DEPTH)):
        return YamlDocument(display, None, read[0], read[1]), []
    return parse_yaml_fully(text, display)


def _might_nest_deeply(text: str) -> bool:
    """False when the pre-scan below cannot fire: few brackets, no long runs of leading spaces and dashes.

    The pre-scan counts at most every bracket, one level per leading space and one per two
    leading dashes: 250 + 160 + 80 < PRESCAN_DEPTH.
    """
    return text.count("[") + text.count("{") > 250 or _LONG_LEAD.search(text) is not None


_LONG_LEAD = re.compile(r"^[ -]{160}", re.MULTILINE)


def parse_yaml_fully(text: str, display: str) -> tuple[YamlDocument | None, list[Diagnostic]]:
    """PyYAML with the hostile-input checks: depth pre-scan, duplicate keys, aliases."""
    too_deep = rough_nesting_depth_over(text, PRESCAN_DEPTH)
    if too_deep:
        return None, [Diagnostic(display, too_deep, 1, "error", "Y006",
                                 f"YAML nested deeper than {PRESCAN_DEPTH} levels; claim files need only a few")]
    try:  # PyYAML's own (slower) loader keeps the text in its marks, for line_column to recount
        loader = (yaml.SafeLoader if any(c in text for c in _YAML_ONLY_BREAKS) else Loader)(text)
    except yaml.reader.ReaderError as exc:  # the Python reader checks the characters up front
        return None, [_forbidden_character(exc, text, display)]
    try:
        root = loader.get_single_node()
        problems = list(_structural_problems(root, display))
        if any(p.severity == "error" for p in problems):
            return None, problems
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_diagnostic(exc, display)]
    except yaml.reader.ReaderError as exc:
        return None, [_forbidden_character(exc, text, display)]
    except yaml.YAMLError as exc:
        return None, [Diagnostic(display, 1, 1, "error", "Y001", f"YAML error: {exc}")]
    except RecursionError:
        return None, [Diagnostic(display, 1, 1, "error", "Y006", "YAML nested too deeply to read")]
    except (ValueError, TypeError, OverflowError) as exc:  # a well-formed scalar with an impossible value
        return None, [_unreadable_scalar(root, display, exc)]
    finally:
        loader.dispose()
    return YamlDocument(display, root, data), problems


def _forbidden_character(exc: yaml.reader.ReaderError, text: str, display: str) -> Diagnostic:
    """Y001 at a character YAML forbids; the error's position is in characters."""
    line = text.count("\n", 0, exc.position) + 1
    column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
    return Diagnostic(display, line, column, "error", "Y001",
                      f"character {_codepoint(exc.character)} is not allowed in YAML ({exc.reason}); remove it")


def _unreadable_scalar(root: Node | None, display: str, exc: Exception) -> Diagnostic:
    """Y001 at the first typed scalar that cannot be built (``2023-02-30``, ``!!int abc``)."""
    constructor = yaml.constructor.SafeConstructor()
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, ScalarNode) and node.tag != "tag:yaml.org,2002:str":
            try:
                constructor.construct_object(node)
            except Exception as problem:  # any failure here is the one to report
                return Diagnostic(display, *line_column(node.start_mark), "error", "Y001",
                                  f"cannot read '{node.value}' as {node.tag.rsplit(':', 1)[-1]}: {problem}")
        elif isinstance(node, MappingNode):
            stack.extend(child for pair in reversed(node.value) for child in reversed(pair))
        elif isinstance(node, SequenceNode):
            stack.extend(reversed(node.value))
    return Diagnostic(display, 1, 1, "error", "Y001", f"a value cannot be read: {exc}")


#: Characters YAML reads as line breaks that editors, git and recon's other positions do not.
_YAML_ONLY_BREAKS = "\u2028\u2029\x85"


def line_column(mark: yaml.Mark) -> tuple[int, int]:
    """A PyYAML mark as a 1-based (line, column) counted in ``\\n`` lines, as editors count them.

    PyYAML also breaks lines at U+2028, U+2029 and U+0085; where the text holds
    one, the position is counted again from the mark's offset.
    """
    buffer = getattr(mark, "buffer", None)
    if not isinstance(buffer, str) or not any(c in buffer for c in _YAML_ONLY_BREAKS):
        return mark.line + 1, mark.column + 1
    start = buffer.rfind("\n", 0, mark.index) + 1
    return buffer.count("\n", 0, mark.index) + 1, mark.index - start + 1


def _codepoint(character: object) -> str:
    return f"U+{character:04X}" if isinstance(character, int) else repr(character)


def rough_nesting_depth_over(text: str, limit: int) -> int:
    """The first line where flow brackets plus block indentation nest deeper than ``limit``, else 0.

    A cheap over-estimate made before parsing (quotes are not tracked), so that
    hostile input never reaches the recursive C parser.
    """
    brackets = 0
    indents: list[int] = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip(" ")
        if stripped and not stripped.startswith("#"):
            indent = len(line) - len(stripped)
            while indents and indents[-1] >= indent:
                indents.pop()
            indents.append(indent)
        dashes = len(stripped) - len(stripped.lstrip("- "))
        brackets, deepest = _bracket_depths(line, brackets)
        if deepest + len(indents) + dashes // 2 > limit:
            return number
    return 0


def _bracket_depths(line: str, depth: int) -> tuple[int, int]:
    """Flow-bracket depth after the line, and the deepest it reached within it."""
    if "[" not in line and "{" not in line:
        return max(depth - line.count("]") - line.count("}"), 0), depth
    deepest = depth
    for char in line:
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth = max(depth - 1, 0)
    return depth, deepest


def _syntax_diagnostic(exc: yaml.MarkedYAMLError, display: str) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    line, column = line_column(mark) if mark else (1, 1)
    message = f"YAML syntax: {exc.problem or 'cannot parse'}"
    if exc.context and exc.context_mark:
        context_line, context_column = line_column(exc.context_mark)
        message += f" ({exc.context} at line {context_line}, column {context_column})"
    buffer = getattr(mark, "buffer", None)
    text = buffer if isinstance(buffer, str) else ""
    odd = next((c for c in _YAML_ONLY_BREAKS if c in text), None)
    if odd is not None:
        odd_line = text.count("\n", 0, text.index(odd)) + 1
        message += (f"; the file holds {_codepoint(ord(odd))} at line {odd_line}, which YAML reads as a line "
                    "break: replace it with a space")
    return Diagnostic(display, line, column, "error", "Y001", message)


def _structural_problems(root: Node | None, display: str) -> Iterator[Diagnostic]:
    """Duplicate keys, aliases and excessive depth, found in one iterative walk."""
    seen: set[int] = set()
    stack: list[tuple[Node, int]] = [(root, 1)] if root is not None else []
    while stack:
        node, depth = stack.pop()
        where = Location(display, *line_column(node.start_mark))
        if id(node) in seen:
            yield Diagnostic.at(where, "error", "Y007", "YAML anchors and aliases are not allowed in claim files; "
                                "write the value out")
            return
        seen.add(id(node))
        if depth > MAX_DEPTH:
            yield Diagnostic.at(where, "error", "Y006", f"YAML nested deeper than {MAX_DEPTH} levels")
            return
        if isinstance(node, MappingNode):
            yield from _duplicate_keys(node, display)
            stack.extend((child, depth + 1) for pair in reversed(node.value) for child in reversed(pair))
        elif isinstance(node, SequenceNode):
            stack.extend((child, depth + 1) for child in reversed(node.value))


def _duplicate_keys(node: MappingNode, display: str) -> Iterator[Diagnostic]:
    first_line: dict[str, int] = {}
    for key, _ in node.value:
        if not isinstance(key, ScalarNode):
            continue
        if key.value in first_line:
            yield Diagnostic(display, *line_column(key.start_mark), "error", "Y002",
                             f"duplicate key '{key.value}' (first at line {first_line[key.value]}); "
                             "YAML keeps only the last value: remove one")
        else:
            first_line[key.value] = line_column(key.start_mark)[0]
