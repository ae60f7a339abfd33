"""Every related pair of a corpus as arrays: each distinct kind of pair related once.

A relation depends only on the two values, the two times, the property and
whether the origins match (:func:`recon.relations.relate`). A large corpus
repeats itself — one figure in many articles, one publish time for a source —
so its pairs fall into few *patterns*: (class of the earlier claim, class of
the later, same origin), where a class is one (property, value, time) triple
of objects. :func:`pair_table` lays out every pair of every slot with numpy,
relates one representative pair per pattern, and spreads the answers back.
The pairs come out exactly as relating each pair in turn would give them:
slot after slot, (0, 1), (0, 2) … (1, 2) … within a slot, each oriented as
``relate`` orients it. Edge objects are made only for the pairs someone reads.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from recon.diagnostics import ReconError
from recon.normalize.claims import NormalizedClaim
from recon.relations import KIND_CODE, REASONS, Edge, RelationKind, relate

if TYPE_CHECKING:
    import numpy as np

#: Relation kinds and edge causes by their number in the arrays.
KINDS: tuple[RelationKind, ...] = tuple(KIND_CODE)
CAUSES: tuple[str, ...] = tuple(REASONS)
CAUSE_CODE: dict[str, int] = {cause: code for code, cause in enumerate(CAUSES)}


@dataclass(frozen=True)
class PairTable:
    """The pairs of consecutive slots; claims are numbered by position, slot members in a row."""

    claims: list[NormalizedClaim]
    first: np.ndarray  # position of the edge's first claim (the more precise, the earlier, …)
    second: np.ndarray
    kind: np.ndarray  # KIND_CODE
    cause: np.ndarray  # CAUSE_CODE
    slot_pairs: np.ndarray  # slot s holds pairs slot_pairs[s] to slot_pairs[s + 1]

    def index_pairs(self, index: np.ndarray) -> np.ndarray:
        """(first, second, KIND_CODE) rows, claims numbered by ``index[position]``: a scoring pair array."""
        import numpy as np

        return np.column_stack((index[self.first], index[self.second], self.kind)).astype(np.int64)

    def edges_of_slot(self, slot: int) -> list[Edge]:
        lo, hi = int(self.slot_pairs[slot]), int(self.slot_pairs[slot + 1])
        return self._edges(range(lo, hi))

    def edges_of_kind(self, kind: RelationKind) -> Iterator[tuple[int, Edge]]:
        """(slot number, edge) for every pair of one kind, in order."""
        import numpy as np

        chosen = np.flatnonzero(self.kind == KIND_CODE[kind])
        slots = np.searchsorted(self.slot_pairs, chosen, side="right") - 1
        return zip(slots.tolist(), self._edges(chosen.tolist()))

    def _edges(self, pairs: Sequence[int] | range) -> list[Edge]:
        claims = self.claims
        if isinstance(pairs, range):
            columns = [a[pairs.start:pairs.stop].tolist() for a in (self.first, self.second, self.kind, self.cause)]
        else:
            columns = [a[pairs].tolist() for a in (self.first, self.second, self.kind, self.cause)]
        return [Edge(claims[a].id, claims[b].id, KINDS[k], CAUSES[c], claims[a], claims[b])
                for a, b, k, c in zip(*columns)]


#: Peak bytes per related pair: the table's arrays and temporaries (~70), then the scoring edges (~80).
BYTES_PER_PAIR = 150


def pair_table(slots: Sequence[Sequence[NormalizedClaim]], origins: Mapping[str, str]) -> PairTable:
    """Relate every pair within each slot; ``origins`` maps a claim id to its independent origin."""
    import numpy as np

    check_memory(slots)
    claims = [claim for members in slots for claim in members]
    sizes = np.array([len(m) for m in slots], dtype=np.int64)
    first, second = _pairs_within(sizes)
    classes, representatives = _classes(claims)
    origin_numbers: dict[str, int] = {}
    origin = np.fromiter((origin_numbers.setdefault(origins[c.id], len(origin_numbers)) for c in claims),
                         dtype=np.int64, count=len(claims))
    same_origin = origin[first] == origin[second]
    patterns, pattern_of_pair = np.unique((classes[first] * len(representatives) + classes[second]) * 2 + same_origin,
                                          return_inverse=True)
    kind, cause, flipped = _relate_patterns(patterns.tolist(), representatives)
    kind, cause, flipped = kind[pattern_of_pair], cause[pattern_of_pair], flipped[pattern_of_pair]
    slot_pairs = np.concatenate(([0], np.cumsum(sizes * (sizes - 1) // 2))).astype(np.int64)
    return PairTable(claims, np.where(flipped, second, first), np.where(flipped, first, second), kind, cause,
                     slot_pairs)


def check_memory(slots: Sequence[Sequence[NormalizedClaim]], memory: int | None = None) -> None:
    """Refuse, saying why, a corpus whose pairs would need more memory than the machine has.

    Pairs grow with the square of a slot's size: one slot of 20,000 claims is 200 M pairs.
    Without this check such a corpus ends in MemoryError or the kernel's OOM killer.
    """
    pairs = sum(len(m) * (len(m) - 1) // 2 for m in slots)
    memory = physical_memory() if memory is None else memory
    if not memory or pairs * BYTES_PER_PAIR <= 0.8 * memory:
        return
    largest = max(slots, key=len)
    subject, prop, obj = largest[0].slot
    raise ReconError(
        f"{pairs:,} pairs of claims to relate would need about {pairs * BYTES_PER_PAIR / 2**30:.1f} GiB, and this "
        f"machine has {memory / 2**30:.1f} GiB; the largest slot ({subject} · {prop}{f' · {obj}' if obj else ''}) "
        f"holds {len(largest):,} claims, and recon relates every pair of a slot. Split such slots (by object or "
        "by the time the claims refer to) or run on a machine with more memory")


#: Where a container's memory limit is written (cgroup v2, then v1); "max" or a huge number means none.
CGROUP_LIMITS = ("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes")


def physical_memory() -> int:
    """Bytes of RAM this process may use: the machine's, or its container's limit when lower; 0 if unknown."""
    try:
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):
        return 0
    for limit_file in CGROUP_LIMITS:
        try:
            limit = Path(limit_file).read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            continue
        if limit.isdigit():
            memory = min(memory, int(limit))
    return memory


def _pairs_within(sizes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions (i, j), i < j, of every pair inside each run of ``sizes`` consecutive claims, in order."""
    import numpy as np

    n = int(sizes.sum())
    slot_end = np.repeat(np.cumsum(sizes), sizes)  # per position: where its slot ends
    later = slot_end - np.arange(n) - 1  # per position: claims after it in its slot
    first = np.repeat(np.arange(n, dtype=np.int64), later)
    first_pair = np.cumsum(later) - later  # per position: the number of its first pair
    second = first + 1 + (np.arange(len(first), dtype=np.int64) - np.repeat(first_pair, later))
    return first, second


