"""A fixed set of character ranges that answers "is this range covered?" in log time.

A long digest holds thousands of mentions; checking each candidate against every range
already taken made recognition quadratic in the length of the text.

>>> taken = Intervals([(0, 5), (10, 20)])
>>> taken.covers(11, 14), taken.covers(4, 7)
(True, False)
>>> taken.overlaps(4, 7), taken.overlaps(5, 10)
(True, False)
>>> taken.holds(19), taken.holds(20)
(True, False)
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from itertools import accumulate


class Intervals:
    """Half-open ranges [start, end), sorted once; queries use the largest end so far."""

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        pairs = sorted((int(start), int(end)) for start, end in ranges)
        self._starts = [start for start, _ in pairs]
        # _reach[i]: the furthest end among the first i + 1 ranges (by start)
        self._reach = list(accumulate((end for _, end in pairs), max))

    def _furthest(self, count: int) -> int:
        """The furthest end among the first `count` ranges (-1 when there are none)."""
        return self._reach[count - 1] if count else -1

    def covers(self, start: int, end: int) -> bool:
        """Some range holds all of [start, end)."""
        return self._furthest(bisect_right(self._starts, start)) >= end

    def overlaps(self, start: int, end: int) -> bool:
        """Some range shares a character with [start, end)."""
        return self._furthest(bisect_left(self._starts, end)) > start

    def holds(self, at: int) -> bool:
        """Some range holds the offset `at`."""
        return self._furthest(bisect_right(self._starts, at)) > at
