"""What a notebook's outputs depend on, besides its code cells and kernel.

jupyter-cache already hashes the code cells and the kernelspec. This adds the environment
(Python and every installed distribution's version) and any data file the notebook declares in
``metadata.mlroadmap.data``, as notebook metadata that the cache key includes.
"""

from __future__ import annotations

import hashlib
import platform
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

import nbformat

FINGERPRINT_KEY = "mlroadmap_inputs"
"""Notebook metadata key under which the fingerprint is stored (and hashed)."""


def environment_fingerprint(distributions: Iterable[tuple[str, str]] | None = None) -> str:
    """A short hash of the Python version and installed distributions (name and version)."""
    pairs = distributions if distributions is not None else _installed()
    text = platform.python_version() + "\n" + "\n".join(f"{name}=={version}" for name, version in sorted(set(pairs)))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def declared_data_files(notebook: nbformat.NotebookNode) -> list[str]:
    """Data files a notebook declares it reads, relative to its own folder."""
    declared = notebook.metadata.get("mlroadmap", {}).get("data", [])
    return [str(path) for path in declared] if isinstance(declared, list) else []


def data_fingerprints(notebook_path: Path, files: Iterable[str]) -> dict[str, str]:
    """The sha256 of each declared data file; raises FileNotFoundError naming a missing one."""
    result: dict[str, str] = {}
    for name in files:
        path = notebook_path.parent / name
        if not path.is_file():
            raise FileNotFoundError(name)
        result[name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return result


def with_fingerprint(notebook: nbformat.NotebookNode, environment: str, data: dict[str, str]) -> nbformat.NotebookNode:
    """A copy of the notebook with the fingerprint in its metadata, ready to hash."""
    stamped = nbformat.from_dict(notebook)
    stamped.metadata[FINGERPRINT_KEY] = {"environment": environment, "data": dict(sorted(data.items()))}
    return stamped


def _installed() -> list[tuple[str, str]]:
    return [(dist.metadata["Name"] or "", dist.version) for dist in metadata.distributions()]
