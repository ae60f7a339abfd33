"""The claim graph: claims blocked into slots, and one relation per pair within a slot.

Claims about the same subject, property (and object) form a slot; pairs are
only ever compared inside a slot, so the cost grows with slot sizes, not with
the square of the corpus. The graph keeps claim ids as nodes and the relation
kind on each edge; payloads stay in the normalized claims.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from recon.normalize.claims import NormalizedClaim, SlotKey
from recon.relations import Edge, RelationKind, relate

if TYPE_CHECKING:
    import networkx as nx


@dataclass
class Slot:
    key: SlotKey
    claims: list[NormalizedClaim]
    edges: list[Edge] = field(default_factory=list)

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
    return [Slot(key, members, relate_all(members, [origins[c.id] for c in members]))
            for key, members in block_into_slots(claims).items()]


def relate_all(members: list[NormalizedClaim], origins: list[str]) -> list[Edge]:
    """One edge per pair of a slot's claims, in order: (0, 1), (0, 2) … (1, 2) …

    A relation depends only on the two values, the two times, the property and
    whether the origins match (:func:`recon.relations.relate`). Large slots
    repeat a few figures many times, so claims holding the same value and time
    objects form a class, and each (class, class, same origin) is related once;
    every other pair of those classes reuses the answer, orientation included.
    """
    classes = [(id(c.value), id(c.as_of)) for c in members]
    known: dict[tuple[tuple[int, int], tuple[int, int], bool], tuple[RelationKind, str, bool]] = {}
    edges = []
    for i, a in enumerate(members):
        class_a, origin_a = classes[i], origins[i]
        for j in range(i + 1, len(members)):
            b, origin_b = members[j], origins[j]
            pattern = (class_a, classes[j], origin_a == origin_b)
            answer = known.get(pattern)
            if answer is None:
                edge = relate(a, b, origin_a, origin_b)
                known[pattern] = (edge.kind, edge.cause, edge.first_claim is not a)
                edges.append(edge)
            elif answer[2]:
                edges.append(Edge(b.id, a.id, answer[0], answer[1], b, a))
            else:
                edges.append(Edge(a.id, b.id, answer[0], answer[1], a, b))
    return edges


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
