"""How the build executes notebooks, from the environment variables a contributor sets.

``ROADMAP_NOTEBOOKS=off`` skips execution (the renderer then shows the notebooks as stored);
``ROADMAP_NOTEBOOK_CACHE`` moves the cache folder (default ``.cache/notebooks`` beside
mkdocs.yml), which also keeps the installed environment the notebooks' fingerprints are computed
from; ``ROADMAP_NOTEBOOK_WORKERS`` sets how many notebooks run at once (default: one per
core); ``ROADMAP_CELL_TIMEOUT`` and ``ROADMAP_NOTEBOOK_DEADLINE`` set the time limits, in seconds,
of one cell and of one notebook.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from mlroadmap.notebooks.execute import DEFAULT_CELL_TIMEOUT, DEFAULT_DEADLINE

PAGES_FOLDER = "pages"
"""The folder of the notebook cache that holds the topic pages' own cache (``hooks/pages.py``)."""

EXERCISES_FOLDER = "exercises"
"""The folder of the notebook cache that holds the exercise verifications' cache (``hooks/exercises.py``)."""


@dataclass(frozen=True)
class NotebookSettings:
    """Whether notebooks run, where their cache lives, how many run at once, and the time limits."""

    cache_root: Path
    enabled: bool = True
    workers: int = 0  # 0: one per core
    cell_timeout: int = DEFAULT_CELL_TIMEOUT
    deadline: float = DEFAULT_DEADLINE

    @property
    def environment_file(self) -> Path:
        """Where the installed environment read for fingerprints is kept between builds."""
        return self.cache_root / "environment.json"

    def for_pages(self) -> NotebookSettings:
        """The same settings for the topic pages' blocks, cached in the ``pages`` folder of this cache."""
        return replace(self, cache_root=self.cache_root / PAGES_FOLDER)

    def for_exercises(self) -> NotebookSettings:
        """The same settings for verifying exercises, cached in the ``exercises`` folder of this cache."""
        return replace(self, cache_root=self.cache_root / EXERCISES_FOLDER)

    @classmethod
    def from_env(cls, environ: Mapping[str, str], project_dir: Path) -> NotebookSettings:
        """The settings the ``ROADMAP_NOTEBOOK*`` variables ask for; ``project_dir`` holds mkdocs.yml."""
        cache = environ.get("ROADMAP_NOTEBOOK_CACHE")
        return cls(
            cache_root=Path(cache) if cache else project_dir / ".cache" / "notebooks",
            enabled=environ.get("ROADMAP_NOTEBOOKS", "on") != "off",
            workers=int(environ.get("ROADMAP_NOTEBOOK_WORKERS", "0")),
            cell_timeout=int(environ.get("ROADMAP_CELL_TIMEOUT", str(DEFAULT_CELL_TIMEOUT))),
            deadline=float(environ.get("ROADMAP_NOTEBOOK_DEADLINE", str(DEFAULT_DEADLINE))),
        )
