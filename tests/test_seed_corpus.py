"""The seed corpus as one integration test: it normalizes, resolves, and reconciles true to the articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from recon.corpus import load_corpus
from recon.diagnostics import has_errors
from recon.normalize.claims import normalize_corpus
from recon.normalize.names import AliasIndex
from recon.reconcile import Result, reconcile

CLAIMS = Path(__file__).resolve().parent.parent / "claims"


@pytest.fixture(scope="module")
def corpus():  # type: ignore[no-untyped-def]
    loaded, diagnostics = load_corpus(CLAIMS)
    assert not has_errors(diagnostics), [d.format_text() for d in diagnostics]
    return loaded


@pytest.fixture(scope="module")
def result(corpus) -> Result:  # type: ignore[no-untyped-def]
    return reconcile(corpus)


def test_every_value_and_time_normalizes_through_the_parsers(corpus) -> None:  # type: ignore[no-untyped-def]
    normalized, problems = normalize_corpus(corpus)
    assert [p.format_text() for p in problems] == []
    assert len(normalized) == len(corpus.claims) >= 150


def test_every_alias_resolves_to_its_own_entity(corpus) -> None:  # type: ignore[no-untyped-def]
    index = AliasIndex({e.id: list(e.names) for e in corpus.entities.values()})
    wrong = [(e.id, name, index.resolve(name).entity_id) for e in corpus.entities.values() for name in e.names
             if index.resolve(name).entity_id != e.id]
    assert wrong == []


def verdict(result: Result, subject: str, prop: str, obj: str | None = None) -> str:
    slot = result.slot(subject, prop, obj)
    assert slot is not None, (subject, prop, obj)
    return slot.verdict.verdict


def test_growing_signatory_count_evolves(result: Result) -> None:
    assert verdict(result, "openai-staff-letter", "signatories") == "evolving"


def test_dismissal_dates_in_two_zones_do_not_conflict(result: Result) -> None:
    assert verdict(result, "sam-altman", "dismissed", "openai") in ("agree", "compatible")


def test_shear_twitch_roles_coexist(result: Result) -> None:
    assert verdict(result, "emmett-shear", "role", "twitch") == "agree"


def test_shear_openai_titles_refine(result: Result) -> None:
    assert verdict(result, "emmett-shear", "role", "openai") == "compatible"


def test_market_cap_gain_is_the_real_conflict(result: Result) -> None:
    conflicts = [s.slot.key for s in result.slots if s.verdict.verdict == "conflict"]
    assert conflicts == [("microsoft", "market-cap-change", None)]


def test_arithmetic_relations_hold(result: Result) -> None:
    assert {c.relation: c.outcome for c in result.relation_checks} == {
        "revenue-run-rate-from-monthly": "holds", "signatory-share-of-staff": "holds",
        "signing-bonus-total-from-per-person": "holds"}


def test_repeated_bodies_are_claimed_once(corpus) -> None:  # type: ignore[no-untyped-def]
    for source_id in ("001", "004"):
        keys = [(c.subject, c.property, c.object, c.value, c.time) for cid, c in corpus.claims.items()
                if corpus.claim_source[cid] == source_id]
        assert len(keys) == len(set(keys)), f"{source_id} claims a fact twice"
