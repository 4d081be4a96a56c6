"""The notebook pipeline: check, look up, execute what is stale, and render what passed.

``build_notebooks`` is the whole build step: it sets aside files that are not notebooks at all,
then ``execute_notebooks`` runs the rest. Neither raises for a contributor's mistake: every
problem (a stored output, a missing data file, a failing or hanging cell) comes back as a
:class:`~mlroadmap.problems.Problem`, and the notebooks that passed are still rendered.

Given a :class:`LookupMemo`, a build skips the lookup of every notebook whose inputs are as they
were when an earlier build of the same process found it in the cache: ``mkdocs serve`` rebuilds
then read each unchanged notebook's bytes and data files, and nothing else.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from mlroadmap.notebooks.cache import NotebookCache, open_cache
from mlroadmap.notebooks.diagnose import placeholder_notebook, unreadable_problem
from mlroadmap.notebooks.execute import NotebookJob, NotebookRun, run
from mlroadmap.notebooks.fingerprint import (
    FINGERPRINT_KEY,
    InstalledEnvironment,
    data_fingerprints,
    declared_data_files,
    imported_modules,
    installed_environment,
    with_fingerprint,
)
from mlroadmap.notebooks.progress import ExecutionProgress
from mlroadmap.notebooks.settings import NotebookSettings
from mlroadmap.problems import Problem

KIND = "notebook"
DURATIONS = "durations.json"
EXECUTED_FOLDER = "executed"  # where a cache root keeps the executed notebooks (jupyter-cache)
CLEAR_OUTPUTS = "clear them: jupyter nbconvert --clear-output --inplace {path}"


@dataclass(frozen=True)
class NotebookSource:
    """A notebook in the docs: its docs-relative path and its file on disk."""

    src: str
    path: Path


@dataclass(frozen=True)
class Stamp:
    """What a notebook's cache key is made from, besides the file: equal stamps, equal keys.

    The notebook file's bytes (its code cells and kernelspec among them), the fingerprint of the
    environment its imports run on, and the digest of each data file it declares.
    """

    digest: str  # sha256 of the notebook file
    modules: frozenset[str]
    environment: str
    data: tuple[tuple[str, str], ...]  # (declared file, sha256), in declaration order

    @classmethod
    def of(
        cls, path: Path, raw: bytes, modules: frozenset[str], data_files: Sequence[str], installed: InstalledEnvironment
    ) -> Stamp:
        """The stamp of the notebook ``raw`` read from ``path``; raises FileNotFoundError naming a missing data file."""
        data = data_fingerprints(path, data_files)
        return cls(hashlib.sha256(raw).hexdigest(), modules, installed.fingerprint(modules), tuple(data.items()))

    @property
    def data_files(self) -> list[str]:
        """The data files the notebook declares."""
        return [name for name, _ in self.data]


@dataclass(frozen=True)
class Prepared:
    """A notebook ready to look up: stamped with its fingerprint, and the problems of its file."""

    notebook: nbformat.NotebookNode
    stamp: Stamp
    problems: tuple[Problem, ...]


class LookupMemo:
    """The cache hits of this process, so a rebuild skips the lookups whose answer cannot change.

    A notebook found in the cache is remembered with its :class:`Stamp`: while its file, the
    environment its imports see and its data files stay the same, its stamped notebook, and so
    what a lookup finds, stay the same too, and :meth:`recall` gives the notebook found then. A
    changed code cell (or Markdown cell, or data file, or package) changes the stamp: the next
    build looks the notebook up again. Misses and failures are never remembered. The rendered
    copy written from a remembered notebook is not written again while the file is untouched.
    """

    def __init__(self) -> None:
        self._found: dict[Path, tuple[Prepared, nbformat.NotebookNode]] = {}
        self._written: dict[Path, tuple[nbformat.NotebookNode, tuple[int, int]]] = {}

    def recall(
        self, path: Path, raw: bytes, installed: InstalledEnvironment
    ) -> tuple[Prepared, nbformat.NotebookNode] | None:
        """The notebook a lookup found for ``path`` earlier, if its stamp has not changed since."""
        known = self._found.get(path)
        if known is None:
            return None
        stamp = known[0].stamp  # its modules and data files are the file's own while its digest holds
        try:
            current = Stamp.of(path, raw, stamp.modules, stamp.data_files, installed)
        except FileNotFoundError:
            return None
        return known if current == stamp else None

    def remember(self, path: Path, prepared: Prepared, found: nbformat.NotebookNode) -> None:
        """Keep what the lookup of the notebook at ``path`` found."""
        self._found[path] = (prepared, found)

    def write_rendered(self, path: Path, notebook: nbformat.NotebookNode) -> Path:
        """:func:`write_rendered`, skipped when ``path`` still holds what this notebook was rendered to."""
        known = self._written.get(path)
        if known is not None and known[0] is notebook and _file_state(path) == known[1]:
            return path
        write_rendered(path, notebook)
        if (state := _file_state(path)) is not None:
            self._written[path] = (notebook, state)
        return path


@dataclass
class PipelineResult:
    """Runs (one per notebook), the executed notebooks to render, and the problems found.

    ``rendered`` maps a notebook's docs path to its executed copy, which sits at the same
    relative path under ``rendered_root``.
    """

    rendered_root: Path
    runs: list[NotebookRun] = field(default_factory=list)
    rendered: dict[str, Path] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def build_notebooks(
    sources: Sequence[NotebookSource],
    settings: NotebookSettings,
    report: Callable[[str], None] | None = None,
    memo: LookupMemo | None = None,
) -> PipelineResult:
    """Execute the notebooks (:func:`execute_notebooks`); a placeholder for each one that cannot run.

    ``rendered`` then maps every notebook to render in place of its source: its executed copy, or
    for a file that could not be read or prepared, a placeholder that points at the build log
    (mkdocs-jupyter would crash on a file that is not a notebook). A notebook that ran and failed
    keeps its source, rendered as stored. ``report`` receives progress lines while notebooks run;
    ``memo`` keeps this process's cache hits between builds (:class:`LookupMemo`).
    """
    unreadable = [problem for source in sources if (problem := unreadable_problem(source.src, source.path))]
    skipped = {problem.path for problem in unreadable}
    result = execute_notebooks([source for source in sources if source.src not in skipped], settings, report, memo)
    result.problems[:0] = unreadable
    ran = {outcome.src for outcome in result.runs}
    for source in sources:
        if source.src not in result.rendered and source.src not in ran:
            path = write_rendered(result.rendered_root / source.src, placeholder_notebook())
            result.rendered[source.src] = path
    return result


def execute_notebooks(
    sources: Sequence[NotebookSource],
    settings: NotebookSettings,
    report: Callable[[str], None] | None = None,
    memo: LookupMemo | None = None,
) -> PipelineResult:
    """Execute the notebooks whose code, kernel, environment or data changed; reuse the rest.

    ``report`` receives a line before the first notebook runs and one as each finishes. With a
    ``memo``, a notebook it remembers with the same stamp is not looked up again (:class:`LookupMemo`).
    """
    cache_root = settings.cache_root
    memo = memo or LookupMemo()
    result = PipelineResult(rendered_root=cache_root / "rendered")
    installed = installed_environment(settings.environment_file)
    cache = open_cache(cache_root / EXECUTED_FOLDER)
    jobs: list[NotebookJob] = []
    for source in sources:
        found = _recall_or_look_up(source, installed, cache, memo, result.problems)
        if isinstance(found, NotebookJob):
            jobs.append(found)
        elif found is not None:
            result.runs.append(NotebookRun(source.src, "cached", notebook=found))
    cache.touch_read()  # before any new run is stored: storing evicts the least recently read
    durations = load_durations(cache_root / DURATIONS)
    ordered = longest_first(jobs, durations)
    progress = ExecutionProgress(
        {job.src: durations.get(job.src, estimate_seconds(job.notebook)) for job in ordered},
        settings.workers or os.cpu_count() or 1,
    )
    if jobs and report is not None:
        report(progress.start())

    def finished(outcome: NotebookRun) -> None:
        if report is not None:
            report(progress.finished(outcome))

    for outcome in run(ordered, settings.workers, settings.cell_timeout, settings.deadline, finished):
        if outcome.ok and outcome.notebook is not None:
            cache.store(outcome.notebook, outcome.src)
            durations[outcome.src] = round(outcome.seconds, 2)
        result.runs.append(outcome)
    if jobs:
        save_durations(cache_root / DURATIONS, durations)
    result.runs.sort(key=lambda r: r.src)
    for outcome in result.runs:
        if outcome.ok and outcome.notebook is not None:
            result.rendered[outcome.src] = memo.write_rendered(result.rendered_root / outcome.src, outcome.notebook)
        else:
            result.problems.append(failure_problem(outcome))
    return result


def longest_first(jobs: Sequence[NotebookJob], durations: dict[str, float]) -> list[NotebookJob]:
    """Start the notebooks expected to take longest first, so no long one starts last.

    Expected time is the last measured one, or a rough estimate for a notebook never run here.
    """
    return sorted(jobs, key=lambda job: -durations.get(job.src, estimate_seconds(job.notebook)))


def estimate_seconds(notebook: nbformat.NotebookNode) -> float:
    """A rough guess of a notebook's run time from its code: deep learning is slow to start."""
    code = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "code")
    return (8.0 if "torch" in code else 2.0) + len(code) / 2000


