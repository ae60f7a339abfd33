"""Interval: open and closed ends, refinement, overlap, set arithmetic, text form."""

from __future__ import annotations

import copy
import dataclasses
import math
import pickle
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from recon.interval import Interval, IntervalError, format_number, parse_interval

INF = math.inf


def iv(text: str) -> Interval:
    return parse_interval(text)


# -- construction and validation ----------------------------------------------------


def test_point_is_closed_on_both_ends() -> None:
    p = Interval.point(738)
    assert (p.lo, p.hi, p.lo_closed, p.hi_closed) == (738.0, 738.0, True, True)
    assert p.is_point and p.width == 0


def test_ends_are_stored_as_floats() -> None:
    assert type(Interval(1, 2).lo) is float and type(Interval(1, 2).hi) is float


@pytest.mark.parametrize(
    "args",
    [
        (2, 1),  # lo > hi
        (math.nan, 1),
        (0, math.nan),
        (1, 1, True, False),  # an open point is empty
        (1, 1, False, True),
        (0, INF, True, True),  # ∞ is never reached
        (-INF, 0, True, True),
        (INF, INF, False, False),
        (0, 10, True, True, 11),  # soft_hi outside the interval
        (0, 10, True, True, -1),
        (0, INF, True, False, INF),  # soft_hi must be finite
    ],
)
def test_impossible_intervals_are_refused(args: tuple) -> None:
    with pytest.raises(IntervalError):
        Interval(*args)


def test_interval_error_is_a_value_error() -> None:
    assert issubclass(IntervalError, ValueError)


def test_an_interval_is_an_immutable_value() -> None:
    a = Interval(700, INF, False, False, 800)
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.lo = 0.0  # type: ignore[misc]
    assert a == Interval(700.0, INF, False, False, 800.0) and hash(a) == hash(Interval(700.0, INF, False, False, 800.0))
    assert pickle.loads(pickle.dumps(a)) == a and copy.deepcopy(a) == a
    assert dataclasses.replace(a, soft_hi=None) == Interval(700, INF, False, False)
    with pytest.raises(IntervalError):
        dataclasses.replace(a, hi=600.0)  # replace validates like the constructor
    assert repr(a) == "Interval(lo=700.0, hi=inf, lo_closed=False, hi_closed=False, soft_hi=800.0)"


# -- membership, refinement, overlap ----------------------------------------------------


def test_contains_respects_open_and_closed_ends() -> None:
    nearly_500 = iv("[450, 500)")
    assert nearly_500.contains(450) and nearly_500.contains(499.999)
    assert not nearly_500.contains(500) and not nearly_500.contains(449)
    more_than_700 = iv("(700, ∞)")
    assert not more_than_700.contains(700) and more_than_700.contains(1e300)
    assert not more_than_700.contains(INF)


def test_nearly_500_does_not_overlap_more_than_500_plus() -> None:
    assert not iv("[450, 500)").overlaps(iv("(500, 600)"))
    assert not iv("(500, 600)").overlaps(iv("[450, 500)"))
    assert iv("[450, 500]").overlaps(iv("[500, 600)"))  # they share 500
    assert not iv("[450, 500]").overlaps(iv("(500, 600)"))


def test_710_plus_refines_more_than_700() -> None:
    assert iv("(700, ∞)").contains_interval(iv("(710, 720)"))
    assert not iv("(710, 720)").contains_interval(iv("(700, ∞)"))


def test_738_lies_inside_more_than_700_and_more_than_710() -> None:
    exact = Interval.point(738)
    assert iv("(700, ∞)").contains_interval(exact)
    assert iv("(710, ∞)").contains_interval(exact)
    assert not iv("(738, ∞)").contains_interval(exact)


def test_contains_interval_compares_end_types() -> None:
    assert iv("[0, 10]").contains_interval(iv("(0, 10)"))
    assert not iv("(0, 10)").contains_interval(iv("[0, 10]"))
    assert iv("(0, ∞)").contains_interval(iv("(0, ∞)"))
    assert iv("[0, ∞)").contains_interval(iv("(0, ∞)"))


def test_intersection() -> None:
    assert iv("[450, 500)").intersection(iv("[480, 600]")) == iv("[480, 500)")
    assert iv("(700, ∞)").intersection(iv("[0, 720]")) == iv("(700, 720]")
    assert iv("[0, 1]").intersection(iv("[1, 2]")) == Interval.point(1)
    assert iv("[0, 1)").intersection(iv("[1, 2]")) is None


