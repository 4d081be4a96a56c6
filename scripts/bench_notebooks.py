"""Benchmark the notebook pipeline against mkdocs-jupyter's own execution, in one run.

Works on a copy of the repository in a temporary folder (edits never touch the work tree) and
prints, with ratios:

- a build with execution off (the notebooks rendered as stored), as the baseline;
- a cold build (empty caches), a warm rebuild (nothing changed), a rebuild after editing one
  Markdown cell, and a rebuild after editing one code cell;
- the same site built by mkdocs-jupyter with ``execute: true`` (serial, its cache off);
- the sum of the per-notebook execution times;
- notebook page weight (HTML bytes, images excluded) against a Markdown page.

Targets: warm rebuild and Markdown-cell edit within 1.3x of the execution-off build; cold build
at most 0.7x of mkdocs-jupyter's; a notebook page under 3x a Markdown page.

    python scripts/bench_notebooks.py [--keep]
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import yaml

REPO = Path(__file__).resolve().parent.parent
SKIPPED = (
    ".git",
    ".venv",
    ".cache",
    "site",
    "node_modules",
    "__pycache__",
    ".pytest_cache",
    ".mypy_cache",
    ".ruff_cache",
)
EDITED = "docs/notebooks/gradient-descent.ipynb"
MARKDOWN_PAGE = "core-ml/logistic-regression/index.html"


def copy_repo(target: Path) -> None:
    """The work tree without its environment, caches and build output."""
    shutil.copytree(REPO, target, ignore=shutil.ignore_patterns(*SKIPPED), dirs_exist_ok=True)


def build(root: Path, site: Path, config: str = "mkdocs.yml", **env: str) -> float:
    """Seconds for one ``mkdocs build`` (not strict: the comparison builds must finish too)."""
    environment = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "ROADMAP_NOTEBOOK_CACHE": str(root / ".cache" / "notebooks"),
        **env,
    }
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", config, "-d", str(site)],
        cwd=root,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"build failed ({config}):\n{result.stderr[-3000:]}")
    return elapsed


def mkdocs_jupyter_config(root: Path) -> str:
    """A config where mkdocs-jupyter executes the notebooks itself and the pipeline hook is off."""
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["hooks"] = [h for h in config["hooks"] if not h.endswith("notebooks.py")]
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "mkdocs-jupyter" in plugin:
            plugin["mkdocs-jupyter"].update({"execute": True, "cache": False})
    (root / "mkdocs-jupyter.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return "mkdocs-jupyter.yml"


def edit_notebook(path: Path, cell_type: str) -> None:
    """Change the first cell of a type: a sentence to a Markdown cell, a comment to a code cell."""
    notebook = nbformat.read(path, as_version=4)
    cell = next(c for c in notebook.cells if c.cell_type == cell_type)
    cell.source += (
        "\n\nA sentence added for the benchmark."
        if cell_type == "markdown"
        else "\n# a comment added for the benchmark"
    )
    nbformat.write(notebook, path)


def working_copy(prefix: str) -> tuple[Path, Path]:
    """A temporary folder with a copy of the repository in it, execution on, mkdocs-jupyter's cache warm.

    Returns the folder (for the sites the benchmark builds) and the copy's root.
    """
    work = Path(tempfile.mkdtemp(prefix=prefix))
    root = work / "repo"
    root.mkdir()
    copy_repo(root)
    os.environ.pop("ROADMAP_NOTEBOOKS", None)
    print(f"working copy: {root}  cores: {os.cpu_count()}", flush=True)
    build(root, work / "off-warmup", ROADMAP_NOTEBOOKS="off")  # fills mkdocs-jupyter's HTML cache
    return work, root


def html_bytes(path: Path) -> int:
    """Size of a page's HTML (images are separate files, or base64 inside the HTML)."""
    return len(path.read_bytes())


def main() -> int:
    """Run the builds and print the figures."""
    keep = "--keep" in sys.argv
    work, root = working_copy("bench-notebooks-")
    off = build(root, work / "off", ROADMAP_NOTEBOOKS="off")
    shutil.rmtree(root / ".cache")
    cold = build(root, work / "cold")
    report = json.loads((work / "cold" / "notebooks" / "execution-report.json").read_text(encoding="utf-8"))
    warm = build(root, work / "warm")
    edit_notebook(root / EDITED, "markdown")
    markdown_edit = build(root, work / "md-edit")
    edit_notebook(root / EDITED, "code")
    code_edit = build(root, work / "code-edit")
    shutil.rmtree(root / ".cache" / "mkdocs-jupyter", ignore_errors=True)
    serial = build(root, work / "mkdocs-jupyter", mkdocs_jupyter_config(root))

    notebook_pages = sorted((work / "cold" / "notebooks").glob("*/index.html"))
    ours = statistics.median(html_bytes(p) for p in notebook_pages)
    theirs = statistics.median(
        html_bytes(work / "mkdocs-jupyter" / p.relative_to(work / "cold")) for p in notebook_pages
    )
    markdown = html_bytes(work / "cold" / MARKDOWN_PAGE)

    rows = [
        ("build with execution off (baseline)", off, off),
        ("cold build, empty caches", cold, off),
        ("warm rebuild, nothing changed", warm, off),
        ("rebuild after a Markdown-cell edit", markdown_edit, off),
        ("rebuild after a code-cell edit", code_edit, off),
        ("mkdocs-jupyter execute: true (serial)", serial, off),
    ]
    print(f"\n{'build':<40} {'seconds':>8} {'x baseline':>11}")
    for name, seconds, base in rows:
        print(f"{name:<40} {seconds:>8.1f} {seconds / base:>11.2f}")
    print(f"\ncold build / mkdocs-jupyter build:        {cold / serial:.2f}  (target <= 0.70)")
    print(f"warm rebuild / execution off:             {warm / off:.2f}  (target <= 1.30)")
    print(f"Markdown-cell edit / execution off:       {markdown_edit / off:.2f}  (target <= 1.30)")
    totals = report["totals"]
    seconds, count = totals["execution_seconds"], totals["notebooks"]
    print(f"sum of per-notebook execution times:      {seconds:.1f} s over {count} notebooks")
    print(
        f"notebook page HTML (median):              {ours / 1024:.0f} KB ours, {theirs / 1024:.0f} KB mkdocs-jupyter's"
    )
    print(f"Markdown topic page HTML:                 {markdown / 1024:.0f} KB")
    ratio, theirs_ratio = ours / markdown, theirs / markdown
    print(f"notebook page / Markdown page:            {ratio:.2f}  (target < 3; mkdocs-jupyter's: {theirs_ratio:.2f})")
    if not keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
