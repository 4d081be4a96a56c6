"""Split a Markdown source into YAML front matter and body, keeping line numbers.

The front matter is composed into a YAML node tree first, so every key and list item keeps the
line it was written on; validation messages can then point at ``file:line``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

# Same delimiters as MkDocs' own ``mkdocs.utils.meta.YAML_RE``.
FRONT_MATTER_RE = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
FIRST_LINE_OF_YAML = 2  # line 1 of the file is the opening ``---``

FieldPath = tuple[str | int, ...]


@dataclass(frozen=True)
class FrontMatter:
    """Parsed front matter: the data, and the file line of every key and list item."""

    data: dict[str, Any]
    lines: dict[FieldPath, int] = field(default_factory=dict)
    body: str = ""
    body_start_line: int = 1

    def line_of(self, path: FieldPath) -> int:
        """The line of ``path`` or of its nearest ancestor that has one (line 1 as a last resort)."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return 1


class FrontMatterError(ValueError):
    """Front matter that is not a YAML mapping, with the file line where parsing failed."""

    def __init__(self, line: int, message: str, fix: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message
        self.fix = fix


def split_front_matter(source: str) -> tuple[str | None, str, int]:
    """Return ``(yaml_text, body, body_start_line)``; ``yaml_text`` is None without front matter."""
    source = source.replace("\r\n", "\n").lstrip("\ufeff")
    match = FRONT_MATTER_RE.match(source)
    if match is None:
        return None, source, 1
    return match.group(1), source[match.end() :], match.group(0).count("\n") + 1


def parse_front_matter(source: str) -> FrontMatter:
    """Parse a page source; raise :class:`FrontMatterError` for YAML that cannot be read."""
    yaml_text, body, body_start = split_front_matter(source)
    if yaml_text is None:
        if source.lstrip("\ufeff").startswith("---"):
            raise FrontMatterError(1, "front matter is not closed", "end it with a line that is exactly '---'")
        return FrontMatter(data={}, body=body, body_start_line=body_start)
    node = _compose(yaml_text)
    if node is None:
        return FrontMatter(data={}, body=body, body_start_line=body_start)
    if not isinstance(node, yaml.MappingNode):
        raise FrontMatterError(
            FIRST_LINE_OF_YAML + node.start_mark.line,
            "front matter is not a mapping of 'key: value' lines",
            "write one 'key: value' per line between the '---' lines",
        )
    lines = yaml_lines(node, FIRST_LINE_OF_YAML)
    try:
        data = yaml.safe_load(yaml_text)
    except yaml.MarkedYAMLError as error:
        line = FIRST_LINE_OF_YAML + (error.problem_mark.line if error.problem_mark else 0)
        raise FrontMatterError(line, _describe_yaml_error(error), _yaml_fix(error)) from None
    return FrontMatter(data=data, lines=lines, body=body, body_start_line=body_start)


def yaml_lines(node: yaml.Node, first_line: int) -> dict[FieldPath, int]:
    """The file line of every key and list item of a composed YAML ``node`` whose text starts on ``first_line``.

    Raises :class:`FrontMatterError` for a key written twice in one mapping.
    """
    lines: dict[FieldPath, int] = {}
    _record_lines(node, (), lines, first_line)
    return lines


def _compose(yaml_text: str) -> yaml.Node | None:
    try:
        return yaml.compose(yaml_text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = FIRST_LINE_OF_YAML + (mark.line if mark else 0)
        raise FrontMatterError(line, _describe_yaml_error(error), _yaml_fix(error)) from None
    except yaml.YAMLError as error:
        raise FrontMatterError(1, f"front matter is not valid YAML: {error}", "check the syntax") from None


def _describe_yaml_error(error: yaml.MarkedYAMLError) -> str:
    problem = " ".join(str(part) for part in (error.context, error.problem) if part)
    return f"front matter is not valid YAML: {problem}"


def _yaml_fix(error: yaml.MarkedYAMLError) -> str:
    if "\\t" in str(error.problem) or "tab" in str(error.problem):
        return "YAML does not allow tabs for indentation: indent with spaces"
    if "mapping values are not allowed" in str(error.problem):
        return "put quotes around a value that contains ': ', or fix the indentation"
    return "check the indentation and quoting on this line and the one before it"


def _record_lines(node: yaml.Node, path: FieldPath, lines: dict[FieldPath, int], first_line: int) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key_path = (*path, str(key_node.value))
            line = first_line + key_node.start_mark.line
            if key_path in lines:
                raise FrontMatterError(
                    line,
                    f"field '{key_node.value}' appears twice (first on line {lines[key_path]})",
                    "keep one of them and merge their values",
                )
            lines[key_path] = line
            _record_lines(value_node, key_path, lines, first_line)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            item_path = (*path, index)
            lines[item_path] = first_line + item.start_mark.line
            _record_lines(item, item_path, lines, first_line)
