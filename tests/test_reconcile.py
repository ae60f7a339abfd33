"""The reconciliation engine on small hand-made corpora: one behaviour per test."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from recon.reconcile import Result, reconcile, relate_corpus, relation_checks
from recon.relations import RelationKind
from tests.corpus_builder import VOCAB, load, source

BEIJING_NOON_22 = "2023-11-22T12:00:00+08:00"


def run(tmp_path: Path, *sources: dict) -> Result:
    return reconcile(load(tmp_path / "claims", list(sources)))


def kinds(result: Result, subject: str, prop: str, obj: str | None = None) -> set[str]:
    slot = result.slot(subject, prop, obj)
    assert slot is not None
    return {e.kind.value for e in slot.slot.edges}


def verdict(result: Result, subject: str, prop: str, obj: str | None = None) -> str:
    slot = result.slot(subject, prop, obj)
    assert slot is not None
    return slot.verdict.verdict


def test_growing_signatory_count_is_evolving_not_conflict(tmp_path: Path) -> None:
    result = run(
        tmp_path,
        source("a", "2023-11-20T23:00:00+08:00", [{"subject": "letter", "property": "signatories",
                                                   "value": "近 500 名", "time": "11月 20 日"}]),
        source("b", "2023-11-21T12:00:00+08:00", [{"subject": "letter", "property": "signatories",
                                                   "value": "710 多名", "time": "當地時間 11 月 20 日"}]),
        source("c", BEIJING_NOON_22, [{"subject": "letter", "property": "signatories", "value": "738人"}]),
    )
    assert verdict(result, "letter", "signatories") == "evolving"
    assert "conflicts" not in kinds(result, "letter", "signatories")
    best = result.slot("letter", "signatories").verdict.best
    assert [state.value for state in best] == ["738人", "710 多名", "近 500 名"]


def test_accumulating_count_that_shrinks_is_a_conflict(tmp_path: Path) -> None:
    result = run(
        tmp_path,
        source("a", "2023-11-20T12:00:00+08:00", [{"subject": "letter", "property": "signatories", "value": "738人"}]),
        source("b", BEIJING_NOON_22, [{"subject": "letter", "property": "signatories", "value": "近 500 名"}]),
    )
    assert verdict(result, "letter", "signatories") == "conflict"
    edge = result.slot("letter", "signatories").slot.edges[0]
    assert "never decreases" in edge.reason


def test_more_precise_count_refines_a_qualified_one(tmp_path: Path) -> None:
    result = run(
        tmp_path,
        source("a", BEIJING_NOON_22, [{"subject": "letter", "property": "signatories", "value": "超过 700 人"}]),
        source("b", BEIJING_NOON_22, [{"subject": "letter", "property": "signatories", "value": "738人"}]),
    )
    assert verdict(result, "letter", "signatories") == "compatible"
    edge = result.slot("letter", "signatories").slot.edges[0]
    assert (edge.first, edge.second, edge.kind) == ("b-0", "a-0", RelationKind.REFINES)
    assert result.slot("letter", "signatories").verdict.best[0].value == "738人"


def test_time_zone_shift_is_not_a_conflict(tmp_path: Path) -> None:
    result = run(
        tmp_path,
        source("us", "2023-11-21", [{"subject": "altman", "property": "dismissed", "value": "當地時間 11 月 17 日週五"}],
               language="zh-Hant"),
        source("cn", "2023-11-20T10:00:00+08:00", [{"subject": "altman", "property": "dismissed",
                                                    "value": "周六早晨"}]),
    )
    assert verdict(result, "altman", "dismissed") in ("agree", "compatible")


def test_a_different_day_in_the_same_zone_is_a_conflict(tmp_path: Path) -> None:
    result = run(
        tmp_path,
        source("a", "2023-11-21", [{"subject": "altman", "property": "dismissed", "value": "當地時間 11 月 17 日"}]),
        source("b", "2023-11-21", [{"subject": "altman", "property": "dismissed", "value": "當地時間 11 月 15 日"}]),
    )
    assert verdict(result, "altman", "dismissed") == "conflict"


def test_reprint_is_a_duplicate_and_counts_once(tmp_path: Path) -> None:
    claim = {"subject": "microsoft", "property": "market-cap-change", "value": "600 亿美元"}
    alone = run(tmp_path / "alone", source("orig", BEIJING_NOON_22, [claim], outlet="电厂"),
                source("other", BEIJING_NOON_22, [claim]))
    copied = run(tmp_path / "copied", source("orig", BEIJING_NOON_22, [claim], outlet="电厂"),
                 source("copy", BEIJING_NOON_22, [claim], reprint_of="电厂"),
                 source("other", BEIJING_NOON_22, [claim]))
    assert "duplicate" in kinds(copied, "microsoft", "market-cap-change")
    trust_alone = {s.source.id: s.trust for s in alone.sources}
    trust_copied = {s.source.id: s.trust for s in copied.sources}
    assert trust_copied["other"] == pytest.approx(trust_alone["other"])
    assert trust_copied["orig"] == pytest.approx(trust_alone["orig"])


def test_twitch_roles_coexist(tmp_path: Path) -> None:
    result = run(
        tmp_path,
        source("a", BEIJING_NOON_22, [{"subject": "shear", "property": "role", "object": "twitch",
                                       "value": "Twitch 联合创始人", "quote": "Twitch 联合创始人 Emmett Shear"}]),
        source("b", BEIJING_NOON_22, [{"subject": "shear", "property": "role", "object": "twitch",
                                       "value": "前 Twitch CEO", "quote": "前 Twitch CEO Emmett Shear"}]),
    )
    assert kinds(result, "shear", "role", "twitch") == {"coexists"}
    assert verdict(result, "shear", "role", "twitch") == "agree"
    assert {b.normalized for b in result.slot("shear", "role", "twitch").verdict.best} == {"co-founder", "former-ceo"}


def test_interim_ceo_refines_ceo(tmp_path: Path) -> None:
    result = run(
        tmp_path,
        source("a", BEIJING_NOON_22, [{"subject": "shear", "property": "role", "object": "openai", "value": "临时CEO"}]),
        source("b", BEIJING_NOON_22, [{"subject": "shear", "property": "role", "object": "openai", "value": "CEO"}]),
    )
    assert verdict(result, "shear", "role", "openai") == "compatible"


def test_ceo_then_former_ceo_evolves(tmp_path: Path) -> None:
    result = run(
        tmp_path,
        source("a", "2023-11-10T12:00:00+08:00", [{"subject": "altman", "property": "role", "object": "openai",
                                                   "value": "CEO"}]),
        source("b", BEIJING_NOON_22, [{"subject": "altman", "property": "role", "object": "openai",
                                       "value": "前CEO"}]),
    )
    assert verdict(result, "altman", "role", "openai") == "evolving"


def staff_counts(first_published: str, second_published: str, vocab: dict | None = None,
                 second_time: str | None = None) -> list[dict]:
    """Two sources give different staff counts (a changing property), undated unless second_time is given."""
    second: dict = {"subject": "openai", "property": "employee-count", "value": "约 2500 名"}
    if second_time:
        second["time"] = second_time
    return [source("a", first_published, [{"subject": "openai", "property": "employee-count", "value": "800余人"}]),
            source("b", second_published, [second])]


def test_undated_changing_values_reported_hours_apart_conflict(tmp_path: Path) -> None:
    result = run(tmp_path, *staff_counts("2023-11-22T09:00:00+08:00", "2023-11-22T23:30:00+08:00"))
    assert verdict(result, "openai", "employee-count") == "conflict"
    edge = result.slot("openai", "employee-count").slot.edges[0]
    assert edge.cause == "same-news-cycle"
    assert "neither says when" in edge.reason and "within 1 day" in edge.reason


@pytest.mark.parametrize("published", ["2023-11-24T09:00:00+08:00", "2023-11-23"])
def test_undated_changing_values_reported_a_day_or_more_apart_evolve(tmp_path: Path, published: str) -> None:
    result = run(tmp_path, *staff_counts("2023-11-22", published))
    assert verdict(result, "openai", "employee-count") == "evolving"


def test_a_dated_claim_shows_the_change_however_close_the_reports(tmp_path: Path) -> None:
    sources = staff_counts("2023-11-22T09:00:00+08:00", "2023-11-22T23:30:00+08:00", second_time="当地时间 11 月 22 日")
    sources[1]["claims"][0]["quote"] = "当地时间 11 月 22 日,约 2500 名"
    assert verdict(run(tmp_path, *sources), "openai", "employee-count") == "evolving"


@pytest.mark.parametrize(("window", "outcome"), [("PT0S", "evolving"), ("PT6H", "evolving"), ("P2D", "conflict")])
def test_the_undated_window_is_set_per_property(tmp_path: Path, window: str, outcome: str) -> None:
    vocab = copy.deepcopy(VOCAB)
    next(p for p in vocab["properties"] if p["id"] == "employee-count")["undated_window"] = window
    corpus = load(tmp_path / "claims", staff_counts("2023-11-22T09:00:00+08:00", "2023-11-23T09:00:00+08:00"), vocab)
    assert verdict(reconcile(corpus), "openai", "employee-count") == outcome


def test_accumulating_counts_reported_hours_apart_may_still_grow(tmp_path: Path) -> None:
    result = run(
        tmp_path,
        source("a", "2023-11-22T09:00:00+08:00", [{"subject": "letter", "property": "signatories", "value": "近 500 名"}]),
        source("b", "2023-11-22T15:00:00+08:00", [{"subject": "letter", "property": "signatories", "value": "738人"}]),
    )
    assert verdict(result, "letter", "signatories") == "evolving"


def market_cap_disagreement() -> list[dict]:
    """Two sources give different values for one static fact at one time."""
    return [source("a", BEIJING_NOON_22, [{"subject": "microsoft", "property": "market-cap-change",
                                           "value": "600 亿美元"}]),
            source("b", BEIJING_NOON_22, [{"subject": "microsoft", "property": "market-cap-change",
                                           "value": "近300亿美元"}])]


def test_two_sources_disagreeing_about_one_static_fact_conflict(tmp_path: Path) -> None:
    result = run(
        tmp_path,
        *market_cap_disagreement(),
    )
    assert verdict(result, "microsoft", "market-cap-change") == "conflict"


def test_hypothetical_claims_do_not_conflict(tmp_path: Path) -> None:
    result = run(
        tmp_path,
        source("a", BEIJING_NOON_22, [{"subject": "microsoft", "property": "market-cap-change",
                                       "value": "600 亿美元"}]),
        source("b", BEIJING_NOON_22, [{"subject": "microsoft", "property": "market-cap-change",
                                       "value": "近300亿美元", "modality": "hypothetical"}]),
    )
    assert verdict(result, "microsoft", "market-cap-change") == "single"


@pytest.mark.parametrize(("share", "outcome"), [("超過九成", "holds"), ("七成", "violated")])
def test_ratio_relation_is_checked_with_intervals(tmp_path: Path, share: str, outcome: str) -> None:
    result = run(
        tmp_path,
        source("a", BEIJING_NOON_22, [{"subject": "letter", "property": "signatories", "value": "738人"},
                                      {"subject": "openai", "property": "employee-count", "value": "约770名"},
                                      {"subject": "letter", "property": "signatory-share", "value": share}]),
    )
    assert [c.outcome for c in result.relation_checks] == [outcome]


def test_a_ratio_whose_divisor_may_be_zero_is_not_checkable_not_a_crash(tmp_path: Path) -> None:
    result = run(
        tmp_path,
        source("a", BEIJING_NOON_22, [{"subject": "letter", "property": "signatories", "value": "738人"},
                                      {"subject": "openai", "property": "employee-count", "value": "不到 5 人"},
                                      {"subject": "letter", "property": "signatory-share", "value": "超過九成"}]),
    )
    check = result.relation_checks[0]
    assert check.outcome == "not-checkable" and "cannot be computed" in check.explanation


@pytest.mark.parametrize("share", ["超過九成", "七成"])
def test_the_linters_half_reconcile_checks_relations_as_the_full_one_does(tmp_path: Path, share: str) -> None:
    corpus = load(tmp_path / "claims", [source("a", BEIJING_NOON_22, [
        {"subject": "letter", "property": "signatories", "value": "738人"},
        {"subject": "openai", "property": "employee-count", "value": "约770名"},
        {"subject": "letter", "property": "signatory-share", "value": share}])])
    related = relate_corpus(corpus)
    assert relation_checks(corpus, related) == reconcile(corpus).relation_checks
    assert [s.key for s in related.slots] == [r.slot.key for r in reconcile(corpus).slots]


def test_the_linters_half_scores_only_when_a_relation_needs_it(tmp_path: Path) -> None:
    vocab_without_relations = {**VOCAB, "relations": []}
    claims = [{"subject": "letter", "property": "signatories", "value": "738人"},
              {"subject": "openai", "property": "employee-count", "value": "约770名"}]
    plain = load(tmp_path / "plain", [source("a", BEIJING_NOON_22, claims)], vocab_without_relations)
    related = relate_corpus(plain)
    assert relation_checks(plain, related) == [] and "scores" not in vars(related)
    with_relation = load(tmp_path / "relation", [source("a", BEIJING_NOON_22, claims)])
    related = relate_corpus(with_relation)
    relation_checks(with_relation, related)
    assert "scores" in vars(related)
    assert related.confidence == reconcile(with_relation).confidence


def test_scoring_is_deterministic_and_contradicted_sources_lose_trust(tmp_path: Path) -> None:
    claims = {"subject": "microsoft", "property": "market-cap-change"}
    sources = [source("a", BEIJING_NOON_22, [claims | {"value": "600 亿美元"}]),
               source("b", BEIJING_NOON_22, [claims | {"value": "600亿美元"}]),
               source("c", BEIJING_NOON_22, [claims | {"value": "近300亿美元"}])]
    first = run(tmp_path / "1", *sources)
    second = run(tmp_path / "2", *sources)
    assert [s.trust for s in first.sources] == [s.trust for s in second.sources]
    trust = {s.source.id: s.trust for s in first.sources}
    assert trust["c"] < trust["a"] == trust["b"]
    assert first.slot("microsoft", "market-cap-change").verdict.best[0].claims == ("a-0", "b-0")
    assert first.converged


def test_sum_relation_is_checked(tmp_path: Path) -> None:
    vocab = {**VOCAB, "relations": [{"id": "parts", "kind": "sum",
                                     "operands": [{"subject": "letter", "property": "signatories"},
                                                  {"subject": "openai", "property": "signatories"}],
                                     "result": {"subject": "openai", "property": "employee-count"}}]}
    corpus = load(tmp_path / "claims", [source("a", BEIJING_NOON_22, [
        {"subject": "letter", "property": "signatories", "value": "738人"},
        {"subject": "openai", "property": "signatories", "value": "32人"},
        {"subject": "openai", "property": "employee-count", "value": "约770名"}])], vocab)
    assert [c.outcome for c in reconcile(corpus).relation_checks] == ["holds"]


def test_an_undecided_conflict_shows_both_values(tmp_path: Path) -> None:
    result = run(
        tmp_path,
        *market_cap_disagreement(),
    )
    verdict = result.slot("microsoft", "market-cap-change").verdict
    assert {state.value for state in verdict.best} == {"600 亿美元", "近300亿美元"}
    assert "Neither value is clearly better supported" in verdict.explanation


def test_claim_keys_number_equal_values_alike_however_they_are_worded(tmp_path: Path) -> None:
    from recon.normalize.claims import normalize_corpus
    from recon.reconcile import _claim_keys

    cap = {"subject": "microsoft", "property": "market-cap-change"}
    corpus = load(tmp_path / "claims", [source("a", BEIJING_NOON_22, [cap | {"value": "600 亿美元"}]),
                                        source("b", BEIJING_NOON_22, [cap | {"value": "600亿美元"}]),
                                        source("c", BEIJING_NOON_22, [cap | {"value": "近300亿美元"}])])
    claims, _ = normalize_corpus(corpus)
    assert claims[0].value is not claims[1].value and claims[0].value == claims[1].value
    keys = _claim_keys(claims)
    assert keys["a"] == keys["b"] != keys["c"]


def test_an_evolving_value_is_shown_by_its_latest_reading_even_when_a_vague_one_chains_it(tmp_path: Path) -> None:
    """超过 700 is compatible with 710多 and with 738, which joins all three in one group; the value shown
    for it must be the latest reading, 738, not whichever is most confident."""
    count = {"subject": "letter", "property": "signatories"}
    result = run(
        tmp_path,
        source("a", "2023-11-20T12:00:00+08:00", [{**count, "value": "超过 700 人"}]),
        source("b", "2023-11-21T12:00:00+08:00", [{**count, "value": "710 多名"}]),
        source("c", "2023-11-21T13:00:00+08:00", [{**count, "value": "710 多名"}]),
        source("d", "2023-11-23T12:00:00+08:00", [{**count, "value": "738人"}]),
    )
    assert result.slot("letter", "signatories").verdict.best[0].value == "738人"


@pytest.mark.parametrize(("coarse", "fine", "outcome"), [
    ("6%", "6.4%", "compatible"),  # 6% may be 6.4% rounded: [5.5, 6.5)
    ("6.1%", "6.14%", "compatible"),
    ("6%", "6.6%", "conflict"),
    ("600 亿美元", "612 亿美元", "conflict"),  # half of the last digit: [599.5, 600.5) 亿
])
def test_a_rounded_figure_is_refined_by_a_more_precise_one_it_may_round(tmp_path: Path, coarse: str, fine: str,
                                                                        outcome: str) -> None:
    subject, prop = ("microsoft", "market-cap-change") if "亿" in coarse else ("letter", "signatory-share")
    result = run(tmp_path, source("a", BEIJING_NOON_22, [{"subject": subject, "property": prop, "value": coarse}]),
                 source("b", BEIJING_NOON_22, [{"subject": subject, "property": prop, "value": fine}]))
    assert verdict(result, subject, prop) == outcome
