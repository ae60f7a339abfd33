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
    slots = []
    for key, members in block_into_slots(claims).items():
        origin = [origins[c.id] for c in members]
        edges = [relate(a, b, origin[i], origin[j])
                 for i, a in enumerate(members) for j, b in enumerate(members[i + 1:], i + 1)]
        slots.append(Slot(key, members, edges))
    return slots


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
