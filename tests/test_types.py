"""hooks/ (the core package and the MkDocs adapters) type-checks with mypy --strict, as pre-commit runs it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO


def test_hooks_pass_mypy_strict() -> None:
    """pyproject.toml's [tool.mypy] says what is checked (files = hooks/) and how (strict)."""
    mypy = Path(sys.executable).with_name("mypy")
    if not mypy.exists():
        pytest.fail("mypy is not installed (it is in the 'tests' dependency group: ./run test)")
    result = subprocess.run([str(mypy)], cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
