"""Slim the notebook HTML that mkdocs-jupyter renders.

mkdocs-jupyter inlines ~600 KB of JupyterLab CSS, a clipboard script and a MathJax loader into
every notebook page, repeats each code cell's source for its copy button, and embeds figures as
base64. This keeps the cells and outputs and drops the rest: the site's own stylesheet styles
the cells in both colour schemes, Material's code blocks give copy buttons, KaTeX renders the
maths as on every other page, figures become image files, and outputs stay out of search.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import struct
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup
from bs4.element import Comment, NavigableString, Tag

SLIM_VERSION = "2"  # bump when slim_notebook_html changes what it produces
# Inline stylesheets, scripts and comments, removed as text before parsing: most of the bytes.
BLOCKS_RE = re.compile(r"<style\b[^>]*>.*?</style>|<script\b[^>]*>.*?</script>|<!--.*?-->", re.DOTALL | re.IGNORECASE)
REMOVED_ELEMENTS = frozenset({"style", "script", "clipboard-copy"})
# "celltoolbar" would print a cell's raw tags ("raises-exception") to readers.
REMOVED_CLASSES = frozenset(
    {"zeroclipboard-container", "clipboard-copy-txt", "jp-Collapser", "jp-InputPrompt", "jp-OutputPrompt"}
    | {"celltoolbar"}
)
ON_PURPOSE = "This cell fails on purpose"
DISPLAY_MATH_RE = re.compile(r"\$\$(.+?)\$\$", re.DOTALL)
INLINE_MATH_RE = re.compile(r"(?<![\\$])\$(?!\s)([^$\n]+?)(?<!\s)\$(?!\d)")
DATA_URI_RE = re.compile(r"data:image/(png|jpeg|gif|svg\+xml);base64,(.*)", re.DOTALL)
EXTENSIONS = {"png": "png", "jpeg": "jpg", "gif": "gif", "svg+xml": "svg"}


@dataclass(frozen=True)
class Figure:
    """An image taken out of a notebook page, to be written beside it."""

    name: str
    data: bytes


def slim_notebook_html(html: str, figure_prefix: str) -> tuple[str, list[Figure]]:
    """Return the slimmed HTML and the figures it now links to (``<prefix>-<n>.<ext>``)."""
    soup = BeautifulSoup(BLOCKS_RE.sub("", html), "html.parser")
    _remove_clutter(soup)
    _label_intentional_errors(soup)
    _use_material_code_blocks(soup)
    _keep_outputs_out_of_search(soup)
    _mark_maths(soup)
    figures = _extract_figures(soup, figure_prefix)
    return str(soup), figures


def _remove_clutter(soup: BeautifulSoup) -> None:
    """One pass over the tree: drop clutter elements, stray ids and tab stops; fix permalinks."""
    for element in soup.find_all(True):
        if element.decomposed:
            continue
        classes = set(element.get("class") or ())
        if element.name in REMOVED_ELEMENTS or classes & REMOVED_CLASSES:
            element.decompose()
            continue
        if "tabindex" in element.attrs:
            del element["tabindex"]
        if "jp-Cell" in classes and "id" in element.attrs:
            del element["id"]
        if "anchor-link" in classes:
            element["class"] = "headerlink"  # Material's permalink style: shown on hover only


def _label_intentional_errors(soup: BeautifulSoup) -> None:
    """Outputs of a cell tagged ``raises-exception`` start with a plain label, not the raw tag."""
    for area in soup.select(".celltag_raises-exception .jp-OutputArea"):
        label = soup.new_tag("p", attrs={"class": "nb-fails-on-purpose"})
        label.string = ON_PURPOSE
        area.insert(0, label)


def _use_material_code_blocks(soup: BeautifulSoup) -> None:
    """``div.highlight-ipynb > pre`` becomes Material's ``div.highlight > pre > code``."""
    for block in soup.find_all("div", class_="highlight-ipynb"):
        block["class"] = "highlight"
        pre = block.find("pre")
        if isinstance(pre, Tag) and pre.find("code", recursive=False) is None:
            code = soup.new_tag("code")
            for child in list(pre.contents):
                code.append(child.extract())
            pre.append(code)


def _keep_outputs_out_of_search(soup: BeautifulSoup) -> None:
    for element in soup.find_all(class_="jp-OutputArea"):
        element["data-search-exclude"] = ""
    for cell in soup.find_all(class_="jp-CodeCell"):
        for element in cell.find_all(class_="jp-InputArea"):
            element["data-search-exclude"] = ""


def _mark_maths(soup: BeautifulSoup) -> None:
    """Wrap ``$...$`` and ``$$...$$`` in Markdown cells as arithmatex does, for KaTeX."""
    for cell in soup.find_all(class_="jp-RenderedMarkdown"):
        for text in list(cell.find_all(string=True)):
            if isinstance(text, Comment) or text.find_parent(["code", "pre"]) or "$" not in text:
                continue
            text.replace_with(*_split_maths(soup, str(text)))


def _split_maths(soup: BeautifulSoup, text: str) -> list[NavigableString | Tag]:
    parts: list[NavigableString | Tag] = []
    position = 0
    pattern = re.compile(f"{DISPLAY_MATH_RE.pattern}|{INLINE_MATH_RE.pattern}", re.DOTALL)
    for match in pattern.finditer(text):
        parts.append(NavigableString(text[position : match.start()]))
        display, inline = match.group(1), match.group(2)
        tag = soup.new_tag("span", attrs={"class": "arithmatex"})
        tag.string = f"\\[{display.strip()}\\]" if display is not None else f"\\({inline}\\)"
        if display is not None:
            tag.name = "div"
        parts.append(tag)
        position = match.end()
    parts.append(NavigableString(text[position:]))
    return [part for part in parts if not isinstance(part, NavigableString) or str(part)]


def _extract_figures(soup: BeautifulSoup, prefix: str) -> list[Figure]:
    figures: list[Figure] = []
    for image in soup.find_all("img"):
        match = DATA_URI_RE.match(str(image.get("src", "")))
        if match is None:
            continue
        data = base64.b64decode(match.group(2))
        name = f"{prefix}-{len(figures) + 1}.{EXTENSIONS[match.group(1)]}"
        figures.append(Figure(name, data))
        image["src"] = name
        image["loading"] = "lazy"
        image["alt"] = image.get("alt") or f"Figure {len(figures)} produced by the notebook"
        size = png_size(data) if match.group(1) == "png" else None
        if size:
            image["width"], image["height"] = str(size[0]), str(size[1])
    return figures


def png_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from a PNG header, or None if it is not a PNG."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or len(data) < 24:
        return None
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


def slim_cached(html: str, figure_prefix: str, cache_dir: Path) -> tuple[str, list[Figure]]:
    """:func:`slim_notebook_html`, remembered by the hash of its input (a warm rebuild skips it)."""
    key = hashlib.sha256(f"{SLIM_VERSION}\0{figure_prefix}\0{html}".encode()).hexdigest()
    entry = cache_dir / f"{key}.json"
    if entry.is_file():
        data = json.loads(entry.read_text(encoding="utf-8"))
        return data["html"], [Figure(name, base64.b64decode(blob)) for name, blob in data["figures"]]
    slim, figures = slim_notebook_html(html, figure_prefix)
    cache_dir.mkdir(parents=True, exist_ok=True)
    payload = {"html": slim, "figures": [(f.name, base64.b64encode(f.data).decode()) for f in figures]}
    temporary = entry.with_suffix(".tmp")
    temporary.write_text(json.dumps(payload), encoding="utf-8")
    temporary.replace(entry)
    return slim, figures
