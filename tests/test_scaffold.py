"""``./run new`` (scripts/new_topic.py): a new topic page, and its notebook, that build at once."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
import yaml
from test_mistakes import ci_summary, notebook_plugins

from conftest import PHASE_PAGE, REPO, load_script, topic_page
from mlroadmap.exercises import page_exercises
from mlroadmap.model import Resource, ThemeFields, Topic
from mlroadmap.quiz import page_quiz


def new_topic() -> ModuleType:
    """``scripts/new_topic.py``, behind ``./run new``."""
    return load_script("new_topic")


def scaffold(docs: Path, *args: str) -> int:
    return int(new_topic().main([*args, "--docs-dir", str(docs)]))


def placeholder_pattern() -> re.Pattern[str]:
    """The pre-commit hook that refuses pages with placeholders left in them."""
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hook = next(h for repo in config["repos"] for h in repo["hooks"] if h["id"] == "new-topic-placeholders")
    return re.compile(hook["entry"])


def test_new_topic_with_notebook_builds_strictly(
    small_site: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ROADMAP_NOTEBOOK_CACHE", str(tmp_path / "notebook-cache"))
    config = small_site()
    text = config.read_text(encoding="utf-8").replace("plugins: []\n", notebook_plugins(tmp_path / "jupyter-cache"))
    config.write_text(text.replace("hooks:\n", f"hooks:\n  - {REPO / 'hooks' / 'notebooks.py'}\n"), encoding="utf-8")
    docs = tmp_path / "docs"

    assert scaffold(docs, "basics", "delta-rule", "--notebook", "--prerequisites", "alpha") == 0
    assert "http://127.0.0.1:8000/basics/delta-rule/" in capsys.readouterr().out

    page = (docs / "basics" / "delta-rule.md").read_text(encoding="utf-8")
    front = yaml.safe_load(page.split("---\n")[1])
    assert front["order"] == 4  # after alpha, beta, gamma
    assert front["effort_hours"] == 10  # 30 h + 10 h fits the phase's 20-40 h
    assert front["notebooks"] == ["notebooks/delta-rule.ipynb"]
    assert front["prerequisites"] == ["alpha"]
    notebook = json.loads((docs / "notebooks" / "delta-rule.ipynb").read_text(encoding="utf-8"))
    assert all(cell.get("outputs", []) == [] and cell.get("execution_count") is None for cell in notebook["cells"])

    outcome = ci_summary().build_site(config, tmp_path / "site")
    assert outcome.ok, outcome.messages
    assert outcome.messages == []
    html = (tmp_path / "site" / "basics" / "delta-rule" / "index.html").read_text(encoding="utf-8")
    assert "Delta rule" in html
    assert "../../notebooks/delta-rule/" in html  # the generated notebook section links to it
    notebook_html = (tmp_path / "site" / "notebooks" / "delta-rule" / "index.html").read_text(encoding="utf-8")
    assert "mean 1.98, standard deviation 0.49" in notebook_html  # executed at build time

    body_line = page.split("\n---\n", 1)[0].count("\n") + 3  # the first line after the front matter
    body = page.split("\n---\n", 1)[1]
    assert page_quiz("basics/delta-rule.md", body, body_line, required=True)[1] == []  # the site requires both
    assert page_exercises("basics/delta-rule.md", body, body_line, required=True)[1] == []
    assert placeholder_pattern().search(page)  # pre-commit refuses it until every placeholder is replaced
    assert placeholder_pattern().search(json.dumps(notebook))


def test_effort_shrinks_to_the_room_left_in_the_phase(small_site: Callable[..., Path], tmp_path: Path) -> None:
    small_site({"basics/gamma.md": topic_page("gamma", 3).replace("effort_hours: 10", "effort_hours: 16")})
    assert scaffold(tmp_path / "docs", "1", "delta") == 0  # by phase number
    front = yaml.safe_load((tmp_path / "docs" / "basics" / "delta.md").read_text(encoding="utf-8").split("---\n")[1])
    assert front["effort_hours"] == 4  # 36 h of 40 h used


def test_a_full_phase_says_what_to_change(
    small_site: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    small_site({"basics/index.md": PHASE_PAGE.replace("weeks_max: 4", "weeks_max: 3")})
    assert scaffold(tmp_path / "docs", "basics", "delta") == 1
    error = capsys.readouterr().err
    assert "phase 'basics' has no room for 10 more hours: its topics add up to 30 h" in error
    assert "raise weeks_max to 4 in docs/basics/index.md:8" in error
    assert not (tmp_path / "docs" / "basics" / "delta.md").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["basis", "delta"], "unknown phase 'basis' (did you mean 'basics'?"),
        (
            ["basics", "Delta Rule"],
            "'Delta Rule' is not a valid topic id (use lower-case letters, digits and hyphens: delta-rule)",
        ),
        (["basics", "alpha"], "a topic with the id 'alpha' already exists"),
        (["basics", "delta", "--prerequisites", "alfa"], "unknown prerequisite 'alfa' (did you mean 'alpha'?)"),
        (["basics", "delta", "--effort", "15"], "phase 'basics' has no room for 15 more hours"),
        (["basics", "delta", "--tags", "Deep Learning"], "tag(s) Deep Learning are not valid"),
        (["basics", "delta", "--summary", "Too short"], "summary: String should have at least 20 characters"),
    ],
)
def test_mistakes_in_the_arguments_are_explained(
    small_site: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    small_site()
    assert scaffold(tmp_path / "docs", *args) == 1
    assert message in capsys.readouterr().err
    assert sorted(p.name for p in (tmp_path / "docs" / "basics").iterdir()) == [
        "alpha.md",
        "beta.md",
        "gamma.md",
        "index.md",
    ]


def test_every_phase_of_the_real_roadmap_gets_an_effort_that_fits_or_an_explanation() -> None:
    module = new_topic()
    roadmap = module.read_roadmap(REPO / "docs")
    assert len(roadmap.phases) >= 5
    for phase in roadmap.phases.values():
        try:
            effort = module.choose_effort(phase, None)
        except module.ScaffoldError as error:
            assert "raise weeks_max" in str(error)
            continue
        low, high = phase.budget
        assert low <= phase.hours + effort and (high is None or phase.hours + effort <= high), phase.id


CONTRIBUTING = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_contributing_is_rendered_on_the_site() -> None:
    page = (REPO / "docs" / "contributing" / "how-to.md").read_text(encoding="utf-8")
    assert '--8<-- "CONTRIBUTING.md"' in page
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"base_path: \[[^\]]*\"\.\"", config)


def test_contributing_links_work_on_github_and_on_the_site() -> None:
    """Only absolute https links and anchors of its own headings: both resolve in either place."""
    targets = re.findall(r"\]\(([^)\s]+)\)", CONTRIBUTING) + re.findall(r"^\[[\w-]+\]: (\S+)$", CONTRIBUTING, re.M)
    assert targets
    anchors = {
        "#" + re.sub(r"[^\w\- ]", "", heading).strip().lower().replace(" ", "-")
        for heading in re.findall(r"^#+ (.+)$", CONTRIBUTING, re.M)
    }
    for target in targets:
        assert target.startswith("https://") or target in anchors, target


def test_contributing_names_only_tasks_that_exist() -> None:
    usage = (REPO / "run").read_text(encoding="utf-8")
    for task in set(re.findall(r"\./run (\w+)", CONTRIBUTING)):
        assert re.search(rf"^  {task}\s", usage, re.M), task


def test_contributing_describes_every_topic_field() -> None:
    fields = (set(Topic.model_fields) - set(ThemeFields.model_fields) - {"id"}) | set(Resource.model_fields)
    assert [name for name in sorted(fields) if f"`{name}`" not in CONTRIBUTING] == []
