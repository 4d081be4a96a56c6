"""Maths rendered when the site is built, so no maths JavaScript runs in the reader's browser.

pymdownx.arithmatex (generic mode) leaves each formula of a Markdown page as
``<span class="arithmatex">\\(...\\)</span>`` or ``<div class="arithmatex">\\[...\\]</div>``,
and the notebook pages are marked the same way (``notebooks/slim.py``). :func:`render_maths`
replaces each formula's TeX with KaTeX's HTML and MathML, made by one Node.js process for the
whole build (:class:`KatexRenderer`) from the vendored ``katex.min.js``: the same KaTeX whose
stylesheet and fonts the pages load, so markup and styles always match. A formula KaTeX cannot
parse is a :class:`~mlroadmap.problems.Problem` at its line, not red text on the page.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from mlroadmap.problems import Problem

KATEX_JS = Path(__file__).resolve().parents[2] / "docs" / "assets" / "vendor" / "katex" / "katex.min.js"
"""The vendored KaTeX, found from this package (the site being built may be elsewhere): its
stylesheet and fonts are beside it, and the site copies those."""

KATEX_CSS = "assets/vendor/katex/katex.min.css"
"""The stylesheet that pages with maths load, relative to the site root."""

# A formula as arithmatex writes it: the TeX is HTML-escaped text between \( \) or \[ \].
FORMULA_RE = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">\s*\\(?P<open>[(\[])(?P<tex>.*?)\\[)\]]\s*</(?P=tag)>',
    re.DOTALL,
)

# One formula per request item, one JSON line per page; KaTeX's message comes back on failure.
# The root package.json says "type": "module", so KaTeX's UMD file is evaluated, not require()d.
NODE_PROGRAM = """
const fs = require("node:fs");
const module_ = { exports: {} };
new Function("module", "exports", fs.readFileSync(process.argv[1], "utf8"))(module_, module_.exports);
const katex = module_.exports;
require("node:readline").createInterface({ input: process.stdin }).on("line", (line) => {
  const rendered = JSON.parse(line).map(([tex, display]) => {
    try {
      return { html: katex.renderToString(tex, { displayMode: display, throwOnError: true }) };
    } catch (error) {
      return { error: String(error.message || error) };
    }
  });
  process.stdout.write(JSON.stringify(rendered) + "\\n");
});
"""

NODE_MISSING = "Node.js is needed to render the maths of the site when it is built: install Node.js 20 or later"
FIX = "fix the TeX; KaTeX supports the functions listed at https://katex.org/docs/supported.html"


@dataclass(frozen=True)
class Formula:
    """One formula of a page: its TeX (unescaped) and whether it is a display formula."""

    tex: str
    display: bool


@dataclass(frozen=True)
class Rendered:
    """KaTeX's markup for a formula, or KaTeX's message when it cannot render it."""

    markup: str = ""
    error: str = ""


class MathsError(RuntimeError):
    """The renderer itself failed (Node.js missing or crashed), not a formula."""


class KatexRenderer:
    """One Node.js process running KaTeX, started on first use, reused for every page.

    Renderings are remembered by formula, so a formula that recurs (``\\(k\\)``) is rendered
    once per build. Call :meth:`close` when the build ends.
    """

    def __init__(self, katex_js: Path) -> None:
        """Render with the KaTeX at ``katex_js`` (a UMD ``katex.min.js``)."""
        self._katex_js = katex_js
        self._process: subprocess.Popen[str] | None = None
        self._done: dict[Formula, Rendered] = {}

    def render(self, formulas: Sequence[Formula]) -> list[Rendered]:
        """Each formula's markup (or error), in order, with one round trip to Node.js at most."""
        todo = list(dict.fromkeys(f for f in formulas if f not in self._done))
        if todo:
            answers = self._ask([[f.tex, f.display] for f in todo])
            if len(answers) != len(todo):
                raise MathsError(f"KaTeX answered {len(answers)} formulas for {len(todo)}")
            for formula, answer in zip(todo, answers, strict=True):
                self._done[formula] = Rendered(str(answer.get("html", "")), str(answer.get("error", "")))
        return [self._done[f] for f in formulas]

    def close(self) -> None:
        """Stop the Node.js process, if one runs."""
        process, self._process = self._process, None
        if process is not None:
            assert process.stdin is not None
            process.stdin.close()
            process.wait(timeout=10)

    def _ask(self, request: list[list[str | bool]]) -> list[dict[str, str]]:
        stdin, stdout = self._pipes()
        stdin.write(json.dumps(request) + "\n")
        stdin.flush()
        line = stdout.readline()
        if not line:
            self.close()
            raise MathsError(f"the KaTeX process stopped (node -e ... {self._katex_js})")
        answers: list[dict[str, str]] = json.loads(line)
        return answers

    def _pipes(self) -> tuple[IO[str], IO[str]]:
        if self._process is None:
            node = shutil.which("node")
            if node is None:
                raise MathsError(NODE_MISSING)
            if not self._katex_js.is_file():
                raise MathsError(f"{self._katex_js} is missing: restore it with git")
            self._process = subprocess.Popen(
                [node, "-e", NODE_PROGRAM, str(self._katex_js)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                encoding="utf-8",
            )
        assert self._process.stdin is not None and self._process.stdout is not None
        return self._process.stdin, self._process.stdout


def find_formulas(page_html: str) -> list[Formula]:
    """The formulas that arithmatex left in ``page_html``, in page order."""
    return [_formula(match) for match in FORMULA_RE.finditer(page_html)]


def render_maths(page_html: str, renderer: KatexRenderer) -> tuple[str, list[tuple[Formula, str]]]:
    """``page_html`` with each formula rendered inside its element, and the formulas KaTeX refused.

    The element and its ``arithmatex`` class stay (the stylesheet scrolls wide formulas); a
    formula that fails keeps its TeX, so the page still says what was meant.
    """
    matches = list(FORMULA_RE.finditer(page_html))
    if not matches:
        return page_html, []
    formulas = [_formula(match) for match in matches]
    rendered = renderer.render(formulas)
    parts: list[str] = []
    failed: list[tuple[Formula, str]] = []
    position = 0
    for match, formula, result in zip(matches, formulas, rendered, strict=True):
        parts.append(page_html[position : match.start()])
        if result.error:
            failed.append((formula, result.error))
            parts.append(match.group(0))
        else:
            tag = match.group("tag")
            parts.append(f'<{tag} class="arithmatex">{result.markup}</{tag}>')
        position = match.end()
    parts.append(page_html[position:])
    return "".join(parts), failed


def has_maths(page_html: str) -> bool:
    """Whether a page's content has formulas (then it loads KaTeX's stylesheet)."""
    return FORMULA_RE.search(page_html) is not None


def maths_problems(path: str, source: str, failed: Iterable[tuple[Formula, str]]) -> list[Problem]:
    """One problem per formula KaTeX refused, at its line in ``source`` (the page's file)."""
    return [
        Problem(
            path,
            formula_line(source, formula.tex),
            f"the formula {_shown(formula)} does not render: {_one_line(error)}",
            FIX,
            kind="maths",
        )
        for formula, error in failed
    ]


def formula_line(source: str, tex: str) -> int | None:
    """The 1-based line of ``source`` where ``tex`` starts (as written in Markdown or in a notebook's JSON)."""
    stripped = tex.strip()
    for written in (stripped, json.dumps(stripped)[1:-1]):
        index = source.find(written)
        if stripped and index >= 0:
            return source.count("\n", 0, index) + 1
    return None


def _formula(match: re.Match[str]) -> Formula:
    return Formula(html.unescape(match.group("tex")), match.group("open") == "[")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _shown(formula: Formula) -> str:
    tex = _one_line(formula.tex)
    tex = tex if len(tex) <= 60 else tex[:57] + "..."
    return f"\\[{tex}\\]" if formula.display else f"\\({tex}\\)"
