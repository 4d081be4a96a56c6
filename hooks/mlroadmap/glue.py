"""Glue: values computed by a page's code, cited in its prose.

A block calls ``glue("inertia_k4", km.inertia_, fmt="{:.0f}")``; the prose writes
``{{ glue:inertia_k4 }}`` and the build puts the formatted value there. A reference to a name no
block of the page glued is a problem at the reference's line.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass

from mlroadmap.problems import Problem

GLUE_RE = re.compile(r"\{\{[ \t]*glue:[ \t]*(?P<name>[A-Za-z_][\w.-]*)[ \t]*\}\}")
NOT_COMPUTED = "…"  # shown when execution is off or the page failed to run


@dataclass(frozen=True)
class GlueReference:
    """A ``{{ glue:name }}`` in a page, with its line in the file."""

    name: str
    line: int


def glue_references(body: str, first_line: int = 1) -> list[GlueReference]:
    """Every glue reference of a page body, in order; ``first_line`` is the body's line."""
    return [
        GlueReference(match["name"], first_line + body.count("\n", 0, match.start()))
        for match in GLUE_RE.finditer(body)
    ]


def unknown_references(src: str, references: list[GlueReference], values: Mapping[str, str]) -> list[Problem]:
    """References to names that no block of the page glued."""
    known = ", ".join(sorted(values)) or "none"
    return [
        Problem(
            src,
            reference.line,
            f"glue reference '{reference.name}' names a value no block on this page produced",
            f"call glue({reference.name!r}, value) in a Python block above, or fix the name (glued here: {known})",
            kind="glue",
        )
        for reference in references
        if reference.name not in values
    ]


def substitute(markdown: str, values: Mapping[str, str]) -> str:
    """Put each glued value in place of its reference (``…`` for a value not computed)."""
    return GLUE_RE.sub(lambda match: html.escape(values.get(match["name"], NOT_COMPUTED)), markdown)
