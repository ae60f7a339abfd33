"""`recon lint`'s reconciliation-aware rules (C, D, A, N002), settings in pyproject.toml, and --diff."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from recon.cli import main
from recon.corpus import load_corpus
from recon.rules import RULES
from tests.corpus_builder import VOCAB, source, write

SEED = Path(__file__).resolve().parents[1] / "claims"
DAY = "2023-11-21T12:00:00+08:00"


def run_lint(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["lint", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout


def found(*args: str) -> list[tuple[str, int, str]]:
    """(file name, line, code) of each finding, from the JSON output."""
    code, output = run_lint(*args, "--format", "json")
    assert code in (0, 1), output
    return [(Path(d["file"]).name, d["line"], d["code"]) for d in json.loads(output)["diagnostics"]]


def messages(*args: str) -> list[str]:
    return [d["message"] for d in json.loads(run_lint(*args, "--format", "json")[1])["diagnostics"]]


def market_cap(source_id: str, value: str, **extra: Any) -> dict[str, Any]:
    return source(source_id, DAY, [{"subject": "microsoft", "property": "market-cap-change", "value": value,
                                    **extra}])


@pytest.fixture
def seed_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The seed corpus (with its baseline) copied to tmp_path/claims; the working directory is tmp_path."""
    shutil.copytree(SEED, tmp_path / "claims")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "claims"


# -- C001 conflicts ----------------------------------------------------------------


def test_seed_corpus_lints_clean() -> None:
    assert run_lint(str(SEED)) == (0, "no problems found\n")


def test_conflicting_claim_added_to_the_seed_fails_at_its_line(seed_copy: Path) -> None:
    (seed_copy / "sources" / "999.txt").write_text("据报道,微软市值增加了 100 亿美元。\n", encoding="utf-8")
    (seed_copy / "999.yaml").write_text(
        'source:\n  id: "999"\n  outlet: Example Daily\n  published: 2023-11-21\n  language: zh-Hans\n'
        "  text: sources/999.txt\nclaims:\n  - id: 999-ms-market-cap\n    subject: microsoft\n"
        "    property: market-cap-change\n    value: 100 亿美元\n    quote: 微软市值增加了 100 亿美元\n",
        encoding="utf-8")
    corpus, _ = load_corpus(seed_copy, display_base=seed_copy.parent)
    seed_600 = corpus.location("claim", "000-ms-market-cap-600", "value")
    code, output = run_lint("claims")
    assert code == 1
    assert f"claims/999.yaml:11:12: error: conflicts with claim '000-ms-market-cap-600' at {seed_600}" in output
    assert f"{seed_600}: error: conflicts with claim '999-ms-market-cap' at claims/999.yaml:11:12" in output
    # the new claim conflicts with both seed claims; their own conflict is acknowledged in the baseline
    assert output.count("[C001]") == 4
    assert "conflicts with claim '004-msft-market-cap-up-near-30b' at" in output
    assert not any(line.startswith(str(seed_600)) and "'004-msft" in line for line in output.splitlines())


def test_conflict_is_reported_at_both_claims_values(tmp_path: Path) -> None:
    root = write(tmp_path / "claims", [market_cap("a", "600 亿美元"), market_cap("b", "300 亿美元")])
    assert found(str(root)) == [("a.yaml", 6, "C001"), ("b.yaml", 6, "C001")]
    first, second = messages(str(root))
    assert "conflicts with claim 'b-0' at" in first and "b.yaml:6:10" in first
    assert "cannot both be true" in first and "--write-baseline" in first
    assert "conflicts with claim 'a-0'" in second


def test_agreeing_claims_are_not_a_conflict(tmp_path: Path) -> None:
    root = write(tmp_path / "claims", [market_cap("a", "600 亿美元"), market_cap("b", "约 600 亿美元")])
    assert found(str(root)) == []


