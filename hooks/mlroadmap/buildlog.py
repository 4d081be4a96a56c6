"""Collect the warnings a build logs, for programs that build with MkDocs' API (the CI summary)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from mlroadmap.problems import PROBLEM_ATTRIBUTE, Problem


class WarningCollector(logging.Handler):
    """A logging handler that keeps every warning (and error) it sees, and the problems they report.

    ``messages`` holds every formatted message; ``problems`` the :class:`Problem` records that
    ``log_problems`` attached; ``others`` the messages of warnings logged without one (MkDocs' own,
    a plugin's).
    """

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []
        self.problems: list[Problem] = []
        self.others: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        """Keep the record's formatted message, and its problem when it carries one."""
        message = record.getMessage()
        self.messages.append(message)
        problem = getattr(record, PROBLEM_ATTRIBUTE, None)
        if isinstance(problem, Problem):
            self.problems.append(problem)
        else:
            self.others.append(message)


@contextmanager
def collect_warnings(logger_name: str = "mkdocs") -> Iterator[WarningCollector]:
    """Collect the warnings logged under ``logger_name`` (MkDocs and its hooks) while in use."""
    collector = WarningCollector()
    logger = logging.getLogger(logger_name)
    logger.addHandler(collector)
    try:
        yield collector
    finally:
        logger.removeHandler(collector)
