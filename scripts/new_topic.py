"""Create a new topic page (and optionally its notebook) that builds, in the right phase folder.

    ./run new PHASE TOPIC-ID [--title TITLE] [--notebook] [options]
    ./run new core-ml gaussian-processes --title "Gaussian processes" --notebook

PHASE is a phase's id (its folder under docs/, e.g. ``core-ml``) or its number (``2``). The page
gets valid front matter: the next free ``order`` in the phase, the level most topics of the phase
have, an ``effort_hours`` that keeps the phase's topics within its duration, and three placeholder
resources. Every placeholder says ``TODO(new-topic)``: the site builds with them so you can
preview at once, and pre-commit (``./run lint``, CI) fails until you have replaced them all.

Only the standard library and PyYAML: it reads the front matter itself and does not need MkDocs.
"""

from __future__ import annotations

import argparse
import difflib
import json
import math
import re
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

REPO = Path(__file__).resolve().parent.parent
HOURS_PER_WEEK = 10  # as hooks/mlroadmap/model.py
DEFAULT_EFFORT = 10
MAX_EFFORT = 200
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FRONT_MATTER_RE = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
TODO = "TODO(new-topic)"
LEVELS = ("beginner", "intermediate", "advanced", "expert")
PLACEHOLDER_RESOURCES = (("video", "a video"), ("article", "an article"), ("docs", "the documentation"))
EXAMPLE_CODE = """sample = rng.normal(loc=2.0, scale=0.5, size=1_000)
print(f"mean {sample.mean():.2f}, standard deviation {sample.std():.2f}")"""


class ScaffoldError(Exception):
    """Why the page cannot be created, and what to do about it."""


@dataclass
class PhaseInfo:
    """What the scaffold needs to know about a phase and its topics."""

    id: str
    number: int
    path: Path
    weeks_min: int
    weeks_max: int | None
    weeks_max_line: int | None = None
    orders: list[int] = field(default_factory=list)
    efforts: list[int] = field(default_factory=list)
    levels: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)

    @property
    def hours(self) -> int:
        """The effort of the phase's topics, added up."""
        return sum(self.efforts)

    @property
    def budget(self) -> tuple[int, int | None]:
        """The hours the phase's duration allows: (minimum, maximum or None when ongoing)."""
        high = self.weeks_max * HOURS_PER_WEEK if self.weeks_max else None
        return self.weeks_min * HOURS_PER_WEEK, high


@dataclass(frozen=True)
class Roadmap:
    """The phases by id, and every topic id with the number of its phase."""

    phases: dict[str, PhaseInfo]
    topics: dict[str, int]


@dataclass(frozen=True)
class NewTopic:
    """The choices for the new page, once checked."""

    phase: PhaseInfo
    id: str
    title: str
    summary: str
    order: int
    effort: int
    level: str
    prerequisites: list[str]
    tags: list[str]
    notebook: str | None