def load_durations(path: Path) -> dict[str, float]:
    """Seconds each notebook took when last executed here (empty when unknown or unreadable)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): float(v) for k, v in data.items()} if isinstance(data, dict) else {}


def save_durations(path: Path, durations: dict[str, float]) -> None:
    """Remember execution times for the next build's ordering."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(dict(sorted(durations.items())), indent=1) + "\n", encoding="utf-8")


def stored_output_problems(src: str, notebook: nbformat.NotebookNode) -> list[Problem]:
    """Code cells committed with outputs or execution counts: notebooks are stored clean."""
    dirty = [
        index + 1
        for index, cell in enumerate(notebook.cells)
        if cell.cell_type == "code" and (cell.get("outputs") or cell.get("execution_count") is not None)
    ]
    if not dirty:
        return []
    cells = ", ".join(str(n) for n in dirty[:10]) + (" ..." if len(dirty) > 10 else "")
    return [
        Problem(
            src,
            None,
            f"cell(s) {cells} were committed with outputs; "
            "notebooks are stored without them and executed at build time",
            CLEAR_OUTPUTS.format(path=f"docs/{src}"),
            kind=KIND,
        )
    ]


def failure_problem(outcome: NotebookRun) -> Problem:
    """A failed or timed-out run as a problem naming the notebook, the cell and the error."""
    fix = "fix the cell, or tag it 'raises-exception' if the error is the lesson"
    if outcome.status == "timeout":
        fix = "make the cell faster (less data, fewer epochs) or split the work"
    trace = "".join(f"\n    {line}" for line in outcome.traceback)
    return Problem(outcome.src, None, outcome.error, fix, f"cell {outcome.cell}", KIND, trace)


