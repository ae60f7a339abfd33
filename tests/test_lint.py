"""`recon lint`: every problem is reported at file:line:col with a rule code and exit status."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from recon.cli import main
from tests.conftest import CLAIMS


def run_lint(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["lint", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def diagnostics(corpus: Path) -> list[dict[str, object]]:
    code, output = run_lint(str(corpus), "--format", "json")
    return json.loads(output)["diagnostics"]


def test_clean_corpus_exits_zero(corpus_dir: Path) -> None:
    code, output = run_lint(str(corpus_dir))
    assert code == 0
    assert "no problems found" in output


def test_edited_quote_is_ungrounded_at_its_line(corpus_dir: Path) -> None:
    (corpus_dir / "s1.yaml").write_text(CLAIMS.replace("超过 700 人签署", "超过 750 人签署"), encoding="utf-8")
    code, output = run_lint(str(corpus_dir))
    assert code == 1
    assert "s1.yaml:13:12: error: quote not found verbatim in s1.txt" in output
    assert "[G001]" in output


def test_quote_grounding_tolerates_whitespace_only(corpus_dir: Path) -> None:
    spaced = CLAIMS.replace("OpenAI 全数约 770 名员工中", "OpenAI  全数约 770   名员工中")
    (corpus_dir / "s1.yaml").write_text(spaced, encoding="utf-8")
    assert run_lint(str(corpus_dir))[0] == 0
    (corpus_dir / "s1.yaml").write_text(CLAIMS.replace("OpenAI 全数约", "OpenAI全数约"), encoding="utf-8")
    assert run_lint(str(corpus_dir))[0] == 1


def test_unknown_entity_is_reported_with_a_suggestion(corpus_dir: Path) -> None:
    (corpus_dir / "s1.yaml").write_text(CLAIMS.replace("subject: openai", "subject: openaii"), encoding="utf-8")
    code, output = run_lint(str(corpus_dir))
    assert code == 1
    assert "s1.yaml:15:14: error: unknown entity 'openaii' (did you mean 'openai'?)" in output


def test_malformed_yaml_reports_the_syntax_error_position(corpus_dir: Path) -> None:
    (corpus_dir / "s1.yaml").write_text('source:\n  id: "s1\n  outlet: x\n', encoding="utf-8")
    code, output = run_lint(str(corpus_dir))
    assert code == 1
    assert "s1.yaml:4:1: error: YAML syntax: found unexpected end of stream" in output
    assert "Traceback" not in output


def test_wrong_type_points_at_the_value(corpus_dir: Path) -> None:
    (corpus_dir / "s1.yaml").write_text(CLAIMS.replace("language: zh-Hans", "language: [zh]"), encoding="utf-8")
    found = diagnostics(corpus_dir)
    assert {"file", "line", "column", "severity", "code", "message"} <= set(found[0])
    assert (found[0]["line"], found[0]["column"], found[0]["code"]) == (5, 13, "S001")
    assert "source.language" in str(found[0]["message"])


def test_unknown_key_and_missing_key(corpus_dir: Path) -> None:
    broken = CLAIMS.replace("    value: 约 770 名\n", "    valeu: 约 770 名\n")
    (corpus_dir / "s1.yaml").write_text(broken, encoding="utf-8")
    messages = [(d["line"], d["message"]) for d in diagnostics(corpus_dir)]
    assert (17, "claims.1.valeu: unknown key 'valeu'; check its spelling against docs/claim-format.md") in messages
    assert any("missing required key 'value'" in m for _, m in messages)


def test_duplicate_key_is_an_error_not_silently_dropped(corpus_dir: Path) -> None:
    doubled = CLAIMS.replace("    property: employee-count\n",
                             "    property: employee-count\n    property: signatories\n")
    (corpus_dir / "s1.yaml").write_text(doubled, encoding="utf-8")
    found = diagnostics(corpus_dir)
    assert [(d["line"], d["code"]) for d in found] == [(17, "Y002")]
    assert "first at line 16" in str(found[0]["message"])


def test_duplicate_claim_id_across_files(corpus_dir: Path) -> None:
    second = CLAIMS.replace('id: "s1"', 'id: "s2"').replace("s1-staff", "s2-staff")
    (corpus_dir / "s2.yaml").write_text(second, encoding="utf-8")
    found = diagnostics(corpus_dir)
    assert [(Path(str(d["file"])).name, d["line"], d["code"]) for d in found] == [("s2.yaml", 8, "R002")]
    assert "first defined at" in str(found[0]["message"]) and "s1.yaml:8:5" in str(found[0]["message"])


def test_value_must_be_written_in_the_quote(corpus_dir: Path) -> None:
    (corpus_dir / "s1.yaml").write_text(CLAIMS.replace("value: 约 770 名", "value: 约 780 名"), encoding="utf-8")
    assert [(d["line"], d["code"]) for d in diagnostics(corpus_dir)] == [(17, "G002")]


def test_non_utf8_claim_file(corpus_dir: Path) -> None:
    (corpus_dir / "s1.yaml").write_bytes(CLAIMS.encode("gb18030"))
    found = diagnostics(corpus_dir)
    assert found[0]["code"] == "Y003" and "re-save the file as UTF-8" in str(found[0]["message"])
    assert found[0]["line"] == 11


def test_bom_and_crlf_are_accepted(corpus_dir: Path) -> None:
    (corpus_dir / "s1.yaml").write_bytes(b"\xef\xbb\xbf" + CLAIMS.replace("\n", "\r\n").encode("utf-8"))
    assert run_lint(str(corpus_dir))[0] == 0


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_positions_count_newlines_only_whatever_yaml_breaks_lines_at(corpus_dir: Path, separator: str) -> None:
    """YAML also breaks lines at U+2028, U+2029 and U+0085; editors and recon's positions do not."""
    text = CLAIMS.replace("outlet: Example Daily", f'outlet: "Example{separator}Daily"')
    (corpus_dir / "s1.yaml").write_text(text.replace("超过 700 人签署", "超过 750 人签署"), encoding="utf-8")
    assert "s1.yaml:13:12: error: quote not found verbatim" in run_lint(str(corpus_dir))[1]


