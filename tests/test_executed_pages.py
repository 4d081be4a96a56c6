"""Executed topic pages: Python blocks run at build time, outputs under them, glue in the prose."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import REPO, SMALL_CONFIG, BuildResult, run_build, topic_page
from mlroadmap.glue import glue_references, substitute, unknown_references
from mlroadmap.notebooks.markdown import GLUE_MIME, TITLE_MIME, page_blocks, page_notebook, unrunnable_problems
from mlroadmap.notebooks.outputs import render_block
from mlroadmap.notebooks.pages import ExecutedPage, PageStats, inject_outputs, read_page, with_execution_stats
from mlroadmap.notebooks.slim import ON_PURPOSE, slim_notebook_html

PAGES_CONFIG = SMALL_CONFIG.replace(
    f"  - {REPO / 'hooks' / 'roadmap.py'}\n",
    f"  - {REPO / 'hooks' / 'roadmap.py'}\n  - {REPO / 'hooks' / 'pages.py'}\n",
).replace(
    "markdown_extensions: [admonition, md_in_html, tables, toc, attr_list]",
    "markdown_extensions: [admonition, md_in_html, tables, toc, attr_list, pymdownx.highlight, pymdownx.superfences]",
)

PRINTS = """
The answer is {{ glue:answer }}.

```python
answer = 6 * 7
glue("answer", answer, fmt="{:d}")
print(f"computed {answer}")
```
"""

FIGURE = """
```python
# alt: A rising straight line from 1 to 3.
import matplotlib.pyplot as plt
plt.plot([1, 2, 3])
```

