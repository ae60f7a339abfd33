"""A fast reader for the plain subset of YAML that claim files are written in.

PyYAML composes a node per scalar and constructs the data from the nodes in
Python; on a large corpus that is most of `recon lint`'s time. Claim files use
a small part of YAML: block mappings and sequences, one-line plain or quoted
scalars, one-line flow lists of scalars, and ``|``/``>`` block scalars. This
reader handles exactly that, line by line, and gives up (returns None) on
anything else — anchors, tags, escapes, multi-line plain or flow scalars,
duplicate keys, tabs, unusual line breaks or characters, deep nesting — so
that the full parser, which also reports what is wrong, takes over.

On what it accepts it returns the same data as ``yaml.load(text, CSafeLoader)``:
plain scalars are resolved by PyYAML's own resolver and constructors.
tests/test_lint_fuzz.py checks that equality on generated and mutated files.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

SEQ, KEY, BLOCK, SCALAR = 0, 1, 2, 3
#: column, kind, key, raw value (the text, for BLOCK), line, column of the value (0-based)
Token = tuple[int, int, str | None, str | None, int, int]
#: Where a value starts, as PyYAML marks its node (0-based line, column), and where its children start.
Position = tuple[int, int, "dict[str, Position] | list[Position] | None"]

MAX_COLUMN = 80
MAX_NESTING = 16
#: Anything but a newline, printable ASCII and the printable non-ASCII PyYAML accepts, minus
#: the characters YAML reads as line breaks (U+2028, U+2029) and the BOM.
_UNUSUAL = re.compile("[^\n\x20-\x7E\xA0-\u2027\u202A-\uD7FF\uE000-\uFEFE\uFF00-\uFFFD\U00010000-\U0010FFFF]")
#: One line: indentation, sequence dashes, a key, and the rest without trailing spaces.
_LINE = re.compile(r"( *)((?:- +)*)(?:([A-Za-z_][A-Za-z0-9_-]*):(?= |\n)( *))?((?:.*[^\n ])?) *\n")
_DOUBLE = re.compile(r'"([^"\\]*)"(?: +#.*)?$')
_SINGLE = re.compile(r"'((?:[^']|'')*)'(?: +#.*)?$")
_FLOW = re.compile(r"\[([^\[\]{}#]*)\](?: +#.*)?$")
_BAD_START = frozenset("-?:,[]{}#&*!|>'\"%@`")
_BLOCK_HEADERS = {"|": ("\n", "\n"), "|-": ("\n", ""), ">": (" ", "\n"), ">-": (" ", "")}
_IMPLICIT = Resolver.yaml_implicit_resolvers
_CONSTRUCTOR = SafeConstructor()
_TYPED = {f"tag:yaml.org,2002:{t}" for t in ("bool", "int", "float", "null", "timestamp")}
_STRING_KEYS: set[str] = set()  # keys already known to read as themselves
_KEYS: dict[str, str] = {}  # one string object per key name
_KEYS_LIMIT = 10_000
_PLAIN: dict[str, Any] = {}  # what each plain scalar read as (immutable values)
_PLAIN_LIMIT = 100_000
_UNKNOWN = object()

#: First characters after which a plain scalar may not be a plain string (a resolver or an indicator).
_MAYBE_TYPED = frozenset(c for c in _IMPLICIT if c) | _BAD_START


class _GiveUp(Exception):
    """The text leaves the subset: the full parser reads it."""


def read_plain_subset(text: str) -> Any | None:
    """The data of a YAML text written in the plain subset, or None when it is not."""
    read = parse_plain_subset(text)
    return None if read is None else read[0]


def parse_plain_subset(text: str) -> tuple[Any, list[Token]] | None:
    """The data of a text in the subset and the tokens it was read from (for :func:`locate_tokens`)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    if _UNUSUAL.search(text):
        return None
    try:
        tokens = _tokens(text)
        if not tokens or tokens[0][0] != 0:
            return None
        data, end = _node(tokens, 0, 0)
    except (_GiveUp, ValueError, TypeError, OverflowError):
        return None
    return (data, tokens) if end == len(tokens) else None


