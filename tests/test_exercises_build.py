"""Coding exercises in a real small site: checked in the build, shown as cards, notebooks published."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import nbformat
import pytest
import yaml

from conftest import BuildResult, load_script, run_build, topic_page
from mlroadmap.frontmatter import parse_front_matter

EXTENSIONS = [
    "admonition",
    "attr_list",
    "md_in_html",
    "tables",
    "toc",
    "pymdownx.details",
    "pymdownx.highlight",
    "pymdownx.superfences",
]
EXERCISES = """
Practise in code:

```exercise
id: mean-of-a-list
title: The mean of a list
task: Compute `mean`, the mean of the numbers in `values`, **without** NumPy.
setup: |
  values = [2, 4, 9]
starter: |
  mean = ...  # your code
solution: |
  mean = sum(values) / len(values)
check: |
  expect_close("mean", mean, 5)
hints:
  - Add them up, then divide by how many there are.
```

```exercise
id: largest
title: The largest value
task: Find `largest`, the largest number in `values`.
setup: |
  values = [2, 4, 9]
starter: |
  largest = values[0]  # your code
solution: |
  largest = max(values)
check: |
  expect_equal("largest", largest, 9)
hints:
  - There is a built-in function for it.
```
"""


@pytest.fixture(scope="module")
def exercise_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One notebook cache for the module's builds: a verification already run is reused."""
    return tmp_path_factory.mktemp("exercise-cache")


@pytest.fixture
def build_exercises(
    small_site: Callable[..., Path], tmp_path: Path, exercise_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> Callable[..., BuildResult]:
    """Build the small site with exercises on alpha (``commit``: write its notebook first)."""
    monkeypatch.setenv("ROADMAP_NOTEBOOK_CACHE", str(exercise_cache))
    monkeypatch.setenv("ROADMAP_NOTEBOOK_WORKERS", "1")

    def go(
        exercises: str = EXERCISES,
        commit: bool = True,
        repo_url: str = "",
        search: bool = False,
        required: bool = False,
    ) -> BuildResult:
        config_file = small_site({"basics/alpha.md": topic_page("alpha", 1).rstrip("\n") + "\n" + exercises})
        config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
        config["markdown_extensions"] = EXTENSIONS
        if required:  # as the real site's mkdocs.yml sets it
            config["extra"] = {"exercises_required": True}
        if repo_url:
            config["repo_url"] = repo_url
        if search:
            config["plugins"] = ["search"]
        config_file.write_text(yaml.dump(config, sort_keys=False), encoding="utf-8")
        if commit:
            assert load_script("exercise_notebooks").main(["--config", str(config_file)]) == 0
        return run_build(config_file, tmp_path / "site")

    return go


def test_a_page_with_exercises_builds_with_cards_and_its_notebook(
    build_exercises: Callable[..., BuildResult], tmp_path: Path
) -> None:
    result = build_exercises(repo_url="https://github.com/example/roadmap")
    assert result.ok, result.warnings
    assert result.warnings == []
    html = result.html("basics/alpha/")
    assert html.count('class="rm-exercise"') == 2
    assert 'id="exercise-mean-of-a-list"' in html and "Exercise 1: The mean of a list" in html
    assert "<strong>without</strong> NumPy" in html  # the task is Markdown
    assert '<section class="rm-exercise__work" data-search-exclude="data-search-exclude">' in html
    assert "<summary>Show a solution</summary>" in html and "<summary>Hint 1</summary>" in html
    # the code, hints and solution are one closed fold inside the search exclusion
    fold = html.split('<section class="rm-exercise__work" data-search-exclude="data-search-exclude">', 1)[1]
    assert fold.lstrip().startswith('<details class="rm-exercise__fold">\n<summary>Work on it:')
    assert 'class="language-python' in html or 'class="highlight"' in html  # highlighted code
    assert 'href="../../exercises/alpha.ipynb" download>Download the exercises notebook</a>' in html
    colab = "https://colab.research.google.com/github/example/roadmap/blob/main/exercises/alpha.ipynb"
    assert f'href="{colab}">Open in Colab</a>' in html
    published = (tmp_path / "site" / "exercises" / "alpha.ipynb").read_text(encoding="utf-8")
    assert published == (tmp_path / "exercises" / "alpha.ipynb").read_text(encoding="utf-8")
    nbformat.validate(nbformat.reads(published, as_version=4))


def test_the_search_index_has_the_task_but_never_the_solution(
    build_exercises: Callable[..., BuildResult], tmp_path: Path
) -> None:
    result = build_exercises(search=True)
    assert result.ok, result.warnings
    index = json.loads((tmp_path / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith("basics/alpha/"))
    assert "the mean of the numbers" in text
    assert "sum(values)" not in text and "max(values)" not in text and "built-in function" not in text


def test_a_solution_that_fails_and_a_starter_that_passes_fail_the_build(
    build_exercises: Callable[..., BuildResult],
) -> None:
    broken = EXERCISES.replace("largest = max(values)", "largest = min(values)").replace(
        "mean = ...  # your code", "mean = 5.0  # your code"
    )
    result = build_exercises(broken, commit=False)
    assert not result.ok
    assert result.warnings == [
        "docs/basics/alpha.md:53: exercise 'mean-of-a-list': the starter code already passes the check "
        "(make the check test what the task asks: it must fail on the starter code)",
        "docs/basics/alpha.md:71: exercise 'largest': the reference solution fails its check: largest: got 2, "
        "which is not right (fix the solution or the check: the check must pass on the reference solution)",
    ]


def test_a_stale_or_missing_notebook_fails_the_build(
    build_exercises: Callable[..., BuildResult], tmp_path: Path
) -> None:
    result = build_exercises(commit=False)
    assert result.warnings == [
        "docs/basics/alpha.md:47: the exercises notebook exercises/alpha.ipynb is missing "
        "(run ./run exercises and commit the result)"
    ]
    assert build_exercises().ok
    result = build_exercises(EXERCISES.replace("The largest value", "The largest number"), commit=False)
    assert result.warnings == [
        "docs/basics/alpha.md:47: the exercises notebook exercises/alpha.ipynb is out of date "
        "(the page's exercises changed) (run ./run exercises and commit the result)"
    ]


def test_pages_without_exercises_are_unchanged(build_exercises: Callable[..., BuildResult], tmp_path: Path) -> None:
    result = build_exercises("", commit=False)
    assert result.ok, result.warnings
    assert "rm-exercise" not in result.html("basics/alpha/")
    assert not (tmp_path / "site" / "exercises").exists()


def test_with_exercises_required_a_topic_page_without_exercises_fails_the_build(
    build_exercises: Callable[..., BuildResult],
) -> None:
    """beta and gamma have no exercises: fine in a small site, a problem at their body's first line when required."""
    assert build_exercises().ok
    result = build_exercises(required=True)
    assert not result.ok
    fix = (
        "(add 2 ```exercise blocks under '## Check your understanding'; "
        "see the exercise format in the contributors' guide)"
    )
    line = parse_front_matter(topic_page("beta", 2)).body_start_line  # the first line after the front matter
    assert result.warnings == [
        f"docs/basics/beta.md:{line}: the topic page has no coding exercises {fix}",
        f"docs/basics/gamma.md:{line}: the topic page has no coding exercises {fix}",
    ]
