"""Shared fixtures: a small real MkDocs site in ``tmp_path``, and strict builds that capture warnings."""

from __future__ import annotations

import importlib.util
import sys
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

import jinja2
import pytest
from jinja2.bccache import Bucket
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, BuildError, PluginError
from mkdocs.theme import Theme

from mlroadmap.buildlog import collect_warnings
from mlroadmap.graph import Roadmap, build_roadmap
from mlroadmap.load import load_pages

REPO = Path(__file__).resolve().parent.parent
BROWSER_TESTS = Path(__file__).resolve().parent / "browser"
# Fixtures that build the whole real site: a test that uses one (directly or through another
# fixture, such as the browser tests' ``site``) is slow.
FULL_SITE_FIXTURES = frozenset({"real_site"})


@pytest.hookimpl(tryfirst=True)  # before pytest's own hook deselects by marker (-m "not slow")
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark ``slow`` every browser test and every test that builds the whole real site."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if item.path.is_relative_to(BROWSER_TESTS) or fixtures & FULL_SITE_FIXTURES:
            item.add_marker(pytest.mark.slow)


class CompiledTemplates(jinja2.BytecodeCache):
    """Jinja's bytecode cache in memory: a theme template compiled once serves every later build.

    Jinja checks each entry against its template's source, so a changed template compiles again.
    """

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        """Fill the bucket with the template's compiled code, when it was compiled before."""
        if (code := self.compiled.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keep the code of a template just compiled."""
        self.compiled[bucket.key] = bucket.bytecode_to_string()


@pytest.fixture(scope="session", autouse=True)
def compiled_templates() -> Iterator[CompiledTemplates]:
    """Every build of the session reuses the theme templates the first one compiled: same HTML, sooner."""
    cache = CompiledTemplates()
    get_env = Theme.get_env

    def get_cached_env(theme: Theme) -> jinja2.Environment:
        env = get_env(theme)
        env.bytecode_cache = cache
        return env

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Theme, "get_env", get_cached_env)
        yield cache


@dataclass
class BuildResult:
    """What a build did: whether it passed, what it logged, where it wrote the site."""

    ok: bool
    warnings: list[str] = field(default_factory=list)
    error: str = ""
    site_dir: Path = Path()

    def html(self, url_path: str) -> str:
        """The HTML of the page at a site-relative URL such as ``core-ml/svm/``."""
        return (self.site_dir / url_path / "index.html").read_text(encoding="utf-8")


def load_script(name: str) -> ModuleType:
    """A script of ``scripts/`` imported as a module, e.g. ``load_script("new_topic")``."""
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, module)
    spec.loader.exec_module(module)
    return module


def run_build(config_file: Path, site_dir: Path) -> BuildResult:
    """Build strictly with MkDocs' own API, as ``mkdocs build --strict`` does."""
    with collect_warnings() as collected:
        try:
            config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
            build(config)
            return BuildResult(True, collected.messages, site_dir=site_dir)
        except (Abort, BuildError, PluginError) as error:
            return BuildResult(False, collected.messages, str(error), site_dir)


SMALL_CONFIG = f"""
site_name: Small roadmap
site_url: https://example.org/
strict: true
validation:
  nav: {{omitted_files: warn, not_found: warn, absolute_links: warn}}
  links: {{not_found: warn, anchors: warn, absolute_links: warn, unrecognized_links: warn}}
theme:
  name: material
  font: false
plugins: []
hooks:
  - {REPO / "hooks" / "roadmap.py"}
  - {REPO / "hooks" / "quizzes.py"}
  - {REPO / "hooks" / "exercises.py"}
  - {REPO / "hooks" / "maths.py"}
markdown_extensions: [admonition, md_in_html, tables, toc, attr_list]
"""

TOPIC_BODY = """
## Why it matters

It matters.

## Core ideas

Ideas.

## Common pitfalls

Pitfalls.

## Check your understanding

1. A question.
"""


def resources(prefix: str) -> str:
    """Three valid resources whose URLs start with ``prefix``."""
    return "".join(
        f"""  - title: {prefix} resource {n}
    url: https://example.org/{prefix}/{n}
    kind: {kind}
    cost: {cost}
    note: Worth it for reason number {n}.
"""
        for n, kind, cost in ((1, "video", "free"), (2, "docs", "free"), (3, "book", "paid"))
    )


def topic_page(topic_id: str, order: int, prerequisites: str = "[]", extra: str = "", phase: str = "basics") -> str:
    """The source of a valid topic page."""
    return (
        f"---\ntype: topic\ntitle: Topic {topic_id}\nsummary: A one-sentence summary of topic {topic_id}.\n"
        f"phase: {phase}\norder: {order}\neffort_hours: 10\nlevel: beginner\n"
        f"prerequisites: {prerequisites}\ntags: [test]\n{extra}resources:\n{resources(topic_id)}---\n{TOPIC_BODY}"
    )


PHASE_PAGE = """---
type: phase
title: "Phase 1: Basics"
number: 1
summary: The basics, in a sentence long enough to be a summary.
duration: 2-4 weeks
weeks_min: 2
weeks_max: 4
goal: Learn the basics.
---

## What this phase gives you

Basics.
"""


def small_roadmap() -> Roadmap:
    """A valid two-topic roadmap (alpha, then beta built on it) for tests of what is made from one."""
    pages = {
        "basics/index.md": PHASE_PAGE,
        "basics/alpha.md": topic_page("alpha", 1),
        "basics/beta.md": topic_page("beta", 2, "[alpha]"),
    }
    records, _ = load_pages((src, source.encode()) for src, source in pages.items())
    assert len(records) == len(pages)
    roadmap, problems = build_roadmap(records)
    assert problems == []
    return roadmap


@pytest.fixture
def small_site(tmp_path: Path) -> Callable[..., Path]:
    """Write a small valid site (one phase, three topics) and return a function to change it.

    Call it with ``{relative path: new content}`` to add or replace files (None deletes one);
    it returns the path of mkdocs.yml.
    """
    docs = tmp_path / "docs"
    files: dict[str, str] = {
        "index.md": "# Home\n\nSee [the roadmap](roadmap.md).\n",
        "basics/index.md": PHASE_PAGE,
        "basics/alpha.md": topic_page("alpha", 1),
        "basics/beta.md": topic_page("beta", 2, "[alpha]"),
        "basics/gamma.md": topic_page("gamma", 3, "[alpha, beta]"),
    }

    def make(changes: dict[str, str | None] | None = None) -> Path:
        for path, content in {**files, **(changes or {})}.items():
            target = docs / path
            if content is None:
                target.unlink(missing_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(textwrap.dedent(content) if content.startswith("\n") else content, encoding="utf-8")
        config = tmp_path / "mkdocs.yml"
        config.write_text(SMALL_CONFIG, encoding="utf-8")
        return config

    return make


@pytest.fixture
def build_small(small_site: Callable[..., Path], tmp_path: Path) -> Callable[..., BuildResult]:
    """Build the small site, with changes, strictly; return the result."""

    def go(changes: dict[str, str | None] | None = None) -> BuildResult:
        return run_build(small_site(changes), tmp_path / "site")

    return go


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BuildResult]:
    """The real site, built strictly once per test session."""
    yield run_build(REPO / "mkdocs.yml", tmp_path_factory.mktemp("real") / "site")