def test_intersection_keeps_a_soft_bound_that_still_applies() -> None:
    both = Interval(700, INF, False, False, 800).intersection(iv("(710, ∞)"))
    assert both == Interval(710, INF, False, False, 800)
    assert Interval(700, INF, False, False, 800).intersection(iv("[900, ∞)")).soft_hi is None


# -- shape and ranking --------------------------------------------------------------------


def test_width_midpoint_and_best_estimate() -> None:
    assert iv("[450, 500)").width == 50
    assert iv("[450, 500)").midpoint == 475
    more_than_700 = Interval(700, INF, False, False, 800)
    assert more_than_700.midpoint == INF
    assert more_than_700.best_estimate == 750  # midpoint of [700, soft 800]
    assert iv("[1e8, ∞)").best_estimate == 1e8  # no soft bound: the finite end
    assert Interval.point(738).best_estimate == 738
    assert iv("(-∞, 5]").best_estimate == 5


# -- arithmetic ----------------------------------------------------------------------------


def test_770_employees_times_10_million_dollars_is_7_7_billion() -> None:
    assert Interval.point(770) * Interval.point(1e7) == Interval.point(7.7e9)


def test_738_of_770_lies_inside_more_than_90_percent() -> None:
    share = Interval.point(738) / Interval.point(770)
    more_than_ninety = iv("(90, 100]").scale(1 / 100)
    assert more_than_ninety.contains_interval(share)
    assert share.contains(Fraction(738, 770))  # outward rounding encloses the exact ratio
    assert share.width < 1e-15


def test_addition_and_subtraction_track_end_types() -> None:
    assert iv("[1, 2)") + iv("(10, 20]") == iv("(11, 22)")
    assert iv("[1, 2]") + iv("[10, 20]") == iv("[11, 22]")
    assert iv("[450, 500)") - iv("(0, 50]") == iv("[400, 500)")
    assert iv("(700, ∞)") + 1 == iv("(701, ∞)")
    assert 1 + iv("[1, 2]") == iv("[2, 3]")


def test_multiplication_with_zero_and_infinity() -> None:
    assert iv("[0, 1]") * iv("[1, ∞)") == iv("[0, ∞)")  # 0 · anything = 0 is reached
    assert iv("(0, 1]") * iv("[1, ∞)") == iv("(0, ∞)")
    assert iv("[0, 0]") * iv("(700, ∞)") == Interval.point(0)
    assert iv("[-1, 2]") * iv("[3, 4]") == iv("[-4, 8]")
    assert iv("[2, 3]") * 2 == iv("[4, 6]")


def test_division() -> None:
    assert iv("[1, 2]") / iv("(0, 1]") == iv("[1, ∞)")
    assert iv("[1, ∞)") / iv("[1, ∞)") == iv("(0, ∞)")
    assert iv("[2, 4]") / iv("[2, 2]") == iv("[1, 2]")
    assert iv("[1, 2]") / iv("[-2, -1]") == iv("[-2, -0.5]")


@pytest.mark.parametrize("divisor", ["[0, 1]", "[-1, 1]", "(-1, 1)", "0"])
def test_division_by_an_interval_holding_zero_raises(divisor: str) -> None:
    with pytest.raises(ZeroDivisionError):
        iv("[1, 2]") / iv(divisor)


def test_scale_carries_the_soft_bound() -> None:
    more_than_700 = Interval(700, INF, False, False, 800)
    assert more_than_700.scale(10) == Interval(7000, INF, False, False, 8000)
    assert more_than_700.scale(-1) == iv("(-∞, -700)")


def test_inexact_results_are_rounded_outward() -> None:
    third = Interval.point(1) / Interval.point(3)
    assert third.lo < third.hi and third.contains(Fraction(1, 3))


# -- text ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("interval", "text"),
    [
        (Interval.point(738), "738"),
        (Interval(450, 500, True, False), "[450, 500)"),
        (Interval(700, INF, False, False), "(700, ∞)"),
        (Interval(700, INF, False, False, 800), "(700, ∞) soft_hi=800"),
        (Interval(2.7e10, 3e10, True, False), "[2.7e10, 3e10)"),
        (Interval(-INF, 0, False, True), "(-∞, 0]"),
        (Interval(0.9584, 1, False, True), "(0.9584, 1]"),
        (Interval(90.25, 99.75), "[90.25, 99.75]"),
    ],
)
def test_canonical_format(interval: Interval, text: str) -> None:
    assert interval.format() == text == str(interval)
    assert parse_interval(text) == interval