def _tokens(text: str) -> list[Token]:
    """One token per sequence dash, then one per key (with its inline value) or scalar."""
    unterminated = not text.endswith("\n")  # a block scalar on the last line then keeps no line break
    if unterminated:
        text += "\n"
    lines: list[str] = []  # split only when a block scalar needs them
    tokens: list[Token] = []
    skip_to = 0  # lines up to here belong to a block scalar
    for number, (indent, dashes, key, spaces, rest) in enumerate(_LINE.findall(text)):
        if key and not dashes and number >= skip_to and rest not in _BLOCK_HEADERS:
            # most lines: "    key: value" (the general path below, taken straight)
            column = len(indent)
            if column > MAX_COLUMN:
                raise _GiveUp
            tokens.append((column, KEY, _KEYS.get(key) or _key_name(key), rest, number,
                           column + len(key) + 1 + (len(spaces) if rest else 0)))
            continue
        if number < skip_to or (not rest and not key and not dashes) or (rest[:1] == "#" and not key):
            if dashes and number >= skip_to:
                raise _GiveUp  # "- # comment": an item on the next line
            continue
        column = len(indent)
        if dashes:
            if dashes != "- ":
                for step in re.finditer(r"- +", dashes):
                    tokens.append((column + step.start(), SEQ, None, None, number, 0))
            else:
                tokens.append((column, SEQ, None, None, number, 0))
            column += len(dashes)
            if not rest and not key:
                raise _GiveUp  # an item on the next line
        if column > MAX_COLUMN:
            raise _GiveUp
        if not key:
            tokens.append((column, SCALAR, None, rest, number, column))
            continue
        key = _KEYS.get(key) or _key_name(key)
        value_column = column + len(key) + 1 + (len(spaces) if rest else 0)
        if rest in _BLOCK_HEADERS:
            lines = lines or text.split("\n")
            value, skip_to = _block_scalar(lines, number + 1, column, rest)
            if unterminated and skip_to >= len(lines) - 1:
                raise _GiveUp
            tokens.append((column, BLOCK, key, value, number, value_column))
        else:
            tokens.append((column, KEY, key, rest, number, value_column))
    return tokens


def _block_scalar(lines: list[str], i: int, column: int, header: str) -> tuple[str, int]:
    """A ``|`` or ``>`` scalar whose lines share one indentation and hold no blank line.

    Empty lines after it are dropped (clip and strip chomping); lines of spaces are left to PyYAML.
    """
    deeper = " " * (column + 1)
    content = []
    while i < len(lines) and (lines[i].startswith(deeper) or not lines[i].strip(" ")):
        content.append(lines[i])
        i += 1
    while content and not content[-1]:
        content.pop()
    if not content:
        raise _GiveUp
    indent = len(content[0]) - len(content[0].lstrip(" "))
    if any(not c.strip(" ") or len(c) - len(c.lstrip(" ")) != indent for c in content):
        raise _GiveUp
    joiner, end = _BLOCK_HEADERS[header]
    return joiner.join(c[indent:] for c in content) + end, i


def _node(tokens: list[Token], i: int, depth: int, indentless: bool = False) -> tuple[Any, int]:
    if depth > MAX_NESTING:
        raise _GiveUp
    column, kind, _, raw, _, _ = tokens[i]
    if kind == SEQ:
        return _sequence(tokens, i, column, depth, indentless)
    if kind in (KEY, BLOCK):
        return _mapping(tokens, i, column, depth)
    assert raw is not None
    return _scalar(raw), i + 1


def _sequence(tokens: list[Token], i: int, column: int, depth: int, indentless: bool) -> tuple[list[Any], int]:
    items = []
    n = len(tokens)
    while i < n and tokens[i][0] == column and tokens[i][1] == SEQ:
        item, i = _node(tokens, i + 1, depth + 1)  # the item starts on the dash's line, further right
        items.append(item)
    if i < n and (tokens[i][0] > column or (tokens[i][0] == column and not indentless)):
        raise _GiveUp
    return items, i


def _mapping(tokens: list[Token], i: int, column: int, depth: int) -> tuple[dict[str, Any], int]:
    mapping: dict[str, Any] = {}
    n = len(tokens)
    while i < n and tokens[i][0] == column and tokens[i][1] in (KEY, BLOCK):
        _, kind, key, raw, _, _ = tokens[i]
        assert key is not None
        if key in mapping or (key not in _STRING_KEYS and not _is_string_key(key)):
            raise _GiveUp  # a duplicate key (reported by the full parser), or one YAML reads as a bool/null
        i += 1
        if kind == BLOCK:
            mapping[key] = raw
        elif raw:
            if raw[0] not in _MAYBE_TYPED and ": " not in raw and " #" not in raw and raw[-1] != ":":
                mapping[key] = raw  # the common case, inlined: a plain scalar no resolver can type
            else:
                known = _PLAIN.get(raw, _UNKNOWN)  # the next most common: a plain scalar read before
                mapping[key] = _scalar(raw) if known is _UNKNOWN else known
        elif i < n and tokens[i][0] > column:
            mapping[key], i = _node(tokens, i, depth + 1)
        elif i < n and tokens[i][0] == column and tokens[i][1] == SEQ:
            mapping[key], i = _node(tokens, i, depth + 1, indentless=True)
        else:
            mapping[key] = None
    if i < n and tokens[i][0] >= column:
        raise _GiveUp
    return mapping, i


