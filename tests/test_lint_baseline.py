"""The conflict baseline: acknowledged conflicts pass, new ones fail, vanished ones are pointed out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result

from recon.baseline import BASELINE_NAME, Conflict, read_baseline, render_baseline
from recon.cli import main
from recon.diagnostics import ReconError
from tests.corpus_builder import source, write

DAY = "2023-11-21T12:00:00+08:00"


def lint(*args: str) -> Result:
    result = CliRunner().invoke(main, ["lint", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def market_cap(source_id: str, value: str) -> dict[str, Any]:
    return source(source_id, DAY, [{"subject": "microsoft", "property": "market-cap-change", "value": value}])


@pytest.fixture
def conflicted(tmp_path: Path) -> Path:
    """b (300) conflicts with a (600) and c (约 600), which agree."""
    return write(tmp_path / "claims", [market_cap("a", "600 亿美元"), market_cap("b", "300 亿美元"),
                                       market_cap("c", "约 600 亿美元")])


def test_baseline_round_trip(conflicted: Path) -> None:
    assert lint(str(conflicted)).exit_code == 1

    written = lint(str(conflicted), "--write-baseline")
    assert written.exit_code == 0
    assert f"wrote 2 acknowledged conflict(s) to {conflicted / BASELINE_NAME}" in written.stderr
    baseline = json.loads((conflicted / BASELINE_NAME).read_text(encoding="utf-8"))
    assert [(c["slot"], c["claims"]) for c in baseline["conflicts"]] == [
        (["microsoft", "market-cap-change", None], ["a-0", "b-0"]),
        (["microsoft", "market-cap-change", None], ["b-0", "c-0"])]
    assert "cannot both be true" in baseline["conflicts"][0]["reason"]
    assert lint(str(conflicted)).stdout == "no problems found\n"

    # a new conflict fails, and only it is reported
    write(conflicted, [market_cap("d", "100 亿美元")])
    again = lint(str(conflicted), "--format", "json")
    assert again.exit_code == 1
    reported = {(Path(d["file"]).name, d["code"]) for d in json.loads(again.stdout)["diagnostics"]}
    assert reported == {("a.yaml", "C001"), ("b.yaml", "C001"), ("c.yaml", "C001"), ("d.yaml", "C001")}
    assert "'b-0'" not in "".join(d["message"] for d in json.loads(again.stdout)["diagnostics"]
                                  if d["file"].endswith("a.yaml"))
    (conflicted / "d.yaml").unlink()

    # removing a conflicting claim makes the baselined conflict stale: said, but not a failure
    (conflicted / "b.yaml").unlink()
    stale = lint(str(conflicted))
    assert stale.exit_code == 0
    assert (f"{conflicted / BASELINE_NAME}:4:1: warning: baselined conflict microsoft · market-cap-change: "
            "a-0 vs b-0 no longer occurs; run `recon lint --write-baseline` to drop it [C003]") in stale.stdout
    assert f"{conflicted / BASELINE_NAME}:5:1: warning: baselined conflict microsoft · market-cap-change: b-0 vs c-0" \
        in stale.stdout
    assert lint(str(conflicted), "--write-baseline").exit_code == 0
    assert json.loads((conflicted / BASELINE_NAME).read_text(encoding="utf-8"))["conflicts"] == []
    assert lint(str(conflicted)).stdout == "no problems found\n"


def test_baseline_is_deterministic_and_one_conflict_per_line(conflicted: Path) -> None:
    write(conflicted, [market_cap("d", "100 亿美元")])
    lint(str(conflicted), "--write-baseline")
    first = (conflicted / BASELINE_NAME).read_bytes()
    lint(str(conflicted), "--write-baseline")
    assert (conflicted / BASELINE_NAME).read_bytes() == first
    lines = first.decode("utf-8").splitlines()
    entries = [line for line in lines if line.lstrip().startswith('{"claims"')]
    assert [json.loads(e.rstrip(","))["claims"] for e in entries] == [
        ["a-0", "b-0"], ["a-0", "d-0"], ["b-0", "c-0"], ["b-0", "d-0"], ["c-0", "d-0"]]
    assert not list(conflicted.glob(".*.tmp"))  # written atomically, nothing left behind


def test_baseline_survives_edits_that_move_lines(conflicted: Path) -> None:
    lint(str(conflicted), "--write-baseline")
    record = yaml.safe_load((conflicted / "b.yaml").read_text(encoding="utf-8"))
    record["claims"].insert(0, {"id": "b-staff", "subject": "openai", "property": "employee-count",
                                "value": "770 名", "quote": "770 名"})
    (conflicted / "b.yaml").write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
    (conflicted / "sources" / "b.txt").write_text("770 名\n300 亿美元\n", encoding="utf-8")
    assert lint(str(conflicted)).stdout == "no problems found\n"


def test_notes_written_by_hand_are_kept(conflicted: Path) -> None:
    lint(str(conflicted), "--write-baseline")
    path = conflicted / BASELINE_NAME
    data = json.loads(path.read_text(encoding="utf-8"))
    data["conflicts"][0]["note"] = "b misread the figure; both kept on purpose"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    assert lint(str(conflicted)).exit_code == 0  # any JSON layout reads
    lint(str(conflicted), "--write-baseline")
    assert read_baseline(path).conflicts[("microsoft", "market-cap-change", "", "a-0", "b-0")].note == \
        "b misread the figure; both kept on purpose"


def test_baseline_path_from_flag_and_from_pyproject(conflicted: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "ci" / "acknowledged.json"
    assert lint(str(conflicted), "--write-baseline", "--baseline", str(elsewhere)).exit_code == 0
    assert elsewhere.is_file() and not (conflicted / BASELINE_NAME).exists()
    assert lint(str(conflicted)).exit_code == 1
    assert lint(str(conflicted), "--baseline", str(elsewhere)).exit_code == 0
    (tmp_path / "pyproject.toml").write_text('[tool.recon]\nbaseline = "ci/acknowledged.json"\n')
    assert lint(str(conflicted)).exit_code == 0


def test_missing_explicit_baseline_is_a_usage_error(conflicted: Path, tmp_path: Path) -> None:
    result = lint(str(conflicted), "--baseline", str(tmp_path / "nope.json"))
    assert result.exit_code == 2 and "not found; create it with `recon lint --write-baseline`" in result.output


@pytest.mark.parametrize("content", ["<<<<<<< HEAD\n", '{"conflicts": 3}', '{"conflicts": [{"slot": "x"}]}'])
def test_broken_baseline_is_a_usage_error(conflicted: Path, content: str) -> None:
    (conflicted / BASELINE_NAME).write_text(content, encoding="utf-8")
    result = lint(str(conflicted))
    assert result.exit_code == 2 and "regenerate it with `recon lint --write-baseline`" in result.output
    assert "Traceback" not in result.output


def test_write_baseline_refuses_to_replace_another_file(conflicted: Path, tmp_path: Path) -> None:
    notes = tmp_path / "notes.json"
    notes.write_text('{"mine": true}', encoding="utf-8")
    result = lint(str(conflicted), "--write-baseline", "--baseline", str(notes))
    assert result.exit_code == 2 and notes.read_text(encoding="utf-8") == '{"mine": true}'


def test_write_baseline_needs_a_clean_corpus(conflicted: Path) -> None:
    (conflicted / "c.yaml").write_text("claims: [", encoding="utf-8")
    result = lint(str(conflicted), "--write-baseline")
    assert result.exit_code == 2 and "cannot write a baseline" in result.output
    assert not (conflicted / BASELINE_NAME).exists()


def test_stale_entry_waits_while_its_claim_cannot_be_read(conflicted: Path) -> None:
    lint(str(conflicted), "--write-baseline")
    text = (conflicted / "b.yaml").read_text(encoding="utf-8").replace("value: 300 亿美元", "value: 三百亿元左右吧")
    (conflicted / "b.yaml").write_text(text, encoding="utf-8")
    (conflicted / "b.yaml").write_text(text.replace("quote: 300 亿美元", "quote: 三百亿元左右吧"), encoding="utf-8")
    (conflicted / "sources" / "b.txt").write_text("三百亿元左右吧\n", encoding="utf-8")
    result = lint(str(conflicted), "--format", "json")
    assert [d["code"] for d in json.loads(result.stdout)["diagnostics"]] == ["N001"]


def test_conflict_keys_ignore_claim_order_and_render_sorted() -> None:
    one = Conflict.between(("s", "p", None), "z", "a", "why")
    assert one.claims == ("a", "z") and one == Conflict.between(("s", "p", None), "a", "z")
    two = Conflict.between(("r", "p", "o"), "b", "c")
    text = render_baseline([one, two])
    assert text.index('"r"') < text.index('"s"') and text.endswith("}\n")
    with pytest.raises(ReconError):
        from recon.baseline import parse_baseline

        parse_baseline(b"\xff", Path("x.json"))


def test_a_baseline_nested_too_deeply_is_a_usage_error(conflicted: Path) -> None:
    (conflicted / "recon-baseline.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", str(conflicted)])
    assert result.exit_code == 2 and "nested too deeply" in result.output


def test_a_named_baseline_reports_the_conflicts_it_no_longer_acknowledges(conflicted: Path) -> None:
    CliRunner().invoke(main, ["lint", str(conflicted), "--write-baseline"])
    baseline = conflicted / "recon-baseline.json"
    data = json.loads(baseline.read_text(encoding="utf-8"))
    data["conflicts"] = []
    baseline.write_text(json.dumps(data), encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", str(baseline)])
    assert result.exit_code == 1 and "[C001]" in result.output


@pytest.mark.parametrize("version", ["2", "true", "\"1\""])
def test_a_baseline_of_another_version_is_a_usage_error(conflicted: Path, version: str) -> None:
    (conflicted / "recon-baseline.json").write_text(f'{{"version": {version}, "conflicts": []}}', encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", str(conflicted)])
    assert result.exit_code == 2 and "this recon reads version 1" in result.output
