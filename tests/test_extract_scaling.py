"""Extraction time grows linearly with the text: the time per character of a ~200 KB text is not
much more than that of a ~20 KB text of the same kind, for texts built to hit every place where
work could grow with the square of the size (one figure per two characters, one endless sentence,
quotation marks everywhere, many sentences, sources resolved across sentences, page furniture,
invisible characters).

The assertion is on the ratio of times per character measured in one run, not on a wall-clock
limit, so a slow or busy machine does not fail it. A run that is already past the ratio is cut
short, so a quadratic regression fails in seconds instead of hanging."""

from __future__ import annotations

import gc
import signal
import time

import pytest

from caravan_claims.extract import extract_text

SMALL, LARGE = 20_000, 200_000
MAX_RATIO = 3.0

KINDS = {
    "line of numbers": "5 ",
    "repeated figures": "5 migrants, ",
    "figures in curly quotes": "\u201c5\u201d ",
    "bare quotation marks": '"',
    "one sentence without a full stop": (
        "more than 3,000 migrants walked about 40 km - between 5 and 6 people; officials said "
    ),
    "many sentences and page furniture": (
        "About 7,000 migrants left Tapachula on Monday, officials said.\nShare 5 comments\n"
    ),
    "quotations, sources across sentences, invisible characters": (
        '"About 300," Sanchez said. He said 6\u200b000 more arrived in\u200e May.\x00 '
    ),
}
# One figure every few characters: the same per-character check on a tenth of the text.
DENSE = {"line of numbers", "figures in curly quotes"}


class _TooSlow(Exception):
    pass


def _raise_too_slow(*_: object) -> None:
    raise _TooSlow


def _seconds(text: str, limit: float | None = None) -> float:
    """Time to extract ``text``; raises _TooSlow past ``limit`` seconds (where signals allow)."""
    can_limit = limit is not None and hasattr(signal, "setitimer")
    if can_limit:
        previous = signal.signal(signal.SIGALRM, _raise_too_slow)
        signal.setitimer(signal.ITIMER_REAL, limit)
    gc.collect()
    gc.disable()  # the collector's pauses grow with the objects alive, not with this code
    started = time.perf_counter()
    try:
        extract_text(text, "scale")
        return time.perf_counter() - started
    finally:
        gc.enable()
        if can_limit:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


def _text(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


@pytest.mark.parametrize("kind", KINDS)
def test_time_per_character_does_not_grow_with_size(kind):
    unit = KINDS[kind]
    small_size, large_size = (SMALL // 2, LARGE // 2) if kind in DENSE else (SMALL, LARGE)
    small = max(_seconds(_text(unit, small_size)), 1e-3)  # below 1 ms the clock dominates
    limit = small * (large_size / small_size) * MAX_RATIO + 1  # past it the ratio is too high
    ratio = MAX_RATIO
    for _ in range(2):  # a second try when a busy machine slowed the first one down
        try:
            large = _seconds(_text(unit, large_size), limit)
        except _TooSlow:
            pytest.fail(f"{large_size} characters took over {limit:.1f}s ({small:.3f}s for "
                        f"{small_size})")  # fmt: skip
        ratio = min(ratio, (large / large_size) / (small / small_size))
        if ratio < MAX_RATIO:
            return
    pytest.fail(f"{small_size}: {small:.3f}s, {large_size}: {large:.3f}s, ratio {ratio:.2f}")


def test_the_numbers_of_a_line_without_breaks_do_not_each_read_the_line():
    """A number's line is judged (page furniture? the row of a table?) without reading the
    line once per number: in a text with no line breaks that grew with the square of its
    length (a 3 MB one-line page took twice as long as three 1 MB ones, a 10 MB one four
    times). 2,000 numbers are judged along a short line and along one a thousand times longer."""
    from caravan_claims.extract.assembly import _table_heading
    from caravan_claims.extract.rejections import JunkLines

    def seconds(length: int) -> float:
        text = _text("5 migrants, ", length)
        starts = range(0, length, length // 2_000)  # 2,000 numbers along the line
        started = time.perf_counter()
        junk = JunkLines(text)
        assert not any(junk.holds(start) for start in starts)
        assert not any(_table_heading(text, start, start + 1) for start in starts)
        return time.perf_counter() - started

    short = min(seconds(24_000) for _ in range(3))
    long = min(seconds(24_000_000) for _ in range(3))
    assert long < MAX_RATIO * short + 0.05, (short, long)
    assert _table_heading("Women  142\nMen  120\n", 18, 21) == ""  # a row, but no heading
