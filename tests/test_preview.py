"""The live preview (``./run serve``): a cached environment fingerprint, a quiet log, and a real
``mkdocs serve`` that shows an edit and the problems it brings, in the terminal and on the page."""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from conftest import REPO, SMALL_CONFIG, run_build, topic_page
from mlroadmap.notebooks import fingerprint, pipeline
from mlroadmap.notebooks.cache import NotebookCache, open_cache
from mlroadmap.notebooks.fingerprint import InstalledEnvironment, installed_environment
from mlroadmap.notebooks.pipeline import LookupMemo, NotebookSource, PipelineResult, execute_notebooks
from mlroadmap.notebooks.settings import NotebookSettings
from mlroadmap.preview import BANNER_CLASS

ROADMAP_HOOK = f"  - {REPO / 'hooks' / 'roadmap.py'}\n"
PREVIEW_HOOKS = ROADMAP_HOOK + f"  - {REPO / 'hooks' / 'preview.py'}\n"
SERVE_ARGS = ("serve", "--dirty", "--no-strict")  # as ./run serve starts mkdocs
SERVE_WAIT = 120.0  # seconds: generous, the machine may be busy; the loops stop as soon as they can


# ----------------------------------------------------------------------------------------------
# The environment fingerprint is read once and kept until the installed packages change
# ----------------------------------------------------------------------------------------------
@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the full reads of the installed environment (each ``InstalledEnvironment.current``)."""
    calls: list[int] = []
    read = InstalledEnvironment.current.__func__  # type: ignore[attr-defined]

    def counted(cls: type[InstalledEnvironment]) -> InstalledEnvironment:
        calls.append(1)
        result: InstalledEnvironment = read(cls)
        return result

    monkeypatch.setattr(InstalledEnvironment, "current", classmethod(counted))
    return calls


def new_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forget what this process read, as a later build in a new process would."""
    monkeypatch.setattr(fingerprint, "_read_environments", {})


def install(site_packages: Path, name: str, version: str) -> None:
    """Install a fake distribution: the metadata folder pip would write."""
    for old in site_packages.glob(f"{name}-*.dist-info"):
        (old / "METADATA").unlink()
        old.rmdir()
    folder = site_packages / f"{name}-{version}.dist-info"
    folder.mkdir()
    (folder / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n", encoding="utf-8")


def test_fingerprint_cache_is_reused_until_a_package_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reads: list[int]
) -> None:
    site_packages = tmp_path / "site-packages"
    site_packages.mkdir()
    monkeypatch.syspath_prepend(str(site_packages))  # what PYTHONPATH=site-packages does
    settings = NotebookSettings.from_env({"ROADMAP_NOTEBOOK_CACHE": str(tmp_path / "cache")}, tmp_path)
    new_process(monkeypatch)

    first = installed_environment(settings.environment_file)
    assert len(reads) == 1
    assert settings.environment_file.is_file()
    assert installed_environment(settings.environment_file) is first  # same process: kept in memory
    assert len(reads) == 1
    new_process(monkeypatch)
    assert installed_environment(settings.environment_file) == first  # next build: read from the file
    assert len(reads) == 1

    install(site_packages, "fake-package", "1.0")
    assert installed_environment(settings.environment_file).versions["fake-package"] == "1.0"
    assert len(reads) == 2

    install(site_packages, "fake-package", "2.0")
    new_process(monkeypatch)
    assert installed_environment(settings.environment_file).versions["fake-package"] == "2.0"
    assert len(reads) == 3

    metadata = site_packages / "fake-package-2.0.dist-info" / "METADATA"
    metadata.write_text("Metadata-Version: 2.1\nName: fake-package\nVersion: 2.0.post1\n", encoding="utf-8")
    later = metadata.stat().st_mtime_ns + 1_000_000_000
    os.utime(metadata, ns=(later, later))  # reinstalled in place, same folder name
    assert installed_environment(settings.environment_file).versions["fake-package"] == "2.0.post1"
    assert len(reads) == 4
    assert installed_environment(settings.environment_file).versions["fake-package"] == "2.0.post1"
    assert len(reads) == 4