def _classes(claims: list[NormalizedClaim]) -> tuple[np.ndarray, list[NormalizedClaim]]:
    """Per claim, the number of its (property, value, time) objects; and one claim of each class."""
    import numpy as np

    numbers: dict[tuple[int, int, int], int] = {}
    representatives: list[NormalizedClaim] = []
    classes = np.empty(len(claims), dtype=np.int64)
    for position, claim in enumerate(claims):
        key = (id(claim.prop), id(claim.value), id(claim.as_of))
        number = numbers.get(key)
        if number is None:
            number = numbers[key] = len(representatives)
            representatives.append(claim)
        classes[position] = number
    return classes, representatives


def _relate_patterns(patterns: list[int], representatives: list[NormalizedClaim]
                     ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Kind, cause and orientation (True: the later claim comes first) of each pattern."""
    import numpy as np

    n = len(representatives)
    kind = np.empty(len(patterns), dtype=np.int64)
    cause = np.empty(len(patterns), dtype=np.int64)
    flipped = np.empty(len(patterns), dtype=bool)
    for i, pattern in enumerate(patterns):
        earlier, later = divmod(pattern >> 1, n)
        a, b = representatives[earlier], representatives[later]
        edge = relate(a, b, "origin", "origin" if pattern & 1 else "another origin")
        kind[i], cause[i], flipped[i] = KIND_CODE[edge.kind], CAUSE_CODE[edge.cause], edge.first_claim is not a
    return kind, cause, flipped
