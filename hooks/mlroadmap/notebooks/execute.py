"""Execute notebooks in parallel with nbclient: a timeout per cell, a deadline per notebook.

The pipeline for a set of notebooks is ``plan`` (which need running, from the cache), ``run``
(execute the misses concurrently, one kernel per notebook, as many at once as there are cores)
and the results, one :class:`NotebookRun` per notebook, that say what happened and where.
"""

from __future__ import annotations

import asyncio
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import nbformat
from jupyter_client.kernelspec import KernelSpec
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

ANSI_RE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
TRACEBACK_LINES = 8
ECHO_HEADER = "An error occurred while executing the following cell:"
ECHO_RULE = "\n------------------\n"
DEFAULT_CELL_TIMEOUT = 120
DEFAULT_DEADLINE = 600
# One thread per kernel: notebooks run side by side, so BLAS and torch must not each take every core.
KERNEL_ENVIRONMENT = {
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "PYTHONHASHSEED": "0",
    "MPLBACKEND": "module://matplotlib_inline.backend_inline",
}


@dataclass(frozen=True)
class NotebookJob:
    """A notebook to execute: its docs-relative path and its (fingerprinted) content."""

    src: str
    notebook: nbformat.NotebookNode


@dataclass(frozen=True)
class NotebookRun:
    """What happened to one notebook in a build."""

    src: str
    status: str  # "cached", "executed", "failed", "timeout"
    seconds: float = 0.0
    cell: int | None = None  # 1-based position of the failing cell among all cells
    error: str = ""
    traceback: tuple[str, ...] = ()
    notebook: nbformat.NotebookNode | None = field(default=None, compare=False, repr=False)

    @property
    def ok(self) -> bool:
        """Whether the notebook has outputs to show (cached or freshly executed)."""
        return self.status in {"cached", "executed"}

    @property
    def cache(self) -> str:
        """``hit`` when the outputs came from the cache, ``miss`` otherwise."""
        return "hit" if self.status == "cached" else "miss"


class CurrentPythonKernelManager(AsyncKernelManager):
    """A kernel manager whose kernel is always this interpreter's ipykernel.

    A kernelspec named ``python3`` installed elsewhere (``~/.local/share/jupyter``) could point at
    another environment; this makes the build's kernel the build's Python, whatever is installed.
    """

    @property
    def kernel_spec(self) -> KernelSpec:
        """An ipykernel spec for ``sys.executable``."""
        return KernelSpec(
            argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            display_name="Python 3",
            language="python",
        )


def run(
    jobs: Sequence[NotebookJob],
    workers: int = 0,
    cell_timeout: int = DEFAULT_CELL_TIMEOUT,
    deadline: float = DEFAULT_DEADLINE,
    on_done: Callable[[NotebookRun], None] | None = None,
) -> list[NotebookRun]:
    """Execute notebooks concurrently (``workers`` at once, default: the number of cores).

    ``on_done`` is called with each notebook's run as soon as it finishes (for progress lines).
    """
    if not jobs:
        return []
    runs = _run_all(jobs, workers or os.cpu_count() or 1, cell_timeout, deadline, on_done)
    if not _loop_running():
        return asyncio.run(runs)
    # Built from code that already runs an event loop in this thread (a notebook, Playwright's sync
    # API, an async server): give the runs a loop of their own, in a thread of their own.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="notebooks") as pool:
        return pool.submit(asyncio.run, runs).result()


def _loop_running() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


async def _run_all(
    jobs: Sequence[NotebookJob],
    workers: int,
    cell_timeout: int,
    deadline: float,
    on_done: Callable[[NotebookRun], None] | None,
) -> list[NotebookRun]:
    slots = asyncio.Semaphore(workers)

    async def one(job: NotebookJob) -> NotebookRun:
        async with slots:
            outcome = await execute_one(job, cell_timeout, deadline)
        if on_done is not None:
            on_done(outcome)
        return outcome

    return list(await asyncio.gather(*(one(job) for job in jobs)))


async def execute_one(job: NotebookJob, cell_timeout: int, deadline: float) -> NotebookRun:
    """Execute one notebook in a fresh kernel, in a temporary working directory."""
    notebook = nbformat.from_dict(job.notebook)
    started = time.monotonic()
    current_cell: list[int] = [0]
    with tempfile.TemporaryDirectory(prefix="mlroadmap-nb-") as workdir:
        client = NotebookClient(
            notebook,
            timeout=cell_timeout,
            allow_errors=False,
            kernel_manager_class=CurrentPythonKernelManager,
            shutdown_kernel="immediate",
            record_timing=False,
            extra_arguments=["--IPKernelApp.log_level=ERROR"],  # no start-up chatter in the build log
            resources={"metadata": {"path": workdir}},
            on_cell_start=lambda cell, cell_index: current_cell.__setitem__(0, cell_index),
        )
        environment = {**os.environ, **KERNEL_ENVIRONMENT}
        try:
            await asyncio.wait_for(client.async_execute(env=environment, cwd=workdir), timeout=deadline)
        except CellTimeoutError:
            return _failure(
                job, "timeout", started, current_cell[0], f"a cell ran longer than the {cell_timeout} s cell timeout"
            )
        except (TimeoutError, DeadKernelError, CellExecutionError) as error:
            # Cancelling at the deadline kills the kernel, so it may surface as a dead kernel.
            if time.monotonic() - started >= deadline:
                return _failure(
                    job,
                    "timeout",
                    started,
                    current_cell[0],
                    f"the notebook ran longer than its {deadline:g} s deadline",
                )
            if isinstance(error, CellExecutionError):
                return _failure(
                    job, "failed", started, current_cell[0], f"{error.ename}: {error.evalue}", error.traceback
                )
            return _failure(job, "failed", started, current_cell[0], f"the kernel died: {error}")
    return NotebookRun(job.src, "executed", time.monotonic() - started, notebook=notebook)


def _failure(
    job: NotebookJob, status: str, started: float, cell_index: int, error: str, traceback: Any = ""
) -> NotebookRun:
    text = ANSI_RE.sub("", str(traceback or ""))
    if text.startswith(ECHO_HEADER):  # nbclient repeats the cell's source first: keep the traceback
        text = text.split(ECHO_RULE, 2)[-1]
    lines = [line for line in text.splitlines() if line.strip()]
    return NotebookRun(
        job.src,
        status,
        time.monotonic() - started,
        cell=cell_index + 1,
        error=error,
        traceback=tuple(lines[:TRACEBACK_LINES]),
    )
