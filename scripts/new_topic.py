"""Create a new topic page (and optionally its notebook) that builds, in the right phase folder.

    ./run new PHASE TOPIC-ID [--title TITLE] [--notebook] [options]
    ./run new core-ml gaussian-processes --title "Gaussian processes" --notebook

PHASE is a phase's id (its folder under docs/, e.g. ``core-ml``) or its number (``2``). The page
gets valid front matter: the next free ``order`` in the phase, the level most topics of the phase
have, an ``effort_hours`` that keeps the phase's topics within its duration, and three placeholder
resources. Every placeholder says ``TODO(new-topic)``: the site builds with them so you can
preview at once, and pre-commit (``./run lint``, CI) fails until you have replaced them all.

The rules come from the build's own package (``hooks/mlroadmap``): the roadmap is read with its
loader, ids, levels, efforts and durations follow its model, the new page is checked with the
loader before it is written, and the notebook is made with nbformat. MkDocs is not needed.
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
from dataclasses import dataclass
from pathlib import Path

import nbformat
import yaml
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "hooks"))

from mlroadmap.exercisenotebook import notebook_path, topic_notebook  # noqa: E402 (after the path set-up above)
from mlroadmap.exercises import valid_exercises  # noqa: E402
from mlroadmap.graph import build_roadmap  # noqa: E402
from mlroadmap.load import load_pages, read_docs  # noqa: E402
from mlroadmap.model import HOURS_PER_WEEK, MAX_EFFORT_HOURS, SLUG_PATTERN, Level, slugify  # noqa: E402
from mlroadmap.quiz import MIN_QUESTIONS  # noqa: E402
from mlroadmap.records import BrokenPage, PhaseRecord, TopicRecord  # noqa: E402
from mlroadmap.sitepaths import base_path  # noqa: E402

DEFAULT_EFFORT = 10
TODO = "TODO(new-topic)"
LEVELS = tuple(level.value for level in Level)
PLACEHOLDER_RESOURCES = (("video", "a video"), ("article", "an article"), ("docs", "the documentation"))
SETUP_CODE = "import numpy as np\n\nrng = np.random.default_rng(0)  # seeded: the same outputs on every build"
EXAMPLE_CODE = """sample = rng.normal(loc=2.0, scale=0.5, size=1_000)
print(f"mean {sample.mean():.2f}, standard deviation {sample.std():.2f}")"""


class ScaffoldError(Exception):
    """Why the page cannot be created, and what to do about it."""


@dataclass(frozen=True)
class PhaseInfo:
    """A phase and its topics, as the scaffold weighs them."""

    record: PhaseRecord
    topics: tuple[TopicRecord, ...]

    @property
    def id(self) -> str:
        """The phase's id (its folder under docs/)."""
        return self.record.id

    @property
    def number(self) -> int:
        """The phase's position on the roadmap."""
        return self.record.phase.number

    @property
    def hours(self) -> int:
        """The effort of the phase's topics, added up."""
        return sum(t.topic.effort_hours for t in self.topics)

    @property
    def budget(self) -> tuple[int, int | None]:
        """The hours the phase's duration allows: (minimum, maximum or None when ongoing)."""
        return self.record.phase.hours_range


@dataclass(frozen=True)
class Roadmap:
    """The phases by id, and every topic id with the number of its phase (0 when unknown)."""

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
def read_roadmap(docs: Path) -> Roadmap:
    """Every phase with its topics, and every topic id (a broken topic page's too), by the build's loader."""
    records, _ = load_pages(read_docs(docs))
    roadmap, _ = build_roadmap(records)
    phases = {p.id: PhaseInfo(p, tuple(roadmap.topics_in(p.id))) for p in roadmap.phases}
    topics = {t.id: phases[t.topic.phase].number if t.topic.phase in phases else 0 for t in roadmap.topics}
    topics.update({r.id: 0 for r in records if isinstance(r, BrokenPage) and r.page_type == "topic"})
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
        if not 1 <= wanted <= MAX_EFFORT_HOURS:
            raise ScaffoldError(f"--effort must be between 1 and {MAX_EFFORT_HOURS} hours")
        if room is not None and wanted > room:
            raise ScaffoldError(_full_message(phase, wanted))
        return wanted
    effort = max(DEFAULT_EFFORT, low - phase.hours)  # bring a phase below its minimum up to it
    if room is not None:
        if room < 1:
            raise ScaffoldError(_full_message(phase, DEFAULT_EFFORT))
        effort = min(effort, room)
    return max(1, min(effort, MAX_EFFORT_HOURS))