def test_hypothetical_claim_does_not_conflict(tmp_path: Path) -> None:
    root = write(tmp_path / "claims", [market_cap("a", "600 亿美元"),
                                       market_cap("b", "300 亿美元", modality="hypothetical")])
    assert found(str(root)) == []


def test_linting_one_file_reports_the_conflict_only_there(tmp_path: Path) -> None:
    root = write(tmp_path / "claims", [market_cap("a", "600 亿美元"), market_cap("b", "300 亿美元")])
    assert found(str(root / "b.yaml")) == [("b.yaml", 6, "C001")]


def test_conflicts_wait_for_a_clean_load(tmp_path: Path) -> None:
    root = write(tmp_path / "claims", [market_cap("a", "600 亿美元"), market_cap("b", "300 亿美元")])
    (root / "b.yaml").write_text((root / "b.yaml").read_text(encoding="utf-8").replace("subject: microsoft",
                                                                                        "subject: microsofd"))
    result = CliRunner().invoke(main, ["lint", str(root)])
    assert result.exit_code == 1 and "[R001]" in result.stdout and "[C001]" not in result.stdout
    assert "run once the corpus has no errors" in result.stderr


# -- C002 relations, D001 duplicates, A001 aliases, N001/N002 ---------------------------


def share_corpus(root: Path, share: str) -> Path:
    return write(root, [source("a", DAY, [
        {"subject": "letter", "property": "signatories", "value": "700 人"},
        {"subject": "openai", "property": "employee-count", "value": "770 名"},
        {"subject": "letter", "property": "signatory-share", "value": share}])])


def test_violated_relation_is_a_warning_at_the_relation(tmp_path: Path) -> None:
    assert found(str(share_corpus(tmp_path / "ok", "约 91%"))) == []
    root = share_corpus(tmp_path / "bad", "50%")
    code, output = run_lint(str(root))
    assert code == 0
    assert "vocab/vocab.yaml:" in output and "warning: relation 'share' does not hold: ratio of" in output
    assert "[C002]" in output


def test_same_source_duplicate_is_a_warning_at_the_repeat(tmp_path: Path) -> None:
    claim = {"subject": "openai", "property": "employee-count", "value": "770 名"}
    root = write(tmp_path / "claims", [source("a", DAY, [claim, {**claim, "quote": "全体 770 名"}])])
    code, output = run_lint(str(root))
    assert code == 0
    assert "a.yaml:" in output and "warning: claim 'a-1' repeats claim 'a-0' at" in output and "[D001]" in output
    assert [c for _, _, c in found(str(root))] == ["D001"]


def test_duplicate_time_may_be_worded_differently(tmp_path: Path) -> None:
    claim = {"subject": "openai", "property": "employee-count", "value": "770 名"}
    root = write(tmp_path / "claims", [source("a", DAY, [{**claim, "time": "11 月 20 日"},
                                                          {**claim, "time": "11月20日"}])])
    assert [c for _, _, c in found(str(root))] == ["D001"]


def test_duplicate_needs_same_source_and_same_time(tmp_path: Path) -> None:
    claim = {"subject": "openai", "property": "employee-count", "value": "770 名"}
    other_source = write(tmp_path / "two", [source("a", DAY, [claim]), source("b", DAY, [claim])])
    assert found(str(other_source)) == []
    other_times = write(tmp_path / "times", [source("a", DAY, [{**claim, "time": "11 月 20 日"},
                                                               {**claim, "time": "11 月 21 日"}])])
    assert found(str(other_times)) == []


def test_three_copies_point_at_the_first(tmp_path: Path) -> None:
    claim = {"subject": "openai", "property": "employee-count", "value": "770 名"}
    root = write(tmp_path / "claims", [source("a", DAY, [claim, {**claim, "quote": "约有 770 名"},
                                                          {**claim, "quote": "共 770 名"}])])
    assert [m.split(" at ")[0] for m in messages(str(root))] == ["claim 'a-1' repeats claim 'a-0'",
                                                                 "claim 'a-2' repeats claim 'a-0'"]


