"""`recon extract`: an unseen article becomes a draft claim file that lints clean.

Hand-made pages show each clean-up and placement rule; the five seed articles
and an English article written from public reporting are the integration tests.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recon.corpus import Corpus, load_corpus, squash_whitespace
from recon.diagnostics import ReconError
from recon.extract import (
    Draft,
    Vocabulary,
    default_draft_path,
    draft_for_file,
    extract_article,
    load_vocabulary,
    render_draft,
    summarize,
    write_draft,
)
from recon.lint import lint
from recon.model import Source
from recon.values import QuantityValue, TimeValue

SEEDS = Path(__file__).resolve().parent.parent / "claims"
ENGLISH = Path(__file__).resolve().parent / "data" / "en_openai_timeline.txt"
SEED_IDS = ("000", "001", "002", "003", "004")


@pytest.fixture(scope="module")
def seed_corpus() -> Corpus:
    corpus, _ = load_corpus(SEEDS)
    return corpus


@pytest.fixture(scope="module")
def vocab(seed_corpus: Corpus) -> Vocabulary:
    return Vocabulary.of(seed_corpus)


@pytest.fixture(scope="module")
def seed_drafts(seed_corpus: Corpus, vocab: Vocabulary) -> dict[str, tuple[str, Draft]]:
    """Each seed extracted with only what a user would pass: id, outlet, date, language, zones."""
    drafts = {}
    for sid in SEED_IDS:
        page = seed_corpus.sources[sid]
        source = Source(id=sid, outlet=page.outlet, published=page.published, language=page.language,
                        zone=page.zone, local_zone=page.local_zone, text=page.text)
        text = seed_corpus.texts[sid].text
        drafts[sid] = (text, extract_article(text, source, vocab))
    return drafts


def zh_source(sid: str = "t1", published: str = "2023-11-22", **fields: object) -> Source:
    return Source.model_validate({"id": sid, "outlet": "Example Daily", "published": published,
                                  "language": "zh-Hans", "text": f"sources/{sid}.txt", **fields})


def values(draft: Draft) -> list[str]:
    return [c.claim.value for c in draft.claims]


def corpus_beside_vocab(tmp_path: Path, files: dict[str, str]) -> Path:
    """A claims folder holding a copy of the seed vocabulary and the given files."""
    root = tmp_path / "claims"
    shutil.copytree(SEEDS / "vocab", root / "vocab")
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def lint_findings(root: Path) -> list[str]:
    return [d.format_text() for d in lint([root]).diagnostics]


# -- clean-up -----------------------------------------------------------------------------------

BODY = ("11月20日,近 500 名 OpenAI 员工公开发起联署抗议信。\n"
        "截至北京时间 21 日早,OpenAI 全数约 770 名员工中已经有超过 700 人签署了这封联名信。\n"
        "纳德拉的一条推文让微软市值上浮 600 亿美元。\n")


def test_a_body_printed_twice_is_claimed_once(vocab: Vocabulary) -> None:
    page = "OpenAI 员工的行动\n" + BODY + "评论\n" + BODY
    draft = extract_article(page, zh_source(), vocab)
    assert values(draft).count("超过 700 人") == 1
    assert values(draft).count("600 亿美元") == 1
    assert any("repeated body" in r.reason for r in draft.removed)


def test_a_repeated_line_after_the_title_is_dropped(vocab: Vocabulary) -> None:
    page = "超过 700 名员工签署联名信\n" + "更新时间:2023-11-21 10:05:49\n" + "超过 700 名员工签署联名信\n" + BODY
    draft = extract_article(page, zh_source(), vocab)
    assert all(c.value_span[0] >= page.index(BODY) for c in draft.claims)


def test_page_chrome_footer_and_disclaimers_are_not_read(vocab: Vocabulary) -> None:
    page = ("> 首页 > 科技 > OpenAI\n正在阅读:\n305\n分享\n图片来源@视觉中国\n" + BODY
            + "0\n点赞\n免责声明:本文仅代表作者个人观点,请在一周内联系。 QQ:617470285\n"
            + "成员 网址收录40369 企业收录2981\n@2022 All Rights Reserved 浙ICP备19035174号-7\n")
    draft = extract_article(page, zh_source(), vocab)
    found = " ".join(values(draft))
    for chrome in ("305", "40369", "2981", "一周", "617470285"):
        assert chrome not in found
    assert {"近 500 名", "约 770 名", "超过 700 人", "600 亿美元"} <= set(values(draft))


def test_a_page_date_line_is_metadata_not_a_claim(vocab: Vocabulary) -> None:
    draft = extract_article("2023-11-22 17:23:04\n" + BODY, zh_source(), vocab)
    assert "2023-11-22 17:23:04" not in values(draft)


SNIPPETS = ("\n相关推荐\n\n2023-12-07\n\nOpenAI CEO 奥特曼今日被《时代》杂志评为年度CEO。\n\n"
            "2023-11-22\n\n据WIRED报道,OpenAI公司约770名员工中,已有738人签署联名信。\n\n"
            "2023-12-02\n\n燃油附加费5日再下调,元旦出行成本下降 20%。\n")


def test_recommended_snippets_become_sources_with_their_own_dates(vocab: Vocabulary) -> None:
    draft = extract_article(BODY + SNIPPETS, zh_source("page"), vocab)
    assert [e.source.id for e in draft.excerpts] == ["page-r01", "page-r02"]
    time_snippet, wired = draft.excerpts
    assert time_snippet.source.published == dt.date(2023, 12, 7)
    assert wired.source.published == dt.date(2023, 11, 22) and wired.source.excerpt_of == "page"
    assert "738人" in values(wired) and "738人" not in values(draft)
    today = next(c for c in time_snippet.claims if c.claim.value == "今日")
    assert isinstance(today.normalized, TimeValue)
    assert today.normalized.span.start == dt.datetime(2023, 12, 6, 16, tzinfo=dt.UTC)


def test_an_unrelated_recommended_item_is_dropped(vocab: Vocabulary) -> None:
    draft = extract_article(BODY + SNIPPETS, zh_source("page"), vocab)
    assert not any("燃油" in c.claim.quote for c in draft.all_claims())
    assert any(r.reason == "recommended item about something else" for r in draft.removed)


def test_items_dated_after_their_text_are_split_too(vocab: Vocabulary) -> None:
    page = (BODY + "\n为您推荐\n\nOpenAI 员工联名信\n\n据报道,超过 700 名 OpenAI 员工签署联名信。\n\n"
            "2023-11-21 09:00\n\n湖南省篮球邀请赛赛程表\n\n将于12月5日开赛。\n\n2023-12-02 21:53\n")
    draft = extract_article(page, zh_source("page"), vocab)
    assert [e.source.published for e in draft.excerpts] == [dt.date(2023, 11, 21)]
    assert "超过 700 名" in values(draft.excerpts[0])
    assert not any("湖南" in c.claim.quote for c in draft.all_claims())


# -- placement -----------------------------------------------------------------------------------


def test_each_number_gets_the_property_its_words_name(vocab: Vocabulary) -> None:
    draft = extract_article(BODY, zh_source(), vocab)
    by_value = {c.claim.value: c.claim for c in draft.claims}
    assert by_value["超过 700 人"].property == "signatories"
    assert by_value["约 770 名"].property == "employee-count"
    assert by_value["约 770 名"].subject == "openai"
    assert by_value["600 亿美元"].property == "market-cap-change"
    assert by_value["超过 700 人"].time == "北京时间 21 日早"


def test_a_change_keeps_its_sign_word(vocab: Vocabulary) -> None:
    draft = extract_article("但在周五美股交易中,微软股价收跌1.68%。\n", zh_source(), vocab)
    change = next(c for c in draft.claims if "1.68%" in c.claim.value)
    assert change.claim.value == "收跌1.68%"
    assert isinstance(change.normalized, QuantityValue) and change.normalized.interval.hi < 0


def test_a_unit_the_property_does_not_measure_is_dropped_from_the_value(vocab: Vocabulary) -> None:
    draft = extract_article("ChatGPT 上线五天用户数就突破了一百万,员工最多只猜到一万用户。\n", zh_source(), vocab)
    users = [c.claim for c in draft.claims if c.claim.property == "user-count"]
    assert "一万" in [c.value for c in users]


def test_a_title_next_to_a_name_is_a_role_of_that_person(vocab: Vocabulary) -> None:
    draft = extract_article("OpenAI 首席技术官 Mira Murati 被任命为临时 CEO。前 Twitch CEO Emmett Shear 表示反对。\n",
                            zh_source(), vocab)
    roles = {(c.claim.subject, c.claim.value, c.claim.object) for c in draft.claims if c.claim.property == "role"}
    assert ("mira-murati", "首席技术官", "openai") in roles
    assert ("emmett-shear", "前 Twitch CEO", "twitch") in roles


def test_a_title_goes_to_the_role_property_whose_lexicon_names_it(seed_corpus: Corpus) -> None:
    """Not to whichever role-kind property the vocabulary lists first."""
    from recon.model import Property

    cause = Property(id="cause", label="cause", kind="role", lexicon=["原因", "cause"])
    others = {k: v for k, v in seed_corpus.properties.items() if k != "role"}
    role = seed_corpus.properties["role"].model_copy(update={"lexicon": ["首席技术官", "CEO"]})
    vocab = Vocabulary(dict(seed_corpus.entities), {"cause": cause, **others, "role": role},
                       dict(seed_corpus.terms), seed_corpus.root)
    draft = extract_article("OpenAI 首席技术官 Mira Murati 被任命为临时 CEO。\n", zh_source(), vocab)
    assert {c.claim.property for c in draft.claims if c.claim.value == "首席技术官"} == {"role"}


def test_a_date_heading_applies_to_the_line_below(vocab: Vocabulary) -> None:
    page = "当地时间 11 月 20 日\n710 多名 OpenAI 员工要求董事会辞职,否则可能集体投奔微软\n"
    draft = extract_article(page, zh_source(local_zone="America/Los_Angeles"), vocab)
    count = next(c.claim for c in draft.claims if c.claim.value == "710 多名")
    assert count.time == "当地时间 11 月 20 日"
    heading = next(c.claim for c in draft.claims if c.claim.value == "当地时间 11 月 20 日")
    assert heading.quote.startswith("当地时间 11 月 20 日 710 多名")


def test_reported_statements_say_who_reported_them(vocab: Vocabulary) -> None:
    draft = extract_article("据 The Information 报道,上周末已经有一百多名 OpenAI 客户联系了 Anthropic。\n",
                            zh_source(), vocab)
    customers = next(c.claim for c in draft.claims if c.claim.value == "一百多名")
    assert customers.modality == "reported" and customers.attributed_to == "The Information"


def test_unknown_names_are_proposed_not_dropped(vocab: Vocabulary) -> None:
    page = ("据 Kara Swisher 报道,超过 500 名 OpenAI 员工签署了联名信。\n"
            "问答网站 Quora CEO 亚当·丹杰洛(Adam D'Angelo)与杰克·史密斯在 2023 年加入董事会。\n")
    draft = extract_article(page, zh_source(), vocab)
    proposals = {p.name: p.entity_id for p in draft.proposals}
    assert proposals["Kara Swisher"] is None
    assert proposals["杰克·史密斯"] is None
    assert "Kara Swisher" in render_draft(draft)


def test_a_value_with_no_known_subject_is_listed_not_dropped(vocab: Vocabulary) -> None:
    draft = extract_article("湖南省篮球邀请赛共有 24 支球队参赛。\n", zh_source(), vocab)
    assert not draft.claims
    assert [u.value.text for _, u in draft.unplaced] == ["24 支"]
    assert "24 支" in render_draft(draft)


def test_an_article_without_numbers_gives_an_empty_draft(vocab: Vocabulary) -> None:
    for text in ("", "\n\n", "微软的立场\n", "<p></p>"):
        draft = extract_article(text, zh_source(), vocab)
        assert draft.claims == () and draft.excerpts == ()


# -- the draft file --------------------------------------------------------------------------------


def test_the_draft_is_marked_and_every_claim_carries_its_confidence(vocab: Vocabulary) -> None:
    text = render_draft(extract_article(BODY, zh_source(), vocab))
    assert text.startswith("# DRAFT generated by recon extract: review every claim before use\n")
    assert "note: 'DRAFT generated by recon extract" in text
    assert text.count("note: 'DRAFT confidence") == text.count("- id: ")


def test_rendering_is_deterministic(vocab: Vocabulary) -> None:
    first = render_draft(extract_article(BODY + SNIPPETS, zh_source(), vocab))
    assert render_draft(extract_article(BODY + SNIPPETS, zh_source(), vocab)) == first


def test_a_draft_of_a_hand_made_page_lints_clean(tmp_path: Path, vocab: Vocabulary) -> None:
    root = corpus_beside_vocab(tmp_path, {"sources/t1.txt": BODY + SNIPPETS})
    draft = extract_article(BODY + SNIPPETS, zh_source(), vocab)
    written = write_draft(draft, root / "t1.yaml")
    assert [p.name for p in written] == ["t1.yaml", "t1-r01.yaml", "t1-r02.yaml"]
    assert lint_findings(root) == []


def test_the_draft_never_replaces_a_file_without_force(tmp_path: Path, vocab: Vocabulary) -> None:
    draft = extract_article(BODY, zh_source(), vocab)
    target = tmp_path / "t1.yaml"
    target.write_text("# my reviewed claims, generated by recon then edited\n", encoding="utf-8")
    with pytest.raises(ReconError, match="--force"):
        write_draft(draft, target)
    assert target.read_text(encoding="utf-8").startswith("# my reviewed claims")
    write_draft(draft, target, force=True)
    assert target.read_text(encoding="utf-8") == render_draft(draft)
    assert [p.name for p in tmp_path.iterdir()] == ["t1.yaml"]  # no temporary file left behind


def test_every_file_is_checked_before_any_is_written(tmp_path: Path, vocab: Vocabulary) -> None:
    draft = extract_article(BODY + SNIPPETS, zh_source(), vocab)
    (tmp_path / "t1-r02.yaml").write_text("kept\n", encoding="utf-8")
    with pytest.raises(ReconError, match="t1-r02.yaml"):
        write_draft(draft, tmp_path / "t1.yaml")
    assert not (tmp_path / "t1.yaml").exists()


def test_an_html_article_is_archived_as_text_and_lints_clean(tmp_path: Path, vocab: Vocabulary) -> None:
    html = ("<html><body><nav>首页 | 科技</nav><h1>OpenAI 员工的行动</h1>"
            + "".join(f"<p>{line}</p>" for line in BODY.splitlines())
            + "<script>var n = 12345;</script></body></html>")
    root = corpus_beside_vocab(tmp_path, {})
    article = tmp_path / "page.html"
    article.write_text(html, encoding="utf-8")
    options = {"id": "h1", "outlet": "Example", "published": "2023-11-22"}
    draft = draft_for_file(article, root / "h1.yaml", vocab, options)
    assert draft.source.text == "sources/h1.txt" and "12345" not in draft.text
    write_draft(draft, root / "h1.yaml")
    assert (root / "sources" / "h1.txt").read_text(encoding="utf-8") == draft.text
    assert lint_findings(root) == []


def test_a_missing_outlet_is_a_clear_error(tmp_path: Path, vocab: Vocabulary) -> None:
    article = tmp_path / "a.txt"
    article.write_text(BODY, encoding="utf-8")
    with pytest.raises(ReconError, match="--outlet"):
        draft_for_file(article, tmp_path / "a.yaml", vocab, {"id": "a1"})


def test_options_win_over_the_header_and_the_page_fills_the_rest(tmp_path: Path, vocab: Vocabulary) -> None:
    article = tmp_path / "a.txt"
    article.write_text("---\nid: a1\noutlet: Header Daily\nlocal-zone: America/Los_Angeles\n---\n"
                       "OpenAI 员工的行动\n来源:钛媒体APP\n2023-11-22 17:23:04\n" + BODY, encoding="utf-8")
    draft = draft_for_file(article, tmp_path / "a.yaml", vocab, {"outlet": "Option Daily"})
    source = draft.source
    assert (source.id, source.outlet, source.local_zone) == ("a1", "Option Daily", "America/Los_Angeles")
    assert source.published == dt.datetime(2023, 11, 22, 17, 23, 4, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    assert source.title == "OpenAI 员工的行动" and source.credits == ["钛媒体APP"]
    assert source.language == "zh-Hans" and source.text == "a.txt"


def test_a_header_with_an_unknown_key_is_refused(tmp_path: Path, vocab: Vocabulary) -> None:
    article = tmp_path / "a.txt"
    article.write_text("---\nid: a1\noutlet: X\npublisher: Y\n---\n" + BODY, encoding="utf-8")
    with pytest.raises(ReconError, match="unknown key 'publisher'"):
        draft_for_file(article, tmp_path / "a.yaml", vocab, {})


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(BODY.splitlines() + SNIPPETS.splitlines() + ["分享", "0", "免责声明:无"]),
                max_size=12))
def test_every_quote_is_verbatim_and_holds_its_value(vocab: Vocabulary, lines: list[str]) -> None:
    text = "\n".join(lines) + "\n"
    draft = extract_article(text, zh_source(), vocab)
    squashed = squash_whitespace(text)
    for item in draft.all_claims():
        assert squash_whitespace(item.claim.quote) in squashed
        assert squash_whitespace(item.claim.value) in squash_whitespace(item.claim.quote)


# -- the seed articles --------------------------------------------------------------------------------


@pytest.mark.parametrize("sid", SEED_IDS)
def test_seed_drafts_lint_clean_next_to_the_vocabulary(tmp_path: Path, seed_drafts: dict[str, tuple[str, Draft]],
                                                       sid: str) -> None:
    text, draft = seed_drafts[sid]
    assert draft.claims
    root = corpus_beside_vocab(tmp_path, {draft.source.text: text})
    write_draft(draft, root / f"{sid}.yaml")
    assert lint_findings(root) == []


@pytest.mark.parametrize(("sid", "first", "last"), [("001", 57, 111), ("004", 108, 192)])
def test_seed_repeated_bodies_are_claimed_once(seed_drafts: dict[str, tuple[str, Draft]], sid: str, first: int,
                                               last: int) -> None:
    text, draft = seed_drafts[sid]
    lines = text.split("\n")
    repeat_start = sum(len(line) + 1 for line in lines[: first - 1])
    assert all(c.value_span[0] < repeat_start for c in draft.claims)
    assert any(r.first_line == first and r.last_line == last and "repeated body" in r.reason for r in draft.removed)


def test_seed_002_snippets_are_sources_of_their_own(seed_drafts: dict[str, tuple[str, Draft]]) -> None:
    _, draft = seed_drafts["002"]
    dates = [e.source.published for e in draft.excerpts]
    assert dates[:4] == [dt.date(2023, 11, 21), dt.date(2023, 11, 23), dt.date(2023, 11, 20), dt.date(2023, 11, 22)]
    wired = draft.excerpts[3]
    assert {"約770名", "738人", "約占公司員工總數的95%"} <= set(values(wired))
    assert all(e.source.excerpt_of == "002" for e in draft.excerpts)


def test_seed_003_recommendations_are_unrelated_and_dropped(seed_drafts: dict[str, tuple[str, Draft]]) -> None:
    _, draft = seed_drafts["003"]
    assert draft.excerpts == ()
    assert not any("湖南" in c.claim.quote or "燃油" in c.claim.quote for c in draft.claims)


def test_seed_000_footer_counters_are_not_candidates(seed_drafts: dict[str, tuple[str, Draft]]) -> None:
    _, draft = seed_drafts["000"]
    assert not {"40369", "2981", "638", "305"} & {re.sub(r"\D", "", v) for v in values(draft)}
    assert draft.source.credits == ["钛媒体APP", "电厂"]


# -- an English article ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def english(tmp_path_factory: pytest.TempPathFactory, vocab: Vocabulary) -> tuple[Path, Draft]:
    root = corpus_beside_vocab(tmp_path_factory.mktemp("en"), {})
    (root / "sources").mkdir()
    shutil.copy(ENGLISH, root / "sources" / ENGLISH.name)
    return root, draft_for_file(root / "sources" / ENGLISH.name, root / "en-001.yaml", vocab, {})


def test_english_article_reads_its_header_and_drops_page_chrome(english: tuple[Path, Draft]) -> None:
    _, draft = english
    assert (draft.source.id, draft.source.language, draft.source.published) == ("en-001", "en", dt.date(2023, 11, 30))
    assert draft.source.title == "Five days at OpenAI: how the board fired Sam Altman and took him back"
    reasons = {r.reason for r in draft.removed}
    assert {"header written by the user", "page chrome", "recommended item about something else"} <= reasons
    assert [e.source.published for e in draft.excerpts] == [dt.date(2023, 11, 18)]


def test_english_article_facts_are_found(english: tuple[Path, Draft]) -> None:
    _, draft = english
    claims = {(c.claim.property, c.claim.value): c.claim for c in draft.claims}
    assert claims[("dismissed", "Friday, Nov. 17, 2023")].subject == "sam-altman"
    assert claims[("announced", "Monday, Nov. 20")].subject == "satya-nadella"
    assert ("investment-total", "about $13 billion") in claims
    assert ("valuation", "about $86 billion") in claims
    assert ("returned", "Nov. 29") in claims
    assert {"more than 700", "roughly 770 employees", "49%", "2.05%", "December 2015"} <= set(values(draft))
    roles = {(c.claim.subject, c.claim.value) for c in draft.claims if c.claim.property == "role"}
    assert {("sam-altman", "chief executive"), ("satya-nadella", "CEO"), ("ilya-sutskever", "chief scientist"),
            ("mira-murati", "chief technology officer")} <= roles


def test_english_draft_lints_clean(english: tuple[Path, Draft]) -> None:
    root, draft = english
    write_draft(draft, root / "en-001.yaml")
    assert lint_findings(root) == []


def test_the_default_draft_path_is_named_by_the_source_id(tmp_path: Path) -> None:
    assert default_draft_path(ENGLISH, tmp_path, {}) == tmp_path / "en-001.yaml"
    assert default_draft_path(ENGLISH, tmp_path, {"id": "x9"}) == tmp_path / "x9.yaml"
    plain = tmp_path / "story.txt"
    plain.write_text(BODY, encoding="utf-8")
    assert default_draft_path(plain, tmp_path, {}) == tmp_path / "story.yaml"


def test_the_summary_line_counts_what_needs_review(english: tuple[Path, Draft]) -> None:
    _, draft = english
    line = summarize(draft)
    assert line.startswith(f"en-001: {len(draft.all_claims())} candidate claims (")
    assert "1 snippet source" in line


def test_load_vocabulary_refuses_a_folder_without_one(tmp_path: Path) -> None:
    with pytest.raises(ReconError, match="no vocab/ folder"):
        load_vocabulary(tmp_path)


@pytest.mark.parametrize(("line", "published"), [
    ("Wednesday 7 May 2025 18.20 BST", "2025-05-07T17:20:00+00:00"),
    ("Thursday, May 8, 2025, 8:15 AM PT", "2025-05-08T15:15:00+00:00"),
    ("May 8, 2025", "2025-05-08"),
    ("The board met on May 8, 2025 to discuss the deal", None),
])
def test_an_english_dateline_gives_the_publish_time(line: str, published: str | None) -> None:
    from recon.extract.cleanup import english_dateline

    assert english_dateline(line) == published
