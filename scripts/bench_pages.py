"""Benchmark executed topic pages (issue 11), in one run, with ratios.

Works on a copy of the repository in a temporary folder (edits never touch the work tree) and
prints:

- a build with execution off, as the baseline (short builds: the median of three);
- a cold build (empty caches: every topic page and notebook executed) and the sum of the
  per-page and per-notebook execution times;
- a warm rebuild (nothing changed);
- a rebuild after a prose-only edit on a topic page (no block may re-run);
- a rebuild after editing one code block (only that page may re-run);
- the HTML weight of the executed topic pages against the same pages built with execution off.

Targets: warm rebuild and prose edit within 1.3x of the execution-off build; cold build at most
0.7x the sum of execution times plus the execution-off build; a code edit re-runs one page.

    python scripts/bench_pages.py [--keep]
"""

from __future__ import annotations

import json
import shutil
import statistics
import sys
from pathlib import Path
from typing import Any

from bench_notebooks import build, working_copy  # a sibling script: scripts/ is on sys.path when run

EDITED = "docs/core-ml/k-means.md"
PROSE = "Real data rarely gives such a clean answer."
CODE = "X = StandardScaler().fit_transform(X)\n"
PAGES_REPORT = "notebooks/page-execution-report.json"
NOTEBOOKS_REPORT = "notebooks/execution-report.json"


def best_of(runs: int, root: Path, site: Path, **env: str) -> float:
    """The median of a few builds: short builds on a shared machine are noisy."""
    return statistics.median(build(root, site, **env) for _ in range(runs))


def report(site: Path, path: str) -> dict[str, Any]:
    """An execution report of a built site."""
    data: dict[str, Any] = json.loads((site / path).read_text(encoding="utf-8"))
    return data


def rerun(site: Path) -> list[str]:
    """The pages whose blocks ran (were not taken from the cache) in a build."""
    return [row["notebook"] for row in report(site, PAGES_REPORT)["notebooks"] if row["cache"] == "miss"]


def edit(path: Path, old: str, new: str) -> None:
    """Replace one passage of a page."""
    text = path.read_text(encoding="utf-8")
    if old not in text:
        raise SystemExit(f"{path}: the benchmark's edit no longer applies: {old!r} not found")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def html_ratio(executed: Path, off: Path, pages: list[str]) -> tuple[float, float]:
    """Median and largest ratio of a page's HTML executed to the same page with execution off."""
    ratios = [
        (executed / page / "index.html").stat().st_size / (off / page / "index.html").stat().st_size for page in pages
    ]
    return statistics.median(ratios), max(ratios)


def main() -> int:
    """Run the builds and print the figures."""
    keep = "--keep" in sys.argv
    work, root = working_copy("bench-pages-")
    off = best_of(3, root, work / "off", ROADMAP_NOTEBOOKS="off")
    shutil.rmtree(root / ".cache" / "notebooks", ignore_errors=True)
    cold = build(root, work / "cold")
    pages = report(work / "cold", PAGES_REPORT)
    notebooks = report(work / "cold", NOTEBOOKS_REPORT)
    executed_seconds = pages["totals"]["execution_seconds"] + notebooks["totals"]["execution_seconds"]
    warm = best_of(3, root, work / "warm")
    edit(root / EDITED, PROSE, PROSE + " A sentence added for the benchmark.")
    prose = best_of(3, root, work / "prose-edit")
    prose_reruns = rerun(work / "prose-edit")
    edit(root / EDITED, CODE, CODE + "# a comment added for the benchmark\n")
    code = build(root, work / "code-edit")
    code_reruns = rerun(work / "code-edit")

    topic_pages = [row["notebook"].removesuffix(".md") for row in pages["notebooks"]]
    median, largest = html_ratio(work / "cold", work / "off", topic_pages)
    rows = [
        ("build with execution off (baseline)", off),
        ("cold build, empty caches", cold),
        ("warm rebuild, nothing changed", warm),
        ("rebuild after a prose-only edit", prose),
        ("rebuild after a code-block edit", code),
    ]
    print(f"\n{'build':<40} {'seconds':>8} {'x baseline':>11}")
    for name, seconds in rows:
        print(f"{name:<40} {seconds:>8.1f} {seconds / off:>11.2f}")
    print(f"\nwarm rebuild / execution off:             {warm / off:.2f}  (target <= 1.30)")
    print(f"prose edit / execution off:               {prose / off:.2f}  (target <= 1.30)")
    print(f"blocks re-run by the prose edit:          {len(prose_reruns)}  (target 0) {prose_reruns}")
    print(f"pages re-run by the code edit:            {code_reruns}  (target: only {EDITED.removeprefix('docs/')})")
    count = pages["totals"]["notebooks"] + notebooks["totals"]["notebooks"]
    print(f"sum of execution times:                   {executed_seconds:.1f} s over {count} pages and notebooks")
    bound = 0.7 * executed_seconds + off
    print(
        f"cold build / (0.7 x sum + off):           {cold / bound:.2f}  (target <= 1.00; {cold:.0f} s / {bound:.0f} s)"
    )
    print(f"topic page HTML, executed / off:          median {median:.2f}, largest {largest:.2f}  (target < 1.50)")
    if not keep:
        shutil.rmtree(work, ignore_errors=True)
    else:
        print(f"kept: {work}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
