"""Hostile input: every file gets diagnostics, never a traceback or a hang.

A hypothesis fuzz test mutates a valid claim file (byte flips, truncation,
YAML syntax, control and invalid UTF-8 bytes, deep nesting) and lints the
corpus; a differential test checks that the fast subset reader returns
exactly what PyYAML returns whenever it accepts a text. Explicit tests cover
symlinks, size limits, line endings, BOMs and control characters.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import shutil
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recon import yamlio
from recon.cli import main
from recon.rules import RULES
from recon.yaml_subset import read_plain_subset
from tests.conftest import ARTICLE, CLAIMS, VOCAB, write_corpus

FILES = {"vocab/vocab.yaml": VOCAB, "s1.yaml": CLAIMS, "sources/s1.txt": ARTICLE}
SYNTAX = [b"&a ", b"*a", b"[", b"{", b"]", b"}", b"\t", b"\x00", b"\x07", b"\xff", b"\xc3", b"\xef\xbb\xbf",
          b"- ", b": ", b"#", b"'", b'"', b"\\", b"!!python/object/apply:os.system ['true'] ", b"<<: *a\n",
          b"\r\n", b"\r", b"\n  ", b"\n", b"? ", b"|\n", b">-\n", b"%YAML 1.1\n", b"---\n", b"...\n", b"@", b"`",
          b"2023-02-30", b"0x1F", b"~", "\u2028".encode(), b"\xc2\x85", b"\xed\xa0\x80", b"[" * 600,
          b"- " * 300, b"{a: " * 100, "".join(" " * i + "a:\n" for i in range(300)).encode()]


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    """Fail instead of hanging (POSIX)."""
    def hang(signum: int, frame: Any) -> None:
        raise TimeoutError(f"lint took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, hang)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def lint_json(root: Path) -> tuple[int, list[dict[str, Any]]]:
    result = CliRunner().invoke(main, ["lint", str(root), "--format", "json"])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    return result.exit_code, json.loads(result.stdout)["diagnostics"]


def codes(root: Path) -> list[str]:
    return [d["code"] for d in lint_json(root)[1]]


# -- mutation fuzzing ------------------------------------------------------------------

mutation = st.one_of(
    st.tuples(st.just("flip"), st.floats(0, 1), st.integers(0, 255)),
    st.tuples(st.just("truncate"), st.floats(0, 1), st.just(0)),
    st.tuples(st.just("insert"), st.floats(0, 1), st.integers(0, len(SYNTAX) - 1)),
    st.tuples(st.just("delete"), st.floats(0, 1), st.integers(1, 40)),
    st.tuples(st.just("repeat-line"), st.floats(0, 1), st.integers(1, 3)),
)


def mutate(data: bytes, mutations: list[tuple[str, float, int]]) -> bytes:
    for op, where, arg in mutations:
        at = int(where * len(data))
        if op == "flip" and data:
            at = min(at, len(data) - 1)
            data = data[:at] + bytes([arg]) + data[at + 1:]
        elif op == "truncate":
            data = data[:at]
        elif op == "insert":
            data = data[:at] + SYNTAX[arg] + data[at:]
        elif op == "delete":
            data = data[:at] + data[at + arg:]
        elif op == "repeat-line":
            start = data.rfind(b"\n", 0, at) + 1
            end = data.find(b"\n", at)
            line = data[start:end + 1 if end >= 0 else len(data)]
            data = data[:start] + line * (arg + 1) + data[start + len(line):]
    return data


@pytest.fixture(scope="module")
def fuzz_root() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="recon-fuzz-") as tmp:
        yield write_corpus(Path(tmp) / "claims", dict(FILES))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(target=st.sampled_from(["s1.yaml"] * 6 + ["vocab/vocab.yaml", "sources/s1.txt"]),
       mutations=st.lists(mutation, min_size=1, max_size=5))
def test_mutated_files_get_diagnostics_never_a_traceback(fuzz_root: Path, target: str,
                                                         mutations: list[tuple[str, float, int]]) -> None:
    original = FILES[target].encode("utf-8")
    mutated = mutate(original, mutations)
    (fuzz_root / target).write_bytes(mutated)
    try:
        with time_limit(20):
            exit_code, found = lint_json(fuzz_root)
        assert all(d["code"] in RULES and d["line"] >= 0 and d["column"] >= 0 for d in found)
        assert exit_code == (1 if any(d["severity"] == "error" for d in found) else 0)
        assert_subset_reader_agrees(mutated)
    finally:
        (fuzz_root / target).write_bytes(original)


# -- the fast subset reader agrees with PyYAML ---------------------------------------------------

TRICKY = ["001", "1_000", "0x1f", "0o17", "1:20", "12:30:01", "2023-11-22", "2023-02-30", "2023-11-22T17:23:04+08:00",
          "2023-11-22 17:23", "~", "null", "Null", "NULL", "true", "yes", "On", "off", "y", "n", "Y", ".inf", "-.inf",
          ".nan", "1e3", "1.5e3", "+12", "-5", "3.", "#x", "a #b", "a# b", "a: b", "a:b", "a:", "'q'", "'it''s'", "'a",
          '"dq"', '"a\\"b"', '"a', '"a" b', '"x" #c', "[a, b]", "[]", "[ ]", "[a, [b]]", "[a,]", '["x, y"]', "[1, on]",
          "['a', \"b\"]", "[a b, c]", "{a: 1}", "{}", "&a x", "*a", "!!str 1", "|", ">-", ">", "|-", "|+", ">2",
          "中文 值", "a\tb", "- x", "-", "--- x", "...", "%x", "@x", "`x", "?x", "? x", "=", "<<", "", "  ", "x  ",
          "http://x.y/z?a=1#f", "C#", "a\\b", "全角:冒号", "50%", "-1.68%", "1,000"]
KEYS = ["id", "value", "on", "yes", "null", "a-b", "key_1", "Key", "x", "names", "note", "y", "True", "_k"]

line = st.one_of(
    st.builds(lambda i, d, k, v: " " * i + "- " * d + f"{k}: {v}", st.integers(0, 6), st.integers(0, 2),
              st.sampled_from(KEYS), st.sampled_from(TRICKY) | st.text(max_size=8)),
    st.builds(lambda i, d, k: " " * i + "- " * d + f"{k}:", st.integers(0, 6), st.integers(0, 2),
              st.sampled_from(KEYS)),
    st.builds(lambda i, d, v: " " * i + "- " * d + v, st.integers(0, 6), st.integers(0, 2), st.sampled_from(TRICKY)),
    st.builds(lambda i, t: " " * i + t, st.integers(0, 8), st.sampled_from(["# comment", "", "more text", "#", "-"])),
)
document = st.builds(lambda lines, crlf, final: ("\r\n" if crlf else "\n").join(lines) + ("\n" if final else ""),
                     st.lists(line, min_size=1, max_size=12), st.booleans(), st.booleans())

scalar_text = st.sampled_from(TRICKY) | st.text(st.sampled_from(list("ab 1:#'\"-[],{}&*!|>%@`?~.中文全角,\\")),
                                                max_size=10)


@st.composite
def rendered(draw: st.DrawFn) -> str:
    """A claim-file-like document: nested mappings and lists, every scalar written in a random style."""
    lines: list[str] = []

    def scalar(text: str, column: int) -> list[str] | str:
        style = draw(st.sampled_from(["plain", "plain", "double", "single", "block"]))
        if style == "double":
            return f'"{text}"'
        if style == "single":
            return "'" + text.replace("'", "''") + "'"
        if style == "block" and text.strip():
            indent = " " * (column + draw(st.integers(1, 3)))
            header = draw(st.sampled_from(["|", "|-", ">", ">-", "|+", ">2"]))
            return [header] + [indent + word for word in text.split(" ") if word]
        return text

    def put(prefix: str, column: int, value: Any) -> None:
        if isinstance(value, dict):
            step = draw(st.integers(1, 4))
            lines.append(prefix.rstrip(" ") if prefix.strip() else prefix)
            for key, item in value.items():
                put(" " * (column + step) + f"{key}: ", column + step, item)
        elif isinstance(value, list) and draw(st.booleans()):
            items = [scalar(v, column) if isinstance(v, str) else str(v) for v in value]
            lines.append(prefix + "[" + ", ".join(i if isinstance(i, str) else " ".join(i) for i in items) + "]")
        elif isinstance(value, list):
            lines.append(prefix.rstrip(" "))
            step = draw(st.integers(0, 3))
            for item in value:
                put(" " * (column + step) + "- ", column + step + 2, item)
        else:
            written = scalar(value, column)
            if isinstance(written, list):
                lines.append(prefix + written[0])
                lines.extend(written[1:])
            else:
                lines.append(prefix + written + draw(st.sampled_from(["", "", "  ", " # note"])))
        if draw(st.integers(0, 9)) == 0:
            lines.append(draw(st.sampled_from(["", "# comment", "   ", "  # indented comment"])))

    tree = draw(st.recursive(scalar_text, lambda children: st.lists(children, max_size=3) | st.dictionaries(
        st.sampled_from(KEYS), children, min_size=1, max_size=3), max_leaves=8))
    top = tree if isinstance(tree, dict) else {"claims": tree}
    for key, item in top.items():
        put(f"{key}: ", 0, item)
    text = "\n".join(line for line in lines if line is not None)
    text = text.replace(": \n", ":\n") if draw(st.booleans()) else text
    return text.replace("\n", "\r\n") if draw(st.integers(0, 4)) == 0 else text + "\n"


def same(a: Any, b: Any) -> bool:
    """Equal and of the same types all the way down (True is not 1; a date is not a datetime)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return isinstance(b, float) and math.isnan(b)
    if isinstance(a, dt.datetime):
        return bool(a == b and a.utcoffset() == b.utcoffset())
    return bool(a == b)


