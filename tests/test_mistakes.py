"""The mistake corpus: realistic contributor mistakes, each failing with one clear message.

Each folder of ``tests/mistakes/`` holds a ``case.yml`` (the mistake, the message expected, and
which check catches it) and the files that differ from the small valid site of ``conftest.py``,
under ``docs/``. A build case is built strictly, as ``./run build`` and CI build the real site,
with the Markdown extensions and notebook renderer of mkdocs.yml; it must fail with exactly one
warning that starts with the expected text, names the file (and line or field) and says how to
fix it, with no traceback and no site left behind; the roadmap's own checks must also log that
warning as a typed ``Problem`` at the file and line expected. The cases share one warm notebook
cache, so each costs one quick build. A pre-commit
case runs its hook's command, as ``.pre-commit-config.yaml`` declares it, on the fixture's files.
"""

from __future__ import annotations

import copy
import functools
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml
from mkdocs.utils.yaml import yaml_load

from conftest import REPO, load_script
from mlroadmap.body import missing_snippets
from mlroadmap.buildlog import collect_warnings
from mlroadmap.notebooks.fingerprint import InstalledEnvironment

MISTAKES = REPO / "tests" / "mistakes"
CASE_NAMES = sorted(path.parent.name for path in MISTAKES.glob("*/case.yml"))

# The real site's configuration, read with MkDocs' own YAML loader (it knows MkDocs' tags), so a
# case is built with the Markdown extensions and notebook renderer the site uses.
SITE_CONFIG: dict[str, Any] = yaml_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
NOTEBOOK_HOOK = "hooks/notebooks.py"
PAGES_HOOK = "hooks/pages.py"  # executes the Python blocks of topic pages
EXERCISES_HOOK = "hooks/exercises.py"  # checks each exercise on its solution and its starter
NOTEBOOK_RENDERER = "mkdocs-jupyter"


def site_markdown_extensions() -> list[Any]:
    """mkdocs.yml's ``markdown_extensions``, with snippet folders as absolute paths.

    pymdownx.snippets looks ``base_path`` up from the working directory, which is the repository
    when the site is built; a case's site lives in a temporary folder.
    """
    extensions: list[Any] = copy.deepcopy(SITE_CONFIG["markdown_extensions"])
    for extension in extensions:
        options = extension.get("pymdownx.snippets") if isinstance(extension, dict) else None
        if options is not None:
            bases = options.get("base_path", ["."])
            options["base_path"] = [str(REPO / base) for base in ([bases] if isinstance(bases, str) else bases)]
    return extensions


def site_plugin(name: str) -> dict[str, Any]:
    """A plugin's entry of mkdocs.yml's ``plugins:``, as ``{name: options}``."""
    entry = next(p for p in SITE_CONFIG["plugins"] if p == name or (isinstance(p, dict) and name in p))
    return copy.deepcopy(entry) if isinstance(entry, dict) else {name: {}}


def notebook_renderer(cache: Path) -> dict[str, Any]:
    """mkdocs.yml's notebook renderer (mkdocs-jupyter; hooks/notebooks.py executes), caching under ``cache``.

    It gets a cache folder of its own: it evicts the entries of notebooks not in the build it runs.
    """
    renderer = site_plugin(NOTEBOOK_RENDERER)
    renderer[NOTEBOOK_RENDERER]["cache_dir"] = str(cache)
    return renderer


# The notebook pipeline as mkdocs.yml configures it: the hooks execute notebooks and topic pages,
# mkdocs-jupyter renders (with a cache of its own: it evicts entries of notebooks not in the build
# it is running).
def notebook_plugins(cache: Path) -> str:
    """The ``plugins:`` block of a site with notebooks, caching under ``cache``."""
    return yaml.dump({"plugins": [notebook_renderer(cache)]}, Dumper=yaml.Dumper, sort_keys=False)


def site_hooks(*names: str) -> list[str]:
    """The named hooks of mkdocs.yml, in its order, as absolute paths."""
    assert set(names) <= set(SITE_CONFIG["hooks"]), names
    return [str(REPO / hook) for hook in SITE_CONFIG["hooks"] if hook in names]


@dataclass(frozen=True)
class WarmNotebooks:
    """Caches shared by every case of the corpus: executed notebooks, and mkdocs-jupyter's renders."""

    executed: Path
    rendered: Path


@pytest.fixture(scope="module")
def warm_notebooks(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WarmNotebooks]:
    """One warm notebook cache for the corpus, so a case with a notebook costs one quick build.

    The installed distributions (part of every notebook's cache key) are read once, not once a
    build: nothing is installed while the corpus runs.
    """
    read_once = functools.cache(InstalledEnvironment.current)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(InstalledEnvironment, "current", read_once)
        yield WarmNotebooks(tmp_path_factory.mktemp("notebook-cache"), tmp_path_factory.mktemp("jupyter-cache"))


