"""Topic ids that learners' browsers keep progress under: every id a release published lives on.

``data/released-ids.json`` lists each topic id the published site has had, with the page, phase
and title it had then. A maintainer adds the ids of each release to it (``./run release-ids``,
``scripts/release_ids.py``); ids are never removed. A released id that no topic has any more must
be claimed in the ``moved_from`` of the topic that replaced it, or the browsers that kept
progress, notes or quiz scores under it would lose them. Without the file nothing was released
yet, and nothing is checked.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from mlroadmap.graph import Roadmap
from mlroadmap.model import Slug
from mlroadmap.problems import Problem
from mlroadmap.records import TopicRecord

RELEASED_PATH = PurePosixPath("data/released-ids.json")
"""Where the released ids are kept, relative to the folder of mkdocs.yml."""
FORMAT: Literal["ml-roadmap-released-ids"] = "ml-roadmap-released-ids"
KIND = "roadmap"
UPDATE_COMMAND = "./run release-ids"
SIMILAR = 0.6
"""How alike (difflib's ratio) a new topic's id or title must be to a vanished one's to be named."""


class ReleasedTopic(BaseModel):
    """What a released topic was: its page (relative to docs/), phase and title."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    page: str
    phase: str
    title: str


class ReleasedIds(BaseModel):
    """The content of ``data/released-ids.json``: every topic id released so far, by id."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format: Literal["ml-roadmap-released-ids"] = FORMAT
    about: str = (
        "Topic ids of every release of the site, kept forever: a topic id that disappears must be "
        "claimed in moved_from. Updated with ./run release-ids; see docs/contributing/index.md."
    )
    topics: dict[Slug, ReleasedTopic] = {}


def current_release(roadmap: Roadmap) -> dict[str, ReleasedTopic]:
    """The roadmap's topics as a release records them, by id."""
    return {t.id: ReleasedTopic(page=t.src, phase=t.topic.phase, title=t.topic.title) for t in roadmap.ordered_topics()}


def updated(previous: ReleasedIds, roadmap: Roadmap) -> ReleasedIds:
    """``previous`` with the roadmap's topics added (or brought up to date), sorted by id."""
    topics = {**previous.topics, **current_release(roadmap)}
    return previous.model_copy(update={"topics": dict(sorted(topics.items()))})


def released_json(released: ReleasedIds) -> str:
    """The file's text: indented, key-stable JSON ending in a newline."""
    return released.model_dump_json(indent=2) + "\n"


def load_released(data_file: Path, docs_dir: Path) -> tuple[ReleasedIds, list[Problem]]:
    """The released ids in ``data_file`` (none when it does not exist), or a problem naming it."""
    if not data_file.is_file():
        return ReleasedIds(), []
    try:
        return ReleasedIds.model_validate_json(data_file.read_bytes()), []
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "the file"
        message = f"not a released-ids file: {where}: {first['msg']}"
        fix = f"restore it from git, or write it again with {UPDATE_COMMAND}"
        return ReleasedIds(), [Problem(_relative(data_file, docs_dir), None, message, fix, kind=KIND)]


def unclaimed_problems(roadmap: Roadmap, released: Mapping[str, ReleasedTopic], data_page: str) -> list[Problem]:
    """Released ids that no topic has and no topic claims in ``moved_from``, one problem each.

    Each names the page that most likely replaced the topic: the topic now at the released page,
    else the new topic most like it by id or title, else its phase's page, else ``data_page``
    (the data file, relative to docs/).
    """
    current = {t.id for t in roadmap.topics}
    claimed = {old for t in roadmap.topics for old in t.topic.moved_from}
    new_topics = [t for t in roadmap.ordered_topics() if t.id not in released]
    problems: list[Problem] = []
    for old_id, old in sorted(released.items()):
        if old_id in current or old_id in claimed:
            continue
        message = f"topic '{old_id}' ({old.title}) was released and no page has it or claims it in 'moved_from'"
        successor = _successor(roadmap, old_id, old, new_topics)
        if successor is not None:
            fix = f"if this page replaced it, add 'moved_from: [{old_id}]' to its front matter"
            fix += "; otherwise add that to the page that did"
            line = successor.front.line_of(("moved_from",)) if successor.topic.moved_from else None
            problems.append(Problem(successor.src, line, message, fix, "moved_from", KIND))
            continue
        phase = roadmap.phase(old.phase)
        path = phase.src if phase is not None else data_page
        fix = f"add 'moved_from: [{old_id}]' to the front matter of the topic page that replaced it"
        problems.append(Problem(path, None, message, fix, kind=KIND))
    return problems


def release_problems(roadmap: Roadmap, data_file: Path, docs_dir: Path) -> list[Problem]:
    """Every problem with the released ids in ``data_file``: the file itself, or unclaimed ids."""
    released, problems = load_released(data_file, docs_dir)
    return problems + unclaimed_problems(roadmap, released.topics, _relative(data_file, docs_dir))


def _successor(roadmap: Roadmap, old_id: str, old: ReleasedTopic, new_topics: list[TopicRecord]) -> TopicRecord | None:
    """The topic that most likely replaced a vanished one: at its page, else the most alike new one."""
    at_page = roadmap.by_src(old.page)
    if isinstance(at_page, TopicRecord):
        return at_page

    def likeness(record: TopicRecord) -> float:
        return max(_ratio(old_id, record.id), _ratio(old.title.lower(), record.topic.title.lower()))

    best = max(new_topics, key=likeness, default=None)  # the first in roadmap order on a tie
    return best if best is not None and likeness(best) >= SIMILAR else None


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


def _relative(path: Path, docs_dir: Path) -> str:
    """``path`` relative to the docs folder, as problems name files (``../data/...``)."""
    return Path(os.path.relpath(path, docs_dir)).as_posix()