# ----------------------------------------------------------------------------------------------
# Reading the roadmap
# ----------------------------------------------------------------------------------------------
def front_matter(path: Path) -> dict[str, Any]:
    """A page's front matter as a dict ({} when it has none or it cannot be read)."""
    match = FRONT_MATTER_RE.match(path.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n"))
    if not match:
        return {}
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def read_roadmap(docs: Path) -> Roadmap:
    """Every phase (with its topics' order, effort, level and tags) and every topic id."""
    phases: dict[str, PhaseInfo] = {}
    for index in sorted(docs.glob("*/index.md")):
        data = front_matter(index)
        if data.get("type") == "phase" and isinstance(data.get("number"), int):
            text = index.read_text(encoding="utf-8", errors="replace")
            line = next((n for n, row in enumerate(text.splitlines(), 1) if row.startswith("weeks_max:")), None)
            phases[index.parent.name] = PhaseInfo(
                index.parent.name, data["number"], index, int(data.get("weeks_min") or 1), data.get("weeks_max"), line
            )
    topics: dict[str, int] = {}
    for page in sorted(docs.rglob("*.md")):
        data = front_matter(page)
        if data.get("type") != "topic":
            continue
        phase = phases.get(str(data.get("phase")))
        topics[str(data.get("id") or page.stem)] = phase.number if phase else 0
        if phase is not None:
            phase.orders.append(int(data.get("order") or 0))
            phase.efforts.append(int(data.get("effort_hours") or 0))
            phase.levels.append(str(data.get("level")))
            phase.tags += [str(tag) for tag in data.get("tags") or []]
    return Roadmap(phases, topics)


# ----------------------------------------------------------------------------------------------
# Choosing the values
# ----------------------------------------------------------------------------------------------
def find_phase(roadmap: Roadmap, name: str) -> PhaseInfo:
    """The phase named by its id or number."""
    if name.isdigit():
        found = [p for p in roadmap.phases.values() if p.number == int(name)]
        if found:
            return found[0]
    elif name in roadmap.phases:
        return roadmap.phases[name]
    known = ", ".join(f"{p.number} ({p.id})" for p in sorted(roadmap.phases.values(), key=lambda p: p.number))
    close = difflib.get_close_matches(name, list(roadmap.phases), n=1)
    hint = f"did you mean '{close[0]}'? " if close else ""
    raise ScaffoldError(f"unknown phase '{name}' ({hint}phases: {known})")


def choose_effort(phase: PhaseInfo, wanted: int | None) -> int:
    """An effort that keeps the phase within its duration, or an error that says what to change."""
    low, high = phase.budget
    room = None if high is None else high - phase.hours
    if wanted is not None:
        if not 1 <= wanted <= MAX_EFFORT:
            raise ScaffoldError(f"--effort must be between 1 and {MAX_EFFORT} hours")
        if room is not None and wanted > room:
            raise ScaffoldError(_full_message(phase, wanted))
        return wanted
    effort = max(DEFAULT_EFFORT, low - phase.hours)  # bring a phase below its minimum up to it
    if room is not None:
        if room < 1:
            raise ScaffoldError(_full_message(phase, DEFAULT_EFFORT))
        effort = min(effort, room)
    return max(1, min(effort, MAX_EFFORT))


def _full_message(phase: PhaseInfo, effort: int) -> str:
    weeks = math.ceil((phase.hours + effort) / HOURS_PER_WEEK)
    where = f"docs/{phase.id}/index.md" + (f":{phase.weeks_max_line}" if phase.weeks_max_line else "")
    return (
        f"phase '{phase.id}' has no room for {effort} more hours: its topics add up to {phase.hours} h and "
        f"weeks_max {phase.weeks_max} allows {phase.budget[1]} h at {HOURS_PER_WEEK} h a week "
        f"(raise weeks_max to {weeks} in {where} and update 'duration', lower other topics' effort_hours, "
        f"or pass a smaller --effort)"
    )


def check_prerequisites(roadmap: Roadmap, phase: PhaseInfo, names: Sequence[str]) -> list[str]:
    """The prerequisites, each an existing topic of this or an earlier phase."""
    for name in names:
        if name not in roadmap.topics:
            close = difflib.get_close_matches(name, list(roadmap.topics), n=1)
            raise ScaffoldError(f"unknown prerequisite '{name}'" + (f" (did you mean '{close[0]}'?)" if close else ""))
        if roadmap.topics[name] > phase.number:
            raise ScaffoldError(f"prerequisite '{name}' is in a later phase than '{phase.id}'")
    return list(names)


def plan(roadmap: Roadmap, args: argparse.Namespace) -> NewTopic:
    """Check the arguments against the roadmap and fill in every default."""
    phase = find_phase(roadmap, args.phase)
    if not SLUG_RE.match(args.id):
        slug = re.sub(r"[^a-z0-9]+", "-", args.id.lower()).strip("-")
        raise ScaffoldError(f"'{args.id}' is not a valid topic id (use lower-case letters, digits and hyphens: {slug})")
    if args.id in roadmap.topics:
        raise ScaffoldError(f"a topic with the id '{args.id}' already exists (choose another id)")
    tags = _split(args.tags) or [tag for tag, _ in Counter(phase.tags).most_common(1)] or [phase.id]
    bad = [tag for tag in tags if not SLUG_RE.match(tag)]
    if bad:
        raise ScaffoldError(f"tag(s) {', '.join(bad)} are not valid (use lower-case letters, digits and hyphens)")
    return NewTopic(
        phase=phase,
        id=args.id,
        title=args.title or args.id.replace("-", " ").capitalize(),
        summary=args.summary or f"{TODO}: one sentence on what the learner will be able to do.",
        order=args.order or max(phase.orders, default=0) + 1,
        effort=choose_effort(phase, args.effort),
        level=args.level or _most_common(phase.levels, LEVELS[min(phase.number, len(LEVELS)) - 1]),
        prerequisites=check_prerequisites(roadmap, phase, _split(args.prerequisites)),
        tags=tags,
        notebook=f"notebooks/{args.id}.ipynb" if args.notebook else None,
    )


def _split(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()]


def _most_common(values: Sequence[str], default: str) -> str:
    counted = Counter(value for value in values if value in LEVELS).most_common(1)
    return counted[0][0] if counted else default


# ----------------------------------------------------------------------------------------------
# Writing the files
# ----------------------------------------------------------------------------------------------
def yaml_scalar(value: str) -> str:
    """A string as YAML: bare when that reads back the same, double-quoted otherwise."""
    try:
        if yaml.safe_load(f"key: {value}") == {"key": value}:
            return value
    except yaml.YAMLError:
        pass
    return json.dumps(value, ensure_ascii=False)


def page_source(topic: NewTopic) -> str:
    """The Markdown of the new topic page."""
    note = yaml_scalar(f"{TODO}: one line on why it is worth the learner's time.")
    resources = "".join(
        f"  - title: {yaml_scalar(f'{TODO}: the title of {what} on {topic.title.lower()}')}\n"
        f"    url: https://example.org/replace-with-the-{kind}-url\n"
        f"    kind: {kind}\n"
        f"    cost: free\n"
        f"    note: {note}\n"
        for kind, what in PLACEHOLDER_RESOURCES
    )
    lines = [
        "---",
        "type: topic",
        f"title: {yaml_scalar(topic.title)}",
        f"summary: {yaml_scalar(topic.summary)}",
        f"phase: {topic.phase.id}",
        f"order: {topic.order}",
        f"effort_hours: {topic.effort}",
        f"level: {topic.level}",
        f"prerequisites: [{', '.join(topic.prerequisites)}]",
        f"tags: [{', '.join(topic.tags)}]",
        *([f"notebooks: [{topic.notebook}]"] if topic.notebook else []),
        "resources:",
        resources.rstrip("\n"),
        "---",
    ]
    body = f"""
## Why it matters

{TODO}: why a learner needs this topic, and where it is used. Two or three sentences.

## Core ideas

{TODO}: explain the ideas step by step. Write maths as $...$ inline and in $$ blocks.

## Common pitfalls

- {TODO}: a mistake learners often make, and how to avoid it.

## Check your understanding

1. {TODO}: a question the learner can answer after studying this topic.
"""
    return "\n".join(lines) + "\n" + body


def notebook_source(topic: NewTopic) -> str:
    """A small notebook without outputs that runs in a second, as the build executes it."""
    cells = [
        ("markdown", f"# {topic.title}\n\n{TODO}: what this notebook shows, in a sentence or two."),
        ("code", "import numpy as np\n\nrng = np.random.default_rng(0)  # seeded: the same outputs on every build"),
        ("markdown", f"{TODO}: replace this example with the notebook's own steps."),
        ("code", EXAMPLE_CODE),
    ]
    notebook = {
        "cells": [_cell(kind, text, index) for index, (kind, text) in enumerate(cells)],
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"


def _cell(kind: str, text: str, index: int) -> dict[str, Any]:
    cell: dict[str, Any] = {
        "cell_type": kind,
        "id": f"cell-{index:02d}",
        "metadata": {},
        "source": text.splitlines(True),
    }
    if kind == "code":
        cell = {
            "cell_type": kind,
            "execution_count": None,
            "id": cell["id"],
            "metadata": {},
            "outputs": [],
            "source": cell["source"],
        }
    return cell


def write(topic: NewTopic, docs: Path) -> list[Path]:
    """Write the page (and notebook); refuse to overwrite anything."""
    page = docs / topic.phase.id / f"{topic.id}.md"
    targets = {page: page_source(topic)}
    if topic.notebook:
        targets[docs / topic.notebook] = notebook_source(topic)
    existing = [path for path in targets if path.exists()]
    if existing:
        raise ScaffoldError(f"{existing[0]} already exists (choose another id, or delete the file)")
    for path, text in targets.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return list(targets)


def serve_url(docs: Path) -> str:
    """Where ``./run serve`` shows the site: MkDocs serves it under the path of ``site_url``."""
    config = docs.parent / "mkdocs.yml"
    text = config.read_text(encoding="utf-8") if config.is_file() else ""
    match = re.search(r"^site_url:\s*['\"]?([^'\"\s#]+)", text, re.MULTILINE)
    path = urlsplit(match.group(1)).path if match else "/"
    return "http://127.0.0.1:8000" + (path if path.endswith("/") else path + "/")


def next_steps(topic: NewTopic, written: Sequence[Path], docs: Path) -> str:
    """What the contributor does next."""
    low, high = topic.phase.budget
    span = f"{low}-{high}" if high else f"at least {low}"
    created = "\n".join(f"  {path.relative_to(docs.parent)}" for path in written)
    return (
        f"Created:\n{created}\n\n"
        f"  order {topic.order} in phase '{topic.phase.id}', level {topic.level}, effort {topic.effort} h "
        f"(the phase's topics now add up to {topic.phase.hours + topic.effort} h; its duration allows {span} h)\n\n"
        "Next:\n"
        f"  1. ./run serve, then open {serve_url(docs)}{topic.phase.id}/{topic.id}/ (it rebuilds as you save)\n"
        f"  2. Replace every '{TODO}' placeholder: the title, summary, tags, three real resources,\n"
        "     the four sections" + (" and the notebook" if topic.notebook else "") + ".\n"
        "  3. ./run check (pre-commit, strict build, tests), then open a pull request.\n"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the arguments, create the files, and say what to do next; 1 on a problem."""
    parser = argparse.ArgumentParser(prog="./run new", description=__doc__.split("\n\n")[0])
    parser.add_argument("phase", help="the phase's id (e.g. core-ml) or number (e.g. 2)")
    parser.add_argument("id", help="the topic's id, which is also its file name: lower-case-with-hyphens")
    parser.add_argument("--title", help="the page title (default: from the id)")
    parser.add_argument("--summary", help="one sentence, 20-200 characters (default: a placeholder)")
    parser.add_argument("--level", choices=LEVELS, help="default: the level most topics of the phase have")
    parser.add_argument("--effort", type=int, help="study hours (default: 10, or what the phase has room for)")
    parser.add_argument("--order", type=int, help="position in the phase (default: after the last topic)")
    parser.add_argument("--prerequisites", help="comma-separated topic ids, e.g. linear-regression,calculus")
    parser.add_argument("--tags", help="comma-separated tags (default: the phase's most common tag)")
    parser.add_argument("--notebook", action="store_true", help="also create docs/notebooks/<id>.ipynb")
    parser.add_argument("--docs-dir", type=Path, default=REPO / "docs", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        topic = plan(read_roadmap(args.docs_dir), args)
        written = write(topic, args.docs_dir)
    except ScaffoldError as error:
        print(f"./run new: {error}", file=sys.stderr)
        return 1
    print(next_steps(topic, written, args.docs_dir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
