"""Provenance: which sources are copies of one another, and where each claim comes from.

Copies must count once. Two sources are one *copy group* when the metadata
says so (a reprint of the other, or both reprints of one original) or when
they share most of their claims (the same values for the same slots: a
syndicated text nobody labelled). A claim's *origin* is the outlet it is
attributed to when that outlet is named in the corpus (two articles both
quoting WIRED repeat WIRED), otherwise its source's copy group.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import combinations
from typing import TYPE_CHECKING

from recon.normalize.script import squash_key

if TYPE_CHECKING:
    from recon.model import Source


@dataclass(frozen=True)
class ProvenancePolicy:
    shared_claims_min: int = 3  # shared (slot, value) pairs before two sources count as copies …
    shared_claims_jaccard: float = 0.6  # … and the share of their claims those pairs make up


DEFAULT_POLICY = ProvenancePolicy()


class _UnionFind:
    def __init__(self, items: Iterable[str]) -> None:
        self.parent = {item: item for item in items}

    def find(self, item: str) -> str:
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)  # smallest id names the group: deterministic


@dataclass(frozen=True)
class CopyGroups:
    """Source id → the id naming its copy group, and why sources were grouped."""

    group: Mapping[str, str]
    reasons: Mapping[str, tuple[str, ...]]

    def members(self, group_id: str) -> list[str]:
        return self._members.get(group_id, [])

    @cached_property
    def _members(self) -> dict[str, list[str]]:
        members: dict[str, list[str]] = defaultdict(list)
        for source_id, group_id in sorted(self.group.items()):
            members[group_id].append(source_id)
        return dict(members)


def copy_groups(sources: Mapping[str, Source], claim_keys: Mapping[str, set[Hashable]],
                policy: ProvenancePolicy = DEFAULT_POLICY) -> CopyGroups:
    """Group sources that are copies: by declared provenance, then by shared claim sets.

    ``claim_keys`` maps a source id to the set of (slot, value) keys it claims.
    """
    groups = _UnionFind(sorted(sources))
    reasons: dict[str, list[str]] = defaultdict(list)
    by_name = _names_of_sources(sources)
    originals: dict[str, str] = {}
    for source in sorted(sources.values(), key=lambda s: s.id):
        if source.reprint_of is None:
            continue
        original = squash_key(source.reprint_of)
        if original in by_name:
            groups.union(source.id, by_name[original])
            reasons[source.id].append(f"reprint of {source.reprint_of}")
        if original in originals:
            groups.union(source.id, originals[original])
            reasons[source.id].append(f"reprints the same original ({source.reprint_of}) as {originals[original]}")
        originals.setdefault(original, source.id)
    for a, b, shared in _shared_claim_sets(claim_keys, policy):
        groups.union(a, b)
        reasons[b].append(f"shares {shared} claims with {a}")
    return CopyGroups({s: groups.find(s) for s in sorted(sources)},
                      {s: tuple(r) for s, r in sorted(reasons.items())})


def _names_of_sources(sources: Mapping[str, Source]) -> dict[str, str]:
    names: dict[str, str] = {}
    for source in sorted(sources.values(), key=lambda s: s.id):
        names.setdefault(squash_key(source.id), source.id)
        if source.reprint_of is None and source.excerpt_of is None:
            names.setdefault(squash_key(source.outlet), source.id)
    return names


def _shared_claim_sets(claim_keys: Mapping[str, set[Hashable]],
                       policy: ProvenancePolicy) -> Iterable[tuple[str, str, int]]:
    """Pairs of sources whose claim sets mostly coincide (blocked by shared keys, not all pairs)."""
    holders: dict[Hashable, list[str]] = defaultdict(list)
    for source_id in sorted(claim_keys):
        for key in claim_keys[source_id]:
            holders[key].append(source_id)
    shared: Counter[tuple[str, str]] = Counter()
    for owners in holders.values():
        if len(owners) <= 50:  # a value everybody states says nothing about copying
            shared.update(combinations(owners, 2))  # counted in C: (a, b) with a before b
    candidates = [(a, b, count) for (a, b), count in shared.items()
                  if count >= policy.shared_claims_min  # the union is at least the larger set:
                  and count >= policy.shared_claims_jaccard * max(len(claim_keys[a]), len(claim_keys[b]))]
    for a, b, count in sorted(candidates):
        if count / len(claim_keys[a] | claim_keys[b]) >= policy.shared_claims_jaccard:
            yield a, b, count


def claim_origin(attributed_to: str | None, source_id: str, groups: CopyGroups,
                 known_outlets: set[str]) -> str:
    """The independent origin a claim counts for (see module docstring)."""
    if attributed_to:
        for part in _split_attribution(attributed_to):
            if part in known_outlets:
                return "outlet:" + part
    return "group:" + groups.group[source_id]


def _split_attribution(attributed_to: str) -> Sequence[str]:
    text = attributed_to
    for separator in ("与", "與", "和", "及", ",", "、", " and ", "&", "/", "via"):
        text = text.replace(separator, "|")
    return [squash_key(part) for part in text.split("|") if part.strip()]


def known_outlets(sources: Iterable[Source]) -> set[str]:
    """Every outlet the corpus names: outlets, originals and credited outlets (squashed keys)."""
    names: set[str] = set()
    for source in sources:
        names.add(squash_key(source.outlet))
        names.update(squash_key(c) for c in source.credits)
        if source.reprint_of:
            names.add(squash_key(source.reprint_of))
    return names
