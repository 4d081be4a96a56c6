"""Turn pydantic's validation errors into located, fixable problems, one per field.

Each error type has its own wording (``'x' is not allowed (use one of: ...)``, ``required
field 'x' is missing (add 'x: ...')``); the roadmap's own rules (``mlroadmap.model.rule_error``)
carry their message and fix in the error's context.
"""

from __future__ import annotations

import difflib
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from mlroadmap.frontmatter import FieldPath, FrontMatter
from mlroadmap.model import RULE_ERROR
from mlroadmap.problems import Problem

KIND = "front-matter"
TYPE_FIXES = {
    "int_parsing": "write a whole number, e.g. 6",
    "int_type": "write a whole number, e.g. 6",
    "list_type": "write a list, e.g. [a, b] or one '- item' per line",
    "string_type": "write text; quote it if it looks like a number or a date",
    "string_too_short": "write more text",
    "string_too_long": "shorten it",
    "greater_than_equal": "use a larger number",
    "less_than_equal": "use a smaller number",
    "dict_type": "write 'key: value' lines indented under the field",
    "model_type": "write 'key: value' lines indented under the item",
}
SCHEMA_FIX = "see the front matter schema in the contributors' guide"


def describe_validation_error(
    src: str, front: FrontMatter, error: ValidationError, model: type[BaseModel]
) -> list[Problem]:
    """Translate pydantic's errors into one located, fixable problem per field.

    A misspelt field shows up twice in pydantic's errors (unknown 'tag', missing 'tags'); only
    the unknown one is reported, with its "did you mean".
    """
    details = error.errors()
    misspelt = {
        (*detail["loc"][:-1], close[0])
        for detail in details
        if detail["type"] == "extra_forbidden"
        and (
            close := difflib.get_close_matches(
                str(detail["loc"][-1]), _model_at(detail["loc"], model).model_fields, n=1
            )
        )
    }
    return [
        _describe_one(src, front, detail, model)
        for detail in details
        if not (detail["type"] == "missing" and tuple(detail["loc"]) in misspelt)
    ]


def field_label(location: FieldPath) -> str:
    """A field path as contributors write it: ``resources[2].kind`` (items counted from 1)."""
    label = ""
    for part in location:
        label += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if label else str(part))
    return label


def _describe_one(src: str, front: FrontMatter, detail: Any, model: type[BaseModel]) -> Problem:
    location: FieldPath = tuple(
        part for part in detail["loc"] if not isinstance(part, str) or not part.startswith("function-")
    )
    message, fix, field = _wording(detail, location, model)
    return Problem(src, front.line_of(location), message, fix, field, KIND)


def _wording(detail: Any, location: FieldPath, model: type[BaseModel]) -> tuple[str, str, str]:
    """``(message, fix, field)`` for one pydantic error."""
    field = field_label(location)
    kind = detail["type"]
    value = detail.get("input")
    context = detail.get("ctx", {})
    if kind == "missing":
        name = location[-1] if location else "?"
        return f"required field '{name}' is missing", _missing_fix(location, model), field_label(location[:-1])
    if kind == "extra_forbidden":
        name = str(location[-1])
        known = list(_model_at(location, model).model_fields)
        close = difflib.get_close_matches(name, known, n=1)
        fix = f"did you mean '{close[0]}'?" if close else "remove it; known fields: " + ", ".join(sorted(known))
        return f"unknown field '{name}'", fix, field_label(location[:-1])
    if kind in {"literal_error", "enum"}:
        return f"{value!r} is not allowed", f"use one of: {context.get('expected', '').replace(' or ', ', ')}", field
    if kind == RULE_ERROR:
        return str(context["message"]), str(context["fix"]), field
    if kind == "value_error":
        return str(detail["msg"]).removeprefix("Value error, "), "", field
    if kind == "string_pattern_mismatch":
        noun, example = ("tag", "deep-learning") if field.startswith("tags") else ("id", "linear-regression")
        fix = f"use lower-case letters, digits and hyphens, e.g. '{example}'"
        return f"{value!r} is not a valid {noun}", fix, field
    if kind == "too_short" and isinstance(value, list):
        return f"has {len(value)} item(s), needs at least {context.get('min_length')}", "add more entries", field
    message = f"{detail['msg']} (got {value!r})" if value is not None else str(detail["msg"])
    return message, TYPE_FIXES.get(kind, SCHEMA_FIX), field


def _model_at(location: FieldPath, page_model: type[BaseModel]) -> type[BaseModel]:
    """The model that holds the last field of ``location``: the page's, or a nested one (a resource)."""
    model = page_model
    for part in location[:-1]:
        field = model.model_fields.get(part) if isinstance(part, str) else None
        model = (_nested_model(field.annotation) if field is not None else None) or model
    return model


def _nested_model(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model an annotation holds (``list[Resource]`` holds ``Resource``), if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return next((model for arg in get_args(annotation) if (model := _nested_model(arg)) is not None), None)


def _missing_fix(location: FieldPath, page_model: type[BaseModel]) -> str:
    name = str(location[-1]) if location else "?"
    field = _model_at(location, page_model).model_fields.get(name)
    hint = f" ({field.description.rstrip('.')})" if field is not None and field.description else ""
    return f"add '{name}: ...'{hint}"
