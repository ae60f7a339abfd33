import gc

import pytest

from recon.gc_pause import gc_paused


def test_collector_is_off_inside_and_back_on_after_an_error() -> None:
    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        with gc_paused():
            assert not gc.isenabled()
            raise RuntimeError("boom")
    assert gc.isenabled()


def test_a_collector_already_off_stays_off() -> None:
    gc.disable()
    try:
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


class _Node:
    def __init__(self) -> None:
        self.other: object = None


def test_what_the_pause_made_leaves_in_the_oldest_generation_and_cycles_are_still_collected() -> None:
    import weakref

    gc.collect()
    with gc_paused():
        kept = [[i] for i in range(50_000)]
        a, b = _Node(), _Node()
        a.other, b.other = b, a  # a cycle that becomes garbage after the block
        gone = weakref.ref(a)
        del a, b
    assert gc.get_count()[0] < 1_000  # the young generation does not hold the 50,000 lists
    assert gc.get_freeze_count() == 0
    assert any(x is kept[0] for x in gc.get_objects(generation=2))
    assert gone() is not None
    gc.collect()
    assert gone() is None


def test_objects_the_program_froze_stay_frozen() -> None:
    gc.collect()
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with gc_paused():
            made = [[i] for i in range(100)]
        assert gc.get_freeze_count() == frozen and made
    finally:
        gc.unfreeze()
