"""What a notebook's outputs depend on, besides its code cells and kernel.

jupyter-cache already hashes the code cells and the kernelspec. This adds the environment the
notebook actually uses (Python, and the versions of the distributions it imports, of everything
they require, and of the kernel) and any data file it declares in ``metadata.mlroadmap.data``,
as notebook metadata that the cache key includes. Upgrading torch re-runs the torch notebooks;
installing a linter re-runs none.

Reading every installed distribution's metadata takes seconds, so :func:`installed_environment`
keeps what it read in a JSON file (and in memory, for the life of the process) under a stamp of
the ``*.dist-info`` and ``*.egg-info`` entries on ``sys.path``: their names, which carry the
versions, and their modification times. Installing, upgrading or removing a package changes the
stamp, and the environment is read again.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import platform
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import nbformat
from packaging.requirements import InvalidRequirement, Requirement

FINGERPRINT_KEY = "mlroadmap_inputs"
"""Notebook metadata key under which the fingerprint is stored (and hashed)."""


METADATA_SUFFIXES = (".dist-info", ".egg-info")
METADATA_FILES = ("METADATA", "PKG-INFO")

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
        """Read the environment this interpreter runs in (slow: :func:`installed_environment` caches it)."""
        versions: dict[str, str] = {}
        requires: dict[str, tuple[str, ...]] = {}
        for dist in metadata.distributions():
            name = normalise(dist.metadata["Name"] or "")
            versions[name] = dist.version
            requires[name] = tuple(_required_names(dist.requires or []))
        providers = {
            module: tuple(normalise(d) for d in dists) for module, dists in metadata.packages_distributions().items()
        }
        return cls(versions, requires, providers)

    def to_json(self) -> str:
        """The environment as JSON, to keep between builds."""
        return json.dumps({"versions": self.versions, "requires": self.requires, "providers": self.providers})

    @classmethod
    def from_json(cls, text: str) -> InstalledEnvironment:
        """The environment :meth:`to_json` wrote; raises ValueError (or KeyError) on other text."""
        data = json.loads(text)
        return cls(
            {str(k): str(v) for k, v in data["versions"].items()},
            {str(k): tuple(v) for k, v in data["requires"].items()},
            {str(k): tuple(v) for k, v in data["providers"].items()},
        )

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


_read_environments: dict[str, InstalledEnvironment] = {}
"""Environments read in this process, by installed stamp (a stamp always names one environment)."""


def installed_stamp(search_path: Sequence[str]) -> str:
    """A hash of the distributions installed on ``search_path``: cheap, a directory listing each.

    It covers the Python version and, in path order, each ``*.dist-info`` or ``*.egg-info``
    entry's folder, name and the modification times of the entry and of its metadata file. Path
    entries without any (the script's folder, the working folder) do not count.
    """
    lines = [sys.version]
    for folder in search_path:
        try:
            entries = sorted(os.scandir(folder or "."), key=lambda entry: entry.name)
        except OSError:
            continue
        lines += (_entry_line(entry) for entry in entries if entry.name.endswith(METADATA_SUFFIXES))
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def installed_environment(cache_file: Path) -> InstalledEnvironment:
    """The environment on ``sys.path``, read again only when its :func:`installed_stamp` changed.

    What was read is kept in memory and in ``cache_file``, under the stamp.
    """
    stamp = installed_stamp(sys.path)
    if (known := _read_environments.get(stamp)) is not None:
        return known
    environment = _load_environment(cache_file, stamp)
    if environment is None:
        environment = InstalledEnvironment.current()
        _save_environment(cache_file, stamp, environment)
    _read_environments.clear()  # one environment at a time: the one installed now
    _read_environments[stamp] = environment
    return environment


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


def _required_names(requirements: Iterable[str]) -> Iterable[str]:
    for text in requirements:
        try:
            requirement = Requirement(text)
        except InvalidRequirement:
            continue
        if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
            yield normalise(requirement.name)


def _entry_line(entry: os.DirEntry[str]) -> str:
    path = Path(entry.path)
    return " ".join([entry.path, *(_mtime(p) for p in (path, *(path / name for name in METADATA_FILES)))])


def _mtime(path: Path) -> str:
    try:
        return str(path.stat().st_mtime_ns)
    except OSError:
        return "-"


def _load_environment(cache_file: Path, stamp: str) -> InstalledEnvironment | None:
    try:
        stamped, _, body = cache_file.read_text(encoding="utf-8").partition("\n")
        return InstalledEnvironment.from_json(body) if stamped == stamp else None
    except (OSError, ValueError, KeyError, AttributeError):
        return None


def _save_environment(cache_file: Path, stamp: str, environment: InstalledEnvironment) -> None:
    cache_file.parent.mkdir(parents=True, exist_ok=True)
    partial = cache_file.with_name(f"{cache_file.name}.{os.getpid()}.tmp")
    partial.write_text(stamp + "\n" + environment.to_json(), encoding="utf-8")
    partial.replace(cache_file)  # atomic: a build reading it meanwhile sees the old or the new file
