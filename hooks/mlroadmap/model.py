"""The front matter schema of roadmap pages, as pydantic models.

A *topic* page (``type: topic``) is one thing to learn; a *phase* page (``type: phase``) groups
topics and carries the phase's goal and duration. Pages without ``type`` are ordinary pages.
The models are the single source of truth: the contributors' guide renders them, the hooks
validate every page against them, and ``roadmap.json`` is built from them.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator
from pydantic_core import PydanticCustomError

from mlroadmap.urls import url_problem

HOURS_PER_WEEK = 10
"""Study hours per week that effort estimates and phase durations assume."""

MAX_EFFORT_HOURS = 200
"""The most study hours one topic may claim; a larger topic should be split."""

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
RULE_ERROR = "roadmap_rule"
"""pydantic error type of the roadmap's own rules; its context holds ``message`` and ``fix``."""
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Summary = Annotated[str, StringConstraints(strip_whitespace=True, min_length=20, max_length=200)]


def slugify(text: str) -> str:
    """The id a name would have: lower-case letters, digits and hyphens, e.g. ``delta-rule``."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def rule_error(message: str, fix: str) -> PydanticCustomError:
    """A validation error for a rule of the roadmap, with its fix kept apart from the message."""
    return PydanticCustomError(RULE_ERROR, "{message} ({fix})", {"message": message, "fix": fix})


class Level(StrEnum):
    """How much a learner should already know before starting a topic."""

    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"
    EXPERT = "expert"


class ResourceKind(StrEnum):
    """What a resource is, so learners can pick the format that suits them."""

    VIDEO = "video"
    COURSE = "course"
    BOOK = "book"
    ARTICLE = "article"
    DOCS = "docs"
    PAPER = "paper"
    DATASET = "dataset"
    TOOL = "tool"
    COMMUNITY = "community"


class Cost(StrEnum):
    """What a resource costs a learner."""

    FREE = "free"
    FREEMIUM = "freemium"
    PAID = "paid"


class StrictModel(BaseModel):
    """A model that rejects unknown fields, so a typo in a field name is reported."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class ThemeFields(StrictModel):
    """Front matter keys that MkDocs and Material give a meaning to; allowed on every page."""

    description: str | None = None
    hide: list[str] = []
    search: dict[str, Any] = {}
    icon: str | None = None
    status: str | None = None
    subtitle: str | None = None
    template: str | None = None


class Resource(StrictModel):
    """A curated external resource: what it is, where, what it costs and why it is worth it."""

    title: Text = Field(description="The resource's own title, e.g. 'StatQuest: Logistic Regression'.")
    url: str = Field(description="Its canonical https:// address (no shorteners, no utm_ parameters).")
    kind: ResourceKind = Field(description="One of: " + ", ".join(kind.value for kind in ResourceKind) + ".")
    cost: Cost = Field(description="One of: free, freemium, paid.")
    note: Annotated[str, StringConstraints(strip_whitespace=True, min_length=10, max_length=200)] = Field(
        description="One line on why it is worth the learner's time."
    )

    @field_validator("url")
    @classmethod
    def _url_is_allowed(cls, url: str) -> str:
        problem = url_problem(url)
        if problem is not None:
            raise rule_error(*problem)
        return url


class Topic(ThemeFields):
    """Front matter of a topic page (``type: topic``)."""

    type: Literal["topic"]
    id: Slug | None = Field(None, description="Defaults to the file name; must equal it when given.")
    title: Text = Field(description="The page title, shown in navigation and on the roadmap.")
    summary: Summary = Field(description="One sentence (20-200 characters): meta description and roadmap line.")
    phase: Slug = Field(description="The id of the phase this topic belongs to, e.g. 'core-ml'.")
    order: int = Field(ge=1, description="Position of the topic within its phase, from 1.")
    effort_hours: int = Field(ge=1, le=MAX_EFFORT_HOURS, description="Estimated study hours, including practice.")
    level: Level = Field(description="beginner, intermediate, advanced or expert.")
    prerequisites: list[Slug] = Field([], description="Ids of topics to study first.")
    tags: list[Slug] = Field(min_length=1, description="Lower-case tags, e.g. [classification, supervised].")
    aliases: list[Text] = Field([], description="Other names people search for, e.g. [OLS].")
    notebooks: list[Text] = Field([], description="Notebook files (relative to docs/) that go with the topic.")
    moved_from: list[Slug] = Field(
        [], description="Ids this topic had before a rename, merge or split, so learners' progress follows it."
    )
    resources: list[Resource] = Field(min_length=3, description="At least three curated resources, free first.")


class Phase(ThemeFields):
    """Front matter of a phase page (``type: phase``)."""

    type: Literal["phase"]
    id: Slug | None = Field(None, description="Defaults to the page's folder name; must equal it when given.")
    title: Text = Field(description="e.g. 'Phase 2: Core Machine Learning'.")
    number: int = Field(ge=1, description="The phase's position on the roadmap, from 1.")
    summary: Summary = Field(description="One sentence for the roadmap and the meta description.")
    duration: Text = Field(description="How long the phase takes, as the roadmap says it, e.g. '2-3 months'.")
    weeks_min: int = Field(ge=1, description="The shortest duration in weeks.")
    weeks_max: int | None = Field(None, ge=1, description="The longest duration in weeks; omit for an ongoing phase.")
    goal: Text = Field(description="What the learner can do at the end of the phase.")
    resources: list[Resource] = Field([], description="Resources for the phase as a whole.")

    @model_validator(mode="after")
    def _weeks_in_order(self) -> Phase:
        if self.weeks_max is not None and self.weeks_max < self.weeks_min:
            raise rule_error(
                f"weeks_max ({self.weeks_max}) is less than weeks_min ({self.weeks_min})",
                "swap them, or omit weeks_max for an ongoing phase",
            )
        return self

    @property
    def hours_range(self) -> tuple[int, int | None]:
        """The study hours the phase's duration allows: (least, most or None for an ongoing phase)."""
        most = self.weeks_max * HOURS_PER_WEEK if self.weeks_max else None
        return self.weeks_min * HOURS_PER_WEEK, most


ROADMAP_FIELDS = (
    frozenset(Topic.model_fields) - frozenset(ThemeFields.model_fields) - {"title", "type", "id", "summary", "tags"}
)
"""Fields that only make sense on a roadmap page; on a page without ``type`` they signal a mistake."""