def test_alias_shared_by_two_entities(tmp_path: Path) -> None:
    vocab = copy.deepcopy(VOCAB)
    vocab["entities"][1]["names"].append("Open AI")  # openai; squashes like twitch's new alias below
    vocab["entities"][2]["names"].append("openai")
    root = write(tmp_path / "claims", [market_cap("a", "600 亿美元")], vocab)
    code, output = run_lint(str(root))
    assert code == 0 and "[A001]" in output
    assert "name 'Open AI' of 'openai' is also a name of 'twitch'" in output
    assert "name 'openai' of 'twitch' is also a name of 'openai'" in output

@pytest.mark.parametrize(("window", "says"), [("soon", "write an ISO 8601 duration such as P1D"),
                                              ("-P1D", "greater than or equal to 0")])
def test_a_bad_undated_window_is_a_schema_error_at_its_value(tmp_path: Path, window: str, says: str) -> None:
    vocab = copy.deepcopy(VOCAB)
    next(p for p in vocab["properties"] if p["id"] == "employee-count")["undated_window"] = window
    root = write(tmp_path / "claims", [market_cap("a", "600 亿美元")], vocab)
    lines = (root / "vocab" / "vocab.yaml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "undated_window" in text)
    assert found(str(root)) == [("vocab.yaml", line, "S001")]
    assert says in messages(str(root))[0]


def test_one_bad_vocabulary_record_keeps_the_rest_of_its_file(tmp_path: Path) -> None:
    vocab = copy.deepcopy(VOCAB)
    vocab["properties"][1]["kind"] = "headcount"  # employee-count: not a kind
    root = write(tmp_path / "claims", [market_cap("a", "600 亿美元"), source("b", DAY, [
        {"subject": "openai", "property": "employee-count", "value": "770 名"}])], vocab)
    corpus, diagnostics = load_corpus(root)
    assert [d.code for d in diagnostics] == ["S001"]  # no R001 for the claim or the relation naming it
    assert "employee-count" not in corpus.properties and "market-cap-change" in corpus.properties
    assert len(corpus.entities) == len(VOCAB["entities"]) and "share" in corpus.relations


def test_one_bad_claim_keeps_the_rest_of_its_file(tmp_path: Path) -> None:
    record = market_cap("a", "600 亿美元")
    record["claims"].append({"id": "a-bad", "subject": "microsoft", "property": "market-cap-change",
                             "value": "600 亿美元", "quote": "600 亿美元", "modality": "rumoured"})
    root = write(tmp_path / "claims", [record])
    corpus, diagnostics = load_corpus(root)
    lines = (root / "a.yaml").read_text(encoding="utf-8").splitlines()
    assert [(d.code, d.location.line) for d in diagnostics] == [
        ("S001", next(n for n, line in enumerate(lines, 1) if "rumoured" in line))]
    assert set(corpus.claims) == {"a-0"} and "a" in corpus.sources


def test_a_claim_file_with_a_bad_source_loads_none_of_its_claims(tmp_path: Path) -> None:
    record = market_cap("a", "600 亿美元")
    record["source"]["language"] = "klingon"
    corpus, diagnostics = load_corpus(write(tmp_path / "claims", [record]))
    assert [d.code for d in diagnostics] == ["S001"] and not corpus.claims and not corpus.sources


def test_unknown_disjoint_term_is_reported_at_its_list_item(tmp_path: Path) -> None:
    vocab = copy.deepcopy(VOCAB)
    vocab["terms"][0]["disjoint_with"] = ["former-ceo", "formr-ceo"]
    root = write(tmp_path / "claims", [market_cap("a", "600 亿美元")], vocab)
    lines = (root / "vocab" / "vocab.yaml").read_text(encoding="utf-8").splitlines()
    item_line = next(n for n, line in enumerate(lines, 1) if line.strip() == "- formr-ceo")
    assert found(str(root)) == [("vocab.yaml", item_line, "R001")]
    assert "unknown term 'formr-ceo' (did you mean 'former-ceo'?)" in messages(str(root))[0]



def test_unreadable_time_is_n002_and_unreadable_value_n001(tmp_path: Path) -> None:
    root = write(tmp_path / "claims", [source("a", DAY, [
        {"subject": "openai", "property": "employee-count", "value": "770 名", "time": "很久以前"},
        {"subject": "letter", "property": "signatories", "value": "许多人"}])])
    assert sorted(c for _, _, c in found(str(root))) == ["N001", "N002"]
    assert any("cannot read '很久以前' as a time" in m for m in messages(str(root)))


# -- rule selection, in pyproject.toml and on the command line -----------------------------


def test_every_rule_is_listed_with_its_severity() -> None:
    code, output = run_lint("--list-rules")
    assert code == 0
    for rule in RULES.values():
        assert f"{rule.code}  {rule.name}" in output and rule.description in output
    assert "C001  conflict" in output and "D001  duplicate-claim" in output


def test_select_and_ignore_from_pyproject(tmp_path: Path) -> None:
    root = write(tmp_path / "claims", [market_cap("a", "600 亿美元"), market_cap("b", "300 亿美元")])
    assert run_lint(str(root))[0] == 1
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.recon]\nignore = ["C"]\n')
    assert run_lint(str(root))[0] == 0
    assert run_lint(str(root), "--ignore", "D")[0] == 1  # the flag replaces the file's list
    (tmp_path / "pyproject.toml").write_text('[tool.recon]\nselect = ["G", "R"]\n')
    assert run_lint(str(root))[0] == 0
    assert run_lint(str(root), "--select", "C001,G")[0] == 1


