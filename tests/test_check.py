"""`recon check`: sentences in three scripts and structured claims get one verdict each, with evidence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from recon.check import load_checker
from recon.cli import main
from tests.corpus_builder import source, write

REPO = Path(__file__).resolve().parent.parent
SENTENCES = [line.rstrip("\n").split("\t") for line in
             (REPO / "tests/data/check_sentences.tsv").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]


@pytest.fixture(scope="module")
def seed_checker():  # type: ignore[no-untyped-def]
    return load_checker(REPO / "claims", use_cache=False)


@pytest.mark.parametrize(("expected", "sentence"), SENTENCES)
def test_own_sentence_set(seed_checker, expected: str, sentence: str) -> None:  # type: ignore[no-untyped-def]
    assert seed_checker.check_sentence(sentence).verdict == expected


def test_every_verdict_is_in_the_test_set() -> None:
    assert {expected for expected, _ in SENTENCES} == {"supported", "contradicted", "outdated", "disputed",
                                                       "unverifiable"}


def test_traditional_and_simplified_read_the_same(seed_checker) -> None:  # type: ignore[no-untyped-def]
    simplified = seed_checker.check_sentence("超过700名OpenAI员工签署了联名信")
    traditional = seed_checker.check_sentence("超過700名OpenAI員工簽署了聯名信")
    assert (simplified.claim.subject, simplified.claim.property, simplified.verdict) == \
        (traditional.claim.subject, traditional.claim.property, traditional.verdict)


def test_unverifiable_says_what_was_not_understood(seed_checker) -> None:  # type: ignore[no-untyped-def]
    result = seed_checker.check_sentence("The Eiffel tower is 330 metres tall")
    assert "no known entity" in result.explanation
    assert result.confidence == 0.0 and result.evidence == []


def test_outdated_evidence_shows_both_sides(seed_checker) -> None:  # type: ignore[no-untyped-def]
    result = seed_checker.check_sentence("About 500 OpenAI employees signed the letter")
    stances = {e.claim.claim.value: e.stance for e in result.evidence}
    assert stances["近 500 名"] == "for" and stances["738人"] == "against"


def small_corpus(root: Path) -> Path:
    return write(root, [
        source("a", "2023-11-20T23:00:00+08:00", [{"subject": "letter", "property": "signatories",
                                                   "value": "近 500 名", "time": "11月 20 日"}]),
        source("b", "2023-11-22T12:00:00+08:00", [{"subject": "letter", "property": "signatories", "value": "738人"},
                                                  {"subject": "microsoft", "property": "market-cap-change",
                                                   "value": "600 亿美元"}]),
        source("c", "2023-11-22T12:00:00+08:00", [{"subject": "microsoft", "property": "market-cap-change",
                                                   "value": "近300亿美元"}]),
    ])


@pytest.mark.parametrize(("sentence", "verdict"), [
    ("738 people signed the letter", "supported"),
    ("近500人签署了联名信", "outdated"),
    ("3000 people signed the letter", "contradicted"),
    ("微软市值增加了600亿美元", "disputed"),
    ("Paris has two million people", "unverifiable"),
])
def test_verdicts_on_a_hand_made_corpus(tmp_path: Path, sentence: str, verdict: str) -> None:
    checker = load_checker(small_corpus(tmp_path / "claims"), use_cache=False)
    assert checker.check_sentence(sentence).verdict == verdict


def test_bare_times_are_read_in_the_zones_of_sources_in_the_sentences_script(tmp_path: Path) -> None:
    """Two Chinese sources in Beijing time make more claims; the English one reads its event in New York."""
    count = {"subject": "letter", "property": "signatories", "value": "738人"}
    zh = [source(sid, "2023-11-22T12:00:00+08:00", [count, {**count, "value": "738 名"}], zone="Asia/Shanghai",
                 local_zone="Asia/Shanghai") for sid in ("a", "b")]
    en = source("c", "2023-11-22T08:00:00-05:00", [{**count, "value": "738 people"}], language="en",
                zone="America/New_York", local_zone="America/New_York")
    reader = load_checker(write(tmp_path / "claims", [*zh, en]), use_cache=False).reader
    english = reader.read("738 people signed the letter at 9 p.m. on November 21")
    chinese = reader.read("11月21日晚上9点,738人签署了联名信")
    assert english.as_of is not None and english.as_of.zone == "America/New_York"
    assert english.as_of.start.isoformat() == "2023-11-22T02:00:00+00:00"
    assert chinese.as_of is not None and chinese.as_of.zone == "Asia/Shanghai"


def test_a_claim_dated_before_every_reading_of_an_evolving_value_is_unverifiable(tmp_path: Path) -> None:
    """738 read on the 22nd says nothing of the count on the 19th: later readings do not support it."""
    checker = load_checker(small_corpus(tmp_path / "claims"), use_cache=False)
    early = checker.check_structured("letter", "signatories", "at least 300", as_of="2023-11-19")
    assert early.verdict == "unverifiable" and "no source reads it at or before" in early.explanation
    assert "the first reading is later: 近 500 名 (a, 11月 20 日)" in early.explanation
    later = checker.check_structured("letter", "signatories", "at least 300", as_of="2023-11-20")
    assert later.verdict == "supported"


def cli(*args: str, stdin: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--claims", str(REPO / "claims"), *args], input=stdin)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def test_exit_codes_follow_the_verdict() -> None:
    assert cli("OpenAI has about 770 employees")[0] == 0
    assert cli("OpenAI has 2000 employees")[0] == 1
    assert cli("The Eiffel tower is 330 metres tall")[0] == 3
    assert cli("OpenAI has about 770 employees", "The Eiffel tower is 330 metres tall")[0] == 3
    assert cli("OpenAI has 2000 employees", "The Eiffel tower is 330 metres tall")[0] == 1
    assert cli("--subject", "sam-altman")[0] == 2


def test_json_output_shape() -> None:
    code, output = cli("--format", "json", "Emmett Shear is a co-founder of Twitch")
    payload = json.loads(output)
    assert code == 0
    assert set(payload) == {"verdict", "confidence", "claim", "slot", "explanation", "evidence"}
    assert payload["slot"] == "emmett-shear--role--twitch"
    assert {"claim", "source", "value", "quote", "stance"} <= set(payload["evidence"][0])


def test_sentences_from_standard_input() -> None:
    code, output = cli("--format", "json", stdin="OpenAI has about 770 employees\n\nOpenAI has 2000 employees\n")
    assert code == 1
    assert [r["verdict"] for r in json.loads(output)] == ["supported", "contradicted"]


def test_structured_claim() -> None:
    code, output = cli("--subject", "Sam Altman", "--property", "role", "--value", "CEO", "--object", "OpenAI")
    assert code == 0 and "SUPPORTED" in output
    code, output = cli("--subject", "sam-altmann", "--property", "role", "--value", "CEO")
    assert code == 3 and "unknown subject 'sam-altmann'" in output


def test_cache_is_keyed_by_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from recon import cache

    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    corpus = small_corpus(tmp_path / "claims")
    first = cache.corpus_key(corpus)
    load_checker(corpus)
    assert (tmp_path / "cache" / f"{first}.pickle").exists()
    (corpus / "c.yaml").write_text((corpus / "c.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert cache.corpus_key(corpus) != first


def test_the_cache_key_covers_hidden_claim_files_which_load(tmp_path: Path) -> None:
    from recon import cache
    from recon.corpus import discover_files

    corpus = small_corpus(tmp_path / "claims")
    (corpus / "c.yaml").rename(corpus / ".c.yaml")
    assert corpus / ".c.yaml" in discover_files(corpus)[1]
    first = cache.corpus_key(corpus)
    (corpus / ".c.yaml").write_text((corpus / ".c.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert cache.corpus_key(corpus) != first


def test_claim_files_are_found_whatever_the_case_of_their_suffix_but_not_in_version_control(tmp_path: Path) -> None:
    from recon.corpus import discover_files

    corpus = small_corpus(tmp_path / "claims")
    (corpus / "c.yaml").rename(corpus / "c.YAML")
    (corpus / ".git").mkdir()
    (corpus / ".git" / "x.yaml").write_text("not: a claim file\n", encoding="utf-8")
    assert sorted(p.name for p in discover_files(corpus)[1]) == ["a.yaml", "b.yaml", "c.YAML"]


def test_a_sentence_file_that_is_not_utf8_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes("OpenAI has 770 employees\ncaf\xe9\n".encode("latin-1"))
    code, output = cli("--file", str(tmp_path / "bad.txt"))
    assert code == 2 and "is not UTF-8" in output


@pytest.mark.parametrize(("sentence", "says"), [
    ("OpenAI 员工 770 名 截至 2023年2月29日", "cannot read the time: no such date"),
    ("738 people signed the letter on 9999-12-31", "cannot read the time"),
    ("OpenAI had 1e3 employees", "a number with an exponent"),
    ("OpenAI valuation is $1e400", "a number with an exponent"),
])
def test_a_sentence_recon_cannot_fully_read_is_unverifiable_and_says_why(seed_checker, sentence: str,  # type: ignore[no-untyped-def]
                                                                      says: str) -> None:
    result = seed_checker.check_sentence(sentence)
    assert result.verdict == "unverifiable" and says in result.explanation


def test_a_role_without_its_organisation_names_the_ones_the_corpus_has() -> None:
    code, output = cli("--subject", "sam-altman", "--property", "role", "--value", "CEO")
    assert code == 3 and "It has them towards" in output and "openai" in output


def test_a_sentence_naming_another_entity_of_the_kind_is_not_read_as_about_the_only_one(  # type: ignore[no-untyped-def]
        seed_checker) -> None:
    """Only OpenAI's staff count is in the corpus; a sentence about Microsoft's is not a claim about OpenAI's."""
    result = seed_checker.check_sentence("Microsoft has 2000 employees")
    assert result.verdict == "unverifiable" and result.claim.subject != "openai"
    implied = seed_checker.check_sentence("738 people signed the letter")  # the letter is named: still its slot
    assert implied.verdict == "supported"


