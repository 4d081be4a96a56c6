"""Pages that cite resources, written for the link checker's tests and the link workflow's test."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Ref:
    """A resource reference shaped like ``mlroadmap.load.ResourceRef``."""

    page: str
    line: int
    title: str
    url: str


def write_pages(docs: Path, refs: Iterable[Ref]) -> Path:
    """Write pages under ``docs`` that cite ``refs``, each ``url`` on the ref's line when it can be.

    A page is a phase page (it may cite any number of resources) whose resources come first, one
    per line, with comment lines as padding; the rest of its front matter follows. Returns ``docs``.
    """
    by_page: dict[str, list[Ref]] = {}
    for ref in refs:
        by_page.setdefault(ref.page, []).append(ref)
    for page, cited in by_page.items():
        lines = ["---", "resources:"]
        for ref in cited:
            lines += ["  # padding"] * max(0, ref.line - 1 - len(lines))
            item = {"title": ref.title, "kind": "article", "cost": "free", "note": "Cited by a test.", "url": ref.url}
            lines.append(f"  - {json.dumps(item)}")
        lines += [
            "type: phase",
            "title: Cited resources",
            "number: 1",
            "summary: A page that cites the resources a link checker test needs.",
            "duration: 1 week",
            "weeks_min: 1",
            "goal: Cite resources.",
            "---",
            "",
        ]
        target = docs / page
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("\n".join(lines), encoding="utf-8")
    return docs
