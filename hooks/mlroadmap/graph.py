"""Assemble validated pages into a roadmap and check what only the whole roadmap can show.

Unknown phases and prerequisites, prerequisite cycles, duplicate ids and orders, topics filed
in the wrong phase folder, phases whose topics do not add up to the phase's duration, and old
ids in ``moved_from`` that still exist or are claimed twice.
"""

from __future__ import annotations

import difflib
import functools
import graphlib
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import PurePosixPath
from typing import TypeVar

from mlroadmap.booknotes import repeated_book_problems
from mlroadmap.model import HOURS_PER_WEEK
from mlroadmap.problems import Problem
from mlroadmap.records import BrokenPage, PhaseRecord, Record, TopicRecord

R = TypeVar("R", TopicRecord, PhaseRecord)
KIND = "roadmap"
EXAMPLE = "notebooks/name.ipynb"


@dataclass(frozen=True)
class Roadmap:
    """The validated roadmap: phases in order, and their topics."""

    phases: tuple[PhaseRecord, ...]
    topics: tuple[TopicRecord, ...]

    def topics_in(self, phase_id: str) -> list[TopicRecord]:
        """The topics of a phase, in their study order."""
        return list(self._index.by_phase.get(phase_id, ()))

    def topic(self, topic_id: str) -> TopicRecord | None:
        """The topic with this id, if there is one."""
        return self._index.topics.get(topic_id)

    def phase(self, phase_id: str) -> PhaseRecord | None:
        """The phase with this id, if there is one."""
        return self._index.phases.get(phase_id)

    def prerequisites_of(self, record: TopicRecord) -> list[TopicRecord]:
        """The topics a topic builds on, in the order its front matter lists them."""
        return [t for name in record.topic.prerequisites if (t := self.topic(name)) is not None]

    def next_topics(self, record: TopicRecord) -> list[TopicRecord]:
        """The topics that list this one as a prerequisite, in roadmap order."""
        return list(self._index.next.get(record.id, ()))

    def ordered_topics(self) -> list[TopicRecord]:
        """Every topic in roadmap order: by phase number, then by order within the phase."""
        return [t for p in self.phases for t in self.topics_in(p.id)]

    def by_src(self, src: str) -> TopicRecord | PhaseRecord | None:
        """The record of the page at ``src`` (relative to docs/), if it is a roadmap page."""
        return self._index.sources.get(src)

    @functools.cached_property
    def _index(self) -> _Index:
        """Lookups by id, phase and path, made once: every page's blocks ask them (no scans per page)."""
        return _Index.of(self)


@dataclass(frozen=True)
class _Index:
    """A roadmap's records by id, by phase (in study order), by path, and what each topic leads to."""

    topics: dict[str, TopicRecord]
    phases: dict[str, PhaseRecord]
    by_phase: dict[str, tuple[TopicRecord, ...]]
    sources: dict[str, TopicRecord | PhaseRecord]
    next: dict[str, tuple[TopicRecord, ...]]

    @classmethod
    def of(cls, roadmap: Roadmap) -> _Index:
        """The index of ``roadmap``; where records share an id or a path, the first one, as a scan finds."""
        topics: dict[str, TopicRecord] = {}
        phases: dict[str, PhaseRecord] = {}
        sources: dict[str, TopicRecord | PhaseRecord] = {}
        grouped: dict[str, list[TopicRecord]] = {}
        for topic in roadmap.topics:
            topics.setdefault(topic.id, topic)
            sources.setdefault(topic.src, topic)
            grouped.setdefault(topic.topic.phase, []).append(topic)
        for phase in roadmap.phases:
            phases.setdefault(phase.id, phase)
            sources.setdefault(phase.src, phase)
        by_phase = {key: tuple(sorted(group, key=lambda t: (t.topic.order, t.id))) for key, group in grouped.items()}
        leads_to: dict[str, list[TopicRecord]] = {}
        for phase in roadmap.phases:
            for topic in by_phase.get(phase.id, ()):
                for name in dict.fromkeys(topic.topic.prerequisites):
                    leads_to.setdefault(name, []).append(topic)
        return cls(topics, phases, by_phase, sources, {key: tuple(value) for key, value in leads_to.items()})


