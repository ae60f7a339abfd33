"""Script folding and match keys: recon.normalize.script."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recon.normalize import script
from recon.normalize.script import (
    LanguagePolicy,
    detect_language,
    fold,
    fold_char,
    match_key,
    script_of,
    squash_key,
    to_simplified,
)

SOURCES = Path(__file__).resolve().parent.parent / "claims" / "sources"
SEEDS = {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted(SOURCES.glob("*.txt"))}
SIMPLIFIED_SEEDS = ["000", "003", "004"]
TRADITIONAL_SEEDS = ["001", "002"]

ALL_CHARS = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)


# -- to_simplified ---------------------------------------------------------


def test_the_seed_corpus_is_all_there() -> None:
    assert sorted(SEEDS) == ["000", "001", "002", "003", "004"]


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_folding_a_seed_article_keeps_its_length(seed: str) -> None:
    text = SEEDS[seed]
    assert len(to_simplified(text)) == len(text)
    assert len(match_key(text)) == len(text)


@pytest.mark.parametrize("seed", SIMPLIFIED_SEEDS)
def test_folding_a_simplified_seed_changes_nothing(seed: str) -> None:
    assert to_simplified(SEEDS[seed]) == SEEDS[seed]


@pytest.mark.parametrize("seed", TRADITIONAL_SEEDS)
def test_folding_a_traditional_seed_changes_many_characters(seed: str) -> None:
    text = SEEDS[seed]
    changed = sum(a != b for a, b in zip(text, to_simplified(text), strict=True))
    assert changed > 1000


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [
        ("阿爾特曼", "阿尔特曼"),
        ("蘇茨克韋爾", "苏茨克韦尔"),
        ("佈羅克曼", "布罗克曼"),  # artefact of a naive S→T conversion in 002
        ("聯名信", "联名信"),
        ("13億美元", "13亿美元"),
        ("衞", "卫"),  # an HK variant: why hk2s and not t2s
        ("有著", "有著"),  # hk2s keeps 著; match_key folds it
    ],
)
def test_traditional_names_and_words_fold_to_simplified(traditional: str, simplified: str) -> None:
    assert to_simplified(traditional) == simplified


def test_pure_ascii_text_never_reaches_opencc(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail() -> None:
        raise AssertionError("opencc called for ASCII text")

    monkeypatch.setattr(script, "_opencc", fail)
    assert to_simplified("Sam Altman, CEO") == "Sam Altman, CEO"


def test_a_nul_character_does_not_truncate_the_text() -> None:
    # opencc's C API stops at NUL; the fold must not lose what follows
    assert to_simplified("阿爾\x00特曼") == "阿尔\x00特曼"


def test_lone_surrogates_are_kept_not_raised() -> None:
    assert to_simplified("\ud800阿爾特曼") == "\ud800阿尔特曼"


# -- match_key and squash_key ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("山姆・阿爾特曼", "山姆·阿尔特曼"),  # katakana middle dot, Traditional
        ("山姆•阿爾特曼", "山姆·阿尔特曼"),  # bullet
        ("山姆‧阿爾特曼", "山姆·阿尔特曼"),  # hyphenation point
        ("ＳＡＭ　ＡＬＴＭＡＮ", "sam altman"),  # full-width ASCII and ideographic space
        ("隨著", "随着"),
        ("Straße", "straße"),  # ß would casefold to "ss": kept to keep the length
        ("İstanbul", "İstanbul"),  # İ would lower to two characters: kept
        ("ΟΔΥΣΣΕΥΣ", "οδυσσευσ"),  # final sigma casefolds to σ
    ],
)
def test_match_key_folds_script_separators_width_and_case(text: str, key: str) -> None:
    assert match_key(text) == key


@given(st.text())
def test_match_key_is_length_preserving(text: str) -> None:
    assert len(match_key(text)) == len(text)


def test_bulk_fold_agrees_with_the_per_character_rule_over_all_of_unicode() -> None:
    # guards the hand-written class of characters that casefold differently
    assert fold(ALL_CHARS) == "".join(map(fold_char, ALL_CHARS))


def test_the_whitespace_list_is_exactly_what_python_calls_space() -> None:
    assert set(script._WHITESPACE) == {c for c in ALL_CHARS if c.isspace()}


@pytest.mark.parametrize(
    "variant",
    ["Sam Altman", "SamAltman", "sam·altman", "SAM-ALTMAN", "Sam_Altman", "Sam. Altman",
     "ＳＡＭ　Ａｌｔｍａｎ", "sam\u200baltman"],
)
def test_squash_key_makes_spacing_case_and_separator_variants_equal(variant: str) -> None:
    assert squash_key(variant) == "samaltman"


@pytest.mark.parametrize(
    "variant", ["山姆·阿爾特曼", "山姆・阿尔特曼", "山姆阿尔特曼", "山姆 阿爾特曼"]
)
def test_squash_key_makes_traditional_and_simplified_names_equal(variant: str) -> None:
    assert squash_key(variant) == "山姆阿尔特曼"


def test_squash_key_ignores_the_style_of_apostrophe() -> None:
    assert squash_key("Adam D'Angelo") == squash_key("Adam D’Angelo") == squash_key("AdamDAngelo")


# -- script_of and detect_language -----------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sam Altman", "latin"),
        ("Ｓａｍ", "latin"),
        ("Émile Zola", "latin"),
        ("阿尔特曼", "han"),
        ("山姆·阿爾特曼", "han"),
        ("Sam Altman要加入微软", "mixed"),
        ("Путин", "other"),
        ("2023-11-22", "other"),
        ("", "other"),
    ],
)
def test_script_of_names_the_scripts_of_the_letters(text: str, expected: str) -> None:
    assert script_of(text) == expected


@pytest.mark.parametrize(
    ("seed", "language"),
    [("000", "zh-Hans"), ("001", "zh-Hant"), ("002", "zh-Hant"), ("003", "zh-Hans"),
     ("004", "zh-Hans")],
)
def test_detect_language_tells_the_seed_scripts_apart(seed: str, language: str) -> None:
    assert detect_language(SEEDS[seed]) == language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("OpenAI's board fired Sam Altman on Friday.", "en"),
        ("OpenAI's board fired Sam Altman on Friday, 董事会 said.", "en"),
        ("OpenAI 董事会周五解雇了 Sam Altman", "zh-Hans"),
        ("OpenAI 董事會週五解僱了 Sam Altman", "zh-Hant"),
        ("", "en"),
    ],
)
def test_detect_language_on_short_texts(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_the_traditional_share_is_a_policy_setting() -> None:
    text = "阿爾特曼" + "的" * 96  # 1 of 100 Han characters is Traditional
    assert detect_language(text) == "zh-Hans"
    assert detect_language(text, LanguagePolicy(hant_min_changed_share=0.01)) == "zh-Hant"


# -- totality --------------------------------------------------------------


@given(st.text())
def test_script_functions_never_raise(text: str) -> None:
    assert len(to_simplified(text)) == len(text)
    squash_key(text)
    assert script_of(text) in {"latin", "han", "mixed", "other"}
    assert detect_language(text) in {"en", "zh-Hans", "zh-Hant"}


@given(st.text(alphabet=st.characters(min_codepoint=0x3400, max_codepoint=0x9FFF)))
def test_folding_han_text_keeps_its_length(text: str) -> None:
    assert len(to_simplified(text)) == len(text)
