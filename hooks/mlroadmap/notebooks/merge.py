"""Merge notebook caches: what shards of a cold build executed, into the cache the build reads.

An entry is found by jupyter-cache's hash of the code cells, the kernel and the fingerprint (see
:class:`~mlroadmap.notebooks.cache.NotebookCache`), never by path or machine, so an entry
executed by a shard is exactly the one the strict build looks up. Both caches the build keeps are
merged: the notebooks' (``executed`` under the cache root) and the topic pages' (under its
``pages`` folder), with the seconds each run took (``durations.json``), which order the next
build and which ``roadmap.json`` reports for pages taken from the cache.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from jupyter_cache.base import CacheBundleIn

from mlroadmap.notebooks.cache import NotebookCache, open_cache
from mlroadmap.notebooks.pipeline import DURATIONS, EXECUTED_FOLDER, load_durations, save_durations
from mlroadmap.notebooks.settings import EXERCISES_FOLDER, PAGES_FOLDER

CACHE_FOLDERS = (".", PAGES_FOLDER, EXERCISES_FOLDER)  # the notebooks' cache root; pages' and exercises' inside it


@dataclass(frozen=True)
class MergeReport:
    """How many entries were copied, and how many the target already had."""

    copied: int = 0
    present: int = 0


def cache_keys(root: Path) -> frozenset[str]:
    """The hash of every entry under a cache root, notebooks' and pages' alike."""
    return frozenset(
        record.hashkey
        for folder in CACHE_FOLDERS
        if (root / folder / EXECUTED_FOLDER).is_dir()
        for record in open_cache(root / folder / EXECUTED_FOLDER).list_cache_records()
    )


def merge_caches(target: Path, sources: Sequence[Path], exclude: Collection[str] = ()) -> MergeReport:
    """Copy into ``target`` every entry of ``sources`` it lacks, except those hashed in ``exclude``.

    Timings follow the entries copied: a page's seconds come from the source that executed it.
    """
    copied = present = 0
    for folder in CACHE_FOLDERS:
        into = open_cache(target / folder / EXECUTED_FOLDER)
        known = {record.hashkey for record in into.list_cache_records()}
        durations = load_durations(target / folder / DURATIONS)
        for source in sources:
            if not (source / folder / EXECUTED_FOLDER).is_dir():
                continue
            cache = open_cache(source / folder / EXECUTED_FOLDER)
            timings = load_durations(source / folder / DURATIONS)
            for record in cache.list_cache_records():
                if record.hashkey in exclude:
                    continue
                if record.hashkey in known:
                    present += 1
                    continue
                _copy_entry(cache, record.pk, into)
                known.add(record.hashkey)
                copied += 1
                if record.uri in timings:
                    durations[record.uri] = timings[record.uri]
        if durations:
            save_durations(target / folder / DURATIONS, durations)
    return MergeReport(copied, present)


def _copy_entry(source: NotebookCache, pk: int, target: NotebookCache) -> None:
    bundle = source.get_cache_bundle(pk)
    target.cache_notebook_bundle(
        CacheBundleIn(bundle.nb, bundle.record.uri, artifacts=bundle.artifacts, data=bundle.record.data or {}),
        check_validity=False,
        overwrite=True,
    )
