"""The browser code (docs/assets/javascripts/): Biome-clean, and its pure modules unit-tested by Node.

Node and the pinned Biome (package.json, installed into node_modules/ by ``npm ci``) are part of
the set-up: ``./run test`` installs node_modules and ``.ci/run`` installs Node. Without them these
tests fail, with what to do, rather than skip.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO
from mlroadmap.model import SLUG_PATTERN

SOURCES = REPO / "docs" / "assets" / "javascripts"
UNIT_TESTS = REPO / "tests" / "js"
BIOME = REPO / "node_modules" / ".bin" / "biome"
MAX_LINES = 250


def node() -> str:
    """The ``node`` executable, or a failure that says how to get it."""
    found = shutil.which("node")
    if found is None:
        pytest.fail("node is not installed: install Node.js 20 or later (`apt-get install nodejs npm`; .ci/run does)")
    return found


def biome() -> Path:
    """The Biome pinned in package.json, or a failure that says how to install it."""
    node()
    if not BIOME.exists():
        pytest.fail(f"{BIOME.relative_to(REPO)} is missing: run `npm ci` (./run test does it when needed)")
    return BIOME


def run(command: list[str]) -> subprocess.CompletedProcess[str]:
    """Run a command in the repository, capturing its output as text."""
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False, timeout=300)


def test_javascript_is_biome_clean() -> None:
    """Lint and format check, as `biome ci` runs them in CI; warnings fail too."""
    result = run([str(biome()), "ci", "--colors=off", "--error-on-warnings", "docs/assets/javascripts", "tests/js"])
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"biome ci failed (fix with `npx biome check --write`):\n{output}"


def test_unit_tests_pass_under_node() -> None:
    """tests/js/*.test.mjs with Node's own test runner: plan, study order, import, migration, summaries."""
    files = sorted(UNIT_TESTS.glob("*.test.mjs"))
    assert files, f"no unit tests found in {UNIT_TESTS.relative_to(REPO)}"
    result = run([node(), "--test", *(str(f.relative_to(REPO)) for f in files)])
    assert result.returncode == 0, f"node --test failed:\n{result.stdout}{result.stderr}"
    assert "# fail 0" in result.stdout, result.stdout


@pytest.mark.parametrize("module", sorted(SOURCES.glob("*.js")), ids=lambda path: path.name)
def test_each_module_stays_small(module: Path) -> None:
    """One concern per module: none grows past ~250 lines."""
    lines = len(module.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{module.relative_to(REPO)}: {lines} lines (split it by concern, at most {MAX_LINES})"


def test_no_module_copies_the_topic_id_rule() -> None:
    """Topic ids are checked against roadmap.json's ids; the pattern lives in mlroadmap.model only."""
    core = SLUG_PATTERN.strip("^$")
    copies = [path.name for path in SOURCES.glob("*.js") if core in path.read_text(encoding="utf-8")]
    assert copies == []


def test_biome_is_pinned_exactly() -> None:
    """package.json pins one Biome version, the one package-lock.json installs, so everyone lints alike."""
    wanted = json.loads((REPO / "package.json").read_text(encoding="utf-8"))["devDependencies"]["@biomejs/biome"]
    locked = json.loads((REPO / "package-lock.json").read_text(encoding="utf-8"))
    assert re.fullmatch(r"\d+\.\d+\.\d+", wanted), f"package.json: pin @biomejs/biome to one version, not {wanted!r}"
    assert locked["packages"]["node_modules/@biomejs/biome"]["version"] == wanted
