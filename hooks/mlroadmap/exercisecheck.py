"""Check helpers for coding exercises: each says exactly what is wrong, and never gives the answer away.

This module ships to learners: the build copies its source, as it is, into every exercises
notebook, so a check cell runs offline and on Colab with nothing to download. It needs only the
standard library and numpy. Every helper returns nothing when the value is right and raises
:class:`ExerciseFailed` (an ``AssertionError``) with a message about the learner's value when it
is not: shapes and thresholds are named, numbers expected are never printed.

    expect_shape("X", X, (100, 3))        # X: expected shape (100, 3), got (3, 100)
    expect_at_least("accuracy", acc, 0.85)  # your accuracy 0.71 is below 0.85
    expect_close("slope", slope, 1.5, rtol=1e-3)  # slope = 1.62 is too high (...)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = [
    "ExerciseFailed",
    "expect_at_least",
    "expect_at_most",
    "expect_close",
    "expect_equal",
    "expect_shape",
    "expect_type",
]

SHOWN_VALUES = 3  # how many wrong entries of an array a message names


class ExerciseFailed(AssertionError):
    """A check found something wrong; the message says what, about the learner's own value."""


def expect_shape(name: str, value: Any, shape: Sequence[int]) -> None:
    """``value`` (an array, a DataFrame, anything with ``.shape``) has exactly ``shape``."""
    _require_value(name, value)
    actual = getattr(value, "shape", None)
    if actual is None:
        kind = type(value).__name__
        raise ExerciseFailed(f"{name}: expected an array of shape {tuple(shape)}, got a {kind} (use np.asarray)")
    if tuple(actual) != tuple(shape):
        raise ExerciseFailed(f"{name}: expected shape {tuple(shape)}, got {tuple(actual)}")


def expect_type(name: str, value: Any, expected: type | tuple[type, ...]) -> None:
    """``value`` is an instance of ``expected`` (a type or a tuple of types)."""
    _require_value(name, value)
    if not isinstance(value, expected):
        wanted = " or ".join(t.__name__ for t in (expected if isinstance(expected, tuple) else (expected,)))
        raise ExerciseFailed(f"{name}: expected a {wanted}, got a {type(value).__name__}")


def expect_equal(name: str, value: Any, expected: Any, *, reveal: bool = False) -> None:
    """``value`` equals ``expected`` (a small discrete thing: a count, a label, a list, an array).

    The expected value is named only with ``reveal=True``: use it when knowing it is no answer
    (a column name, a number of rows the task states).
    """
    _require_value(name, value)
    if _is_array(value, expected):
        _expect_equal_arrays(name, np.asarray(value), np.asarray(expected), reveal=reveal)
    elif not bool(value == expected):
        wanted = f"expected {expected!r}, got {value!r}" if reveal else f"got {_short(value)}, which is not right"
        raise ExerciseFailed(f"{name}: {wanted}")


def _expect_equal_arrays(
    name: str, value: np.ndarray[Any, Any], expected: np.ndarray[Any, Any], *, reveal: bool
) -> None:
    if value.shape != expected.shape:
        raise ExerciseFailed(f"{name}: expected shape {expected.shape}, got {value.shape}")
    wrong = np.argwhere(value != expected)
    if len(wrong):
        index = tuple(wrong[0])
        shown = f"{name}[{', '.join(str(int(i)) for i in index)}] is {_item(value, index)!r}"
        shown += f", expected {_item(expected, index)!r}" if reveal else ""
        raise ExerciseFailed(f"{name}: {len(wrong)} of {value.size} entries are not right (the first: {shown})")


def expect_close(name: str, value: Any, expected: Any, *, rtol: float = 1e-6, atol: float = 0.0) -> None:
    """``value`` is within ``atol + rtol * |expected|`` of ``expected``, entry by entry for arrays.

    The message names the learner's value, whether it is too high or too low, and the tolerance;
    never the expected value.
    """
    _require_value(name, value)
    tolerance = f"rtol={rtol:g}, atol={atol:g}"
    try:
        actual = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise ExerciseFailed(f"{name}: expected a number, got a {type(value).__name__}") from None
    wanted = np.asarray(expected, dtype=float)
    if actual.shape != wanted.shape:
        what = "a single number" if wanted.shape == () else f"shape {wanted.shape}"
        raise ExerciseFailed(f"{name}: expected {what}, got shape {actual.shape}")
    if np.isnan(actual).any():
        raise ExerciseFailed(f"{name}: contains NaN (a division by zero, or an empty mean?)")
    good = np.isclose(actual, wanted, rtol=rtol, atol=atol)
    if good.all():
        return
    if actual.shape == ():
        direction = "too high" if actual > wanted else "too low"
        raise ExerciseFailed(f"{name} = {_number(float(actual))} is {direction} (beyond the tolerance {tolerance})")
    wrong = np.argwhere(~good)
    shown = ", ".join(
        f"{name}[{', '.join(str(int(i)) for i in index)}] = {_number(float(actual[tuple(index)]))} "
        f"({'too high' if actual[tuple(index)] > wanted[tuple(index)] else 'too low'})"
        for index in wrong[:SHOWN_VALUES]
    )
    more = ", ..." if len(wrong) > SHOWN_VALUES else ""
    raise ExerciseFailed(f"{name}: {len(wrong)} of {actual.size} values are off (tolerance {tolerance}): {shown}{more}")


def expect_at_least(name: str, value: Any, threshold: float) -> None:
    """``value`` is a number not below ``threshold`` (a score to reach)."""
    number = _scalar(name, value)
    if not number >= threshold:
        raise ExerciseFailed(f"your {name} {_number(number)} is below {_number(threshold)}")


def expect_at_most(name: str, value: Any, threshold: float) -> None:
    """``value`` is a number not above ``threshold`` (an error to stay under)."""
    number = _scalar(name, value)
    if not number <= threshold:
        raise ExerciseFailed(f"your {name} {_number(number)} is above {_number(threshold)}")


def _require_value(name: str, value: Any) -> None:
    """A value still left as the starter's ``...`` or ``None`` is not an answer yet."""
    if value is Ellipsis:
        raise ExerciseFailed(f"{name} is still ...: replace the ... with your code")
    if value is None:
        raise ExerciseFailed(f"{name} is None: did your function forget to return its result?")


def _scalar(name: str, value: Any) -> float:
    _require_value(name, value)
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ExerciseFailed(f"{name}: expected a number, got a {type(value).__name__}") from None
    if math.isnan(number):
        raise ExerciseFailed(f"{name}: is NaN (a division by zero, or an empty mean?)")
    return number


def _is_array(*values: Any) -> bool:
    return any(isinstance(v, np.ndarray) or hasattr(v, "__array__") for v in values)


def _item(array: np.ndarray[Any, Any], index: tuple[int, ...]) -> Any:
    """One entry as a plain Python value, so it prints as learners write it (``0``, not ``np.int64(0)``)."""
    entry = array[index]
    return entry.item() if isinstance(entry, np.generic) else entry


def _number(value: float) -> str:
    return f"{value:.4g}"


def _short(value: Any) -> str:
    text = repr(value.item() if isinstance(value, np.generic) else value)
    return text if len(text) <= 60 else text[:57] + "..."