def test_an_unmatched_sentence_says_what_it_understood(seed_checker) -> None:  # type: ignore[no-untyped-def]
    result = seed_checker.check_sentence("Microsoft owns 49% of Twitch")
    assert result.verdict == "unverifiable"
    assert "the corpus has no claims that pair what it names (microsoft, twitch) with stake" in result.explanation


def test_a_change_keeps_its_direction_from_the_words_before_the_number(seed_checker) -> None:  # type: ignore[no-untyped-def]
    fell = seed_checker.check_sentence("Microsoft shares fell 1.68% on November 17, 2023")
    rose = seed_checker.check_sentence("Microsoft shares rose 1.68% on November 17, 2023")
    assert fell.verdict == "supported" and rose.verdict == "contradicted"


def test_a_role_dated_before_all_its_evidence_is_unverifiable() -> None:
    code, output = cli("--subject", "emmett-shear", "--property", "role", "--object", "openai", "--value",
                       "interim CEO", "--as-of", "2020-01-01")
    assert code == 3 and "no source reads it at or before the claim's time" in output
    assert cli("--subject", "emmett-shear", "--property", "role", "--object", "openai", "--value",
               "interim CEO", "--as-of", "2023-11-21")[0] == 0


@pytest.mark.parametrize(("sentence", "says"), [
    ("Sam Altman is the CEO of Twitch", "it has them towards"),  # not his role at another organisation
    ("Emmett Shear is the CEO", "it has them towards openai, twitch: name one"),  # which one?
])
def test_a_role_towards_an_organisation_the_corpus_lacks_or_leaves_open_is_unverifiable(  # type: ignore[no-untyped-def]
        seed_checker, sentence: str, says: str) -> None:
    result = seed_checker.check_sentence(sentence)
    assert result.verdict == "unverifiable" and says in result.explanation