@pytest.fixture
def notebook_settings(warm_notebooks: WarmNotebooks, monkeypatch: pytest.MonkeyPatch) -> WarmNotebooks:
    """The notebook hook's settings for a case: the shared cache, one worker."""
    monkeypatch.setenv("ROADMAP_NOTEBOOK_CACHE", str(warm_notebooks.executed))
    monkeypatch.setenv("ROADMAP_NOTEBOOK_WORKERS", "1")
    return warm_notebooks


# A clear message: "docs/<file>[:<line>]: [<field>: ]<what is wrong> (<how to fix>)" on its first
# line, or MkDocs' own link message, which names the file and the link.
OWN_FORMAT_RE = re.compile(r"^docs/[^\n]+?\.(md|ipynb)(:\d+)?: [^\n]+\([^\n]+\)$")
# Where a case's expected message (case.yml's ``expect``) says the problem is.
EXPECTED_LOCATION_RE = re.compile(r"^docs/(?P<path>[^:\n]+?\.(?:md|ipynb))(?::(?P<line>\d+))?: ")
MKDOCS_LINK_RE = re.compile(r"^Doc file '[^']+' contains an? [^\n]*link '[^']+'")


@dataclass(frozen=True)
class Case:
    """One mistake: what it is, the message expected, which check reports it, and its files."""

    name: str
    mistake: str
    expect: str
    check: str = "build"
    notebooks: bool = False

    @property
    def docs(self) -> Path:
        """The fixture's files, laid over the small site's docs/."""
        return MISTAKES / self.name / "docs"

    @property
    def data(self) -> Path:
        """The fixture's data files, if any, laid over the small site's data/."""
        return MISTAKES / self.name / "data"


def load_case(name: str) -> Case:
    """Read ``tests/mistakes/<name>/case.yml``."""
    data = yaml.safe_load((MISTAKES / name / "case.yml").read_text(encoding="utf-8"))
    return Case(name=name, **data)


def ci_summary() -> ModuleType:
    """``scripts/ci_summary.py``, which ``./run build`` and CI use to build the site."""
    return load_script("ci_summary")


def is_clear(message: str) -> bool:
    """Whether a message names its file and says what is wrong and how to fix it."""
    first_line = message.split("\n")[0]
    return bool(OWN_FORMAT_RE.match(first_line) or MKDOCS_LINK_RE.match(first_line))


def mistake_site(case: Case, small_site: Callable[..., Path], tmp_path: Path, notebooks: WarmNotebooks) -> Path:
    """The small valid site with the case's files laid over it; returns its mkdocs.yml.

    The site is built with mkdocs.yml's Markdown extensions and, for a notebook case, with its
    notebook hook and renderer.
    """
    config_file = small_site()
    shutil.copytree(case.docs, tmp_path / "docs", dirs_exist_ok=True)
    if case.data.is_dir():  # e.g. the released topic ids, data/released-ids.json
        shutil.copytree(case.data, tmp_path / "data", dirs_exist_ok=True)
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config["markdown_extensions"] = site_markdown_extensions()
    if case.notebooks:
        config["plugins"] = [notebook_renderer(notebooks.rendered)]
        config["hooks"] = site_hooks("hooks/roadmap.py", NOTEBOOK_HOOK, PAGES_HOOK, EXERCISES_HOOK)
    config_file.write_text(yaml.dump(config, Dumper=yaml.Dumper, sort_keys=False), encoding="utf-8")
    return config_file


def test_the_corpus_is_large_enough() -> None:
    cases = [load_case(name) for name in CASE_NAMES]
    assert len(cases) >= 25
    assert sum(case.check == "build" for case in cases) >= 25


def test_without_the_mistake_the_site_builds(
    small_site: Callable[..., Path], tmp_path: Path, notebook_settings: WarmNotebooks
) -> None:
    """The fixture with a notebook in its right place builds: each case differs by its mistake only."""
    config = mistake_site(load_case("notebook-path-from-repository-root"), small_site, tmp_path, notebook_settings)
    alpha = tmp_path / "docs" / "basics" / "alpha.md"
    alpha.write_text(alpha.read_text(encoding="utf-8").replace("docs/notebooks/", "notebooks/"), encoding="utf-8")
    with collect_warnings() as collected:
        outcome = ci_summary().build_site(config, tmp_path / "site")
    assert outcome.ok, outcome.messages
    assert collected.messages == []
    assert (tmp_path / "site" / "notebooks" / "alpha-demo" / "index.html").is_file()


def expected_location(case: Case) -> tuple[str, int | None] | None:
    """The docs-relative file and line a case's expected message starts with (None: MkDocs' own)."""
    match = EXPECTED_LOCATION_RE.match(case.expect)
    if match is None:
        return None
    return match.group("path"), int(match.group("line")) if match.group("line") else None