# ----------------------------------------------------------------------------------------------
# A rebuild looks up only the notebooks whose inputs changed
# ----------------------------------------------------------------------------------------------
def test_lookup_memo_answers_as_a_lookup_until_the_inputs_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def pin(version: str) -> None:
        environment = InstalledEnvironment({"ipykernel": version}, {"ipykernel": ()}, {})
        monkeypatch.setattr(pipeline, "installed_environment", lambda cache_file: environment)

    lookups: list[str] = []
    look_up = NotebookCache.lookup

    def counted(cache: NotebookCache, stamped: nbformat.NotebookNode) -> nbformat.NotebookNode | None:
        lookups.append(stamped.cells[-1].source)
        return look_up(cache, stamped)

    monkeypatch.setattr(NotebookCache, "lookup", counted)
    pin("env-1")
    cache = tmp_path / "cache"
    settings = NotebookSettings.from_env({"ROADMAP_NOTEBOOK_CACHE": str(cache)}, tmp_path)
    path = tmp_path / "docs" / "notebooks" / "a.ipynb"
    path.parent.mkdir(parents=True)
    source = NotebookSource("notebooks/a.ipynb", path)

    def write(markdown: str, code: str) -> None:
        notebook = new_notebook(cells=[new_markdown_cell(markdown), new_code_cell(code)])
        notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbformat.write(notebook, path)

    def status(result: PipelineResult) -> str:
        [run] = result.runs
        return run.status

    def rendered(result: PipelineResult) -> str:
        return result.rendered[source.src].read_text(encoding="utf-8")

    memo = LookupMemo()
    write("# A", "print(6 * 7)")
    assert status(execute_notebooks([source], settings, memo=memo)) == "executed"  # a lookup that missed
    accessed = [record.accessed for record in open_cache(cache / "executed").list_cache_records()]
    looked_up = execute_notebooks([source], settings, memo=memo)
    assert (status(looked_up), len(lookups)) == ("cached", 2)
    # The read's access time is still recorded (eviction goes by it), in one commit for all reads.
    assert [record.accessed for record in open_cache(cache / "executed").list_cache_records()] > accessed

    # Nothing changed: the memo answers, without a lookup, what a lookup answers.
    recalled = execute_notebooks([source], settings, memo=memo)
    assert len(lookups) == 2
    fresh = execute_notebooks([source], settings)  # a new process: a real lookup
    assert len(lookups) == 3
    assert recalled.runs == fresh.runs == looked_up.runs
    assert recalled.runs[0].notebook == fresh.runs[0].notebook
    assert rendered(recalled) == rendered(fresh)
    assert "42" in rendered(recalled)

    # A deleted rendered copy is written again from the remembered notebook.
    recalled.rendered[source.src].unlink()
    assert rendered(execute_notebooks([source], settings, memo=memo)) == rendered(fresh)
    assert len(lookups) == 3

    # A Markdown edit is looked up again (a hit), and renders the new Markdown.
    write("# A, edited", "print(6 * 7)")
    edited = execute_notebooks([source], settings, memo=memo)
    assert (status(edited), len(lookups)) == ("cached", 4)
    assert "# A, edited" in rendered(edited)

    # A code cell edit, and a package upgrade, are misses: the notebook runs again.
    write("# A, edited", "print(6 * 8)")
    changed = execute_notebooks([source], settings, memo=memo)
    assert (status(changed), len(lookups)) == ("executed", 5)
    assert "48" in rendered(changed)
    assert status(execute_notebooks([source], settings, memo=memo)) == "cached"
    pin("env-2")
    assert status(execute_notebooks([source], settings, memo=memo)) == "executed"
    assert len(lookups) == 7


# ----------------------------------------------------------------------------------------------
# The build log is quiet unless asked
# ----------------------------------------------------------------------------------------------
NOTEBOOK_CONFIG = f"""
site_name: Notebook site
site_url: https://example.org/
strict: true
theme:
  name: material
  font: false
plugins:
  - mkdocs-jupyter:
      include: ["*.ipynb"]
      include_source: true
      cache_dir: .cache/mkdocs-jupyter
hooks:
  - {REPO / "hooks" / "notebooks.py"}
"""


