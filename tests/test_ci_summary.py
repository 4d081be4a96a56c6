"""scripts/ci_summary.py reads the build's problems as data: the job summary, annotations, problems.json."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from conftest import load_script
from mlroadmap.problems import Problem


def ci_summary() -> ModuleType:
    """``scripts/ci_summary.py``, which ``./run build`` and CI use to build the site."""
    return load_script("ci_summary")


PROBLEMS = [
    Problem("basics/beta.md", 9, "unknown prerequisite 'alfa'", "did you mean 'alpha'?", "prerequisites[1]", "roadmap"),
    Problem("basics/alpha.md", 4, "unknown field 'sumary'", "did you mean 'summary'?", kind="front-matter"),
    Problem(
        "notebooks/a.ipynb", None, "NameError: x", "fix the cell", "cell 2", "notebook", "\n    Traceback line\n    x"
    ),
]
OTHERS = [
    "Doc file 'basics/alpha.md' contains a link 'betta.md', but the target 'basics/betta.md' is not found.",
    "Something without a file",
]


def test_problems_are_grouped_per_file_in_the_job_summary() -> None:
    module = ci_summary()
    outcome = module.BuildOutcome(
        False, error="Aborted with 5 warnings in strict mode!", problems=PROBLEMS, others=OTHERS
    )
    summary = module.summary_markdown(outcome)
    assert summary.startswith("## Strict build: failed, 5 problem(s) in 3 file(s)")
    order = [
        "### `docs/basics/alpha.md`",
        "### `docs/basics/beta.md`",
        "### `docs/notebooks/a.ipynb`",
        "(no file named)",
    ]
    assert [summary.index(heading) for heading in order] == sorted(summary.index(heading) for heading in order)
    assert "- line 4: unknown field 'sumary' (did you mean 'summary'?)" in summary
    assert "- line 9: prerequisites[1]: unknown prerequisite 'alfa' (did you mean 'alpha'?)" in summary
    assert "- cell 2: NameError: x (fix the cell)" in summary  # the fix before the traceback
    assert "- Doc file 'basics/alpha.md' contains a link 'betta.md'" in summary
    assert "  ```text\n      Traceback line" in summary  # a notebook's traceback as a code block
    passed = module.summary_markdown(module.BuildOutcome(True, []))
    assert passed.startswith("## Strict build: passed")


def test_problems_become_annotations_on_their_file_and_line() -> None:
    module = ci_summary()
    own = module.Finding.of_problem(Problem("basics/alpha.md", 4, "unknown field 'sumary'\nsecond line, 100%"))
    mkdocs = module.Finding.of_message("Doc file 'basics/alpha.md' contains a link 'x.md', but ...")
    other = module.Finding.of_message("::set-env name=X::y")
    [own, mkdocs, other] = module.annotation_commands([own, mkdocs, other])
    assert own.startswith("::error file=docs/basics/alpha.md,line=4,title=Strict build::docs/basics/alpha.md:4: ")
    assert own.endswith("unknown field 'sumary'%0Asecond line, 100%25")  # one line: newlines escaped
    assert mkdocs.startswith("::error file=docs/basics/alpha.md,title=Strict build::Doc file")
    assert other == "::error title=Strict build::::set-env name=X::y"  # data, not a command of its own


def test_problems_json_holds_every_problem_as_data() -> None:
    module = ci_summary()
    records = json.loads(module.BuildOutcome(False, problems=PROBLEMS, others=OTHERS).problems_json())
    assert records[0] == {
        "file": "docs/basics/beta.md",
        "path": "basics/beta.md",
        "line": 9,
        "message": "unknown prerequisite 'alfa'",
        "fix": "did you mean 'alpha'?",
        "field": "prerequisites[1]",
        "kind": "roadmap",
        "detail": "",
    }
    assert [record.get("kind") for record in records] == ["roadmap", "front-matter", "notebook", None, None]
    assert records[3:] == [{"message": message} for message in OTHERS]


def test_a_build_keeps_its_problems_as_data(small_site: Callable[..., Path], tmp_path: Path) -> None:
    config = small_site()
    alpha = tmp_path / "docs" / "basics" / "alpha.md"
    alpha.write_text(alpha.read_text(encoding="utf-8").replace("level: beginner", "level: guru"), encoding="utf-8")
    outcome = ci_summary().build_site(config, tmp_path / "site")
    assert not outcome.ok
    [problem] = outcome.problems
    assert (problem.path, problem.field, problem.kind) == ("basics/alpha.md", "level", "front-matter")
    assert problem.fix.startswith("use one of: 'beginner', 'intermediate'")
    assert outcome.messages == [str(problem)]
