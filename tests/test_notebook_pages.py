"""Notebook pages: stored without outputs, slimmed HTML, figures as files, light pages."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import nbformat
import pytest

from conftest import REPO, BuildResult
from mlroadmap.notebooks.pipeline import stored_output_problems
from mlroadmap.notebooks.slim import png_size, slim_cached, slim_notebook_html

NOTEBOOKS = sorted((REPO / "docs" / "notebooks").glob("*.ipynb"))
PNG_1x1 = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)

MKDOCS_JUPYTER_HTML = f"""
<script>clipboard()</script><style>.jp-Cell {{ color: red }}</style><!-- Load mathjax -->
<div class="jupyter-wrapper"><div class="jp-Notebook">
<div class="jp-Cell jp-MarkdownCell" id="cell-id=cell-00"><div class="jp-Cell-inputWrapper" tabindex="0">
<div class="jp-Collapser"></div><div class="jp-InputArea"><div class="jp-InputPrompt"></div>
<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown"><h1 id="t">T<a class="anchor-link" href="#t">¶</a></h1>
<p>The loss $L = \\frac{{1}}{{n}}$ costs $5 and $$\\sum_i x_i$$ but <code>$HOME</code> is code.</p>
</div></div></div></div>
<div class="jp-Cell jp-CodeCell"><div class="jp-InputArea"><div class="jp-InputPrompt">In [1]:</div>
<div class="zeroclipboard-container"><clipboard-copy><span class="notice" hidden>Copied!</span></clipboard-copy></div>
<div class="highlight-ipynb hl-python"><pre><span></span><span class="n">x</span> = 1</pre></div>
<div class="clipboard-copy-txt" id="cell-1">x = 1</div></div>
<div class="jp-OutputArea"><div class="jp-OutputPrompt">Out[1]:</div>
<img src="data:image/png;base64,{base64.b64encode(PNG_1x1).decode()}"/></div></div>
</div></div>
"""


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_are_stored_without_outputs(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    assert stored_output_problems(path.name, notebook) == []
    assert notebook.metadata.get("kernelspec", {}).get("name") == "python3"


def test_there_are_at_least_twenty_notebooks() -> None:
    assert len(NOTEBOOKS) >= 20


def test_slim_drops_inline_css_scripts_and_duplicate_code() -> None:
    html, _ = slim_notebook_html(MKDOCS_JUPYTER_HTML, "nb")
    for gone in (
        "<style",
        "<script",
        "Load mathjax",
        "Copied!",
        "clipboard-copy-txt",
        "In [1]:",
        "Out[1]:",
        "tabindex",
        "cell-id=",
    ):
        assert gone not in html
    assert html.count("x</span> = 1") == 1  # the code once, not twice


def test_slim_uses_material_code_blocks_and_keeps_outputs_out_of_search() -> None:
    html, _ = slim_notebook_html(MKDOCS_JUPYTER_HTML, "nb")
    assert '<div class="highlight"><pre><code><span></span>' in html
    assert re.search(r'class="jp-OutputArea" data-search-exclude', html)
    assert re.search(r'class="jp-InputArea" data-search-exclude', html)
    assert "<h1 " in html  # Markdown cells stay searchable
    assert '<a class="headerlink" href="#t">' in html


def test_slim_marks_maths_for_katex_but_not_dollars_in_code() -> None:
    html, _ = slim_notebook_html(MKDOCS_JUPYTER_HTML, "nb")
    assert '<span class="arithmatex">\\(L = \\frac{1}{n}\\)</span>' in html
    assert '<div class="arithmatex">\\[\\sum_i x_i\\]</div>' in html
    assert "<code>$HOME</code>" in html
    assert "costs $5 and" in html


def test_slim_moves_figures_to_files() -> None:
    html, figures = slim_notebook_html(MKDOCS_JUPYTER_HTML, "nb")
    assert [(f.name, f.data) for f in figures] == [("nb-1.png", PNG_1x1)]
    assert 'src="nb-1.png"' in html and "base64" not in html
    assert 'width="1"' in html and 'height="1"' in html and 'loading="lazy"' in html and "alt=" in html
    assert png_size(PNG_1x1) == (1, 1)
    assert png_size(b"not a png") is None


def test_slim_results_are_cached_by_input(tmp_path: Path) -> None:
    first = slim_cached(MKDOCS_JUPYTER_HTML, "nb", tmp_path)
    assert len(list(tmp_path.glob("*.json"))) == 1
    assert slim_cached(MKDOCS_JUPYTER_HTML, "nb", tmp_path) == first
    slim_cached(MKDOCS_JUPYTER_HTML + "<p>changed</p>", "nb", tmp_path)
    assert len(list(tmp_path.glob("*.json"))) == 2


@pytest.mark.slow
def test_notebook_pages_are_light_and_complete(real_site: BuildResult) -> None:
    markdown_page = len(real_site.html("core-ml/logistic-regression/").encode())
    for path in NOTEBOOKS:
        url = f"notebooks/{path.stem}/"
        html = real_site.html(url)
        assert len(html.encode()) < 3 * markdown_page, url
        assert "data:image" not in html and "<style" not in html.split("<article")[1]
        assert "Download notebook" in html and "colab.research.google.com/github/" in html
        assert (real_site.site_dir / url / path.name).is_file()  # the download
        for image in re.findall(r'<img [^>]*src="([^":]+\.png)"', html):
            assert (real_site.site_dir / url / image).is_file()


@pytest.mark.slow
def test_execution_report_is_published(real_site: BuildResult) -> None:
    report = (real_site.site_dir / "notebooks" / "execution-report.json").read_text(encoding="utf-8")
    assert '"failed": 0' in report
    assert all(path.name in report for path in NOTEBOOKS)