def build_roadmap(records: Iterable[Record]) -> tuple[Roadmap, list[Problem]]:
    """Keep the first of each id, order phases by number, and return every cross-page problem."""
    records = list(records)
    topics, topic_problems = _unique([r for r in records if isinstance(r, TopicRecord)], "topic")
    phases, phase_problems = _unique([r for r in records if isinstance(r, PhaseRecord)], "phase")
    phases.sort(key=lambda p: (p.phase.number, p.id))
    roadmap = Roadmap(tuple(phases), tuple(topics))
    broken = [r for r in records if isinstance(r, BrokenPage)]
    broken_ids = {r.id for r in broken}
    broken_folders = {str(PurePosixPath(r.src).parent) for r in broken}
    problems = [
        *topic_problems,
        *phase_problems,
        *_phase_number_problems(phases),
        *_phase_membership_problems(roadmap, broken_ids),
        *_prerequisite_problems(roadmap, broken_ids),
        *_cycle_problems(roadmap),
        *_order_problems(roadmap),
        *_effort_problems(roadmap, broken_folders),
        *_moved_from_problems(roadmap, broken),
        *repeated_book_problems(roadmap.topics),
    ]
    return roadmap, problems


def assemble_roadmap(records: Iterable[Record], existing: set[str]) -> tuple[Roadmap, list[Problem]]:
    """``build_roadmap``, then the notebooks topics list checked against the ``existing`` files.

    The roadmap keeps only the notebooks that exist, so pages link to no missing notebook (each
    missing one is reported once, here, not again as a broken link).
    """
    roadmap, problems = build_roadmap(records)
    return without_missing_notebooks(roadmap, existing), problems + notebook_problems(roadmap, existing)


def _unique(records: Sequence[R], noun: str) -> tuple[list[R], list[Problem]]:
    seen: dict[str, R] = {}
    problems: list[Problem] = []
    for record in sorted(records, key=lambda r: r.src):
        if record.id in seen:
            message = f"{noun} id '{record.id}' is already used by docs/{seen[record.id].src}"
            fix = f"give this {noun} a unique id (its file name, or an 'id' field)"
            problems.append(Problem(record.src, record.front.line_of(("id",)), message, fix, "id", KIND))
        else:
            seen[record.id] = record
    return list(seen.values()), problems


def _phase_number_problems(phases: Sequence[PhaseRecord]) -> list[Problem]:
    return [
        Problem(
            later.src,
            later.front.line_of(("number",)),
            f"phase number {later.phase.number} is also used by docs/{earlier.src}",
            "give each phase its own number",
            "number",
            KIND,
        )
        for earlier, later in itertools.pairwise(phases)
        if earlier.phase.number == later.phase.number
    ]


def _phase_membership_problems(roadmap: Roadmap, broken_ids: set[str]) -> list[Problem]:
    problems: list[Problem] = []
    phase_ids = [p.id for p in roadmap.phases]
    for record in roadmap.topics:
        phase = roadmap.phase(record.topic.phase)
        line = record.front.line_of(("phase",))
        if phase is None:
            if record.topic.phase not in broken_ids:
                message, fix = f"unknown phase '{record.topic.phase}'", _suggest(record.topic.phase, phase_ids, "phase")
                problems.append(Problem(record.src, line, message, fix, "phase", KIND))
            continue
        folder = str(PurePosixPath(phase.src).parent)
        if str(PurePosixPath(record.src).parent) != folder:
            message = f"the topic belongs to phase '{phase.id}' but is not in its folder docs/{folder}/"
            fix = f"move the file to docs/{folder}/ or change 'phase'"
            problems.append(Problem(record.src, line, message, fix, "phase", KIND))
    for phase in roadmap.phases:
        if not roadmap.topics_in(phase.id):
            fix = "add a topic page with 'phase: " + phase.id + "'"
            problems.append(Problem(phase.src, None, f"phase '{phase.id}' has no topics", fix, kind=KIND))
    return problems


def _prerequisite_problems(roadmap: Roadmap, broken_ids: set[str]) -> list[Problem]:
    problems: list[Problem] = []
    topic_ids = [t.id for t in roadmap.topics]
    numbers = {p.id: p.phase.number for p in roadmap.phases}
    for record in roadmap.topics:
        for index, name in enumerate(record.topic.prerequisites):
            required = roadmap.topic(name)
            if name == record.id:
                message, fix = "a topic cannot be its own prerequisite", "remove it"
            elif required is None:
                if name in broken_ids:
                    continue
                message, fix = f"unknown prerequisite '{name}'", _suggest(name, topic_ids, "topic")
            elif _later_phase(numbers, required.topic.phase, record.topic.phase):
                message = f"prerequisite '{name}' is in a later phase ({required.topic.phase})"
                fix = "remove it, or move one of the two topics so prerequisites come first"
            else:
                continue
            line = record.front.line_of(("prerequisites", index))
            problems.append(Problem(record.src, line, message, fix, f"prerequisites[{index + 1}]", KIND))
    return problems


def _later_phase(numbers: dict[str, int], phase: str, than: str) -> bool:
    """Whether ``phase`` comes after ``than``; not known (False) while either phase page is missing or broken."""
    return phase in numbers and than in numbers and numbers[phase] > numbers[than]


def _cycle_problems(roadmap: Roadmap) -> list[Problem]:
    """Each prerequisite cycle once, on the line of its first topic (by path) that lists the next."""
    edges = {
        t.id: list(dict.fromkeys(p for p in t.topic.prerequisites if p != t.id and roadmap.topic(p)))
        for t in sorted(roadmap.topics, key=lambda t: t.src)
    }
    problems: list[Problem] = []
    while (cycle := _find_cycle(roadmap, edges)) is not None:
        first = roadmap.topic(cycle[0])
        assert first is not None
        index = first.topic.prerequisites.index(cycle[1])
        problems.append(
            Problem(
                first.src,
                first.front.line_of(("prerequisites", index)),
                "prerequisites form a cycle: " + " -> ".join([*cycle, cycle[0]]),
                "remove one of these prerequisites so the topics can be studied in order",
                f"prerequisites[{index + 1}]",
                KIND,
            )
        )
        edges[cycle[0]].remove(cycle[1])  # reported: look for another cycle without this link
    return problems


def _find_cycle(roadmap: Roadmap, edges: dict[str, list[str]]) -> list[str] | None:
    """A cycle of topic ids, each listing the next as a prerequisite, starting at the first by path."""
    try:
        graphlib.TopologicalSorter(edges).prepare()
    except graphlib.CycleError as error:
        # graphlib lists each node before the one it is a prerequisite of; read it the other way.
        cycle: list[str] = list(reversed(error.args[1][1:]))
        start = min(range(len(cycle)), key=lambda i: _src_of(roadmap, cycle[i]))
        return cycle[start:] + cycle[:start]
    return None


def _src_of(roadmap: Roadmap, topic_id: str) -> str:
    record = roadmap.topic(topic_id)
    return record.src if record else ""


def _order_problems(roadmap: Roadmap) -> list[Problem]:
    problems: list[Problem] = []
    for phase in roadmap.phases:
        seen: dict[int, TopicRecord] = {}
        for record in roadmap.topics_in(phase.id):
            if record.topic.order in seen:
                message = f"order {record.topic.order} is also used by docs/{seen[record.topic.order].src}"
                fix = "give each topic of a phase its own order number"
                problems.append(Problem(record.src, record.front.line_of(("order",)), message, fix, "order", KIND))
            seen.setdefault(record.topic.order, record)
    return problems


def _effort_problems(roadmap: Roadmap, broken_folders: set[str]) -> list[Problem]:
    """Topics' effort against the phase's duration; skipped where a topic page is broken."""
    problems: list[Problem] = []
    for phase in roadmap.phases:
        if str(PurePosixPath(phase.src).parent) in broken_folders:
            continue
        hours = sum(t.topic.effort_hours for t in roadmap.topics_in(phase.id))
        low, high = phase.phase.hours_range
        if hours and (hours < low or (high is not None and hours > high)):
            span = f"{low}-{high}" if high else f"at least {low}"
            message = (
                f"the phase's topics add up to {hours} h, but {phase.phase.duration} "
                f"at {HOURS_PER_WEEK} h a week is {span} h"
            )
            fix = "adjust the topics' effort_hours or the phase's weeks_min/weeks_max"
            problems.append(Problem(phase.src, phase.front.line_of(("weeks_min",)), message, fix, "weeks_min", KIND))
    return problems


def _moved_from_problems(roadmap: Roadmap, broken: Sequence[BrokenPage]) -> list[Problem]:
    """Old ids in ``moved_from`` that still exist, or that two places claim (the first by path keeps it)."""
    existing = {r.id: r.src for r in broken if r.page_type == "topic"} | {t.id: t.src for t in roadmap.topics}
    claimed: dict[str, TopicRecord] = {}
    problems: list[Problem] = []
    for record in sorted(roadmap.topics, key=lambda t: t.src):
        for index, old in enumerate(record.topic.moved_from):
            if old == record.id:
                message, fix = "a topic cannot have moved from its own id", "remove it"
            elif old in existing:
                message = f"topic '{old}' still exists (docs/{existing[old]})"
                fix = "list only ids no page has any more: rename or remove that topic first, or remove this entry"
            elif old in claimed:
                first = claimed[old].src
                twice = first == record.src
                message = f"'{old}' is listed twice" if twice else f"'{old}' is also claimed by docs/{first}"
                fix = "an old id moves to one topic only: keep it on the page that replaced it and remove it here"
            else:
                claimed[old] = record
                continue
            line = record.front.line_of(("moved_from", index))
            problems.append(Problem(record.src, line, message, fix, f"moved_from[{index + 1}]", KIND))
    return problems


def notebook_problems(roadmap: Roadmap, existing: set[str]) -> list[Problem]:
    """Topics that list a notebook file the docs do not have."""
    problems: list[Problem] = []
    notebooks = sorted(path for path in existing if path.endswith(".ipynb"))
    for record in roadmap.topics:
        for index, notebook in enumerate(record.topic.notebooks):
            if notebook not in existing:
                close = difflib.get_close_matches(notebook, notebooks, n=1)
                fix = f"did you mean '{close[0]}'?" if close else "give its path relative to docs/, e.g. " + EXAMPLE
                line = record.front.line_of(("notebooks", index))
                message = f"notebook '{notebook}' does not exist"
                problems.append(Problem(record.src, line, message, fix, f"notebooks[{index + 1}]", KIND))
    return problems


def without_missing_notebooks(roadmap: Roadmap, existing: set[str]) -> Roadmap:
    """The roadmap with only the notebooks that exist (``notebook_problems`` reports the others)."""
    topics = tuple(
        replace(t, topic=t.topic.model_copy(update={"notebooks": [n for n in t.topic.notebooks if n in existing]}))
        if any(n not in existing for n in t.topic.notebooks)
        else t
        for t in roadmap.topics
    )
    return Roadmap(roadmap.phases, topics)


def _suggest(name: str, known: Sequence[str], noun: str) -> str:
    close = difflib.get_close_matches(name, known, n=1)
    if close:
        return f"did you mean '{close[0]}'?"
    return f"use the id of an existing {noun}: " + ", ".join(sorted(known)[:8]) if known else f"add the {noun} first"
