"""A located problem in a contributor's file, worded like MkDocs' own messages.

Every check in ``mlroadmap`` reports :class:`Problem` records. :func:`log_problems` logs each as
a warning whose text is ``docs/file:line: field: message (fix)`` and whose log record carries the
record itself (``record.problem``), so consumers (the CI summary, problems.json) read typed fields
instead of parsing message text.
"""

from __future__ import annotations

import logging
import posixpath
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

PROBLEM_ATTRIBUTE = "problem"
"""Name of the log record attribute that carries the :class:`Problem` a warning reports."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file: where it is, what is wrong and how to fix it.

    ``path`` is relative to the docs directory; ``line`` is 1-based and ``None`` when the
    problem belongs to the file as a whole; ``field`` names the front matter field
    (``resources[2].kind``) or notebook cell when there is one; ``kind`` says which check found
    it: ``encoding`` (the file is not UTF-8), ``front-matter``, ``body`` (a topic's sections),
    ``roadmap`` (what only the whole roadmap shows), ``notebook``, ``snippet``, ``link``;
    ``detail`` holds lines shown after the message and its fix (a failing cell's traceback).
    """

    path: str
    line: int | None
    message: str
    fix: str = ""
    field: str = ""
    kind: str = ""
    detail: str = ""

    @property
    def file(self) -> str:
        """The file as a contributor sees it from the repository root, e.g. ``docs/core-ml/svm.md``."""
        return posixpath.normpath(f"docs/{self.path}")  # a data file: ../data/x.json is data/x.json

    @property
    def location(self) -> str:
        """The file with its line, e.g. ``docs/core-ml/svm.md:14``."""
        return self.file + (f":{self.line}" if self.line else "")

    @property
    def text(self) -> str:
        """What is wrong and how to fix it, without the location: ``field: message (fix)``, then any detail."""
        what = f"{self.field}: {self.message}" if self.field else self.message
        return what + (f" ({self.fix})" if self.fix else "") + self.detail

    def __str__(self) -> str:
        """Format as ``docs/path.md:LINE: field: message (fix)``."""
        return f"{self.location}: {self.text}"

    def to_dict(self) -> dict[str, Any]:
        """The problem as JSON-ready data (for ``problems.json`` and the CI summary)."""
        return {"file": self.file, **asdict(self)}


def log_problems(log: logging.Logger, problems: Iterable[Problem]) -> None:
    """Log each problem as a warning, in file order, so ``--strict`` reports all of them in one run."""
    for problem in sorted(problems, key=_sort_key):
        log.warning(str(problem), extra={PROBLEM_ATTRIBUTE: problem})


def _sort_key(problem: Problem) -> tuple[str, int, str, str, str]:
    return (problem.path, problem.line or 0, problem.message, problem.fix, problem.field)
