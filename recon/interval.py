"""A numeric interval with open or closed ends, for quantities stated loosely.

News copy rarely gives an exact figure: "近500" is [450, 500), "超过700" is
(700, ∞), "710多" is (710, 720).  `Interval` keeps those meanings precise so
that later stages can ask the two questions reconciliation needs:

* ``a.overlaps(b)``: could both statements be true at once?
* ``a.contains_interval(b)``: is ``b`` a refinement of ``a``?

Ends are floats; ``math.inf`` / ``-math.inf`` stand for unbounded ends, which
are always open.  ``soft_hi`` is an optional *ranking* hint for open-ended
phrases ("超过700" most likely means 700-800); it never changes membership.

Arithmetic is set arithmetic: ``A + B`` is the smallest interval holding every
``a + b``.  Open and closed ends are tracked exactly, with ``0 · ∞ = 0`` at
unbounded ends.  Endpoints that are not exactly representable as floats are
rounded *outward* (and closed), so results always enclose the exact answer;
738 / 770 is therefore a one-ulp-wide closed interval, not a point.  Division
by an interval containing 0 raises ZeroDivisionError.  Results carry no
``soft_hi`` except through `Interval.scale`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Iterable

__all__ = ["Interval", "IntervalError", "format_number", "parse_interval", "parse_number"]

INF = math.inf
_INF_TEXT = "∞"


class IntervalError(ValueError):
    """An interval that cannot exist, or text that is not a formatted interval."""


@dataclass(frozen=True, slots=True, init=False)
class Interval:
    """A set of reals between ``lo`` and ``hi``; see the module docstring."""

    lo: float
    hi: float
    lo_closed: bool = True
    hi_closed: bool = True
    soft_hi: float | None = None

    def __init__(
        self, lo: float, hi: float, lo_closed: bool = True, hi_closed: bool = True, soft_hi: float | None = None
    ) -> None:
        # Written out rather than generated, and stored through the slots, because
        # parsers build one per number they read: this is twice as fast as the
        # frozen dataclass __init__ with a __post_init__.
        if type(lo) is not float or type(hi) is not float:
            lo, hi = float(lo), float(hi)
        if not lo <= hi:  # also catches NaN
            raise IntervalError(f"empty interval: lo {lo!r} > hi {hi!r} (or NaN)")
        if lo == hi and not (lo_closed and hi_closed):
            raise IntervalError(f"empty interval: a point {lo!r} must be closed at both ends")
        if (lo == -INF and lo_closed) or (hi == INF and hi_closed) or lo == INF:
            raise IntervalError("an infinite end is never reached, so it must be open")
        if soft_hi is not None:
            soft_hi = float(soft_hi)
            if not (math.isfinite(soft_hi) and lo <= soft_hi <= hi):
                raise IntervalError(f"soft_hi {soft_hi!r} must be finite and within [lo, hi]")
        _set_lo(self, lo)
        _set_hi(self, hi)
        _set_lo_closed(self, lo_closed)
        _set_hi_closed(self, hi_closed)
        _set_soft_hi(self, soft_hi)

    # -- construction -------------------------------------------------------

    @classmethod
    def _trusted(
        cls, lo: float, hi: float, lo_closed: bool = True, hi_closed: bool = True, soft_hi: float | None = None
    ) -> Interval:
        """Build without the checks, for ends a parser made valid itself (float
        ends, a non-empty set, infinite ends open, a float soft_hi within them)."""
        self = _new(cls)
        _set_lo(self, lo)
        _set_hi(self, hi)
        _set_lo_closed(self, lo_closed)
        _set_hi_closed(self, hi_closed)
        _set_soft_hi(self, soft_hi)
        return self

    @classmethod
    def point(cls, x: float) -> Interval:
        """The closed one-point interval [x, x]."""
        return cls(x, x, True, True)

    # -- shape ----------------------------------------------------------------

    @property
    def width(self) -> float:
        return self.hi - self.lo

    @property
    def is_point(self) -> bool:
        return self.lo == self.hi

    @property
    def midpoint(self) -> float:
        """(lo + hi) / 2; infinite when an end is unbounded (NaN if both are)."""
        return self.lo / 2 + self.hi / 2

    @property
    def best_estimate(self) -> float:
        """The most likely single value, for ranking only.

        The midpoint of [lo, soft_hi or hi].  With one unbounded end and no
        soft bound, the finite end; with both ends unbounded, 0.0.
        """
        hi = self.soft_hi if self.soft_hi is not None else self.hi
        if math.isinf(self.lo) and math.isinf(hi):
            return 0.0
        if math.isinf(hi):
            return self.lo
        if math.isinf(self.lo):
            return hi
        return self.lo / 2 + hi / 2

    # -- membership -----------------------------------------------------------

    def contains(self, x: float | Fraction) -> bool:
        """Whether the number ``x`` lies in the interval (exact for Fractions)."""
        above = x > self.lo or (self.lo_closed and x == self.lo)
        below = x < self.hi or (self.hi_closed and x == self.hi)
        return bool(above and below)

    def contains_interval(self, other: Interval) -> bool:
        """Whether ``other`` lies wholly inside ``self`` (``other`` refines ``self``)."""
        lo_ok = self.lo < other.lo or (
            self.lo == other.lo and (self.lo_closed or not other.lo_closed)
        )
        hi_ok = other.hi < self.hi or (
            self.hi == other.hi and (self.hi_closed or not other.hi_closed)
        )
        return lo_ok and hi_ok

    def overlaps(self, other: Interval) -> bool:
        """Whether some number lies in both; [450, 500) and (500, 600) do not overlap."""
        lo, lo_closed = _tighter_lo(self, other)
        hi, hi_closed = _tighter_hi(self, other)
        return lo < hi or (lo == hi and lo_closed and hi_closed)

    def intersection(self, other: Interval) -> Interval | None:
        """The common part, or None when the two are disjoint."""
        lo, lo_closed = _tighter_lo(self, other)
        hi, hi_closed = _tighter_hi(self, other)
        if lo > hi or (lo == hi and not (lo_closed and hi_closed)):
            return None
        softs = [s for s in (self.soft_hi, other.soft_hi) if s is not None]
        soft = min(softs) if softs else None
        if soft is not None and not (lo <= soft < hi):
            soft = None
        return Interval(lo, hi, lo_closed, hi_closed, soft)

    # -- arithmetic -----------------------------------------------------------

    def __neg__(self) -> Interval:
        return Interval(-self.hi, -self.lo, self.hi_closed, self.lo_closed)

    def __add__(self, other: Interval | float) -> Interval:
        b = _as_interval(other)
        lo, lo_exact = _add_end(self.lo, b.lo, down=True)
        hi, hi_exact = _add_end(self.hi, b.hi, down=False)
        lo_closed = (self.lo_closed and b.lo_closed) or not lo_exact
        hi_closed = (self.hi_closed and b.hi_closed) or not hi_exact
        return _make(lo, hi, lo_closed, hi_closed)

    def __sub__(self, other: Interval | float) -> Interval:
        return self + (-_as_interval(other))

    def __mul__(self, other: Interval | float) -> Interval:
        b = _as_interval(other)
        zero_inside = self.contains(0.0) or b.contains(0.0)
        return _from_candidates(_product_candidates(self, b), zero_inside)

    def __truediv__(self, other: Interval | float) -> Interval:
        """Set quotient; raises ZeroDivisionError when ``other`` contains 0.

        An *open* end at 0 is allowed: [1, 2] / (0, 1] = [1, ∞).
        """
        b = _as_interval(other)
        if b.contains(0.0):
            raise ZeroDivisionError(f"divisor {b.format()} contains 0")
        return _from_candidates(_quotient_candidates(self, b), self.contains(0.0))

    __radd__ = __add__
    __rmul__ = __mul__

    def scale(self, k: float) -> Interval:
        """Multiply by the constant ``k``; the soft bound scales along when k > 0."""
        result = self * k
        if self.soft_hi is not None and k > 0 and not result.is_point:
            soft = self.soft_hi * k
            if result.lo <= soft <= result.hi:
                return Interval(result.lo, result.hi, result.lo_closed, result.hi_closed, soft)
        return result

    def scale_down(self, d: float) -> Interval:
        """Divide by the positive constant ``d``, exactly where the quotient is a float (72 / 24 = 3,
        where 72 × (1/24) is not); the soft bound scales along."""
        if d == 1:
            return self
        result = self / d
        if self.soft_hi is not None and not result.is_point:
            soft = self.soft_hi / d
            if result.lo <= soft <= result.hi:
                return Interval(result.lo, result.hi, result.lo_closed, result.hi_closed, soft)
        return result

    # -- text -----------------------------------------------------------------

    def format(self) -> str:
        """Canonical text: ``738``, ``[450, 500)``, ``(700, ∞) soft_hi=800``."""
        if self.is_point:
            text = format_number(self.lo)
        else:
            left = "[" if self.lo_closed else "("
            right = "]" if self.hi_closed else ")"
            text = f"{left}{format_number(self.lo)}, {format_number(self.hi)}{right}"
        if self.soft_hi is not None:
            text += f" soft_hi={format_number(self.soft_hi)}"
        return text

    def __str__(self) -> str:
        return self.format()


# -- helpers: ends and arithmetic -------------------------------------------


_new = object.__new__
# The slots' own setters, which a frozen dataclass's __setattr__ does not guard.
_set_lo, _set_hi, _set_lo_closed, _set_hi_closed, _set_soft_hi = (
    getattr(Interval, name).__set__ for name in ("lo", "hi", "lo_closed", "hi_closed", "soft_hi")
)


def _tighter_lo(a: Interval, b: Interval) -> tuple[float, bool]:
    if a.lo != b.lo:
        return (a.lo, a.lo_closed) if a.lo > b.lo else (b.lo, b.lo_closed)
    return a.lo, a.lo_closed and b.lo_closed


def _tighter_hi(a: Interval, b: Interval) -> tuple[float, bool]:
    if a.hi != b.hi:
        return (a.hi, a.hi_closed) if a.hi < b.hi else (b.hi, b.hi_closed)
    return a.hi, a.hi_closed and b.hi_closed


def _as_interval(x: Interval | float) -> Interval:
    return x if isinstance(x, Interval) else Interval.point(x)


def _make(lo: float, hi: float, lo_closed: bool, hi_closed: bool) -> Interval:
    """Build a result, keeping infinite ends open and single points closed."""
    if math.isinf(lo):
        lo_closed = False
    if math.isinf(hi):
        hi_closed = False
    if lo == hi:
        lo_closed = hi_closed = True
    return Interval(lo, hi, lo_closed, hi_closed)


def _round(exact: Fraction, down: bool) -> tuple[float, bool]:
    """The float nearest ``exact`` in the given direction, and whether it is exact."""
    try:
        value = float(exact)
    except OverflowError:
        value = INF if exact > 0 else -INF
    if value == exact:
        return value, True
    if down and value > exact:
        value = math.nextafter(value, -INF)
    elif not down and value < exact:
        value = math.nextafter(value, INF)
    return value, False


def _add_end(x: float, y: float, down: bool) -> tuple[float, bool]:
    if math.isinf(x) or math.isinf(y):
        return x + y, True
    return _round(Fraction(x) + Fraction(y), down)


# A candidate extreme of a product or quotient: (exact value or None for an
# infinite one, sign of that infinity, whether both factors are attained).
_Candidate = tuple[Fraction | None, float, bool]


def _times(x: float, y: float, attained: bool) -> _Candidate:
    """x · y with 0 · ∞ = 0 (an unbounded factor against a zero end)."""
    if x == 0.0 or y == 0.0:
        return Fraction(0), 0.0, attained
    if math.isinf(x) or math.isinf(y):
        return None, math.copysign(1.0, x) * math.copysign(1.0, y), False
    return Fraction(x) * Fraction(y), 0.0, attained


def _product_candidates(a: Interval, b: Interval) -> list[_Candidate]:
    ends_a = ((a.lo, a.lo_closed), (a.hi, a.hi_closed))
    ends_b = ((b.lo, b.lo_closed), (b.hi, b.hi_closed))
    return [_times(x, y, cx and cy) for x, cx in ends_a for y, cy in ends_b]


def _quotient_candidates(a: Interval, b: Interval) -> list[_Candidate]:
    """Candidates for a / b, via 1/b: 1/±∞ = 0 and 1/(open 0) = ±∞ on b's side."""
    side = 1.0 if b.lo >= 0.0 else -1.0
    out: list[_Candidate] = []
    for x, cx in ((a.lo, a.lo_closed), (a.hi, a.hi_closed)):
        for y, cy in ((b.lo, b.lo_closed), (b.hi, b.hi_closed)):
            if math.isinf(y):
                out.append((Fraction(0), 0.0, False))
            elif y == 0.0:
                out.append(_times(x, side * INF, False))
            elif math.isinf(x):
                out.append((None, math.copysign(1.0, x) * math.copysign(1.0, y), False))
            else:
                out.append((Fraction(x) / Fraction(y), 0.0, cx and cy))
    return out