@pytest.mark.parametrize(
    ("x", "text"),
    [(0, "0"), (738, "738"), (1.68, "1.68"), (1e7, "1e7"), (7.7e9, "7.7e9"), (1e-5, "1e-5"),
     (-2.5, "-2.5"), (999999, "999999"), (1e6, "1e6"), (INF, "∞"), (-INF, "-∞")],
)  # fmt: skip
def test_format_number(x: float, text: str) -> None:
    assert format_number(x) == text


def test_parse_interval_accepts_inf_spelled_out() -> None:
    assert parse_interval(" ( 700 , inf ) ") == Interval(700, INF, False, False)


@pytest.mark.parametrize(
    "text", ["", "[1, 2", "1, 2]", "[a, b]", "[2, 1]", "(1, 1)", "nan", "[nan, 1]", "738 soft=5", "[0, ∞]"]
)
def test_parse_interval_refuses_malformed_text(text: str) -> None:
    with pytest.raises(IntervalError):
        parse_interval(text)


# -- properties ------------------------------------------------------------------------------

finite = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_subnormal=False)


@st.composite
def intervals(draw: st.DrawFn) -> Interval:
    a, b = sorted((draw(finite), draw(finite)))
    lo = -INF if draw(st.integers(0, 9)) == 0 else a
    hi = INF if draw(st.integers(0, 9)) == 0 else b
    if lo == hi:
        return Interval.point(lo)
    lo_closed = draw(st.booleans()) and math.isfinite(lo)
    hi_closed = draw(st.booleans()) and math.isfinite(hi)
    soft = None
    if draw(st.booleans()) and math.isfinite(lo):
        top = hi if math.isfinite(hi) else lo + 1e6
        soft = draw(st.floats(min_value=lo, max_value=top, allow_nan=False))
    return Interval(lo, hi, lo_closed, hi_closed, soft)


@st.composite
def interval_and_member(draw: st.DrawFn) -> tuple[Interval, Fraction]:
    """An interval and an exact number inside it."""
    interval = draw(intervals())
    lo = interval.lo if math.isfinite(interval.lo) else min(interval.hi, 0.0) - 1e6
    hi = interval.hi if math.isfinite(interval.hi) else max(interval.lo, 0.0) + 1e6
    t = Fraction(draw(st.integers(0, 1000)), 1000)
    x = Fraction(lo) + t * (Fraction(hi) - Fraction(lo))
    assume(interval.contains(x))
    return interval, x


@given(intervals())
def test_generated_intervals_are_well_formed(a: Interval) -> None:
    assert a.lo <= a.hi
    assert a.contains_interval(a) and a.overlaps(a)


@given(intervals())
def test_format_then_parse_round_trips(a: Interval) -> None:
    assert parse_interval(a.format()) == a


@given(intervals(), intervals())
def test_refinement_implies_overlap(a: Interval, b: Interval) -> None:
    if a.contains_interval(b):
        assert a.overlaps(b) and b.overlaps(a)
    assert a.overlaps(b) == b.overlaps(a)


@given(intervals(), intervals())
def test_intersection_lies_in_both(a: Interval, b: Interval) -> None:
    both = a.intersection(b)
    assert (both is not None) == a.overlaps(b)
    if both is not None:
        assert a.contains_interval(both) and b.contains_interval(both)


@given(interval_and_member(), interval_and_member())
def test_arithmetic_is_sound(left: tuple[Interval, Fraction], right: tuple[Interval, Fraction]) -> None:
    (a, x), (b, y) = left, right
    for result in (a + b, a - b, a * b):
        assert result.lo <= result.hi
    assert (a + b).contains(x + y)
    assert (a - b).contains(x - y)
    assert (a * b).contains(x * y)
    if not b.contains(0.0):
        assert (a / b).contains(x / y)


@given(interval_and_member())
def test_float_members_are_contained(pair: tuple[Interval, Fraction]) -> None:
    a, x = pair
    assert a.contains(float(x)) or float(x) in (a.lo, a.hi)  # only rounding onto an open end


def test_scale_down_divides_exactly_and_keeps_open_ends() -> None:
    more_than_72 = Interval(72, float("inf"), False, False, 73)
    assert more_than_72.scale_down(24).format() == "(3, ∞) soft_hi=3.0416666666666665"
    assert more_than_72.scale(1 / 24).format().startswith("[2.9999999999999996")  # why conversions divide
    assert Interval(90, 90).scale_down(60).format() == "1.5"


def test_a_unit_conversion_is_exact() -> None:
    from recon.model import Property
    from recon.normalize.claims import _quantity

    days = Property(id="duration", label="duration", kind="quantity", unit="day")
    assert _quantity("超过 72 小时", days).format() == "(3, ∞) soft_hi=3.0416666666666665 day"
    assert _quantity("36 小时", days).format() == "1.5 day"
