"""Benchmark the live preview (``./run serve``) against the commit before it, in one run.

For the work tree ("after") and for a baseline commit ("before", extracted with ``git archive``),
each in a temporary folder with a copy of the project's caches (so no notebook executes):

- a warm full build: ``mkdocs build --strict`` after a first build that warms the caches;
- the preview latency of a prose edit (a sentence added to a topic page) and of a notebook
  Markdown-cell edit: seconds from writing the file to the served page containing the new text,
  median and spread of five edits each, with the server started as that commit's ``./run serve``
  starts it, on a free loopback port (stopped at the end).

Targets: a prose edit at most 2 s, a notebook Markdown-cell edit at most 3 s.

    python scripts/bench_preview.py [--baseline-ref REF] [--edits N] [--keep]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parent.parent
BASELINE_REF = "0a13cdff8b86e563c43d8dbf0af18b088881f01e"  # the commit the preview work started from
BEFORE_SERVE = ("serve", "--strict")  # ./run serve at BASELINE_REF
AFTER_SERVE = ("serve", "--dirty", "--no-strict")  # ./run serve now
SKIPPED = (".git", ".venv", ".cache", "site", "node_modules", "__pycache__", ".pytest_cache", ".mypy_cache")
CACHES = ("notebooks", "mkdocs-jupyter")
PROSE_PAGE = ("docs/core-ml/k-means.md", "core-ml/k-means/")
NOTEBOOK_PAGE = ("docs/notebooks/gradient-descent.ipynb", "notebooks/gradient-descent/")
SERVING_RE = re.compile(r"Serving on (http://\S+)")
START_WAIT = 900.0  # seconds for the first build (a cold one executes notebooks)
EDIT_WAIT = 120.0  # seconds for one edit to show before giving up
TARGETS = {"prose": 2.0, "notebook": 3.0}


@dataclass
class Figures:
    """What was measured on one tree."""

    label: str
    build: float = 0.0
    latencies: dict[str, list[float]] = field(default_factory=dict)


def copy_work_tree(target: Path) -> None:
    """The work tree without its environment, caches and build output."""
    shutil.copytree(REPO, target, ignore=shutil.ignore_patterns(*SKIPPED), dirs_exist_ok=True)


def extract_ref(ref: str, target: Path) -> None:
    """The files of commit ``ref``, without touching the repository's work trees."""
    target.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(REPO), "archive", ref], capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)


def prepare(tree: Path) -> None:
    """Link the shared environment and copy the project's caches into the tree.

    The notebook cache is copied from ``ROADMAP_NOTEBOOK_CACHE`` when it is set, as the builds use it.
    """
    (tree / ".venv").symlink_to((REPO / ".venv").resolve())
    for name in CACHES:
        source = REPO / ".cache" / name
        if name == "notebooks" and os.environ.get("ROADMAP_NOTEBOOK_CACHE"):
            source = Path(os.environ["ROADMAP_NOTEBOOK_CACHE"])
        if source.is_dir():
            shutil.copytree(source, tree / ".cache" / name)


def environment() -> dict[str, str]:
    """The environment the builds and servers run in: each tree uses its own caches."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ROADMAP_")}
    return {**env, "NO_MKDOCS_2_WARNING": "1"}


def timed_build(tree: Path) -> float:
    """Seconds of one strict build of the tree."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(tree / "site")],
        cwd=tree,
        env=environment(),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"build failed in {tree}:\n{result.stderr[-3000:]}")
    return time.perf_counter() - started


def free_port() -> int:
    """A loopback port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Server:
    """``mkdocs serve`` with the given arguments, on a free loopback port, and what it printed."""

    def __init__(self, tree: Path, arguments: Sequence[str]) -> None:
        command = [sys.executable, "-m", "mkdocs", *arguments, "--dev-addr", f"127.0.0.1:{free_port()}"]
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            command, cwd=tree, env=environment(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def url(self) -> str:
        """The served site's address, once the first build has finished."""
        deadline = time.monotonic() + START_WAIT
        while time.monotonic() < deadline and self.process.poll() is None:
            for line in self.lines:
                if match := SERVING_RE.search(line):
                    return match.group(1)
            time.sleep(0.5)
        raise SystemExit("the server did not start:\n" + "\n".join(self.lines[-40:]))

    def stop(self) -> None:
        """Stop the server and wait for it."""
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=30)