def test_nearest_pyproject_with_a_recon_table_wins(tmp_path: Path) -> None:
    root = write(tmp_path / "repo" / "claims", [market_cap("a", "600 亿美元"), market_cap("b", "300 亿美元")])
    (tmp_path / "pyproject.toml").write_text('[tool.recon]\nignore = ["C001"]\n')
    (tmp_path / "repo" / "pyproject.toml").write_text('[project]\nname = "no-recon-table"\n')
    assert run_lint(str(root))[0] == 0
    (root / "pyproject.toml").write_text('[tool.recon]\nselect = ["C"]\n')
    assert run_lint(str(root))[0] == 1


@pytest.mark.parametrize("table, complaint", [
    ('select = ["Q123"]', "unknown rule code 'Q123' (from [tool.recon] in"),
    ('ignore = "C001"', "ignore must be a list of rule codes"),
    ('baseline = 3', "baseline must be a path string"),
    ('selcet = ["C"]', "unknown key(s) in [tool.recon]: selcet"),
    ('select = [', "not valid TOML"),
    ('baseline = "a\\u0000b"', "baseline must be a path string"),
    ('# caf\xe9', "not UTF-8"),
])
def test_bad_settings_are_usage_errors(tmp_path: Path, table: str, complaint: str) -> None:
    root = write(tmp_path / "claims", [market_cap("a", "600 亿美元")])
    (tmp_path / "pyproject.toml").write_bytes(f"[tool.recon]\n{table}\n".encode("latin-1"))
    result = CliRunner().invoke(main, ["lint", str(root)])
    assert result.exit_code == 2
    assert complaint in " ".join(result.output.split())


def test_settings_of_other_commands_are_left_alone(tmp_path: Path) -> None:
    root = write(tmp_path / "claims", [market_cap("a", "600 亿美元")])
    (tmp_path / "pyproject.toml").write_text('[tool.recon]\nignore = ["D"]\n\n[tool.recon.report]\nout = "x"\n')
    assert run_lint(str(root))[0] == 0


