"""The check helpers learners run: tolerances, shapes, and messages that never give the answer away."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mlroadmap.exercisecheck import (
    ExerciseFailed,
    expect_at_least,
    expect_at_most,
    expect_close,
    expect_equal,
    expect_shape,
    expect_type,
)


def test_a_failed_check_is_an_assertion_error() -> None:
    assert issubclass(ExerciseFailed, AssertionError)


def test_shape_names_both_shapes() -> None:
    expect_shape("X", np.zeros((100, 3)), (100, 3))
    with pytest.raises(ExerciseFailed, match=r"^X: expected shape \(100, 3\), got \(3, 100\)$"):
        expect_shape("X", np.zeros((3, 100)), (100, 3))


def test_shape_of_a_table_and_of_something_without_one() -> None:
    expect_shape("df", pd.DataFrame({"a": [1, 2]}), (2, 1))
    with pytest.raises(ExerciseFailed, match=r"^X: expected an array of shape \(2,\), got a list \(use np.asarray\)$"):
        expect_shape("X", [1, 2], (2,))


def test_an_unfilled_starter_says_what_to_do() -> None:
    with pytest.raises(ExerciseFailed, match=r"^w is still \.\.\.: replace the \.\.\. with your code$"):
        expect_shape("w", ..., (2,))
    with pytest.raises(ExerciseFailed, match=r"^labels is None: did your function forget to return its result"):
        expect_equal("labels", None, [1, 2])


def test_close_scalar_at_the_tolerance_edges() -> None:
    expect_close("slope", 1.0 + 1e-3, 1.0, rtol=1e-3)  # exactly at the tolerance: passes
    expect_close("slope", 0.5 + 0.01, 0.5, atol=0.01)
    too_high = r"^slope = 1\.002 is too high \(beyond the tolerance rtol=0\.001, atol=0\)$"
    with pytest.raises(ExerciseFailed, match=too_high):
        expect_close("slope", 1.002, 1.0, rtol=1e-3)
    with pytest.raises(ExerciseFailed, match=r"^slope = 0\.48 is too low "):
        expect_close("slope", 0.48, 0.5, atol=0.01)


def test_close_never_prints_the_expected_value() -> None:
    with pytest.raises(ExerciseFailed) as raised:
        expect_close("intercept", 3.25, 7.75, rtol=1e-6)
    assert "7.75" not in str(raised.value)
    with pytest.raises(ExerciseFailed) as raised:
        expect_close("w", np.array([1.0, 2.0, 5.0]), np.array([1.0, 2.5, 4.125]))
    message = str(raised.value)
    assert message.startswith(
        "w: 2 of 3 values are off (tolerance rtol=1e-06, atol=0): w[1] = 2 (too low), w[2] = 5 (too high)"
    )
    assert "2.5" not in message and "4.125" not in message


def test_close_checks_shape_and_nan_first() -> None:
    with pytest.raises(ExerciseFailed, match=r"^w: expected shape \(2,\), got shape \(3,\)$"):
        expect_close("w", np.zeros(3), np.zeros(2))
    with pytest.raises(ExerciseFailed, match=r"^w: expected a single number, got shape \(2,\)$"):
        expect_close("w", np.zeros(2), 0.0)
    with pytest.raises(ExerciseFailed, match=r"^w: contains NaN"):
        expect_close("w", np.array([np.nan, 1.0]), np.array([0.0, 1.0]))
    with pytest.raises(ExerciseFailed, match=r"^w: expected a number, got a str$"):
        expect_close("w", "one", 1.0)


def test_at_least_and_at_most_name_the_value_and_the_threshold() -> None:
    expect_at_least("accuracy", 0.85, 0.85)
    with pytest.raises(ExerciseFailed, match=r"^your accuracy 0\.71 is below 0\.85$"):
        expect_at_least("accuracy", 0.71, 0.85)
    expect_at_most("test error", 0.2, 0.2)
    with pytest.raises(ExerciseFailed, match=r"^your test error 0\.35 is above 0\.2$"):
        expect_at_most("test error", np.float64(0.35), 0.2)
    with pytest.raises(ExerciseFailed, match=r"^accuracy: is NaN"):
        expect_at_least("accuracy", float("nan"), 0.5)


def test_type_names_what_was_expected_and_what_came() -> None:
    expect_type("rates", pd.Series([1.0]), pd.Series)
    with pytest.raises(ExerciseFailed, match=r"^rates: expected a Series or DataFrame, got a float$"):
        expect_type("rates", 0.5, (pd.Series, pd.DataFrame))


def test_equal_reveals_the_expected_value_only_when_asked() -> None:
    expect_equal("k", 3, 3)
    with pytest.raises(ExerciseFailed, match=r"^k: got 4, which is not right$"):
        expect_equal("k", 4, 3)
    with pytest.raises(ExerciseFailed, match=r"^columns: expected \['a', 'b'\], got \['b', 'a'\]$"):
        expect_equal("columns", ["b", "a"], ["a", "b"], reveal=True)


def test_equal_arrays_count_the_wrong_entries() -> None:
    expect_equal("labels", np.array([0, 1, 2]), [0, 1, 2])
    with pytest.raises(ExerciseFailed, match=r"^labels: 2 of 4 entries are not right \(the first: labels\[1\] is 0\)$"):
        expect_equal("labels", np.array([0, 0, 2, 0]), np.array([0, 1, 2, 3]))
    with pytest.raises(ExerciseFailed, match=r"^labels: expected shape \(3,\), got \(2,\)$"):
        expect_equal("labels", np.array([0, 1]), np.array([0, 1, 2]))
