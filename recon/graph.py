"""The claim graph: claims blocked into slots, and one relation per pair within a slot.

Claims about the same subject, property (and object) form a slot; pairs are
only ever compared inside a slot, so the cost grows with slot sizes, not with
the square of the corpus. The graph keeps claim ids as nodes and the relation
kind on each edge; payloads stay in the normalized claims.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from recon.normalize.claims import NormalizedClaim, SlotKey
from recon.pairs import PairTable, pair_table
from recon.relations import Edge, RelationKind

if TYPE_CHECKING:
    import networkx as nx


class Slot:
    """The claims about one subject and property (and object), and the relation of every pair.

    Edges given to the constructor are kept; a slot from :func:`relate_slots`
    makes its edges from the corpus's pair table the first time they are read.
    """

    __slots__ = ("key", "claims", "_edges", "_table", "_number")

    def __init__(self, key: SlotKey, claims: list[NormalizedClaim], edges: list[Edge] | None = None,
                 table: PairTable | None = None, number: int = 0) -> None:
        self.key = key
        self.claims = claims
        self._edges = edges
        self._table = table
        self._number = number

    def __repr__(self) -> str:
        return f"Slot({self.key!r}, {len(self.claims)} claims)"

    @property
    def edges(self) -> list[Edge]:
        if self._edges is None:
            self._edges = self._table.edges_of_slot(self._number) if self._table is not None else []
        return self._edges

    @property
    def label(self) -> str:
        subject, prop, obj = self.key
        return f"{subject} · {prop}" + (f" · {obj}" if obj else "")

    @property
    def slug(self) -> str:
        return "--".join(part for part in self.key if part)


def block_into_slots(claims: Iterable[NormalizedClaim]) -> dict[SlotKey, list[NormalizedClaim]]:
    slots: dict[SlotKey, list[NormalizedClaim]] = defaultdict(list)
    for claim in claims:
        slots[claim.slot].append(claim)
    return {key: sorted(members, key=lambda c: c.id) for key, members in sorted(slots.items(), key=_slot_order)}


def _slot_order(item: tuple[SlotKey, list[NormalizedClaim]]) -> tuple[str, str, str]:
    subject, prop, obj = item[0]
    return subject, prop, obj or ""


def build_slots(claims: Iterable[NormalizedClaim], origins: Mapping[str, str]) -> list[Slot]:
    """Slots with every pair related; ``origins`` maps a claim id to its independent origin."""
    return relate_slots(claims, origins)[0]


def relate_slots(claims: Iterable[NormalizedClaim], origins: Mapping[str, str]) -> tuple[list[Slot], PairTable]:
    """The slots, and every pair of them related as arrays (the slots read their edges from it)."""
    blocked = block_into_slots(claims)
    table = pair_table(list(blocked.values()), origins)
    return [Slot(key, members, table=table, number=n) for n, (key, members) in enumerate(blocked.items())], table


def claim_graph(slots: Iterable[Slot]) -> nx.Graph:
    """The whole corpus as one graph: claim ids as nodes, relation kinds on edges."""
    import networkx as nx

    graph = nx.Graph()
    for slot in slots:
        graph.add_nodes_from(claim.id for claim in slot.claims)
        graph.add_edges_from((e.first, e.second, {"kind": e.kind.value}) for e in slot.edges)
    return graph


COMPATIBLE = {RelationKind.DUPLICATE, RelationKind.AGREES, RelationKind.REFINES}


def value_groups(slot: Slot) -> list[list[NormalizedClaim]]:
    """Claims of a slot grouped by mutually compatible values (components of the compatible edges).

    Slots are small, so a union-find does this without importing networkx on the
    command line's hot path; :func:`claim_graph` is the corpus-wide graph.
    """
    parent = {claim.id: claim.id for claim in slot.claims}

    def root(node: str) -> str:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for edge in slot.edges:
        if edge.kind in COMPATIBLE:
            a, b = root(edge.first), root(edge.second)
            if a != b:
                parent[max(a, b)] = min(a, b)
    groups: dict[str, list[NormalizedClaim]] = {}
    for claim in slot.claims:
        groups.setdefault(root(claim.id), []).append(claim)
    return sorted((sorted(g, key=lambda c: c.id) for g in groups.values()), key=lambda g: g[0].id)
