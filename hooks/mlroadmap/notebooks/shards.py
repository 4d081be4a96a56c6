"""Sharded cold builds: which of ``n`` shards executes which notebook or topic page.

When many pages need executing (a new environment, a cold cache), ``./run build --shard i/n`` on
``n`` machines each executes one share into its cache, ``./run merge-cache`` joins the caches, and
the strict build then executes nothing. The shards never talk to each other: each computes the
same :func:`assign` from the same inputs (every page and notebook of the docs, and the seconds
each took when last executed, read from the same starting cache), so together they cover every
page exactly once.

The assignment is by page, not by what is stale: a page's shard depends only on the docs and the
remembered timings, never on which pages another shard has already run.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Mapping
from dataclasses import dataclass

SHARD_RE = re.compile(r"(\d+)/(\d+)")


@dataclass(frozen=True)
class Shard:
    """Shard ``index`` of ``count`` (both from 1), as ``--shard 1/2`` writes it."""

    index: int
    count: int

    @classmethod
    def parse(cls, text: str) -> Shard:
        """``"i/n"`` as a shard; ValueError, saying what is expected, for anything else."""
        match = SHARD_RE.fullmatch(text.strip())
        if match is None or not 1 <= int(match.group(1)) <= int(match.group(2)):
            raise ValueError(f"'{text}' is not a shard: write i/n with 1 <= i <= n, e.g. 1/2")
        return cls(int(match.group(1)), int(match.group(2)))

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


def assign(expected: Mapping[str, float], count: int) -> dict[str, int]:
    """Each page's shard (1 to ``count``): the longest first, each to the least loaded shard.

    ``expected`` maps a page (its docs path) to the seconds it is expected to take. Ties are
    broken by path and by shard number, so the result does not depend on the mapping's order.
    """
    loads = [(0.0, shard) for shard in range(1, count + 1)]
    result: dict[str, int] = {}
    for src in sorted(expected, key=lambda src: (-expected[src], src)):
        load, shard = heapq.heappop(loads)
        result[src] = shard
        heapq.heappush(loads, (load + expected[src], shard))
    return result


def share(expected: Mapping[str, float], shard: Shard) -> set[str]:
    """The pages ``shard`` executes."""
    return {src for src, index in assign(expected, shard.count).items() if index == shard.index}


def loads(expected: Mapping[str, float], count: int) -> list[float]:
    """The expected seconds of each shard's share, shard 1 first."""
    totals = [0.0] * count
    for src, index in assign(expected, count).items():
        totals[index - 1] += expected[src]
    return totals
