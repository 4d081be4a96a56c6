"""The mistake corpus: realistic contributor mistakes, each failing with one clear message.

Each folder of ``tests/mistakes/`` holds a ``case.yml`` (the mistake, the message expected, and
which check catches it) and the files that differ from the small valid site of ``conftest.py``,
under ``docs/``. A build case is built strictly, as ``./run build`` and CI build the real site;
it must fail with exactly one warning that starts with the expected text, names the file (and
line or field) and says how to fix it, with no traceback and no site left behind. A pre-commit
case runs its hook's command, as ``.pre-commit-config.yaml`` declares it, on the fixture's files.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest
import yaml

from conftest import REPO, SMALL_CONFIG, load_script
from mlroadmap.load import missing_snippets

MISTAKES = REPO / "tests" / "mistakes"
CASE_NAMES = sorted(path.parent.name for path in MISTAKES.glob("*/case.yml"))

# The site's Markdown extensions (mkdocs.yml), with snippets looked up in the repository's folder.
MARKDOWN_EXTENSIONS = f"""markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - def_list
  - footnotes
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.arithmatex:
      generic: true
  - pymdownx.details
  - pymdownx.snippets:
      base_path: [{REPO / "snippets"}]
      check_paths: true
  - pymdownx.superfences
"""


# The notebook pipeline as mkdocs.yml configures it: the hooks execute notebooks and topic pages,
# mkdocs-jupyter renders (with a cache of its own: it evicts entries of notebooks not in the build
# it is running).
def notebook_plugins(cache: Path) -> str:
    """The ``plugins:`` block of a site with notebooks, caching under ``cache``."""
    return f"""plugins:
  - mkdocs-jupyter:
      include: ["*.ipynb"]
      execute: false
      allow_errors: false
      include_source: true
      no_prompt: true
      cache_dir: {cache}
"""


# A clear message: "docs/<file>[:<line>]: [<field>: ]<what is wrong> (<how to fix>)" on its first
# line, or MkDocs' own link message, which names the file and the link.
OWN_FORMAT_RE = re.compile(r"^docs/[^\n]+?\.(md|ipynb)(:\d+)?: [^\n]+\([^\n]+\)$")
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


def mistake_site(case: Case, small_site: Callable[..., Path], tmp_path: Path) -> Path:
    """The small valid site with the case's files laid over it; returns its mkdocs.yml."""
    config = small_site()
    shutil.copytree(case.docs, tmp_path / "docs", dirs_exist_ok=True)
    text = SMALL_CONFIG.replace(
        "markdown_extensions: [admonition, md_in_html, tables, toc, attr_list]\n", MARKDOWN_EXTENSIONS
    )
    if case.notebooks:
        text = text.replace("plugins: []\n", notebook_plugins(tmp_path / "jupyter-cache"))
        text = text.replace(
            "hooks:\n", f"hooks:\n  - {REPO / 'hooks' / 'notebooks.py'}\n  - {REPO / 'hooks' / 'pages.py'}\n"
        )
    config.write_text(text, encoding="utf-8")
    return config


def test_the_corpus_is_large_enough() -> None:
    cases = [load_case(name) for name in CASE_NAMES]
    assert len(cases) >= 25
    assert sum(case.check == "build" for case in cases) >= 25


def test_without_the_mistake_the_site_builds(
    small_site: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fixture with a notebook in its right place builds: each case differs by its mistake only."""
    monkeypatch.setenv("ROADMAP_NOTEBOOK_CACHE", str(tmp_path / "notebook-cache"))
    config = mistake_site(load_case("notebook-path-from-repository-root"), small_site, tmp_path)
    alpha = tmp_path / "docs" / "basics" / "alpha.md"
    alpha.write_text(alpha.read_text(encoding="utf-8").replace("docs/notebooks/", "notebooks/"), encoding="utf-8")
    outcome = ci_summary().build_site(config, tmp_path / "site")
    assert outcome.ok, outcome.messages
    assert (tmp_path / "site" / "notebooks" / "alpha-demo" / "index.html").is_file()


@pytest.mark.parametrize("name", [name for name in CASE_NAMES if load_case(name).check == "build"])
def test_mistake_fails_the_strict_build_with_one_clear_message(
    name: str, small_site: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = load_case(name)
    monkeypatch.setenv("ROADMAP_NOTEBOOK_CACHE", str(tmp_path / "notebook-cache"))
    monkeypatch.setenv("ROADMAP_NOTEBOOK_WORKERS", "1")
    site_dir = tmp_path / "site"
    outcome = ci_summary().build_site(mistake_site(case, small_site, tmp_path), site_dir)
    assert not outcome.crash, outcome.crash  # no traceback
    assert not outcome.ok
    assert "strict mode" in outcome.error, outcome.error
    assert len(outcome.messages) == 1, outcome.messages
    [message] = outcome.messages
    assert message.startswith(case.expect), message
    assert is_clear(message), message
    assert not site_dir.exists()  # nothing left behind that looks like a good site


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


def test_problems_are_grouped_per_file_in_the_job_summary() -> None:
    module = ci_summary()
    messages = [
        "docs/basics/beta.md:9: prerequisites[1]: unknown prerequisite 'alfa' (did you mean 'alpha'?)",
        "Doc file 'basics/alpha.md' contains a link 'betta.md', but the target 'basics/betta.md' is not found.",
        "docs/basics/alpha.md:4: unknown field 'sumary' (did you mean 'summary'?)",
        "docs/notebooks/a.ipynb: cell 2: NameError: x (fix the cell)\n    Traceback line\n    x",
        "Something without a file",
    ]
    summary = module.summary_markdown(module.BuildOutcome(False, messages, "Aborted with 5 warnings in strict mode!"))
    assert summary.startswith("## Strict build: failed, 5 problem(s) in 3 file(s)")
    order = [
        "### `docs/basics/alpha.md`",
        "### `docs/basics/beta.md`",
        "### `docs/notebooks/a.ipynb`",
        "(no file named)",
    ]
    assert [summary.index(heading) for heading in order] == sorted(summary.index(heading) for heading in order)
    assert "- line 4: unknown field 'sumary' (did you mean 'summary'?)" in summary
    assert "- Doc file 'basics/alpha.md' contains a link 'betta.md'" in summary
    assert "  ```text\n      Traceback line" in summary  # a notebook's traceback as a code block
    passed = module.summary_markdown(module.BuildOutcome(True, []))
    assert passed.startswith("## Strict build: passed")


def test_problems_become_annotations_on_their_file_and_line() -> None:
    module = ci_summary()
    [own, mkdocs, other] = module.annotation_commands(
        [
            "docs/basics/alpha.md:4: unknown field 'sumary'\nsecond line, 100%",
            "Doc file 'basics/alpha.md' contains a link 'x.md', but ...",
            "::set-env name=X::y",
        ]
    )
    assert own.startswith("::error file=docs/basics/alpha.md,line=4,title=Strict build::docs/basics/alpha.md:4: ")
    assert own.endswith("unknown field 'sumary'%0Asecond line, 100%25")  # one line: newlines escaped
    assert mkdocs.startswith("::error file=docs/basics/alpha.md,title=Strict build::Doc file")
    assert other == "::error title=Strict build::::set-env name=X::y"  # data, not a command of its own


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
