"""Executed notebooks stored with jupyter-cache, keyed on code cells, kernel and fingerprint."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import nbformat
from jupyter_cache.base import CacheBundleIn
from jupyter_cache.cache.main import JupyterCacheBase

from mlroadmap.notebooks.fingerprint import FINGERPRINT_KEY


class NotebookCache(JupyterCacheBase):  # type: ignore[misc]
    """jupyter-cache whose key also covers the environment and declared data files.

    jupyter-cache hashes code cells (here: their source and tags, so a ``raises-exception`` tag
    counts) and the kernelspec; Markdown cells never count. The hash also includes the
    ``mlroadmap_inputs`` metadata that :func:`~mlroadmap.notebooks.fingerprint.with_fingerprint`
    adds.
    """

    def create_hashed_notebook(
        self,
        nb: nbformat.NotebookNode,
        nb_metadata: Iterable[str] | None = ("kernelspec", FINGERPRINT_KEY),
        cell_metadata: Iterable[str] | None = ("tags",),
    ) -> tuple[nbformat.NotebookNode, str]:
        """Hash the code cells, the kernelspec and the fingerprint."""
        hashed: tuple[nbformat.NotebookNode, str] = super().create_hashed_notebook(nb, nb_metadata, cell_metadata)
        return hashed

    def lookup(self, stamped: nbformat.NotebookNode) -> nbformat.NotebookNode | None:
        """The notebook with cached outputs merged in (its own Markdown cells kept), or None."""
        try:
            merged: nbformat.NotebookNode
            _, merged = self.merge_match_into_notebook(stamped)
        except KeyError:
            return None
        return merged

    def store(self, executed: nbformat.NotebookNode, uri: str) -> None:
        """Remember an executed notebook, replacing an older run of the same code."""
        self.cache_notebook_bundle(CacheBundleIn(executed, uri), check_validity=False, overwrite=True)


def open_cache(root: Path) -> NotebookCache:
    """The notebook cache stored under ``root`` (created on first use)."""
    root.mkdir(parents=True, exist_ok=True)
    return NotebookCache(str(root))
