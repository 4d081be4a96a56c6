"""Pre-commit, ``./run check`` and CI agree: same tools, same versions, same steps."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml
from packaging.requirements import Requirement

from conftest import BROWSER_TESTS, REPO

CONFIG: dict[str, Any] = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
HOOKS: dict[str, dict[str, Any]] = {hook["id"]: hook for repo in CONFIG["repos"] for hook in repo["hooks"]}


def project_requirements() -> dict[str, Requirement]:
    """Every requirement of pyproject.toml's dependency groups, by package name."""
    groups = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["dependency-groups"]
    requirements = [Requirement(item) for group in groups.values() for item in group if isinstance(item, str)]
    return {requirement.name.lower(): requirement for requirement in requirements}


def test_every_hook_is_local_and_installs_from_pypi() -> None:
    assert [repo["repo"] for repo in CONFIG["repos"]] == ["local"]  # no hook repository fetched from GitHub
    assert {hook["language"] for hook in HOOKS.values()} <= {"python", "pygrep", "system"}
    # The one system hook runs the Biome that package.json pins (tests/test_javascript.py).
    assert {h for h, hook in HOOKS.items() if hook["language"] == "system"} == {"biome"}
    assert HOOKS["biome"]["entry"].startswith("node_modules/.bin/biome ")


def test_the_mistake_corpus_and_vendored_files_are_left_alone() -> None:
    exclude = re.compile(CONFIG["exclude"])
    assert exclude.search("tests/mistakes/yaml-tab-indentation/docs/basics/alpha.md")
    assert exclude.search("docs/assets/vendor/katex/katex.min.js")
    assert not exclude.search("docs/core-ml/linear-regression.md")


@pytest.mark.parametrize("hook_id", sorted(h for h, hook in HOOKS.items() if hook.get("additional_dependencies")))
def test_hook_versions_agree_with_pyproject(hook_id: str) -> None:
    """A tool pinned for pre-commit satisfies the version pyproject.toml asks for (dev and tests)."""
    project = project_requirements()
    for text in HOOKS[hook_id]["additional_dependencies"]:
        pinned = Requirement(text)
        wanted = project.get(pinned.name.lower())
        if wanted is None:
            continue
        version = next((spec.version for spec in pinned.specifier if spec.operator == "=="), None)
        if version is None:  # a range, as pyproject.toml gives it: they must be the same range
            assert pinned.specifier == wanted.specifier, (hook_id, str(pinned), str(wanted))
        else:
            assert wanted.specifier.contains(version), (hook_id, str(pinned), str(wanted))


def test_every_pre_commit_tool_is_in_the_dev_group() -> None:
    """So ./run check and the tests run the same tools as the hooks."""
    project = project_requirements()
    tools = {
        Requirement(text).name.lower() for hook in HOOKS.values() for text in hook.get("additional_dependencies", [])
    }
    assert tools - set(project) == set()


def test_hook_configuration_files_exist() -> None:
    assert (REPO / ".pymarkdown.json").is_file()
    assert "--config .pymarkdown.json" in HOOKS["pymarkdown"]["entry"]
    words = (REPO / ".config" / "words.txt").read_text(encoding="utf-8").split()
    assert words == sorted(words) and len(words) == len(set(words))
    assert "--ignore-words .config/words.txt" in HOOKS["codespell"]["entry"]


def test_hooks_tests_and_scripts_are_ruff_clean() -> None:
    """The ruff hook checks every Python file under hooks/, tests/ and scripts/, with no baseline."""
    assert "exclude" not in HOOKS["ruff"]
    ruff = Path(sys.executable).with_name("ruff")
    result = subprocess.run(
        [str(ruff), "check", "--output-format", "concise", "hooks", "tests", "scripts"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout


def test_run_check_runs_lint_build_and_test() -> None:
    script = (REPO / "run").read_text(encoding="utf-8")
    check = script[script.index("check() {") : script.index("\n}\n", script.index("check() {"))]
    assert re.search(r"^\s+lint \|\|", check, re.MULTILINE)
    assert re.search(r"^\s+build \|\|", check, re.MULTILINE)
    assert '"$VENV/bin/python" -m pytest' in check
    assert "check) setup dev;" in script
    assert 'pre-commit" run' in script


def test_not_slow_leaves_out_the_browser_tests_and_the_full_site_build() -> None:
    """``./run test -m "not slow"`` collects nothing that needs Chromium or builds the whole site."""
    paths = [str(BROWSER_TESTS), str(REPO / "tests" / "test_real_site.py")]
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", "-m", "not slow", *paths],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert re.search(r"no tests collected \(\d+ deselected\)", result.stdout), result.stdout