```python
fig, ax = plt.subplots()
ax.bar(["a", "b"], [1, 2])
ax.set_title("Two bars of height 1 and 2")
```
"""


def with_body(body: str, order: int = 1) -> str:
    """A valid topic page whose 'Core ideas' section holds ``body``."""
    return topic_page("alpha", order).replace("## Core ideas\n\nIdeas.\n", "## Core ideas\n" + body)


@pytest.fixture
def build_pages(
    small_site: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Callable[..., BuildResult]:
    """Build the small site with hooks/pages.py, a cache in ``tmp_path``, strictly."""
    monkeypatch.setenv("ROADMAP_NOTEBOOK_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("ROADMAP_NOTEBOOK_WORKERS", "2")

    def go(alpha_body: str) -> BuildResult:
        config = small_site({"basics/alpha.md": with_body(alpha_body)})
        config.write_text(PAGES_CONFIG, encoding="utf-8")
        return run_build(config, tmp_path / "site")

    return go


def report(result: BuildResult) -> dict[str, dict[str, object]]:
    """The page execution report of a build, by page."""
    data = json.loads((result.site_dir / "notebooks" / "page-execution-report.json").read_text(encoding="utf-8"))
    return {row["notebook"]: row for row in data["notebooks"]}


# ----------------------------------------------------------------------------------------------
# Real builds
# ----------------------------------------------------------------------------------------------
def test_printed_value_and_glued_value_appear_on_the_page(build_pages: Callable[..., BuildResult]) -> None:
    result = build_pages(PRINTS)
    assert result.ok, result.warnings
    html = result.html("basics/alpha/")
    assert "The answer is 42." in html
    output = r'<div class="page-output" data-search-exclude>\s*<pre class="page-output__text"><code>computed 42'
    assert re.search(output, html)
    assert "{{" not in html
    topic = json.loads((result.site_dir / "roadmap.json").read_text(encoding="utf-8"))["phases"][0]["topics"][0]
    assert topic["id"] == "alpha"
    assert (topic["executed_blocks"], topic["figures"]) == (1, 0)
    assert topic["execution_seconds"] > 0


def test_figures_are_files_with_alt_text(build_pages: Callable[..., BuildResult]) -> None:
    result = build_pages(FIGURE)
    assert result.ok, result.warnings
    html = result.html("basics/alpha/")
    images = re.findall(r'<img class="page-output__figure" src="([^"]+)" alt="([^"]+)" loading="lazy"', html)
    assert [alt for _, alt in images] == ["A rising straight line from 1 to 3.", "Two bars of height 1 and 2"]
    for name, _ in images:
        assert (result.site_dir / "basics" / "alpha" / name).stat().st_size > 0
    assert "base64" not in html


def test_figure_without_alt_text_fails_at_its_block(build_pages: Callable[..., BuildResult]) -> None:
    body = "\n```python\nimport matplotlib.pyplot as plt\nplt.plot([1, 2])\n```\n"
    result = build_pages(body)
    assert not result.ok
    line = with_body(body).splitlines().index("```python") + 1
    expected = f"docs/basics/alpha.md:{line}: figure 1 of this block has no alt text"
    assert any(w.startswith(expected) for w in result.warnings), result.warnings


def test_prose_edit_reruns_nothing(build_pages: Callable[..., BuildResult]) -> None:
    assert report(build_pages(PRINTS))["basics/alpha.md"]["status"] == "executed"
    edited = build_pages(PRINTS.replace("The answer is", "We find that the answer is"))
    assert edited.ok, edited.warnings
    assert report(edited)["basics/alpha.md"]["cache"] == "hit"
    assert "We find that the answer is 42." in edited.html("basics/alpha/")
    code_edit = build_pages(PRINTS.replace("6 * 7", "7 * 6"))
    assert report(code_edit)["basics/alpha.md"]["cache"] == "miss"


def test_raising_block_fails_with_file_and_line(build_pages: Callable[..., BuildResult]) -> None:
    body = "\n```python\nx = 1\n```\n\nProse.\n\n```python\nvalues = [1, 2]\nvalues[5]\n```\n"
    result = build_pages(body)
    assert not result.ok
    line = with_body(body).splitlines().index("values = [1, 2]")  # the fence is the line before
    [message] = [w for w in result.warnings if w.startswith("docs/basics/alpha.md:")]
    assert message.startswith(f"docs/basics/alpha.md:{line}: IndexError: list index out of range")
    assert "values[5]" in message  # the first traceback lines follow


def test_block_past_the_cell_timeout_fails_with_file_and_line(
    build_pages: Callable[..., BuildResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ROADMAP_CELL_TIMEOUT", "2")
    body = "\n```python\nimport time\ntime.sleep(30)\n```\n"
    result = build_pages(body)
    assert not result.ok
    line = with_body(body).splitlines().index("```python") + 1
    assert any(w.startswith(f"docs/basics/alpha.md:{line}: a cell ran longer than") for w in result.warnings)


def test_block_marked_to_raise_shows_its_error_under_a_label(build_pages: Callable[..., BuildResult]) -> None:
    result = build_pages("\n```python {.raises-exception}\n1 / 0\n```\n")
    assert result.ok, result.warnings
    html = result.html("basics/alpha/")
    assert ON_PURPOSE in html
    assert "ZeroDivisionError: division by zero" in html
    assert "raises-exception</span>" not in html


def test_missing_glue_name_fails_with_file_and_line(build_pages: Callable[..., BuildResult]) -> None:
    body = PRINTS + "\nAnd {{ glue:nowhere }} is not computed.\n"
    result = build_pages(body)
    assert not result.ok
    line = with_body(body).splitlines().index("And {{ glue:nowhere }} is not computed.") + 1
    expected = f"docs/basics/alpha.md:{line}: glue reference 'nowhere' names a value no block on this page produced"
    assert any(w.startswith(expected) for w in result.warnings), result.warnings


def test_blocks_marked_not_to_run_and_shell_blocks_are_not_run(
    build_pages: Callable[..., BuildResult], tmp_path: Path
) -> None:
    marker = tmp_path / "ran"
    body = (
        f"\n```python {{.no-run}}\nopen({str(marker)!r}, 'w').write('python')\n```\n\n"
        f"```bash\ntouch {marker}\n```\n\n```python\nprint('only this runs')\n```\n"
    )
    result = build_pages(body)
    assert result.ok, result.warnings
    assert not marker.exists()
    html = result.html("basics/alpha/")
    assert html.count('class="page-output"') == 1
    assert 'class="no-run highlight"' in html  # the marker renders as an ordinary code block


# ----------------------------------------------------------------------------------------------
# Pure functions
# ----------------------------------------------------------------------------------------------
def test_blocks_know_their_lines_language_and_markers() -> None:
    body = "Intro.\n\n```python\na = 1\n```\n\n```python {.no-run}\nb()\n```\n\n```bash\nls\n```\n"
    blocks = page_blocks(body, first_line=10)
    found = [(b.line, b.language, b.runs) for b in blocks]
    assert found == [(12, "python", True), (16, "python", False), (20, "bash", False)]
    notebook = page_notebook(blocks)
    assert [cell.source for cell in notebook.cells[1:]] == ["a = 1"]


def test_prose_is_not_part_of_the_notebook() -> None:
    one = page_notebook(page_blocks("Some prose.\n\n```python\na = 1\n```\n"))
    two = page_notebook(page_blocks("Other prose, longer.\n\nMore.\n\n```python\na = 1\n```\n"))
    assert one == two


def test_indented_python_block_is_a_problem_unless_marked() -> None:
    body = "1. Step:\n\n    ```python\n    a = 1\n    ```\n\n2. Next:\n\n    ```python {.no-run}\n    b()\n    ```\n"
    [problem] = unrunnable_problems("x.md", body, 5)
    assert problem.line == 7


def test_outputs_go_under_their_blocks_in_the_wrapped_markdown() -> None:
    body = "```python\na = 1\n```\n\nText.\n\n```python\nb = 2\n```\n"
    page = read_page("x.md", body, 1, "x/index.html")
    executed = ExecutedPage("x.md", "executed", outputs=["<div>A</div>", "<div>B</div>"])
    injected = inject_outputs("HEADER\n\n" + body + "\nFOOTER", page, executed)
    assert injected.index("a = 1") < injected.index("<div>A</div>") < injected.index("Text.")
    assert injected.index("b = 2") < injected.index("<div>B</div>") < injected.index("FOOTER")


def test_glue_references_substitution_and_unknown_names() -> None:
    body = "Inertia is {{ glue:inertia }}.\n\nAnd {{glue:other}}.\n"
    references = glue_references(body, first_line=3)
    assert [(r.name, r.line) for r in references] == [("inertia", 3), ("other", 5)]
    assert substitute(body, {"inertia": "2,510"}).startswith("Inertia is 2,510.")
    [problem] = unknown_references("x.md", references, {"inertia": "2,510"})
    assert (problem.line, problem.kind) == (5, "glue")


def test_roadmap_json_gains_execution_stats() -> None:
    text = json.dumps({"phases": [{"topics": [{"url": "core-ml/k-means/"}, {"url": "core-ml/svm/"}]}]})
    data = json.loads(with_execution_stats(text, {"core-ml/k-means.md": PageStats(2, 3, 1.5)}))
    assert data["phases"][0]["topics"][0] | {} == {
        "url": "core-ml/k-means/",
        "figures": 2,
        "executed_blocks": 3,
        "execution_seconds": 1.5,
    }
    assert data["phases"][0]["topics"][1]["figures"] == 0


def test_notebook_cells_tagged_raises_exception_read_as_intentional() -> None:
    html = (
        '<div class="jp-Cell jp-CodeCell celltag_raises-exception"><div class="celltoolbar">'
        '<span class="cell-tag">raises-exception</span></div><div class="jp-InputArea"></div>'
        '<div class="jp-OutputArea"><pre>ZeroDivisionError</pre></div></div>'
    )
    slim, _ = slim_notebook_html(html, "nb")
    assert "cell-tag" not in slim
    assert slim.index(ON_PURPOSE) < slim.index("ZeroDivisionError")


def test_outputs_render_text_figures_glue_and_skip_matplotlib_return_values() -> None:
    svg = '<svg width="432pt" height="288pt"></svg>'
    outputs = [
        {"output_type": "stream", "name": "stdout", "text": "a < b\n"},
        {"output_type": "display_data", "data": {GLUE_MIME: {"name": "n", "text": "3"}}, "metadata": {}},
        {"output_type": "execute_result", "data": {"text/plain": "[Text(0.5, 0, 'x')]"}, "metadata": {}},
        {"output_type": "display_data", "data": {"image/svg+xml": svg, TITLE_MIME: "Loss by epoch"}, "metadata": {}},
        {"output_type": "display_data", "data": {"image/svg+xml": svg}, "metadata": {}},
    ]
    result = render_block(outputs, "# alt: Loss falls.\nplot()", "p.md", 7, "p")
    assert "a &lt; b" in result.html
    assert "Text(" not in result.html
    assert result.glue == {"n": "3"}
    assert [f.name for f in result.figures] == ["p-1.svg", "p-2.svg"]
    assert 'src="p-1.svg" alt="Loss falls." loading="lazy" width="576" height="384"' in result.html
    [problem] = result.problems  # the second figure has neither an alt comment nor a title
    assert (problem.line, problem.message) == (7, "figure 2 of this block has no alt text")
    long = render_block([{"output_type": "stream", "text": "x\n" * 50}], "", "p.md", 1, "p")
    assert "<details><summary>Output (50 lines)</summary>" in long.html