def _extreme(cands: Iterable[_Candidate], down: bool, zero_inside: bool) -> tuple[float, bool]:
    """The lowest (down) or highest candidate, rounded outward, and whether it is closed."""
    best: tuple[float, bool] | None = None
    for exact, inf_sign, attained in cands:
        if exact is None:
            value, closed = inf_sign * INF, False
        else:
            value, is_exact = _round(exact, down)
            closed = (attained and is_exact) or not is_exact
            closed = closed or (exact == 0 and zero_inside)
        better = best is None or (value < best[0] if down else value > best[0])
        if better:
            best = (value, closed)
        elif best is not None and value == best[0] and closed:
            best = (value, True)
    assert best is not None
    return best


def _from_candidates(cands: list[_Candidate], zero_inside: bool) -> Interval:
    lo, lo_closed = _extreme(cands, True, zero_inside)
    hi, hi_closed = _extreme(cands, False, zero_inside)
    return _make(lo, hi, lo_closed, hi_closed)


# -- text: numbers and intervals --------------------------------------------

_PLAIN_RANGE = (1e-4, 1e6)


def format_number(x: float) -> str:
    """Shortest text that round-trips: ``738``, ``0.958``, ``2.7e10``, ``∞``."""
    if math.isinf(x):
        return _INF_TEXT if x > 0 else "-" + _INF_TEXT
    if x == 0:
        return "0"
    sign, digits, exponent = Decimal(repr(x)).normalize().as_tuple()
    assert isinstance(exponent, int)
    mantissa = "".join(map(str, digits))
    prefix = "-" if sign else ""
    if _PLAIN_RANGE[0] <= abs(x) < _PLAIN_RANGE[1]:
        return prefix + format(Decimal(repr(abs(x))).normalize(), "f")
    power = len(mantissa) - 1 + exponent
    body = mantissa[0] + ("." + mantissa[1:] if len(mantissa) > 1 else "")
    return f"{prefix}{body}e{power}"


