"""Maths rendered at build time (mlroadmap.maths, hooks/maths.py): markup, failures, the built page.

A formula that KaTeX cannot parse failing the strict build at its line is a case of the mistake
corpus (tests/mistakes/maths-bad-formula).
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from mlroadmap.maths import (
    KATEX_JS,
    Formula,
    KatexRenderer,
    MathsError,
    find_formulas,
    formula_line,
    has_maths,
    maths_problems,
    render_maths,
)

INLINE = '<p>Given <span class="arithmatex">\\(x^2 &lt; y\\)</span> points</p>'
DISPLAY = '<div class="arithmatex">\\[\nJ = \\sum_{i=1}^{n} x_i\n\\]</div>'


@pytest.fixture(scope="module")
def renderer() -> Iterator[KatexRenderer]:
    """One KaTeX process for the module, as one build has."""
    katex = KatexRenderer(KATEX_JS)
    yield katex
    katex.close()


def test_formulas_are_found_with_their_tex_unescaped_and_their_kind() -> None:
    assert find_formulas(INLINE + DISPLAY) == [Formula("x^2 < y", False), Formula("\nJ = \\sum_{i=1}^{n} x_i\n", True)]
    assert has_maths(DISPLAY)
    assert not has_maths("<p>It costs $5 and \\(not maths\\).</p>")


def test_an_inline_formula_renders_to_katex_html_and_mathml_inside_its_element(renderer: KatexRenderer) -> None:
    page, failed = render_maths(INLINE, renderer)
    assert failed == []
    assert page.startswith('<p>Given <span class="arithmatex"><span class="katex"><span class="katex-mathml">')
    assert (
        '<math xmlns="http://www.w3.org/1998/Math/MathML"><semantics><mrow><msup><mi>x</mi><mn>2</mn></msup>'
        '<mo>&lt;</mo><mi>y</mi></mrow><annotation encoding="application/x-tex">x^2 &lt; y</annotation>'
    ) in page
    assert '<span class="katex-html" aria-hidden="true">' in page  # screen readers read the MathML
    assert page.endswith("</span></span> points</p>")
    assert "\\(" not in page


def test_a_display_formula_renders_in_display_mode(renderer: KatexRenderer) -> None:
    page, failed = render_maths(DISPLAY, renderer)
    assert failed == []
    assert page.startswith('<div class="arithmatex"><span class="katex-display"><span class="katex">')
    assert '<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">' in page
    assert page.endswith("</div>")


def test_a_page_without_maths_is_returned_as_it_is(renderer: KatexRenderer) -> None:
    page = "<p>No maths, only $5.</p>"
    assert render_maths(page, renderer) == (page, [])


def test_a_formula_katex_refuses_keeps_its_tex_and_is_reported(renderer: KatexRenderer) -> None:
    bad = '<span class="arithmatex">\\(\\frac{1}{n\\)</span>'
    page, failed = render_maths(INLINE + bad, renderer)
    assert page.endswith(bad)  # the reader still sees what was meant
    [(formula, error)] = failed
    assert formula == Formula("\\frac{1}{n", False)
    assert error.startswith("KaTeX parse error:")


def test_a_refused_formula_is_a_problem_at_its_line_with_a_fix() -> None:
    source = "---\ntitle: t\n---\n\nText.\n\n$$\n\\frac{1}{n\n$$\n"
    [problem] = maths_problems(
        "basics/alpha.md", source, [(Formula("\n\\frac{1}{n\n", True), "KaTeX parse error:\nExpected '}'\n")]
    )
    assert str(problem).startswith("docs/basics/alpha.md:8: the formula \\[\\frac{1}{n\\] does not render: ")
    assert "KaTeX parse error: Expected '}'" in problem.message  # one line
    assert problem.fix and "katex.org" in problem.fix
    assert problem.kind == "maths"


def test_a_formula_in_a_notebook_is_found_in_its_json() -> None:
    cell = {"cell_type": "markdown", "source": ["Loss:\n", "$$L = \\frac{1}{n}$$"]}
    source = json.dumps({"cells": [cell]}, indent=1)
    assert formula_line(source, "L = \\frac{1}{n}") == 7  # the line of its cell source
    assert formula_line(source, "absent") is None


def test_a_formula_that_recurs_is_rendered_once(renderer: KatexRenderer) -> None:
    first = renderer.render([Formula("k", False)])
    assert renderer.render([Formula("k", False), Formula("k", False)]) == first * 2


def test_without_node_the_renderer_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("shutil.which", lambda name: None)
    with pytest.raises(MathsError, match=r"install Node\.js"):
        KatexRenderer(KATEX_JS).render([Formula("x", False)])