def fetch(url: str) -> str:
    """The page at ``url``, or "" while it cannot be fetched."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def latency(write: Callable[[str], None], url: str, marker: str) -> float:
    """Seconds from writing an edit that adds ``marker`` to the page at ``url`` showing it."""
    started = time.perf_counter()
    write(marker)
    while time.perf_counter() - started < EDIT_WAIT:
        if marker in fetch(url):
            return time.perf_counter() - started
        time.sleep(0.05)
    raise SystemExit(f"{url} did not show the edit within {EDIT_WAIT:.0f} s")


def prose_writer(path: Path) -> Callable[[str], None]:
    """Write the page with a sentence (the marker) added after its first heading."""
    original = path.read_text(encoding="utf-8")

    def write(marker: str) -> None:
        path.write_text(re.sub(r"(\n## [^\n]*\n)", rf"\1\n{marker}\n", original, count=1), encoding="utf-8")

    return write


def notebook_writer(path: Path) -> Callable[[str], None]:
    """Write the notebook with the marker appended to its first Markdown cell."""
    original = nbformat.read(path, as_version=4)

    def write(marker: str) -> None:
        notebook = nbformat.from_dict(original)
        cell = next(c for c in notebook.cells if c.cell_type == "markdown")
        cell.source += f"\n\n{marker}"
        nbformat.write(notebook, path)

    return write


def measure(label: str, tree: Path, serve: Sequence[str], edits: int) -> Figures:
    """The warm build and the preview latencies of one tree."""
    figures = Figures(label)
    print(f"{label}: warming the caches with a first build...", flush=True)
    timed_build(tree)
    figures.build = timed_build(tree)
    print(f"{label}: warm full build {figures.build:.1f} s; starting mkdocs {' '.join(serve)}...", flush=True)
    server = Server(tree, serve)
    try:
        base = server.url()
        for kind, (source, page) in (("prose", PROSE_PAGE), ("notebook", NOTEBOOK_PAGE)):
            path = tree / source
            write = prose_writer(path) if kind == "prose" else notebook_writer(path)
            fetch(base + page)
            samples = []
            for n in range(edits):
                time.sleep(1.0)  # let the server settle between edits
                samples.append(latency(write, base + page, f"Benchmark edit {kind} {n} {time.time_ns()}"))
            figures.latencies[kind] = samples
            print(f"{label}: {kind} edits {' '.join(f'{s:.2f}' for s in samples)} s", flush=True)
    finally:
        server.stop()
    return figures


def spread(samples: Sequence[float]) -> str:
    """Median and range, e.g. ``1.10 s [0.80-1.90]``."""
    return f"{statistics.median(samples):.2f} s [{min(samples):.2f}-{max(samples):.2f}]"


def table(before: Figures, after: Figures, edits: int) -> str:
    """Before and after, side by side, with the targets."""
    rows = [
        ("warm full build (mkdocs build --strict)", f"{before.build:.1f} s", f"{after.build:.1f} s", "unchanged"),
        *(
            (
                f"{kind} edit -> page served, median [range] of {edits}",
                spread(before.latencies[kind]),
                spread(after.latencies[kind]),
                f"<= {TARGETS[kind]:g} s",
            )
            for kind in ("prose", "notebook")
        ),
    ]
    header = ("", before.label, after.label, "target")
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(4)]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) for row in (header, *rows)
    )


def load_average() -> str:
    """The machine's load average over 1, 5 and 15 minutes: other work skews the figures."""
    return ", ".join(f"{x:.1f}" for x in os.getloadavg())


def main(argv: Sequence[str]) -> int:
    """Measure both trees and print the table; exit 1 when the after figures miss a target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline-ref", default=BASELINE_REF, help="commit measured as 'before'")
    parser.add_argument("--baseline-serve", default=" ".join(BEFORE_SERVE), help="its mkdocs serve arguments")
    parser.add_argument("--edits", type=int, default=5, help="edits of each kind (default 5)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    options = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bench-preview-"))
    started_load = load_average()
    try:
        extract_ref(options.baseline_ref, work / "before")
        copy_work_tree(work / "after")
        for tree in (work / "before", work / "after"):
            prepare(tree)
        ref = options.baseline_ref[:7]
        before = measure(f"before ({ref})", work / "before", options.baseline_serve.split(), options.edits)
        after = measure("after (work tree)", work / "after", AFTER_SERVE, options.edits)
    finally:
        if options.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    loads = f"load average (1, 5, 15 min) {started_load} at the start, {load_average()} at the end"
    print(f"\n{os.cpu_count()} cores; {loads}\n")
    print(table(before, after, options.edits))
    missed = [k for k, t in TARGETS.items() if statistics.median(after.latencies[k]) > t]
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
