"""The outputs of one executed block as HTML to place under it, and its figures as files.

Text is shown as preformatted text (folded when long), HTML tables as they are (without their
inline styles), and figures as lazy-loaded image files with real alt text: from the block's
``# alt:`` comments in order, else from the figure's title. A figure with neither is a problem,
located at its block. Glued values are collected, not shown. Everything stays out of search.
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from mlroadmap.notebooks.execute import ANSI_RE
from mlroadmap.notebooks.markdown import GLUE_MIME, TITLE_MIME
from mlroadmap.notebooks.slim import BLOCKS_RE, ON_PURPOSE, Figure, png_size
from mlroadmap.problems import Problem

ALT_RE = re.compile(r"^[ \t]*#[ \t]*alt:[ \t]*(?P<alt>\S.*?)[ \t]*$", re.MULTILINE)
SVG_SIZE_RE = re.compile(r"<svg\b[^>]*?\bwidth=\"(?P<w>[\d.]+)pt\"[^>]*?\bheight=\"(?P<h>[\d.]+)pt\"", re.DOTALL)
# The value of a block's last line when it is only matplotlib's return value, e.g. of ax.set(...).
MATPLOTLIB_REPR_RE = re.compile(r"^\[?\s*(?:<matplotlib\.|<Figure size|<Axes|Text\(|<BarContainer)")
SVG_MAX_BYTES = 100_000  # larger figures (many points) are smaller as PNG
FOLD_LINES = 20
WRAPPER = '<div class="page-output" data-search-exclude>\n{body}\n</div>'


@dataclass
class BlockOutput:
    """What one block produced: HTML for under it, figure files, glued values, problems."""

    html: str = ""
    figures: list[Figure] = field(default_factory=list)
    glue: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def render_block(
    outputs: Sequence[Any], source: str, src: str, line: int, prefix: str, first_figure: int = 1
) -> BlockOutput:
    """Render a code cell's outputs; figures are named ``<prefix>-<n>``, counting from ``first_figure``."""
    result = BlockOutput()
    alts = ALT_RE.findall(source)
    parts: list[str] = []
    text: list[str] = []
    for output in outputs:
        if output.get("output_type") == "stream":
            text.append(str(output.get("text", "")))
            continue
        parts += [render_text("".join(text))] if text else []
        text = []
        if output.get("output_type") == "error":
            parts.append(render_error(output))
            continue
        data = output.get("data", {})
        if GLUE_MIME in data:
            glued = data[GLUE_MIME]
            result.glue[str(glued["name"])] = str(glued["text"])
        elif "image/svg+xml" in data or "image/png" in data:
            number = first_figure + len(result.figures)
            figure, size = choose_figure(data, output.get("metadata", {}), f"{prefix}-{number}")
            alt = alts[len(result.figures)] if len(result.figures) < len(alts) else str(data.get(TITLE_MIME, ""))
            result.figures.append(figure)
            if not alt:
                result.problems.append(missing_alt(src, line, len(result.figures)))
            parts.append(render_image(figure.name, alt, size))
        elif "text/html" in data:
            parts.append(f'<div class="page-output__html">{BLOCKS_RE.sub("", str(data["text/html"])).strip()}</div>')
        elif "text/plain" in data and not MATPLOTLIB_REPR_RE.match(str(data["text/plain"])):
            text.append(str(data["text/plain"]) + "\n")
    parts += [render_text("".join(text))] if text else []
    result.html = WRAPPER.format(body="\n".join(parts)) if parts else ""
    return result


def render_text(text: str) -> str:
    """Preformatted output; longer than ``FOLD_LINES`` lines, folded under a summary."""
    lines = ANSI_RE.sub("", text).rstrip("\n").split("\n")
    pre = f'<pre class="page-output__text"><code>{html.escape(chr(10).join(lines))}</code></pre>'
    if len(lines) <= FOLD_LINES:
        return pre
    return f"<details><summary>Output ({len(lines)} lines)</summary>\n{pre}\n</details>"


def render_error(output: Any) -> str:
    """An error a block was marked to raise, under a plain label."""
    error = ANSI_RE.sub("", f"{output.get('ename', 'Error')}: {output.get('evalue', '')}")
    return (
        f'<p class="page-output__label">{ON_PURPOSE}</p>\n'
        f'<pre class="page-output__error"><code>{html.escape(error)}</code></pre>'
    )


def render_image(name: str, alt: str, size: tuple[int, int] | None) -> str:
    """A lazy-loaded figure with its alt text and, when known, its size (no layout shift)."""
    dimensions = f' width="{size[0]}" height="{size[1]}"' if size else ""
    return f'<img class="page-output__figure" src="{name}" alt="{html.escape(alt)}" loading="lazy"{dimensions}>'


def choose_figure(data: dict[str, Any], metadata: dict[str, Any], stem: str) -> tuple[Figure, tuple[int, int] | None]:
    """The figure as SVG when small, else PNG, and its display size in CSS pixels."""
    svg = str(data.get("image/svg+xml", ""))
    if svg and (len(svg.encode()) <= SVG_MAX_BYTES or "image/png" not in data):
        match = SVG_SIZE_RE.search(svg)
        size = (round(float(match["w"]) * 4 / 3), round(float(match["h"]) * 4 / 3)) if match else None
        return Figure(f"{stem}.svg", svg.encode()), size
    png = base64.b64decode(str(data["image/png"]))
    shown = metadata.get("image/png", {})  # retina figures: drawn at twice the size they show at
    if "width" in shown and "height" in shown:
        return Figure(f"{stem}.png", png), (int(shown["width"]), int(shown["height"]))
    return Figure(f"{stem}.png", png), png_size(png)


def missing_alt(src: str, line: int, number: int) -> Problem:
    """A figure without alt text, located at its block."""
    return Problem(
        src,
        line,
        f"figure {number} of this block has no alt text",
        "add a comment '# alt: what the figure shows' to the block (one per figure, in order), "
        "or give the figure a title",
        kind="execution",
    )