def data_paths(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(data, dict):
        for key, value in data.items():
            yield from data_paths(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from data_paths(value, (*path, index))


def assert_subset_reader_agrees(raw: bytes | str) -> None:
    try:
        text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError:
        return
    doc, problems = yamlio.parse_yaml(text, "x.yaml")
    full_doc, full_problems = yamlio.parse_yaml_fully(text, "x.yaml")
    assert problems == full_problems and (doc is None) == (full_doc is None), text
    if doc is not None and full_doc is not None:
        assert same(doc.data, full_doc.data)
        for path in data_paths(full_doc.data):  # the fast positions are PyYAML's node marks
            for probe in (path, (*path, "zz"), (*path, 99)):
                assert doc.location(probe) == full_doc.location(probe), (text, probe)
    fast = read_plain_subset(text)
    if fast is None:
        return
    try:
        full = yaml.load(text, Loader=yamlio.Loader)
    except Exception as exc:  # any refusal: the subset reader must refuse it too
        pytest.fail(f"the subset reader accepted a text PyYAML refuses ({exc}): {text!r}")
    assert same(fast, full), (text, fast, full)


@settings(max_examples=300, deadline=None)
@given(document | rendered())
def test_subset_reader_reads_what_pyyaml_reads(text: str) -> None:
    assert_subset_reader_agrees(text)


def test_subset_reader_reads_the_seed_corpus_as_pyyaml_does() -> None:
    seed = Path(__file__).resolve().parents[1] / "claims"
    accepted = 0
    for path in sorted(seed.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8-sig")
        assert_subset_reader_agrees(text)
        accepted += read_plain_subset(text) is not None
    assert accepted >= 10  # most hand-written claim files are in the subset


@pytest.mark.parametrize("text, data", [
    ("a: 1\nb: [x, 'y']\nc:\n- d: 2023-11-22\n  e: >-\n    folded\n    lines\n", None),
    ("a: |\n  keep\n  lines\nb: ~\n", None),
    ("claims:\n  - id: x  \n    value: 约 770 名\n", None),
    ("a: 1\r\nb: 2\r\n", {"a": 1, "b": 2}),
])
def test_subset_reader_examples(text: str, data: Any) -> None:
    assert read_plain_subset(text) is not None
    assert_subset_reader_agrees(text)
    if data is not None:
        assert read_plain_subset(text) == data


@pytest.mark.parametrize("text", ["a: 1\na: 2\n", "a: &x 1\nb: *x\n", "a: 2023-02-30\n", "a:\n  b\n  c\n",
                                  "a: 'x'y\n", "on: 1\n", "a: \"esc\\n\"\n", "a: [x,\n  y]\n", "- a\nb: 1\n",
                                  "a: x\u2028y\n", "\ufeffa: 1\n", "a: 1\n  b: 2\n"])
def test_subset_reader_leaves_the_rest_to_pyyaml(text: str) -> None:
    assert read_plain_subset(text) is None


# -- explicit hostile inputs --------------------------------------------------------------


def test_symlinked_claim_file_leading_outside_is_refused(corpus_dir: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text(CLAIMS.replace('id: "s1"', 'id: "s2"').replace("s1-", "s2-"), encoding="utf-8")
    os.symlink(outside, corpus_dir / "s2.yaml")
    found = lint_json(corpus_dir)[1]
    assert [(Path(d["file"]).name, d["code"]) for d in found if d["code"] == "Y009"] == [("s2.yaml", "Y009")]
    assert "outside the corpus folder" in found[[d["code"] for d in found].index("Y009")]["message"]


@pytest.mark.parametrize("make", ["dangling", "loop"])
def test_broken_symlink_is_reported(corpus_dir: Path, make: str) -> None:
    link = corpus_dir / "s2.yaml"
    os.symlink(corpus_dir / "nope.yaml" if make == "dangling" else link, link)
    exit_code, found = lint_json(corpus_dir)
    assert exit_code == 1 and [(Path(d["file"]).name, d["code"]) for d in found] == [("s2.yaml", "Y005")]


def test_source_text_symlink_leaving_the_corpus_is_g005(corpus_dir: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(ARTICLE, encoding="utf-8")
    (corpus_dir / "sources" / "s1.txt").unlink()
    os.symlink(secret, corpus_dir / "sources" / "s1.txt")
    assert codes(corpus_dir) == ["G005"]


def test_claim_file_over_the_size_limit(corpus_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlio.read_text, "__defaults__", (len(VOCAB.encode()) + 10,))
    exit_code, found = lint_json(corpus_dir)
    assert exit_code == 1 and [d["code"] for d in found] == ["Y004"]
    assert "over the limit" in found[0]["message"] and "split it" in found[0]["message"]


def test_source_text_over_the_size_limit(corpus_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (corpus_dir / "sources" / "s1.txt").write_text(ARTICLE + "评论。" * 5000, encoding="utf-8")
    monkeypatch.setattr(yamlio.read_text, "__defaults__", (10_000,))
    exit_code, found = lint_json(corpus_dir)
    assert exit_code == 1 and [(d["line"], d["code"]) for d in found] == [(6, "G004")]
    assert "source text unusable: file is 45,1" in found[0]["message"] and "over the limit" in found[0]["message"]


def test_crlf_and_bom_everywhere_are_accepted(corpus_dir: Path) -> None:
    for name, text in FILES.items():
        (corpus_dir / name).write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert lint_json(corpus_dir) == (0, [])


def test_old_mac_line_endings(corpus_dir: Path) -> None:
    (corpus_dir / "s1.yaml").write_bytes(CLAIMS.replace("\n", "\r").encode("utf-8"))
    assert lint_json(corpus_dir) == (0, [])


@pytest.mark.parametrize("raw, code", [(b"\x07", "Y001"), (b"\x00", "Y001"), (b"\x1b[31m", "Y001")])
def test_raw_control_character_in_a_quote(corpus_dir: Path, raw: bytes, code: str) -> None:
    spoiled = CLAIMS.encode("utf-8").replace("OpenAI 全数约 770".encode(), b"OpenAI " + raw + b" 770", 1)
    (corpus_dir / "s1.yaml").write_bytes(spoiled)
    found = lint_json(corpus_dir)[1]
    assert [(d["line"], d["column"], d["code"]) for d in found] == [(13, 41, code)]
    assert "is not allowed in YAML" in found[0]["message"]


def test_escaped_control_character_in_a_quote_is_a_schema_error(corpus_dir: Path) -> None:
    (corpus_dir / "s1.yaml").write_text(CLAIMS.replace("quote: OpenAI 全数约 770 名员工\n",
                                                       'quote: "OpenAI 全数约\\x1b 770 名员工"\n'), encoding="utf-8")
    assert codes(corpus_dir) == ["S001"]


def test_impossible_date_points_at_the_value(corpus_dir: Path) -> None:
    (corpus_dir / "s1.yaml").write_text(CLAIMS.replace("2023-11-22T17:23:04+08:00", "2023-02-30"),
                                        encoding="utf-8")
    exit_code, found = lint_json(corpus_dir)
    assert exit_code == 1 and [(d["line"], d["column"], d["code"]) for d in found] == [(4, 14, "Y001")]
    assert "cannot read '2023-02-30' as timestamp" in found[0]["message"]


def test_merge_key_alias_bomb_is_refused(corpus_dir: Path) -> None:
    bomb = "base: &b {x: 1}\n" + "".join(f"k{i}:\n  <<: *b\n" for i in range(50))
    (corpus_dir / "bomb.yaml").write_text(bomb, encoding="utf-8")
    assert codes(corpus_dir) == ["Y007"]


def test_deep_block_nesting_is_refused_without_a_crash(corpus_dir: Path) -> None:
    deep = "".join(" " * i + f"k{i}:\n" for i in range(3000))
    (corpus_dir / "deep.yaml").write_text(deep, encoding="utf-8")
    with time_limit(20):
        assert codes(corpus_dir) == ["Y006"]


def test_utf16_file_is_not_utf8(corpus_dir: Path) -> None:
    (corpus_dir / "s1.yaml").write_bytes(CLAIMS.encode("utf-16"))
    assert codes(corpus_dir) == ["Y003"]


def test_claim_file_that_is_a_folder_or_unreadable(corpus_dir: Path) -> None:
    (corpus_dir / "folder.yaml").mkdir()
    assert lint_json(corpus_dir) == (0, [])
    if os.geteuid() != 0:  # root reads anything
        (corpus_dir / "s1.yaml").chmod(0)
        try:
            assert codes(corpus_dir) == ["Y005"]
        finally:
            (corpus_dir / "s1.yaml").chmod(0o644)


def test_whole_corpus_copy_with_a_binary_file(corpus_dir: Path) -> None:
    shutil.copyfile("/bin/sh" if Path("/bin/sh").is_file() else __file__, corpus_dir / "binary.yaml")
    exit_code, found = lint_json(corpus_dir)
    assert exit_code == 1 and {d["code"] for d in found} <= {"Y001", "Y003", "Y005"}