def _full_message(phase: PhaseInfo, effort: int) -> str:
    weeks = math.ceil((phase.hours + effort) / HOURS_PER_WEEK)
    where = f"docs/{phase.record.src}:{phase.record.front.line_of(('weeks_max',))}"
    return (
        f"phase '{phase.id}' has no room for {effort} more hours: its topics add up to {phase.hours} h and "
        f"weeks_max {phase.record.phase.weeks_max} allows {phase.budget[1]} h at {HOURS_PER_WEEK} h a week "
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
    if not re.fullmatch(SLUG_PATTERN, args.id):
        raise ScaffoldError(
            f"'{args.id}' is not a valid topic id (use lower-case letters, digits and hyphens: {slugify(args.id)})"
        )
    if args.id in roadmap.topics:
        raise ScaffoldError(f"a topic with the id '{args.id}' already exists (choose another id)")
    phase_tags = [tag for record in phase.topics for tag in record.topic.tags]
    tags = _split(args.tags) or [tag for tag, _ in Counter(phase_tags).most_common(1)] or [phase.id]
    bad = [tag for tag in tags if not re.fullmatch(SLUG_PATTERN, tag)]
    if bad:
        raise ScaffoldError(f"tag(s) {', '.join(bad)} are not valid (use lower-case letters, digits and hyphens)")
    return NewTopic(
        phase=phase,
        id=args.id,
        title=args.title or args.id.replace("-", " ").capitalize(),
        summary=args.summary or f"{TODO}: one sentence on what the learner will be able to do.",
        order=args.order or max((t.topic.order for t in phase.topics), default=0) + 1,
        effort=choose_effort(phase, args.effort),
        level=args.level or _most_common_level(phase),
        prerequisites=check_prerequisites(roadmap, phase, _split(args.prerequisites)),
        tags=tags,
        notebook=f"notebooks/{args.id}.ipynb" if args.notebook else None,
    )


def _split(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()]


def _most_common_level(phase: PhaseInfo) -> str:
    counted = Counter(record.topic.level.value for record in phase.topics).most_common(1)
    return counted[0][0] if counted else LEVELS[min(phase.number, len(LEVELS)) - 1]


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

{exercise_template(1)}
{exercise_template(2)}
Quick self-check:

```quiz
{"".join(quiz_question_template(n) for n in range(1, MIN_QUESTIONS + 1)).rstrip()}
```
"""
    return "\n".join(lines) + "\n" + body


def exercise_template(number: int) -> str:
    """A coding exercise that the build can already check: its solution passes, its starter fails."""
    return f"""```exercise
id: todo-exercise-{number}
title: "{TODO}: exercise {number}, a short title"
task: >-
  {TODO}: what to do, naming the variable or function the check reads. Give set-up code (data made
  in the code or shipped in a package), a starter with `...` to fill in, a solution, a check with
  the helpers (expect_close, expect_shape, ...) and one to three hints.
setup: |
  import numpy as np
starter: |
  answer = ...
solution: |
  answer = np.float64({number})
check: |
  expect_close("answer", answer, {number})
hints:
  - "{TODO}: a nudge towards the answer."
```
"""


def quiz_question_template(number: int) -> str:
    """One placeholder question of the self-check quiz (the site requires at least five)."""
    return f"""- q: "{TODO}: question {number}, on something this page teaches."
  options:
    - "{TODO}: the right answer"
    - "{TODO}: a plausible mistake"
    - "{TODO}: another plausible mistake"
  correct: 1
  why: "{TODO}: why the right answer is right, in one to three sentences."

"""


def check_page(src: str, text: str) -> None:
    """Refuse a page the build would reject (e.g. a summary too short), with the build's own message."""
    _, problems = load_pages([(src, text.encode())])
    if problems:
        raise ScaffoldError("; ".join(problem.text for problem in problems))


def new_topic_notebook(topic: NewTopic) -> nbformat.NotebookNode:
    """A small notebook without outputs that runs in a second, as the build executes it."""
    cells = [
        new_markdown_cell(f"# {topic.title}\n\n{TODO}: what this notebook shows, in a sentence or two."),
        new_code_cell(
            "import numpy as np\n\nrng = np.random.default_rng(0)  # seeded: the same outputs on every build"
        ),
        new_markdown_cell(f"{TODO}: replace this example with the notebook's own steps."),
        new_code_cell(EXAMPLE_CODE),
    ]
    for index, cell in enumerate(cells):
        cell["id"] = f"cell-{index:02d}"
    kernel = {"display_name": "Python 3", "language": "python", "name": "python3"}
    notebook: nbformat.NotebookNode = new_notebook(
        cells=cells, metadata={"kernelspec": kernel, "language_info": {"name": "python"}}
    )
    return notebook


def write(topic: NewTopic, docs: Path) -> list[Path]:
    """Write the page, its exercises notebook and its notebook if asked for; refuse to overwrite anything."""
    src = f"{topic.phase.id}/{topic.id}.md"
    page = docs / src
    exercises = docs.parent / notebook_path(topic.id)
    targets = [page] + ([docs / topic.notebook] if topic.notebook else []) + [exercises]
    existing = [path for path in targets if path.exists()]
    if existing:
        raise ScaffoldError(f"{existing[0]} already exists (choose another id, or delete the file)")
    text = page_source(topic)
    check_page(src, text)
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(text, encoding="utf-8")
    if topic.notebook:
        (docs / topic.notebook).parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(new_topic_notebook(topic), docs / topic.notebook)
    exercises.parent.mkdir(parents=True, exist_ok=True)
    exercises.write_text(exercises_notebook(src, text, site_url(docs)), encoding="utf-8")
    return targets


def exercises_notebook(src: str, text: str, site: str) -> str:
    """The learner's notebook of the new page's exercises, as ``./run exercises`` writes it."""
    records, _ = load_pages([(src, text.encode())])
    record = records[0]
    assert isinstance(record, TopicRecord)
    return topic_notebook(record, valid_exercises(record), site)


def site_url(docs: Path) -> str:
    """The ``site_url`` of the project's mkdocs.yml, or "" without one."""
    config = docs.parent / "mkdocs.yml"
    text = config.read_text(encoding="utf-8") if config.is_file() else ""
    match = re.search(r"^site_url:\s*['\"]?([^'\"\s#]+)", text, re.MULTILINE)
    return match.group(1) if match else ""


def serve_url(docs: Path) -> str:
    """Where ``./run serve`` shows the site: MkDocs serves it under the path of ``site_url``."""
    return "http://127.0.0.1:8000" + base_path(site_url(docs))


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
        "     the four sections, the two coding exercises and the five quiz questions"
        + (" and the notebook" if topic.notebook else "")
        + ".\n"
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
    parser.add_argument("--docs-dir", type=Path, default=REPO / "docs", help="the docs folder (default: docs/)")
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