# -- --diff ------------------------------------------------------------------------------


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false",
                    *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("HOME", str(tmp_path))
    root = write(tmp_path / "claims", [market_cap("a", "600 亿美元"), market_cap("b", "约 600 亿美元")])
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "corpus")
    monkeypatch.chdir(tmp_path)
    return root


def test_diff_keeps_findings_in_changed_files(repo: Path) -> None:
    record = yaml.safe_load((repo / "a.yaml").read_text(encoding="utf-8"))
    record["claims"][0]["subject"] = "microsofd"
    (repo / "a.yaml").write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
    assert found("claims", "--diff", "HEAD") == [("a.yaml", 5, "R001")]
    git(repo.parent, "commit", "-q", "-am", "typo")
    assert found("claims", "--diff", "HEAD") == []
    assert found("claims", "--diff", "HEAD~1") == [("a.yaml", 5, "R001")]


def test_linting_one_file_fails_when_errors_elsewhere_block_its_conflict_checks(tmp_path: Path) -> None:
    """Pre-commit names only the changed file: a new conflict in it must not pass because another file is broken."""
    broken = market_cap("c", "600 亿美元")
    broken["claims"][0]["subject"] = "microsofd"
    root = write(tmp_path / "claims", [market_cap("a", "600 亿美元"), market_cap("b", "近300亿美元"), broken])
    assert found(str(root / "a.yaml")) == [("c.yaml", 5, "R001")]
    code, _ = run_lint(str(root / "a.yaml"))
    assert code == 1
    (root / "c.yaml").unlink()
    assert [(f, c) for f, _, c in found(str(root / "a.yaml"))] == [("a.yaml", "C001")]


