"""Collect the warnings a build logs, for scripts and tests that build with MkDocs' API."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager


class WarningCollector(logging.Handler):
    """A logging handler that keeps the message of every warning (and error) it sees."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        """Keep the record's formatted message."""
        self.messages.append(record.getMessage())


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