_NUMBER = r"[+-]?(?:∞|inf|(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:e[+-]?[0-9]+)?)"
_INTERVAL_RE = re.compile(
    rf"\s*(?:(?P<point>{_NUMBER})"
    rf"|(?P<left>[\[(])\s*(?P<lo>{_NUMBER})\s*,\s*(?P<hi>{_NUMBER})\s*(?P<right>[\])]))"
    rf"(?:\s+soft_hi=(?P<soft>{_NUMBER}))?\s*",
    re.IGNORECASE,
)


def parse_number(text: str) -> float:
    """Inverse of `format_number`; also accepts ``inf`` and ``+∞``."""
    body = text.strip()
    if body.lstrip("+-").lower() in ("∞", "inf"):
        return -INF if body.startswith("-") else INF
    try:
        value = float(body)
    except ValueError:
        value = math.nan
    if math.isnan(value):
        raise IntervalError(f"not a number: {text!r}")
    return value


def parse_interval(text: str) -> Interval:
    """Inverse of `Interval.format`; raises `IntervalError` on anything else."""
    m = _INTERVAL_RE.fullmatch(text)
    if m is None:
        raise IntervalError(f"not an interval: {text!r} (expected e.g. '[450, 500)' or '738')")
    soft = parse_number(m["soft"]) if m["soft"] else None
    if m["point"] is not None:
        x = parse_number(m["point"])
        return Interval(x, x, True, True, soft)
    return Interval(
        parse_number(m["lo"]), parse_number(m["hi"]), m["left"] == "[", m["right"] == "]", soft
    )
