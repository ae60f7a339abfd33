"""The claim graph: relating every pair of a slot, with answers shared between repeated values."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from recon.corpus import load_corpus
from recon.graph import build_slots
from recon.normalize.claims import normalize_corpus
from recon.provenance import claim_origin, copy_groups, known_outlets
from recon.reconcile import _claim_keys
from recon.relations import relate
from tests.corpus_builder import load, source

ROOT = Path(__file__).resolve().parents[1]

SIGNATORIES = ["近 500 名", "超过 500 多名", "710 多名", "超过 700 人", "738 人", "超过 750 人", "505 人"]
TIMES = [None, "11 月 20 日", "11 月 20 日上午", "11 月 21 日", "当地时间 11 月 20 日"]
ROLES = ["CEO", "临时CEO", "前CEO", "联合创始人"]


def pairwise_edges(corpus_root: Path) -> tuple[list[tuple], list[tuple]]:
    """The edges build_slots gives, and those of relating every pair afresh, as comparable tuples."""
    corpus, _ = load_corpus(corpus_root)
    claims, _ = normalize_corpus(corpus)
    groups = copy_groups(corpus.sources, _claim_keys(claims))
    outlets = known_outlets(corpus.sources.values())
    origins = {c.id: claim_origin(c.claim.attributed_to, c.source.id, groups, outlets) for c in claims}
    built, fresh = [], []
    for slot in build_slots(claims, origins):
        built += [(e.first, e.second, e.kind, e.cause, e.first_claim, e.second_claim) for e in slot.edges]
        members = slot.claims
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                e = relate(a, b, origins[a.id], origins[b.id])
                fresh.append((e.first, e.second, e.kind, e.cause, e.first_claim, e.second_claim))
    return built, fresh


def repetitive_corpus(rng: random.Random) -> list[dict]:
    """Sources repeating a few figures at a few times, some of them reprints of others."""
    sources = []
    for n in range(14):
        claims = []
        for _ in range(rng.randint(1, 4)):
            claim = {"subject": "letter", "property": "signatories", "value": rng.choice(SIGNATORIES)}
            when = rng.choice(TIMES)
            if when:
                claim["time"] = when
            claims.append(claim)
        claims.append({"subject": "shear", "property": "role", "object": "openai", "value": rng.choice(ROLES)})
        meta = {"outlet": f"Outlet {n % 5}"}
        if n % 4 == 3:
            meta["reprint_of"] = f"Outlet {n % 3}"
        published = rng.choice(["2023-11-20T09:00:00+08:00", "2023-11-21T18:30:00+08:00", "2023-11-22"])
        sources.append(source(f"s{n:02d}", published, claims, **meta))
    return sources


def test_shared_answers_equal_relating_every_pair_of_a_repetitive_corpus(tmp_path: Path) -> None:
    rng = random.Random(7)
    for round_ in range(4):
        root = tmp_path / f"c{round_}"
        load(root, repetitive_corpus(rng))
        built, fresh = pairwise_edges(root)
        assert len(built) > 100
        assert built == fresh
        kinds = {edge[2].value for edge in built}
        assert {"duplicate", "agrees", "refines"} <= kinds  # same value from one origin and from several


def test_shared_answers_equal_relating_every_pair_of_the_seed_corpus() -> None:
    built, fresh = pairwise_edges(ROOT / "claims")
    assert len(built) > 50 and built == fresh


def test_pairs_within_runs_are_every_pair_in_order() -> None:
    import numpy as np

    from recon.pairs import _pairs_within

    sizes = [3, 0, 1, 4, 2]
    first, second = _pairs_within(np.array(sizes, dtype=np.int64))
    expected, start = [], 0
    for n in sizes:
        expected += [(start + i, start + j) for i in range(n) for j in range(i + 1, n)]
        start += n
    assert list(zip(first.tolist(), second.tolist())) == expected
    empty = _pairs_within(np.array([], dtype=np.int64))
    assert len(empty[0]) == len(empty[1]) == 0


@pytest.mark.parametrize("which", ["repetitive", "seed"])  # the seed corpus has many one-claim slots
def test_pairs_of_one_kind_and_index_pairs_match_the_slots_edges(tmp_path: Path, which: str) -> None:
    import numpy as np

    from recon.graph import relate_slots
    from recon.relations import KIND_CODE, RelationKind

    if which == "seed":
        corpus, _ = load_corpus(ROOT / "claims")
    else:
        corpus = load(tmp_path / "c", repetitive_corpus(random.Random(3)))
    claims, _ = normalize_corpus(corpus)
    origins = {c.id: f"group:{c.source.id}" for c in claims}
    slots, table = relate_slots(claims, origins)
    every = [(n, e) for n, slot in enumerate(slots) for e in slot.edges]
    for kind in RelationKind:
        assert list(table.edges_of_kind(kind)) == [(n, e) for n, e in every if e.kind is kind]
    index = {c.id: i for i, c in enumerate(claims)}
    rows = table.index_pairs(np.array([index[c.id] for c in table.claims], dtype=np.int64))
    assert rows.tolist() == [[index[e.first], index[e.second], KIND_CODE[e.kind]] for _, e in every]


def test_a_corpus_without_pairs_relates_to_empty_arrays() -> None:
    from recon.graph import relate_slots

    slots, table = relate_slots([], {})
    assert slots == [] and table.index_pairs(table.first).shape == (0, 3)


def test_a_corpus_whose_pairs_need_more_memory_than_the_machine_has_is_refused_with_its_largest_slot(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from recon.cli import main
    from recon.diagnostics import ReconError
    from recon.pairs import BYTES_PER_PAIR, check_memory

    corpus = load(tmp_path / "c", repetitive_corpus(random.Random(1)))
    claims, _ = normalize_corpus(corpus)
    slots = [[c for c in claims if c.claim.property == p] for p in ("signatories", "role")]
    pairs = sum(len(s) * (len(s) - 1) // 2 for s in slots)
    check_memory(slots, memory=2 * pairs * BYTES_PER_PAIR)  # enough: nothing happens
    with pytest.raises(ReconError, match=r"largest slot \(letter · signatories\) holds \d+ claims"):
        check_memory(slots, memory=pairs * BYTES_PER_PAIR // 2)
    monkeypatch.setattr("recon.pairs.physical_memory", lambda: 1_000)
    result = CliRunner().invoke(main, ["lint", str(tmp_path / "c")])
    assert result.exit_code == 2 and "run on a machine with more memory" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_containers_memory_limit_counts_when_lower_than_the_machines(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from recon import pairs

    import os

    machine = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    limit = tmp_path / "memory.max"
    monkeypatch.setattr(pairs, "CGROUP_LIMITS", (str(limit), str(tmp_path / "absent")))
    limit.write_text("max\n", encoding="ascii")
    assert pairs.physical_memory() == machine
    limit.write_text("1048576\n", encoding="ascii")
    assert pairs.physical_memory() == min(machine, 1_048_576)
