"""Executed notebooks stored with jupyter-cache, keyed on code cells, kernel and fingerprint."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import nbformat
from jupyter_cache.base import CacheBundleIn, CacheBundleOut
from jupyter_cache.cache.db import NbCacheRecord, datetime_utcnow, session_context
from jupyter_cache.cache.main import JupyterCacheBase, NbArtifacts

from mlroadmap.notebooks.fingerprint import FINGERPRINT_KEY


class NotebookCache(JupyterCacheBase):  # type: ignore[misc]
    """jupyter-cache whose key also covers the environment and declared data files.

    jupyter-cache hashes code cells (here: their source and tags, so a ``raises-exception`` tag
    counts) and the kernelspec; Markdown cells never count. The hash also includes the
    ``mlroadmap_inputs`` metadata that :func:`~mlroadmap.notebooks.fingerprint.with_fingerprint`
    adds.

    Reading a cached notebook does not write to the database: jupyter-cache would commit a new
    access time (which its eviction goes by) for every notebook it reads, one SQLite transaction
    each; :meth:`touch_read` commits them all at once.
    """

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self._read: set[int] = set()

    def create_hashed_notebook(
        self,
        nb: nbformat.NotebookNode,
        nb_metadata: Iterable[str] | None = ("kernelspec", FINGERPRINT_KEY),
        cell_metadata: Iterable[str] | None = ("tags",),
    ) -> tuple[nbformat.NotebookNode, str]:
        """Hash the code cells, the kernelspec and the fingerprint."""
        hashed: tuple[nbformat.NotebookNode, str] = super().create_hashed_notebook(nb, nb_metadata, cell_metadata)
        return hashed

    def get_cache_bundle(self, pk: int) -> CacheBundleOut:
        """The cached notebook of record ``pk``, as jupyter-cache reads it, but not yet touched.

        Its new access time is committed by :meth:`touch_read`, with those of the other reads.
        """
        record = NbCacheRecord.record_from_pk(pk, self.db)
        path = self._get_notebook_path_cache(record.hashkey)
        if not path.exists():
            raise KeyError(f"Notebook file does not exist for cache record PK: {pk}")
        self._read.add(pk)
        artifacts = self._get_artifact_path_cache(record.hashkey)
        return CacheBundleOut(
            nbformat.reads(path.read_text(encoding="utf8"), nbformat.NO_CONVERT),
            record=record,
            artifacts=NbArtifacts([p for p in artifacts.glob("**/*") if p.is_file()], in_folder=artifacts),
        )

    def touch_read(self) -> None:
        """Set the access time of every record read since the last call, in one transaction."""
        if not self._read:
            return
        with session_context(self.db) as session:
            records = session.query(NbCacheRecord).filter(NbCacheRecord.pk.in_(self._read))
            records.update({NbCacheRecord.accessed: datetime_utcnow()()}, synchronize_session=False)
            session.commit()
        self._read.clear()

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
