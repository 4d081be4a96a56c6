"""The Architecture page names only modules that exist, and every core module is on it."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import REPO

PAGE = REPO / "docs" / "contributing" / "architecture.md"
ROW_RE = re.compile(r"^\| `(?P<path>[^`]+)` \| (?P<text>.*) \|$", re.MULTILINE)
FILE_RE = re.compile(r"`([a-z_]+\.py)`")


def resolve(path: str) -> Path:
    """A path as the page writes it: ``mlroadmap/...`` lives under ``hooks/``."""
    return REPO / ("hooks/" + path if path.startswith("mlroadmap/") else path)


def rows() -> list[tuple[str, str]]:
    """The (module, description) rows of the page's module table."""
    return [(m.group("path"), m.group("text")) for m in ROW_RE.finditer(PAGE.read_text(encoding="utf-8"))]


def test_the_module_table_is_not_empty() -> None:
    assert len(rows()) >= 10


def test_every_module_named_exists() -> None:
    missing = []
    for path, text in rows():
        target = resolve(path)
        if not target.exists():
            missing.append(path)
        if path.endswith("/"):  # a package row names its modules in the description
            missing += [f"{path}{name}" for name in FILE_RE.findall(text) if not (target / name).is_file()]
    assert missing == []


def test_every_core_module_is_described() -> None:
    named = {resolve(path) for path, _ in rows()}
    packages = {p for p in named if p.is_dir()}
    core = [p for p in (REPO / "hooks").glob("*.py")] + [
        p for p in (REPO / "hooks" / "mlroadmap").glob("*.py") if p.name != "__init__.py"
    ]
    undescribed = [str(p.relative_to(REPO)) for p in core if p not in named and p.parent not in packages]
    assert undescribed == []
