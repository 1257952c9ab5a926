"""Marzullo's algorithm against brute force: at every point of every best interval the overlap
weight is the maximum any point reaches."""

import itertools
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from caravan_claims.reconcile import Interval, marzullo

BOUNDS = st.integers(min_value=0, max_value=20).map(float)


@st.composite
def intervals(draw):
    low = draw(BOUNDS)
    high = draw(st.one_of(BOUNDS.map(lambda v: v + low), st.just(math.inf)))
    return Interval(
        low,
        high,
        draw(st.booleans()) and low < high,
        math.isinf(high) or (draw(st.booleans()) and low < high),
    )


def weight_at(point: float, items: list[Interval], weights: list[float]) -> float:
    return sum(w for i, w in zip(items, weights, strict=True) if i.contains(point))


def probe_points(items: list[Interval]) -> list[float]:
    """Every endpoint and every midpoint between neighbouring endpoints."""
    ends = sorted({v for i in items for v in (i.low, i.high) if math.isfinite(v)})
    return ends + [(a + b) / 2 for a, b in itertools.pairwise(ends)] + [ends[-1] + 1 if ends else 0]


@settings(max_examples=400, deadline=None)
@given(items=st.lists(intervals(), min_size=1, max_size=7), data=st.data())
def test_best_interval_reaches_the_maximum_overlap(items, data):
    weights = data.draw(
        st.lists(st.sampled_from([0.5, 1.0]), min_size=len(items), max_size=len(items))
    )
    result = marzullo(items, weights)
    best = max(weight_at(p, items, weights) for p in probe_points(items))
    assert math.isclose(result.weight, best)
    for interval, members in zip(result.intervals, result.members, strict=True):
        inside = (
            (interval.low + min(interval.high, interval.low + 1)) / 2
            if interval.low < interval.high
            else interval.low
        )
        assert interval.contains(inside)
        assert math.isclose(weight_at(inside, items, weights), best)
        assert all(items[i].contains(inside) for i in members)
