"""Alias index and entity resolution: recon.normalize.names."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recon.normalize.names import (
    DEFAULT_POLICY,
    AliasIndex,
    AliasTableError,
    Mention,
    NamePolicy,
    Resolution,
)

SOURCES = Path(__file__).resolve().parent.parent / "claims" / "sources"

ALIASES = {
    "sam-altman": ["Sam Altman", "SamAltman", "Altman", "山姆·阿爾特曼", "阿爾特曼", "阿尔特曼",
                   "奥特曼", "奧特曼", "薩姆·阿爾特曼"],
    "satya-nadella": ["Satya Nadella", "萨蒂亚·纳德拉", "纳德拉", "納德拉"],
    "ilya-sutskever": ["Ilya Sutskever", "Sutskever", "Ilya", "伊利亞·蘇茨克韋爾", "伊利亚"],
    "greg-brockman": ["Greg Brockman", "Brockman", "格雷格·佈羅克曼", "布洛克曼"],
    "geoffrey-hinton": ["Geoffrey Hinton", "杰弗里·辛顿", "辛顿"],
}


@pytest.fixture(scope="module")
def index() -> AliasIndex:
    return AliasIndex(ALIASES)


# -- exact -----------------------------------------------------------------


@pytest.mark.parametrize(
    "mention",
    ["山姆·阿爾特曼", "山姆・阿尔特曼", "山姆阿尔特曼", "山姆 阿爾特曼", "sam altman", "SAM ALTMAN",
     "Sam·Altman", "sam-altman", "SamAltman", "Ｓａｍ　Ａｌｔｍａｎ", "  Sam Altman "],
)
def test_script_spacing_case_and_separator_variants_resolve_exactly(
    index: AliasIndex, mention: str
) -> None:
    assert index.resolve(mention) == Resolution("sam-altman", "exact", 100.0, ("sam-altman",))


def test_a_traditional_alias_matches_its_simplified_spelling(index: AliasIndex) -> None:
    assert index.resolve("伊利亚·苏茨克韦尔").entity_id == "ilya-sutskever"
    assert index.resolve("格雷格·布罗克曼").entity_id == "greg-brockman"


# -- never merge different people ------------------------------------------


def test_sam_altman_and_satya_nadella_never_merge(index: AliasIndex) -> None:
    assert index.resolve("Sam Altman").entity_id == "sam-altman"
    assert index.resolve("Satya Nadella").entity_id == "satya-nadella"
    only_nadella = AliasIndex({"satya-nadella": ALIASES["satya-nadella"]})
    only_altman = AliasIndex({"sam-altman": ALIASES["sam-altman"]})
    for mention in ["Sam Altman", "S. Altman", "Samuel Altman"]:
        assert only_nadella.resolve(mention).how == "none"
    for mention in ["Satya Nadella", "Satya Nadela", "S. Nadella"]:
        assert only_altman.resolve(mention).how == "none"


def test_latin_and_han_never_fuzzy_match() -> None:
    han_only = AliasIndex({"sam-altman": ["阿尔特曼", "奥特曼", "山姆·阿爾特曼"]})
    latin_only = AliasIndex({"sam-altman": ["Sam Altman", "Altman"]})
    for mention in ["Altman", "Sam Altman", "Altmann"]:
        assert han_only.resolve(mention) == Resolution(None, "none", 0.0, ())
        assert han_only.suggest(mention) == []
    for mention in ["阿尔特曼", "奥尔特曼", "山姆·奥特曼"]:
        assert latin_only.resolve(mention) == Resolution(None, "none", 0.0, ())
        assert latin_only.suggest(mention) == []


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz .-", min_size=1))
def test_no_latin_mention_ever_reaches_a_han_alias(mention: str) -> None:
    han_only = AliasIndex({"sam-altman": ["阿尔特曼", "奥特曼"]})
    assert han_only.resolve(mention).how == "none"
    assert han_only.suggest(mention) == []


# -- ambiguity and conflicts -----------------------------------------------


def test_an_alias_shared_by_two_entities_is_ambiguous() -> None:
    index = AliasIndex({"ilya-sutskever": ["Ilya", "Ilya Sutskever"], "ilya-polosukhin": ["ILYA"]})
    assert index.resolve("ilya") == Resolution(
        None, "ambiguous", 100.0, ("ilya-polosukhin", "ilya-sutskever")
    )
    assert index.conflicts() == [("ilya", ["ilya-polosukhin", "ilya-sutskever"])]
    [mention] = index.find_mentions("Ilya said")
    assert mention.entity_id is None
    assert mention.candidates == ("ilya-polosukhin", "ilya-sutskever")


def test_a_mention_containing_two_people_is_ambiguous(index: AliasIndex) -> None:
    r = index.resolve("阿尔特曼和纳德拉的会面")
    assert r.how == "ambiguous"
    assert r.entity_id is None
    assert set(r.candidates) == {"sam-altman", "satya-nadella"}


def test_the_same_alias_twice_for_one_entity_is_no_conflict(index: AliasIndex) -> None:
    assert index.conflicts() == []  # 阿爾特曼 and 阿尔特曼 fold to one key of one entity


# -- fuzzy suggestions -----------------------------------------------------


def test_a_misspelling_is_a_fuzzy_suggestion(index: AliasIndex) -> None:
    r = index.resolve("Sam Altmann")
    assert (r.entity_id, r.how) == ("sam-altman", "fuzzy")
    assert DEFAULT_POLICY.fuzzy_threshold <= r.score < 100


def test_a_known_alias_inside_a_longer_mention_is_a_fuzzy_suggestion(index: AliasIndex) -> None:
    assert index.resolve("OpenAI CEO Sam Altman") == Resolution(
        "sam-altman", "fuzzy", 100.0, ("sam-altman",)
    )
    assert index.resolve("OpenAI 首席执行官山姆·阿爾特曼").entity_id == "sam-altman"


def test_short_aliases_are_not_looked_for_inside_mentions() -> None:
    # containment needs >= 3 Han characters or >= 5 Latin letters
    index = AliasIndex({"ilya-sutskever": ["Ilya"], "geoffrey-hinton": ["辛顿"]})
    assert index.resolve("Ilya Kuznetsov").how == "none"
    assert index.resolve("杰弗里·辛顿教授说").how == "none"
    looser = AliasIndex(
        {"ilya-sutskever": ["Ilya"]}, NamePolicy(min_latin_containment=4)
    )
    assert looser.resolve("Ilya Kuznetsov").entity_id == "ilya-sutskever"


def test_containment_respects_latin_word_boundaries(index: AliasIndex) -> None:
    # "brockman" is inside "Brockmannson", but not as a word: only the ratio counts
    assert index.resolve("Brockmannson Inc").score < 100
    assert index.resolve("the Brockman family").score == 100


def test_an_unknown_name_resolves_to_none_with_suggestions(index: AliasIndex) -> None:
    r = index.resolve("苏茨克维尔")  # another transliteration, scores 62
    assert r.how == "none"
    assert r.entity_id is None
    assert r.candidates == ("ilya-sutskever",)
    assert DEFAULT_POLICY.suggest_floor <= r.score < DEFAULT_POLICY.fuzzy_threshold
    assert index.suggest("苏茨克维尔") == [("ilya-sutskever", r.score)]


def test_a_name_like_no_other_has_no_suggestions(index: AliasIndex) -> None:
    assert index.resolve("Jensen Huang") == Resolution(None, "none", 0.0, ())
    assert index.resolve("黄仁勋") == Resolution(None, "none", 0.0, ())


def test_suggest_ranks_best_first_and_honours_the_limit(index: AliasIndex) -> None:
    suggestions = index.suggest("Sam Altmann", limit=5)
    assert suggestions[0][0] == "sam-altman"
    assert [s for _, s in suggestions] == sorted((s for _, s in suggestions), reverse=True)
    assert len(index.suggest("Sam Altmann", limit=1)) == 1
    assert index.suggest("Sam Altmann", limit=0) == []
    assert index.suggest("Sam Altman")[0] == ("sam-altman", 100.0)


def test_a_tie_between_two_people_is_ambiguous_not_a_guess() -> None:
    index = AliasIndex({"a": ["Dana Smith"], "b": ["Dina Smith"]})
    r = index.resolve("Dena Smith")
    assert r.how == "ambiguous"
    assert r.candidates == ("a", "b")


def test_the_threshold_is_a_policy_setting() -> None:
    strict = AliasIndex(ALIASES, NamePolicy(fuzzy_threshold=99))
    assert strict.resolve("Sam Altmann").how == "none"
    assert strict.resolve("Sam Altmann").candidates[0] == "sam-altman"


def test_the_default_threshold_is_the_measured_one() -> None:
    assert DEFAULT_POLICY.fuzzy_threshold == 65  # bench/bench_names.py


# -- find_mentions ---------------------------------------------------------


def test_find_mentions_finds_traditional_spellings_with_exact_spans(index: AliasIndex) -> None:
    text = "OpenAI 董事會開除了阿爾特曼。隨後,阿爾特曼加入微軟。"
    mentions = index.find_mentions(text)
    assert [m.text for m in mentions] == ["阿爾特曼", "阿爾特曼"]
    for m in mentions:
        assert text[m.span[0] : m.span[1]] == m.text
        assert m.entity_id == "sam-altman"


def test_find_mentions_finds_a_traditional_alias_in_simplified_text(index: AliasIndex) -> None:
    text = "据报道,山姆·阿尔特曼和格雷格·布罗克曼将加入微软。"
    assert [(m.entity_id, m.text) for m in index.find_mentions(text)] == [
        ("sam-altman", "山姆·阿尔特曼"),
        ("greg-brockman", "格雷格·布罗克曼"),
    ]


def test_the_longest_alias_wins_at_a_position(index: AliasIndex) -> None:
    assert index.find_mentions("伊利亞·蘇茨克韋爾說") == [
        Mention("ilya-sutskever", "伊利亞·蘇茨克韋爾", (0, 9), ("ilya-sutskever",))
    ]
    assert [m.text for m in index.find_mentions("Ilya Sutskever and Ilya")] == [
        "Ilya Sutskever", "Ilya"
    ]


def test_separators_are_tolerated_only_where_a_name_has_them(index: AliasIndex) -> None:
    found = [m.text for m in index.find_mentions("山姆阿爾特曼, Sam  Altman, Sam·Altman, Alt man")]
    assert found == ["山姆阿爾特曼", "Sam  Altman", "Sam·Altman"]


def test_latin_aliases_match_whole_words_only(index: AliasIndex) -> None:
    assert index.find_mentions("Ilyas and Altmans, il y a, xAltman") == []
    assert [m.text for m in index.find_mentions("Altman's plan; Altman要加入微软")] == [
        "Altman", "Altman"
    ]


@pytest.mark.parametrize("path", sorted(SOURCES.glob("*.txt")), ids=lambda p: p.name[:3])
def test_find_mentions_spans_point_into_the_seed_articles(index: AliasIndex, path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    mentions = index.find_mentions(text)
    assert mentions
    previous_end = 0
    for m in mentions:
        start, end = m.span
        assert text[start:end] == m.text
        assert previous_end <= start < end
        previous_end = end
        assert index.resolve(m.text).how in {"exact", "ambiguous"}


def test_the_traditional_seed_is_found_by_its_traditional_names(index: AliasIndex) -> None:
    text = (SOURCES / "002_f3ca9a6658e4ad81.txt").read_text(encoding="utf-8")
    found = [m.text for m in index.find_mentions(text) if m.entity_id == "sam-altman"]
    assert found.count("阿爾特曼") >= 40


def test_thousands_of_aliases_find_the_same_mentions(index: AliasIndex) -> None:
    rng = random.Random(1)
    letters = "abcdefghijklmnopqrstuvwxyz"
    big = dict(ALIASES)
    for i in range(3000):
        first = "".join(rng.choices(letters, k=rng.randint(3, 8)))
        last = "".join(rng.choices(letters, k=rng.randint(3, 8)))
        family = "".join(rng.choices("甲乙丙丁戊己庚辛壬癸子丑寅卯", k=4))
        big[f"e{i}"] = [f"{first} {last}", f"{family[:2]}·{family[2:]}"]
    big_index = AliasIndex(big)
    text = (SOURCES / "001_39445686c50c86d8.txt").read_text(encoding="utf-8")
    assert big_index.find_mentions(text) == index.find_mentions(text)


# -- bad input -------------------------------------------------------------


def test_a_single_string_instead_of_a_list_is_an_error() -> None:
    with pytest.raises(AliasTableError, match="sam-altman"):
        AliasIndex({"sam-altman": "Sam Altman"})  # a str is a Sequence[str] too


def test_empty_mentions_and_empty_aliases_resolve_to_none() -> None:
    index = AliasIndex({"nobody": ["", "·", "  "]})
    assert len(index) == 0
    assert index.resolve("") == Resolution(None, "none", 0.0, ())
    assert index.resolve("···") == Resolution(None, "none", 0.0, ())
    assert index.find_mentions("anything") == []
    assert index.suggest("") == []


@given(st.text())
def test_resolution_and_search_never_raise(text: str) -> None:
    index = AliasIndex(ALIASES)
    r = index.resolve(text)
    assert r.how in {"exact", "fuzzy", "ambiguous", "none"}
    assert (r.entity_id is not None) == (r.how in {"exact", "fuzzy"})
    index.suggest(text)
    previous_end = 0
    for m in index.find_mentions(text):
        assert text[m.span[0] : m.span[1]] == m.text
        assert previous_end <= m.span[0] < m.span[1]
        previous_end = m.span[1]


@given(st.lists(st.text(), max_size=5))
def test_any_alias_list_builds_an_index(names: list[str]) -> None:
    index = AliasIndex({"x": names, "y": names[:1]})
    for name in names:
        index.resolve(name)
        index.find_mentions(name)