def test_the_cache_key_covers_texts_in_hidden_folders_but_not_version_control(tmp_path: Path) -> None:
    from recon import cache

    corpus = small_corpus(tmp_path / "claims")
    (corpus / ".archive").mkdir()
    (corpus / ".archive" / "a.txt").write_text("x\n", encoding="utf-8")
    first = cache.corpus_key(corpus)
    (corpus / ".archive" / "a.txt").write_text("y\n", encoding="utf-8")
    assert cache.corpus_key(corpus) != first
    second = cache.corpus_key(corpus)
    (corpus / ".git").mkdir()
    (corpus / ".git" / "index").write_text("z\n", encoding="utf-8")
    assert cache.corpus_key(corpus) == second


def test_a_conflict_three_independent_sources_decide_is_not_merely_disputed(tmp_path: Path) -> None:
    cap = {"subject": "microsoft", "property": "market-cap-change"}
    corpus = write(tmp_path / "claims", [
        *(source(sid, "2023-11-22T12:00:00+08:00", [{**cap, "value": "600 亿美元"}]) for sid in ("a", "b", "c")),
        source("d", "2023-11-22T12:00:00+08:00", [{**cap, "value": "近300亿美元"}])])
    checker = load_checker(corpus, use_cache=False)
    majority = checker.check_sentence("微软市值增加了600亿美元")
    minority = checker.check_sentence("微软市值增加了300亿美元")
    assert majority.verdict == "supported" and "Some sources say otherwise" in majority.explanation
    assert minority.verdict == "contradicted" and "clearly best-supported value" in minority.explanation


@pytest.mark.parametrize("sentence", ["Emmett Shear, the former Twitch CEO", "前 Twitch CEO Emmett Shear"])
def test_a_title_split_by_the_organisations_name_is_read_whole(seed_checker, sentence: str) -> None:  # type: ignore[no-untyped-def]
    result = seed_checker.check_sentence(sentence)
    assert result.claim.value is not None and result.claim.value.format() == "former-ceo"
    assert result.verdict == "supported"