def test_diff_ignores_a_users_diff_relative_setting(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With diff.relative, git names changed files relative to the folder it runs in, not to the top."""
    git(repo.parent, "config", "diff.relative", "true")
    record = yaml.safe_load((repo / "a.yaml").read_text(encoding="utf-8"))
    record["claims"][0]["subject"] = "microsofd"
    (repo / "a.yaml").write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
    monkeypatch.chdir(repo)
    assert found(".", "--diff", "HEAD") == [("a.yaml", 5, "R001")]


def test_diff_includes_new_untracked_files(repo: Path) -> None:
    write(repo, [market_cap("c", "300 亿美元")])
    assert [(f, c) for f, _, c in found("claims", "--diff", "HEAD")] == [("c.yaml", "C001"), ("c.yaml", "C001")]


def test_diff_usage_errors(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    result = CliRunner().invoke(main, ["lint", "claims", "--diff", "no-such-branch"])
    assert result.exit_code == 2 and "unknown git revision 'no-such-branch'" in result.output
    result = CliRunner().invoke(main, ["lint", "claims", "--diff", "--output=x"])
    assert result.exit_code == 2 and "is not a git revision" in result.output
    elsewhere = write(tmp_path_factory.mktemp("nogit") / "claims", [market_cap("a", "600 亿美元")])
    result = CliRunner().invoke(main, ["lint", str(elsewhere), "--diff", "HEAD"])
    assert result.exit_code == 2 and "needs a git repository" in result.output


# -- machine formats carry the new codes ------------------------------------------------------


def test_conflict_as_github_annotation(tmp_path: Path) -> None:
    root = write(tmp_path / "claims", [market_cap("a", "600 亿美元"), market_cap("b", "300 亿美元")])
    code, output = run_lint(str(root), "--format", "github")
    assert code == 1
    assert output.startswith("::error file=") and ",line=6,col=10,title=C001::conflicts with claim 'b-0'" in output


def test_sarif_lists_every_rule(tmp_path: Path) -> None:
    root = write(tmp_path / "claims", [market_cap("a", "600 亿美元"), market_cap("b", "300 亿美元")])
    log = json.loads(run_lint(str(root), "--format", "sarif")[1])
    driver = log["runs"][0]["tool"]["driver"]
    assert {r["id"] for r in driver["rules"]} == set(RULES)
    levels = {r["id"]: r["defaultConfiguration"]["level"] for r in driver["rules"]}
    assert levels["C001"] == "error" and levels["D001"] == "warning"
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["C001", "C001"]


# -- adoption: the pre-commit hook and the documented examples -----------------------------------

REPO = Path(__file__).resolve().parents[1]


def test_pre_commit_hook_definition() -> None:
    import re

    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert (hook["id"], hook["entry"], hook["language"], hook["pass_filenames"]) == (
        "recon-lint", "recon lint", "python", True)
    assert re.search(hook["files"], "claims/000.yaml") and re.search(hook["files"], "claims/vocab/x.yml")
    assert not re.search(hook["files"], "claims/sources/000.txt")


def test_documented_ci_examples_are_valid_yaml_and_use_real_options() -> None:
    import re

    doc = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", doc, flags=re.S)
    assert len(blocks) >= 3
    for block in blocks:
        assert yaml.safe_load(block) is not None
    workflow = yaml.safe_load(next(b for b in blocks if "jobs:" in b))
    steps = workflow["jobs"]["lint"]["steps"]
    assert any("recon lint claims/ --format github" in step.get("run", "") for step in steps)
    for flag in set(re.findall(r"recon lint [^`\n]*", doc)):
        for option in re.findall(r"--[a-z-]+", flag):
            assert option in {"--format", "--diff", "--baseline", "--write-baseline", "--select", "--ignore",
                              "--list-rules"}, option


# -- values the model refuses up front, instead of failing later in date or interval arithmetic -----------


@pytest.mark.parametrize(("published", "says"), [
    ("9999-12-31T23:59:59-12:00", "year must lie in 1000-9000"),
    ("0001-01-01", "year must lie in 1000-9000"),
    (-1, "not a number"),
])
def test_a_publication_date_out_of_range_is_a_schema_error(tmp_path: Path, published: Any, says: str) -> None:
    record = market_cap("a", "600 亿美元")
    record["source"]["published"] = published
    root = write(tmp_path / "claims", [record])
    assert [code for _, _, code in found(str(root))] == ["S001"]
    assert says in messages(str(root))[0]


@pytest.mark.parametrize(("change", "says"), [
    ({"operands": [{"subject": "letter", "property": "signatories"}]}, "takes exactly 2 operand(s), not 1"),
    ({"factor": float("nan")}, "finite number"),
    ({"factor": float("inf")}, "finite number"),
    ({"factor": 1e308}, "between 1e-12 and 1e12"),
])
def test_a_malformed_relation_is_a_schema_error(tmp_path: Path, change: dict[str, Any], says: str) -> None:
    vocab = copy.deepcopy(VOCAB)
    vocab["relations"][0].update(change)
    root = write(tmp_path / "claims", [market_cap("a", "600 亿美元")], vocab)
    assert [code for _, _, code in found(str(root))] == ["S001"]
    assert says in messages(str(root))[0]


@pytest.mark.parametrize(("normalized", "codes"), [
    ("(700, ∞) soft_hi=800 person", []),
    ("(700, ∞) person", []),
    ("(700,   ∞)  person", []),
    ("[5, 6] USD", ["N003"]),
])
def test_the_normalized_field_is_checked_against_the_parser(tmp_path: Path, normalized: str, codes: list[str]) -> None:
    claim = {"subject": "letter", "property": "signatories", "value": "超过 700 人", "normalized": normalized}
    root = write(tmp_path / "claims", [source("a", DAY, [claim])])
    assert [c for _, _, c in found(str(root))] == codes
    if codes:
        lines = (root / "a.yaml").read_text(encoding="utf-8").splitlines()
        assert found(str(root))[0][1] == next(n for n, line in enumerate(lines, 1) if "normalized:" in line)
        assert "recon reads '超过 700 人' as '(700, ∞) soft_hi=800 person'" in messages(str(root))[0]


def test_a_vocabulary_file_that_does_not_parse_is_the_one_finding(tmp_path: Path) -> None:
    """Not followed by an unknown id for every claim whose entity or term it defines."""
    root = write(tmp_path / "claims", [market_cap("a", "600 亿美元"), source("b", DAY, [
        {"subject": "shear", "property": "role", "object": "openai", "value": "CEO"}])])
    (root / "vocab" / "broken.yaml").write_text("entities: [\n  - id: x\n", encoding="utf-8")
    (root / "vocab" / "vocab.yaml").rename(root / "vocab" / "vocab2.yaml")
    text = (root / "vocab" / "vocab2.yaml").read_text(encoding="utf-8")
    (root / "vocab" / "vocab2.yaml").write_text(text.replace("terms:", "terms: [", 1), encoding="utf-8")
    assert sorted({c for _, _, c in found(str(root))}) == ["Y001"]


# -- which findings a run naming files reports ------------------------------------------------------


def test_a_named_vocabulary_file_reports_what_it_breaks_in_every_file(tmp_path: Path) -> None:
    vocab = copy.deepcopy(VOCAB)
    vocab["entities"] = [e for e in vocab["entities"] if e["id"] != "microsoft"]
    root = write(tmp_path / "claims", [market_cap("a", "600 亿美元")], vocab)
    assert found(str(root / "vocab" / "vocab.yaml")) == [("a.yaml", 5, "R001")]


def test_a_named_archived_text_reports_the_quotes_it_no_longer_grounds(tmp_path: Path) -> None:
    root = write(tmp_path / "claims", [market_cap("a", "600 亿美元"), market_cap("b", "约 600 亿美元")])
    (root / "sources" / "a.txt").write_text("nothing here\n", encoding="utf-8")
    assert [(f, c) for f, _, c in found(str(root / "sources" / "a.txt"))] == [("a.yaml", "G001")]


def test_paths_of_two_corpora_or_of_none_are_refused(tmp_path: Path) -> None:
    one = write(tmp_path / "one" / "claims", [market_cap("a", "600 亿美元")])
    two = write(tmp_path / "two" / "claims", [market_cap("b", "600 亿美元")])
    code, _ = run_lint(str(one / "a.yaml"), str(two / "b.yaml"))
    assert code == 2
    result = CliRunner().invoke(main, ["lint", str(one / "a.yaml"), str(two / "b.yaml")])
    assert "belongs to the corpus in" in result.output and "lint each corpus in a run of its own" in result.output
    (tmp_path / "stray.yaml").write_text("a: 1\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", str(one / "a.yaml"), str(tmp_path / "stray.yaml")])
    assert result.exit_code == 2 and "is in no corpus (no vocab/ above it)" in result.output


def test_a_folder_without_claim_files_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(main, ["lint", str(tmp_path / "empty")])
    assert result.exit_code == 2 and "no claim or vocabulary files" in result.output


@pytest.mark.parametrize("zone", ["America", "Europe", "Etc"])
def test_a_zone_naming_a_folder_of_zones_is_a_schema_error(tmp_path: Path, zone: str) -> None:
    record = market_cap("a", "600 亿美元")
    record["source"]["zone"] = zone
    root = write(tmp_path / "claims", [record])
    assert [c for _, _, c in found(str(root))] == ["S001"]
    assert f"unknown time zone '{zone}'" in messages(str(root))[0]


def test_claims_naming_an_entity_defined_with_errors_are_not_blamed_for_it(seed_copy: Path) -> None:
    """Not even a role whose wording names it (曾是 OpenAI 高管: the names of the parties are stripped)."""
    entities = seed_copy / "vocab" / "entities.yaml"
    text = entities.read_text(encoding="utf-8")
    entities.write_text(text.replace("- id: openai\n  type: organization", "- id: openai\n  type: orgg", 1),
                        encoding="utf-8")
    assert [c for _, _, c in found(str(seed_copy))] == ["S001"]
