"""Checks of a page's Markdown body: a topic's sections, and snippet includes that resolve.

A topic page has no H1 of its own (the title comes from front matter), the four sections of
``TOPIC_SECTIONS`` in order, and none of the sections the build generates. Headings inside
fenced code blocks do not count.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

from mlroadmap.frontmatter import FrontMatter
from mlroadmap.problems import Problem

TOPIC_SECTIONS = ("Why it matters", "Core ideas", "Common pitfalls", "Check your understanding")
GENERATED_SECTIONS = ("Prerequisites and next steps", "Resources", "Study plan")
HEADING_RE = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$")
FENCE_RE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
# A one-line pymdownx.snippets include: --8<-- "file.md" (an escaped ;--8<-- does not match).
SNIPPET_RE = re.compile(r"^[ \t]*-+8<-+[ \t]+([\"'])(?P<path>.+?)\1[ \t]*$")


def body_problems(src: str, front: FrontMatter) -> list[Problem]:
    """Check a topic body: no H1, the four sections in order, no hand-written generated section."""
    headings = list(_headings(front.body, front.body_start_line))
    problems: list[Problem] = []
    for level, text, line in headings:
        if level == 1:
            fix = "remove it: the title comes from front matter"
            problems.append(Problem(src, line, f"the body has its own title '# {text}'", fix, kind="body"))
        if level == 2 and text in GENERATED_SECTIONS:
            fix = "remove it and edit the front matter instead"
            problems.append(Problem(src, line, f"section '## {text}' is generated from front matter", fix, kind="body"))
    found = [text for level, text, _ in headings if level == 2 and text in TOPIC_SECTIONS]
    missing = [section for section in TOPIC_SECTIONS if section not in found]
    if missing:
        message = f"missing section(s): {', '.join('## ' + name for name in missing)}"
        fix = "add them; see the page format in the contributors' guide"
        problems.append(Problem(src, front.body_start_line, message, fix, kind="body"))
    elif found != list(TOPIC_SECTIONS):
        fix = "order them: " + ", ".join(TOPIC_SECTIONS)
        problems.append(Problem(src, front.body_start_line, "sections are out of order", fix, kind="body"))
    return problems


def missing_snippets(
    src: str, markdown: str, first_line: int, exists: Callable[[str], bool]
) -> tuple[str, list[Problem]]:
    """Blank the snippet includes whose file does not exist, with one problem each.

    pymdownx.snippets raises for a missing file (with ``check_paths``), which aborts the build with a
    traceback that names no page; blanking the line lets the build report it and go on.
    """
    lines = markdown.split("\n")
    problems: list[Problem] = []
    for offset, line in enumerate(lines):
        match = SNIPPET_RE.match(line)
        if match is None:
            continue
        path = match.group("path")
        if "://" in path or exists(path) or exists(path.split(":", 1)[0]):
            continue
        fix = "fix the name, or add the file to snippets/"
        problems.append(Problem(src, first_line + offset, f"snippet '{path}' does not exist", fix, kind="snippet"))
        lines[offset] = ""
    return "\n".join(lines), problems


def snippet_finder(base_path: str | list[str]) -> Callable[[str], bool]:
    """Whether a snippet exists as pymdownx.snippets looks for it: in a base folder, or a base file by name."""
    bases = [Path(base) for base in ([base_path] if isinstance(base_path, str) else base_path)]
    return lambda name: any((base / name).is_file() or (base.is_file() and base.name == name) for base in bases)


def _headings(body: str, first_line: int) -> Iterable[tuple[int, str, int]]:
    in_fence = False
    for offset, line in enumerate(body.split("\n")):
        if FENCE_RE.match(line):
            in_fence = not in_fence
            continue
        match = None if in_fence else HEADING_RE.match(line)
        if match:
            yield len(match.group(1)), match.group(2).strip(), first_line + offset
