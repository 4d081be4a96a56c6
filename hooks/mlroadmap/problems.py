"""A located problem in a contributor's file, worded like MkDocs' own messages."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file: where it is, what is wrong and how to fix it.

    ``path`` is relative to the docs directory; ``line`` is 1-based and ``None`` when the
    problem belongs to the file as a whole; ``field`` names the front matter field
    (``resources[2].kind``) when there is one.
    """

    path: str
    line: int | None
    message: str
    fix: str = ""
    field: str = ""

    def __str__(self) -> str:
        """Format as ``docs/path.md:LINE: field: message (fix)``."""
        where = f"docs/{self.path}" + (f":{self.line}" if self.line else "")
        what = f"{self.field}: {self.message}" if self.field else self.message
        return f"{where}: {what}" + (f" ({self.fix})" if self.fix else "")


def log_problems(log: logging.Logger, problems: Iterable[Problem]) -> None:
    """Log each problem as a warning, in file order, so ``--strict`` reports all of them in one run."""
    for problem in sorted(problems):
        log.warning(str(problem))