def locate_tokens(tokens: list[Token]) -> Position | None:
    """The positions of the values read from ``tokens`` (as :func:`parse_plain_subset` returned them)."""
    try:
        return _located(tokens, 0, False)[0] if tokens else None
    except IndexError:
        return None


def position_at(position: Position, loc: Sequence[int | str]) -> Position:
    """Follow a data path, stopping at the deepest value found (as ``yamlio.node_at`` does)."""
    for part in loc:
        children = position[2]
        if isinstance(children, dict):
            child = children.get(str(part))
            if child is None:
                return position
            position = child
        elif isinstance(children, list) and isinstance(part, int) and 0 <= part < len(children):
            position = children[part]
        else:
            return position
    return position


def _located(tokens: list[Token], i: int, indentless: bool) -> tuple[Position, int]:
    """The positions of the node at token i; mirrors ``_node`` on a text it accepted."""
    column, kind, _, raw, line, _ = tokens[i]
    n = len(tokens)
    if kind == SCALAR:
        assert raw is not None
        return _scalar_position(raw, line, column), i + 1
    if kind == SEQ:
        items: list[Position] = []
        while i < n and tokens[i][0] == column and tokens[i][1] == SEQ:
            item, i = _located(tokens, i + 1, False)
            items.append(item)
        return (line, column, items), i
    children: dict[str, Position] = {}
    while i < n and tokens[i][0] == column and tokens[i][1] in (KEY, BLOCK):
        _, kind, key, raw, key_line, value_column = tokens[i]
        assert key is not None
        i += 1
        if kind == BLOCK or (raw and raw[0] != "["):  # a value on the key's line, without items
            children[key] = (key_line, value_column, None)
        elif raw:
            children[key] = _scalar_position(raw, key_line, value_column)
        elif i < n and tokens[i][0] > column:
            children[key], i = _located(tokens, i, False)
        elif i < n and tokens[i][0] == column and tokens[i][1] == SEQ:
            children[key], i = _located(tokens, i, True)
        else:
            children[key] = (key_line, value_column, None)
    return (line, column, children), i


def _scalar_position(raw: str, line: int, column: int) -> Position:
    if raw[0] != "[":
        return line, column, None
    inner = _match(_FLOW, raw)
    items: list[Position] = []
    if inner.strip(" "):
        offset = 1
        for part in inner.split(","):
            items.append((line, column + offset + len(part) - len(part.lstrip(" ")), None))
            offset += len(part) + 1
    return line, column, items


def _scalar(raw: str) -> Any:
    first = raw[0]
    if first == '"':
        return _match(_DOUBLE, raw)
    if first == "'":
        return _match(_SINGLE, raw).replace("''", "'")
    if first == "[":
        inner = _match(_FLOW, raw).strip(" ")
        if not inner:
            return []
        return [_flow_item(part.strip(" ")) for part in inner.split(",")]
    return _plain(raw)


def _flow_item(text: str) -> Any:
    if not text:
        raise _GiveUp
    if text[0] in "\"'":
        return _scalar(text)
    if '"' in text or "'" in text:
        raise _GiveUp
    return _plain(text)


def _match(pattern: re.Pattern[str], raw: str) -> str:
    match = pattern.match(raw)
    if match is None:
        raise _GiveUp
    return match.group(1)


def _key_name(key: str) -> str:
    """One string object per key name across files (the memo is bounded): claim files repeat a few."""
    if len(_KEYS) < _KEYS_LIMIT:
        _KEYS[key] = key
    return key


def _is_string_key(key: str) -> bool:
    if _plain(key) != key:
        return False
    if len(_STRING_KEYS) < 10_000:
        _STRING_KEYS.add(key)
    return True


def _plain(text: str) -> Any:
    """A plain scalar, typed as PyYAML types it (``001`` → 1, ``2023-11-22`` → a date).

    Files repeat their scalars (the same subject, time or figure in many claims), so
    results are remembered; they are immutable (str, int, float, bool, None, dates).
    """
    known = _PLAIN.get(text, _UNKNOWN)
    if known is not _UNKNOWN:
        return known
    result = _read_plain(text)
    if len(_PLAIN) < _PLAIN_LIMIT:
        _PLAIN[text] = result
    return result


def _read_plain(text: str) -> Any:
    if text[0] in _BAD_START or ": " in text or " #" in text or text[-1] == ":" or text[:3] == "...":
        raise _GiveUp
    resolvers = _IMPLICIT.get(text[0])
    if resolvers is None:
        return text
    for tag, pattern in resolvers:
        if pattern.match(text):
            if tag not in _TYPED:
                raise _GiveUp
            return _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, ScalarNode(tag, text))
    return text
