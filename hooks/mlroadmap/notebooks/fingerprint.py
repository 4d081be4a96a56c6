"""What a notebook's outputs depend on, besides its code cells and kernel.

jupyter-cache already hashes the code cells and the kernelspec. This adds the environment the
notebook actually uses (Python, and the versions of the distributions it imports, of everything
they require, and of the kernel) and any data file it declares in ``metadata.mlroadmap.data``,
as notebook metadata that the cache key includes. Upgrading torch re-runs the torch notebooks;
installing a linter re-runs none.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import platform
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import nbformat
from packaging.requirements import InvalidRequirement, Requirement

FINGERPRINT_KEY = "mlroadmap_inputs"
"""Notebook metadata key under which the fingerprint is stored (and hashed)."""


KERNEL_DISTRIBUTIONS = ("ipykernel",)
"""Distributions every notebook depends on, whatever it imports: the kernel and its closure."""
EVERYTHING = "*"


def environment_fingerprint(distributions: Iterable[tuple[str, str]]) -> str:
    """A short hash of the Python version and the given distributions (name and version)."""
    text = (
        platform.python_version()
        + "\n"
        + "\n".join(f"{name}=={version}" for name, version in sorted(set(distributions)))
    )
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def normalise(name: str) -> str:
    """A distribution name as packaging compares them: lower case, runs of -_. as one '-'."""
    return re.sub(r"[-_.]+", "-", name).lower()


@dataclass(frozen=True)
class InstalledEnvironment:
    """The installed distributions: versions, what each requires, and which provide each module."""

    versions: dict[str, str]
    requires: dict[str, tuple[str, ...]]
    providers: dict[str, tuple[str, ...]]

    @classmethod
    def current(cls) -> InstalledEnvironment:
        """Read the environment this interpreter runs in (again only when a package folder changed)."""
        return _read_installed(_site_signature())

    def closure(self, names: Iterable[str]) -> set[str]:
        """The installed distributions named, and everything they require, recursively."""
        found: set[str] = set()
        pending = [normalise(n) for n in names]
        while pending:
            name = pending.pop()
            if name in found or name not in self.versions:
                continue
            found.add(name)
            pending.extend(self.requires.get(name, ()))
        return found

    def fingerprint(self, modules: Iterable[str]) -> str:
        """The fingerprint of what code importing ``modules`` runs on (all of it for ``*``)."""
        modules = set(modules)
        if EVERYTHING in modules:
            names = set(self.versions)
        else:
            roots = [d for module in modules for d in self.providers.get(module, ())]
            names = self.closure([*roots, *KERNEL_DISTRIBUTIONS])
        return environment_fingerprint((name, self.versions[name]) for name in names)


def imported_modules(notebook: nbformat.NotebookNode) -> set[str]:
    """Top-level modules the code cells import; ``{"*"}`` when the code cannot be parsed."""
    modules: set[str] = set()
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        source = "\n".join(line for line in cell.source.splitlines() if not line.lstrip().startswith(("%", "!")))
        try:
            tree = ast.parse(source)
        except SyntaxError:
            return {EVERYTHING}
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                modules.add(node.module.split(".")[0])
    return modules


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
    stamped: nbformat.NotebookNode = nbformat.from_dict(notebook)
    stamped.metadata[FINGERPRINT_KEY] = {"environment": environment, "data": dict(sorted(data.items()))}
    return stamped


def _site_signature() -> tuple[tuple[str, float], ...]:
    """The folders packages are imported from, with their modification times.

    Installing, upgrading or removing a package adds or removes a folder (its ``.dist-info``) in
    one of them, which changes that folder's modification time.
    """
    return tuple((path, Path(path).stat().st_mtime) for path in sys.path if path and Path(path).is_dir())


@functools.lru_cache(maxsize=2)
def _read_installed(signature: tuple[tuple[str, float], ...]) -> InstalledEnvironment:
    """The installed distributions, read once per ``signature`` (the notebook and page hooks share it)."""
    versions: dict[str, str] = {}
    requires: dict[str, tuple[str, ...]] = {}
    for dist in metadata.distributions():
        name = normalise(dist.metadata["Name"] or "")
        versions[name] = dist.version
        requires[name] = tuple(_required_names(dist.requires or []))
    providers = {
        module: tuple(normalise(d) for d in dists) for module, dists in metadata.packages_distributions().items()
    }
    return InstalledEnvironment(versions, requires, providers)


def _required_names(requirements: Iterable[str]) -> Iterable[str]:
    for text in requirements:
        try:
            requirement = Requirement(text)
        except InvalidRequirement:
            continue
        if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
            yield normalise(requirement.name)
