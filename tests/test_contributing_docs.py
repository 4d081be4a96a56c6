"""The contributors' guide documents every front matter field the schema accepts."""

from __future__ import annotations

import pytest
from pydantic import BaseModel

from conftest import REPO
from mlroadmap.model import Phase, Resource, Topic

GUIDE = (REPO / "docs" / "contributing" / "index.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("model", [Topic, Phase, Resource], ids=lambda m: m.__name__)
def test_every_field_is_documented(model: type[BaseModel]) -> None:
    missing = [name for name in model.model_fields if f"`{name}`" not in GUIDE]
    assert missing == []