def write_rendered(path: Path, notebook: nbformat.NotebookNode) -> Path:
    """Write the executed notebook for the renderer, only when its content changed."""
    clean = nbformat.from_dict(notebook)
    clean.metadata.pop(FINGERPRINT_KEY, None)
    text = nbformat.writes(clean)
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return path


def _recall_or_look_up(
    source: NotebookSource,
    installed: InstalledEnvironment,
    cache: NotebookCache,
    memo: LookupMemo,
    problems: list[Problem],
) -> nbformat.NotebookNode | NotebookJob | None:
    """The notebook with its cached outputs, or the job that executes it (None: it cannot run).

    The file's problems go to ``problems``.
    """
    try:
        raw = source.path.read_bytes()
    except OSError as error:
        problems.append(_unreadable(source, error))
        return None
    if (known := memo.recall(source.path, raw, installed)) is not None:
        remembered, found = known
        problems.extend(remembered.problems)
        return found
    prepared = _prepare(source, raw, installed, problems)
    if prepared is None:
        return None
    merged = cache.lookup(prepared.notebook)
    if merged is None:
        return NotebookJob(source.src, prepared.notebook)
    memo.remember(source.path, prepared, merged)
    return merged


def _prepare(
    source: NotebookSource, raw: bytes, installed: InstalledEnvironment, problems: list[Problem]
) -> Prepared | None:
    try:
        notebook = nbformat.reads(raw.decode("utf-8"), as_version=4)
    except Exception as error:  # nbformat raises several unrelated types for unreadable files
        problems.append(_unreadable(source, error))
        return None
    stored = stored_output_problems(source.src, notebook)
    problems.extend(stored)
    modules = frozenset(imported_modules(notebook))
    try:
        stamp = Stamp.of(source.path, raw, modules, declared_data_files(notebook), installed)
    except FileNotFoundError as missing:
        problems.append(
            Problem(
                source.src,
                None,
                f"declares data file '{missing}' that does not exist",
                "add the file beside the notebook or fix metadata.mlroadmap.data",
                "metadata.mlroadmap.data",
                KIND,
            )
        )
        return None
    stamped = with_fingerprint(notebook, stamp.environment, dict(stamp.data))
    return Prepared(stamped, stamp, tuple(stored))


def _unreadable(source: NotebookSource, error: Exception) -> Problem:
    fix = "open it in Jupyter and save it again"
    return Problem(source.src, None, f"is not a readable notebook: {error}", fix, kind=KIND)


def _file_state(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns
