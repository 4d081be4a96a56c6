"""The roadmap as data: ``roadmap.json``, published with the site.

Fields are documented in the contributors' guide (``docs/contributing/roadmap-json.md``); bump
``SCHEMA_VERSION`` when a field changes meaning or disappears.
"""

from __future__ import annotations

import json
from typing import Any

from mlroadmap.graph import Roadmap
from mlroadmap.load import TopicRecord
from mlroadmap.model import HOURS_PER_WEEK, Resource
from mlroadmap.sitepaths import page_url

SCHEMA_VERSION = 1


def roadmap_data(roadmap: Roadmap) -> dict[str, Any]:
    """The roadmap as plain data: phases in order, each with its topics in order."""
    return {
        "schema_version": SCHEMA_VERSION,
        "hours_per_week": HOURS_PER_WEEK,
        "phases": [
            {
                "id": phase.id,
                "number": phase.phase.number,
                "title": phase.phase.title,
                "url": page_url(phase.src),
                "duration": phase.phase.duration,
                "weeks_min": phase.phase.weeks_min,
                "weeks_max": phase.phase.weeks_max,
                "goal": phase.phase.goal,
                "summary": phase.phase.summary,
                "resources": [_resource(r) for r in phase.phase.resources],
                "topics": [_topic(t, roadmap) for t in roadmap.topics_in(phase.id)],
            }
            for phase in roadmap.phases
        ],
    }


def roadmap_json(roadmap: Roadmap) -> str:
    """``roadmap_data`` serialised as indented, key-stable JSON."""
    return json.dumps(roadmap_data(roadmap), indent=2, ensure_ascii=False) + "\n"


def _topic(record: TopicRecord, roadmap: Roadmap) -> dict[str, Any]:
    topic = record.topic
    return {
        "id": record.id,
        "title": topic.title,
        "url": page_url(record.src),
        "summary": topic.summary,
        "phase": topic.phase,
        "order": topic.order,
        "effort_hours": topic.effort_hours,
        "level": topic.level.value,
        "prerequisites": list(topic.prerequisites),
        "next": [t.id for t in roadmap.next_topics(record)],
        "tags": list(topic.tags),
        "aliases": list(topic.aliases),
        "notebooks": [page_url(n) for n in topic.notebooks],
        "moved_from": list(topic.moved_from),
        "resources": [_resource(r) for r in topic.resources],
        # Filled in once the page has run (mlroadmap.notebooks.pages.with_execution_stats).
        "figures": 0,
        "executed_blocks": 0,
        "execution_seconds": 0.0,
    }


def _resource(resource: Resource) -> dict[str, str]:
    return {
        "title": resource.title,
        "url": resource.url,
        "kind": resource.kind.value,
        "cost": resource.cost.value,
        "note": resource.note,
    }
