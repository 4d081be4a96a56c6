"""The bar above a notebook page: download and Colab links, and how its outputs were produced."""

from __future__ import annotations

import posixpath
from html import escape

from mlroadmap.notebooks.execute import NotebookRun


def actions_bar(src: str, colab: str, run: NotebookRun | None) -> str:
    """Download and Open-in-Colab (when ``colab`` is a URL) links, and when the outputs were produced."""
    links = [f'<a class="md-button" href="{escape(posixpath.basename(src))}" download>Download notebook</a>']
    if colab:
        links.append(f'<a class="md-button" href="{escape(colab)}">Open in Colab</a>')
    status = ""
    if run is not None and run.ok:
        how = "reused from the execution cache" if run.status == "cached" else f"executed in {run.seconds:.1f} s"
        status = f'<span class="nb-status">Outputs produced when the site was built ({how}).</span>'
    return f'<div class="nb-actions" data-search-exclude>{" ".join(links)} {status}</div>\n'
