"""Progress of a notebook execution, as lines for the build log: what runs, what is done, what is left."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from mlroadmap.notebooks.execute import NotebookRun


@dataclass
class ExecutionProgress:
    """The notebooks being executed, with the seconds each is expected to take, and those done."""

    expected: Mapping[str, float]
    workers: int
    done: list[str] = field(default_factory=list)

    def start(self) -> str:
        """What is about to run and roughly how long it takes."""
        count = len(self.expected)
        seconds = math.ceil(sum(self.expected.values()) / max(1, min(self.workers, count)))
        return (
            f"Executing {count} notebook(s) not in the cache (first run, or their code, data or "
            f"environment changed): about {seconds} s with {self.workers} at a time"
        )

    def finished(self, run: NotebookRun) -> str:
        """Record a finished notebook; say how many are done and the longest one left."""
        self.done.append(run.src)
        line = f"Executing notebooks: {len(self.done)}/{len(self.expected)} done ({run.src}: {run.status})"
        left = [src for src in self.expected if src not in self.done]
        if left:
            longest = max(left, key=lambda src: self.expected[src])
            line += f", longest left: {longest} (about {math.ceil(self.expected[longest])} s)"
        return line