@pytest.mark.parametrize(("verbose", "copied_lines"), [("", 0), ("1", 1)])
def test_renderer_lines_show_only_when_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, verbose: str, copied_lines: int
) -> None:
    (tmp_path / "docs" / "notebooks").mkdir(parents=True)
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    nbformat.write(new_notebook(cells=[new_markdown_cell("# A notebook")]), tmp_path / "docs" / "notebooks" / "a.ipynb")
    (tmp_path / "mkdocs.yml").write_text(NOTEBOOK_CONFIG, encoding="utf-8")
    monkeypatch.setenv("ROADMAP_NOTEBOOKS", "off")
    monkeypatch.setenv("ROADMAP_VERBOSE", verbose)
    monkeypatch.chdir(tmp_path)  # mkdocs-jupyter's cache_dir is relative to the working folder
    caplog.set_level(logging.INFO, logger="mkdocs")
    result = run_build(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert result.ok, result.warnings
    assert sum("Copied jupyter file" in record.getMessage() for record in caplog.records) == copied_lines


# ----------------------------------------------------------------------------------------------
# A real `mkdocs serve`, as ./run serve starts it
# ----------------------------------------------------------------------------------------------
class Server:
    """A ``mkdocs serve --dirty --no-strict`` subprocess on a free loopback port, and its log."""

    def __init__(self, config: Path) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{port}/"
        self.docs = config.parent / "docs"
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", *SERVE_ARGS, "-f", str(config), "--dev-addr", f"127.0.0.1:{port}"],
            cwd=config.parent,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    @property
    def log(self) -> str:
        """Everything the server printed so far."""
        return "\n".join(self.lines)

    def page(self, path: str) -> str:
        """The served page at ``path``, or "" while it cannot be fetched."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=10) as response:
                return str(response.read().decode("utf-8"))
        except OSError:
            return ""

    def wait_for(self, path: str, *texts: str) -> str:
        """Poll the page until it contains every text (bounded); return it."""
        deadline = time.monotonic() + SERVE_WAIT
        while time.monotonic() < deadline and self.process.poll() is None:
            html = self.page(path)
            if all(text in html for text in texts):
                return html
            time.sleep(0.2)
        pytest.fail(f"{path} never showed {texts}; server log:\n{self.log}")

    def wait_for_log(self, text: str) -> None:
        """Wait (bounded) until the server printed ``text``."""
        deadline = time.monotonic() + SERVE_WAIT
        while text not in self.log and time.monotonic() < deadline and self.process.poll() is None:
            time.sleep(0.2)
        assert text in self.log, self.log

    def stop(self) -> None:
        """Stop the server and wait for it."""
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=30)


@pytest.fixture
def served(small_site: Callable[..., Path]) -> Iterator[Server]:
    """The small site with the preview hook, served as ./run serve serves the real one."""
    config = small_site()
    config.write_text(SMALL_CONFIG.replace(ROADMAP_HOOK, PREVIEW_HOOKS), encoding="utf-8")
    server = Server(config)
    try:
        yield server
    finally:
        server.stop()


def test_serve_shows_a_prose_edit_and_the_problem_it_brings(served: Server) -> None:
    page = served.docs / "basics" / "alpha.md"
    served.wait_for("basics/alpha/", "Topic alpha")
    assert BANNER_CLASS not in served.page("basics/alpha/")

    source = topic_page("alpha", 1)
    page.write_text(source.replace("It matters.", "It matters, first edit."), encoding="utf-8")
    served.wait_for("basics/alpha/", "It matters, first edit.")

    broken = source.replace("level: beginner", "level: wizard").replace("It matters.", "It matters, second edit.")
    page.write_text(broken, encoding="utf-8")
    html = served.wait_for("basics/alpha/", "It matters, second edit.", BANNER_CLASS)
    assert "docs/basics/alpha.md:" in html
    assert "level" in html
    served.wait_for_log("Preview: 1 problem(s)")
    assert "docs/basics/alpha.md:8: level: 'wizard' is not allowed" in served.log
    assert "'dirty' build" not in served.log


def test_run_serve_starts_the_preview_this_file_tests() -> None:
    assert f'mkdocs" {" ".join(SERVE_ARGS)} ' in (REPO / "run").read_text(encoding="utf-8")


def test_full_build_stays_strict_with_the_preview_hook(small_site: Callable[..., Path], tmp_path: Path) -> None:
    config = small_site({"basics/alpha.md": topic_page("alpha", 1).replace("level: beginner", "level: wizard")})
    config.write_text(SMALL_CONFIG.replace(ROADMAP_HOOK, PREVIEW_HOOKS), encoding="utf-8")
    result = run_build(config, tmp_path / "site")
    assert not result.ok
    assert any("docs/basics/alpha.md:8: level: 'wizard'" in warning for warning in result.warnings)
    assert BANNER_CLASS not in result.html("basics/beta/")