@pytest.mark.parametrize("name", [name for name in CASE_NAMES if load_case(name).check == "build"])
def test_mistake_fails_the_strict_build_with_one_clear_message(
    name: str, small_site: Callable[..., Path], tmp_path: Path, notebook_settings: WarmNotebooks
) -> None:
    case = load_case(name)
    site_dir = tmp_path / "site"
    with collect_warnings() as collected:
        outcome = ci_summary().build_site(mistake_site(case, small_site, tmp_path, notebook_settings), site_dir)
    assert not outcome.crash, outcome.crash  # no traceback
    assert not outcome.ok
    assert "strict mode" in outcome.error, outcome.error
    assert len(outcome.messages) == 1, outcome.messages
    [message] = outcome.messages
    assert message.startswith(case.expect), message
    assert is_clear(message), message
    assert not site_dir.exists()  # nothing left behind that looks like a good site
    # The same warning as data: the roadmap's own checks log it as a located Problem.
    location = expected_location(case)
    if location is None:  # MkDocs' own link validation
        assert collected.problems == [], collected.problems
        assert collected.others == [message]
    else:
        assert collected.others == [], collected.others
        [problem] = collected.problems
        assert (problem.path, problem.line) == location, problem
        assert str(problem) == message
        assert problem.fix, problem  # the fix is its own field, never folded into the message
        assert problem.kind, problem


def hook_command(hook_id: str) -> list[str]:
    """The command line of a pre-commit hook, run from the project's virtual environment."""
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hook = next(hook for repo in config["repos"] for hook in repo["hooks"] if hook["id"] == hook_id)
    program, *arguments = shlex.split(hook["entry"])
    found = Path(sys.executable).with_name(program)
    if not found.exists():
        pytest.fail(f"{program} is not installed (it is in the 'tests' dependency group: ./run test)")
    return [str(found), *arguments, *hook.get("args", [])]


@pytest.mark.parametrize("name", [name for name in CASE_NAMES if load_case(name).check != "build"])
def test_mistake_fails_its_pre_commit_hook_with_one_clear_message(name: str) -> None:
    case = load_case(name)
    folder = case.docs.parent.relative_to(REPO).as_posix() + "/"
    files = sorted(path.relative_to(REPO).as_posix() for path in case.docs.rglob("*") if path.is_file())
    result = subprocess.run([*hook_command(case.check), *files], cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode != 0, result.stdout + result.stderr
    output = (result.stdout + result.stderr).replace(str(REPO) + "/", "").replace(folder, "")
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert lines[0].startswith(case.expect), lines[0]


# ----------------------------------------------------------------------------------------------
# How the problems reach the contributor: scripts/ci_summary.py (./run build, CI's job summary)
# ----------------------------------------------------------------------------------------------
def test_a_failed_build_keeps_the_previous_site_and_leaves_nothing_behind(
    small_site: Callable[..., Path], tmp_path: Path
) -> None:
    site_dir = tmp_path / "site"
    config = small_site()
    assert ci_summary().build_site(config, site_dir).ok
    (tmp_path / "docs" / "basics" / "alpha.md").write_text("---\ntype: topic\n", encoding="utf-8")
    before = sorted(p.relative_to(site_dir) for p in site_dir.rglob("*"))
    outcome = ci_summary().build_site(config, site_dir)
    assert not outcome.ok
    assert sorted(p.relative_to(site_dir) for p in site_dir.rglob("*")) == before  # untouched


def test_quick_check_finds_front_matter_problems_without_mkdocs(
    small_site: Callable[..., Path], tmp_path: Path
) -> None:
    small_site()
    docs = tmp_path / "docs"
    assert ci_summary().quick_check(docs) == []
    shutil.copytree(MISTAKES / "roadmap-prerequisite-cycle" / "docs", docs, dirs_exist_ok=True)
    assert ci_summary().quick_check(docs) == [load_case("roadmap-prerequisite-cycle").expect]


def test_missing_snippets_are_blanked_and_located() -> None:
    markdown = 'One\n--8<-- "there.md"\n;--8<-- "escaped.md"\n  --8<-- "gone.md"\n--8<-- "there.md:2:3"\n--8<-- "https://x.org/a.md"\n'
    blanked, problems = missing_snippets("a.md", markdown, 10, lambda name: name == "there.md")
    assert [str(problem) for problem in problems] == [
        "docs/a.md:13: snippet 'gone.md' does not exist (fix the name, or add the file to snippets/)"
    ]
    assert blanked.split("\n")[3] == ""
    assert blanked.replace("\n", "") == markdown.replace('  --8<-- "gone.md"', "").replace("\n", "")