def test_a_line_separator_that_breaks_the_yaml_is_named(corpus_dir: Path) -> None:
    (corpus_dir / "s1.yaml").write_text(CLAIMS.replace("outlet: Example Daily", "outlet: Example\u2028Daily: x"),
                                        encoding="utf-8")
    output = run_lint(str(corpus_dir))[1]
    assert "the file holds U+2028 at line 3, which YAML reads as a line break" in output


def test_non_utf8_source_text(corpus_dir: Path) -> None:
    (corpus_dir / "sources/s1.txt").write_bytes("联名信".encode("big5", errors="replace") + b"\xff")
    found = diagnostics(corpus_dir)
    assert [d["code"] for d in found] == ["G004"]
    assert "not valid UTF-8" in str(found[0]["message"])


def test_source_path_outside_the_corpus_is_refused(corpus_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text("OpenAI 全数约 770 名员工", encoding="utf-8")
    (corpus_dir / "s1.yaml").write_text(CLAIMS.replace("sources/s1.txt", "../secret.txt"), encoding="utf-8")
    found = diagnostics(corpus_dir)
    assert [d["code"] for d in found] == ["G005"]


def test_missing_source_text(corpus_dir: Path) -> None:
    (corpus_dir / "sources/s1.txt").unlink()
    assert [d["code"] for d in diagnostics(corpus_dir)] == ["G004"]


def test_yaml_alias_bomb_is_refused_quickly(corpus_dir: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(20))
    (corpus_dir / "bomb.yaml").write_text(bomb, encoding="utf-8")
    found = diagnostics(corpus_dir)
    assert [d["code"] for d in found] == ["Y007"]


def test_deep_nesting_is_refused(corpus_dir: Path) -> None:
    (corpus_dir / "deep.yaml").write_text("a: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    assert [d["code"] for d in diagnostics(corpus_dir)] == ["Y006"]


def test_control_character_in_quote(corpus_dir: Path) -> None:
    (corpus_dir / "s1.yaml").write_text(CLAIMS.replace("quote: OpenAI 全数约 770 名员工\n",
                                                       'quote: "OpenAI 全数约\\x07 770 名员工"\n'), encoding="utf-8")
    found = diagnostics(corpus_dir)
    assert [d["code"] for d in found] == ["S001"] and "control character" in str(found[0]["message"])


def test_lint_a_single_file_uses_the_corpus_vocabulary(corpus_dir: Path) -> None:
    assert run_lint(str(corpus_dir / "s1.yaml"))[0] == 0


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run_lint()[0] == 2
    assert run_lint(str(tmp_path / "nope"))[0] == 2
    assert run_lint(str(tmp_path), "--select", "ZZZ")[0] == 2


def test_select_and_ignore(corpus_dir: Path) -> None:
    (corpus_dir / "s1.yaml").write_text(CLAIMS.replace("subject: openai", "subject: openaii"), encoding="utf-8")
    assert run_lint(str(corpus_dir), "--ignore", "R")[0] == 0
    assert run_lint(str(corpus_dir), "--select", "G")[0] == 0
    assert run_lint(str(corpus_dir), "--select", "R001")[0] == 1


@pytest.mark.parametrize("fmt", ["github", "sarif"])
def test_machine_formats(corpus_dir: Path, fmt: str) -> None:
    (corpus_dir / "s1.yaml").write_text(CLAIMS.replace("subject: openai", "subject: openaii"), encoding="utf-8")
    code, output = run_lint(str(corpus_dir), "--format", fmt)
    assert code == 1
    if fmt == "github":
        assert output.startswith("::error file=") and "line=15,col=14,title=R001::" in output
    else:
        log = json.loads(output)
        assert log["version"] == "2.1.0"
        result = log["runs"][0]["results"][0]
        assert result["ruleId"] == "R001"
        assert result["locations"][0]["physicalLocation"]["region"] == {"startLine": 15, "startColumn": 14}


def test_list_rules() -> None:
    code, output = run_lint("--list-rules")
    assert code == 0 and "G001  ungrounded-quote" in output


@pytest.mark.parametrize("args, code", [(["lint", "{corpus}"], 1), (["lint", "{corpus}", "--format", "json"], 1),
                                        (["lint", "--select", "ZZZ", "{corpus}"], 2), (["--version"], 0)])
def test_console_scripts_fast_exit_keeps_the_output_and_the_exit_status(corpus_dir: Path, args: list[str],
                                                                     code: int) -> None:
    import subprocess
    import sys

    claim_file = corpus_dir / "s1.yaml"  # a G002 finding, so that there is output to lose
    claim_file.write_text(claim_file.read_text(encoding="utf-8").replace("value: 约 770 名", "value: 约 700 名"),
                          encoding="utf-8")
    argv = [a.format(corpus=corpus_dir) for a in args]
    fast = subprocess.run([sys.executable, "-c", "from recon.cli import run; run()", *argv],
                          capture_output=True, text=True, check=False)
    assert fast.returncode == code, fast.stderr
    if args[0] == "lint":
        plain = CliRunner().invoke(main, argv)
        assert plain.exit_code == code and fast.stdout == plain.stdout
        assert ("G002" in fast.stdout) == (code == 1)
